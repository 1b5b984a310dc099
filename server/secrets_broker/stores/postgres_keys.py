"""The postgres store's data keys: schema migration 2, the ``deks`` table, ``rekey``'s
queries. ``versions.dek`` names a record's data key (NULL: an SB1 record sealed directly
under the master key file by an older broker, read as before until ``rekey``)."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any, LiteralString

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from secrets_broker.keys.table import DekRow

Fetch = Callable[[str, tuple[Any, ...]], Awaitable[list[tuple[Any, ...]]]]

MIGRATION: tuple[LiteralString, ...] = (
    "CREATE TABLE {s}.deks (id bigint PRIMARY KEY, kek text NOT NULL, wrapped bytea NOT NULL,"
    " created double precision NOT NULL, uses bigint NOT NULL DEFAULT 0)",
    "ALTER TABLE {s}.versions ADD COLUMN dek bigint",
)
_ROW: LiteralString = "SELECT id, kek, wrapped, created, uses FROM {s}.deks"
QUERIES: dict[str, LiteralString] = {
    "deks": _ROW,
    "dek": _ROW + " WHERE id = %s",
    "add_dek": "INSERT INTO {s}.deks VALUES (%s, %s, %s, %s, %s)"
    " ON CONFLICT (id) DO NOTHING RETURNING id",
    "rewrap_dek": "UPDATE {s}.deks SET kek = %s, wrapped = %s WHERE id = %s AND kek = %s"
    " RETURNING id",
    "use_dek": "UPDATE {s}.deks SET uses = uses + 1 WHERE id = %s",
    "get_meta": "SELECT value FROM {s}.meta WHERE key = %s",
    "set_meta": "INSERT INTO {s}.meta VALUES (%s, %s) ON CONFLICT (key)"
    " DO UPDATE SET value = excluded.value RETURNING key",
    "drop_meta": "DELETE FROM {s}.meta WHERE key = %s RETURNING key",
    "key_report": "SELECT d.kek, count(DISTINCT d.id), count(v.name) FROM {s}.deks d"
    " LEFT JOIN {s}.versions v ON v.dek = d.id GROUP BY d.kek"
    " UNION ALL SELECT NULL, 0, count(*) FROM {s}.versions WHERE dek IS NULL",
    "to_reseal": "SELECT name, version, sealed FROM {s}.versions"
    " WHERE (name, version) > (%s, %s)"
    " AND (dek IS NULL OR (%s::bigint IS NOT NULL AND dek <> %s::bigint))"
    " ORDER BY name, version LIMIT %s",
    "reseal": "WITH moved AS (UPDATE {s}.versions SET sealed = %s, dek = %s"
    " WHERE name = %s AND version = %s AND sealed = %s RETURNING 1)"
    " UPDATE {s}.deks SET uses = uses + (SELECT count(*) FROM moved) WHERE id = %s"
    " RETURNING (SELECT count(*) FROM moved)",
}


def _row(r: tuple[Any, ...]) -> DekRow:
    return DekRow(int(r[0]), str(r[1]), bytes(r[2]), float(r[3]), int(r[4]))


def read_start(
    conn: psycopg.Connection[TupleRow], schema: str
) -> tuple[str, list[DekRow], bytes | None]:
    """The store id (made once), the data keys and an older broker's key check."""
    s = sql.Identifier(schema)
    conn.execute(
        sql.SQL("INSERT INTO {}.meta VALUES ('store_id', %s) ON CONFLICT DO NOTHING").format(s),
        (secrets.token_hex(16).encode(),),
    )
    meta: dict[str, Any] = dict(
        conn.execute(
            sql.SQL("SELECT key, value FROM {}.meta WHERE key IN ('store_id', 'keycheck')").format(
                s
            )
        ).fetchall()
    )
    rows = [_row(tuple(r)) for r in conn.execute(sql.SQL(_ROW).format(s=s)).fetchall()]
    check = meta.get("keycheck")
    return bytes(meta["store_id"]).decode(), rows, (bytes(check) if check else None)


def insert(conn: psycopg.Connection[TupleRow], schema: str, row: DekRow) -> None:
    conn.execute(
        sql.SQL(QUERIES["add_dek"]).format(s=sql.Identifier(schema)),
        (row.key_id, row.kek, row.wrapped, row.created, row.uses),
    )


class PostgresKeyTable:
    """KeyTable (and what rekey needs) through the store's pooled, retried reads."""

    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch

    async def deks(self) -> list[DekRow]:
        return [_row(r) for r in await self._fetch("deks", ())]

    async def dek(self, key_id: int) -> DekRow | None:
        rows = await self._fetch("dek", (key_id,))
        return _row(rows[0]) if rows else None

    async def add_dek(self, row: DekRow) -> bool:
        params = (row.key_id, row.kek, row.wrapped, row.created, row.uses)
        return bool(await self._fetch("add_dek", params))

    async def rewrap_dek(self, key_id: int, old_kek: str, kek: str, wrapped: bytes) -> bool:
        return bool(await self._fetch("rewrap_dek", (kek, wrapped, key_id, old_kek)))

    async def get_meta(self, key: str) -> bytes | None:
        rows = await self._fetch("get_meta", (key,))
        return bytes(rows[0][0]) if rows else None

    async def set_meta(self, key: str, value: bytes | None) -> None:
        if value is None:
            await self._fetch("drop_meta", (key,))
        else:
            await self._fetch("set_meta", (key, value))

    async def key_report(self) -> list[tuple[str | None, int, int]]:
        return [(r[0], int(r[1]), int(r[2])) for r in await self._fetch("key_report", ())]

    async def records_to_reseal(
        self, after: tuple[str, int], limit: int, keep: int | None
    ) -> list[tuple[str, int, bytes]]:
        rows = await self._fetch("to_reseal", (after[0], after[1], keep, keep, limit))
        return [(str(r[0]), int(r[1]), bytes(r[2])) for r in rows]

    async def reseal(self, name: str, version: int, old: bytes, new: bytes, key_id: int) -> bool:
        rows = await self._fetch("reseal", (new, key_id, name, version, old, key_id))
        return bool(rows and rows[0][0])
