"""Page tokens: an opaque cursor authenticated with HMAC-SHA256 under a server key.

A token is ``base64url(version | mac | cursor)``, the MAC (truncated to 128 bits) taken
over the version, the query the page belongs to (caller identity included) and the
cursor. A token forged, edited, issued for another query or caller, or under another
key is INVALID_ARGUMENT / PAGE_TOKEN_INVALID, with one message for every case.
Replicas that share the key file (``page_token_key_file``) accept each other's tokens.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence

from secrets_broker.domain.errors import InvalidArgument

_VERSION = b"\x01"
_MAC_BYTES = 16
MAX_TOKEN_CHARS = 2048
KEY_BYTES = 32


class PageTokens:
    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"a page token key is {KEY_BYTES} bytes")
        self._key = key

    @classmethod
    def ephemeral(cls) -> PageTokens:
        """A key for this process only: tokens die with it."""
        return cls(secrets.token_bytes(KEY_BYTES))

    def _mac(self, cursor: bytes, query: Sequence[object]) -> bytes:
        bound = json.dumps(list(query), default=str, separators=(",", ":")).encode()
        message = _VERSION + len(bound).to_bytes(4, "big") + bound + cursor
        return hmac.new(self._key, message, hashlib.sha256).digest()[:_MAC_BYTES]

    def encode(self, after: str | None, query: Sequence[object]) -> str:
        """The token that resumes ``query`` after ``after`` ("" on the last page)."""
        if after is None:
            return ""
        cursor = after.encode()
        raw = _VERSION + self._mac(cursor, query) + cursor
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, token: str, query: Sequence[object]) -> str:
        """The cursor in ``token``, which must have been issued for ``query``."""
        if not token:
            return ""
        problem = InvalidArgument(
            "page_token",
            "is not a token this server issued for this query",
            reason="PAGE_TOKEN_INVALID",
        )
        if len(token) > MAX_TOKEN_CHARS:
            raise problem
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        except (binascii.Error, ValueError):
            raise problem from None
        version, mac, cursor = raw[:1], raw[1 : 1 + _MAC_BYTES], raw[1 + _MAC_BYTES :]
        if version != _VERSION or not hmac.compare_digest(mac, self._mac(cursor, query)):
            raise problem
        try:
            return cursor.decode()
        except UnicodeDecodeError:  # only a key holder could have made it; still refuse
            raise problem from None
