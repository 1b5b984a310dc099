"""Keeps this replica's cache and watchers in step with changes made anywhere.

It listens on the change bus: a notice drops what it makes stale from the cache and
wakes the watchers. When the bus may have lost notices the cache stops serving hits;
once notices flow again, ``resync`` compares the latest version of every cached or
watched name with the store, applies every difference as a notice, and only then lets
the cache serve hits again. The same comparison runs every ``resync_interval_seconds``
(a safety net for an announcement a peer could not send), and, for names routed to a
store that announces nothing (Vault: its KV metadata is polled), every
``poll_interval_seconds`` of that store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, Protocol

from secrets_broker.domain.errors import BrokerError, NotFound
from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionState
from secrets_broker.replication.bus import ChangeKind, ChangeNotice
from secrets_broker.replication.hub import WatchHub
from secrets_broker.stores.base import Store

log = logging.getLogger("secrets_broker.replication")

RESYNC_CONCURRENCY = 8


class Cache(Protocol):
    """What the replicator needs of the broker's cache (cache.py's SecretCache)."""

    @property
    def suspended(self) -> bool: ...

    def observe(self, name: SecretName, version: int, *, deleted: bool = False) -> None: ...

    def suspend(self) -> None: ...

    def resume(self) -> None: ...

    def latest_version(self, name: str) -> int | None: ...

    def cached_names(self) -> set[str]: ...


class Replicator:
    def __init__(self, cache: Cache, hub: WatchHub, store: Store) -> None:
        self._cache = cache
        self.hub = hub
        self._store = store
        self._tasks: set[asyncio.Task[None]] = set()
        self._resyncing: asyncio.Task[None] | None = None
        self.resyncs = 0
        self.notices = 0

    # -- BusListener ---------------------------------------------------------------------

    def notice(self, notice: ChangeNotice) -> None:
        self.notices += 1
        name = SecretName(notice.name)
        self._cache.observe(name, notice.version, deleted=notice.kind is ChangeKind.DELETED)
        self.hub.notice(notice)

    def lost(self) -> None:
        if not self._cache.suspended:
            log.warning("change notices may be missing: cached values are not served")
        self._cache.suspend()

    def restored(self) -> None:
        if self._resyncing is not None:
            self._resyncing.cancel()
        self._resyncing = self._spawn(self._resync_then_resume())

    async def _resync_then_resume(self) -> None:
        while True:
            try:
                await self.resync()
                break
            except BrokerError as exc:  # the store failed: hits stay off, try again
                log.warning("resync failed (%s); retrying", exc.reason)
                await asyncio.sleep(1.0)
        self._cache.resume()
        log.info("resynced: cached values are served again")

    # -- comparisons -------------------------------------------------------------------

    def tracked_names(self) -> set[str]:
        return self._cache.cached_names() | self.hub.watched_names()

    async def resync(self, names: Iterable[str] | None = None) -> int:
        """Compares each name's latest version with the store; returns how many differed.
        Raises the store's failure (hits then stay off) unless the name is missing."""
        self.resyncs += 1
        gate = asyncio.Semaphore(RESYNC_CONCURRENCY)
        todo = sorted(self.tracked_names() if names is None else names)

        async def one(name: str) -> bool:
            async with gate:
                return await self._compare(name)

        changed = await asyncio.gather(*(one(n) for n in todo))
        return sum(changed)

    async def _compare(self, name: str) -> bool:
        try:
            infos = await self._store.version_info(SecretName(name))
        except NotFound:
            infos = []
        if not infos:
            self.notice(ChangeNotice(name, 0, ChangeKind.DELETED))
            return True
        latest = infos[-1]
        cached = self._cache.latest_version(name)
        readable = latest.state is VersionState.ENABLED
        if cached is not None and (cached != latest.version or not readable):
            self._cache.observe(SecretName(name), latest.version)
        self.hub.notice(ChangeNotice(name, latest.version, ChangeKind.WRITTEN))
        return cached is not None and cached != latest.version

    # -- periodic comparisons ------------------------------------------------------------

    def every(self, seconds: float, select: Callable[[str], bool] | None = None) -> None:
        """Compares the tracked names (those ``select`` picks) every ``seconds``."""
        self._spawn(self._periodically(seconds, select))

    async def _periodically(self, seconds: float, select: Callable[[str], bool] | None) -> None:
        while True:
            await asyncio.sleep(seconds)
            names = [n for n in self.tracked_names() if select is None or select(n)]
            try:
                await self.resync(names)
            except BrokerError as exc:
                log.warning("periodic version check failed (%s)", exc.reason)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task
