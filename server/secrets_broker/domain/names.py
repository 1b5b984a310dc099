"""Validating value objects for names that arrive from the wire.

Inner code takes these types, never a raw string: a name is parsed once, at the edge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from secrets_broker.domain.errors import InvalidArgument

MAX_NAME_BYTES = 512
MAX_SEGMENTS = 32
MAX_KEY_BYTES = 128
MAX_ENTITY_ID_BYTES = 256
RESERVED_PREFIX = "sys/"

# Egeria names a view server's collection `View Server:view-server[<server guid>]`, so
# square brackets are admitted; `*`, `?`, `{` and `}` stay out (policy patterns use them).
_SEGMENT_CHARS = re.compile(r"[A-Za-z0-9 \-_.:@+=,()\[\]#!&~]+")
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})  # controls, format, surrogates, line breaks
_KEY = re.compile(r"[A-Za-z0-9\-_.]+")


def _invalid(field: str, problem: str) -> InvalidArgument:
    return InvalidArgument(field, problem, reason="NAME_INVALID")


def _check_name(field: str, raw: str, *, allow_reserved: bool) -> str:
    if not raw:
        raise _invalid(field, "is required")
    if len(raw.encode()) > MAX_NAME_BYTES:
        raise _invalid(field, f"is longer than {MAX_NAME_BYTES} bytes")
    segments = raw.split("/")
    if len(segments) > MAX_SEGMENTS:
        raise _invalid(field, f"has more than {MAX_SEGMENTS} segments")
    for segment in segments:
        if not segment:
            raise _invalid(field, "has an empty segment (leading, trailing or double '/')")
        if segment in (".", ".."):
            raise _invalid(field, "has a '.' or '..' segment")
        if not _SEGMENT_CHARS.fullmatch(segment):
            raise _invalid(field, "has a character outside the allowed set")
        if segment != segment.strip(" "):
            raise _invalid(field, "has a segment starting or ending with a space")
    if not allow_reserved and (raw + "/").startswith(RESERVED_PREFIX):
        raise _invalid(field, f"the prefix {RESERVED_PREFIX!r} is reserved")
    return raw


@dataclass(frozen=True, order=True, slots=True)
class SecretName:
    """A path-addressed secret name such as ``connectors/postgres-prod``."""

    value: str

    @classmethod
    def parse(cls, raw: str, field: str = "name") -> SecretName:
        return cls(_check_name(field, raw, allow_reserved=False))

    @classmethod
    def internal(cls, raw: str) -> SecretName:
        """A broker-owned name, which may use the reserved ``sys/`` prefix."""
        return cls(_check_name("name", raw, allow_reserved=True))

    def __str__(self) -> str:
        return self.value


def check_prefix(raw: str, field: str = "prefix") -> str:
    """A listing prefix: empty, or the start of a valid name (may end with '/')."""
    if raw:
        _check_name(field, raw.removesuffix("/"), allow_reserved=True)
    return raw


def check_key(raw: str, field: str) -> str:
    """A value key: 1..128 bytes of letters, digits, '-', '_' and '.'."""
    if not raw:
        raise InvalidArgument(field, "is empty")
    if len(raw) > MAX_KEY_BYTES:
        raise InvalidArgument(field, f"is longer than {MAX_KEY_BYTES} bytes")
    if not _KEY.fullmatch(raw):
        raise InvalidArgument(field, "may hold only letters, digits, '-', '_' and '.'")
    return raw


def check_entity_id(raw: str, field: str) -> str:
    """A user id or list/control name: 1..256 bytes of any text but control and format
    characters (C0/C1 controls, bidi overrides, zero-width marks: text that displays as
    something else)."""
    if not raw:
        raise InvalidArgument(field, "is required")
    if len(raw.encode()) > MAX_ENTITY_ID_BYTES:
        raise InvalidArgument(field, f"is longer than {MAX_ENTITY_ID_BYTES} bytes")
    if not raw.isprintable() and any(unicodedata.category(c) in _INVISIBLE for c in raw):
        raise InvalidArgument(field, "contains a control or format character")
    return raw
