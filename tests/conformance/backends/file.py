"""The read-only file store: a fresh secretsCollections YAML file per test."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from secrets_broker.stores.file import FileStore

READ_ONLY = True
KEEPS_VERSIONS = True

FILE_NAME = "collections.yaml"


@pytest.fixture
async def store_file(tmp_path: Path) -> AsyncIterator[FileStore]:
    (tmp_path / FILE_NAME).write_text("secretsCollections: {}\n", encoding="utf-8")
    store = FileStore([tmp_path / FILE_NAME])
    yield store
    await store.close()


async def seed(store: FileStore, tmp_path: Path, secrets: dict[str, dict[str, str]]) -> None:
    """Each name becomes a collection holding the values as its ``secrets``."""
    path = tmp_path / FILE_NAME
    doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    collections = doc["secretsCollections"]
    for name, values in secrets.items():
        collections[name] = {"secrets": dict(values)}
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    await store.reload()
