"""Writes while PostgreSQL's backend connections are being killed (pg_terminate_backend).

The store is opened from a config as `serve` opens it (guard included). A write whose
connection dies before its COMMIT was never applied and must be retried, not refused;
a compare-and-set write may be retried even when its COMMIT's fate is unknown, and the
guard must then recognise its own landed write.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.errors import BrokerError, NotApplied
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.app import open_stores
from secrets_broker.ops.config import parse_config
from secrets_broker.stores.base import Store
from tests.reliability import Recorder
from tests.servers import PgServer

BATTERY = "write-faults"
PUTS = 100


@pytest.fixture
async def pg(
    postgres_server: PgServer, tmp_path: Path, pki_free_config: dict[str, object]
) -> AsyncIterator[tuple[Store, str, str]]:
    create_master_key(tmp_path / "master.key")
    async with postgres_server.database() as dbname:
        doc = {
            **pki_free_config,
            "stores": {
                "pg": {
                    "type": "postgres",
                    "dsn": postgres_server.dsn(dbname),
                    "master_key_file": "master.key",
                    "pool_max_size": 4,
                }
            },
        }
        store = open_stores(parse_config(doc, tmp_path))
        try:
            yield store, postgres_server.dsn("postgres", user="postgres"), dbname
        finally:
            await store.close()


@pytest.fixture
def pki_free_config(tmp_path: Path) -> dict[str, object]:
    """The keys a config needs besides its stores (TLS files are not opened here)."""
    return {
        "listen": "127.0.0.1:0",
        "tls": {"cert_file": "s.pem", "key_file": "k.pem", "client_ca_file": "ca.pem"},
        "policy_file": "policy.yaml",
    }


class Killer:
    """Terminates every backend connected to the broker's database, from a connection of
    its own to another database (so it never kills itself)."""

    def __init__(self, conn: psycopg.AsyncConnection[tuple[int]], dbname: str) -> None:
        self.conn, self.dbname, self.killed = conn, dbname, 0

    async def __call__(self) -> None:
        cur = await self.conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
            (self.dbname,),
        )
        row = await cur.fetchone()
        self.killed += int(row[0]) if row else 0


@pytest.fixture
async def killer(pg: tuple[Store, str, str]) -> AsyncIterator[Killer]:
    _, admin_dsn, dbname = pg
    async with await psycopg.AsyncConnection.connect(admin_dsn, autocommit=True) as conn:
        yield Killer(conn, dbname)


def content(text: str) -> SecretContent:
    return SecretContent(values={"k": SecretValue(text)})


@pytest.mark.slow
async def test_puts_survive_killed_pooled_connections(
    pg: tuple[Store, str, str], killer: Killer, reliability: Recorder
) -> None:
    """Before every put, every connection the broker holds is killed: the put finds a
    dead pooled connection, which it must swap rather than fail."""
    store = pg[0]
    name = SecretName("storm/killed")
    failed: list[str] = []
    for i in range(PUTS):
        await killer()
        try:
            await store.put(name, content(f"v{i}"))
        except BrokerError as exc:
            failed.append(exc.reason)
    versions = await store.versions(name)
    reliability.record(
        BATTERY,
        "postgres/unconditional puts, backends killed before each",
        f"{PUTS - len(failed)} of {PUTS} acknowledged",
        writes=PUTS,
        acknowledged=PUTS - len(failed),
        faults_injected=killer.killed,
        lost=PUTS - len(failed) - len(versions) if len(versions) < PUTS - len(failed) else 0,
    )
    assert failed == [], f"{len(failed)} of {PUTS} puts failed: {sorted(set(failed))}"
    assert versions == list(range(1, PUTS + 1))
    assert (await store.get(name)).content.values["k"].reveal() == f"v{PUTS - 1}"


@pytest.mark.slow
async def test_cas_puts_survive_backends_killed_mid_transaction(
    pg: tuple[Store, str, str], killer: Killer, reliability: Recorder
) -> None:
    """Four writers, each a chain of compare-and-set puts, while a killer terminates the
    broker's backends every 200 ms. A put may still be refused when every retry met a dead
    connection, but only as NotApplied (the writer then tries again, as a client would):
    never an unknown outcome, and every version is written exactly once."""
    store = pg[0]
    done = asyncio.Event()

    async def kill_repeatedly() -> None:
        while not done.is_set():
            await killer()
            await asyncio.sleep(0.2)  # the pace of the faults, not synchronisation

    refused = 0

    async def writer(w: int) -> list[int]:
        nonlocal refused
        name, acked = SecretName(f"storm/cas-{w}"), []
        for i in range(PUTS // 4):
            for _ in range(20):  # bounded: a put that never gets through fails the test
                try:
                    meta = await store.put(name, content(f"{w}-{i}"), expected_version=i)
                    break
                except NotApplied as exc:  # safe to retry, after the advised pause
                    refused += 1
                    await asyncio.sleep(exc.retry_after_seconds or 0.1)
            else:
                raise AssertionError(f"writer {w}: put {i} refused 20 times")
            acked.append(meta.version)
        return acked

    killing = asyncio.create_task(kill_repeatedly())
    try:
        results = await asyncio.gather(*(writer(w) for w in range(4)), return_exceptions=True)
    finally:
        done.set()
        await killing
    errors = [r for r in results if isinstance(r, BaseException)]
    acked = sum(len(r) for r in results if isinstance(r, list))
    reliability.record(
        BATTERY,
        "postgres/CAS puts, 4 writers, backends killed every 200 ms",
        f"{acked} of {PUTS} acknowledged",
        writes=PUTS,
        acknowledged=acked,
        faults_injected=killer.killed,
        refused_not_applied=refused,
        lost=0,
    )
    assert errors == [], errors
    for w in range(4):
        name = SecretName(f"storm/cas-{w}")
        assert await store.versions(name) == list(range(1, PUTS // 4 + 1))
        for v in (1, PUTS // 4):
            got = await store.get(name, v)
            assert got.content.values["k"].reveal() == f"{w}-{v - 1}"
