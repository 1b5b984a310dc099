"""Audit records: their fields, the hash chain that seals them, and reading them back.

A record is one line of JSON (ASCII only, so a name cannot break the line):

    {"seq":7,"time":"2026-11-23T12:00:00.123456Z","type":"access","identity":"spiffe://...",
     "rpc":"GetSecret","kind":"secret","name":"connectors/pg","decision":"allow","rule":"",
     "outcome":"ok","version":3,"cache":"hit","prev":"<hash of record 6>","hash":"<sha256>"}

``hash`` is the SHA-256 of the line's exact bytes up to ``,"hash":`` (closed with ``}``),
and ``prev`` is the hash of the record before, so editing, removing, inserting or
reordering a record breaks the chain (see verify.py). ``seq`` counts records from 1 across
files and restarts. No record ever holds a secret value: only names, and with
``hash_names`` not even those (an HMAC of the name under a key file instead).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
RECORD_PREFIX = b'{"seq":'
_HASH_OPEN = b',"hash":"'
_SUFFIX_LEN = len(_HASH_OPEN) + 64 + 2  # ,"hash":"<64 hex>"}

# Record types: an access decision, the broker starting or stopping, a periodic checkpoint.
ACCESS, START, STOP, CHECKPOINT = "access", "start", "stop", "checkpoint"
CACHE_OUTCOMES = ("hit", "miss", "stale", "none")

Detail = Mapping[str, str | int | bool]
# Detail fields that hold a name (a list's or an access control's): hashed with hash_names.
NAME_DETAILS = frozenset({"entry"})


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One decision of the broker about one name (or about an RPC as a whole).

    ``decision`` is ``allow`` or ``deny`` (the policy's answer), ``outcome`` is ``ok`` or
    the error reason the caller received, ``rule`` names the policy rule that decided
    ("" until the policy reports it), ``cache`` is one of CACHE_OUTCOMES; ``detail`` adds
    fields of the RPC's own, never named like one of the above.
    """

    identity: str
    rpc: str
    decision: str
    kind: str = ""
    name: str = ""
    outcome: str = "ok"
    version: int | None = None
    cache: str = "none"
    rule: str = ""
    detail: Detail | None = None


class NameHasher:
    """Names as written in records: in clear, or an HMAC-SHA256 under a key (hash_names)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key

    @property
    def hashing(self) -> bool:
        return self._key is not None

    def digest(self, name: str) -> str:
        assert self._key is not None
        return hmac.new(self._key, name.encode(), hashlib.sha256).hexdigest()

    def field(self, name: str) -> tuple[str, str]:
        if self._key is None or not name:
            return "name", name
        return "name_hmac", self.digest(name)

    def detail(self, detail: Detail) -> Detail:
        """``detail`` with the names it carries (NAME_DETAILS) hashed like ``name``."""
        if self._key is None or not NAME_DETAILS.intersection(detail):
            return detail
        return {
            (f"{k}_hmac" if k in NAME_DETAILS else k): (
                self.digest(str(v)) if k in NAME_DETAILS else v
            )
            for k, v in detail.items()
        }


def fields_of(event: AuditEvent, names: NameHasher) -> dict[str, Any]:
    """An access record's fields, in order (``Chain.seal_access`` writes the same)."""
    key, name = names.field(event.name)
    out: dict[str, Any] = {
        "type": ACCESS,
        "identity": event.identity,
        "rpc": event.rpc,
        "kind": event.kind,
        key: name,
        "decision": event.decision,
        "rule": event.rule,
        "outcome": event.outcome,
        "version": event.version,
        "cache": event.cache,
    }
    if event.detail:
        out.update(names.detail(event.detail))
    return out


def utc_stamp(now: float) -> str:
    whole = int(now)
    micros = int((now - whole) * 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{micros:06d}Z"


# Built once: json.dumps with options builds a new encoder on every call. ASCII only, so a
# name or identity can never break a line.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode
_STR: Callable[[str], str] = json.encoder.encode_basestring_ascii


class Chain:
    """Seals records in order. Not thread-safe: one thread (the event loop) seals."""

    def __init__(self, seq: int = 0, head: str = GENESIS) -> None:
        self.seq = seq
        self.head = head
        self._second = -1
        self._stamp = ""

    def _time(self, now: float) -> str:
        whole = int(now)
        if whole != self._second:  # the date and time change once a second
            self._second, self._stamp = whole, utc_stamp(whole)[:-8]
        return f"{self._stamp}.{int((now - whole) * 1_000_000):06d}Z"

    def seal(self, fields: Mapping[str, Any], now: float) -> bytes:
        """The next record's line (with its newline); advances the chain."""
        self.seq += 1
        record = {"seq": self.seq, "time": self._time(now)}
        record.update(fields)
        record["prev"] = self.head
        return self._finish(_ENCODE(record).encode())

    def seal_access(self, event: AuditEvent, names: NameHasher, now: float) -> bytes:
        """``seal(fields_of(event, names), now)``, byte for byte, at a fraction of the
        cost: one record per call is on every call's path."""
        self.seq += 1
        key, name = names.field(event.name)
        version = "null" if event.version is None else str(int(event.version))
        detail = "," + _ENCODE(names.detail(event.detail))[1:-1] if event.detail else ""
        body = (
            f'{{"seq":{self.seq},"time":"{self._time(now)}","type":"access",'
            f'"identity":{_STR(event.identity)},"rpc":{_STR(event.rpc)},'
            f'"kind":{_STR(event.kind)},"{key}":{_STR(name)},'
            f'"decision":{_STR(event.decision)},"rule":{_STR(event.rule)},'
            f'"outcome":{_STR(event.outcome)},"version":{version},'
            f'"cache":{_STR(event.cache)}{detail},"prev":"{self.head}"}}'
        )
        return self._finish(body.encode())

    def _finish(self, body: bytes) -> bytes:
        digest = hashlib.sha256(body).hexdigest()
        self.head = digest
        return b'%s%s%s"}\n' % (body[:-1], _HASH_OPEN, digest.encode())


class BadRecord(ValueError):
    """A line that is not an intact record (its text says why, never its content)."""


@dataclass(frozen=True, slots=True)
class Parsed:
    seq: int
    prev: str
    hash: str
    body: dict[str, Any]


def parse_record(line: bytes) -> Parsed:
    """Checks one line (without its newline) against its own hash and reads it."""
    if not line.startswith(RECORD_PREFIX):
        raise BadRecord("not an audit record")
    suffix = line[-_SUFFIX_LEN:]
    if len(line) <= _SUFFIX_LEN or not suffix.startswith(_HASH_OPEN) or suffix[-2:] != b'"}':
        raise BadRecord("no hash at the end of the record (truncated or edited)")
    claimed = suffix[len(_HASH_OPEN) : -2].decode("ascii", "replace")
    body = line[:-_SUFFIX_LEN] + b"}"
    if not hmac.compare_digest(hashlib.sha256(body).hexdigest(), claimed):
        raise BadRecord("the record does not match its hash (edited)")
    try:
        doc = json.loads(body)
    except ValueError:
        raise BadRecord("the record is not valid JSON") from None
    seq, prev = doc.get("seq"), doc.get("prev")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1 or not isinstance(prev, str):
        raise BadRecord("the record has no valid seq or prev")
    return Parsed(seq, prev, claimed, doc)
