"""Abuse at the HTTP/2 level, over real mutual TLS with a raw client (tests/h2raw.py):
streams that never send their request, slow requests, rapid resets, idle and old
connections, unfinished handshakes, ping floods and plaintext on the TLS port. Each test
checks the exact outcome and that the broker still serves another caller and health."""

import asyncio
from collections import Counter
from pathlib import Path

import grpc
from secretsbroker.v1 import broker_service_pb2 as pb

from tests.h2raw import H2Connection, grpc_frame
from tests.integration.abuse import (
    DEADLINE,
    GET_SECRET,
    HEALTH_CHECK,
    broker_with,
    health_probe,
    still_serves,
    until,
)
from tests.integration.helpers import rpc_error
from tests.pki import Pki
from tests.reliability import Recorder

CANCELLED = grpc.StatusCode.CANCELLED.value[0]
DEADLINE_EXCEEDED = grpc.StatusCode.DEADLINE_EXCEEDED.value[0]
RESOURCE_EXHAUSTED = grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
NO_ERROR, INTERNAL_ERROR, ENHANCE_YOUR_CALM = 0, 2, 11  # HTTP/2 error codes

BATTERY = "abuse"


async def test_1200_bodyless_streams_from_one_identity_starve_no_one(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(pki, policy_file, tmp_path, receive_timeout_seconds=DEADLINE) as h:
        conns = [await H2Connection.open(h.running.port, pki, "stranger") for _ in range(12)]
        assert {c.max_streams for c in conns} == {100}
        for conn in conns:
            for _ in range(100):
                conn.start(GET_SECRET)
            await conn.flush()
        callers = h.running.guard.callers
        await until(lambda: sum(c.open_count() for c in conns) == 64, "the over-cap answers")
        assert callers.in_flight == 64  # the stranger's cap holds; the rest were answered
        # While those 64 wait for requests that never come, others are served.
        await still_serves(h)
        code, out = await health_probe(h)
        assert code == 0 and "SERVING" in out, out
        answered = [s for c in conns for s in c.streams.values() if s.ended.is_set()]
        assert len(answered) == 1200 - 64
        # The broker refuses over the cap; gRPC core may shed a few before the broker
        # sees them while its backlog is over grpc.server.max_pending_requests (1,000).
        outcomes = Counter((s.grpc_status, s.reason) for s in answered)
        assert set(outcomes) <= {(RESOURCE_EXHAUSTED, "CONCURRENCY_LIMITED"), (CANCELLED, None)}
        assert outcomes[RESOURCE_EXHAUSTED, "CONCURRENCY_LIMITED"] > 1000, outcomes
        for conn in conns:
            await conn.close()
        await until(lambda: callers.in_flight == 0, "the held calls to be released")
        await still_serves(h)
    reliability.record(
        BATTERY,
        "1,200 body-less streams from one identity",
        "over-cap streams RESOURCE_EXHAUSTED/CONCURRENCY_LIMITED; others and health served",
        inputs=1,
    )


async def test_stream_that_never_sends_its_request_times_out(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(pki, policy_file, tmp_path, receive_timeout_seconds=0.5) as h:
        conn = await H2Connection.open(h.running.port, pki, "stranger")
        silent = conn.start(GET_SECRET)
        slow = conn.start(GET_SECRET, body=grpc_frame(b"\x0a\x05conne")[:3])
        health = conn.start(HEALTH_CHECK)
        await conn.flush()
        for sid in (silent, slow, health):
            stream = await conn.finished(sid, DEADLINE)
            assert (stream.grpc_status, stream.reason) == (DEADLINE_EXCEEDED, "REQUEST_TIMEOUT")
        await conn.close()
        await still_serves(h)
    reliability.record(
        BATTERY,
        "a stream that never sends its request",
        "DEADLINE_EXCEEDED/REQUEST_TIMEOUT",
        inputs=1,
    )


async def test_call_without_deadline_is_cut_at_max_rpc_seconds(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(pki, policy_file, tmp_path, max_rpc_seconds=0.5) as h:
        hung = asyncio.Event()

        async def hanging_store(*_: object) -> None:  # a store that never answers
            hung.set()
            await asyncio.Event().wait()

        h.broker.get_secret = hanging_store  # type: ignore[method-assign]
        call = h.broker_stub("client").GetSecret(pb.GetSecretRequest(name="connectors/x"))
        waited = rpc_error(call, grpc.StatusCode.DEADLINE_EXCEEDED, "RPC_TIMEOUT")  # no deadline
        await asyncio.wait_for(waited, DEADLINE)  # ...but the test itself does not hang
        assert hung.is_set()
        del h.broker.get_secret
        await still_serves(h)
    reliability.record(
        BATTERY,
        "a call without a deadline on a hung store",
        "DEADLINE_EXCEEDED/RPC_TIMEOUT",
        inputs=1,
    )


async def test_idle_connection_is_closed(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(pki, policy_file, tmp_path, connection_idle_seconds=0.5) as h:
        conn = await H2Connection.open(h.running.port, pki, "stranger")
        await asyncio.wait_for(conn.goaway.wait(), DEADLINE)
        assert (conn.goaway_code, conn.goaway_data) == (INTERNAL_ERROR, b"connection idle")
        await asyncio.wait_for(conn.closed.wait(), DEADLINE)
        await conn.close()
        await still_serves(h)
    reliability.record(BATTERY, "an idle connection", "closed (GOAWAY)", inputs=1)


async def test_connection_is_closed_at_max_age_after_its_grace(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(
        pki,
        policy_file,
        tmp_path,
        connection_max_age_seconds=0.5,
        connection_age_grace_seconds=0.5,
        receive_timeout_seconds=DEADLINE,
    ) as h:
        conn = await H2Connection.open(h.running.port, pki, "stranger")
        held = conn.start(GET_SECRET)  # in progress when the connection ages out
        await conn.flush()
        await asyncio.wait_for(conn.goaway.wait(), DEADLINE)
        assert (conn.goaway_code, conn.goaway_data) == (NO_ERROR, b"max_age")
        stream = await conn.finished(held, DEADLINE)  # cut at the end of the grace
        assert stream.grpc_status is None
        await asyncio.wait_for(conn.closed.wait(), DEADLINE)
        await conn.close()
        await still_serves(h)
    reliability.record(
        BATTERY, "a connection past its maximum age", "closed after its grace", inputs=1
    )


async def test_connection_that_never_finishes_its_handshake_is_dropped(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(pki, policy_file, tmp_path, handshake_timeout_seconds=0.5) as h:
        reader, writer = await asyncio.open_connection("127.0.0.1", h.running.port)
        assert await asyncio.wait_for(reader.read(1), DEADLINE) == b""
        writer.close()
        await still_serves(h)
    reliability.record(BATTERY, "a TLS handshake never finished", "dropped", inputs=1)


async def test_rapid_reset_is_charged_to_the_caller(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(
        pki,
        policy_file,
        tmp_path,
        per_identity={"burst": 20, "rate_per_second": 1.0},
        fake_rate_clock=True,
    ) as h:
        conn = await H2Connection.open(h.running.port, pki, "stranger")
        others: asyncio.Task[None] | None = None
        for i in range(20_000):
            conn.reset(conn.start(GET_SECRET))
            if i % 100 == 99:
                await conn.flush()
            if i == 10_000:  # served in the middle of the flood
                others = asyncio.create_task(still_serves(h))
        await conn.flush()
        assert others is not None
        await others
        # gRPC core drops most reset streams before the broker sees them (about 100 of
        # the 20,000 reach it); each one the broker saw cost the stranger a token.
        call = h.broker_stub("stranger").GetSecret(pb.GetSecretRequest(name="x/y"))
        await rpc_error(call, grpc.StatusCode.RESOURCE_EXHAUSTED, "RATE_LIMITED")
        await until(lambda: h.running.guard.callers.in_flight == 0, "the reset calls to end")
        assert not conn.closed.is_set()  # bounded, not disconnected: the flood just costs
        await conn.close()
        await still_serves(h)
    reliability.record(
        BATTERY,
        "20,000 rapid-reset streams on one connection",
        "charged to the caller; others served",
        inputs=1,
    )


async def test_ping_flood_is_closed_with_enhance_your_calm(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(pki, policy_file, tmp_path) as h:
        conn = await H2Connection.open(h.running.port, pki, "stranger")
        for i in range(10):
            conn.h2.ping(b"%08d" % i)
        await conn.flush()
        await asyncio.wait_for(conn.goaway.wait(), DEADLINE)
        assert (conn.goaway_code, conn.goaway_data) == (ENHANCE_YOUR_CALM, b"too_many_pings")
        await conn.close()
        await still_serves(h)
    reliability.record(BATTERY, "a ping flood", "closed with ENHANCE_YOUR_CALM", inputs=1)


PLAINTEXT = {
    "http2-preface": b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04\x00\x00\x00\x00\x00",
    "http1": b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
}


async def test_plaintext_http2_and_http1_on_the_tls_port_are_dropped(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    async with broker_with(pki, policy_file, tmp_path) as h:
        for what, data in PLAINTEXT.items():
            reader, writer = await asyncio.open_connection("127.0.0.1", h.running.port)
            writer.write(data)
            await writer.drain()
            assert await asyncio.wait_for(reader.read(100), DEADLINE) == b"", what
            writer.close()
        await still_serves(h)
    reliability.record(
        BATTERY, "plaintext HTTP/2 and HTTP/1.1 on the TLS port", "dropped", inputs=1
    )
