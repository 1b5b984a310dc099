"""Benchmark: from a rotation acknowledged by one replica to the new value served by
another, over PostgreSQL LISTEN/NOTIFY.

Two `secrets-broker serve` processes (A and B, tests/replicas.py) share one PostgreSQL
database. ROTATIONS times, one after the other: RotateSecret through A; as soon as A
acknowledges version N, one reader asks B (GetSecret, back to back) until B serves N.
Each rotation yields three times: B serving N after A's acknowledgement, after the
rotation was sent, and a WatchSecret stream on B delivering N after A's acknowledgement
(negative when B pushed it before A's answer reached the client).
B's cache holds the secret the whole time (TTL 300 s), so only the change notice can
make B serve the new value before its TTL ends.

``--mode off`` runs the same with replication off (no postgres_store: each process
knows only its own writes) and a deadline of 1 s per rotation: the before picture.
Prints the figures and writes bench/results/replicas-<mode>-<UTC time>.json.

    .venv/bin/python bench/replicas.py [--rotations 1000] [--mode on|off]
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "server"), str(ROOT / "clients/python/src")]

import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402
from secretsbroker.v1 import admin_service_pb2 as admin_pb  # noqa: E402
from secretsbroker.v1 import broker_service_pb2 as pb  # noqa: E402
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc  # noqa: E402

from tests.pki import make_pki  # noqa: E402
from tests.replicas import start_replicas  # noqa: E402
from tests.servers import running_postgres  # noqa: E402

NAME = "rot/bench"
OFF_DEADLINE_SECONDS = 1.0


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)

    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p90_ms": at(0.90),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


async def measure(a: Any, b: Any, rotations: int, replicated: bool) -> dict[str, Any]:
    admin = a.admin()
    reader = broker_grpc.SecretsBrokerServiceStub(b.channel("client"))
    await admin.PutSecret(admin_pb.PutSecretRequest(name=NAME, values={"k": "0"}))
    await reader.GetSecret(pb.GetSecretRequest(name=NAME))  # cached on B
    delivered: dict[int, float] = {}
    synced = asyncio.Event()

    async def watch() -> None:
        async for event in reader.WatchSecret(pb.WatchSecretRequest(names=[NAME])):
            if event.HasField("synced"):
                synced.set()
            elif event.HasField("version"):
                delivered.setdefault(event.version.secret.version, time.monotonic())

    watcher = asyncio.create_task(watch())
    await asyncio.wait_for(synced.wait(), 60)
    after_ack, after_send, missed = [], [], 0
    acked_at: dict[int, float] = {}
    for i in range(rotations):
        sent = time.monotonic()
        reply = await admin.RotateSecret(
            admin_pb.RotateSecretRequest(
                name=NAME, supplied=admin_pb.SuppliedValues(values={"k": str(i + 1)})
            )
        )
        acked = time.monotonic()
        version = reply.metadata.version
        acked_at[version] = acked
        while (await reader.GetSecret(pb.GetSecretRequest(name=NAME))).secret.version < version:
            if not replicated and time.monotonic() - acked > OFF_DEADLINE_SECONDS:
                missed += 1
                break
        else:
            served = time.monotonic()
            after_ack.append(served - acked)
            after_send.append(served - sent)
    await asyncio.sleep(0.5 if replicated else 0)  # the last watch events
    watcher.cancel()
    watch_lags = [delivered[v] - t for v, t in acked_at.items() if v in delivered]
    result: dict[str, Any] = {
        "rotations": rotations,
        "served_by_b_within_deadline": len(after_ack),
        "not_served_within_1s": missed,
    }
    if after_ack:
        result["served_after_ack"] = summary(after_ack)
        result["served_after_send"] = summary(after_send)
    if watch_lags:
        result["watch_event_after_ack"] = summary(watch_lags)
    return result


async def run(rotations: int, mode: str) -> dict[str, Any]:
    with running_postgres() as pg, tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        admin = pg.dsn("postgres", user="postgres")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE bench OWNER broker"))
        pki = make_pki(base / "pki")
        extra: dict[str, Any] = {}
        if mode == "off":
            extra["replication"] = {}
        replicas = start_replicas(pg, "bench", base / "brokers", pki, ["A", "B"], **extra)
        try:
            result = await measure(*replicas, rotations, replicated=mode == "on")
        finally:
            for replica in replicas:
                await replica.close()
    return {
        "mode": mode,
        "machine": f"{os.cpu_count()} cores",
        "setup": "2 broker processes + PostgreSQL 15 on one host; one rotation at a time",
        **result,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rotations", type=int, default=1000)
    parser.add_argument("--mode", choices=["on", "off"], default="on")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    result = asyncio.run(run(args.rotations, args.mode))
    print(json.dumps(result, indent=2))
    stamp = time.strftime("%Y-%m-%dT%H%M%SZ", time.gmtime())
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"replicas-{args.mode}-{stamp}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
