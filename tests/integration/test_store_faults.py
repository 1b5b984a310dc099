"""Store faults on real servers: PostgreSQL and OpenBao behind a TCP fault proxy.

One broker (built from a config, as `serve` builds it) routes ``pg/`` to PostgreSQL and
``bao/`` to OpenBao, each through its own FaultProxy (tests/faultproxy.py). For each
fault mode, reads must answer within their deadline with a value, a marked stale value
or UNAVAILABLE/STORE_UNAVAILABLE with RetryInfo; the store's health service (and the
overall one) must go NOT_SERVING once its breaker opens, and everything must recover
without a restart when the proxy passes traffic again.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from psycopg.conninfo import make_conninfo
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.api.health import HealthBoard
from secrets_broker.api.transport import RunningServer, start_server
from secrets_broker.broker import Broker
from secrets_broker.domain.crypto import create_master_key
from secrets_broker.ops.app import build_broker
from secrets_broker.ops.config import parse_config
from tests.conftest import FakeClock, Harness
from tests.faultproxy import FaultProxy
from tests.integration.helpers import detail, rich_status, rpc_error
from tests.pki import Pki
from tests.reliability import Recorder
from tests.servers import PgServer, VaultServer

BATTERY = "store-faults"
TTL_SECONDS = 30
READ_DEADLINE_SECONDS = 5.0  # generous; the measured answer times are in the records
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
FAULTS = {"blackhole": 0.0, "drop": 0.0, "reset": 0.0, "delay": 3.0}  # mode -> delay


@dataclass
class Faulted:
    harness: Harness
    clock: FakeClock
    proxies: dict[str, FaultProxy]
    health: health_pb2_grpc.HealthStub


@pytest.fixture(scope="module")
async def faulted(
    pki: Pki,
    policy_file: Path,
    postgres_server: PgServer,
    vault_server: VaultServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Faulted]:
    base = tmp_path_factory.mktemp("faults")
    create_master_key(base / "master.key")
    proxies = {
        "pg": FaultProxy(postgres_server.host, postgres_server.port).start(),
        "bao": FaultProxy("127.0.0.1", int(vault_server.url.rsplit(":", 1)[1])).start(),
    }
    async with postgres_server.database() as dbname:
        config = parse_config(
            {
                "listen": "127.0.0.1:0",
                "tls": {
                    "cert_file": str(pki.path("server")),
                    "key_file": str(pki.key("server")),
                    "client_ca_file": str(pki.path("ca")),
                },
                "policy_file": str(policy_file),
                "stores": {
                    "main": {"type": "sqlite", "path": "store.db", "master_key_file": "master.key"},
                    "pg": {
                        "type": "postgres",
                        "dsn": make_conninfo(postgres_server.dsn(dbname), port=proxies["pg"].port),
                        "master_key_file": "master.key",
                        "connect_timeout_seconds": 2,
                        "pool_timeout_seconds": 2,
                    },
                    "bao": {
                        "type": "vault",
                        "url": f"http://127.0.0.1:{proxies['bao'].port}",
                        "token": vault_server.root_token,
                        "path_prefix": f"faults/{uuid.uuid4().hex}",
                        "timeout_seconds": 3,
                    },
                },
                "routes": {"": "main", "pg/": "pg", "bao/": "bao"},
                "cache": {"default_ttl_seconds": TTL_SECONDS, "stale_on_error_seconds": 600},
                "resilience": {
                    "call_timeout_seconds": 1.0,
                    "failure_threshold": 3,
                    "open_seconds": 0.5,
                },
            },
            base,
        )
        clock = FakeClock()
        board = HealthBoard()
        broker: Broker = build_broker(config, clock=clock, health=board)
        running: RunningServer = await start_server(
            broker, config.tls, config.listen, config.limits, config.identity, board=board
        )
        harness = Harness(pki, running, broker, clock)
        health = health_pb2_grpc.HealthStub(harness.channel("client"))
        try:
            yield Faulted(harness, clock, proxies, health)
        finally:
            await harness.stop()
            for proxy in proxies.values():
                proxy.close()


async def health_of(f: Faulted, service: str) -> int:
    reply = await f.health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
    return int(reply.status)


async def wait_health(f: Faulted, service: str, status: int, seconds: float = 60) -> None:
    """Polls the health service (the board pushes changes from a task of its own)."""
    deadline = time.monotonic() + seconds
    while await health_of(f, service) != status:
        assert time.monotonic() < deadline, f"{service or 'overall'} never became {status}"
        await asyncio.sleep(0.05)  # a poll interval, not synchronisation: Check is the test


async def read(f: Faulted, name: str) -> tuple[str, float, pb.GetSecretResponse | None]:
    """One read under the deadline: ('value' | 'stale' | 'unavailable', seconds, reply)."""
    stub = f.harness.broker_stub("admin")
    started = time.monotonic()
    call = stub.GetSecret(pb.GetSecretRequest(name=name), timeout=READ_DEADLINE_SECONDS)
    try:
        reply = await call
    except grpc.aio.AioRpcError as err:
        took = time.monotonic() - started
        await rpc_error(_raise(err), grpc.StatusCode.UNAVAILABLE, "STORE_UNAVAILABLE")
        assert detail(rich_status(err), error_details_pb2.RetryInfo) is not None
        return "unavailable", took, None
    took = time.monotonic() - started
    trailers = dict(await call.trailing_metadata() or ())
    return ("stale" if "x-secrets-broker-stale" in trailers else "value"), took, reply


async def _raise(err: grpc.aio.AioRpcError) -> None:
    raise err


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(FAULTS))
@pytest.mark.parametrize("store", ["pg", "bao"])
async def test_reads_answer_in_time_health_flips_and_recovers(
    faulted: Faulted, store: str, mode: str, reliability: Recorder
) -> None:
    f, proxy, service = faulted, faulted.proxies[store], f"secretsbroker.store.{store}"
    admin = f.harness.admin_stub()
    warm, cold = f"{store}/{mode}-warm", f"{store}/{mode}-cold"
    for name in (warm, cold):
        await admin.PutSecret(admin_pb.PutSecretRequest(name=name, values={"k": "v1"}), timeout=10)
    assert (await read(f, warm))[0] == "value"  # now cached
    f.clock.advance(TTL_SECONDS * 2)  # expired: the next read goes to the store
    assert await health_of(f, service) == SERVING
    faults_before = proxy.faults

    proxy.set_mode(mode, delay_seconds=FAULTS[mode])
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    give_up = time.monotonic() + 60
    while await health_of(f, service) != NOT_SERVING:
        assert time.monotonic() < give_up, f"{service} never went NOT_SERVING"
        for name, expected in ((warm, "stale"), (cold, "unavailable")):
            outcome, took, reply = await read(f, name)
            assert outcome == expected, (name, outcome)
            if reply is not None:
                assert reply.secret.values["k"] == "v1" and reply.secret.version == 1
            outcomes[outcome] += 1
            slowest = max(slowest, took)
    assert await health_of(f, "") == NOT_SERVING
    open_times = []
    for _ in range(3):  # the breaker is open: answers come at once, stale or refused
        outcome, took, _ = await read(f, warm)
        assert outcome == "stale"
        outcome, took_cold, _ = await read(f, cold)
        assert outcome == "unavailable"
        open_times += [took, took_cold]
    await rpc_error(
        admin.PutSecret(admin_pb.PutSecretRequest(name=cold, values={"k": "v2"}), timeout=10),
        grpc.StatusCode.UNAVAILABLE,
        "STORE_UNAVAILABLE",
    )

    proxy.set_mode("pass")
    await wait_health(f, service, SERVING)
    await wait_health(f, "", SERVING)
    outcome, _, reply = await read(f, warm)
    assert outcome == "value" and reply is not None and reply.secret.values["k"] == "v1"
    outcome, _, reply = await read(f, cold)
    assert outcome == "value" and reply is not None and reply.secret.version == 1
    reliability.record(
        BATTERY,
        f"{'postgres' if store == 'pg' else 'openbao'}/{mode}",
        "stale or UNAVAILABLE in time; NOT_SERVING; recovered",
        faults_injected=proxy.faults - faults_before,
        reads=sum(outcomes.values()) + len(open_times) + 2,
        stale_answers=outcomes["stale"] + len(open_times) // 2,
        unavailable_answers=outcomes["unavailable"] + len(open_times) // 2,
        write_refused=1,
        slowest_answer_ms=round(slowest * 1000),
        slowest_answer_open_ms=round(max(open_times) * 1000),
        recovered=True,
    )


@pytest.mark.slow
@pytest.mark.parametrize("store", ["pg", "bao"])
async def test_a_slow_store_within_its_timeout_answers_fresh(
    faulted: Faulted, store: str, reliability: Recorder
) -> None:
    f, proxy = faulted, faulted.proxies[store]
    name = f"{store}/slow-but-fine"
    await f.harness.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name=name, values={"k": "v1"}), timeout=10
    )
    proxy.set_mode("delay", delay_seconds=0.05)
    try:
        outcome, took, reply = await read(f, name)
    finally:
        proxy.set_mode("pass")
    assert outcome == "value" and reply is not None and reply.secret.values["k"] == "v1"
    assert await health_of(f, f"secretsbroker.store.{store}") == SERVING
    reliability.record(
        BATTERY,
        f"{'postgres' if store == 'pg' else 'openbao'}/delay-50ms",
        "fresh value",
        faults_injected=1,
        reads=1,
        answer_ms=round(took * 1000),
    )
