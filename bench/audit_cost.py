"""Benchmark: what recording one call costs, the audit sink against the log line it replaced.

In one process: N calls of the old ``audit.info(...)`` line (a StreamHandler on /dev/null,
as the hot-path benchmark runs the broker) against N ``await sink.record(...)`` into a
temporary directory, one call at a time and 16 at once (group commit), for each fsync
mode. Wall time per call and CPU time per call (all threads of the process). Prints the
figures and writes bench/results/audit-cost-<UTC time>.json.

    .venv/bin/python bench/audit_cost.py [--calls 20000]
"""

import argparse
import asyncio
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src")]

from secrets_broker.access.audit.record import AuditEvent  # noqa: E402
from secrets_broker.access.audit.sink import AuditSettings, AuditSink, FsyncMode  # noqa: E402
from secrets_broker.access.audit.targets import FileTarget  # noqa: E402

IDENTITY, NAME = "spiffe://bench/client", "bench/db"


def timed(calls: int, run: Any) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "wall_us_per_call": round(wall / calls * 1e6, 2),
        "cpu_us_per_call": round(cpu / calls * 1e6, 2),
    }


def log_line(calls: int) -> dict[str, float]:
    """The line main's broker wrote per cache hit (logging.basicConfig format)."""
    devnull = open(os.devnull, "w")
    handler = logging.StreamHandler(devnull)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    audit = logging.getLogger("bench.audit")
    audit.addHandler(handler)
    audit.setLevel(logging.INFO)
    audit.propagate = False

    def run() -> None:
        for _ in range(calls):
            audit.info(
                "allow identity=%s rpc=%s name=%s version=%d", IDENTITY, "GetSecret", NAME, 3
            )

    try:
        return timed(calls, run)
    finally:
        devnull.close()


async def sink_records(calls: int, fsync: FsyncMode, concurrency: int) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="sb-audit-bench-"))
    sink = AuditSink(FileTarget(work, 1 << 30), AuditSettings(fsync=fsync))
    event = AuditEvent(IDENTITY, "GetSecret", "allow", "secret", NAME, version=3, cache="hit")

    async def worker(n: int) -> None:
        for _ in range(n):
            await sink.record(event)

    async def run() -> None:
        await asyncio.gather(*(worker(calls // concurrency) for _ in range(concurrency)))

    try:
        wall, cpu = time.perf_counter(), time.process_time()
        await run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await sink.aclose()
        shutil.rmtree(work, ignore_errors=True)
    return {
        "wall_us_per_call": round(wall / calls * 1e6, 2),
        "cpu_us_per_call": round(cpu / calls * 1e6, 2),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=20000)
    args = parser.parse_args()
    results: dict[str, Any] = {"log_line": log_line(args.calls)}
    for fsync in ("none", "interval", "batch"):
        for concurrency in (1, 16):
            calls = args.calls if fsync != "batch" or concurrency > 1 else args.calls // 10
            key = f"sink_fsync_{fsync}_concurrency_{concurrency}"
            results[key] = await sink_records(calls, fsync, concurrency)  # type: ignore[arg-type]
    summary = {
        "benchmark": "cost of recording one call: audit sink vs the log line it replaced",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                    "load_1m": os.getloadavg()[0]},
        "calls": args.calls,
        **results,
    }  # fmt: skip
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"audit-cost-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main())
