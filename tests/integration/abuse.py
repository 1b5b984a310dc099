"""Shared pieces of the abuse tests: a broker with chosen limits, and the check that it
still serves another caller and health."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from grpc_health.v1 import health_pb2, health_pb2_grpc
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.ops.config import CallerLimitsConfig, LimitsConfig
from tests.conftest import Harness, start_harness
from tests.pki import Pki
from tests.tools import tool

GET_SECRET = "/secretsbroker.v1.SecretsBrokerService/GetSecret"
HEALTH_CHECK = "/grpc.health.v1.Health/Check"
CHECKED = "connectors/still-serving"
# Generous: the machine is shared; the figures are measured in bench/abuse.py.
DEADLINE = 60.0


@asynccontextmanager
async def broker_with(
    pki: Pki,
    policy_file: Path,
    data: Path,
    per_identity: dict[str, Any] | None = None,
    fake_rate_clock: bool = False,
    page_tokens: PageTokens | None = None,
    **limits: Any,
) -> AsyncIterator[Harness]:
    """A broker whose limits differ from the defaults by ``limits``/``per_identity``."""
    config = LimitsConfig(per_identity=CallerLimitsConfig(**(per_identity or {})), **limits)
    h = await start_harness(
        pki,
        data,
        policy_file,
        limits=config,
        fake_rate_clock=fake_rate_clock,
        page_tokens=page_tokens,
    )
    try:
        yield h
    finally:
        await h.stop()


async def still_serves(h: Harness, who: str = "client") -> None:
    """Another caller's GetSecret (after an admin's PutSecret) and a health check succeed."""
    await h.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name=CHECKED, values={"userId": "ok"}), timeout=DEADLINE
    )
    reply = await h.broker_stub(who).GetSecret(pb.GetSecretRequest(name=CHECKED), timeout=DEADLINE)
    assert reply.secret.values["userId"] == "ok"
    health = health_pb2_grpc.HealthStub(h.channel("authn"))
    answer = await health.Check(health_pb2.HealthCheckRequest(), timeout=DEADLINE)
    assert answer.status == health_pb2.HealthCheckResponse.SERVING


async def health_probe(h: Harness, who: str = "authn") -> tuple[int, str]:
    """grpc-health-probe against ``h``, run without blocking the broker's event loop."""
    pki = h.pki
    proc = await asyncio.create_subprocess_exec(
        tool("grpc-health-probe"),
        f"-addr={h.address}",
        "-tls",
        f"-tls-ca-cert={pki.path('ca')}",
        f"-tls-client-cert={pki.path(who)}",
        f"-tls-client-key={pki.key(who)}",
        f"-connect-timeout={DEADLINE:.0f}s",
        f"-rpc-timeout={DEADLINE:.0f}s",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await proc.communicate()
    return int(proc.returncode or 0), out.decode()


async def until(condition: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    """Polls ``condition`` (no sleep stands in for synchronisation: it is re-checked)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def raw_unary(h: Harness, who: str, method: str, payload: bytes, **kw: Any) -> Awaitable[bytes]:
    """A call that sends ``payload`` as the request bytes, whatever they are."""
    call = h.channel(who).unary_unary(method, request_serializer=None, response_deserializer=None)
    return call(payload, timeout=DEADLINE, **kw)  # type: ignore[no-any-return]
