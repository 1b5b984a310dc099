"""The per-caller limiter, the page token MAC and the gRPC core options, without a server."""

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secrets_broker.api.limits import CallerLimiter, core_options, core_receive_limit
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.domain.errors import InvalidArgument, ResourceExhausted
from secrets_broker.ops.config import CallerLimitsConfig, LimitsConfig
from tests.conftest import FakeClock


def limiter(clock: FakeClock, max_total: int = 1000, **kw: float) -> CallerLimiter:
    return CallerLimiter(CallerLimitsConfig(**kw), max_total, clock)  # type: ignore[arg-type]


def reason(call: object) -> tuple[str, float | None]:
    with pytest.raises(ResourceExhausted) as caught:
        call()  # type: ignore[operator]
    return caught.value.reason, caught.value.retry_after_seconds


def test_token_bucket_allows_the_burst_then_the_rate() -> None:
    clock = FakeClock()
    lim = limiter(clock, burst=3, rate_per_second=10)
    for _ in range(3):
        lim.release(lim.admit("a"))
    assert reason(lambda: lim.admit("a")) == ("RATE_LIMITED", pytest.approx(0.1))
    lim.release(lim.admit("b"))  # another identity has its own bucket
    clock.advance(0.05)
    assert reason(lambda: lim.admit("a")) == ("RATE_LIMITED", pytest.approx(0.05))
    clock.advance(0.06)
    lim.release(lim.admit("a"))
    clock.advance(3600)  # refills to the burst, no further
    for _ in range(3):
        lim.release(lim.admit("a"))
    assert reason(lambda: lim.admit("a"))[0] == "RATE_LIMITED"


def test_refused_calls_cost_no_token() -> None:
    clock = FakeClock()
    lim = limiter(clock, burst=2, rate_per_second=1, max_in_flight=1)
    held = lim.admit("a")
    for _ in range(5):
        assert reason(lambda: lim.admit("a"))[0] == "CONCURRENCY_LIMITED"
    lim.release(held)
    lim.release(lim.admit("a"))  # the second token is still there


def test_rate_zero_means_no_rate_limit() -> None:
    lim = limiter(FakeClock(), burst=1, rate_per_second=0)
    for _ in range(1000):
        lim.release(lim.admit("a"))


def test_in_flight_caps_per_identity_and_server_wide() -> None:
    lim = limiter(FakeClock(), max_total=3, max_in_flight=2, rate_per_second=0)
    a1, a2 = lim.admit("a"), lim.admit("a")
    assert reason(lambda: lim.admit("a")) == ("CONCURRENCY_LIMITED", 0.5)
    b1 = lim.admit("b")
    assert reason(lambda: lim.admit("c")) == ("RESOURCE_LIMIT", 0.5)
    for held in (a1, a2, b1):
        lim.release(held)
    assert lim.in_flight == 0


def test_idle_callers_are_forgotten_busy_ones_kept() -> None:
    clock = FakeClock()
    lim = limiter(clock, burst=2, rate_per_second=1)
    busy = lim.admit("busy")
    for i in range(3000):
        lim.release(lim.admit(f"id-{i}"))
        clock.advance(0.01)
    assert lim.tracked() < 3000  # swept as the table grew, refilled ones dropped
    clock.advance(10)
    for i in range(3000, 6000):
        lim.release(lim.admit(f"id-{i}"))
    assert lim.in_flight == 1
    lim.release(busy)
    lim.release(lim.admit("busy"))


def test_core_options_carry_every_limit() -> None:
    opts = dict(core_options(LimitsConfig(receive_timeout_seconds=3)))
    assert opts["grpc.max_concurrent_streams"] == 100
    assert opts["grpc.max_connection_idle_ms"] == 300_000
    assert opts["grpc.max_connection_age_ms"] == 3_600_000
    assert opts["grpc.max_connection_age_grace_ms"] == 30_000
    assert opts["grpc.server_handshake_timeout_ms"] == 10_000
    assert opts["grpc.max_metadata_size"] == opts["grpc.absolute_max_metadata_size"] == 16384
    assert opts["grpc.max_receive_message_length"] == core_receive_limit(LimitsConfig())
    assert core_receive_limit(LimitsConfig()) == 1024 * 1024 * 5 // 4
    assert opts["grpc.so_reuseport"] == 0


QUERY = ("spiffe://x/caller", "corp/people", ["a"], "", False)


@given(st.text(max_size=200))
def test_page_tokens_round_trip(after: str) -> None:
    tokens = PageTokens(b"k" * 32)
    assert tokens.decode(tokens.encode(after, QUERY), QUERY) == after


@given(st.integers(min_value=0, max_value=40), st.integers(min_value=1, max_value=255))
def test_any_flipped_bit_is_refused(position: int, flip: int) -> None:
    tokens = PageTokens(b"k" * 32)
    raw = bytearray(base64.urlsafe_b64decode(tokens.encode("user-0042", QUERY) + "=="))
    raw[position % len(raw)] ^= flip
    forged = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    with pytest.raises(InvalidArgument) as caught:
        tokens.decode(forged, QUERY)
    assert caught.value.reason == "PAGE_TOKEN_INVALID"


def test_last_page_has_no_token_and_no_token_means_the_start() -> None:
    tokens = PageTokens.ephemeral()
    assert tokens.encode(None, QUERY) == ""
    assert tokens.decode("", QUERY) == ""
