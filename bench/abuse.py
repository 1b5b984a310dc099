"""Benchmark: the broker under abuse, measured from outside its process.

Starts the broker (one process, default limits, its own certificates) and measures:

* rate: ghz sends 20,000 GetSecret cache hits from one identity at concurrency 50; how
  many succeed and how many are RATE_LIMITED, and at what throughput;
* bodyless: 1,200 streams that never send their request, from one identity over 12
  connections; the latency of another identity's GetSecret and of grpc-health-probe
  while they are open, against the same calls with no abuse;
* rapid_reset: 20,000 streams opened and reset at once on one connection; another
  identity's GetSecret latency during the flood, and the flooder's next call.

Prints a summary and writes bench/results/abuse-<UTC time>.json.

    .venv/bin/python bench/abuse.py
"""

import asyncio
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src"), str(ROOT)]

import grpc  # noqa: E402
from secretsbroker.v1 import broker_service_pb2 as pb  # noqa: E402
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc  # noqa: E402

from bench.hotpath import BROKER_CMD, ghz_path, start  # noqa: E402
from secrets_broker.domain.crypto import create_master_key  # noqa: E402
from secrets_broker.ops.certs import issue_ca, issue_leaf, write_pair  # noqa: E402
from tests.h2raw import H2Connection  # noqa: E402
from tests.pki import Pki  # noqa: E402

GET_SECRET = "/secretsbroker.v1.SecretsBrokerService/GetSecret"  # noqa: S105 - a method
WHO = {"client": "spiffe://bench/client", "other": "spiffe://bench/other", "abuser": None}


def setup(work: Path) -> Pki:
    ca = issue_ca()
    server = issue_leaf(ca, "localhost", server=True, hosts=("localhost", "127.0.0.1"))
    clients = {
        name: issue_leaf(ca, name, server=False, spiffe_id=spiffe or f"spiffe://bench/{name}")
        for name, spiffe in WHO.items()
    }
    write_pair(work, "ca", ca)
    write_pair(work, "server", server)
    for name, issued in clients.items():
        write_pair(work, name, issued)
    create_master_key(work / "master.key")
    (work / "policy.yaml").write_text(
        "grants:\n  - identities: ['spiffe://bench/client', 'spiffe://bench/other']\n"
        "    rpcs: ['*']\n    names: ['**']\n"
    )
    (work / "config.yaml").write_text(
        "listen: 127.0.0.1:0\n"
        "tls: {cert_file: server.pem, key_file: server-key.pem, client_ca_file: ca.pem}\n"
        "policy_file: policy.yaml\n"
        "stores: {main: {type: sqlite, path: store.db, master_key_file: master.key}}\n"
        "cache: {default_ttl_seconds: 3600}\n"
        "limits: {receive_timeout_seconds: 60}\n"  # keep the body-less streams open
    )
    return Pki(work, ca, server, clients)


def channel(pki: Pki, who: str, address: str) -> grpc.aio.Channel:
    creds = grpc.ssl_channel_credentials(
        pki.ca.cert_pem, pki.clients[who].key_pem, pki.clients[who].cert_pem
    )
    return grpc.aio.secure_channel(address, creds)


async def latencies(stub: broker_grpc.SecretsBrokerServiceStub, n: int = 20) -> dict[str, float]:
    """Milliseconds for ``n`` sequential GetSecret cache hits."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        await stub.GetSecret(pb.GetSecretRequest(name="bench/db"), timeout=60)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}


async def probe_ms(pki: Pki, address: str) -> float:
    t = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        str(Path(ghz_path()).parent / "grpc-health-probe"),
        f"-addr={address}",
        "-tls",
        f"-tls-ca-cert={pki.path('ca')}",
        f"-tls-client-cert={pki.path('other')}",
        f"-tls-client-key={pki.key('other')}",
        "-rpc-timeout=60s",
        stdout=asyncio.subprocess.DEVNULL,
    )
    assert await proc.wait() == 0, "grpc-health-probe failed"
    return round((time.perf_counter() - t) * 1000, 1)


async def served(
    pki: Pki, address: str, stub: broker_grpc.SecretsBrokerServiceStub
) -> dict[str, Any]:
    return {"get_secret": await latencies(stub), "health_probe_ms": await probe_ms(pki, address)}


def rate(pki: Pki, address: str) -> dict[str, Any]:
    argv = [
        *(ghz_path(), "--cacert", str(pki.path("ca")), "--cert", str(pki.path("client"))),
        *("--key", str(pki.key("client")), "--import-paths"),
        f"{ROOT / 'proto'},{ROOT / 'third_party/proto'}",
        *("--proto", str(ROOT / "proto/secretsbroker/v1/broker_service.proto")),
        *("--call", "secretsbroker.v1.SecretsBrokerService.GetSecret"),
        *("-d", '{"name": "bench/db"}', "-n", "20000", "-c", "50", "--format", "json", address),
    ]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=600).stdout
    report = json.loads(out)
    return {
        "calls": report["count"],
        "concurrency": 50,
        "seconds": round(report["total"] / 1e9, 2),
        "status_codes": report.get("statusCodeDistribution"),
    }


async def bodyless(pki: Pki, address: str, port: int) -> dict[str, Any]:
    async with channel(pki, "other", address) as ch:
        stub = broker_grpc.SecretsBrokerServiceStub(ch)
        await latencies(stub)  # warm: connection, cache
        calm = await served(pki, address, stub)
        t = time.perf_counter()
        conns = [await H2Connection.open(port, pki, "abuser") for _ in range(12)]
        for conn in conns:
            for _ in range(100):
                conn.start(GET_SECRET)
            await conn.flush()
        first = await latencies(stub, 1)
        during = await served(pki, address, stub)
        while sum(c.open_count() for c in conns) > 64 and time.perf_counter() - t < 60:
            await asyncio.sleep(0.01)
        answered_s = round(time.perf_counter() - t, 2)
        open_streams = sum(c.open_count() for c in conns)
        for conn in conns:
            await conn.close()
    return {
        "streams": 1200,
        "no_abuse": calm,
        "first_get_secret_after_opening_ms": first["p50_ms"],
        "while_open": during,
        "seconds_until_over_cap_streams_answered": answered_s,
        "streams_still_held_by_the_cap": open_streams,
    }


def sample_in_thread(pki: Pki, address: str, stop: threading.Event) -> list[float]:
    """Another identity's GetSecret latencies (ms), sampled on a thread of its own so
    that the flooding client's event loop does not delay them."""
    out: list[float] = []

    async def sample() -> None:
        async with channel(pki, "other", address) as ch:
            stub = broker_grpc.SecretsBrokerServiceStub(ch)
            while not stop.is_set():
                out.append((await latencies(stub, 1))["p50_ms"])

    thread = threading.Thread(target=lambda: asyncio.run(sample()))
    thread.start()
    stop.wait()
    thread.join()
    return out


async def rapid_reset(pki: Pki, address: str, port: int) -> dict[str, Any]:
    stop = threading.Event()
    sampler = asyncio.create_task(asyncio.to_thread(sample_in_thread, pki, address, stop))
    conn = await H2Connection.open(port, pki, "abuser")
    t = time.perf_counter()
    for i in range(20_000):
        conn.reset(conn.start(GET_SECRET))
        if i % 100 == 99:
            await conn.flush()
    await conn.flush()
    flood_s = round(time.perf_counter() - t, 2)
    stop.set()
    samples = await sampler
    async with channel(pki, "abuser", address) as ab:
        try:
            await broker_grpc.SecretsBrokerServiceStub(ab).GetSecret(
                pb.GetSecretRequest(name="bench/db"), timeout=60
            )
            after = "OK"
        except grpc.aio.AioRpcError as err:
            after = f"{err.code().name}: {err.details()}"
    closed = conn.closed.is_set()
    await conn.close()
    return {
        "resets": 20_000,
        "flood_seconds_client_side": flood_s,
        "other_get_secret_calls_during_flood": len(samples),
        "other_get_secret_during_flood_p50_ms": round(statistics.median(samples), 2),
        "other_get_secret_during_flood_max_ms": round(max(samples), 2),
        "flooder_next_call": after,
        "connection_closed_by_server": closed,
    }


async def scenarios(pki: Pki, address: str) -> dict[str, Any]:
    port = int(address.rsplit(":", 1)[1])
    async with channel(pki, "client", address) as ch:
        from secretsbroker.v1 import admin_service_pb2 as admin_pb
        from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc

        await admin_grpc.SecretsAdminServiceStub(ch).PutSecret(
            admin_pb.PutSecretRequest(name="bench/db", values={"userId": "bench"}), timeout=60
        )
    results: dict[str, Any] = {"bodyless": await bodyless(pki, address, port)}
    results["rapid_reset"] = await rapid_reset(pki, address, port)
    return results


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="sb-abuse-"))
    pki = setup(work)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    cmd = [*shlex.split(os.environ.get("SB_BENCH_BROKER", BROKER_CMD)), str(work / "config.yaml")]
    broker, address = start(cmd, env)
    try:
        results = asyncio.run(scenarios(pki, address))
        time.sleep(1.5)  # let the flooder's bucket refill a little before the rate run
        results["rate"] = rate(pki, address)
    finally:
        broker.terminate()
        broker.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    summary = {
        "benchmark": "broker under abuse (default limits, 1 broker process, loopback)",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        **results,
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"abuse-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
