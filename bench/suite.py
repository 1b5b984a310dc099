"""The benchmark suite (``make bench``): the broker against a bare grpc.aio yardstick.

One run, one process per server, the same mutual TLS and gRPC core options for both
(bench/echo_server.py ``--broker-options``), driven by ghz. For each case and each
concurrency (1, 16, 64, 256; 1 connection at c=1, 4 above) the yardstick and the
broker are loaded in turn for ``--seconds`` each, so both see the same machine load.
The yardstick always answers its one trivial unary method (GetSecret with a fixed
message): every ratio is "this broker RPC / a bare gRPC call".

Cases: GetSecret cache hit; BatchGetSecrets of 10 hits; GetUserDirectory page of 100;
GetAccessList resolved (nested lists); GetSecret cache miss on SQLite and on PostgreSQL
(a private server, tests/servers.py; brokers with
``cache.max_entries: 0``, so every call reads the store). Then the cache's figures in
processes of their own (bench/cache_figures.py): 1,000 concurrent misses of one name,
expiry spread of 10,000 hot names, RSS for 100,000 cached 1 KiB secrets.

Writes bench/results/suite-<UTC>.json, suite-<UTC>.md (the README's table) and
suite-<UTC>.png (latency vs concurrency, broker beside yardstick), and copies the last
two to suite-latest.{md,png}.

    .venv/bin/python bench/suite.py [--seconds 5] [--concurrency 1,16,64,256]
"""

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [
    str(ROOT / "server"), str(ROOT / "clients/python/src"), str(ROOT / "bench"), str(ROOT),
]  # fmt: skip

from hotpath import base_config, cpu_seconds, ghz_path, prepare_workspace, start  # noqa: E402
from secretsbroker.client import BrokerClient  # noqa: E402

SERVICE = "secretsbroker.v1.SecretsBrokerService"
RESULTS = ROOT / "bench/results"
BATCH = [f"bench/b{i}" for i in range(10)]
USERS = 250
CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    # case: (broker, method, request)
    "get_hit": ("broker", "GetSecret", {"name": "bench/db"}),
    "batch10_hit": ("broker", "BatchGetSecrets", {"names": BATCH}),
    "directory_page100": (
        "broker",
        "GetUserDirectory",
        {"collection": "bench/dir", "page_size": 100},
    ),
    "access_list_resolved": (
        "broker",
        "GetAccessList",
        {"collection": "bench/dir", "list_name": "everyone", "resolve": True},
    ),
    "get_miss_sqlite": ("miss", "GetSecret", {"name": "bench/db"}),
    "get_miss_postgres": ("pgmiss", "GetSecret", {"name": "bench/db"}),
}
YARDSTICK_CALL = ("GetSecret", {"name": "bench/db"})


def directory_yaml() -> str:
    """A collection of USERS users in 10 groups, all nested under ``everyone`` (3 levels)."""
    lines = ["secretsCollections:", "  bench/dir:", "    users:"]
    for i in range(USERS):
        lines.append(
            f"      u{i:04d}: {{userName: User {i}, userAccountType: EMPLOYEE,"
            f" userAccountStatus: AVAILABLE, securityGroups: [g{i % 10}]}}"
        )
    lines.append("    namedLists:")
    for g in range(10):
        members = ", ".join(f"u{i:04d}" for i in range(g, USERS, 10))
        lines.append(f"      g{g}: {{listTypeName: SecurityGroup, userMembers: [{members}]}}")
    lines.append("      half0: {listMembers: [g0, g1, g2, g3, g4]}")
    lines.append("      half1: {listMembers: [g5, g6, g7, g8, g9]}")
    lines.append("      everyone: {listMembers: [half0, half1]}")
    return "\n".join(lines) + "\n"


def broker_config(store: str, cache_entries: int) -> str:
    return (
        base_config("../") + f"stores: {{main: {store}}}\n"
        f"cache: {{default_ttl_seconds: 3600, max_entries: {cache_entries}}}\n"
        "audit: {dir: audit, fsync: interval}\n"
    )


@contextlib.contextmanager
def postgres_config(work: Path) -> Any:
    """A private PostgreSQL (tests/servers.py) and the config of a broker without a
    cache in front of it; None if PostgreSQL is not installed."""
    import psycopg
    from psycopg import sql

    from tests.servers import PG_BROKER_USER, running_postgres

    try:
        servers = running_postgres()
        server = servers.__enter__()
    except Exception as exc:  # no binaries: the case is left out, and said so
        print(f"get_miss_postgres left out: {exc}", flush=True)
        yield None
        return
    try:
        with psycopg.connect(server.dsn("postgres", user="postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE bench OWNER {}").format(
                sql.Identifier(PG_BROKER_USER)))  # fmt: skip
        (work / "pgmiss").mkdir()
        dsn = json.dumps(server.dsn("bench"))
        store = f"{{type: postgres, dsn: {dsn}, master_key_file: ../master.key}}"
        (work / "pgmiss" / "config.yaml").write_text(broker_config(store, 0))
        yield work / "pgmiss" / "config.yaml"
    finally:
        servers.__exit__(None, None, None)


def prepare(work: Path) -> Path:
    tls = prepare_workspace(work)
    sqlite = "{type: sqlite, path: store.db, master_key_file: ../master.key}"
    for name, cache in (("broker", 10_000), ("miss", 0)):
        (work / name).mkdir()
        (work / name / "config.yaml").write_text(broker_config(sqlite, cache))
    return tls


def seed(address: str, tls: Path, collections: bool) -> None:
    with BrokerClient.connect(
        address, ca=tls / "ca.pem", cert=tls / "client.pem", key=tls / "client-key.pem"
    ) as client:
        client.put_secret("bench/db", {"userId": "bench", "clearPassword": "x" * 32})
        if collections:
            for name in BATCH:
                client.put_secret(name, {"userId": name, "clearPassword": "y" * 32})
            client.import_collections(directory_yaml())


def ghz(
    address: str, tls: Path, method: str, data: dict[str, Any], c: int, seconds: float
) -> dict[str, Any]:
    argv = [
        ghz_path(),
        *("--cacert", str(tls / "ca.pem"), "--cert", str(tls / "client.pem")),
        *("--key", str(tls / "client-key.pem")),
        *("--import-paths", f"{ROOT / 'proto'},{ROOT / 'third_party/proto'}"),
        *("--proto", str(ROOT / "proto/secretsbroker/v1/broker_service.proto")),
        *("--call", f"{SERVICE}.{method}", "-d", json.dumps(data)),
        *("-z", f"{seconds}s", "-c", str(c), "--connections", str(1 if c == 1 else 4)),
        *("--format", "json", address),
    ]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=600).stdout
    report = json.loads(out)
    lat = {d["percentage"]: d["latency"] / 1e6 for d in report["latencyDistribution"] or []}
    codes = report.get("statusCodeDistribution") or {}
    # ghz ends a timed run by closing its connections: the calls then in flight (at most
    # c) end UNAVAILABLE. They are in status_codes, not in errors.
    cut = min(codes.get("Unavailable", 0), c)
    return {
        "qps": round(report["rps"], 1),
        "p50_ms": lat.get(50),
        "p90_ms": lat.get(90),
        "p99_ms": lat.get(99),
        "errors": sum(v for k, v in codes.items() if k != "OK") - cut,
        "status_codes": codes,
        "count": report["count"],
    }


def measured(
    proc: subprocess.Popen[str], address: str, tls: Path, call: tuple[str, dict[str, Any]], c: int,
    seconds: float,
) -> dict[str, Any]:  # fmt: skip
    cpu = cpu_seconds(proc.pid)
    result = ghz(address, tls, *call, c, seconds)
    used = cpu_seconds(proc.pid) - cpu
    result["cpu_us_per_call"] = round(used / max(result["count"], 1) * 1e6, 1)
    return result


def ratios(broker: dict[str, Any], yard: dict[str, Any]) -> dict[str, Any]:
    def div(a: float | None, b: float | None) -> float | None:
        return round(a / b, 3) if a and b else None

    return {
        "qps": div(broker["qps"], yard["qps"]),
        "p50_delta_us": round((broker["p50_ms"] - yard["p50_ms"]) * 1000)
        if broker["p50_ms"] and yard["p50_ms"]
        else None,
        "p99": div(broker["p99_ms"], yard["p99_ms"]),
        "cpu_per_call": div(broker["cpu_us_per_call"], yard["cpu_us_per_call"]),
    }


def cache_figure(name: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench/cache_figures.py"), name],
        capture_output=True, text=True, check=True, timeout=900,
    ).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run_servers(args: argparse.Namespace, work: Path, tls: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    serve = [sys.executable, "-m", "secrets_broker.ops.cli", "serve", "--config"]
    procs: dict[str, tuple[subprocess.Popen[str], str]] = {}
    pg = postgres_config(work) if "get_miss_postgres" in args.cases else contextlib.nullcontext()
    with pg as pg_config:
        return _run_servers(args, work, tls, env, serve, procs, pg_config)


def _run_servers(
    args: argparse.Namespace, work: Path, tls: Path, env: dict[str, str], serve: list[str],
    procs: dict[str, tuple[subprocess.Popen[str], str]], pg_config: Path | None,
) -> dict[str, Any]:  # fmt: skip
    try:
        yard = [sys.executable, str(ROOT / "bench/echo_server.py"), str(tls), "--broker-options"]
        procs["yardstick"] = start(yard, env)
        configs = {name: work / name / "config.yaml" for name in ("broker", "miss")}
        if pg_config is not None:
            configs["pgmiss"] = pg_config
        for name, config in configs.items():
            procs[name] = start([*serve, str(config)], env)
            seed(procs[name][1], tls, collections=name == "broker")
        cases: dict[str, Any] = {}
        for case, (server, method, request) in CASES.items():
            if case not in args.cases or server not in procs:
                continue
            rows = cases[case] = {}
            ghz(procs[server][1], tls, method, request, 16, 1.0)  # warm: cache, imports
            ghz(procs["yardstick"][1], tls, *YARDSTICK_CALL, 16, 1.0)
            for c in args.concurrency:
                y = measured(*procs["yardstick"], tls, YARDSTICK_CALL, c, args.seconds)
                b = measured(*procs[server], tls, (method, request), c, args.seconds)
                rows[str(c)] = {"yardstick": y, "broker": b, "ratio": ratios(b, y)}
                print(f"{case:22s} c={c:<4d} broker {b['qps']:8.1f} QPS p50 {b['p50_ms']}ms"
                      f"  yardstick {y['qps']:8.1f} QPS p50 {y['p50_ms']}ms"
                      f"  ratio {rows[str(c)]['ratio']['qps']}", flush=True)  # fmt: skip
        return cases
    finally:
        for proc, _ in procs.values():
            proc.terminate()
            proc.wait(timeout=30)


def targets(cases: dict[str, Any], cache: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the figure measured in this run."""
    out = []
    hit = cases.get("get_hit", {})
    if "64" in hit:
        q = hit["64"]["ratio"]["qps"]
        out.append({"target": "GetSecret hit QPS at c=64 >= 0.95x yardstick",
                    "measured": f"{q}x", "met": bool(q and q >= 0.95)})  # fmt: skip
    if "1" in hit:
        d = hit["1"]["ratio"]["p50_delta_us"]
        out.append({"target": "GetSecret hit p50 at c=1 within +50 us of yardstick",
                    "measured": f"+{d} us", "met": d is not None and d <= 50})  # fmt: skip
    for store in ("sqlite", "postgres"):
        miss = cases.get(f"get_miss_{store}", {})
        if "1" in miss and "1" in hit:
            over = round((miss["1"]["broker"]["p50_ms"] - hit["1"]["broker"]["p50_ms"]) * 1000)
            out.append({"target": f"{store} miss p50 <= hit p50 + 1 ms (c=1)",
                        "measured": f"+{over} us", "met": over <= 1000})  # fmt: skip
    if "memory" in cache:
        m = cache["memory"]
        out.append({"target": "RSS for 100,000 cached 1 KiB secrets <= 3x payload",
                    "measured": f"{m['ratio']}x ({m['ratio_with_encoded_answers']}x once each"
                    " answer's encoding is kept too)",
                    "met": m["ratio"] <= 3})  # fmt: skip
    if "pressure" in cache:
        p = cache["pressure"]
        out.append({"target": "1,000 concurrent misses of one name -> 1 store read",
                    "measured": str(p["store_reads"]), "met": p["store_reads"] == 1})  # fmt: skip
    if "expiry" in cache:
        e = cache["expiry"]
        peak_ok = e["steady_max_reads_per_second"] <= 1.2 * e["bound_reads_per_second"]
        out.append({"target": f"{e['names']} hot names, TTL {e['ttl_seconds']:g} s: <= "
                    f"~{e['bound_reads_per_second']:g} store reads/s in steady state",
                    "measured": f"peak {e['steady_max_reads_per_second']}/s, mean "
                    f"{e['steady_mean_reads_per_second']:g}/s",
                    "met": peak_ok})  # fmt: skip
    return out


def table(summary: dict[str, Any]) -> str:
    lines = [
        f"Run {summary['when_utc']}, {summary['machine']['cpus']} cores, Python "
        f"{summary['machine']['python']}, {summary['seconds']} s per point, ghz "
        "(1 connection at c=1, 4 above); yardstick = bare grpc.aio, one trivial unary method.",
        "",
        "| case | c | broker QPS | yardstick QPS | ratio | broker p50 / p90 / p99 ms "
        "| yardstick p50 ms | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for case, rows in summary["cases"].items():
        for c, row in rows.items():
            b, y = row["broker"], row["yardstick"]
            lines.append(
                f"| {case} | {c} | {b['qps']:,.0f} | {y['qps']:,.0f} | {row['ratio']['qps']}x "
                f"| {b['p50_ms']:.2f} / {b['p90_ms']:.2f} / {b['p99_ms']:.2f} "
                f"| {y['p50_ms']:.2f} | {b['errors'] + y['errors']} |"
            )
    lines += ["", "| target | measured | met |", "|---|---|---|"]
    for t in summary["targets"]:
        lines.append(f"| {t['target']} | {t['measured']} | {'met' if t['met'] else 'not met'} |")
    return "\n".join(lines) + "\n"


def plot(summary: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cases = summary["cases"]
    fig, axes = plt.subplots(1, len(cases), figsize=(4.2 * len(cases), 3.8), squeeze=False)
    for ax, (case, rows) in zip(axes[0], cases.items(), strict=True):
        conc = [int(c) for c in rows]
        for who, colour in (("broker", "tab:red"), ("yardstick", "tab:blue")):
            for pct, style in (("p50_ms", "-"), ("p99_ms", "--")):
                ax.plot(conc, [rows[str(c)][who][pct] for c in conc], style, color=colour,
                        marker="o", label=f"{who} {pct[:3]}")  # fmt: skip
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(conc, [str(c) for c in conc])
        ax.set_title(case, fontsize=10)
        ax.set_xlabel("concurrency (ghz -c)")
        ax.grid(True, which="both", alpha=0.3)
    axes[0][0].set_ylabel("latency (ms)")
    axes[0][0].legend(fontsize=7)
    fig.suptitle(f"secrets-broker vs bare grpc.aio, {summary['when_utc']}, "
                 f"{summary['machine']['cpus']} cores", fontsize=10)  # fmt: skip
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", default="1,16,64,256")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--cache-figures", default="pressure,expiry,memory")
    args = parser.parse_args()
    args.concurrency = [int(c) for c in args.concurrency.split(",")]
    args.cases = args.cases.split(",")
    work = Path(tempfile.mkdtemp(prefix="sb-suite-"))
    try:
        cases = run_servers(args, work, prepare(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cache = {n: cache_figure(n) for n in args.cache_figures.split(",") if n}
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    summary: dict[str, Any] = {
        "benchmark": "bench/suite.py: broker vs bare grpc.aio (same mTLS and core options,"
        " 1 process each, ghz, alternating)",
        "when_utc": when,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "seconds": args.seconds,
        "cases": cases,
        "cache": cache,
    }
    summary["targets"] = targets(cases, cache)
    stem = RESULTS / f"suite-{when.replace(':', '')}"
    Path(f"{stem}.json").write_text(json.dumps(summary, indent=2) + "\n")
    Path(f"{stem}.md").write_text(table(summary))
    shutil.copy(f"{stem}.md", RESULTS / "suite-latest.md")
    if cases:
        plot(summary, Path(f"{stem}.png"))
        shutil.copy(f"{stem}.png", RESULTS / "suite-latest.png")
    print(table(summary))
    print(f"saved {stem.relative_to(ROOT)}.{{json,md,png}}")


if __name__ == "__main__":
    main()
