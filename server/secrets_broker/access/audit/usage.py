"""``secrets-broker audit usage``: who used which name, how often, first and last time.

Reads the audit files (it does not verify them: ``audit verify`` does). One row per
identity, RPC and name: calls allowed and answered, denied, and allowed but failed
(not found, store unavailable...), with the first and last time and the versions served.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from secrets_broker.access.audit.record import (
    ACCESS,
    RECORD_PREFIX,
    BadRecord,
    NameHasher,
    parse_record,
    utc_stamp,
)
from secrets_broker.access.audit.verify import expand

_RELATIVE = re.compile(r"^(\d+)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass
class Usage:
    identity: str
    rpc: str
    name: str
    allowed: int = 0
    denied: int = 0
    failed: int = 0
    first: str = ""
    last: str = ""
    versions: set[int] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "identity": self.identity,
            "rpc": self.rpc,
            "name": self.name,
            "allowed": self.allowed,
            "denied": self.denied,
            "failed": self.failed,
            "first": self.first,
            "last": self.last,
            "versions": sorted(self.versions),
        }


def parse_since(text: str, now: float | None = None) -> str:
    """``15m``, ``2h``, ``7d`` (ago) or an ISO-8601 UTC date/time, as a record time stamp."""
    match = _RELATIVE.match(text)
    if match:
        ago = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        return utc_stamp((time.time() if now is None else now) - ago)
    pattern = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?Z?)?$")
    if not pattern.match(text):
        raise ValueError(f"--since: expected 15m, 2h, 7d or 2026-01-31[T12:00:00Z], got {text!r}")
    return text.removesuffix("Z")  # record stamps sort as text; a prefix sorts first


@dataclass
class UsageQuery:
    name: str | None = None
    identity: str | None = None
    since: str | None = None
    names: NameHasher = field(default_factory=NameHasher)


def collect(paths: Sequence[Path], query: UsageQuery) -> tuple[list[Usage], int]:
    """Usage rows (sorted) and the number of damaged lines skipped."""
    rows: dict[tuple[str, str, str], Usage] = {}
    damaged = 0
    wanted = _wanted_names(query)
    for body in _records(expand(paths)):
        if body is None:
            damaged += 1
            continue
        if body.get("type") != ACCESS or (query.since and body["time"] < query.since):
            continue
        name = body.get("name") if "name" in body else body.get("name_hmac")
        if not isinstance(name, str):
            continue
        if wanted is not None and name not in wanted:
            continue
        if query.identity is not None and body.get("identity") != query.identity:
            continue
        if wanted is not None and query.name is not None:
            name = query.name  # show the name asked for, not its HMAC
        key = (str(body.get("identity")), str(body.get("rpc")), name)
        row = rows.get(key) or rows.setdefault(key, Usage(*key, first=body["time"]))
        _count(row, body)
    return sorted(rows.values(), key=lambda r: (r.identity, r.name, r.rpc)), damaged


def _wanted_names(query: UsageQuery) -> set[str] | None:
    if query.name is None:
        return None
    wanted = {query.name}
    if query.names.hashing:
        wanted.add(query.names.digest(query.name))
    return wanted


def _count(row: Usage, body: dict[str, Any]) -> None:
    if body.get("decision") == "deny":
        row.denied += 1
    elif body.get("outcome") == "ok":
        row.allowed += 1
        if isinstance(body.get("version"), int):
            row.versions.add(body["version"])
    else:
        row.failed += 1
    row.first = min(row.first, body["time"])
    row.last = max(row.last, body["time"])


def _records(files: Iterable[Path]) -> Iterable[dict[str, Any] | None]:
    for path in files:
        with path.open("rb") as f:
            for raw in f:
                if not raw.startswith(RECORD_PREFIX):
                    continue  # log lines in a captured stderr
                try:
                    yield parse_record(raw.rstrip(b"\n")).body
                except BadRecord:
                    yield None


def render_table(rows: Sequence[Usage]) -> str:
    head = ("IDENTITY", "RPC", "NAME", "ALLOWED", "DENIED", "FAILED", "FIRST", "LAST")
    lines = [head] + [
        (
            r.identity,
            r.rpc,
            r.name,
            str(r.allowed),
            str(r.denied),
            str(r.failed),
            r.first[:19] + "Z",
            r.last[:19] + "Z",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def render_json(rows: Sequence[Usage]) -> str:
    return json.dumps([r.as_dict() for r in rows], indent=2)
