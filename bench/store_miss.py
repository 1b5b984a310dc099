"""Benchmark: a cache miss (the broker's ``await store.get(name)``) against a direct
client call to the same server for the same data.

Per store, one real server is started (tests/servers.py), N secrets of two values each
are written through the broker's Store, and after a warm-up pass (which also checks that
both paths see the same data) M sequential reads of the latest version, cycling the
names, are timed through each path in alternating blocks, so drift hits both alike.
The broker path includes what a miss costs: the thread hop, the store's requests,
decryption, decoding and the checksum. The direct path is the plain client call only.
Prints the figures and ratios and writes bench/results/store-miss-<UTC time>.json.

    .venv/bin/python bench/store_miss.py [--stores sqlite,postgres,vault,aws]
        [--names 200] [--gets 2000]
"""

import argparse
import asyncio
import json
import logging
import math
import os
import secrets
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "server")]

import boto3  # noqa: E402
import psycopg  # noqa: E402

from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key  # noqa: E402
from secrets_broker.domain.model import Secret, SecretContent, SecretValue  # noqa: E402
from secrets_broker.domain.names import SecretName  # noqa: E402
from secrets_broker.stores.aws import AwsSecretsManagerStore, encode_name  # noqa: E402
from secrets_broker.stores.base import Store  # noqa: E402
from secrets_broker.stores.postgres import PostgresStore  # noqa: E402
from secrets_broker.stores.sqlite import SqliteStore  # noqa: E402
from tests.servers import (  # noqa: E402
    MOTO_CREDENTIALS,
    MOTO_REGION,
    running_moto,
    running_openbao,
    running_postgres,
)

STORES = ("sqlite", "postgres", "vault", "aws")
BLOCK = 100  # calls per path before switching to the other
# The broker's own query for the latest version (stores/sqlite.py runs it as two).
LATEST_SQL = (
    "SELECT h.create_time, v.version, v.update_time, v.crc, v.sealed"
    " FROM heads h JOIN versions v ON v.name = h.name AND v.version = h.latest"
    " WHERE h.name = {p} AND h.live"
)


@dataclass
class Target:
    """A store and the direct call that fetches the same data from the same server."""

    store: Store
    direct: Callable[[str], Any]
    same: Callable[[Any, Secret], bool]  # does a direct reply hold this secret's data?
    direct_call: str
    requests: dict[str, int]  # round trips per get, by path


def values(secret: Secret) -> dict[str, str]:
    return {k: v.reveal() for k, v in secret.content.values.items()}


def master_key(work: Path) -> Envelope:
    create_master_key(work / "master.key")
    return Envelope(load_master_key(work / "master.key"))


@asynccontextmanager
async def sqlite_target(work: Path) -> AsyncIterator[Target]:
    store = SqliteStore(work / "store.db", master_key(work))
    conn = sqlite3.connect(work / "store.db", isolation_level=None)
    query = LATEST_SQL.format(p="?")
    try:
        yield Target(
            store,
            lambda name: conn.execute(query, (name,)).fetchone(),
            lambda row, secret: row[3] == secret.content.crc32c(),
            "sqlite3 SELECT of the latest version's row (heads JOIN versions)",
            {"direct": 1, "broker": 1},
        )
    finally:
        conn.close()
        await store.close()


@asynccontextmanager
async def postgres_target(work: Path) -> AsyncIterator[Target]:
    with running_postgres() as server:
        async with server.database() as dbname:
            store = PostgresStore(server.dsn(dbname), master_key(work))
            conn = psycopg.connect(server.dsn(dbname), autocommit=True)
            query = LATEST_SQL.format(p="%s")
            try:
                yield Target(
                    store,
                    lambda name: conn.execute(query, (name,)).fetchone(),
                    lambda row, secret: row[3] == secret.content.crc32c(),
                    "psycopg (sync, one connection) SELECT of the latest version's row,"
                    " the broker's own query",
                    {"direct": 1, "broker": 1},
                )
            finally:
                conn.close()
                await store.close()


@asynccontextmanager
async def vault_target(work: Path) -> AsyncIterator[Target]:
    with running_openbao(work) as server:
        prefix = f"bench/{uuid.uuid4().hex}"
        store = server.store(path_prefix=prefix)
        kv = server.client().secrets.kv.v2
        try:
            yield Target(
                store,
                lambda name: kv.read_secret_version(
                    f"{prefix}/{name}", mount_point="secret", raise_on_deleted_version=True
                ),
                lambda reply, secret: reply["data"]["data"] == values(secret),
                "hvac secrets.kv.v2.read_secret_version",
                {"direct": 1, "broker": 2},  # the broker also reads the metadata
            )
        finally:
            await store.close()


@asynccontextmanager
async def aws_target(work: Path) -> AsyncIterator[Target]:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request log lines
    with running_moto() as endpoint:
        prefix = "bench/"
        store = AwsSecretsManagerStore.from_config(
            {"region": MOTO_REGION, "endpoint_url": endpoint, "name_prefix": prefix}
            | MOTO_CREDENTIALS
        )
        client = boto3.client(
            "secretsmanager",
            region_name=MOTO_REGION,
            endpoint_url=endpoint,
            aws_access_key_id=MOTO_CREDENTIALS["access_key_id"],
            aws_secret_access_key=MOTO_CREDENTIALS["secret_access_key"],
        )
        try:
            yield Target(
                store,
                lambda name: client.get_secret_value(SecretId=prefix + encode_name(name)),
                lambda reply, secret: (
                    json.loads(reply["SecretString"])["doc"]["values"] == values(secret)
                ),
                "boto3 get_secret_value (moto server in this process)",
                {"direct": 1, "broker": 1},
            )
        finally:
            client.close()
            await store.close()


TARGETS = {
    "sqlite": sqlite_target,
    "postgres": postgres_target,
    "vault": vault_target,
    "aws": aws_target,
}


def summarise(samples_ns: list[int]) -> dict[str, float]:
    ordered = sorted(samples_ns)

    def rank(q: float) -> float:
        return ordered[max(0, math.ceil(q * len(ordered)) - 1)] / 1000

    return {
        "mean_us": round(sum(ordered) / len(ordered) / 1000, 1),
        "p50_us": round(rank(0.50), 1),
        "p99_us": round(rank(0.99), 1),
    }


async def time_paths(
    target: Target, names: list[SecretName], gets: int
) -> tuple[list[int], list[int]]:
    """M timed gets per path, in alternating blocks whose order also alternates."""
    direct_ns: list[int] = []
    broker_ns: list[int] = []
    clock = time.perf_counter_ns

    def run_direct(start: int, count: int) -> None:
        for i in range(start, start + count):
            name = names[i % len(names)].value
            t0 = clock()
            target.direct(name)
            direct_ns.append(clock() - t0)

    async def run_broker(start: int, count: int) -> None:
        for i in range(start, start + count):
            name = names[i % len(names)]
            t0 = clock()
            await target.store.get(name)
            broker_ns.append(clock() - t0)

    for block, start in enumerate(range(0, gets, BLOCK)):
        count = min(BLOCK, gets - start)
        if block % 2:
            await run_broker(start, count)
            run_direct(start, count)
        else:
            run_direct(start, count)
            await run_broker(start, count)
    return direct_ns, broker_ns


async def thread_hop(gets: int) -> dict[str, float]:
    """The cost of ``await asyncio.to_thread(no-op)``: the floor of a threaded store's get."""
    samples: list[int] = []
    for _ in range(gets):
        t0 = time.perf_counter_ns()
        await asyncio.to_thread(int)
        samples.append(time.perf_counter_ns() - t0)
    return summarise(samples)


async def bench_store(kind: str, names: list[SecretName], gets: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"sb-bench-{kind}-") as tmp:
        async with AsyncExitStack() as stack:
            started = time.monotonic()
            target = await stack.enter_async_context(TARGETS[kind](Path(tmp)))
            setup = time.monotonic() - started
            for i, name in enumerate(names):
                content = {"username": f"user-{i}", "password": secrets.token_urlsafe(24)}
                await target.store.put(
                    name, SecretContent(values={k: SecretValue(v) for k, v in content.items()})
                )
            written = time.monotonic() - started - setup
            for name in names:  # the warm-up pass; both paths must see the same data
                secret = await target.store.get(name)
                if not target.same(target.direct(name.value), secret):
                    raise SystemExit(f"{kind}: the direct call disagrees with the store")
            direct_ns, broker_ns = await time_paths(target, names, gets)
    direct, broker = summarise(direct_ns), summarise(broker_ns)
    return {
        "direct_call": target.direct_call,
        "broker_call": f"await {type(target.store).__name__}.get(name)",
        "requests_per_get": target.requests,
        "direct": direct,
        "broker": broker,
        "ratio_mean_broker_over_direct": round(broker["mean_us"] / direct["mean_us"], 2),
        "ratio_p50_broker_over_direct": round(broker["p50_us"] / direct["p50_us"], 2),
        "seconds": {"setup": round(setup, 2), "write": round(written, 2)},
    }


async def run(kinds: list[str], n_names: int, gets: int) -> dict[str, Any]:
    names = [SecretName.parse(f"bench/s{i:05d}") for i in range(n_names)]
    results: dict[str, Any] = {}
    for kind in kinds:
        started = time.monotonic()
        print(f"{kind}: …", file=sys.stderr, flush=True)
        results[kind] = await bench_store(kind, names, gets)
        print(f"{kind}: done in {time.monotonic() - started:.1f}s", file=sys.stderr, flush=True)
    return {"thread_hop": await thread_hop(gets), "stores": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stores", default=",".join(STORES))
    parser.add_argument("--names", type=int, default=200)
    parser.add_argument("--gets", type=int, default=2000)
    args = parser.parse_args()
    kinds = [k.strip() for k in args.stores.split(",") if k.strip()]
    unknown = sorted(set(kinds) - set(STORES))
    if unknown or not kinds:
        parser.error(f"--stores: choose among {','.join(STORES)} (not {unknown})")
    if args.names < 1 or args.gets < 1:
        parser.error("--names and --gets must be at least 1")
    measured = asyncio.run(run(kinds, args.names, args.gets))
    summary = {
        "benchmark": "Store.get (a cache miss) vs a direct client call, same server, same run",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "load": {
            "stores": kinds,
            "names": args.names,
            "values_per_secret": 2,
            "gets_per_path": args.gets,
            "block": BLOCK,
        },
        "thread_hop_us": measured["thread_hop"],
        "stores": measured["stores"],
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    out = ROOT / "bench/results" / f"store-miss-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
