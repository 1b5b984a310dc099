"""The embedded store: a fresh SQLite file and master key per test."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.sqlite import SqliteStore

READ_ONLY = False
KEEPS_VERSIONS = True
VERSION_STATES = True  # versions can be disabled, enabled, destroyed, scheduled


@pytest.fixture
async def store_sqlite(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    create_master_key(tmp_path / "master.key")
    store = SqliteStore(tmp_path / "store.db", Envelope(load_master_key(tmp_path / "master.key")))
    yield store
    await store.close()


async def seed(store: SqliteStore, tmp_path: Path, secrets: dict[str, dict[str, str]]) -> None:
    for name, values in secrets.items():
        content = SecretContent(values={k: SecretValue(v) for k, v in values.items()})
        await store.put(SecretName.parse(name), content)
