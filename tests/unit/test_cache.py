"""The TTL cache: single-flight, expiry by an injected clock, bounds, stale-on-error."""

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import Envelope
from secrets_broker.domain.deadline import deadline_in
from secrets_broker.domain.errors import DataLoss, NotFound, Unavailable
from secrets_broker.domain.model import Secret, SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.metrics import begin_call, end_call
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
    assert cache.joins == 99  # every miss but the first joined its load


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
    clock.advance(26.9)  # the TTL is jittered within [27, 33]
    for _ in range(5):
        assert (await cache.get(N("t"))).content.values["k"].reveal() == "v"
    assert store.reads == 1 and cache.hits == 5
    clock.advance(6.2)
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
    assert len(cache) == 3 and cache.evictions == 2
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


async def test_a_caller_that_gives_up_does_not_poison_the_shared_load(
    store: CountingStore,
) -> None:
    """The first caller of a miss is cancelled (its deadline passed, gRPC cancels the
    handler): the callers that joined its load still get the value once the store
    answers, and nothing is left waiting."""
    await store.put(N("sf"), values(k="v"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    store.gate = asyncio.Event()
    first = asyncio.create_task(cache.get(N("sf")))
    while store.reads == 0:
        await asyncio.sleep(0)
    joined = [asyncio.create_task(cache.get(N("sf"))) for _ in range(5)]
    for _ in range(5):  # let the joiners reach the in-flight load
        await asyncio.sleep(0)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    store.gate.set()  # the store recovers
    results = await asyncio.wait_for(asyncio.gather(*joined), timeout=10)
    assert {r.content.values["k"].reveal() for r in results} == {"v"}
    assert store.reads == 1


async def test_each_joined_caller_waits_only_until_its_own_deadline(
    store: CountingStore,
) -> None:
    await store.put(N("dl"), values(k="v"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    store.gate = asyncio.Event()

    async def get_within(seconds: float | None) -> Secret:
        with deadline_in(seconds):
            return await cache.get(N("dl"))

    short = asyncio.create_task(get_within(0.2))
    while store.reads == 0:
        await asyncio.sleep(0)
    patient = asyncio.create_task(get_within(None))
    with pytest.raises(Unavailable, match="before the caller's deadline"):
        await asyncio.wait_for(short, timeout=10)  # answers at its deadline, not later
    assert not patient.done()
    store.gate.set()
    assert (await asyncio.wait_for(patient, timeout=10)).content.values["k"].reveal() == "v"
    assert store.reads == 1


async def test_ttls_are_jittered_so_entries_cached_together_expire_apart(
    store: CountingStore,
) -> None:
    clock = FakeClock()
    names = [N(f"j{i}") for i in range(100)]
    for name in names:
        await store.put(name, values(k="v"))
    cache = SecretCache(store, default_ttl_seconds=100, max_entries=1000, clock=clock)
    for name in names:
        await cache.get(name)
    clock.advance(89.9)  # before the earliest possible expiry
    for name in names:
        await cache.get(name)
    assert store.reads == 100
    clock.advance(10.1)  # now at the nominal TTL: some expired, some not
    for name in names:
        await cache.get(name)
    reloaded = store.reads - 100
    assert 20 < reloaded < 80, reloaded
    clock.advance(10.1)  # past the latest possible expiry of the first round
    reads = store.reads
    for name in names:
        await cache.get(name)
    assert store.reads - reads == 100 - reloaded


async def test_a_stale_answer_is_marked_logged_and_counted(
    store: CountingStore, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    await store.put(N("st"), values(k="stale-canary-value"))
    cache = SecretCache(
        store, default_ttl_seconds=10, max_entries=10, stale_on_error_seconds=60, clock=clock
    )
    fresh = await cache.get(N("st"))
    assert fresh.stale_seconds is None and cache.stale_served == 0
    clock.advance(30)
    store.fail_with = Unavailable("store down")
    with caplog.at_level(logging.WARNING, logger="secrets_broker.cache"):
        stale = await cache.get(N("st"))
    assert stale.content.values["k"].reveal() == "stale-canary-value"
    assert stale.stale_seconds == pytest.approx(30)
    assert cache.stale_served == 1
    assert "serving a stale value: name=st version=1 age=30.0s" in caplog.text
    assert "stale-canary-value" not in caplog.text


async def test_never_stale_once_a_newer_version_was_seen(store: CountingStore) -> None:
    clock = FakeClock()
    await store.put(N("nv"), values(k="one"))
    cache = SecretCache(
        store, default_ttl_seconds=10, max_entries=10, stale_on_error_seconds=600, clock=clock
    )
    assert (await cache.get(N("nv"))).version == 1
    await store.put(N("nv"), values(k="two"))  # written through another replica
    assert (await cache.get(N("nv"), 2)).version == 2  # the broker has now seen version 2
    clock.advance(30)
    store.fail_with = Unavailable("store down")
    with pytest.raises(Unavailable):
        await cache.get(N("nv"))  # version 1 would not be stale but wrong


async def test_a_hot_name_is_refreshed_ahead_of_expiry_without_a_reader_waiting(
    store: CountingStore,
) -> None:
    clock = FakeClock()
    await store.put(N("hot"), values(k="1"))
    cache = SecretCache(
        store, default_ttl_seconds=100, max_entries=10, refresh_ahead_fraction=0.8, clock=clock
    )
    assert (await cache.get(N("hot"))).version == 1 and store.reads == 1
    clock.advance(50)
    await cache.get(N("hot"))
    assert store.reads == 1 and cache.refreshes == 0  # before the refresh point: a plain hit
    await store.put(N("hot"), values(k="2"))
    store.gate = asyncio.Event()  # the store is slow from now on
    # TTL 100 s jittered: the refresh point is within [72, 88] s, expiry within [90, 110].
    clock.advance(39)  # at 89 s
    async with asyncio.timeout(5):  # the reader gets the cached value at once
        assert (await cache.get(N("hot"))).version == 1
    while store.reads < 2:  # the refresh reaches the (slow) store in the background
        await asyncio.sleep(0)
    assert cache.refreshes == 1
    await cache.get(N("hot"))  # a refresh is already under way: no second one
    assert store.reads == 2 and cache.refreshes == 1
    store.gate.set()
    while cache.latest_version("hot") != 2:
        await asyncio.sleep(0.01)
    clock.advance(25)  # beyond the first entry's expiry: the refreshed one serves
    assert (await cache.get(N("hot"))).version == 2 and store.reads == 2


async def test_without_refresh_ahead_a_reader_waits_at_expiry(store: CountingStore) -> None:
    clock = FakeClock()
    await store.put(N("cold"), values(k="1"))
    cache = SecretCache(store, default_ttl_seconds=100, max_entries=10, clock=clock)
    await cache.get(N("cold"))
    clock.advance(89)  # before the earliest jittered expiry (90 s; 95 expired 1 time in 4)
    await cache.get(N("cold"))
    assert store.reads == 1 and cache.refreshes == 0


async def test_an_announced_version_is_a_floor_for_latest_reads(store: CountingStore) -> None:
    await store.put(N("f"), values(k="1"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    store.gate = asyncio.Event()
    early = asyncio.create_task(cache.get(N("f")))  # a load that reads version 1...
    while store.reads == 0:
        await asyncio.sleep(0)
    store.gate.set()
    await store.put(N("f"), values(k="2"))
    cache.observe(N("f"), 2)  # ...while version 2 is announced
    assert (await early).version in (1, 2)  # it started before the announcement
    assert (await cache.get(N("f"))).version == 2
    assert (await cache.get(N("f"), 1)).version == 1  # a named version has no floor


async def test_a_suspended_cache_serves_no_hits(store: CountingStore) -> None:
    await store.put(N("s"), values(k="1"))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    await cache.get(N("s"))
    await cache.get(N("s"))
    assert store.reads == 1
    cache.suspend()
    await cache.get(N("s"))
    await cache.get(N("s"))
    assert store.reads == 3
    cache.resume()
    await cache.get(N("s"))
    assert store.reads == 3


async def test_a_version_is_not_served_past_its_scheduled_disable(store: CountingStore) -> None:
    from datetime import UTC, datetime, timedelta

    from secrets_broker.domain.errors import VersionDisabled
    from secrets_broker.domain.versions import VersionChange

    clock = FakeClock()  # cache time stands still: the disable time is wall-clock time
    for value in "12":
        await store.put(N("d"), values(k=value))
    soon = datetime.now(UTC) + timedelta(seconds=0.3)
    await store.set_version_state(N("d"), 1, VersionChange.SCHEDULE_DISABLE, at=soon)
    cache = SecretCache(store, default_ttl_seconds=600, max_entries=10, clock=clock)
    assert (await cache.get(N("d"), 1)).disable_time == soon
    async with asyncio.timeout(10):
        while True:
            try:
                await cache.get(N("d"), 1)
            except VersionDisabled:
                break
            await asyncio.sleep(0.02)
    assert datetime.now(UTC) >= soon


async def test_each_read_notes_its_outcome_for_the_rpc(store: CountingStore) -> None:
    """What the RPC's log line reports as ``cache`` (metrics.note_cache)."""
    clock = FakeClock()
    await store.put(N("o"), values(k="v"))
    cache = SecretCache(
        store, default_ttl_seconds=10, max_entries=10, stale_on_error_seconds=60, clock=clock
    )

    async def outcome(*reads: str) -> str:
        note, token = begin_call()
        try:
            await asyncio.gather(*(cache.get(N(n)) for n in reads), return_exceptions=True)
        finally:
            end_call(token)
        return note.cache

    assert await outcome("o") == "miss"
    assert await outcome("o") == "hit"
    assert await outcome("o", "o") == "hit"
    assert await outcome("o", "absent") == "mixed"
    assert await outcome("absent") == "miss"  # a failed read was a miss all the same
    clock.advance(30)
    store.fail_with = Unavailable("store down")
    assert await outcome("o") == "stale"
    store.fail_with = None
    clock.advance(100)  # expired: the second of two reads joins the first one's load
    assert await outcome("o", "o") == "miss"  # a join is a miss (one load for both)
    assert cache.joins == 1
    assert await outcome("fresh") == "miss"
    assert cache.hits == 4 and cache.misses == 7 and cache.stale_served == 1
