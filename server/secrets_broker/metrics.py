"""The broker's metrics: what is measured, recorded cheaply where it happens.

A leaf module (it imports nothing from the package), so every layer may record into
it. ``CATALOGUE`` lists every metric the broker exports (the README's table follows
it). Recording on the hot path costs a list-index increment and a few additions,
about half a microsecond; the OpenTelemetry SDK's synchronous instruments cost 5-20 us
per measurement in CPython (attribute cleaning and hashing on every call), which a
cache hit cannot afford. ops/metrics_export.py turns what is recorded here into
OpenTelemetry metrics when they are collected (a Prometheus scrape, an OTLP push, a
test's in-memory reader):

* histograms: ``registry.histogram(SPEC).series(*label_values)`` is a bound series,
  kept by the caller and ``observe``d on each event;
* counters and gauges: ``registry.watch(SPEC, callback)``; the callback reads a
  component's own counters (cache hits, breaker state, a queue's depth) at collection.

Label values come from small fixed sets (method, status code, store name, outcome):
never an identity, a secret name or anything else a caller chooses.

The audit sink, for one, is given ``registry.histogram(AUDIT_WRITE_DURATION).series()``
to observe each batch's write time in its writer thread, and its backlog is watched
(ops/app.py, ops/metric_sources.py).
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Literal

log = logging.getLogger("secrets_broker.metrics")

Kind = Literal["counter", "gauge", "histogram"]
Reading = tuple[float, tuple[str, ...]]  # a value and its label values, in spec order
Watcher = Callable[[], Iterable[Reading]]

# Seconds: a cache hit answers in well under a millisecond, a store miss in a few.
LATENCY_BOUNDS = (
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
    0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Spec:
    """One metric. ``name`` is its OpenTelemetry name; in Prometheus dots become
    underscores, the unit is appended (``_seconds``, ``_days``) and counters end in
    ``_total``."""

    name: str
    kind: Kind
    unit: str
    description: str
    labels: tuple[str, ...] = ()
    bounds: tuple[float, ...] = LATENCY_BOUNDS

    @property
    def prometheus_name(self) -> str:
        unit = {"s": "_seconds", "d": "_days"}.get(self.unit, "")
        base = self.name.replace(".", "_") + unit
        return base + "_total" if self.kind == "counter" else base


def _spec(name: str, kind: Kind, unit: str, description: str, *labels: str) -> Spec:
    return Spec("secretsbroker." + name, kind, unit, description, labels)


RPC_DURATION = _spec(
    "rpc.duration", "histogram", "s", "time to answer an RPC (its count: RPCs)", "method", "code"
)
CACHE_HITS = _spec("cache.hits", "counter", "{lookup}", "reads answered from the cache")
CACHE_MISSES = _spec("cache.misses", "counter", "{lookup}", "reads that waited for a store")
CACHE_JOINS = _spec(
    "cache.single_flight_joins", "counter", "{lookup}", "misses that joined a load in flight"
)
CACHE_STALE = _spec(
    "cache.stale_served", "counter", "{lookup}", "expired values served because a store failed"
)
CACHE_EVICTIONS = _spec("cache.evictions", "counter", "{entry}", "entries dropped for room")
CACHE_ENTRIES = _spec("cache.entries", "gauge", "{entry}", "cached secret versions")
STORE_DURATION = _spec(
    "store.duration",
    "histogram",
    "s",
    "time of a store operation, retries included",
    "store",
    "operation",
    "outcome",
)
STORE_ERRORS = _spec(
    "store.errors", "counter", "{error}", "failed store calls, by kind", "store", "kind"
)
STORE_RETRIES = _spec("store.retries", "counter", "{retry}", "store calls tried again", "store")
STORE_BREAKER_STATE = _spec(
    "store.breaker.state", "gauge", "1", "circuit breaker: 0 closed, 1 half-open, 2 open", "store"
)
STORE_BREAKER_OPENINGS = _spec(
    "store.breaker.openings", "counter", "{opening}", "times the breaker opened", "store"
)
LIMIT_REJECTIONS = _spec(
    "limits.rejections", "counter", "{call}", "calls refused by a limit, by reason", "reason"
)
CERTIFICATE_EXPIRY = _spec(
    "tls.certificate.expiry", "gauge", "d", "days until the server certificate expires"
)
AUDIT_QUEUE_DEPTH = _spec(
    "audit.queue.depth", "gauge", "{record}", "audit records accepted, not yet written"
)
AUDIT_WRITE_DURATION = _spec(
    "audit.write.duration", "histogram", "s", "time to write one batch of audit records"
)

# Always reported: a collection with no data point at all would carry no histograms.
UPTIME = _spec("uptime", "gauge", "s", "seconds since the metrics started")

CATALOGUE = (
    UPTIME,
    RPC_DURATION,
    CACHE_HITS,
    CACHE_MISSES,
    CACHE_JOINS,
    CACHE_STALE,
    CACHE_EVICTIONS,
    CACHE_ENTRIES,
    STORE_DURATION,
    STORE_ERRORS,
    STORE_RETRIES,
    STORE_BREAKER_STATE,
    STORE_BREAKER_OPENINGS,
    LIMIT_REJECTIONS,
    CERTIFICATE_EXPIRY,
    AUDIT_QUEUE_DEPTH,
    AUDIT_WRITE_DURATION,
)


class Series:
    """One histogram series (a fixed set of label values): bucket counts, sum, min, max.

    Recorded from one thread (the event loop) at a time; a collector in another thread
    may read it mid-update and see one observation in the buckets but not yet in the
    sum, which the next collection corrects.
    """

    __slots__ = ("bounds", "counts", "max", "min", "start_ns", "total")

    def __init__(self, bounds: tuple[float, ...]) -> None:
        self.bounds = bounds
        self.counts = [0] * (len(bounds) + 1)
        self.total = 0.0
        self.min = float("inf")
        self.max = float("-inf")
        self.start_ns = time.time_ns()

    def observe(self, value: float) -> None:
        # bisect_left: a bucket's upper bound is inclusive, as in OpenTelemetry and Prometheus.
        self.counts[bisect_left(self.bounds, value)] += 1
        self.total += value
        if value < self.min:
            self.min = value
        if value > self.max:
            self.max = value


class Family:
    """The series of one histogram spec, one per distinct tuple of label values."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._series: dict[tuple[str, ...], Series] = {}

    def series(self, *values: str) -> Series:
        found = self._series.get(values)
        if found is None:
            if len(values) != len(self.spec.labels):
                raise ValueError(f"{self.spec.name}: labels are {self.spec.labels}")
            found = self._series[values] = Series(self.spec.bounds)
        return found

    def snapshot(self) -> list[tuple[tuple[str, ...], Series]]:
        return list(self._series.items())  # one C call: safe against a concurrent insert


class Registry:
    """Histogram families and watchers of one process (or one test's broker)."""

    def __init__(self) -> None:
        self._families: dict[str, Family] = {}
        self._watchers: dict[str, list[Watcher]] = {}
        started = time.monotonic()
        self.watch(UPTIME, lambda: [(time.monotonic() - started, ())])

    def histogram(self, spec: Spec) -> Family:
        if spec.kind != "histogram":
            raise ValueError(f"{spec.name} is a {spec.kind}, not a histogram")
        family = self._families.get(spec.name)
        if family is None:
            family = self._families[spec.name] = Family(spec)
        return family

    def families(self) -> list[Family]:
        return list(self._families.values())

    def watch(self, spec: Spec, watcher: Watcher) -> None:
        """``watcher`` reports values of ``spec`` (a counter or gauge) at each collection."""
        if spec.kind == "histogram":
            raise ValueError(f"{spec.name} is a histogram: record into its series")
        self._watchers.setdefault(spec.name, []).append(watcher)

    def readings(self, spec: Spec) -> list[Reading]:
        """What the watchers of ``spec`` report now; a failing watcher is logged, skipped."""
        out: list[Reading] = []
        for watcher in list(self._watchers.get(spec.name, ())):
            try:
                out.extend(watcher())
            except Exception:
                log.exception("metric %s: a watcher failed; its values are left out", spec.name)
        return out


# The process's registry: `serve` exports it. Tests give components their own.
REGISTRY = Registry()


class CallNote:
    """What one RPC did, noted by the layers below for its log line (api/observe.py)."""

    __slots__ = ("cache",)

    def __init__(self) -> None:
        self.cache = ""  # hit | miss | stale | mixed ("" when no secret was read)


_CALL: ContextVar[CallNote | None] = ContextVar("secrets_broker_call", default=None)


def begin_call() -> tuple[CallNote, Token[CallNote | None]]:
    """A fresh note for the RPC running in this task (and the tasks it starts); pass
    the token to ``end_call`` when the RPC ends."""
    note = CallNote()
    return note, _CALL.set(note)


def end_call(token: Token[CallNote | None]) -> None:
    _CALL.reset(token)


def note_cache(outcome: str) -> None:
    """Records a cache outcome for the current RPC, if there is one."""
    note = _CALL.get()
    if note is not None:
        note.cache = outcome if note.cache in ("", outcome) else "mixed"
