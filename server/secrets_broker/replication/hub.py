"""The watch hub: pushes every new version of the watched names to WatchSecret streams.

Each stream is a ``Watch``: it sends the current version of each name (or, resuming,
every version after the one the caller last received), a ``SyncedEvent``, then, as
change notices arrive (replication/bus.py, from this replica or a peer), every version
up to the announced one, in order and without gaps: a single new version is read by
its number; a larger gap is filled from the store's list of readable versions. A
version that is no longer readable when the watch reaches it (disabled, destroyed,
dropped by the store) is skipped. Notices only raise a per-name target, so a slow
stream holds one number per name, never a queue of events.

Names the caller may not read are never reported, whatever happens to them: at the
start they are ``AbsentEvent`` exactly like missing names, and the rights are checked
again before every event (a policy reload applies to open streams).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from secrets_broker.domain.errors import FailedPrecondition, NotFound, Unavailable
from secrets_broker.domain.model import Secret
from secrets_broker.domain.names import RESERVED_PREFIX, SecretName
from secrets_broker.replication.bus import ChangeKind, ChangeNotice

log = logging.getLogger("secrets_broker.replication.hub")

MAX_CATCH_UP = 1000  # versions sent per name when filling one gap (the newest ones)


class WatchSource(Protocol):
    """What a watch reads: through the cache, so that watchers share each read."""

    async def read(self, name: SecretName, version: int) -> Secret: ...

    async def readable_versions(self, name: SecretName) -> list[int]: ...

    async def names_under(self, prefix: str, limit: int) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class VersionEvent:
    name: str  # as watched
    secret: Secret


@dataclass(frozen=True, slots=True)
class AbsentEvent:
    name: str


@dataclass(frozen=True, slots=True)
class HeartbeatEvent:
    time: datetime


@dataclass(frozen=True, slots=True)
class SyncedEvent:
    pass


WatchEvent = VersionEvent | AbsentEvent | HeartbeatEvent | SyncedEvent


@dataclass(slots=True)
class WatchSpec:
    """A validated WatchSecret request: ``names`` maps each name asked for, in request
    order, to the real name it stands for (a binding), or to None when the caller may
    never read it; ``allowed`` answers for real names."""

    names: Mapping[str, str | None]
    prefix: str | None
    resume_after: Mapping[str, int]
    allowed: Callable[[str], bool]
    heartbeat_seconds: float
    max_prefix_names: int = 1000
    max_seconds: float = 3600.0


@dataclass(eq=False)
class Watch:
    spec: WatchSpec
    source: WatchSource
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)
    target: dict[str, int] = field(default_factory=dict)
    dirty: set[str] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    closed: bool = False

    def interested(self, name: str) -> bool:
        prefix = self.spec.prefix
        if name in self.aliases:
            return True
        hidden = name.startswith(RESERVED_PREFIX) and not (prefix or "").startswith(RESERVED_PREFIX)
        return prefix is not None and name.startswith(prefix) and not hidden

    def offer(self, notice: ChangeNotice) -> None:
        if not self.interested(notice.name):
            return
        if notice.kind is ChangeKind.DELETED:
            if not self.sent.get(notice.name) and notice.name not in self.target:
                return  # nothing was sent for it: still absent
            self.gone.add(notice.name)
            self.target.pop(notice.name, None)
        elif notice.kind is ChangeKind.WRITTEN:
            self.aliases.setdefault(notice.name, (notice.name,))
            self.gone.discard(notice.name)
            self.target[notice.name] = max(self.target.get(notice.name, 0), notice.version)
        else:
            return  # a state change makes no version to send
        self.dirty.add(notice.name)
        self.wake.set()

    async def events(self) -> AsyncIterator[WatchEvent]:
        """The stream's events until it is closed (Unavailable) or runs its maximum."""
        ends = time.monotonic() + self.spec.max_seconds
        async for event in self._snapshot():
            yield event
        yield SyncedEvent()
        while True:
            left = ends - time.monotonic()
            if left <= 0:
                return
            try:
                async with asyncio.timeout(min(self.spec.heartbeat_seconds, left)):
                    await self.wake.wait()
            except TimeoutError:
                if not self.wake.is_set() and time.monotonic() < ends:
                    yield HeartbeatEvent(datetime.now(UTC))
                continue
            self.wake.clear()
            if self.closed:
                raise Unavailable(
                    "the server is shutting down: reconnect to resume", reason="SHUTTING_DOWN"
                )
            while self.dirty:
                name = min(self.dirty)
                self.dirty.discard(name)
                async for event in self._advance(name):
                    yield event

    async def _snapshot(self) -> AsyncIterator[WatchEvent]:
        """Each name in request order (one never readable: absent, then silent), then
        the prefix's names in name order."""
        for declared, real in self.spec.names.items():
            if real is not None:
                self.aliases[real] = (*self.aliases.get(real, ()), declared)
        order = list(dict.fromkeys(self.spec.names.items()))
        if self.spec.prefix is not None:
            found = await self.source.names_under(self.spec.prefix, self.spec.max_prefix_names)
            for name in found:
                if self.interested(name) and self.spec.allowed(name):
                    self.aliases.setdefault(name, (name,))
                    order.append((name, name))
        started: set[str] = set()
        for declared, real in order:
            if real is None:
                yield AbsentEvent(declared)
                continue
            if real in started:
                continue
            started.add(real)
            resumed = [self.spec.resume_after[w] for w in self.aliases[real]
                       if w in self.spec.resume_after]  # fmt: skip
            async for event in self._start(real, min(resumed) if resumed else None):
                yield event

    async def _start(self, name: str, after: int | None) -> AsyncIterator[WatchEvent]:
        """The current version, or every version after ``after``; else the name's absence."""
        if not self.spec.allowed(name):
            for watched in self.aliases[name]:
                yield AbsentEvent(watched)
            return
        try:
            latest = await self.source.read(SecretName(name), 0)
        except NotFound:
            for watched in self.aliases[name]:
                yield AbsentEvent(watched)
            return
        except FailedPrecondition as exc:  # the latest version is not readable
            self.sent[name] = int(exc.metadata.get("version", "0"))
            return
        if after is None or latest.version < after:  # a reset (recreated and renumbered)
            self.sent[name] = latest.version - 1
        else:
            self.sent[name] = after
        self.target[name] = max(self.target.get(name, 0), latest.version)
        async for event in self._advance(name, known={latest.version: latest}):
            yield event

    async def _advance(
        self, name: str, known: Mapping[int, Secret] | None = None
    ) -> AsyncIterator[WatchEvent]:
        """Every readable version after the last one sent, up to the target, in order."""
        if not self.spec.allowed(name):
            return
        if name in self.gone:
            self.gone.discard(name)
            self.sent[name] = 0
            for watched in self.aliases[name]:
                yield AbsentEvent(watched)
        sent, target = self.sent.get(name, 0), self.target.get(name, 0)
        if target <= sent:
            return
        real = SecretName(name)
        if target == sent + 1:
            numbers = [target]
        else:
            try:
                listed = await self.source.readable_versions(real)
            except NotFound:
                return  # deleted meanwhile: its notice follows
            numbers = [v for v in listed if sent < v <= target][-MAX_CATCH_UP:]
        for number in numbers:
            secret = (known or {}).get(number)
            if secret is None:
                try:
                    secret = await self.source.read(real, number)
                except (NotFound, FailedPrecondition):
                    continue  # no longer readable: skipped
            self.sent[name] = number
            for watched in self.aliases[name]:
                yield VersionEvent(watched, secret)
        self.sent[name] = max(self.sent.get(name, 0), target)


class WatchHub:
    """Every open watch of this process; notices fan out to them."""

    def __init__(self) -> None:
        self._watches: set[Watch] = set()

    def __len__(self) -> int:
        return len(self._watches)

    def open(self, spec: WatchSpec, source: WatchSource) -> Watch:
        watch = Watch(spec, source)
        self._watches.add(watch)
        return watch

    def close_watch(self, watch: Watch) -> None:
        self._watches.discard(watch)

    def notice(self, notice: ChangeNotice) -> None:
        for watch in self._watches:
            watch.offer(notice)

    def watched_names(self) -> set[str]:
        return {name for watch in self._watches for name in watch.aliases}

    def close(self) -> None:
        """Ends every stream with UNAVAILABLE (the server stops): clients resume elsewhere."""
        for watch in self._watches:
            watch.closed = True
            watch.wake.set()
