"""Benchmark: a cache hit through the broker against the bare-grpcio yardstick.

Both servers run as one process each, with the same mutual TLS, loaded by the same ghz
command over the same number of connections, in the same run. Prints the ratios and
writes bench/results/hotpath-<UTC time>.json.

    .venv/bin/python bench/hotpath.py [--requests 20000] [--concurrency 16]
        [--extra-config 'log: {rpc_lines: false}']
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src")]

from secretsbroker.client import BrokerClient  # noqa: E402

from secrets_broker.domain.crypto import create_master_key  # noqa: E402
from secrets_broker.ops.certs import issue_ca, issue_leaf, write_pair  # noqa: E402

CALL = "secretsbroker.v1.SecretsBrokerService.GetSecret"
# Overridable (SB_BENCH_BROKER) to run the broker under a profiler.
BROKER_CMD = f"{sys.executable} -m secrets_broker.ops.cli serve --config"


def ghz_path() -> str:
    gopath = subprocess.run(["go", "env", "GOPATH"], capture_output=True, text=True).stdout.strip()
    found = shutil.which("ghz") or shutil.which("ghz", path=f"{gopath}/bin")
    if not found:
        raise SystemExit("ghz not found: run `make tools`")
    return found


def prepare_workspace(work: Path) -> Path:
    """Fills ``work`` as every broker benchmark starts: certificates (a CA, the server's
    for localhost/127.0.0.1, the client ``spiffe://bench/client``) in the returned tls
    directory, ``master.key``, and ``policy.yaml`` granting that client every RPC."""
    tls = work / "tls"
    ca = issue_ca()
    write_pair(tls, "ca", ca)
    write_pair(tls, "server", issue_leaf(ca, "localhost", server=True, hosts=("127.0.0.1",)))
    write_pair(
        tls, "client", issue_leaf(ca, "bench", server=False, spiffe_id="spiffe://bench/client")
    )
    create_master_key(work / "master.key")
    (work / "policy.yaml").write_text(
        "grants:\n  - identities: ['spiffe://bench/client']\n    rpcs: ['*']\n    names: ['**']\n"
    )
    return tls


def base_config(up: str = "") -> str:
    """The config lines every benchmark's broker shares, for a config file in ``work``
    (``up="../"`` for one a directory below it)."""
    return (
        "listen: 127.0.0.1:0\n"
        f"tls: {{cert_file: {up}tls/server.pem, key_file: {up}tls/server-key.pem,"
        f" client_ca_file: {up}tls/ca.pem}}\n"
        f"policy_file: {up}policy.yaml\n"
        # One identity at full speed: lift its limits, but keep the limiter on the path.
        "limits: {per_identity: {rate_per_second: 1000000, burst: 1000000,"
        " max_in_flight: 100000}}\n"
    )


def start(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("listening on "):
        proc.kill()
        raise SystemExit(f"server did not start: {argv}")
    return proc, line.split()[-1]


def load(
    address: str,
    tls: Path,
    requests: int,
    concurrency: int,
    connections: int,
    duration: float | None = None,
) -> dict[str, Any]:
    """ghz's figures for ``requests`` GetSecret calls (or as many as ``duration`` s allow)."""
    argv = [
        ghz_path(),
        "--cacert",
        str(tls / "ca.pem"),
        "--cert",
        str(tls / "client.pem"),
        "--key",
        str(tls / "client-key.pem"),
        "--import-paths",
        f"{ROOT / 'proto'},{ROOT / 'third_party/proto'}",
        "--proto",
        str(ROOT / "proto/secretsbroker/v1/broker_service.proto"),
        "--call",
        CALL,
        "-d",
        '{"name": "bench/db"}',
        *(["-z", f"{duration}s"] if duration else ["-n", str(requests)]),
        "-c",
        str(concurrency),
        "--connections",
        str(connections),
        "--format",
        "json",
        address,
    ]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=600).stdout
    report = json.loads(out)
    lat = {d["percentage"]: d["latency"] / 1e6 for d in report["latencyDistribution"] or []}
    errors = sum(v for k, v in (report.get("statusCodeDistribution") or {}).items() if k != "OK")
    return {
        "rps": report["rps"],
        "p50_ms": lat.get(50),
        "p99_ms": lat.get(99),
        "average_ms": report["average"] / 1e6,
        "errors": errors,
        "status_codes": report.get("statusCodeDistribution") or {},
        "count": report["count"],
    }


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument(
        "--extra-config", default="", help="YAML lines added to the broker's config"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sb-bench-"))
    tls = prepare_workspace(work)
    (work / "config.yaml").write_text(
        base_config()
        + "stores: {main: {type: sqlite, path: store.db, master_key_file: master.key}}\n"
        "cache: {default_ttl_seconds: 3600}\n"
        f"audit: {{dir: audit, fsync: {os.environ.get('SB_BENCH_FSYNC', 'interval')}}}\n"
        + (args.extra_config + "\n" if args.extra_config else "")
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    broker, broker_addr = start(
        [*shlex.split(os.environ.get("SB_BENCH_BROKER", BROKER_CMD)), str(work / "config.yaml")],
        env,
    )
    echo, echo_addr = start([sys.executable, str(ROOT / "bench/echo_server.py"), str(tls)], env)
    try:
        with BrokerClient.connect(
            broker_addr, ca=tls / "ca.pem", cert=tls / "client.pem", key=tls / "client-key.pem"
        ) as client:
            client.put_secret("bench/db", {"userId": "bench", "clearPassword": "x" * 32})
        warm = max(1000, args.requests // 10)
        results: dict[str, Any] = {}
        for name, address, proc in (("echo", echo_addr, echo), ("broker", broker_addr, broker)):
            load(address, tls, warm, args.concurrency, args.connections)
            # CPU per call: far steadier than throughput on a machine others load too.
            cpu = cpu_seconds(proc.pid)
            results[name] = load(address, tls, args.requests, args.concurrency, args.connections)
            used = cpu_seconds(proc.pid) - cpu
            results[name]["cpu_us_per_call"] = round(used / results[name]["count"] * 1e6, 1)
    finally:
        for proc in (broker, echo):
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    b, e = results["broker"], results["echo"]
    summary = {
        "benchmark": "GetSecret cache hit vs bare grpc.aio echo (same mTLS, 1 process each, ghz)",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "load": vars(args),
        "echo": e,
        "broker": b,
        "ratio_rps_broker_over_echo": round(b["rps"] / e["rps"], 3),
        "ratio_p50_broker_over_echo": round(b["p50_ms"] / e["p50_ms"], 3) if e["p50_ms"] else None,
        "ratio_p99_broker_over_echo": round(b["p99_ms"] / e["p99_ms"], 3) if e["p99_ms"] else None,
        "ratio_cpu_per_call_broker_over_echo": round(
            b["cpu_us_per_call"] / e["cpu_us_per_call"], 3
        ),
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"hotpath-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")
    if b["errors"] or e["errors"]:
        raise SystemExit("errors during the load: the figures above are not valid")


if __name__ == "__main__":
    main()
