"""The sqlite store's data keys: the ``deks`` table and the queries ``rekey`` needs.

``versions.dek`` names the data key a record is sealed under (NULL: an SB1 record sealed
directly under the master key file, written before data keys existed). The column is
added to stores written by older brokers; their records stay as they are until
``rekey`` re-encrypts them.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from secrets_broker.keys.table import DekRow

T = TypeVar("T")
Run = Callable[[Callable[[], Any]], Awaitable[Any]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deks (
  id INTEGER PRIMARY KEY,
  kek TEXT NOT NULL,
  wrapped BLOB NOT NULL,
  created REAL NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0
);
"""
_ROW = "SELECT id, kek, wrapped, created, uses FROM deks"


def upgrade(db: sqlite3.Connection) -> None:
    """Adds the data key table and column (idempotent; a store of any age)."""
    db.executescript(_SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(versions)")}
    if "dek" not in columns:
        db.execute("ALTER TABLE versions ADD COLUMN dek INTEGER")


def _row(r: tuple[Any, ...]) -> DekRow:
    return DekRow(int(r[0]), str(r[1]), bytes(r[2]), float(r[3]), int(r[4]))


def read_start(db: sqlite3.Connection) -> tuple[str, list[DekRow], bytes | None]:
    """What the keyring checks at start: the store id (made once), the data keys and the
    key check an older broker left under the master key file."""
    db.execute(
        "INSERT OR IGNORE INTO meta VALUES ('store_id', ?)", (secrets.token_hex(16).encode(),)
    )
    store_id = db.execute("SELECT value FROM meta WHERE key='store_id'").fetchone()[0]
    check = db.execute("SELECT value FROM meta WHERE key='keycheck'").fetchone()
    rows = [_row(r) for r in db.execute(_ROW)]
    return bytes(store_id).decode(), rows, (bytes(check[0]) if check else None)


def insert(db: sqlite3.Connection, row: DekRow) -> bool:
    try:
        db.execute(
            "INSERT INTO deks VALUES (?, ?, ?, ?, ?)",
            (row.key_id, row.kek, row.wrapped, row.created, row.uses),
        )
    except sqlite3.IntegrityError:
        return False
    return True


class SqliteKeyTable:
    """KeyTable (and what rekey needs) over the store's connection, through its lock."""

    def __init__(self, run: Run, db: sqlite3.Connection) -> None:
        self._run, self._db = run, db

    async def deks(self) -> list[DekRow]:
        rows: list[DekRow] = await self._run(lambda: [_row(r) for r in self._db.execute(_ROW)])
        return rows

    async def dek(self, key_id: int) -> DekRow | None:
        found = await self._run(
            lambda: self._db.execute(_ROW + " WHERE id=?", (key_id,)).fetchone()
        )
        return None if found is None else _row(found)

    async def add_dek(self, row: DekRow) -> bool:
        done: bool = await self._run(lambda: insert(self._db, row))
        return done

    async def rewrap_dek(self, key_id: int, old_kek: str, kek: str, wrapped: bytes) -> bool:
        cur = await self._run(
            lambda: self._db.execute(
                "UPDATE deks SET kek=?, wrapped=? WHERE id=? AND kek=?",
                (kek, wrapped, key_id, old_kek),
            )
        )
        return bool(cur.rowcount)

    async def get_meta(self, key: str) -> bytes | None:
        row = await self._run(
            lambda: self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        )
        return None if row is None else bytes(row[0])

    async def set_meta(self, key: str, value: bytes | None) -> None:
        if value is None:
            await self._run(lambda: self._db.execute("DELETE FROM meta WHERE key=?", (key,)))
        else:
            await self._run(
                lambda: self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
            )

    async def key_report(self) -> list[tuple[str | None, int, int]]:
        """(KEK version or None for SB1 records, data keys, records), by KEK version."""
        rows: list[tuple[Any, ...]] = await self._run(
            lambda: self._db.execute(
                "SELECT d.kek, count(DISTINCT d.id), count(v.name) FROM deks d"
                " LEFT JOIN versions v ON v.dek = d.id GROUP BY d.kek"
                " UNION ALL SELECT NULL, 0, count(*) FROM versions WHERE dek IS NULL"
            ).fetchall()
        )
        return [(r[0], int(r[1]), int(r[2])) for r in rows]

    async def records_to_reseal(
        self, after: tuple[str, int], limit: int, keep: int | None
    ) -> list[tuple[str, int, bytes]]:
        """Records after ``after`` sealed under a master key file, or (with ``keep``)
        under any data key but ``keep``; in (name, version) order."""
        rows: list[tuple[Any, ...]] = await self._run(
            lambda: self._db.execute(
                "SELECT name, version, sealed FROM versions WHERE (name, version) > (?, ?)"
                " AND (dek IS NULL OR (? IS NOT NULL AND dek != ?))"
                " ORDER BY name, version LIMIT ?",
                (after[0], after[1], keep, keep, limit),
            ).fetchall()
        )
        return [(str(r[0]), int(r[1]), bytes(r[2])) for r in rows]

    async def reseal(self, name: str, version: int, old: bytes, new: bytes, key_id: int) -> bool:
        def write() -> bool:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                cur = self._db.execute(
                    "UPDATE versions SET sealed=?, dek=? WHERE name=? AND version=? AND sealed=?",
                    (new, key_id, name, version, old),
                )
                if cur.rowcount:
                    self._db.execute("UPDATE deks SET uses = uses + 1 WHERE id=?", (key_id,))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            return bool(cur.rowcount)

        done: bool = await self._run(write)
        return done
