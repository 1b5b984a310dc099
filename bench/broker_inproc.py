"""Benchmark: CPU per cache-hit GetSecret through the Broker object, without gRPC.

The hot-path benchmark's figures move with the load of a shared machine; this one isolates
what the broker itself spends per call, so two versions can be compared closely: run it
on this tree and on a checkout of another (``git worktree add`` or ``git archive``).
A tree whose Broker takes an audit sink is measured with it (files in a temporary
directory, default settings); an older tree with its audit log line on (INFO, stderr on
/dev/null, as the hot-path benchmark runs it) and off (WARNING).

    .venv/bin/python bench/broker_inproc.py [TREE] [--calls 40000] [--concurrency 16]

Prints one JSON line per mode; run both trees alternately a few times and compare medians.
"""

import argparse
import asyncio
import inspect
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ID = "spiffe://bench/client"


async def measure(tree: Path, mode: str, calls: int, concurrency: int) -> dict[str, Any]:
    from secrets_broker.access.policy import Policy
    from secrets_broker.broker import Broker
    from secrets_broker.cache import SecretCache
    from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key
    from secrets_broker.domain.model import SecretContent, SecretValue
    from secrets_broker.domain.names import SecretName
    from secrets_broker.stores.sqlite import SqliteStore

    work = Path(tempfile.mkdtemp(prefix="sb-inproc-"))
    create_master_key(work / "master.key")
    store = SqliteStore(work / "store.db", Envelope(load_master_key(work / "master.key")))
    cache = SecretCache(store, default_ttl_seconds=3600, max_entries=1000)
    policy = Policy.from_mapping({"grants": [{"identities": [ID], "rpcs": ["*"], "names": ["**"]}]})
    extra: list[Any] = []
    if mode == "audit-sink":
        from secrets_broker.access.audit.sink import AuditSettings, AuditSink
        from secrets_broker.access.audit.targets import FileTarget

        extra.append(AuditSink(FileTarget(work / "audit", 1 << 30), AuditSettings()))
    broker = Broker(store, cache, policy, *extra)
    name = SecretName.parse("bench/db")
    await broker.put_secret(ID, name, SecretContent(values={"k": SecretValue("v")}), None, None)
    await broker.get_secret(ID, name)  # cached from now on

    async def worker() -> None:
        for _ in range(calls // concurrency):
            await broker.get_secret(ID, name)

    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if extra:
        await extra[0].aclose()
    await store.close()
    shutil.rmtree(work, ignore_errors=True)
    return {
        "tree": str(tree),
        "mode": mode,
        "cpu_us_per_call": round(cpu / calls * 1e6, 1),
        "wall_us_per_call": round(wall / calls * 1e6, 1),
        "load_1m": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", nargs="?", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--calls", type=int, default=40000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--mode", help="audit-sink, log-line or no-audit (default: all that apply)")
    args = parser.parse_args()
    tree = Path(args.tree).resolve()
    sys.path[:0] = [str(tree / "server"), str(tree / "clients/python/src")]
    from secrets_broker.broker import Broker

    has_sink = "audit" in inspect.signature(Broker.__init__).parameters
    modes = [args.mode] if args.mode else (["audit-sink"] if has_sink else ["log-line", "no-audit"])
    for mode in modes:
        if mode != "audit-sink":
            logging.basicConfig(
                level="INFO" if mode == "log-line" else "WARNING",
                stream=open(os.devnull, "w"),  # for the whole run
                format="%(asctime)s %(levelname)s %(name)s %(message)s",
                force=True,
            )
        print(json.dumps(asyncio.run(measure(tree, mode, args.calls, args.concurrency))))


if __name__ == "__main__":
    main()
