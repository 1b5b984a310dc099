"""Real store servers on free loopback ports, as plain context managers (no pytest).

The conformance fixtures (tests/conformance/backends) and the benchmarks (bench/) both
start their servers here. A server that cannot start raises ServerError with the reason.

- ``running_postgres()``: initdb + postgres from Debian's package (apt-get install
  postgresql), password (SCRAM) authentication over TCP. PostgreSQL refuses to run as
  root, so under root the server runs as the ``postgres`` system user via runuser.
- ``running_openbao(base)``: ``bao server -dev`` (tools/build-openbao.sh builds it from
  the Go module proxy, cached), everything in memory, KV v2 at ``secret/``.
- ``running_moto()``: moto's ThreadedMotoServer (real HTTP, in this process).
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hvac
import psycopg
from moto.server import ThreadedMotoServer
from psycopg import sql
from psycopg.conninfo import make_conninfo

from secrets_broker.stores.vault import VaultStore

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_SECONDS = 60.0
BUILD_TIMEOUT_SECONDS = 3600.0
PG_BROKER_USER = "broker"
MOTO_REGION = "us-east-1"
MOTO_CREDENTIALS = {"access_key_id": "testing", "secret_access_key": "testing"}


class ServerError(Exception):
    """A server could not be built or started; the message says why."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(
    proc: subprocess.Popen[bytes], ready: Callable[[], bool], what: str, log_file: Path
) -> None:
    """Polls ``ready()`` until true; fails early if the server exits."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not ready():
        if time.monotonic() > deadline:
            raise ServerError(f"{what} not ready in {START_TIMEOUT_SECONDS}s; see {log_file}")
        try:  # the pause between polls doubles as the early-exit check
            proc.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise ServerError(f"{what} exited with {proc.returncode}: {log_file.read_text()}")


# --- PostgreSQL ---------------------------------------------------------------------


@dataclass(frozen=True)
class PgServer:
    """A running server: ``admin`` is the superuser, ``broker`` an ordinary login role."""

    host: str
    port: int
    admin_password: str = field(repr=False)
    broker_password: str = field(repr=False)
    log_file: Path

    def dsn(self, dbname: str, user: str = PG_BROKER_USER, password: str | None = None) -> str:
        if password is None:
            password = self.broker_password if user == PG_BROKER_USER else self.admin_password
        return make_conninfo(
            host=self.host, port=self.port, dbname=dbname, user=user, password=password
        )

    @asynccontextmanager
    async def database(self) -> AsyncIterator[str]:
        """A new empty database owned by the broker role, dropped afterwards."""
        name = f"test_{uuid.uuid4().hex}"
        admin = self.dsn("postgres", user="postgres")
        async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
            await conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(name), sql.Identifier(PG_BROKER_USER)
                )
            )
        try:
            yield name
        finally:
            async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
                await conn.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
                )


def _pg_bin(tool: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    if not found:
        raise ServerError(f"{tool} not found: apt-get install -y postgresql")
    return found[-1]


def _as_pg_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _pg_start(base: Path) -> tuple[subprocess.Popen[bytes], PgServer]:
    data, pwfile = base / "data", base / "pwfile"
    server = PgServer(
        "127.0.0.1", free_port(), secrets.token_hex(16), secrets.token_hex(16), base / "log"
    )
    pwfile.write_text(server.admin_password + "\n")
    pwfile.chmod(0o600)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    initdb = subprocess.run(
        _as_pg_user(
            [_pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
             f"--pwfile={pwfile}", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]
        ),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if initdb.returncode != 0:
        raise ServerError(f"initdb exited with {initdb.returncode}: {initdb.stderr.strip()}")
    with server.log_file.open("wb") as log:
        proc = subprocess.Popen(
            _as_pg_user(
                [_pg_bin("postgres"), "-D", str(data), "-p", str(server.port), "-k", str(base),
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                 "-c", "full_page_writes=off", "-c", "synchronous_commit=off"]
            ),
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    return proc, server


def _pg_accepts_login(server: PgServer) -> bool:
    try:
        psycopg.connect(server.dsn("postgres", user="postgres") + " connect_timeout=2").close()
        return True
    except psycopg.OperationalError:
        return False


def _pg_stop(proc: subprocess.Popen[bytes], data: Path) -> None:
    subprocess.run(
        _as_pg_user([_pg_bin("pg_ctl"), "stop", "-D", str(data), "-m", "fast", "-w"]),
        capture_output=True, check=False,
    )  # fmt: skip
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def running_postgres() -> Iterator[PgServer]:
    """A private server with superuser ``postgres`` and login role ``broker``; its
    directory (under the system temp dir, which the postgres user can reach) is removed
    afterwards."""
    base = Path(tempfile.mkdtemp(prefix="sb-pg-"))
    try:
        proc, server = _pg_start(base)
        try:
            _wait(proc, lambda: _pg_accepts_login(server), "postgres", server.log_file)
            with psycopg.connect(server.dsn("postgres", user="postgres"), autocommit=True) as conn:
                conn.execute(
                    sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(PG_BROKER_USER), sql.Literal(server.broker_password)
                    )
                )
            yield server
        finally:
            _pg_stop(proc, base / "data")
    finally:
        shutil.rmtree(base, ignore_errors=True)


# --- OpenBao (Vault API) ------------------------------------------------------------


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


def bao_binary() -> str:
    """Builds (or finds cached) OpenBao."""
    script = ROOT / "tools/build-openbao.sh"
    try:
        done = subprocess.run(
            [str(script)], capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"{script} could not run: {exc}") from None
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not Path(lines[-1]).is_file():
        tail = "\n".join(done.stderr.strip().splitlines()[-30:])
        raise ServerError(
            f"{script} failed (exit {done.returncode}); OpenBao is needed for the vault "
            f"store. Its log ends:\n{tail}"
        )
    return lines[-1]


def _bao_healthy(server: VaultServer) -> bool:
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


@contextmanager
def running_openbao(base: Path | None = None, *, tls: bool = False) -> Iterator[VaultServer]:
    """Starts ``bao server -dev`` on a free loopback port, with HOME in ``base`` (a
    temporary directory, removed afterwards, when None).

    With ``tls`` the server generates its own CA (``ca_file``) and serves https.
    """
    if base is None:
        with tempfile.TemporaryDirectory(prefix="sb-bao-") as tmp:
            with running_openbao(Path(tmp), tls=tls) as server:
                yield server
        return
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
        _wait(proc, lambda: _bao_healthy(server), "OpenBao", server.log_file)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --- moto (AWS Secrets Manager) -----------------------------------------------------


@contextmanager
def running_moto() -> Iterator[str]:
    """The URL of a moto server bound to 127.0.0.1 on a port the OS chose; any region
    and the fake MOTO_CREDENTIALS work against it."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


class PersistentOpenBao:
    """``bao server`` with file storage, so that it can be stopped and started again with
    its keys (a dev server keeps them in memory). ``start()`` initialises it the first
    time (one unseal key) and unseals it; ``stop()`` ends the process."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_file = base / "bao.log"
        self.root_token = ""
        self._unseal_key = ""
        self._proc: subprocess.Popen[bytes] | None = None
        (base / "data").mkdir(parents=True, exist_ok=True)
        (base / "bao.hcl").write_text(
            f'storage "file" {{ path = "{base / "data"}" }}\n'
            f'listener "tcp" {{ address = "127.0.0.1:{self.port}"\n tls_disable = true }}\n'
            f'api_addr = "{self.url}"\ndisable_mlock = true\n'
        )

    def client(self) -> hvac.Client:
        return hvac.Client(url=self.url, token=self.root_token, timeout=10)

    def _answers(self) -> bool:
        try:
            urllib.request.urlopen(f"{self.url}/v1/sys/seal-status", timeout=2).close()  # noqa: S310
            return True
        except (urllib.error.URLError, OSError):
            return False

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("VAULT_", "BAO_"))}
        env["HOME"] = str(self.base)
        with self.log_file.open("ab") as log:
            self._proc = subprocess.Popen(
                [bao_binary(), "server", f"-config={self.base / 'bao.hcl'}"],
                env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        _wait(self._proc, self._answers, "OpenBao (file storage)", self.log_file)
        client = hvac.Client(url=self.url, timeout=10)
        if not client.sys.is_initialized():
            init = client.sys.initialize(secret_shares=1, secret_threshold=1)
            self.root_token, self._unseal_key = init["root_token"], init["keys_base64"][0]
        client.sys.submit_unseal_key(self._unseal_key)

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None


@contextmanager
def persistent_openbao(base: Path) -> Iterator[PersistentOpenBao]:
    server = PersistentOpenBao(base)
    try:
        server.start()
        yield server
    finally:
        server.stop()
