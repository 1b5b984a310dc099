"""A private PostgreSQL server for the session, and a fresh database per test.

initdb + postgres from Debian's package (apt-get install postgresql), password
(SCRAM) authentication over TCP on a free port. PostgreSQL refuses to run as root,
so under root the server runs as the ``postgres`` system user via runuser.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from secrets_broker.crypto import Envelope, create_master_key, load_master_key
from secrets_broker.stores.postgres import PostgresStore

READ_ONLY = False
KEEPS_VERSIONS = True

START_TIMEOUT_SECONDS = 60.0
BROKER_USER = "broker"


@dataclass(frozen=True)
class PgServer:
    """A running server: ``admin`` is the superuser, ``broker`` an ordinary login role."""

    host: str
    port: int
    admin_password: str = field(repr=False)
    broker_password: str = field(repr=False)
    log_file: Path

    def dsn(self, dbname: str, user: str = BROKER_USER, password: str | None = None) -> str:
        if password is None:
            password = self.broker_password if user == BROKER_USER else self.admin_password
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
                    sql.Identifier(name), sql.Identifier(BROKER_USER)
                )
            )
        try:
            yield name
        finally:
            async with await psycopg.AsyncConnection.connect(admin, autocommit=True) as conn:
                await conn.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
                )


def _bin(tool: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    if not found:
        pytest.fail(f"{tool} not found: apt-get install -y postgresql")
    return found[-1]


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(proc: subprocess.Popen[bytes], server: PgServer) -> None:
    """Polls until a password login succeeds; fails early if the server exits."""
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    dsn = server.dsn("postgres", user="postgres") + " connect_timeout=2"
    while True:
        try:
            psycopg.connect(dsn).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                pytest.fail(
                    f"postgres not ready in {START_TIMEOUT_SECONDS}s; see {server.log_file}"
                )
        try:  # the pause between polls doubles as the early-exit check
            proc.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"postgres exited with {proc.returncode}: {server.log_file.read_text()}")


def _start(base: Path) -> tuple[subprocess.Popen[bytes], PgServer]:
    data, pwfile = base / "data", base / "pwfile"
    server = PgServer(
        "127.0.0.1", free_port(), secrets.token_hex(16), secrets.token_hex(16), base / "log"
    )
    pwfile.write_text(server.admin_password + "\n")
    pwfile.chmod(0o600)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        shutil.chown(pwfile, "postgres", "postgres")
    subprocess.run(
        _as_server_user(
            [_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
             f"--pwfile={pwfile}", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]
        ),
        check=True, capture_output=True,
    )  # fmt: skip
    with server.log_file.open("wb") as log:
        proc = subprocess.Popen(
            _as_server_user(
                [_bin("postgres"), "-D", str(data), "-p", str(server.port), "-k", str(base),
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                 "-c", "full_page_writes=off", "-c", "synchronous_commit=off"]
            ),
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    return proc, server


def _stop(proc: subprocess.Popen[bytes], data: Path) -> None:
    subprocess.run(
        _as_server_user([_bin("pg_ctl"), "stop", "-D", str(data), "-m", "fast", "-w"]),
        capture_output=True, check=False,
    )  # fmt: skip
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PgServer]:
    """A private server for the session; superuser ``postgres``, login role ``broker``."""
    base = Path(tempfile.mkdtemp(prefix="sb-pg-"))  # not under pytest's 0700 tree
    started = time.monotonic()
    proc, server = _start(base)
    try:
        _wait_ready(proc, server)
        print(f"postgres initdb + start: {time.monotonic() - started:.2f}s")
        with psycopg.connect(server.dsn("postgres", user="postgres"), autocommit=True) as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(BROKER_USER), sql.Literal(server.broker_password)
                )
            )
        yield server
    finally:
        _stop(proc, base / "data")
        shutil.rmtree(base, ignore_errors=True)


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
