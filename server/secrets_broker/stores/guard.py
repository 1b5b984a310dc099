"""Wraps any Store with a time limit, a circuit breaker and safe retries.

Every store plugin gets the same behaviour when its backend fails:

- Each call answers within ``call_timeout_seconds`` (retries included), or sooner when
  the caller's deadline (domain/deadline.py) is nearer. The store's own work runs in a
  task of its own: on a timeout or a cancelled caller it is cancelled and left to clean
  up in the background, so a driver that lingers over a dead connection (psycopg waits
  to cancel a query; a thread blocks on a socket) never holds the caller.
- ``failure_threshold`` failures in a row (UNAVAILABLE or timeouts) open the breaker:
  calls then fail at once with UNAVAILABLE/STORE_UNAVAILABLE and a RetryInfo, until a
  probe (``versions`` of a reserved name, in the background every ``open_seconds``, or
  the first call after that) finds the store answering again.
- Reads are retried with capped, jittered exponential backoff. Writes are
  retried only when that is provably safe: the store said nothing was applied
  (NotApplied), or the write is a compare-and-set, whose retry cannot apply twice; a
  CAS retry that then loses is checked against the store (our own earlier attempt may
  have landed). Otherwise the caller gets UNAVAILABLE saying whether the write may
  have been applied; earlier versions are never touched by a failed write.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from secrets_broker.domain import deadline
from secrets_broker.domain.errors import (
    Aborted,
    BrokerError,
    KeyUnavailable,
    NotApplied,
    Unavailable,
)
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import RESERVED_PREFIX, SecretName
from secrets_broker.domain.versions import VersionChange, VersionInfo
from secrets_broker.metrics import Registry
from secrets_broker.stores.base import MetadataList, Store, VersionInfoList, VersionList
from secrets_broker.stores.breaker import CircuitBreaker, CircuitOpen, State
from secrets_broker.stores.observe import StoreCalls

T = TypeVar("T")
log = logging.getLogger("secrets_broker.stores.guard")

PROBE_NAME = SecretName(RESERVED_PREFIX + "health-probe")


@dataclass(frozen=True, slots=True)
class GuardSettings:
    """See ResilienceConfig in ops/config.py for each field's meaning and bounds."""

    call_timeout_seconds: float = 2.0
    failure_threshold: int = 5
    open_seconds: float = 5.0
    read_attempts: int = 3
    write_attempts: int = 3
    backoff_initial_ms: int = 20
    backoff_max_ms: int = 500


class _Ambiguous(Exception):
    """Internal: an attempt failed in a way that may have applied the write."""


class GuardedStore:
    """A Store that bounds, breaks and retries the calls to ``inner`` (named ``name``)."""

    def __init__(
        self,
        inner: Store,
        name: str,
        settings: GuardSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        on_health: Callable[[str, bool], None] | None = None,
        background_probe: bool = True,
        metrics: Registry | None = None,
    ) -> None:
        self.inner = inner
        self.name = name
        self.settings = settings
        self.counters: Counter[str] = Counter()  # read by ops/metrics_export.py
        self._calls = StoreCalls(name, metrics or Registry())
        self._on_health = on_health
        self._background_probe = background_probe
        self._breaker = CircuitBreaker(
            settings.failure_threshold, settings.open_seconds, clock=clock, on_change=self._changed
        )
        self._abandoned: set[asyncio.Task[Any]] = set()
        self._prober: asyncio.Task[None] | None = None

    @property
    def state(self) -> State:
        return self._breaker.state

    # -- the Store protocol -----------------------------------------------------------

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        return await self._calls.run(
            "get", lambda: self._read(lambda: self.inner.get(name, version))
        )

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        return await self._calls.run(
            "list", lambda: self._read(lambda: self.inner.list(prefix, limit, after))
        )

    async def versions(self, name: SecretName) -> VersionList:
        return await self._calls.run(
            "versions", lambda: self._read(lambda: self.inner.versions(name))
        )

    async def version_info(self, name: SecretName) -> VersionInfoList:
        return await self._read(lambda: self.inner.version_info(name))

    async def set_version_state(
        self,
        name: SecretName,
        version: int,
        change: VersionChange,
        *,
        at: datetime | None = None,
    ) -> VersionInfo:
        """A state change is idempotent (the same change twice leaves the same state), so
        it is retried like a compare-and-set even when an attempt may have landed."""

        async def attempt() -> VersionInfo:
            try:
                return await self._once(
                    lambda: self.inner.set_version_state(name, version, change, at=at)
                )
            except NotApplied:
                raise
            except Unavailable as exc:
                raise _Ambiguous(str(exc)) from exc

        return await self._write(attempt, what=f"{change.value} of {name} version {version}")

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        conditional = expected_version is not None or bool(expected_etag)
        ambiguous = False

        async def attempt() -> SecretMetadata:
            nonlocal ambiguous
            try:
                return await self._once(
                    lambda: self.inner.put(
                        name,
                        content,
                        expected_version=expected_version,
                        expected_etag=expected_etag,
                    )
                )
            except (NotApplied, KeyUnavailable):
                raise
            except Unavailable as exc:
                ambiguous = True
                if conditional:
                    raise _Ambiguous(str(exc)) from exc
                raise
            except Aborted:
                if not ambiguous:
                    raise
                landed = await self._landed(name, content, expected_version)
                if landed is None:
                    raise
                return landed

        return await self._calls.run("put", lambda: self._write(attempt, what=f"write of {name}"))

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        async def attempt() -> None:
            await self._once(lambda: self.inner.delete(name, expected_etag=expected_etag))

        await self._calls.run("delete", lambda: self._write(attempt, what=f"delete of {name}"))

    async def close(self) -> None:
        if self._prober is not None:
            self._prober.cancel()
        await self.inner.close()

    # -- calls ------------------------------------------------------------------------

    def _budget(self) -> tuple[float, bool]:
        """Seconds this call may take, and whether the caller's deadline sets it."""
        limit = self.settings.call_timeout_seconds
        left = deadline.remaining()
        if left is not None and left < limit:
            return max(left, 0.0), True
        return limit, False

    async def _retried(
        self, call: Callable[[], Awaitable[T]], attempts: int, retry: Callable[[Exception], bool]
    ) -> T:
        """``call`` until it succeeds, fails for good or ``attempts`` are spent, pausing
        between tries for a random time up to an exponentially growing cap ("full
        jitter"); a pause that would overrun the call's budget ends the tries."""
        s, (budget, _) = self.settings, self._budget()
        give_up = time.monotonic() + budget
        for attempt in range(1, attempts + 1):
            try:
                return await call()
            except Exception as exc:
                pause = backoff_pause(attempt, s)
                if attempt == attempts or not retry(exc) or time.monotonic() + pause > give_up:
                    raise
            self.counters["retries"] += 1
            await asyncio.sleep(pause)
        raise AssertionError("unreachable")

    async def _bounded(self, call: Callable[[], Awaitable[T]]) -> T:
        """Runs ``call`` (retries and all) within the call budget."""
        budget, callers = self._budget()
        try:
            async with asyncio.timeout(budget) as bound:
                return await call()
        except TimeoutError:
            if not bound.expired():
                raise  # the store's own TimeoutError, not our limit
        self.counters["timeouts"] += 1
        if callers:  # the caller's haste, not the store's failure
            raise Unavailable(f"store {self.name!r} did not answer before the caller's deadline")
        self._breaker.failure()
        raise Unavailable(
            f"store {self.name!r} did not answer within {budget:g}s",
            retry_after_seconds=self.settings.open_seconds,
        )

    async def _read(self, call: Callable[[], Awaitable[T]]) -> T:
        attempts = self.settings.read_attempts
        return await self._bounded(
            lambda: self._retried(lambda: self._once(call), attempts, _retry_read)
        )

    async def _write(self, attempt: Callable[[], Awaitable[T]], what: str) -> T:
        attempts = self.settings.write_attempts
        try:
            return await self._bounded(lambda: self._retried(attempt, attempts, _retry_write))
        except KeyUnavailable:
            raise  # raised before the store was reached: its own message says so
        except NotApplied as exc:  # CircuitOpen included: it stays that class
            raise type(exc)(
                f"{exc}; the {what} was not applied (earlier versions are intact)",
                retry_after_seconds=exc.retry_after_seconds or 1.0,
            ) from None
        except _Ambiguous as exc:
            raise Unavailable(
                f"{exc}; the {what} may or may not have been applied: read it to check "
                "(earlier versions are intact)"
            ) from None
        except Unavailable as exc:
            raise Unavailable(
                f"{exc}; the {what} may or may not have been applied: read it to check "
                "(earlier versions are intact)",
                retry_after_seconds=exc.retry_after_seconds or 1.0,
            ) from None

    async def _landed(
        self, name: SecretName, content: SecretContent, expected_version: int | None
    ) -> SecretMetadata | None:
        """After an ambiguous CAS attempt and a lost retry: did the first attempt land?"""
        latest = await self._once(lambda: self.inner.get(name))
        ours = latest.content.crc32c() == content.crc32c()
        if ours and (expected_version is None or latest.version == expected_version + 1):
            log.info("store %s: an earlier attempt of the write of %s had landed", self.name, name)
            return SecretMetadata.of(latest)
        return None

    async def _once(self, call: Callable[[], Awaitable[T]], *, probe: bool = False) -> T:
        """One call to the store, through the breaker, in a task of its own. While the
        background prober runs, callers never serve as the probe: they fail at once."""
        if probe or self._prober is None or self._prober.done():
            admitted = self._breaker.allow()
        else:
            admitted = self._breaker.state is State.CLOSED
        if not admitted:
            self.counters["rejected"] += 1
            raise CircuitOpen(
                f"store {self.name!r} is unavailable (failing; calls paused)",
                retry_after_seconds=max(self._breaker.retry_after(), 0.1),
            )
        task: asyncio.Task[T] = asyncio.ensure_future(call())
        try:
            await asyncio.wait((task,))
        except BaseException:  # the caller gave up (deadline or cancellation)
            self._abandon(task)
            self._breaker.abandon()
            raise
        try:
            result = task.result()
        except KeyUnavailable:
            self._breaker.abandon()  # the key provider failed, not the store
            raise
        except Unavailable:
            self.counters["failures"] += 1
            self._breaker.failure()
            raise
        except BrokerError:
            self._breaker.success()  # the store answered
            raise
        except BaseException:
            self._breaker.abandon()
            raise
        self._breaker.success()
        return result

    def _abandon(self, task: asyncio.Task[T]) -> None:
        if task.done():
            if not task.cancelled():
                task.exception()  # retrieved: no "never retrieved" warning
            return
        task.cancel()
        self._abandoned.add(task)
        task.add_done_callback(self._forget)

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._abandoned.discard(task)
        if not task.cancelled():
            task.exception()

    # -- health -----------------------------------------------------------------------

    def _changed(self, old: State, state: State) -> None:
        if state is State.OPEN and old is State.CLOSED:
            self.counters["opened"] += 1
            log.error(
                "store %s: %d failures in a row, calls paused (probe every %gs)",
                self.name,
                self.settings.failure_threshold,
                self.settings.open_seconds,
            )
            self._report(False)
            self._start_prober()
        elif state is State.OPEN:
            self._start_prober()  # a failed probe: keep probing
        elif state is State.CLOSED:
            log.warning("store %s answers again, calls resumed", self.name)
            self._report(True)

    def _report(self, serving: bool) -> None:
        if self._on_health is not None:
            self._on_health(self.name, serving)

    def _start_prober(self) -> None:
        if not self._background_probe or (self._prober and not self._prober.done()):
            return
        try:
            self._prober = asyncio.get_running_loop().create_task(self._probe_loop())
        except RuntimeError:  # no loop: the next call after open_seconds probes
            self._prober = None

    async def _probe_loop(self) -> None:
        while self._breaker.state is not State.CLOSED:
            pause = self._breaker.retry_after() + self.settings.open_seconds * 0.1 * random.random()  # noqa: S311
            await asyncio.sleep(pause)
            await self.probe()

    async def probe(self) -> bool:
        """One health probe if the breaker lets one through; True if the store answered."""
        try:
            with deadline.detached():
                await self._bounded(
                    lambda: self._once(lambda: self.inner.versions(PROBE_NAME), probe=True)
                )
        except CircuitOpen:
            return False
        except Unavailable:
            return False
        except BrokerError:
            return True  # NotFound and friends: the store answered
        return True


def backoff_pause(attempt: int, s: GuardSettings, rng: random.Random | None = None) -> float:
    """The pause after failed try ``attempt`` (1-based): uniform in [0, cap], the cap
    doubling from backoff_initial_ms up to backoff_max_ms ("full jitter")."""
    cap = min(s.backoff_max_ms, s.backoff_initial_ms * 2 ** (attempt - 1)) / 1000
    return (rng or random).uniform(0, cap)


def _retry_read(exc: Exception) -> bool:
    return isinstance(exc, Unavailable) and not isinstance(exc, CircuitOpen | KeyUnavailable)


def _retry_write(exc: Exception) -> bool:
    return isinstance(exc, _Ambiguous) or (
        isinstance(exc, NotApplied) and not isinstance(exc, CircuitOpen)
    )
