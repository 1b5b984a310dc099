"""PostgreSQL store: every version sealed by AES-256-GCM, as in the sqlite store.

The server only ever sees ciphertext: each version is sealed under one of the store's
data keys (keys/keyring.py; the ``deks`` table holds them wrapped by the key provider)
with its name and version as associated data, so a row copied under another name or
version fails with DATA_LOSS.
Several broker replicas may share one database: the schema is migrated under a
transaction-level advisory lock, and every write locks the secret's head row
(``SELECT ... FOR UPDATE``), so compare-and-set has exactly one winner across replicas.

Failures: a write that fails before its COMMIT is sent is rolled back by the server
and raises NotApplied (safe to retry; a pooled connection found dead is swapped at
once); one that fails while committing raises Unavailable (its fate is unknown). A full
disk (SQLSTATE 53100) is RESOURCE_EXHAUSTED/STORE_FULL. Options ``connect_timeout_seconds``
(default 5), ``pool_timeout_seconds`` (default 5, waiting for a pooled connection) and
``statement_timeout_ms`` (default 10000, 0 = none; sent as the session's
statement_timeout) keep a dead or stuck server from holding a connection forever.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, LiteralString, TypeVar

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import TupleRow
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from secrets_broker.domain.crypto import Envelope, associated_data
from secrets_broker.domain.errors import (
    ConfigError,
    DataLoss,
    NotApplied,
    NotFound,
    StoreFull,
    Unavailable,
)
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName
from secrets_broker.keys.keyring import Keyring, KeySetup
from secrets_broker.keys.options import KEY_OPTIONS, envelope_setup, key_setup
from secrets_broker.stores import postgres_keys
from secrets_broker.stores.base import MetadataList, VersionList, check_cas
from secrets_broker.stores.codec import decode_content, encode_content
from secrets_broker.stores.options import Options

log = logging.getLogger("secrets_broker.stores.postgres")

AsyncConn = psycopg.AsyncConnection[TupleRow]
T = TypeVar("T")

_OPTIONS = (
    "dsn", "conninfo", "pool_min_size", "pool_max_size", "schema",
    "connect_timeout_seconds", "pool_timeout_seconds", "statement_timeout_ms", *KEY_OPTIONS,
)  # fmt: skip
_DISK_FULL = "53100"
# libpq reports a refused login before any SQLSTATE exists: match its message too.
_AUTH_SQLSTATES = frozenset({"28000", "28P01"})
_AUTH_MESSAGES = ("authentication failed", "no pg_hba.conf entry")

# Migration n (1-based) brings the schema from version n-1 to n; applied once each,
# in order, each recorded in schema_version. Names sort bytewise (COLLATE "C") so that
# listing order and paging match every other store.
_MIGRATIONS: tuple[tuple[LiteralString, ...], ...] = (
    (
        "CREATE TABLE {s}.meta (key text PRIMARY KEY, value bytea NOT NULL)",
        'CREATE TABLE {s}.heads (name text COLLATE "C" PRIMARY KEY, latest bigint NOT NULL,'
        " live boolean NOT NULL, create_time timestamptz NOT NULL)",
        'CREATE TABLE {s}.versions (name text COLLATE "C" NOT NULL, version bigint NOT NULL,'
        " update_time timestamptz NOT NULL, crc bigint NOT NULL, sealed bytea NOT NULL,"
        " PRIMARY KEY (name, version))",
    ),
    postgres_keys.MIGRATION,  # data keys (keys/keyring.py)
)
SCHEMA_VERSION = len(_MIGRATIONS)

_SELECT = "SELECT h.create_time, v.version, v.update_time, v.crc, v.sealed"
_QUERIES: dict[str, LiteralString] = {
    "get_latest": _SELECT + " FROM {s}.heads h JOIN {s}.versions v"
    " ON v.name = h.name AND v.version = h.latest WHERE h.name = %s AND h.live",
    "get_version": _SELECT + " FROM {s}.heads h JOIN {s}.versions v"
    " ON v.name = h.name WHERE h.name = %s AND h.live AND v.version = %s",
    "list": "SELECT h.name, h.create_time, v.version, v.update_time, v.crc, v.sealed"
    " FROM {s}.heads h JOIN {s}.versions v ON v.name = h.name AND v.version = h.latest"
    " WHERE h.live AND h.name >= %s AND h.name > %s AND starts_with(h.name, %s)"
    " ORDER BY h.name LIMIT %s",
    "versions": "SELECT v.version FROM {s}.heads h JOIN {s}.versions v ON v.name = h.name"
    " WHERE h.name = %s AND h.live ORDER BY v.version",
    "lock_head": "SELECT latest, live FROM {s}.heads WHERE name = %s FOR UPDATE",
    "new_head": "INSERT INTO {s}.heads VALUES (%s, 0, false, now()) ON CONFLICT (name) DO NOTHING",
    "crc": "SELECT crc FROM {s}.versions WHERE name = %s AND version = %s",
    "add_version": "INSERT INTO {s}.versions (name, version, update_time, crc, sealed, dek)"
    " VALUES (%s, %s, now(), %s, %s, %s) RETURNING update_time",
    **postgres_keys.QUERIES,
    "advance_head": "UPDATE {s}.heads SET latest = %s, live = true,"
    " create_time = CASE WHEN live THEN create_time ELSE now() END"
    " WHERE name = %s RETURNING create_time",
    "drop_versions": "DELETE FROM {s}.versions WHERE name = %s",
    "kill_head": "UPDATE {s}.heads SET live = false WHERE name = %s",
}


@dataclass
class _Commit:
    sent: bool = False


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _cas_view(name: SecretName, version: int, crc: int) -> SecretMetadata:
    """The head as check_cas sees it (version and etag only), without opening the row."""
    epoch = datetime.fromtimestamp(0, UTC)
    return SecretMetadata(name, version, epoch, epoch, None, crc, (), {})


class PostgresStore:
    """Store protocol over PostgreSQL through an asyncio connection pool (psycopg 3)."""

    def __init__(
        self,
        dsn: str,
        keys: KeySetup | Envelope,
        *,
        schema: str = "public",
        pool_min_size: int = 1,
        pool_max_size: int = 10,
        connect_timeout_seconds: int = 5,
        pool_timeout_seconds: float = 5.0,
        statement_timeout_ms: int = 10_000,
    ) -> None:
        try:
            params = conninfo_to_dict(dsn)
        except psycopg.Error:  # libpq's message may quote the string: keep it out
            raise ConfigError(
                "postgres store: option 'dsn' is not a valid connection string"
            ) from None
        params.setdefault("connect_timeout", connect_timeout_seconds)
        if statement_timeout_ms:
            extra = f"-c statement_timeout={statement_timeout_ms}"
            params["options"] = f"{params.get('options') or ''} {extra}".strip()
        self._pool_timeout = pool_timeout_seconds
        params.setdefault("application_name", "secrets-broker")
        self._conninfo = make_conninfo("", **params)
        self._password = str(params.get("password") or "")
        self._user = str(params.get("user") or "(default user)")
        self._where = (
            f"{params.get('host') or '(default host)'}:{params.get('port') or 5432}"
            f"/{params.get('dbname') or '(default database)'}"
        )
        self._schema = schema
        setup = envelope_setup(keys.key_bytes) if isinstance(keys, Envelope) else keys
        self.keyring = Keyring(
            f"postgres {self._where} (schema {schema!r})",
            setup,
            postgres_keys.PostgresKeyTable(self._fetch),
        )
        ident = sql.Identifier(schema)
        self._q = {k: sql.SQL(v).format(s=ident) for k, v in _QUERIES.items()}
        self._pool: AsyncConnectionPool[AsyncConn] = AsyncConnectionPool(
            self._conninfo,
            kwargs={"autocommit": True},
            min_size=pool_min_size,
            max_size=pool_max_size,
            open=False,
            timeout=pool_timeout_seconds,
            name="secrets-broker-postgres",
        )
        self._opened = False
        # Every pooled connection may have died at once (a server restart): one more try.
        self._read_attempts = pool_max_size + 1
        self._migrate()

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> PostgresStore:
        """Entry-point constructor: ``dsn`` (or ``conninfo``) and a key provider (see
        keys/options.py) are required; ``schema``, ``pool_min_size`` and ``pool_max_size``
        are optional."""
        opts = Options("postgres", options, _OPTIONS)
        if opts.given("dsn") and opts.given("conninfo"):
            raise opts.fail("give option 'dsn' or 'conninfo', not both")
        dsn = opts.text("conninfo" if opts.given("conninfo") else "dsn", required=True)
        schema = opts.get("schema", "public")
        if not isinstance(schema, str) or not 0 < len(schema.encode()) <= 63 or "\0" in schema:
            raise opts.error("schema", "must be a name of 1 to 63 bytes")
        min_size = opts.integer("pool_min_size", 1, low=0)
        max_size = opts.integer("pool_max_size", 10, low=1)
        if max_size < min_size:
            raise opts.error("pool_max_size", "is below 'pool_min_size'")
        return cls(
            dsn,
            key_setup(opts),
            schema=schema,
            pool_min_size=min_size,
            pool_max_size=max_size,
            connect_timeout_seconds=opts.integer("connect_timeout_seconds", 5, 1, 300),
            pool_timeout_seconds=opts.number("pool_timeout_seconds", 5, 0, 300, above_low=True),
            statement_timeout_ms=opts.integer("statement_timeout_ms", 10_000, 0, 3_600_000),
        )

    @contextmanager
    def _errors(self, commit: _Commit | None = None) -> Iterator[None]:
        """Turns driver failures into Unavailable, with messages free of the DSN's secrets;
        for a write (``commit`` given) that failed before its COMMIT went out, NotApplied."""
        unavailable = Unavailable if commit is None or commit.sent else NotApplied
        try:
            yield
        except PoolTimeout:
            log.warning(
                "postgres store %s: no connection within %ss", self._where, self._pool_timeout
            )
            raise unavailable(f"postgres store {self._where} is unavailable") from None
        except psycopg.Error as exc:
            detail = str(exc).replace(self._password, "***") if self._password else str(exc)
            if exc.sqlstate == _DISK_FULL:
                log.error("postgres store %s is out of disk space: %s", self._where, detail)
                raise StoreFull(
                    f"postgres store {self._where} is full (no disk space): the write was "
                    "not applied; earlier versions are intact"
                ) from None
            if exc.sqlstate in _AUTH_SQLSTATES or any(m in detail for m in _AUTH_MESSAGES):
                log.error(
                    "postgres store %s rejected the credentials of user %r: %s",
                    self._where,
                    self._user,
                    detail,
                )
                raise unavailable(
                    f"postgres store {self._where} rejected the broker's credentials"
                ) from None
            log.warning(
                "postgres store %s failed (%s, SQLSTATE %s): %s",
                self._where,
                type(exc).__name__,
                exc.sqlstate,
                detail,
            )
            raise unavailable(f"postgres store {self._where} is unavailable") from None

    def _migrate(self) -> None:
        """Creates or upgrades the schema and checks the master key, once per replica."""
        ident = sql.Identifier(self._schema)
        digest = hashlib.sha256(b"secrets-broker schema\0" + self._schema.encode()).digest()
        lock_key = int.from_bytes(digest[:8], "big", signed=True)
        with self._errors(), psycopg.connect(self._conninfo, autocommit=True) as conn:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key,))
                if not conn.execute(
                    "SELECT 1 FROM pg_namespace WHERE nspname = %s", (self._schema,)
                ).fetchone():
                    conn.execute(sql.SQL("CREATE SCHEMA {}").format(ident))
                conn.execute(
                    sql.SQL(
                        "CREATE TABLE IF NOT EXISTS {}.schema_version (version integer"
                        " PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
                    ).format(ident)
                )
                self._apply_migrations(conn)
                self._check_key(conn)

    def _apply_migrations(self, conn: psycopg.Connection[TupleRow]) -> None:
        ident = sql.Identifier(self._schema)
        row = conn.execute(
            sql.SQL("SELECT coalesce(max(version), 0) FROM {}.schema_version").format(ident)
        ).fetchone()
        current = int(row[0]) if row else 0
        if current > SCHEMA_VERSION:
            raise ConfigError(
                f"postgres store {self._where}: schema {self._schema!r} is at version "
                f"{current}, newer than this broker's {SCHEMA_VERSION}: upgrade the broker"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[version - 1]:
                conn.execute(sql.SQL(statement).format(s=ident))
            conn.execute(
                sql.SQL("INSERT INTO {}.schema_version (version) VALUES (%s)").format(ident),
                (version,),
            )

    def _check_key(self, conn: psycopg.Connection[TupleRow]) -> None:
        """Opens the newest data key (a wrong key stops start-up; an unreachable key
        provider leaves the store sealed), making the first one for a new store."""
        first = self.keyring.start(*postgres_keys.read_start(conn, self._schema))
        if first is not None:
            postgres_keys.insert(conn, self._schema, first)

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[AsyncConn]:
        if not self._opened:
            await self._pool.open()
            self._opened = True
        async with self._pool.connection() as conn:
            yield conn

    async def _open(self, name: str, row: tuple[Any, ...]) -> Secret:
        create_time, version, update_time, crc, sealed = row
        plain = await self.keyring.open(bytes(sealed), associated_data(name, version))
        content = decode_content(plain)
        if content.crc32c() != crc:
            raise DataLoss(f"secret {name} version {version} failed its checksum")
        return Secret(SecretName(name), int(version), content, _utc(create_time), _utc(update_time))

    async def _fetch(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Runs one read query. A pooled connection the server has closed (restart,
        idle timeout) is dropped by the pool and the read retried on another, which
        spares the health-check round trip the pool would otherwise make per checkout."""
        with self._errors():
            for attempt in range(self._read_attempts):
                async with self._connection() as conn:
                    try:
                        cur = await conn.execute(self._q[query], params)
                        return [tuple(r) for r in await cur.fetchall()]
                    except psycopg.OperationalError:
                        if not conn.broken or attempt == self._read_attempts - 1:
                            raise
            raise AssertionError("unreachable")

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        self.keyring.check()
        if version:
            rows = await self._fetch("get_version", (name.value, version))
        else:
            rows = await self._fetch("get_latest", (name.value,))
        row = rows[0] if rows else None
        if row is None:
            raise NotFound(
                f"secret {name} version {version} not found"
                if version
                else f"secret {name} not found"
            )
        return await self._open(name.value, row)

    async def _lock_head(self, conn: AsyncConn, name: str, create: bool) -> tuple[int, bool] | None:
        """Locks the head row until the transaction ends; with ``create``, makes one first."""
        row = await (await conn.execute(self._q["lock_head"], (name,))).fetchone()
        if row is None and create:
            await conn.execute(self._q["new_head"], (name,))
            row = await (await conn.execute(self._q["lock_head"], (name,))).fetchone()
        return None if row is None else (int(row[0]), bool(row[1]))

    async def _check_cas(
        self,
        conn: AsyncConn,
        name: SecretName,
        latest: int,
        expected_version: int | None,
        expected_etag: str | None,
    ) -> None:
        current = None
        if latest:
            crc = 0
            if expected_etag:
                cur = await conn.execute(self._q["crc"], (name.value, latest))
                row = await cur.fetchone()
                crc = int(row[0]) if row else 0
            current = _cas_view(name, latest, crc)
        check_cas(name, current, expected_version, expected_etag)

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        key = await self.keyring.current()

        async def body(conn: AsyncConn) -> SecretMetadata:
            head = await self._lock_head(conn, name.value, create=True)
            assert head is not None
            latest, live = head
            await self._check_cas(
                conn, name, latest if live else 0, expected_version, expected_etag
            )
            version = latest + 1
            sealed = key.seal(encode_content(content), associated_data(name.value, version))
            cur = await conn.execute(
                self._q["add_version"],
                (name.value, version, content.crc32c(), sealed, key.key_id),
            )
            updated = await cur.fetchone()
            await conn.execute(self._q["use_dek"], (key.key_id,))
            cur = await conn.execute(self._q["advance_head"], (version, name.value))
            created = await cur.fetchone()
            assert updated is not None and created is not None
            secret = Secret(name, version, content, _utc(created[0]), _utc(updated[0]))
            return SecretMetadata.of(secret)

        return await self._transaction(body)

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        self.keyring.check()

        async def body(conn: AsyncConn) -> None:
            head = await self._lock_head(conn, name.value, create=False)
            if head is None or not head[1]:
                raise NotFound(f"secret {name} not found")
            await self._check_cas(conn, name, head[0], None, expected_etag)
            await conn.execute(self._q["drop_versions"], (name.value,))
            await conn.execute(self._q["kill_head"], (name.value,))

        await self._transaction(body)

    async def _transaction(self, body: Callable[[AsyncConn], Awaitable[T]]) -> T:
        """Runs ``body`` in one transaction. A pooled connection found dead before the
        COMMIT (a server restart, an idle connection killed) is swapped for another at
        once: nothing was applied on it. Other failures: see ``_errors``."""
        commit = _Commit()
        with self._errors(commit):
            for attempt in range(self._read_attempts):
                async with self._connection() as conn:
                    try:
                        async with conn.transaction():
                            result = await body(conn)
                            commit.sent = True  # leaving the block sends COMMIT
                        return result
                    except psycopg.OperationalError:
                        if commit.sent or not conn.broken or attempt == self._read_attempts - 1:
                            raise
            raise AssertionError("unreachable")

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        self.keyring.check()
        rows = await self._fetch("list", (prefix, after, prefix, max(limit, 0)))
        return [SecretMetadata.of(await self._open(row[0], tuple(row[1:]))) for row in rows]

    async def versions(self, name: SecretName) -> VersionList:
        self.keyring.check()
        rows = await self._fetch("versions", (name.value,))
        if not rows:
            raise NotFound(f"secret {name} not found")
        return [int(r[0]) for r in rows]

    async def close(self) -> None:
        await self.keyring.close()
        await self._pool.close()
