"""The embedded default store: SQLite (WAL) with every version sealed by AES-256-GCM.

Each version's content is sealed under one of the store's data keys (keys/keyring.py),
wrapped by its key provider, with the name and version as associated data, so a row
copied under another name or version fails with DATA_LOSS. A write is one SQLite
transaction: a process killed mid-write leaves the previous version readable, and a
write that fails is rolled back whole, so it is never half applied: out of space
(disk full, or the process's file size limit) is RESOURCE_EXHAUSTED/STORE_FULL, any
other failure UNAVAILABLE; the cause goes to the log.

Options: ``path`` and the key options of keys/options.py (``key_provider`` or
``master_key_file``, ``previous_key_providers``, the ``dek_*`` bounds).
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from secrets_broker.domain.crypto import DataKey, Envelope, associated_data
from secrets_broker.domain.errors import (
    BrokerError,
    DataLoss,
    NotApplied,
    NotFound,
    StoreFull,
)
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName
from secrets_broker.keys.keyring import Keyring, KeySetup
from secrets_broker.keys.options import KEY_OPTIONS, envelope_setup, key_setup
from secrets_broker.stores import sqlite_keys
from secrets_broker.stores.base import MetadataList, VersionList, cas_view, check_cas
from secrets_broker.stores.codec import decode_content, encode_content
from secrets_broker.stores.options import Options

T = TypeVar("T")
log = logging.getLogger("secrets_broker.stores.sqlite")

# Room a write may need beyond the files' current sizes: a version (at most 256 KiB of
# values, sealed) plus pages of index and WAL bookkeeping.
_WRITE_ROOM_BYTES = 1024 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS heads (
  name TEXT PRIMARY KEY,
  latest INTEGER NOT NULL,
  live INTEGER NOT NULL,
  create_time REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  update_time REAL NOT NULL,
  crc INTEGER NOT NULL,
  sealed BLOB NOT NULL,
  PRIMARY KEY (name, version)
);
"""


def _ts(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


class SqliteStore:
    """Store protocol over one SQLite file; thread-safe, calls run off the event loop."""

    def __init__(
        self, path: Path, keys: KeySetup | Envelope, clock: Callable[[], float] = time.time
    ):
        """``keys``: the key providers; an Envelope (a raw master key) means a file key."""
        self._clock = clock
        self._path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)
        sqlite_keys.upgrade(self._db)
        self._reader = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        setup = envelope_setup(keys.key_bytes) if isinstance(keys, Envelope) else keys
        self.keyring = Keyring(str(path), setup, sqlite_keys.SqliteKeyTable(self._run, self._db))
        first = self.keyring.start(*sqlite_keys.read_start(self._db))
        if first is not None:
            sqlite_keys.insert(self._db, first)

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> SqliteStore:
        """Entry-point constructor: ``path`` and a key provider are required."""
        opts = Options("sqlite", options, ("path", *KEY_OPTIONS))
        path = opts.path("path", required=True)
        return cls(path, key_setup(opts))

    async def _run(self, fn: Callable[[], T]) -> T:
        def locked() -> T:
            with self._lock:
                try:
                    return fn()
                except sqlite3.Error as exc:
                    raise self._failure(exc) from None

        return await asyncio.to_thread(locked)

    def _failure(self, exc: sqlite3.Error) -> BrokerError:
        """A failed write, for the caller; SQLite rolled it back whole (atomic commit)."""
        code = getattr(exc, "sqlite_errorname", "") or type(exc).__name__
        if code == "SQLITE_FULL" or (code.startswith("SQLITE_IOERR") and self._out_of_space()):
            log.error("sqlite store %s is out of space: %s (%s)", self._path, exc, code)
            return StoreFull(
                "the sqlite store is full (no room on its disk or file size limit reached): "
                "the write was not applied; earlier versions are intact"
            )
        log.error("sqlite store %s failed: %s (%s)", self._path, exc, code)
        return NotApplied("the sqlite store failed; the write was not applied (see the server log)")

    def _out_of_space(self) -> bool:
        """Whether the disk, or this process's file size limit, leaves no room to write:
        SQLite reports both as a write I/O error without the system's error number."""
        limit, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
        if limit != resource.RLIM_INFINITY:
            for suffix in ("", "-wal", "-journal"):
                try:
                    size = os.stat(f"{self._path}{suffix}").st_size
                except OSError:
                    continue
                if size + _WRITE_ROOM_BYTES > limit:
                    return True
        disk = os.statvfs(self._path.parent)
        return disk.f_bavail * disk.f_frsize < _WRITE_ROOM_BYTES

    async def _open(
        self, name: str, version: int, row: tuple[Any, ...], create_time: float
    ) -> Secret:
        update_time, crc, sealed = row
        content = decode_content(await self.keyring.open(sealed, associated_data(name, version)))
        if content.crc32c() != crc:
            raise DataLoss(f"secret {name} version {version} failed its checksum")
        return Secret(SecretName(name), version, content, _ts(create_time), _ts(update_time))

    def _head(self, name: str) -> tuple[int, bool, float] | None:
        row = self._db.execute(
            "SELECT latest, live, create_time FROM heads WHERE name=?", (name,)
        ).fetchone()
        return None if row is None else (int(row[0]), bool(row[1]), float(row[2]))

    def _row(
        self, name: str, version: int, db: sqlite3.Connection | None = None
    ) -> tuple[Any, ...]:
        row = (
            (db or self._db)
            .execute(
                "SELECT v.version, v.update_time, v.crc, v.sealed, h.create_time FROM heads h "
                "JOIN versions v ON v.name = h.name "
                "AND v.version = CASE WHEN ? = 0 THEN h.latest ELSE ? END "
                "WHERE h.name = ? AND h.live = 1",
                (version, version, name),
            )
            .fetchone()
        )
        if row is None:
            raise NotFound(
                f"secret {name} version {version} not found"
                if version
                else f"secret {name} not found"
            )
        return tuple(row)

    async def _get(self, name: str, version: int, row: tuple[Any, ...]) -> Secret:
        return await self._open(name, int(row[0]), tuple(row[1:4]), float(row[4]))

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        # One indexed lookup plus decryption: ~20 µs, cheaper inline on the event loop
        # than the ~50 µs hop to a worker thread. The reader connection never waits on
        # the writer (WAL), so a write's fsync in a thread does not block it. A data key
        # not in memory costs one provider call, shared by concurrent misses.
        self.keyring.check()
        return await self._get(name.value, version, self._row(name.value, version, self._reader))

    def _current(self, name: str) -> SecretMetadata | None:
        """The latest version as compare-and-set sees it, without opening it."""
        try:
            row = self._row(name, 0)
        except NotFound:
            return None
        return cas_view(SecretName(name), int(row[0]), int(row[2]))

    def _put(
        self,
        name: SecretName,
        content: SecretContent,
        expected_version: int | None,
        expected_etag: str | None,
        key: DataKey,
    ) -> SecretMetadata:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            check_cas(name, self._current(name.value), expected_version, expected_etag)
            head = self._head(name.value)
            now = self._clock()
            version = 1 if head is None else head[0] + 1
            created = now if head is None or not head[1] else head[2]
            sealed = key.seal(encode_content(content), associated_data(name.value, version))
            db.execute(
                "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?)",
                (name.value, version, now, content.crc32c(), sealed, key.key_id),
            )
            db.execute("UPDATE deks SET uses = uses + 1 WHERE id=?", (key.key_id,))
            db.execute(
                "INSERT INTO heads VALUES (?, ?, 1, ?) ON CONFLICT(name) DO UPDATE "
                "SET latest=excluded.latest, live=1, create_time=excluded.create_time",
                (name.value, version, created),
            )
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        return SecretMetadata.of(Secret(name, version, content, _ts(created), _ts(now)))

    def _rollback(self) -> None:
        # After an I/O error SQLite may have rolled back already: ROLLBACK would then
        # fail and hide the error that matters.
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        key = await self.keyring.current()
        return await self._run(
            lambda: self._put(name, content, expected_version, expected_etag, key)
        )

    def _delete(self, name: SecretName, expected_etag: str | None) -> None:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            current = self._current(name.value)
            if current is None:
                raise NotFound(f"secret {name} not found")
            check_cas(name, current, None, expected_etag)
            db.execute("DELETE FROM versions WHERE name=?", (name.value,))
            db.execute("UPDATE heads SET live=0 WHERE name=?", (name.value,))
            db.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        self.keyring.check()
        await self._run(lambda: self._delete(name, expected_etag))

    def _list(self, prefix: str, limit: int, after: str) -> list[tuple[str, tuple[Any, ...]]]:
        rows = self._db.execute(
            "SELECT name FROM heads WHERE live=1 AND substr(name, 1, ?)=? AND name>? "
            "ORDER BY name LIMIT ?",
            (len(prefix), prefix, after, limit),
        ).fetchall()
        return [(row[0], self._row(row[0], 0)) for row in rows]

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        self.keyring.check()
        rows = await self._run(lambda: self._list(prefix, limit, after))
        return [SecretMetadata.of(await self._get(name, 0, row)) for name, row in rows]

    def _versions(self, name: str) -> VersionList:
        head = self._head(name)
        if head is None or not head[1]:
            raise NotFound(f"secret {name} not found")
        rows = self._db.execute(
            "SELECT version FROM versions WHERE name=? ORDER BY version", (name,)
        ).fetchall()
        return [int(r[0]) for r in rows]

    async def versions(self, name: SecretName) -> VersionList:
        self.keyring.check()
        return await self._run(lambda: self._versions(name.value))

    async def close(self) -> None:
        await self.keyring.close()
        await self._run(self._db.close)
        self._reader.close()
