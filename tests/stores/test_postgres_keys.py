"""The postgres store and data keys: a database written by a broker from before data
keys (schema version 1, rows in tests/data/legacy_store/postgres.json, written by
commit 81a4a3b's code) opens, migrates to schema 2, reads, and is re-keyed."""

import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest

from secrets_broker.domain.errors import ConfigError
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.rekey import rekey_store
from secrets_broker.stores.postgres import SCHEMA_VERSION, PostgresStore
from tests.servers import PgServer

LEGACY = Path(__file__).parents[1] / "data" / "legacy_store"
LEGACY_VERSIONS = {"legacy/app": 3, "legacy/db": 1}
# The schema version 1 that broker created (its _MIGRATIONS[0]).
V1 = (
    "CREATE TABLE schema_version (version integer PRIMARY KEY,"
    " applied_at timestamptz NOT NULL DEFAULT now())",
    "CREATE TABLE meta (key text PRIMARY KEY, value bytea NOT NULL)",
    'CREATE TABLE heads (name text COLLATE "C" PRIMARY KEY, latest bigint NOT NULL,'
    " live boolean NOT NULL, create_time timestamptz NOT NULL)",
    'CREATE TABLE versions (name text COLLATE "C" NOT NULL, version bigint NOT NULL,'
    " update_time timestamptz NOT NULL, crc bigint NOT NULL, sealed bytea NOT NULL,"
    " PRIMARY KEY (name, version))",
)
BYTEA = {"meta": {1}, "versions": {4}}


@pytest.fixture
async def legacy_db(postgres_server: PgServer) -> AsyncIterator[str]:
    tables = json.loads((LEGACY / "postgres.json").read_text())
    async with postgres_server.database() as dbname:
        with psycopg.connect(postgres_server.dsn(dbname)) as conn:
            for statement in V1:
                conn.execute(statement)  # type: ignore[arg-type]
            for table in ("schema_version", "meta", "heads", "versions"):
                for row in tables[table]:
                    values = [
                        bytes.fromhex(v) if i in BYTEA.get(table, ()) else v
                        for i, v in enumerate(row)
                    ]
                    marks = ", ".join(["%s"] * len(values))
                    conn.execute(f"INSERT INTO {table} VALUES ({marks})", values)  # type: ignore[arg-type]  # noqa: S608
        yield postgres_server.dsn(dbname)


def key_copy(tmp_path: Path) -> Path:
    shutil.copy(LEGACY / "master.key", tmp_path / "master.key")
    (tmp_path / "master.key").chmod(0o600)
    return tmp_path / "master.key"


async def read_legacy(store: PostgresStore) -> None:
    for name, count in LEGACY_VERSIONS.items():
        assert await store.versions(SecretName(name)) == list(range(1, count + 1))
        for version in range(1, count + 1):
            secret = await store.get(SecretName(name), version)
            expected = f"canary-legacy-{name}-v{version}"
            assert secret.content.values["clearPassword"].reveal() == expected


async def test_a_database_written_before_data_keys_opens_reads_and_rekeys(
    legacy_db: str, tmp_path: Path
) -> None:
    key = key_copy(tmp_path)
    (tmp_path / "other.key").write_bytes(b"\x07" * 32)
    (tmp_path / "other.key").chmod(0o600)
    with pytest.raises(ConfigError, match="master key does not match"):
        PostgresStore.from_config(
            {"dsn": legacy_db, "master_key_file": str(tmp_path / "other.key")}
        )

    store = PostgresStore.from_config({"dsn": legacy_db, "master_key_file": str(key)})
    await read_legacy(store)
    with psycopg.connect(legacy_db) as conn:
        assert conn.execute("SELECT max(version) FROM schema_version").fetchone() == (
            SCHEMA_VERSION,
        )
        assert conn.execute("SELECT count(*) FROM versions WHERE dek IS NULL").fetchone() == (4,)
    report = await rekey_store("shared", store, rotate=True, reencrypt=False)
    assert report.reencrypted == 4
    await read_legacy(store)
    await store.close()
    with psycopg.connect(legacy_db) as conn:
        assert conn.execute("SELECT count(*) FROM versions WHERE dek IS NULL").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM meta WHERE key = 'keycheck'").fetchone() == (0,)
        blobs = b"".join(bytes(r[0]) for r in conn.execute("SELECT sealed FROM versions"))
    assert b"canary-legacy" not in blobs

    store = PostgresStore.from_config({"dsn": legacy_db, "master_key_file": str(key)})
    await read_legacy(store)
    await store.close()
