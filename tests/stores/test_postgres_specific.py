"""PostgreSQL store behaviour beyond the conformance suite, against the real server."""

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.errors import Aborted, ConfigError, DataLoss, Unavailable
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.postgres import SCHEMA_VERSION, PostgresStore
from secrets_broker.stores.registry import open_store
from tests.conformance.backends.postgres import PgServer, free_port

N = SecretName.parse


def content(**values: str) -> SecretContent:
    return SecretContent(values={k: SecretValue(v) for k, v in values.items()})


@pytest.fixture
async def dbname(postgres_server: PgServer) -> AsyncIterator[str]:
    async with postgres_server.database() as name:
        yield name


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    create_master_key(tmp_path / "master.key")
    return tmp_path / "master.key"


def options(dsn: str, key_file: Path, **extra: Any) -> dict[str, Any]:
    return {"dsn": dsn, "master_key_file": str(key_file), **extra}


async def test_entry_point_opens_the_store(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    store = open_store("postgres", options(postgres_server.dsn(dbname), key_file))
    try:
        await store.put(N("ep/one"), content(k="v"))
        assert (await store.get(N("ep/one"))).content.values["k"].reveal() == "v"
    finally:
        await store.close()


async def test_wrong_master_key_refuses_to_start(
    postgres_server: PgServer, dbname: str, key_file: Path, tmp_path: Path
) -> None:
    store = PostgresStore.from_config(options(postgres_server.dsn(dbname), key_file))
    await store.put(N("k/one"), content(k="v"))
    await store.close()
    create_master_key(tmp_path / "other.key")
    with pytest.raises(ConfigError, match="master key does not match"):
        PostgresStore.from_config(options(postgres_server.dsn(dbname), tmp_path / "other.key"))


async def test_wrong_password_is_unavailable_and_logged_without_it(
    postgres_server: PgServer, dbname: str, key_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    password = "n0t-the-Broker-pw"
    dsn = postgres_server.dsn(dbname, password=password)
    with caplog.at_level(logging.ERROR, logger="secrets_broker.stores.postgres"):
        with pytest.raises(Unavailable) as err:
            PostgresStore.from_config(options(dsn, key_file))
    assert "credentials" in str(err.value)
    assert password not in str(err.value)
    assert err.value.__cause__ is None and err.value.__suppress_context__
    records = [r for r in caplog.records if r.name == "secrets_broker.stores.postgres"]
    assert records and "rejected the credentials" in records[0].getMessage()
    assert all(password not in r.getMessage() for r in records)


async def test_unreachable_server_is_unavailable(key_file: Path) -> None:
    password = "s3cret-Unreachable"
    dsn = f"postgresql://broker:{password}@127.0.0.1:{free_port()}/nothing"
    with pytest.raises(Unavailable) as err:
        PostgresStore.from_config(options(dsn, key_file))
    assert password not in str(err.value)
    assert "127.0.0.1" in str(err.value)


async def test_row_copied_under_another_name_is_data_loss(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    store = PostgresStore.from_config(options(postgres_server.dsn(dbname), key_file))
    try:
        await store.put(N("tamper/a"), content(clearPassword="alpha"))
        await store.put(N("tamper/b"), content(clearPassword="bravo"))
        async with await psycopg.AsyncConnection.connect(
            postgres_server.dsn(dbname), autocommit=True
        ) as conn:
            await conn.execute(
                "UPDATE versions SET sealed = (SELECT sealed FROM versions WHERE name = %s),"
                " crc = (SELECT crc FROM versions WHERE name = %s) WHERE name = %s",
                ("tamper/a", "tamper/a", "tamper/b"),
            )
        with pytest.raises(DataLoss) as err:
            await store.get(N("tamper/b"))
        assert "alpha" not in str(err.value) and "bravo" not in str(err.value)
        assert (await store.get(N("tamper/a"))).content.values["clearPassword"].reveal() == "alpha"
    finally:
        await store.close()


async def test_checksum_mismatch_is_data_loss(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    store = PostgresStore.from_config(options(postgres_server.dsn(dbname), key_file))
    try:
        await store.put(N("crc/a"), content(k="v"))
        async with await psycopg.AsyncConnection.connect(
            postgres_server.dsn(dbname), autocommit=True
        ) as conn:
            await conn.execute("UPDATE versions SET crc = crc + 1 WHERE name = 'crc/a'")
        with pytest.raises(DataLoss, match="checksum"):
            await store.get(N("crc/a"))
    finally:
        await store.close()


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"pasword": "x"}, "pasword"),
        ({"pool_max_size": 0}, "pool_max_size"),
        ({"pool_min_size": "2"}, "pool_min_size"),
        ({"pool_min_size": 5, "pool_max_size": 2}, "pool_max_size"),
        ({"schema": ""}, "schema"),
        ({"conninfo": "host=x"}, "conninfo"),
    ],
)
def test_bad_options_are_config_errors_naming_the_option(
    key_file: Path, extra: dict[str, Any], named: str
) -> None:
    dsn = f"host=127.0.0.1 port={free_port()} user=broker password=hunter2hunter2"
    with pytest.raises(ConfigError, match=named) as err:
        PostgresStore.from_config(options(dsn, key_file, **extra))
    assert "hunter2" not in str(err.value)


def test_missing_dsn_and_malformed_dsn_are_config_errors(key_file: Path) -> None:
    with pytest.raises(ConfigError, match="'dsn' is required"):
        PostgresStore.from_config({"master_key_file": str(key_file)})
    with pytest.raises(ConfigError, match="not a valid connection string") as err:
        PostgresStore.from_config(options("host=x password=hunter2hunter2 junk", key_file))
    assert "hunter2" not in str(err.value)


async def test_replicas_starting_together_migrate_once(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    opts = options(postgres_server.dsn(dbname), key_file, schema="broker data")
    stores = await asyncio.gather(
        *(asyncio.to_thread(PostgresStore.from_config, opts) for _ in range(4))
    )
    try:
        async with await psycopg.AsyncConnection.connect(postgres_server.dsn(dbname)) as conn:
            cur = await conn.execute('SELECT version FROM "broker data".schema_version')
            assert [r[0] for r in await cur.fetchall()] == list(range(1, SCHEMA_VERSION + 1))
            cur = await conn.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )
            assert (await cur.fetchone()) == (0,)
        await stores[0].put(N("s/one"), content(k="v"))
        assert await stores[3].versions(N("s/one")) == [1]
    finally:
        await asyncio.gather(*(s.close() for s in stores))


async def test_compare_and_set_across_replicas_admits_exactly_one(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    opts = options(postgres_server.dsn(dbname), key_file, pool_max_size=2)
    replicas = [PostgresStore.from_config(opts) for _ in range(3)]
    try:
        await replicas[0].put(N("race/x"), content(k="0"))
        outcomes = await asyncio.gather(
            *(
                replicas[i % 3].put(N("race/x"), content(k=str(i)), expected_version=1)
                for i in range(9)
            ),
            return_exceptions=True,
        )
        assert sum(not isinstance(o, BaseException) for o in outcomes) == 1
        assert all(isinstance(o, Aborted) for o in outcomes if isinstance(o, BaseException))
        assert await replicas[2].versions(N("race/x")) == [1, 2]
    finally:
        for store in replicas:
            await store.close()


async def test_versions_continue_after_delete(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    store = PostgresStore.from_config(options(postgres_server.dsn(dbname), key_file))
    try:
        await store.put(N("again"), content(k="1"))
        await store.put(N("again"), content(k="2"))
        await store.delete(N("again"))
        meta = await store.put(N("again"), content(k="3"), expected_version=0)
        assert meta.version == 3  # a cached etag of the old object can never match again
        assert await store.versions(N("again")) == [3]
    finally:
        await store.close()


async def test_schema_newer_than_the_broker_refuses_to_start(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    await PostgresStore.from_config(options(postgres_server.dsn(dbname), key_file)).close()
    async with await psycopg.AsyncConnection.connect(
        postgres_server.dsn(dbname), autocommit=True
    ) as conn:
        await conn.execute(
            "INSERT INTO schema_version (version) VALUES (%s)", (SCHEMA_VERSION + 1,)
        )
    with pytest.raises(ConfigError, match="upgrade the broker"):
        PostgresStore.from_config(options(postgres_server.dsn(dbname), key_file))


async def test_pooled_connections_killed_by_the_server_are_replaced(
    postgres_server: PgServer, dbname: str, key_file: Path
) -> None:
    store = PostgresStore.from_config(options(postgres_server.dsn(dbname), key_file))
    try:
        await store.put(N("survives"), content(k="v"))
        admin = postgres_server.dsn("postgres", user="postgres")
        async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
            cur = await conn.execute(
                "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
                " WHERE datname = %s",
                (dbname,),
            )
            assert ((await cur.fetchone()) or (0,))[0] >= 1
        assert (await store.get(N("survives"))).content.values["k"].reveal() == "v"
    finally:
        await store.close()
