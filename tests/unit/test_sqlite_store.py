"""The embedded store's guarantees: sealed at rest, tamper-evident, atomic, keyed."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key
from secrets_broker.domain.errors import ConfigError, DataLoss
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.sqlite import SqliteStore

N = SecretName.parse


def open_store(tmp_path: Path) -> SqliteStore:
    key = tmp_path / "master.key"
    if not key.exists():
        create_master_key(key)
    return SqliteStore(tmp_path / "store.db", Envelope(load_master_key(key)))


def content(v: str) -> SecretContent:
    return SecretContent(values={"clearPassword": SecretValue(v)})


async def test_values_are_not_stored_in_clear(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    await store.put(N("a"), content("canary-value-123"))
    await store.close()
    for f in tmp_path.glob("store.db*"):
        assert b"canary-value-123" not in f.read_bytes()


async def test_record_moved_under_another_name_is_data_loss(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    await store.put(N("victim"), content("victim-password"))
    await store.put(N("attacker"), content("attacker-password"))
    await store.close()
    db = sqlite3.connect(tmp_path / "store.db")
    db.execute(
        "UPDATE versions SET sealed=(SELECT sealed FROM versions WHERE name='victim'), "
        "crc=(SELECT crc FROM versions WHERE name='victim') WHERE name='attacker'"
    )
    db.commit()
    db.close()
    store = open_store(tmp_path)
    with pytest.raises(DataLoss) as err:
        await store.get(N("attacker"))
    assert "password" not in str(err.value)
    assert (await store.get(N("victim"))).content.values[
        "clearPassword"
    ].reveal() == "victim-password"
    await store.close()


async def test_record_moved_to_another_version_or_flipped_bit_is_data_loss(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    await store.put(N("s"), content("one"))
    await store.put(N("s"), content("two"))
    await store.close()
    db = sqlite3.connect(tmp_path / "store.db")
    db.execute(
        "UPDATE versions SET sealed=(SELECT sealed FROM versions WHERE version=1) WHERE version=2"
    )
    blob = bytearray(db.execute("SELECT sealed FROM versions WHERE version=1").fetchone()[0])
    blob[-1] ^= 1
    db.execute("UPDATE versions SET sealed=? WHERE version=1", (bytes(blob),))
    db.commit()
    db.close()
    store = open_store(tmp_path)
    for version in (1, 2):
        with pytest.raises(DataLoss):
            await store.get(N("s"), version)
    await store.close()


async def test_wrong_master_key_refuses_to_start(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    await store.put(N("a"), content("x"))
    await store.close()
    with pytest.raises(ConfigError, match="master key does not match"):
        SqliteStore(tmp_path / "store.db", Envelope(b"\x01" * 32))


def test_master_key_file_is_private_and_checked(tmp_path: Path) -> None:
    key = tmp_path / "k"
    create_master_key(key)
    assert key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    with pytest.raises(FileExistsError):
        create_master_key(key)
    key.chmod(0o644)
    with pytest.raises(ConfigError, match="group or others"):
        load_master_key(key)
    key.chmod(0o600)
    key.write_bytes(b"short")
    with pytest.raises(ConfigError, match="exactly 32 bytes"):
        load_master_key(key)
    with pytest.raises(ConfigError, match="does not exist"):
        load_master_key(tmp_path / "absent")


WRITER = """
import asyncio, sys
from pathlib import Path
from secrets_broker.domain.crypto import Envelope, load_master_key
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.sqlite import SqliteStore

async def main():
    d = Path(sys.argv[1])
    store = SqliteStore(d / "store.db", Envelope(load_master_key(d / "master.key")))
    for i in range(1, 100000):
        big = {f"k{j}": SecretValue(f"{i}-" + "x" * 60000) for j in range(4)}
        await store.put(SecretName("atomic"), SecretContent(values=big))
        print(i, flush=True)

asyncio.run(main())
"""


@pytest.mark.slow
async def test_process_killed_mid_write_leaves_previous_version_readable(tmp_path: Path) -> None:
    create_master_key(tmp_path / "master.key")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    acknowledged = 0
    for line in proc.stdout:  # kill while the writer is busy with its next write
        acknowledged = int(line)
        if acknowledged == 25:
            proc.kill()
            break
    proc.wait()
    assert proc.returncode == -9
    store = open_store(tmp_path)
    latest = await store.get(N("atomic"))
    assert latest.version >= acknowledged
    for version in await store.versions(N("atomic")):
        secret = await store.get(N("atomic"), version)
        assert {v.reveal() for v in secret.content.values.values()} == {f"{version}-" + "x" * 60000}
    await store.close()
