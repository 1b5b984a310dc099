"""A private OpenBao (Vault API) dev server for the session (tests/servers.py), and a
fresh path prefix per test.

``bao server -dev`` keeps everything in memory and serves KV v2 at ``secret/``. The
read suite is seeded by writing plain KV data with hvac, as any Vault user would.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import hvac
import pytest

from secrets_broker.stores.base import Store
from secrets_broker.stores.vault import VaultStore
from tests.conformance.backends import failing_on_server_error
from tests.servers import VaultServer, free_port, running_openbao

__all__ = ["VaultServer", "free_port", "running_server", "shared_server", "store_vault"]

READ_ONLY = False
KEEPS_VERSIONS = True
VERSION_STATES = True  # versions can be disabled, enabled, destroyed, scheduled


@contextmanager
def running_server(base: Path, *, tls: bool = False) -> Iterator[VaultServer]:
    """A server of its own (see tests.servers.running_openbao), failing the test if it
    cannot start."""
    with failing_on_server_error(), running_openbao(base, tls=tls) as server:
        yield server


_shared: dict[str, Any] = {"server": None, "users": 0, "stack": None}


@contextmanager
def shared_server(base: Path) -> Iterator[VaultServer]:
    """One server per session even when several modules declare the fixture."""
    if _shared["server"] is None:
        context = running_server(base)
        _shared["server"], _shared["stack"] = context.__enter__(), context
    _shared["users"] += 1
    try:
        yield _shared["server"]
    finally:
        _shared["users"] -= 1
        if _shared["users"] == 0:
            context, _shared["server"], _shared["stack"] = _shared["stack"], None, None
            context.__exit__(None, None, None)


@pytest.fixture(scope="session")
def vault_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultServer]:
    with shared_server(tmp_path_factory.mktemp("openbao")) as server:
        yield server


_prefixes: dict[int, tuple[VaultServer, str]] = {}


@pytest.fixture
async def store_vault(vault_server: VaultServer) -> AsyncIterator[VaultStore]:
    prefix = f"conformance/{uuid.uuid4().hex}"
    store = vault_server.store(path_prefix=prefix)
    _prefixes[id(store)] = (vault_server, prefix)
    yield store
    del _prefixes[id(store)]
    await store.close()


async def seed(store: Store, tmp_path: Path, secrets: dict[str, dict[str, str]]) -> None:
    """Writes plain KV v2 data with hvac, as a Vault user would (no broker metadata)."""
    server, prefix = _prefixes[id(store)]
    kv = server.client().secrets.kv.v2
    for name, values in secrets.items():
        path = f"{prefix}/{name}"
        try:
            held = kv.read_secret_version(path, raise_on_deleted_version=True)["data"]["data"]
        except hvac.exceptions.InvalidPath:
            held = None
        if held != values:  # a new version only when the values change
            kv.create_or_update_secret(path, dict(values))
