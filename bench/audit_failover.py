"""Benchmark: how fast the broker fails closed when its audit trail breaks, and recovers.

Two real faults on a `secrets-broker serve` process: (1) audit on stderr, a pipe nobody
reads (the writer blocks); (2) an audit file at its size limit (RLIMIT_FSIZE set with
prlimit; the write fails). For each: how long the first refused read took, how long the
following refusals and a health check take while failing, and how long after the fault
is cleared reads succeed again. Writes bench/results/audit-failover-<UTC time>.json.

    .venv/bin/python bench/audit_failover.py
"""

import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src")]

import grpc  # noqa: E402
from grpc_health.v1 import health_pb2, health_pb2_grpc  # noqa: E402
from secretsbroker.v1 import admin_service_pb2 as admin_pb  # noqa: E402
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc  # noqa: E402
from secretsbroker.v1 import broker_service_pb2 as pb  # noqa: E402
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc  # noqa: E402

from secrets_broker.domain.crypto import create_master_key  # noqa: E402
from secrets_broker.ops.certs import issue_ca, issue_leaf, write_pair  # noqa: E402

ID = "spiffe://bench/client"


def setup(work: Path, audit: str) -> None:
    tls = work / "tls"
    ca = issue_ca()
    write_pair(tls, "ca", ca)
    write_pair(tls, "server", issue_leaf(ca, "localhost", server=True, hosts=("127.0.0.1",)))
    write_pair(tls, "client", issue_leaf(ca, "bench", server=False, spiffe_id=ID))
    create_master_key(work / "master.key")
    (work / "policy.yaml").write_text(
        f"grants: [{{identities: ['{ID}'], rpcs: ['*'], names: ['**']}}]\n"
    )
    (work / "config.yaml").write_text(
        "listen: 127.0.0.1:0\n"
        "tls: {cert_file: tls/server.pem, key_file: tls/server-key.pem,"
        " client_ca_file: tls/ca.pem}\n"
        "policy_file: policy.yaml\n"
        "stores: {main: {type: sqlite, path: store.db, master_key_file: master.key}}\n"
        f"audit: {audit}\n"
    )


async def timed_call(call: Any) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        reply = await call
        outcome = (
            "OK"
            if not hasattr(reply, "status")
            else health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
        )
    except grpc.aio.AioRpcError as err:
        outcome = err.code().name
    return round((time.perf_counter() - start) * 1000, 2), outcome


async def scenario(kind: str) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="sb-failover-"))
    setup(work, "{sink: stderr}" if kind == "stderr-pipe-unread" else "{dir: audit}")
    cli = [sys.executable, "-m", "secrets_broker.ops.cli"]
    proc = subprocess.Popen(
        [*cli, "serve", "--config", str(work / "config.yaml")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert proc.stdout is not None and proc.stderr is not None
    address = proc.stdout.readline().decode().split()[-1]
    tls = work / "tls"
    creds = grpc.ssl_channel_credentials(
        (tls / "ca.pem").read_bytes(),
        (tls / "client-key.pem").read_bytes(),
        (tls / "client.pem").read_bytes(),
    )
    out: dict[str, Any] = {"fault": kind}
    async with grpc.aio.secure_channel(address, creds) as channel:
        stub, health = (
            broker_grpc.SecretsBrokerServiceStub(channel),
            health_pb2_grpc.HealthStub(channel),
        )
        await admin_grpc.SecretsAdminServiceStub(channel).PutSecret(
            admin_pb.PutSecretRequest(name="b/s", values={"k": "v"})
        )

        def get() -> Any:
            return stub.GetSecret(pb.GetSecretRequest(name="b/s"), timeout=10)

        if kind == "stderr-pipe-unread":
            calls = 0
            while (result := await timed_call(get()))[1] == "OK":
                calls += 1
            out["reads_before_the_pipe_filled"] = calls
        else:
            await get()
            (active,) = (work / "audit").glob("audit-*.jsonl")
            limit = active.stat().st_size + 400
            resource.prlimit(proc.pid, resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
            await get()  # the one record that still fits
            result = await timed_call(get())
        out["first_refused_read_ms"], out["first_refused_read"] = result
        out["next_refused_reads_ms"] = [(await timed_call(get()))[0] for _ in range(5)]
        out["health_while_failing_ms"], out["health_while_failing"] = await timed_call(
            health.Check(health_pb2.HealthCheckRequest(), timeout=10)
        )
        cleared = time.perf_counter()
        if kind == "stderr-pipe-unread":
            threading.Thread(target=lambda: proc.stderr.read(), daemon=True).start()  # type: ignore[union-attr]
        else:
            resource.prlimit(
                proc.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
            )
        while (await timed_call(get()))[1] != "OK":
            await asyncio.sleep(0.01)
        out["recovered_after_ms"] = round((time.perf_counter() - cleared) * 1000, 1)
        out["health_after"] = (
            await timed_call(health.Check(health_pb2.HealthCheckRequest(), timeout=10))
        )[1]
    proc.terminate()
    proc.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)
    return out


async def main() -> None:
    results = [await scenario("stderr-pipe-unread"), await scenario("file-size-limit")]
    summary = {
        "benchmark": "audit trail failure: time to refuse, health while failing, time to recover",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "load_1m": os.getloadavg()[0]},
        "settings": "defaults: write_timeout_seconds 1.0, writer retry every 0.2 s",
        "results": results,
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"audit-failover-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main())
