"""In-process figures of the cache (bench/suite.py runs each in a process of its own).

* ``pressure``: 1,000 concurrent misses of one name through ``SecretCache`` in front of
  a real SQLite store; how many times the store was read (single-flight: 1 expected).
* ``expiry``: 10,000 hot names with TTL T, read every (simulated) second for 6 T; store
  reads per second once the first generation has expired, against the 10,000/T bound.
* ``memory``: RSS growth (from /proc/self/status) for 100,000 cached secrets of 1 KiB
  each, as a ratio to the raw payload; once after the loads, once after every entry
  also kept its encoded GetSecretResponse (what a hit answers from, api/render.py).

    .venv/bin/python bench/cache_figures.py {pressure,expiry,memory}   # prints JSON
"""

import asyncio
import gc
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "server"), str(ROOT / "clients/python/src")]

from secrets_broker.api.render import get_secret_response  # noqa: E402
from secrets_broker.cache import SecretCache  # noqa: E402
from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key  # noqa: E402
from secrets_broker.domain.model import Secret, SecretContent, SecretValue  # noqa: E402
from secrets_broker.domain.names import SecretName  # noqa: E402
from secrets_broker.stores.sqlite import SqliteStore  # noqa: E402

PAYLOAD = 1024  # bytes of keys and values per secret
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


class CountingStore:
    """Counts reads of the store it wraps (only ``get`` is used by the cache's reads)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.reads = 0

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        self.reads += 1
        return await self.inner.get(name, version)  # type: ignore[no-any-return]


class GeneratedStore:
    """A store whose secrets are made on each read (1 KiB each), so that the process
    holds no copy of them besides the cache's: its RSS growth is the cache's."""

    def __init__(self) -> None:
        self.reads = 0

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        self.reads += 1
        user = name.value[-12:].rjust(12, "u")
        password = (name.value * 200)[: PAYLOAD - len("userId") - len(user) - 13]
        values = {"userId": SecretValue(user), "clearPassword": SecretValue(password)}
        return Secret(name, 1, SecretContent(values=values), EPOCH, EPOCH)


async def pressure(concurrent: int = 1000) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sb-pressure-") as tmp:
        create_master_key(Path(tmp) / "master.key")
        key = Envelope(load_master_key(Path(tmp) / "master.key"))
        sqlite = SqliteStore(Path(tmp) / "store.db", key)
        name = SecretName.parse("bench/hot")
        await sqlite.put(name, SecretContent(values={"clearPassword": SecretValue("x" * 32)}))
        store = CountingStore(sqlite)
        cache = SecretCache(store, default_ttl_seconds=3600, max_entries=1000)  # type: ignore[arg-type]
        answers = await asyncio.gather(*(cache.get(name) for _ in range(concurrent)))
        await sqlite.close()
    return {
        "concurrent_misses": concurrent,
        "store_reads": store.reads,
        "answers": len(answers),
        "joins": cache.joins,
        "expected_store_reads": 1,
    }


async def expiry(names: int = 10_000, ttl: float = 10.0, periods: int = 6) -> dict[str, Any]:
    now = [0.0]
    store = GeneratedStore()
    cache = SecretCache(
        store,  # type: ignore[arg-type]
        default_ttl_seconds=ttl,
        max_entries=names,
        clock=lambda: now[0],
    )
    keys = [SecretName.parse(f"hot/n{i}") for i in range(names)]
    per_second = []
    for second in range(int(ttl * periods)):
        now[0] = float(second)
        before = store.reads
        for key in keys:
            await cache.get(key)
        per_second.append(store.reads - before)
    steady = per_second[int(ttl * 2) :]  # after the first generation's expiry spread
    return {
        "names": names,
        "ttl_seconds": ttl,
        "bound_reads_per_second": names / ttl,
        "steady_max_reads_per_second": max(steady),
        "steady_mean_reads_per_second": sum(steady) / len(steady),
        "reads_per_second": per_second,
    }


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


async def memory(count: int = 100_000) -> dict[str, Any]:
    store = GeneratedStore()
    cache = SecretCache(store, default_ttl_seconds=3600, max_entries=count)  # type: ignore[arg-type]
    keys = [SecretName.parse(f"mem/s{i:06d}") for i in range(count)]
    gc.collect()
    base = rss_bytes()
    for key in keys:
        await cache.get(key)
    gc.collect()
    loaded = rss_bytes() - base
    for key in keys:  # a hit of each: the answer's encoding is kept (sealed) too
        get_secret_response(await cache.get(key), frozenset())
    gc.collect()
    rendered = rss_bytes() - base
    payload = count * PAYLOAD
    return {
        "secrets": count,
        "payload_bytes": payload,
        "rss_growth_bytes": loaded,
        "ratio": round(loaded / payload, 2),
        "rss_growth_with_encoded_answers_bytes": rendered,
        "ratio_with_encoded_answers": round(rendered / payload, 2),
    }


FIGURES = {"pressure": pressure, "expiry": expiry, "memory": memory}

if __name__ == "__main__":
    print(json.dumps(asyncio.run(FIGURES[sys.argv[1]]())))
