"""The store guard: time limits, the circuit breaker cycle, safe write retries.

The store underneath is the real sqlite store; ``FaultyStore`` injects the failures a
healthy local file cannot produce (an outage, a hang, a commit whose reply is lost).
The breaker's clock is a FakeClock: the open -> half-open -> closed cycle needs no sleep.
"""

import asyncio
import dataclasses
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from secrets_broker.domain.crypto import Envelope
from secrets_broker.domain.deadline import deadline_in
from secrets_broker.domain.errors import (
    Aborted,
    KeyUnavailable,
    NotApplied,
    NotFound,
    Unavailable,
)
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.breaker import State
from secrets_broker.stores.guard import CircuitOpen, GuardedStore, GuardSettings, backoff_pause
from secrets_broker.stores.sqlite import SqliteStore
from tests.conftest import FakeClock

N = SecretName.parse


class FaultyStore(SqliteStore):
    """The real sqlite store with switchable faults."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, Envelope(b"k" * 32))
        self.down = False  # every call: UNAVAILABLE
        self.hang: asyncio.Event | None = None  # reads wait for this
        self.put_faults: list[Exception] = []  # raised by the next puts, in order
        self.lose_reply = 0  # the next N puts commit, then report UNAVAILABLE
        self.reads = 0
        self.puts = 0

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        self.reads += 1
        if self.hang is not None:
            await self.hang.wait()
        if self.down:
            raise Unavailable("store down")
        return await super().get(name, version)

    async def versions(self, name: SecretName) -> list[int]:
        if self.down:
            raise Unavailable("store down")
        return await super().versions(name)

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        self.puts += 1
        if self.put_faults:
            raise self.put_faults.pop(0)
        meta = await super().put(
            name, content, expected_version=expected_version, expected_etag=expected_etag
        )
        if self.lose_reply:
            self.lose_reply -= 1
            raise Unavailable("connection lost while committing")
        return meta


SETTINGS = GuardSettings(
    call_timeout_seconds=5.0,
    failure_threshold=3,
    open_seconds=10.0,
    read_attempts=1,
    write_attempts=4,
    backoff_initial_ms=1,
    backoff_max_ms=5,
)


@pytest.fixture
async def faulty(tmp_path: Path) -> AsyncIterator[FaultyStore]:
    s = FaultyStore(tmp_path / "db")
    yield s
    await s.close()


def guarded(
    store: FaultyStore, clock: FakeClock, health: list[tuple[str, bool]], **kw: float
) -> GuardedStore:
    settings = dataclasses.replace(SETTINGS, **kw)
    return GuardedStore(
        store,
        "main",
        settings,
        clock=clock,
        on_health=lambda name, ok: health.append((name, ok)),
        background_probe=False,
    )


def values(v: str) -> SecretContent:
    return SecretContent(values={"k": SecretValue(v)})


async def test_breaker_opens_fails_fast_probes_and_closes(faulty: FaultyStore) -> None:
    clock, health = FakeClock(), []
    store = guarded(faulty, clock, health)
    await faulty.put(N("a"), values("v"))
    faulty.down = True
    for _ in range(3):
        with pytest.raises(Unavailable):
            await store.get(N("a"))
    assert store.state is State.OPEN and health == [("main", False)]
    reads = faulty.reads
    with pytest.raises(CircuitOpen) as caught:
        await store.get(N("a"))
    assert faulty.reads == reads  # not sent to the store at all
    assert caught.value.reason == "STORE_UNAVAILABLE"
    assert caught.value.retry_after_seconds == pytest.approx(10.0)

    clock.advance(10)  # half-open: one probe goes through, and fails
    assert not await store.probe()
    assert store.state is State.OPEN and faulty.reads == reads
    with pytest.raises(CircuitOpen):
        await store.get(N("a"))

    faulty.down = False
    clock.advance(10)  # the next call is the probe; the store answers: closed
    assert (await store.get(N("a"))).content.values["k"].reveal() == "v"
    assert store.state is State.CLOSED and health == [("main", False), ("main", True)]
    assert store.counters["opened"] == 1 and store.counters["rejected"] == 2


async def test_a_probe_that_finds_nothing_still_closes_the_breaker(faulty: FaultyStore) -> None:
    clock, health = FakeClock(), []
    store = guarded(faulty, clock, health)
    faulty.down = True
    for _ in range(3):
        with pytest.raises(Unavailable):
            await store.versions(N("x"))
    faulty.down = False
    clock.advance(10)
    assert await store.probe()  # NOT_FOUND: the store answered
    assert store.state is State.CLOSED and health[-1] == ("main", True)
    with pytest.raises(NotFound):
        await store.get(N("x"))


async def test_a_hung_store_answers_within_the_call_timeout(faulty: FaultyStore) -> None:
    await faulty.put(N("h"), values("v"))
    store = guarded(faulty, FakeClock(), [], call_timeout_seconds=0.2)
    faulty.hang = asyncio.Event()  # never set: the store never answers
    with pytest.raises(Unavailable, match=r"did not answer within 0\.2s"):
        await asyncio.wait_for(store.get(N("h")), timeout=10)  # not forever
    assert store.counters["timeouts"] == 1


async def test_the_callers_deadline_bounds_the_store_call(faulty: FaultyStore) -> None:
    await faulty.put(N("d"), values("v"))
    store = guarded(faulty, FakeClock(), [], call_timeout_seconds=30)
    faulty.hang = asyncio.Event()
    with deadline_in(0.2), pytest.raises(Unavailable, match="before the caller's deadline"):
        await asyncio.wait_for(store.get(N("d")), timeout=10)
    assert store.state is State.CLOSED  # the caller's haste is not the store's failure


async def test_a_write_that_was_provably_not_applied_is_retried(faulty: FaultyStore) -> None:
    store = guarded(faulty, FakeClock(), [])
    faulty.put_faults = [NotApplied("refused"), NotApplied("refused")]
    meta = await store.put(N("w"), values("v1"))
    assert meta.version == 1 and faulty.puts == 3 and store.counters["retries"] == 2


async def test_an_ambiguous_unconditional_write_is_not_retried(faulty: FaultyStore) -> None:
    store = guarded(faulty, FakeClock(), [])
    await store.put(N("u"), values("v1"))
    faulty.lose_reply = 1
    with pytest.raises(Unavailable, match="may or may not have been applied") as caught:
        await store.put(N("u"), values("v2"))
    assert not isinstance(caught.value, NotApplied)
    assert faulty.puts == 2  # v1, then one attempt only: a retry could write it twice
    assert (await store.get(N("u"), 1)).content.values["k"].reveal() == "v1"


async def test_a_write_that_keeps_failing_unapplied_says_so(faulty: FaultyStore) -> None:
    store = guarded(faulty, FakeClock(), [])
    await store.put(N("n"), values("v1"))
    faulty.put_faults = [NotApplied("refused")] * 4
    with pytest.raises(NotApplied, match="was not applied \\(earlier versions are intact\\)"):
        await store.put(N("n"), values("v2"))
    assert (await faulty.get(N("n"))).version == 1


async def test_a_cas_write_whose_reply_was_lost_is_retried_and_recognised(
    faulty: FaultyStore,
) -> None:
    store = guarded(faulty, FakeClock(), [])
    await store.put(N("c"), values("v1"))
    faulty.lose_reply = 1  # the first attempt commits version 2, then the reply is lost
    meta = await store.put(N("c"), values("v2"), expected_version=1)
    assert meta.version == 2 and faulty.puts == 3  # v1, then two attempts at v2
    assert await faulty.versions(N("c")) == [1, 2]  # written once, not twice


async def test_a_cas_retry_that_lost_to_another_writer_is_aborted(faulty: FaultyStore) -> None:
    store = guarded(faulty, FakeClock(), [])
    await store.put(N("r"), values("v1"))
    await faulty.put(N("r"), values("theirs"))  # another writer has taken version 2
    faulty.put_faults = [Unavailable("connection reset")]  # our first attempt: unknown fate
    with pytest.raises(Aborted):
        await store.put(N("r"), values("mine"), expected_version=1)


def test_retry_pauses_are_jittered_and_capped() -> None:
    settings = GuardSettings(backoff_initial_ms=20, backoff_max_ms=500)
    rng = random.Random(1)  # noqa: S311 -- jitter, not secrecy
    for attempt, cap in ((1, 0.02), (2, 0.04), (3, 0.08), (5, 0.32), (6, 0.5), (12, 0.5)):
        pauses = [backoff_pause(attempt, settings, rng) for _ in range(200)]
        assert all(0 <= p <= cap for p in pauses), attempt
        assert max(pauses) > cap * 0.8 and len(set(pauses)) == 200  # spread, not fixed


async def test_reads_are_retried_after_a_pause(faulty: FaultyStore) -> None:
    store = guarded(faulty, FakeClock(), [], read_attempts=3)
    await faulty.put(N("b"), values("v"))
    fails = [Unavailable("blip"), Unavailable("blip")]
    original = FaultyStore.get

    async def flaky(self: FaultyStore, name: SecretName, version: int = 0) -> Secret:
        if fails:
            raise fails.pop()
        return await original(self, name, version)

    faulty.get = flaky.__get__(faulty)  # type: ignore[method-assign]
    assert (await store.get(N("b"))).content.values["k"].reveal() == "v"
    assert store.counters["retries"] == 2 and store.state is State.CLOSED


async def test_a_key_provider_failure_is_not_a_store_failure(faulty: FaultyStore) -> None:
    """BROKER_SEALED / KEY_UNAVAILABLE come from the key provider: they reach the caller
    as they are, are not retried, and never open the store's breaker."""
    clock, health = FakeClock(), []
    store = guarded(faulty, clock, health, read_attempts=3)
    await faulty.put(N("a"), values("v"))
    sealed = KeyUnavailable("the broker is sealed", reason="BROKER_SEALED")
    reads = faulty.reads

    async def sealed_get(name: SecretName, version: int = 0) -> Secret:
        faulty.reads += 1
        raise sealed

    faulty.get = sealed_get  # type: ignore[method-assign]
    for _ in range(5):
        with pytest.raises(KeyUnavailable) as caught:
            await store.get(N("a"))
        assert caught.value.reason == "BROKER_SEALED"
    assert faulty.reads == reads + 5  # one attempt each: not retried
    assert store.state is State.CLOSED and health == []
    faulty.put_faults, puts = [sealed], faulty.puts
    with pytest.raises(KeyUnavailable) as caught:
        await store.put(N("a"), values("w"))
    assert str(caught.value) == "the broker is sealed"  # not "may or may not have been applied"
    assert faulty.puts == puts + 1
