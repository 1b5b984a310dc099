"""Data keys of the sqlite store under file key providers: the record format, rotation by
count and age, the bounded cache and its provider-call budget, sealed start (a real
refused connection), switching providers, and stores written before data keys."""

import asyncio
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from secrets_broker.domain.crypto import MAGIC_DEK, create_master_key
from secrets_broker.domain.errors import ConfigError, Unavailable
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionChange
from secrets_broker.keys.file import fingerprint
from secrets_broker.ops.rekey import rekey_store
from secrets_broker.stores.sqlite import SqliteStore
from tests.conftest import FakeClock
from tests.servers import free_port

LEGACY = Path(__file__).parents[1] / "data" / "legacy_store"
LEGACY_VERSIONS = {"legacy/app": 3, "legacy/db": 1}


def N(name: str) -> SecretName:
    return SecretName(name)


def content(value: str) -> SecretContent:
    return SecretContent(values={"userId": SecretValue("u"), "clearPassword": SecretValue(value)})


def key_file(tmp_path: Path, name: str = "master.key") -> Path:
    path = tmp_path / name
    if not path.exists():
        create_master_key(path)
    return path


def open_store(tmp_path: Path, **options: Any) -> SqliteStore:
    options.setdefault("master_key_file", str(key_file(tmp_path)))
    return SqliteStore.from_config({"path": str(tmp_path / "store.db"), **options})


def rows(tmp_path: Path, query: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(tmp_path / "store.db") as db:
        return db.execute(query).fetchall()


async def test_records_name_their_data_key_which_names_the_kek(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    await store.put(N("a"), content("canary-a"))
    assert (await store.get(N("a"))).content.values["clearPassword"].reveal() == "canary-a"
    await store.close()
    [(dek_id, kek)] = rows(tmp_path, "SELECT id, kek FROM deks")
    assert kek == f"file:{fingerprint(key_file(tmp_path).read_bytes())}"
    [(sealed, dek)] = rows(tmp_path, "SELECT sealed, dek FROM versions")
    assert sealed[:3] == MAGIC_DEK and int.from_bytes(sealed[3:7], "big") == dek == dek_id
    assert b"canary-a" not in (tmp_path / "store.db").read_bytes()


async def test_a_data_key_serves_max_records_then_a_new_one_is_made(tmp_path: Path) -> None:
    store = open_store(tmp_path, dek_max_records=2)
    for i in range(5):
        await store.put(N(f"s{i}"), content(f"v{i}"))
    assert [int(r[0]) for r in rows(tmp_path, "SELECT uses FROM deks ORDER BY created")] == [
        2,
        2,
        1,
    ]
    for i in range(5):
        assert (await store.get(N(f"s{i}"))).content.values["clearPassword"].reveal() == f"v{i}"
    await store.close()


async def test_a_data_key_older_than_max_age_is_replaced(tmp_path: Path) -> None:
    store = open_store(tmp_path, dek_max_age_seconds=3600, dek_cache_seconds=60)
    wall = FakeClock()
    wall.now = time.time()  # the first data key was made at start, now
    store.keyring.wall = wall
    await store.put(N("a"), content("1"))
    wall.advance(3599)
    await store.put(N("b"), content("2"))
    assert len(rows(tmp_path, "SELECT id FROM deks")) == 1
    wall.advance(2)
    await store.put(N("c"), content("3"))
    assert len(rows(tmp_path, "SELECT id FROM deks")) == 2
    await store.close()


async def test_a_cache_miss_pays_one_provider_call_per_data_key_per_cache_period(
    tmp_path: Path,
) -> None:
    """400 secrets under 8 data keys; 1,200 concurrent misses, 3 cache periods."""
    writer = open_store(tmp_path, dek_max_records=50)
    for i in range(400):
        await writer.put(N(f"s/{i:03}"), content(f"v{i}"))
    await writer.close()
    assert len(rows(tmp_path, "SELECT id FROM deks")) == 8

    store = open_store(tmp_path, dek_cache_seconds=300)
    clock = FakeClock()
    store.keyring.clock = clock
    store.keyring._cache.clear()  # the start-up check opened the newest key: start cold
    ring = store.keyring
    names = [N(f"s/{i:03}") for i in range(400)]

    async def read_all() -> int:
        before = ring.provider_calls
        got = await asyncio.gather(*(store.get(n) for n in names * 3))
        assert {s.content.values["clearPassword"].reveal() for s in got} == {
            f"v{i}" for i in range(400)
        }
        return ring.provider_calls - before

    assert await read_all() == 8  # cold: one call per data key, shared by its misses
    assert await read_all() == 0  # the same period: none
    clock.advance(299)
    assert await read_all() == 0
    clock.advance(2)  # a new period
    assert await read_all() == 8
    await store.close()


async def test_the_cache_holds_at_most_max_entries_data_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path, dek_max_records=1, dek_cache_max_entries=3)
    for i in range(6):
        await store.put(N(f"s{i}"), content(str(i)))
    for i in range(6):
        await store.get(N(f"s{i}"))
    assert len(store.keyring._cache) == 3
    await store.close()


async def test_an_unreachable_provider_starts_sealed_and_every_call_says_so(
    tmp_path: Path,
) -> None:
    provider = {"type": "vault-transit", "url": f"http://127.0.0.1:{free_port()}",
                "token": "t", "key": "broker", "timeout_seconds": 2}  # fmt: skip
    store = SqliteStore.from_config({"path": str(tmp_path / "store.db"), "key_provider": provider})
    assert store.keyring.sealed
    calls = [
        store.get(N("a")),
        store.put(N("a"), content("x")),
        store.list("", 10),
        store.versions(N("a")),
        store.delete(N("a")),
    ]
    for call in calls:
        with pytest.raises(Unavailable) as err:
            await call
        assert err.value.reason == "BROKER_SEALED"
        assert err.value.retry_after_seconds
    assert not await store.keyring.try_unseal()
    await store.close()


async def test_a_new_key_file_with_the_old_one_as_previous_then_rekey(tmp_path: Path) -> None:
    old, new = key_file(tmp_path, "old.key"), key_file(tmp_path, "new.key")
    store = open_store(tmp_path, master_key_file=str(old), dek_max_records=2)
    for i in range(5):
        await store.put(N(f"s{i}"), content(f"v{i}"))
    await store.close()

    with pytest.raises(ConfigError, match="does not match"):
        open_store(tmp_path, master_key_file=str(new))
    both = {
        "master_key_file": None,
        "key_provider": {"type": "file", "key_file": str(new)},
        "previous_key_providers": [{"type": "file", "key_file": str(old)}],
    }
    store = open_store(tmp_path, **both)
    await store.put(N("s5"), content("v5"))  # a new data key, under the new file
    report = await rekey_store("main", store, rotate=True, reencrypt=False)
    await store.close()
    new_kek = f"file:{fingerprint(new.read_bytes())}"
    assert report.target == new_kek and report.rewrapped == 3
    assert [(k, d, r) for k, d, r in report.counts if k] == [(new_kek, 4, 6)]

    store = open_store(tmp_path, master_key_file=str(new))  # the old file is not needed
    for i in range(6):
        assert (await store.get(N(f"s{i}"))).content.values["clearPassword"].reveal() == f"v{i}"
    await store.close()


def legacy_copy(tmp_path: Path) -> Path:
    """The store a broker from before data keys wrote (tests/data/legacy_store)."""
    for name in ("store.db", "master.key"):
        shutil.copy(LEGACY / name, tmp_path / name)
    (tmp_path / "master.key").chmod(0o600)  # git keeps no file modes
    return tmp_path / "master.key"


async def read_legacy(store: SqliteStore) -> None:
    assert (await store.get(N("legacy/new"))).content.values["clearPassword"].reveal() == "new"
    for name, count in LEGACY_VERSIONS.items():
        assert await store.versions(N(name)) == list(range(1, count + 1))
        for version in range(1, count + 1):
            secret = await store.get(N(name), version)
            assert secret.content.values["clearPassword"].reveal() == (
                f"canary-legacy-{name}-v{version}"
            )


async def test_a_store_written_before_data_keys_opens_reads_and_rekeys(tmp_path: Path) -> None:
    key = legacy_copy(tmp_path)
    assert b"canary-legacy" not in (tmp_path / "store.db").read_bytes()
    other = key_file(tmp_path, "other.key")
    with pytest.raises(ConfigError, match="master key does not match"):
        open_store(tmp_path, master_key_file=str(other))
    transit = {"type": "vault-transit", "url": f"http://127.0.0.1:{free_port()}",
               "token": "t", "key": "broker"}  # fmt: skip
    with pytest.raises(ConfigError, match="sealed under a master key file"):
        open_store(tmp_path, master_key_file=None, key_provider=transit)

    store = open_store(tmp_path, master_key_file=str(key))
    for name, count in LEGACY_VERSIONS.items():  # before any new write
        secret = await store.get(N(name))
        assert secret.version == count
        assert secret.content.values["clearPassword"].reveal().endswith(f"-v{count}")
    assert (await store.list("legacy/", 10))[0].version == 3
    await store.put(N("legacy/new"), content("new"), expected_version=0)
    await read_legacy(store)

    report = await rekey_store("main", store, rotate=True, reencrypt=False)
    assert report.reencrypted == 4  # the SB1 records, once
    assert (None, 0, 0) in report.counts
    await read_legacy(store)
    await store.close()
    assert rows(tmp_path, "SELECT count(*) FROM versions WHERE dek IS NULL") == [(0,)]
    assert rows(tmp_path, "SELECT count(*) FROM meta WHERE key='keycheck'") == [(0,)]

    # No record needs the key file any more: a new file key plus the old as previous,
    # a rekey, and the old file can go.
    store = open_store(tmp_path, master_key_file=None, key_provider={"type": "file", "key_file": str(other)},
                       previous_key_providers=[{"type": "file", "key_file": str(key)}])  # fmt: skip
    await rekey_store("main", store, rotate=True, reencrypt=False)
    await store.close()
    store = open_store(tmp_path, master_key_file=str(other))
    await read_legacy(store)
    await store.close()


async def test_reencrypt_moves_every_record_to_new_data_keys(tmp_path: Path) -> None:
    store = open_store(tmp_path, dek_max_records=2)
    for i in range(5):
        await store.put(N(f"s{i}"), content(f"v{i}"))
    before = {r[0] for r in rows(tmp_path, "SELECT id FROM deks")}
    report = await rekey_store("main", store, rotate=True, reencrypt=True)
    assert report.new_data_key and report.reencrypted == 5
    used = {r[0] for r in rows(tmp_path, "SELECT DISTINCT dek FROM versions")}
    assert not used & before  # every record under a key the rekey made
    fresh = sorted(r[0] for r in rows(tmp_path, "SELECT uses FROM deks") if r)
    assert max(fresh) <= 2  # dek_max_records holds while re-encrypting too
    for i in range(5):
        assert (await store.get(N(f"s{i}"))).content.values["clearPassword"].reveal() == f"v{i}"
    await store.close()


async def test_reencrypt_skips_destroyed_versions_which_hold_no_values(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    for value in ("one", "two"):
        await store.put(N("d"), content(value))
    await store.set_version_state(N("d"), 1, VersionChange.DESTROY)
    report = await rekey_store("main", store, rotate=True, reencrypt=True)
    assert report.reencrypted == 1  # version 2; version 1's ciphertext is gone
    assert rows(tmp_path, "SELECT version, length(sealed) FROM versions ORDER BY version")[0] == (
        1,
        0,
    )
    assert (await store.get(N("d"))).content.values["clearPassword"].reveal() == "two"
    await store.close()
