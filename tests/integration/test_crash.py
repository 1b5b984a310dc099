"""Crash consistency: `kill -9` the broker process during a write storm, again and again.

Four writers put to their own names as fast as the broker acknowledges; after a random
number of acknowledgements the broker gets SIGKILL with writes in flight, is restarted
on the same data, and every acknowledged write must read back at its version with its
exact values. Nothing may be torn: every version that exists (acknowledged or not)
holds one writer's complete set of values, and the versions have no gaps.
"""

from __future__ import annotations

import asyncio
import random
import secrets
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.domain.crypto import create_master_key
from tests.brokerproc import BrokerProcess, write_config
from tests.pki import Pki
from tests.reliability import Recorder
from tests.servers import PgServer

BATTERY = "crash-consistency"
ROUNDS = 6
WRITERS = 4
KEYS = ("userId", "clearPassword", "accessToken")


@pytest.fixture(params=["sqlite", "postgres"])
async def store_section(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    create_master_key(tmp_path / "master.key")
    key = str(tmp_path / "master.key")
    if request.param == "sqlite":
        yield (
            "sqlite",
            {"type": "sqlite", "path": str(tmp_path / "store.db"), "master_key_file": key},
        )
        return
    server: PgServer = request.getfixturevalue("postgres_server")
    async with server.database() as dbname:
        yield "postgres", {"type": "postgres", "dsn": server.dsn(dbname), "master_key_file": key}


def stamped(stamp: str) -> dict[str, str]:
    return {k: f"{k}:{stamp}" for k in KEYS}


async def storm(broker: BrokerProcess, acked: dict[str, dict[int, str]], kill_after: int) -> int:
    """Writes until ``kill_after`` acknowledgements, then SIGKILLs the broker mid-storm."""
    admin = broker.admin()
    count = 0
    killed = asyncio.Event()

    async def writer(name: str) -> None:
        nonlocal count
        while not killed.is_set():
            stamp = f"{name}-{secrets.token_hex(8)}" + "x" * 2000
            try:
                reply = await admin.PutSecret(
                    admin_pb.PutSecretRequest(name=name, values=stamped(stamp)), timeout=30
                )
            except grpc.aio.AioRpcError as err:
                assert killed.is_set(), f"{err.code()} {err.details()} before the kill"
                return
            acked[name][reply.metadata.version] = stamp
            count += 1
            if count == kill_after and not killed.is_set():
                broker.kill()  # SIGKILL while the other writers' puts are in flight
                killed.set()

    await asyncio.gather(*(writer(name) for name in acked))
    return count


async def verify(broker: BrokerProcess, acked: dict[str, dict[int, str]]) -> tuple[int, int]:
    """Checks every acknowledged write and every version there is; returns the count of
    versions and of those that landed without an acknowledgement."""
    reader = broker.reader()
    versions = unacked = 0
    for name, writes in acked.items():
        latest = (await reader.GetSecret(pb.GetSecretRequest(name=name), timeout=30)).secret
        assert latest.version >= max(writes, default=0), name
        for version in range(1, latest.version + 1):
            got = await reader.GetSecret(
                pb.GetSecretRequest(name=name, version=version), timeout=30
            )
            values = dict(got.secret.values)
            stamp = values["userId"].removeprefix("userId:")
            assert values == stamped(stamp), f"{name} v{version} is torn"
            if version in writes:
                assert stamp == writes[version], f"{name} v{version} is not what was acknowledged"
            else:
                unacked += 1
            versions += 1
    return versions, unacked


@pytest.mark.slow
async def test_every_acknowledged_write_survives_kill_9(
    store_section: tuple[str, dict[str, Any]],
    pki: Pki,
    policy_file: Path,
    tmp_path: Path,
    reliability: Recorder,
) -> None:
    kind, section = store_section
    config = write_config(tmp_path, pki, policy_file, {"main": section})
    acked: dict[str, dict[int, str]] = {f"crash/{kind}-w{w}": {} for w in range(WRITERS)}
    rng = random.Random()  # noqa: S311 -- when to kill, not a secret
    total = 0
    for _ in range(ROUNDS):
        broker = BrokerProcess(config, pki)
        try:
            total += await storm(broker, acked, kill_after=rng.randint(10, 60))
        finally:
            await broker.close()
        assert broker.proc.returncode == -9
    broker = BrokerProcess(config, pki)
    try:
        versions, unacked = await verify(broker, acked)
    finally:
        await broker.close()
    assert sum(len(w) for w in acked.values()) == total
    reliability.record(
        BATTERY,
        f"{kind}/kill -9 during a write storm ({WRITERS} writers)",
        "every acknowledged write readable, nothing torn",
        crashes=ROUNDS,
        writes=versions,
        acknowledged=total,
        landed_unacknowledged=unacked,
        lost=0,
        torn=0,
    )
