"""A private OpenBao (Vault API) dev server for the session, and a fresh path prefix per test.

The binary comes from tools/build-openbao.sh (built from the Go module proxy, cached);
``bao server -dev`` keeps everything in memory and serves KV v2 at ``secret/``. The
read suite is seeded by writing plain KV data with hvac, as any Vault user would.
"""

from __future__ import annotations

import os
import secrets
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hvac
import pytest

from secrets_broker.stores.base import Store
from secrets_broker.stores.vault import VaultStore

READ_ONLY = False
KEEPS_VERSIONS = True

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT_SECONDS = 60.0
BUILD_TIMEOUT_SECONDS = 3600.0


@dataclass(frozen=True)
class VaultServer:
    """A running dev server; ``root_token`` may do anything."""

    url: str
    root_token: str
    log_file: Path
    ca_file: Path | None = None  # set for a -dev-tls server

    def client(self, token: str | None = None) -> hvac.Client:
        verify: bool | str = str(self.ca_file) if self.ca_file else True
        return hvac.Client(url=self.url, token=token or self.root_token, verify=verify, timeout=10)

    def store(self, **options: Any) -> VaultStore:
        """A store on this server under a fresh path prefix (root token unless told)."""
        config: dict[str, Any] = {
            "url": self.url,
            "path_prefix": f"test/{uuid.uuid4().hex}",
            "timeout_seconds": 10,
        }
        if "role_id" not in options and "token_file" not in options:
            config["token"] = self.root_token
        config.update(options)
        return VaultStore.from_config(config)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bao_binary() -> str:
    """Builds (or finds cached) OpenBao; a failure fails the tests, it never skips them."""
    script = ROOT / "tools/build-openbao.sh"
    try:
        done = subprocess.run(
            [str(script)], capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"{script} could not run: {exc}", pytrace=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not Path(lines[-1]).is_file():
        tail = "\n".join(done.stderr.strip().splitlines()[-30:])
        pytest.fail(
            f"{script} failed (exit {done.returncode}); OpenBao is needed for the vault "
            f"store tests. Its log ends:\n{tail}",
            pytrace=False,
        )
    return lines[-1]


def _healthy(server: VaultServer) -> bool:
    try:
        context = None
        if server.ca_file is not None:
            if not server.ca_file.is_file():
                return False  # written by the server as it starts
            context = ssl.create_default_context(cafile=str(server.ca_file))
        url = f"{server.url}/v1/sys/health"
        with urllib.request.urlopen(url, timeout=2, context=context) as reply:  # noqa: S310
            return bool(reply.status == 200)
    except (urllib.error.URLError, OSError, ssl.SSLError):
        return False


def _wait_ready(proc: subprocess.Popen[bytes], server: VaultServer) -> None:
    """Polls /v1/sys/health until it answers 200; fails early if the server exits."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not _healthy(server):
        if time.monotonic() > deadline:
            pytest.fail(f"OpenBao not ready in {START_TIMEOUT_SECONDS}s; see {server.log_file}")
        try:  # the pause between polls doubles as the early-exit check
            proc.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"OpenBao exited with {proc.returncode}: {server.log_file.read_text()}")


@contextmanager
def running_server(base: Path, *, tls: bool = False) -> Iterator[VaultServer]:
    """Starts ``bao server -dev`` on a free loopback port, with HOME in ``base``.

    With ``tls`` the server generates its own CA (``ca_file``) and serves https.
    """
    binary = bao_binary()
    home, tls_dir = base / "home", base / "tls"
    home.mkdir(parents=True, exist_ok=True)  # dev mode writes ~/.vault-token here
    port = free_port()
    server = VaultServer(
        f"{'https' if tls else 'http'}://127.0.0.1:{port}",
        secrets.token_hex(16),
        base / "bao.log",
        tls_dir / "vault-ca.pem" if tls else None,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VAULT_", "BAO_"))}
    env["HOME"] = str(home)
    argv = [
        binary,
        "server",
        "-dev",
        f"-dev-root-token-id={server.root_token}",
        f"-dev-listen-address=127.0.0.1:{port}",
    ]
    if tls:
        tls_dir.mkdir(parents=True, exist_ok=True)
        argv += ["-dev-tls", f"-dev-tls-cert-dir={tls_dir}"]
    with server.log_file.open("wb") as log:
        proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_ready(proc, server)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
