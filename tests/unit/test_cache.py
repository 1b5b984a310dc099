"""The TTL cache: single-flight, expiry by an injected clock, bounds, stale-on-error."""

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import Envelope
from secrets_broker.domain.errors import DataLoss, NotFound, Unavailable
from secrets_broker.domain.model import Secret, SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.sqlite import SqliteStore
from tests.conftest import FakeClock

N = SecretName.parse


class CountingStore(SqliteStore):
    """The real sqlite store, counting reads; ``gate`` holds reads until opened.

    ``fail_with`` injects a fault a healthy local store cannot produce (an outage)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, Envelope(b"k" * 32))
        self.reads = 0
        self.gate: asyncio.Event | None = None
        self.fail_with: Exception | None = None

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        self.reads += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.fail_with is not None:
            raise self.fail_with
        return await super().get(name, version)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[CountingStore]:
    s = CountingStore(tmp_path / "db")
    yield s
    await s.close()


def values(**kv: str) -> SecretContent:
    return SecretContent(values={k: SecretValue(v) for k, v in kv.items()})


async def test_single_flight_100_concurrent_misses_read_the_store_once(
    store: CountingStore,
) -> None:
    await store.put(N("hot"), values(k="v"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    store.gate = asyncio.Event()
    tasks = [asyncio.create_task(cache.get(N("hot"))) for _ in range(100)]
    while store.reads == 0:  # let every task reach the cache before the store answers
        await asyncio.sleep(0)
    for _ in range(10):
        await asyncio.sleep(0)
    store.gate.set()
    results = await asyncio.gather(*tasks)
    assert store.reads == 1
    assert {r.content.values["k"].reveal() for r in results} == {"v"}
    assert cache.misses == 100


async def test_single_flight_shares_errors_and_does_not_cache_them(store: CountingStore) -> None:
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    store.gate = asyncio.Event()
    tasks = [asyncio.create_task(cache.get(N("absent"))) for _ in range(20)]
    while store.reads == 0:
        await asyncio.sleep(0)
    store.gate.set()
    outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    assert all(isinstance(o, NotFound) for o in outcomes) and store.reads == 1
    with pytest.raises(NotFound):
        await cache.get(N("absent"))
    assert store.reads == 2


async def test_hit_never_touches_store_until_ttl_expires(store: CountingStore) -> None:
    clock = FakeClock()
    await store.put(N("t"), values(k="v"))
    cache = SecretCache(store, default_ttl_seconds=30, max_entries=10, clock=clock)
    await cache.get(N("t"))
    clock.advance(29.9)
    for _ in range(5):
        assert (await cache.get(N("t"))).content.values["k"].reveal() == "v"
    assert store.reads == 1 and cache.hits == 5
    clock.advance(0.2)
    await cache.get(N("t"))
    assert store.reads == 2


async def test_refresh_hint_overrides_default_ttl(store: CountingStore) -> None:
    clock = FakeClock()
    await store.put(N("h"), SecretContent(values={"k": SecretValue("v")}, refresh_after_seconds=5))
    cache = SecretCache(store, default_ttl_seconds=300, max_entries=10, clock=clock)
    await cache.get(N("h"))
    clock.advance(4)
    await cache.get(N("h"))
    assert store.reads == 1
    clock.advance(2)
    await cache.get(N("h"))
    assert store.reads == 2


async def test_invalidate_drops_entries_and_in_flight_loads(store: CountingStore) -> None:
    await store.put(N("w"), values(k="old"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    store.gate = asyncio.Event()
    loading = asyncio.create_task(cache.get(N("w")))
    while store.reads == 0:
        await asyncio.sleep(0)
    await store.put(N("w"), values(k="new"))  # a write lands while the read is in flight
    cache.invalidate(N("w"))
    store.gate.set()
    await loading
    assert len(cache) == 0  # the in-flight result was not kept
    assert (await cache.get(N("w"))).content.values["k"].reveal() == "new"


async def test_size_is_bounded_lru(store: CountingStore) -> None:
    for i in range(5):
        await store.put(N(f"n{i}"), values(k=str(i)))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=3)
    for i in range(5):
        await cache.get(N(f"n{i}"))
    assert len(cache) == 3
    reads = store.reads
    await cache.get(N("n4"))
    assert store.reads == reads
    await cache.get(N("n0"))
    assert store.reads == reads + 1


async def test_stale_on_error_is_bounded(store: CountingStore) -> None:
    clock = FakeClock()
    await store.put(N("s"), values(k="v"))
    cache = SecretCache(
        store, default_ttl_seconds=10, max_entries=10, stale_on_error_seconds=20, clock=clock
    )
    await cache.get(N("s"))
    store.fail_with = Unavailable("store down")
    clock.advance(25)  # expired 15 s ago: within the stale window
    assert (await cache.get(N("s"))).content.values["k"].reveal() == "v"
    clock.advance(10)  # expired 25 s ago: beyond it
    with pytest.raises(Unavailable):
        await cache.get(N("s"))


async def test_data_loss_is_never_served_stale_or_cached(store: CountingStore) -> None:
    clock = FakeClock()
    await store.put(N("d"), values(k="v"))
    cache = SecretCache(
        store, default_ttl_seconds=10, max_entries=10, stale_on_error_seconds=60, clock=clock
    )
    await cache.get(N("d"))
    clock.advance(11)
    store.fail_with = DataLoss("tampered")
    with pytest.raises(DataLoss):
        await cache.get(N("d"))
    with pytest.raises(DataLoss):
        await cache.get(N("d"))


async def test_cached_values_are_not_held_in_clear(store: CountingStore) -> None:
    await store.put(N("c"), values(password="plain-text-canary"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    await cache.get(N("c"))
    entry = next(iter(cache._entries.values()))
    assert b"plain-text-canary" not in entry.sealed


async def test_invalidate_drops_every_cached_version_and_only_those(store: CountingStore) -> None:
    for i in (1, 2):
        await store.put(N("multi"), values(k=str(i)))
    await store.put(N("other"), values(k="o"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=3)
    await cache.get(N("multi"))
    await cache.get(N("multi"), 1)
    await cache.get(N("other"))
    await cache.get(N("multi"), 2)  # evicts the oldest entry, (multi, latest)
    assert len(cache) == 3
    cache.invalidate(N("multi"))
    assert len(cache) == 1
    reads = store.reads
    await cache.get(N("other"))
    assert store.reads == reads
