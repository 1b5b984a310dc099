"""Benchmark: how long a caller waits while PostgreSQL is blackholed, and how the breaker
behaves.

A broker is built from a config exactly as `serve` builds it (store guard included when
the code has one), with its PostgreSQL store behind the TCP fault proxy of
tests/faultproxy.py. One secret is cached and then expired ("warm": a stale value
exists), another was never read ("cold"). With the proxy in blackhole mode (the server
accepts connections and never answers), READS sequential reads of each are timed through
the broker's use case (no caller deadline: the worst case), then a put. Then the proxy
passes traffic again and the time until the store's breaker closes is measured.
Prints the figures and writes bench/results/store-outage-<UTC time>.json.

    .venv/bin/python bench/store_outage.py [--reads 5]

It also runs against older code (without the guard) for a before/after comparison:
the resilience keys and health board are used only where the code has them.
"""

import argparse
import asyncio
import inspect
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "server")]

import psycopg  # noqa: E402
import yaml  # noqa: E402
from psycopg.conninfo import make_conninfo  # noqa: E402

from secrets_broker.domain.crypto import create_master_key  # noqa: E402
from secrets_broker.domain.errors import BrokerError  # noqa: E402
from secrets_broker.domain.model import SecretContent, SecretValue  # noqa: E402
from secrets_broker.domain.names import SecretName  # noqa: E402
from secrets_broker.ops import app  # noqa: E402
from secrets_broker.ops.config import Config, parse_config  # noqa: E402
from tests.conftest import FakeClock  # noqa: E402
from tests.faultproxy import FaultProxy  # noqa: E402
from tests.servers import running_postgres  # noqa: E402

WHO = "bench"
GIVE_UP_SECONDS = 60.0  # a call still waiting then is recorded as "no answer"


def config_doc(base: Path, dsn: str) -> dict[str, Any]:
    (base / "policy.yaml").write_text(
        yaml.safe_dump({"grants": [{"identities": [WHO], "rpcs": ["*"], "names": ["**"]}]})
    )
    doc: dict[str, Any] = {
        "listen": "127.0.0.1:0",
        "tls": {"cert_file": "s.pem", "key_file": "k.pem", "client_ca_file": "ca.pem"},
        "policy_file": "policy.yaml",
        "stores": {"pg": {"type": "postgres", "dsn": dsn, "master_key_file": "master.key"}},
        "cache": {"default_ttl_seconds": 60, "stale_on_error_seconds": 600},
    }
    if "resilience" in Config.model_fields:  # the store guard exists: its defaults
        doc["resilience"] = {}
    return doc


async def timed(call: Any) -> tuple[float, str]:
    started = time.monotonic()
    try:
        secret = await asyncio.wait_for(call, GIVE_UP_SECONDS)
        outcome = "stale" if getattr(secret, "stale_seconds", None) is not None else "value"
    except BrokerError as exc:
        outcome = exc.reason
    except TimeoutError:
        outcome = f"no answer in {GIVE_UP_SECONDS:g}s"
    return time.monotonic() - started, outcome


async def run(reads: int) -> dict[str, Any]:
    with running_postgres() as pg, tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        create_master_key(base / "master.key")
        proxy = FaultProxy(pg.host, pg.port).start()
        admin = make_conninfo(pg.dsn("postgres", user="postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE bench OWNER broker")
        dsn = make_conninfo(pg.dsn("bench"), port=proxy.port)
        config = parse_config(config_doc(base, dsn), base)
        clock = FakeClock()
        guarded = "health" in inspect.signature(app.build_broker).parameters
        broker = app.build_broker(config, clock=clock)
        warm, cold = SecretName("bench/warm"), SecretName("bench/cold")
        for name in (warm, cold):
            await broker.put_secret(WHO, name, SecretContent({"k": SecretValue("v")}), None, None)
        await broker.get_secret(WHO, warm)
        clock.advance(120)  # expired (TTL 60 s), within the stale window (600 s)
        proxy.set_mode("blackhole")
        rows = []
        for _ in range(reads):
            rows.append(("warm",) + await timed(broker.get_secret(WHO, warm)))
            rows.append(("cold",) + await timed(broker.get_secret(WHO, cold)))
        put = await timed(
            broker.put_secret(WHO, cold, SecretContent({"k": SecretValue("v2")}), None, None)
        )
        proxy.set_mode("pass")
        started, recovered = time.monotonic(), None
        state = getattr(broker.store, "state", None)
        while guarded and state is not None and time.monotonic() - started < 60:
            if broker.store.state.value == "closed":  # type: ignore[attr-defined]
                recovered = time.monotonic() - started
                break
            await asyncio.sleep(0.01)
        await broker.store.close()
        proxy.close()
    times = {kind: [t for k, t, _ in rows if k == kind] for kind in ("warm", "cold")}
    return {
        "code": "with store guard" if guarded else "without store guard",
        "reads_each": reads,
        "reads": [{"secret": k, "seconds": round(t, 3), "outcome": o} for k, t, o in rows],
        "warm_median_seconds": round(statistics.median(times["warm"]), 3),
        "cold_median_seconds": round(statistics.median(times["cold"]), 3),
        "max_seconds": round(max(t for _, t, _ in rows), 3),
        "put": {"seconds": round(put[0], 3), "outcome": put[1]},
        "breaker_closed_after_pass_seconds": None if recovered is None else round(recovered, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reads", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    result = asyncio.run(run(args.reads))
    for row in result["reads"]:
        print(f"{row['secret']:5} {row['seconds']:7.3f}s  {row['outcome']}")
    print(json.dumps({k: v for k, v in result.items() if k != "reads"}, indent=2))
    stamp = time.strftime("%Y-%m-%dT%H%M%SZ", time.gmtime())
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"store-outage-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
