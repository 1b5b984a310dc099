"""A private PostgreSQL server for the session (tests/servers.py), and a fresh database
per test."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key
from secrets_broker.stores.postgres import PostgresStore
from tests.conformance.backends import failing_on_server_error
from tests.servers import PG_BROKER_USER as BROKER_USER
from tests.servers import PgServer, free_port, running_postgres

__all__ = ["BROKER_USER", "PgServer", "free_port", "postgres_server", "store_postgres"]

READ_ONLY = False
KEEPS_VERSIONS = True
VERSION_STATES = True  # versions can be disabled, enabled, destroyed, scheduled


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgServer]:
    """A private server for the session; superuser ``postgres``, login role ``broker``."""
    started = time.monotonic()
    with failing_on_server_error(), running_postgres() as server:
        print(f"postgres initdb + start: {time.monotonic() - started:.2f}s")
        yield server


@pytest.fixture
async def store_postgres(postgres_server: PgServer, tmp_path: Path) -> AsyncIterator[PostgresStore]:
    create_master_key(tmp_path / "master.key")
    async with postgres_server.database() as dbname:
        store = PostgresStore(
            postgres_server.dsn(dbname),
            Envelope(load_master_key(tmp_path / "master.key")),
            pool_max_size=4,
        )
        try:
            yield store
        finally:
            await store.close()
