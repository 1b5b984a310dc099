"""Writes the legacy-store fixture with the code of a broker from before data keys.

Run with that broker's package first on the path, e.g. for commit 81a4a3b:

    git archive 81a4a3b server | tar -x -C /tmp/old
    PYTHONPATH=/tmp/old/server:clients/python/src:. .venv/bin/python \
        tests/data/legacy_store/make_fixture.py tests/data/legacy_store

It writes ``store.db`` (the sqlite store), ``master.key`` and ``postgres.json`` (the
rows the postgres store wrote, schema version 1). The values are canaries: the tests
check that the new code reads them back, and that no ciphertext contains them.
"""

import asyncio
import json
import sys
from pathlib import Path

import psycopg

from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.postgres import PostgresStore
from secrets_broker.stores.sqlite import SqliteStore
from tests.servers import running_postgres

VERSIONS = {"legacy/app": 3, "legacy/db": 1}


def content(name: str, version: int) -> SecretContent:
    return SecretContent(
        values={
            "userId": SecretValue(name),
            "clearPassword": SecretValue(f"canary-legacy-{name}-v{version}"),
        }
    )


async def write(store: SqliteStore | PostgresStore) -> None:
    for name, count in VERSIONS.items():
        for version in range(1, count + 1):
            await store.put(SecretName(name), content(name, version))
    await store.close()


async def main(out: Path) -> None:
    key = out / "master.key"
    create_master_key(key)
    envelope = Envelope(load_master_key(key))
    await write(SqliteStore(out / "store.db", envelope))
    with running_postgres() as server:
        async with server.database() as dbname:
            await write(PostgresStore(server.dsn(dbname), envelope))
            tables = {}
            with psycopg.connect(server.dsn(dbname)) as conn:
                for table in ("schema_version", "meta", "heads", "versions"):
                    cur = conn.execute(f"SELECT * FROM public.{table}")  # noqa: S608
                    tables[table] = [
                        [v.hex() if isinstance(v, bytes) else v for v in row]
                        for row in cur.fetchall()
                    ]
    (out / "postgres.json").write_text(json.dumps(tables, indent=1, default=str) + "\n")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
