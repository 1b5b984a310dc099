"""Benchmark: cache-hit GetSecret throughput with 1 worker against 2 (``serve --workers``).

One broker per setting on the same data, mutual TLS, loaded by ghz (the proto through
the broker's reflection service) over several connections, since the kernel spreads
*connections*, not calls, over the workers (SO_REUSEPORT). The settings alternate for
``--rounds`` rounds; each run reports QPS, p50/p99, errors, the CPU seconds of the
workers and of ghz, and how many calls each worker answered (its own /metrics). Writes
bench/results/workers-<UTC time>.json.

On a 2-core machine ghz needs a good share of a core itself: two workers and the load
generator then compete for two cores, so the 2-worker figure is a floor, not what two
cores of serving give (the JSON records ghz's CPU beside the workers').

    .venv/bin/python bench/workers.py [--requests 20000] [--concurrency 64] [--connections 16]
"""

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src")]

from hotpath import base_config, ghz_path, prepare_workspace  # noqa: E402
from secretsbroker.client import BrokerClient  # noqa: E402

CALL = "secretsbroker.v1.SecretsBrokerService.GetSecret"
READY = re.compile(r"^worker (\d+) pid (\d+) ready metrics on (\S+)$")
COUNT = re.compile(
    r'^secretsbroker_rpc_duration_seconds_count\{code="OK",method="GetSecret"\} (\S+)$'
)


def prepare(work: Path) -> None:
    prepare_workspace(work)
    (work / "config.yaml").write_text(
        base_config()
        + "stores: {main: {type: sqlite, path: store.db, master_key_file: master.key}}\n"
        "cache: {default_ttl_seconds: 3600}\n"
        "metrics: {listen: '127.0.0.1:0'}\n"
        "log: {rpc_lines: false}\n"
        "log_level: WARNING\n"
    )


def start(
    work: Path, workers: int
) -> tuple[subprocess.Popen[str], str, dict[int, tuple[int, str]]]:
    """The broker with ``workers`` workers: its process, address, {index: (pid, metrics)}."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    argv = [sys.executable, "-m", "secrets_broker.ops.cli", "serve"]
    argv += ["--config", str(work / "config.yaml"), "--workers", str(workers)]
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"broker did not start with {workers} workers")
    address = line.split()[-1]
    pids: dict[int, tuple[int, str]] = {}
    if workers == 1:  # no supervisor: the process serves; its metrics line follows
        metrics = proc.stdout.readline().split()[-1]
        pids[0] = (proc.pid, metrics)
    for _ in range(workers if workers > 1 else 0):
        match = READY.match(proc.stdout.readline().strip())
        assert match, "no ready line"
        pids[int(match[1])] = (int(match[2]), match[3])
    return proc, address, pids


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def answered(metrics: str) -> float:
    with urllib.request.urlopen(metrics, timeout=10) as reply:  # noqa: S310 -- local
        text = reply.read().decode()
    return sum(float(m[1]) for line in text.splitlines() if (m := COUNT.match(line)))


def ghz(
    address: str, tls: Path, requests: int, concurrency: int, connections: int
) -> dict[str, Any]:
    argv = [
        ghz_path(), "--cacert", str(tls / "ca.pem"), "--cert", str(tls / "client.pem"),
        "--key", str(tls / "client-key.pem"), "--call", CALL, "-d", '{"name": "bench/db"}',
        "-n", str(requests), "-c", str(concurrency), "--connections", str(connections),
        "--format", "json", address,
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=600).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(out)
    lat = {d["percentage"]: d["latency"] / 1e6 for d in report["latencyDistribution"] or []}
    codes = report.get("statusCodeDistribution") or {}
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "rps": round(report["rps"], 1),
        "p50_ms": lat.get(50),
        "p99_ms": lat.get(99),
        "errors": sum(v for k, v in codes.items() if k != "OK"),
        "status_codes": codes,
        "count": report["count"],
        "ghz_cpu_seconds": round(used, 2),
    }


def run_once(work: Path, workers: int, args: argparse.Namespace) -> dict[str, Any]:
    proc, address, pids = start(work, workers)
    tls = work / "tls"
    try:
        ghz(address, tls, max(1000, args.requests // 10), args.concurrency, args.connections)
        cpu = {i: cpu_seconds(pid) for i, (pid, _) in pids.items()}
        calls = {i: answered(url) for i, (_, url) in pids.items()}
        result = ghz(address, tls, args.requests, args.concurrency, args.connections)
        result["worker_cpu_seconds"] = {
            i: round(cpu_seconds(pid) - cpu[i], 2) for i, (pid, _) in pids.items()
        }
        result["calls_per_worker"] = {
            i: int(answered(url) - calls[i]) for i, (_, url) in pids.items()
        }
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sb-bench-workers-"))
    runs: dict[str, list[dict[str, Any]]] = {"1": [], "2": []}
    try:
        prepare(work)
        proc, address, _ = start(work, 1)
        try:
            tls = work / "tls"
            with BrokerClient.connect(
                address, ca=tls / "ca.pem", cert=tls / "client.pem", key=tls / "client-key.pem"
            ) as client:
                client.put_secret("bench/db", {"userId": "bench", "clearPassword": "x" * 32})
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        for _ in range(args.rounds):
            for workers in (1, 2):
                runs[str(workers)].append(run_once(work, workers, args))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    best = {k: max(r["rps"] for r in v) for k, v in runs.items()}
    median = {k: statistics.median(r["rps"] for r in v) for k, v in runs.items()}
    summary = {
        "benchmark": "GetSecret cache hit, serve --workers 1 vs 2 (ghz, mTLS, reflection)",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "load": vars(args),
        "runs": runs,
        "best_rps": best,
        "median_rps": median,
        "ratio_2_over_1": round(best["2"] / best["1"], 3),
        "ratio_2_over_1_median": round(median["2"] / median["1"], 3),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "caveat": f"{os.cpu_count()} CPUs shared by ghz and the workers: ghz's own CPU time is"
        " in each run; the ratio is what is left for the workers, not their capacity",
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"workers-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")
    if any(r["errors"] for v in runs.values() for r in v):
        raise SystemExit("errors during the load: the figures above are not valid")


if __name__ == "__main__":
    main()
