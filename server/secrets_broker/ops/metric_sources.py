"""Where the counters and gauges of metrics.CATALOGUE come from: each watcher reads a
component's own counters when metrics are collected, so serving a call costs nothing
extra for them."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography import x509

from secrets_broker import metrics
from secrets_broker.access.audit.sink import AuditSink
from secrets_broker.api.limits import CallGuard
from secrets_broker.cache import SecretCache
from secrets_broker.metrics import Reading, Registry
from secrets_broker.stores.breaker import State
from secrets_broker.stores.guard import GuardedStore

_BREAKER_VALUE = {State.CLOSED: 0.0, State.HALF_OPEN: 1.0, State.OPEN: 2.0}
# The guard's counters (stores/guard.py) that are store errors, by kind.
_STORE_ERROR_KINDS = {"failures": "unavailable", "timeouts": "timeout", "rejected": "circuit_open"}


def _attribute(obj: object, name: str) -> list[Reading]:
    return [(float(getattr(obj, name)), ())]


def watch_cache(registry: Registry, cache: SecretCache) -> None:
    for spec, attribute in (
        (metrics.CACHE_HITS, "hits"),
        (metrics.CACHE_MISSES, "misses"),
        (metrics.CACHE_JOINS, "joins"),
        (metrics.CACHE_STALE, "stale_served"),
        (metrics.CACHE_EVICTIONS, "evictions"),
    ):
        registry.watch(spec, functools.partial(_attribute, cache, attribute))
    registry.watch(metrics.CACHE_ENTRIES, lambda: [(float(len(cache)), ())])


def watch_store(registry: Registry, store: GuardedStore) -> None:
    name = store.name

    def errors() -> Iterator[Reading]:
        for counter, kind in _STORE_ERROR_KINDS.items():
            yield float(store.counters[counter]), (name, kind)

    registry.watch(metrics.STORE_ERRORS, errors)
    registry.watch(metrics.STORE_RETRIES, lambda: [(float(store.counters["retries"]), (name,))])
    registry.watch(
        metrics.STORE_BREAKER_OPENINGS, lambda: [(float(store.counters["opened"]), (name,))]
    )
    registry.watch(metrics.STORE_BREAKER_STATE, lambda: [(_BREAKER_VALUE[store.state], (name,))])


def watch_limits(registry: Registry, guard: CallGuard) -> None:
    registry.watch(
        metrics.LIMIT_REJECTIONS,
        lambda: [(float(n), (reason,)) for reason, n in list(guard.rejected.items())],
    )


def file_leaf(cert_file: Path) -> Callable[[], x509.Certificate]:
    """The first certificate in ``cert_file`` as it is on disk when asked (a rotated
    file is picked up)."""
    return lambda: x509.load_pem_x509_certificate(cert_file.read_bytes())


def days_left(leaf: x509.Certificate, now: datetime.datetime | None = None) -> float:
    """Days until ``leaf`` expires (negative once it has)."""
    now = now or datetime.datetime.now(datetime.UTC)
    return (leaf.not_valid_after_utc - now).total_seconds() / 86_400


def watch_certificate(registry: Registry, leaf: Callable[[], x509.Certificate]) -> None:
    """The server certificate being served: ``leaf`` gives the current one (a file's,
    or the Workload API's SVID)."""
    registry.watch(metrics.CERTIFICATE_EXPIRY, lambda: [(days_left(leaf()), ())])


def watch_audit(registry: Registry, sink: AuditSink) -> None:
    """The audit trail's backlog (its write times are recorded by the sink itself)."""
    registry.watch(metrics.AUDIT_QUEUE_DEPTH, lambda: [(float(sink.backlog), ())])
