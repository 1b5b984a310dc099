"""Benchmark: what a store miss costs with data keys, and how many provider calls.

A sqlite store holds N secrets under K data keys (``dek_max_records`` = N/K), with the
``file`` provider and with a real OpenBao Transit key (dev server, tests/servers.py).
For each provider:

- warm: sequential ``store.get`` over every name with every data key in memory (the
  usual secret-cache miss: no provider call);
- cold: the same pass right after the data-key cache is emptied (a new cache period):
  provider calls are counted and must be K;
- cold, concurrent: every name read three times at once after emptying the cache:
  concurrent misses of one data key share one provider call, so again K.

Prints the figures and writes bench/results/key-miss-<UTC time>.json.

    .venv/bin/python bench/key_miss.py [--names 2000] [--keys 8] [--passes 5]
"""

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "server")]

from secrets_broker.domain.crypto import create_master_key  # noqa: E402
from secrets_broker.domain.model import SecretContent, SecretValue  # noqa: E402
from secrets_broker.domain.names import SecretName  # noqa: E402
from secrets_broker.stores.sqlite import SqliteStore  # noqa: E402
from tests.servers import running_openbao  # noqa: E402


def content(i: int) -> SecretContent:
    return SecretContent(
        values={"userId": SecretValue(f"u{i}"), "clearPassword": SecretValue("x" * 24)}
    )


async def measure(options: dict[str, Any], names: int, keys: int, passes: int) -> dict[str, Any]:
    per_key = -(-names // keys)
    store = SqliteStore.from_config({**options, "dek_max_records": per_key})
    all_names = [SecretName(f"bench/{i:05}") for i in range(names)]
    for i, name in enumerate(all_names):
        await store.put(name, content(i))
    ring = store.keyring
    data_keys = len(await ring.table.deks())

    async def sequential() -> float:
        started = time.perf_counter()
        for name in all_names:
            await store.get(name)
        return (time.perf_counter() - started) / names * 1e6

    warm, cold, cold_calls, concurrent_calls = [], [], [], []
    for _ in range(passes):
        await sequential()  # every key in memory
        warm.append(await sequential())
        ring._cache.clear()  # a new cache period
        before = ring.provider_calls
        cold.append(await sequential())
        cold_calls.append(ring.provider_calls - before)
        ring._cache.clear()
        before = ring.provider_calls
        await asyncio.gather(*(store.get(n) for n in all_names * 3))
        concurrent_calls.append(ring.provider_calls - before)
    await store.close()
    return {
        "data_keys": data_keys,
        "warm_get_us": {"median": statistics.median(warm), "min": min(warm), "max": max(warm)},
        "cold_pass_get_us": {"median": statistics.median(cold), "min": min(cold), "max": max(cold)},
        "provider_calls_per_cold_pass": cold_calls,
        "provider_calls_per_concurrent_cold_pass": concurrent_calls,
        "gets_per_concurrent_pass": names * 3,
    }


async def run(names: int, keys: int, passes: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sb-key-miss-") as tmp:
        work = Path(tmp)
        create_master_key(work / "master.key")
        results["file"] = await measure(
            {"path": str(work / "file.db"), "master_key_file": str(work / "master.key")},
            names, keys, passes,
        )  # fmt: skip
        with running_openbao(work / "bao") as bao:
            client = bao.client()
            client.sys.enable_secrets_engine("transit")
            client.secrets.transit.create_key("bench")
            transit = {"type": "vault-transit", "url": bao.url, "token": bao.root_token,
                       "key": "bench"}  # fmt: skip
            results["vault-transit"] = await measure(
                {"path": str(work / "transit.db"), "key_provider": transit}, names, keys, passes
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--keys", type=int, default=8)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    measured = asyncio.run(run(args.names, args.keys, args.passes))
    summary = {
        "benchmark": "store miss with data keys: warm vs cold data-key cache, provider calls",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "load": {"names": args.names, "data_keys_wanted": args.keys, "passes": args.passes},
        "providers": measured,
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench/results" / f"key-miss-{summary['when_utc'].replace(':', '')}.json"
    out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"saved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
