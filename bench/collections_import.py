"""Benchmark: hostile and large ImportCollections documents, and what other callers feel.

Starts the broker (one process, sqlite store, mutual TLS) and measures, from a second
process (this one):

- the broker time (the RPC's latency on loopback, and the CPU time the broker and its
  import worker spent on it, which a busy shared machine does not inflate as much) of
  importing a billion-laughs
  document, a 10,000-long cycle among named lists, 100,000-deep YAML nesting and a
  ~1 MiB directory, and of the first and a later GetAccessList(resolve) on the cycle;
- other callers' GetSecret latency (ghz, a third process) alone, while 1 MiB imports
  run back to back, and while billion-laughs imports run back to back.

Targets (issue 8): under 1 s of broker time for the bomb and the cycle, other callers'
p99 under 100 ms. The machine is shared: the load average is recorded with the figures.
Writes bench/results/collections-<UTC time>.json.

    .venv/bin/python bench/collections_import.py [--seconds 10] [--concurrency 4]
"""

import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src"), str(ROOT)]

from secretsbroker.client import BrokerClient  # noqa: E402
from secretsbroker.v1 import broker_service_pb2 as pb  # noqa: E402

from bench.hotpath import BROKER_CMD, load, start  # noqa: E402
from secrets_broker.domain.crypto import create_master_key  # noqa: E402
from secrets_broker.ops.certs import issue_ca, issue_leaf, write_pair  # noqa: E402
from tests.collections_data import BILLION_LAUGHS, deep_yaml, list_chain  # noqa: E402

ONE_MIB = 1024 * 1024


def directory_of_about(size: int) -> str:
    """A realistic directory (users with fields and a password, nested groups) just
    under ``size`` bytes, so that the request fits the default 1 MiB receive limit."""
    head = "secretsCollections:\n  bench/directory:\n    refreshTimeInterval: 10\n    users:\n"
    users, lists = [], []
    i = 0
    while True:
        users.append(
            f"      user{i:06d}: {{userName: user{i:06d}, displayName: User Number {i},"
            f" email: user{i:06d}@corp.example, userAccountType: EMPLOYEE,"
            f" userAccountStatus: AVAILABLE, secrets: {{clearPassword: pw-{i:06d}}}}}\n"
        )
        if i % 10 == 9:
            members = ", ".join(f"user{j:06d}" for j in range(i - 9, i + 1))
            nested = f", listMembers: [team{i // 10 - 1}]" if i >= 19 else ""
            lists.append(f"      team{i // 10}: {{userMembers: [{members}]{nested}}}\n")
        doc = head + "".join(users) + "    namedLists:\n" + "".join(lists)
        if len(doc.encode()) > size:
            users.pop()
            return head + "".join(users) + "    namedLists:\n" + "".join(lists[:-1])
        i += 1


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU time (user + system) of the broker's serving process and of its children (the
    import worker): on a shared machine the wall time measures the neighbours too."""
    children = [
        int(c) for task in Path(f"/proc/{pid}/task").iterdir()
        for c in (task / "children").read_text().split()
    ]  # fmt: skip
    return _cpu(pid), sum(_cpu(c) for c in children)


def timed(call: Callable[[], Any], repeat: int, pid: int) -> dict[str, Any]:
    seconds, serving, worker, outcome = [], [], [], ""
    for _ in range(repeat):
        (s0, w0), t0 = cpu_seconds(pid), time.perf_counter()
        try:
            call()
            outcome = "OK"
        except grpc.RpcError as exc:
            outcome = f"{exc.code().name}: {exc.details()}"
        seconds.append(time.perf_counter() - t0)
        s1, w1 = cpu_seconds(pid)
        serving.append(s1 - s0)
        worker.append(w1 - w0)
    return {
        "outcome": outcome,
        "median_s": round(statistics.median(seconds), 4),
        "max_s": round(max(seconds), 4),
        "median_cpu_s_serving_process": round(statistics.median(serving), 3),
        "median_cpu_s_import_worker": round(statistics.median(worker), 3),
        "runs": repeat,
    }


def while_running(
    work: Callable[[], Any], ghz: Callable[[], dict[str, Any]]
) -> tuple[dict[str, Any], int]:
    """ghz's figures while ``work`` runs back to back, and how many times it ran."""
    done = threading.Event()
    count = 0

    def loop() -> None:
        nonlocal count
        while not done.is_set():
            try:
                work()
            except grpc.RpcError:
                pass
            count += 1

    thread = threading.Thread(target=loop)
    thread.start()
    try:
        figures = ghz()
    finally:
        done.set()
        thread.join()
    return figures, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="each ghz run")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sb-bench-collections-"))
    tls = work / "tls"
    ca = issue_ca()
    write_pair(tls, "ca", ca)
    write_pair(tls, "server", issue_leaf(ca, "localhost", server=True, hosts=("127.0.0.1",)))
    write_pair(tls, "client", issue_leaf(ca, "bench", server=False, spiffe_id="spiffe://bench/c"))
    create_master_key(work / "master.key")
    (work / "policy.yaml").write_text(
        "grants:\n  - identities: ['spiffe://bench/c']\n    rpcs: ['*']\n    names: ['**']\n"
    )
    (work / "config.yaml").write_text(
        "listen: 127.0.0.1:0\n"
        "tls: {cert_file: tls/server.pem, key_file: tls/server-key.pem,"
        " client_ca_file: tls/ca.pem}\n"
        "policy_file: policy.yaml\n"
        "stores: {main: {type: sqlite, path: store.db, master_key_file: master.key}}\n"
        "cache: {default_ttl_seconds: 3600}\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    argv = [*shlex.split(os.environ.get("SB_BENCH_BROKER", BROKER_CMD)), str(work / "config.yaml")]
    broker, address = start(argv, env)
    big = directory_of_about(ONE_MIB - 4096)
    cycle = list_chain("bench/cycle", 10_000, closed=True)
    results: dict[str, Any] = {"load_average_before": os.getloadavg()}
    try:
        client = BrokerClient.connect(
            address,
            ca=tls / "ca.pem",
            cert=tls / "client.pem",
            key=tls / "client-key.pem",
            timeout_seconds=300,  # a loaded machine: measure, never time out
        )
        client.put_secret("bench/db", {"userId": "bench", "clearPassword": "x" * 32})
        stub = client.broker

        def resolve_cycle() -> None:
            request = pb.GetAccessListRequest(
                collection="bench/cycle", list_name="l5000", resolve=True
            )
            stub.GetAccessList(request, timeout=300)

        deep, pid, n = deep_yaml(100_000), broker.pid, args.repeat
        # The first import starts the worker process: measured apart.
        first = timed(lambda: client.import_collections(BILLION_LAUGHS), 1, pid)
        results["first_import_starts_the_worker"] = first
        results["broker_time"] = {
            "billion_laughs_import": timed(
                lambda: client.import_collections(BILLION_LAUGHS), n, pid
            ),
            "deep_yaml_100k_import": timed(lambda: client.import_collections(deep), n, pid),
            "cycle_10k_import": timed(lambda: client.import_collections(cycle), n, pid),
            "cycle_10k_first_resolve": timed(resolve_cycle, 1, pid),
            "cycle_10k_later_resolve": timed(resolve_cycle, n, pid),
            "directory_1mib_import": timed(lambda: client.import_collections(big), n, pid),
        }
        results["sizes_bytes"] = {"1mib_directory": len(big.encode()), "cycle": len(cycle)}

        def ghz() -> dict[str, Any]:
            return load(address, tls, 0, args.concurrency, 1, duration=args.seconds)

        load(address, tls, 2000, args.concurrency, 1)  # warm
        results["get_secret_alone"] = ghz()
        figures, n = while_running(lambda: client.import_collections(big), ghz)
        results["get_secret_during_1mib_imports"] = {**figures, "imports_done": n}
        figures, n = while_running(lambda: client.import_collections(BILLION_LAUGHS), ghz)
        results["get_secret_during_billion_laughs"] = {**figures, "imports_done": n}
        client.close()
    finally:
        broker.terminate()
        broker.wait(timeout=30)
    results["load_average_after"] = os.getloadavg()
    summary = {
        "benchmark": "hostile and 1 MiB ImportCollections; other callers' GetSecret (ghz)",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "settings": vars(args),
        **results,
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"collections-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
