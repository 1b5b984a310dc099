"""The ``file`` key provider: the KEK is a 32-byte key file (mode 0600), as ``make run``
has always used. Right for development; in production anyone who copies the disk and
the key file has every secret, so prefer ``vault-transit`` or ``aws-kms``.

Options: ``key_file`` (required), ``name`` (labels messages). A key file has one
version, named by a fingerprint of the key (``file:1a2b3c4d``, never the key itself).
"Rotating" a file key means pointing ``key_file`` at a new file and listing the old one
under the store's ``previous_key_providers`` until ``rekey`` has re-wrapped every data
key (see the README's runbook).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from secrets_broker.domain.crypto import KEY_BYTES, NONCE_BYTES, load_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.keys.provider import KeyRefused, Wrapped, context_bytes, provider_label
from secrets_broker.stores.options import Options

_WRAP_AAD = b"secrets-broker data key\0"


def fingerprint(key: bytes) -> str:
    """A short public name for a key: an HMAC of a fixed label, so it reveals nothing."""
    return hmac.new(key, b"secrets-broker key id", hashlib.sha256).hexdigest()[:8]


class FileKeyProvider:
    """Wraps data keys with AES-256-GCM under the key file's key."""

    can_rotate = False

    def __init__(self, key: bytes, *, label: str = "file key provider") -> None:
        if len(key) != KEY_BYTES:
            raise ConfigError(f"{label}: the key must be {KEY_BYTES} bytes")
        self._key = key
        self._aead = AESGCM(key)
        self._kek = f"file:{fingerprint(key)}"
        self.label = label

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> FileKeyProvider:
        label = provider_label("file", options)
        opts = Options("file", options, ("key_file", "name"), label=label)
        path: Path = opts.path("key_file", required=True)
        try:
            return cls(load_master_key(path), label=label)
        except ConfigError as exc:
            raise opts.fail(f"option 'key_file': {exc}") from None

    def owns(self, kek: str) -> bool:
        return kek == self._kek

    def current(self) -> str:
        return self._kek

    def wrap(self, key: bytes, context: Mapping[str, str]) -> Wrapped:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, key, _WRAP_AAD + context_bytes(context))
        return Wrapped(self._kek, nonce + sealed)

    def unwrap(self, wrapped: Wrapped, context: Mapping[str, str]) -> bytes:
        if wrapped.kek != self._kek:
            raise KeyRefused(f"{self.label}: the data key is wrapped under {wrapped.kek}")
        nonce, sealed = wrapped.blob[:NONCE_BYTES], wrapped.blob[NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, sealed, _WRAP_AAD + context_bytes(context))
        except InvalidTag:
            raise KeyRefused(f"{self.label}: the data key does not open under this key") from None

    def rotate(self) -> str:
        raise ConfigError(
            f"{self.label}: a key file cannot rotate itself: point key_file at a new key "
            "(keep the old one under previous_key_providers) and run rekey --no-rotate"
        )

    def legacy_key(self) -> bytes | None:
        return self._key

    def close(self) -> None:
        pass
