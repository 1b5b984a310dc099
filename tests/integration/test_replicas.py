"""Three broker processes over one PostgreSQL store: rotations through one replica reach
the readers and watchers of the others (LISTEN/NOTIFY), and a replica whose listening
connection is killed resyncs before it trusts its cache again.

Timing is measured and reported, with generous deadlines only (a shared 2-core machine):
the figure itself comes from bench/replicas.py.
"""

from __future__ import annotations

import asyncio
import secrets
import statistics
import time
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from tests.brokerproc import BrokerProcess
from tests.pki import Pki
from tests.replicas import LISTEN_APPLICATION, replica_config, start_replicas
from tests.servers import PgServer

pytestmark = pytest.mark.slow
NAME = "rot/shared-db"
ROTATIONS = 100
READERS = 100
GENEROUS_LAG_SECONDS = 10.0  # the issue asks for 1 s; the measured figure is reported
WAIT = 60.0


@pytest.fixture
async def database(postgres_server: PgServer) -> AsyncIterator[str]:
    async with postgres_server.database() as dbname:
        yield dbname


def values_of(version: int) -> dict[str, str]:
    """Two values that must always travel together: a reader seeing a mix would fail."""
    stamp = f"{version}:{secrets.token_hex(8)}"
    return {"userId": f"user-{stamp}", "clearPassword": f"pw-{stamp}"}


class Watcher:
    """One WatchSecret stream on a replica, collecting versions; can be cut and resumed."""

    def __init__(self, replica: BrokerProcess) -> None:
        self.stub = broker_grpc.SecretsBrokerServiceStub(replica.channel("client"))
        self.versions: list[int] = []
        self.values: dict[int, dict[str, str]] = {}
        self.synced = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    def start(self) -> None:
        after = {NAME: self.versions[-1]} if self.versions else {}
        self.task = asyncio.create_task(self._run(after))

    async def _run(self, after: dict[str, int]) -> None:
        call = self.stub.WatchSecret(pb.WatchSecretRequest(names=[NAME], resume_after=after))
        async for event in call:
            if event.HasField("synced"):
                self.synced.set()
            elif event.HasField("version"):
                secret = event.version.secret
                self.versions.append(secret.version)
                self.values[secret.version] = dict(secret.values)

    async def cut(self) -> None:
        assert self.task is not None
        self.task.cancel()
        try:
            await self.task
        except asyncio.CancelledError:
            pass


async def wait_for(predicate: object, what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)


async def test_rotations_through_one_replica_reach_every_reader_and_watcher(
    postgres_server: PgServer, database: str, pki: Pki, tmp_path: Path
) -> None:
    a, b, c = start_replicas(postgres_server, database, tmp_path, pki, ["A", "B", "C"])
    try:
        admin = a.admin()
        expected = {1: values_of(1)}
        await admin.PutSecret(admin_pb.PutSecretRequest(name=NAME, values=expected[1]))
        watchers = [Watcher(r) for r in (a, b, c)]
        for w in watchers:
            w.start()
        for w in watchers:
            await asyncio.wait_for(w.synced.wait(), WAIT)

        acked: dict[int, float] = {1: time.monotonic()}
        seen: list[dict[int, float]] = [{} for _ in range(READERS)]
        mixed: list[str] = []
        done = asyncio.Event()

        async def reader(i: int) -> None:
            stub = broker_grpc.SecretsBrokerServiceStub((b, c)[i % 2].channel("client"))
            while not done.is_set():
                reply = await stub.GetSecret(pb.GetSecretRequest(name=NAME), timeout=WAIT)
                now, secret = time.monotonic(), reply.secret
                if dict(secret.values) != expected.get(secret.version):
                    mixed.append(f"reader {i} version {secret.version}")
                seen[i].setdefault(secret.version, now)
                if secret.version == ROTATIONS + 1:
                    return

        readers = [asyncio.create_task(reader(i)) for i in range(READERS)]
        for version in range(2, ROTATIONS + 2):
            expected[version] = values_of(version)  # known before any replica can serve it
            await admin.RotateSecret(
                admin_pb.RotateSecretRequest(
                    name=NAME,
                    expected_version=version - 1,
                    supplied=admin_pb.SuppliedValues(values=expected[version]),
                )
            )
            acked[version] = time.monotonic()
            if version == 40:
                await watchers[2].cut()  # C's watcher drops out for a while...
            if version == 70:
                watchers[2].start()  # ...and resumes after the last version it had
            await asyncio.sleep(0.01)
        await asyncio.wait_for(asyncio.gather(*readers), WAIT)
        done.set()
        for w in watchers:
            await wait_for(lambda w=w: w.versions and w.versions[-1] == ROTATIONS + 1, "watchers")
            await w.cut()

        assert mixed == []
        lags = []
        for reader_seen in seen:
            for version, at in acked.items():
                first = min(t for v, t in reader_seen.items() if v >= version)
                lags.append(max(0.0, first - at))
        lags.sort()
        p50, p99 = statistics.median(lags), lags[int(len(lags) * 0.99)]
        print(
            f"\nreader lag after A's acknowledgement over {len(lags)} (reader, version) pairs: "
            f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {lags[-1] * 1000:.1f} ms"
        )
        assert lags[-1] < GENEROUS_LAG_SECONDS
        everything = list(range(1, ROTATIONS + 2))
        for w in watchers:
            assert w.versions == everything  # in order, no gap, none twice (C resumed)
            assert all(w.values[v] == expected[v] for v in everything)
    finally:
        for replica in (a, b, c):
            await replica.close()


async def listener_pid(server: PgServer, replica: str) -> int | None:
    async with await psycopg.AsyncConnection.connect(
        server.dsn("postgres", user="postgres"), autocommit=True
    ) as conn:
        cur = await conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
            (f"{LISTEN_APPLICATION} {replica}",),
        )
        row = await cur.fetchone()
        return None if row is None else int(row[0])


async def superuser(server: PgServer, statement: str) -> None:
    async with await psycopg.AsyncConnection.connect(
        server.dsn("postgres", user="postgres"), autocommit=True
    ) as conn:
        await conn.execute(statement)  # type: ignore[arg-type]


async def test_a_replica_that_lost_its_listener_resyncs_and_never_goes_back(
    postgres_server: PgServer, database: str, pki: Pki, tmp_path: Path
) -> None:
    [a] = start_replicas(postgres_server, database, tmp_path, pki, ["A"])
    # B logs in as its own role, so that it alone can be kept from reconnecting.
    password = secrets.token_hex(12)
    await superuser(
        postgres_server, f"CREATE ROLE broker_b LOGIN PASSWORD '{password}' IN ROLE broker"
    )
    dsn_b = postgres_server.dsn(database, user="broker_b", password=password)
    b = BrokerProcess(replica_config(tmp_path, pki, dsn_b, "B", log_level="INFO"), pki)
    try:
        admin = a.admin()
        reader = broker_grpc.SecretsBrokerServiceStub(b.channel("client"))

        async def version_on_b() -> int:
            reply = await reader.GetSecret(pb.GetSecretRequest(name=NAME), timeout=WAIT)
            return reply.secret.version

        async def rotate() -> int:
            reply = await admin.RotateSecret(
                admin_pb.RotateSecretRequest(name=NAME, password=admin_pb.PasswordGenerator())
            )
            return reply.metadata.version

        await admin.PutSecret(admin_pb.PutSecretRequest(name=NAME, values={"k": "v"}))
        assert await version_on_b() == 1  # cached on B
        announced = await rotate()
        newest = 0

        async def b_reached(version: int) -> None:
            nonlocal newest
            deadline = time.monotonic() + WAIT
            while (newest := await version_on_b()) < version:
                assert newest >= announced, f"B served {newest} after seeing {announced}"
                assert time.monotonic() < deadline, f"B never served version {version}"
                await asyncio.sleep(0.02)

        await b_reached(announced)  # the notice reached B
        first_pid = await listener_pid(postgres_server, "B")
        assert first_pid is not None
        await superuser(postgres_server, "ALTER ROLE broker_b NOLOGIN")
        await superuser(postgres_server, f"SELECT pg_terminate_backend({first_pid})")
        missed = await rotate()  # B cannot hear of this one
        assert await version_on_b() == missed  # nothing stale served while not listening
        announced = missed
        missed = await rotate()  # nor of this one; B's cache still holds the one before
        await superuser(postgres_server, "ALTER ROLE broker_b LOGIN")
        await wait_for_async(lambda: listener_pid(postgres_server, "B"), "B to listen again")
        await wait_for(lambda: "resynced" in b.log_text(), "B's resync")
        await b_reached(missed)
        assert "listening connection lost" in b.log_text()
        assert (await listener_pid(postgres_server, "B")) != first_pid
    finally:
        await b.close()
        await a.close()
        await superuser(postgres_server, "DROP OWNED BY broker_b")
        await superuser(postgres_server, "DROP ROLE broker_b")


async def wait_for_async(probe: object, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not await probe():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)
