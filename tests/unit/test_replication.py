"""Change notices, the watch hub and the replicator on the real sqlite store and cache."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import Envelope
from secrets_broker.domain.model import Secret, SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionChange
from secrets_broker.replication.bus import ChangeKind, ChangeNotice, LocalBus
from secrets_broker.replication.hub import (
    AbsentEvent,
    SyncedEvent,
    VersionEvent,
    Watch,
    WatchEvent,
    WatchHub,
    WatchSpec,
)
from secrets_broker.replication.replicator import Replicator
from secrets_broker.stores.sqlite import SqliteStore

N = SecretName.parse


def content(value: str) -> SecretContent:
    return SecretContent(values={"k": SecretValue(value)})


def test_notices_round_trip_and_strangers_are_ignored() -> None:
    notice = ChangeNotice("a/b c", 7, ChangeKind.WRITTEN, "replica-1")
    assert ChangeNotice.decode(notice.encode()) == notice
    assert len(ChangeNotice("n" * 512, 2**53, ChangeKind.STATE, "r" * 64).encode()) < 8000
    for junk in ("", "{}", '{"n": "a", "v": "x", "k": "w", "o": ""}', "[1]", "not json"):
        assert ChangeNotice.decode(junk) is None


class Recorder:
    def __init__(self) -> None:
        self.seen: list[object] = []

    def notice(self, notice: ChangeNotice) -> None:
        self.seen.append(notice)

    def lost(self) -> None:
        self.seen.append("lost")

    def restored(self) -> None:
        self.seen.append("restored")


async def test_the_local_bus_tells_every_listener_at_once() -> None:
    bus, first, second = LocalBus("me"), Recorder(), Recorder()
    bus.subscribe(first)
    bus.subscribe(second)
    notice = ChangeNotice("x", 1, ChangeKind.DELETED, "me")
    await bus.publish(notice)
    bus.deliver_lost()
    bus.deliver_restored()
    assert first.seen == second.seen == [notice, "lost", "restored"]


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    s = SqliteStore(tmp_path / "db", Envelope(b"k" * 32))
    yield s
    await s.close()


class Source:
    def __init__(self, store: SqliteStore, cache: SecretCache) -> None:
        self.store, self.cache = store, cache

    async def read(self, name: SecretName, version: int) -> Secret:
        return await self.cache.get(name, version)

    async def readable_versions(self, name: SecretName) -> list[int]:
        return await self.store.versions(name)

    async def names_under(self, prefix: str, limit: int) -> list[str]:
        return [m.name.value for m in await self.store.list(prefix, limit)]


def describe(event: WatchEvent) -> str:
    if isinstance(event, VersionEvent):
        return f"{event.name}@{event.secret.version}"
    if isinstance(event, AbsentEvent):
        return f"{event.name}:absent"
    return "synced" if isinstance(event, SyncedEvent) else "heartbeat"


async def take(events: AsyncIterator[WatchEvent], count: int) -> list[str]:
    out = []
    async with asyncio.timeout(10):
        while len(out) < count:
            event = await anext(events)
            if describe(event) != "heartbeat":
                out.append(describe(event))
    return out


def spec(names: dict[str, str | None], **extra: object) -> WatchSpec:
    fields: dict[str, object] = {
        "prefix": None,
        "resume_after": {},
        "allowed": lambda name: not name.startswith("hidden"),
        "heartbeat_seconds": 60.0,
        **extra,
    }
    return WatchSpec(names=names, **fields)  # type: ignore[arg-type]


async def test_a_watch_fills_gaps_in_order_and_skips_unreadable_versions(
    store: SqliteStore,
) -> None:
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=100)
    hub = WatchHub()
    await store.put(N("a"), content("1"))
    watch: Watch = hub.open(spec({"a": "a", "hidden/x": None, "b": "b"}), Source(store, cache))
    events = watch.events()
    assert await take(events, 4) == ["a@1", "hidden/x:absent", "b:absent", "synced"]
    for value in "2345":
        await store.put(N("a"), content(value))
    await store.set_version_state(N("a"), 3, VersionChange.DISABLE)
    hub.notice(ChangeNotice("a", 5, ChangeKind.WRITTEN))  # one notice for four versions
    hub.notice(ChangeNotice("a", 4, ChangeKind.WRITTEN))  # late and out of order: no effect
    assert await take(events, 3) == ["a@2", "a@4", "a@5"]
    await store.put(N("hidden/x"), content("h"))
    hub.notice(ChangeNotice("hidden/x", 1, ChangeKind.WRITTEN))  # not asked as such
    await store.put(N("b"), content("b1"))
    hub.notice(ChangeNotice("b", 1, ChangeKind.WRITTEN))
    assert await take(events, 1) == ["b@1"]
    await store.delete(N("a"))
    hub.notice(ChangeNotice("a", 0, ChangeKind.DELETED))
    hub.notice(ChangeNotice("zzz", 0, ChangeKind.DELETED))  # never watched: ignored
    assert await take(events, 1) == ["a:absent"]
    assert hub.watched_names() == {"a", "b"}
    hub.close_watch(watch)
    assert len(hub) == 0


async def test_the_replicator_invalidates_suspends_and_resyncs(store: SqliteStore) -> None:
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=100)
    replicator = Replicator(cache, WatchHub(), store)
    await store.put(N("s"), content("1"))
    assert (await cache.get(N("s"))).version == 1
    await store.put(N("s"), content("2"))  # a peer's write
    assert (await cache.get(N("s"))).version == 1  # not yet known here
    replicator.notice(ChangeNotice("s", 2, ChangeKind.WRITTEN, "peer"))
    assert (await cache.get(N("s"))).version == 2
    replicator.lost()
    assert cache.suspended
    await store.put(N("s"), content("3"))  # missed
    assert (await cache.get(N("s"))).version == 3  # read through while suspended
    await store.put(N("s"), content("4"))  # missed too, and cached is 3
    replicator.restored()
    async with asyncio.timeout(10):
        while cache.suspended:
            await asyncio.sleep(0.01)
    assert replicator.resyncs == 1
    assert (await cache.get(N("s"))).version == 4
    await store.delete(N("s"))
    assert await replicator.resync() == 1 and cache.cached_names() == set()  # a deletion
    await replicator.close()
