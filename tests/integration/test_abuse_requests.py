"""Abuse at the gRPC level over real mutual TLS: request bytes that are not a message,
oversized messages and headers, callers over their rate or in-flight limit, a server at
its overall cap. Each test checks the exact status and that others are still served."""

from pathlib import Path

import grpc
import pytest
from google.protobuf.descriptor import ServiceDescriptor
from google.protobuf.message import DecodeError
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from tests.conftest import Harness
from tests.h2raw import H2Connection
from tests.integration.abuse import (
    CHECKED,
    DEADLINE,
    GET_SECRET,
    HEALTH_CHECK,
    broker_with,
    raw_unary,
    still_serves,
    until,
)
from tests.integration.helpers import detail, rich_status, rpc_error, transport_error
from tests.pki import Pki
from tests.reliability import Recorder


def _methods(service: ServiceDescriptor) -> list[tuple[str, str]]:
    return [(f"/{service.full_name}/{m.name}", m.input_type.name) for m in service.methods]


METHODS = [
    *_methods(pb.DESCRIPTOR.services_by_name["SecretsBrokerService"]),
    *_methods(admin_pb.DESCRIPTOR.services_by_name["SecretsAdminService"]),
    (HEALTH_CHECK, "HealthCheckRequest"),
]
UNDECODABLE = {
    "length past the end": b"\x0a\xff\xff\xff\xff\x0f",
    "invalid utf-8 in field 1": b"\x0a\x02\xc3\x28",
    "truncated varint": b"\x08\xff",
}


@pytest.mark.parametrize(("method", "type_name"), METHODS, ids=[m for m, _ in METHODS])
async def test_undecodable_request_is_invalid_argument_with_a_fixed_message(
    harness: Harness, method: str, type_name: str, reliability: Recorder
) -> None:
    for what, payload in UNDECODABLE.items():
        call = raw_unary(harness, "stranger", method, payload)
        err = await rpc_error(call, grpc.StatusCode.INVALID_ARGUMENT, "REQUEST_MALFORMED")
        assert err.details() == f"request: is not a valid {type_name} message", what
        case = f"{method.rsplit('/', 1)[-1]}/undecodable bytes: {what}"
        reliability.record("bad-input", case, "INVALID_ARGUMENT/REQUEST_MALFORMED", inputs=1)
    await still_serves(harness, "admin")


async def test_request_over_the_limit_is_message_too_large(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    async with broker_with(pki, policy_file, tmp_path, max_receive_message_bytes=64 * 1024) as h:
        stub = h.broker_stub("client")
        over = pb.BatchGetSecretsRequest(names=["connectors/" + "a" * 500] * 130)
        assert 64 * 1024 < over.ByteSize() < 80 * 1024  # under gRPC core's own cut-off
        err = await rpc_error(
            stub.BatchGetSecrets(over, timeout=DEADLINE),
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "MESSAGE_TOO_LARGE",
        )
        assert err.details() == "the request is larger than 65536 bytes"
        far_over = pb.BatchGetSecretsRequest(names=["connectors/" + "a" * 500] * 400)
        # Far over, gRPC core refuses it without reading it: a bare status, no details.
        await transport_error(
            stub.BatchGetSecrets(far_over, timeout=DEADLINE), grpc.StatusCode.RESOURCE_EXHAUSTED
        )
        await still_serves(h)


async def test_headers_under_the_limit_always_pass_and_over_it_never(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    async with broker_with(pki, policy_file, tmp_path) as h:  # 16 KiB by default
        await still_serves(h)
        stub = h.broker_stub("client")
        request = pb.GetSecretRequest(name=CHECKED)
        # gRPC alone rejects a random share of header blocks over 8 KiB; not here.
        for _ in range(20):
            await stub.GetSecret(request, metadata=(("x-pad", "a" * 14_000),), timeout=DEADLINE)
        big = (("x-pad", "a" * 17_000),)
        call = stub.GetSecret(request, metadata=big, timeout=DEADLINE)
        await transport_error(call, grpc.StatusCode.RESOURCE_EXHAUSTED)
        await still_serves(h)


async def test_caller_over_its_rate_is_rate_limited_with_retry_info(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    async with broker_with(
        pki,
        policy_file,
        tmp_path,
        per_identity={"burst": 5, "rate_per_second": 2.0},
        fake_rate_clock=True,
    ) as h:
        assert h.clock is not None
        stub = h.broker_stub("client")
        request = pb.GetSecretRequest(name=CHECKED)
        await still_serves(h)  # the client's first token
        for _ in range(4):
            await stub.GetSecret(request, timeout=DEADLINE)
        err = await rpc_error(
            stub.GetSecret(request, timeout=DEADLINE),
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "RATE_LIMITED",
        )
        retry = detail(rich_status(err), error_details_pb2.RetryInfo)
        assert isinstance(retry, error_details_pb2.RetryInfo)
        assert retry.retry_delay.ToMilliseconds() == 500  # one token at 2 per second
        await still_serves(h, "admin")  # another identity has its own bucket
        health = health_pb2_grpc.HealthStub(h.channel("client"))
        await health.Check(health_pb2.HealthCheckRequest(), timeout=DEADLINE)  # never counted
        h.clock.advance(0.5)
        await stub.GetSecret(request, timeout=DEADLINE)
        await rpc_error(
            stub.GetSecret(request, timeout=DEADLINE),
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "RATE_LIMITED",
        )


async def test_caller_at_its_in_flight_cap_is_concurrency_limited(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    async with broker_with(
        pki, policy_file, tmp_path, per_identity={"max_in_flight": 2}, receive_timeout_seconds=60
    ) as h:
        conn = await H2Connection.open(h.running.port, pki, "client")
        held = [conn.start(GET_SECRET), conn.start(GET_SECRET)]
        await conn.flush()
        await until(lambda: h.running.guard.callers.in_flight == 2, "two calls in progress")
        stub = h.broker_stub("client")
        request = pb.GetSecretRequest(name=CHECKED)
        err = await rpc_error(
            stub.GetSecret(request, timeout=DEADLINE),
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "CONCURRENCY_LIMITED",
        )
        assert detail(rich_status(err), error_details_pb2.RetryInfo) is not None
        await still_serves(h, "admin")
        assert not any(conn.streams[sid].ended.is_set() for sid in held)
        await conn.close()
        await until(lambda: h.running.guard.callers.in_flight == 0, "the held calls to end")
        await stub.GetSecret(request, timeout=DEADLINE)


async def test_server_at_its_overall_cap_still_answers_health(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    async with broker_with(
        pki, policy_file, tmp_path, max_concurrent_rpcs=3, receive_timeout_seconds=60
    ) as h:
        conn = await H2Connection.open(h.running.port, pki, "stranger")
        for _ in range(3):
            conn.start(GET_SECRET)
        await conn.flush()
        await until(lambda: h.running.guard.callers.in_flight == 3, "three calls in progress")
        await rpc_error(
            h.broker_stub("client").GetSecret(pb.GetSecretRequest(name=CHECKED), timeout=DEADLINE),
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "RESOURCE_LIMIT",
        )
        health = health_pb2_grpc.HealthStub(h.channel("authn"))
        for _ in range(5):
            answer = await health.Check(health_pb2.HealthCheckRequest(), timeout=DEADLINE)
            assert answer.status == health_pb2.HealthCheckResponse.SERVING
        await conn.close()
        await until(lambda: h.running.guard.callers.in_flight == 0, "the held calls to end")
        await still_serves(h)


def test_the_undecodable_payloads_really_are_undecodable() -> None:
    for payload in UNDECODABLE.values():
        with pytest.raises(DecodeError):
            pb.GetSecretRequest.FromString(payload)
