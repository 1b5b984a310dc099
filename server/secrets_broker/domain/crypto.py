"""AES-256-GCM sealing of stored secret data, and the master key file.

Two record layouts, both AES-256-GCM with the header and the record's name and version
as associated data (a record copied under another name or version fails to open):

- ``b"SB1" | key_id (1 byte) | nonce (12) | ciphertext+tag``: sealed directly under the
  master key file (``Envelope``). Written by brokers before data keys; still read.
- ``b"SB2" | data key id (4 bytes, big-endian) | nonce (12) | ciphertext+tag``: sealed
  under one of the store's data keys (``DataKey``), which a key provider wraps.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from secrets_broker.domain.errors import ConfigError, DataLoss

MAGIC = b"SB1"
MAGIC_DEK = b"SB2"
_DEK_HEADER = len(MAGIC_DEK) + 4
TAG_BYTES = 16
_KEY_CHECK = b"secrets-broker key check v1"
_KEY_CHECK_AAD = b"secrets-broker\0keycheck"
KEY_BYTES = 32
NONCE_BYTES = 12


def associated_data(name: str, version: int) -> bytes:
    return b"secrets-broker\0" + name.encode() + b"\0" + str(version).encode()


class Envelope:
    """Seals and opens byte strings with one master key."""

    def __init__(self, key: bytes, key_id: int = 1) -> None:
        if len(key) != KEY_BYTES:
            raise ConfigError(f"master key must be {KEY_BYTES} bytes, got {len(key)}")
        self._aead = AESGCM(key)
        self._key_id = key_id
        self._key = key  # for key providers built from an Envelope (stores/sqlite.py)

    @property
    def key_bytes(self) -> bytes:
        return self._key

    @classmethod
    def ephemeral(cls) -> Envelope:
        """A process-local key, for data that never outlives the process (the cache)."""
        return cls(AESGCM.generate_key(bit_length=256))

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        header = MAGIC + bytes([self._key_id])
        return header + nonce + self._aead.encrypt(nonce, plaintext, header + aad)

    def key_check(self) -> bytes:
        """A record a store keeps beside its data, to tell at start-up whether it was
        written under this key (see ``matches``)."""
        return self.seal(_KEY_CHECK, _KEY_CHECK_AAD)

    def matches(self, key_check: bytes) -> bool:
        """Whether ``key_check`` was made by ``key_check()`` under this same key."""
        try:
            return self.open(key_check, _KEY_CHECK_AAD) == _KEY_CHECK
        except DataLoss:
            return False

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        header, nonce = sealed[:4], sealed[4 : 4 + NONCE_BYTES]
        if header[:3] != MAGIC or len(sealed) < 4 + NONCE_BYTES + 16:
            raise DataLoss("stored record is not a secrets-broker envelope")
        if header[3] != self._key_id:
            raise DataLoss(f"stored record was sealed with key id {header[3]}")
        try:
            return self._aead.decrypt(nonce, sealed[4 + NONCE_BYTES :], header + aad)
        except InvalidTag:
            raise DataLoss("stored record failed its integrity check") from None


class DataKey:
    """One data-encryption key (DEK) of a store: seals and opens SB2 records."""

    __slots__ = ("_aead", "key_id")

    def __init__(self, key_id: int, key: bytes) -> None:
        if len(key) != KEY_BYTES or not 0 < key_id < 2**32:
            raise ValueError("a data key is 32 bytes with an id in [1, 2**32)")
        self.key_id = key_id
        self._aead = AESGCM(key)

    def __repr__(self) -> str:
        return f"DataKey({self.key_id})"

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        header = MAGIC_DEK + self.key_id.to_bytes(4, "big")
        return header + nonce + self._aead.encrypt(nonce, plaintext, header + aad)

    def open(self, sealed: bytes, aad: bytes) -> bytes:
        if record_key_id(sealed) != self.key_id:
            raise DataLoss("stored record was sealed under another data key")
        header, nonce = sealed[:_DEK_HEADER], sealed[_DEK_HEADER : _DEK_HEADER + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, sealed[_DEK_HEADER + NONCE_BYTES :], header + aad)
        except InvalidTag:
            raise DataLoss("stored record failed its integrity check") from None


def record_key_id(sealed: bytes) -> int | None:
    """The data key id of an SB2 record, or None for an SB1 record (sealed directly under
    a master key file); DataLoss for anything else."""
    if sealed[:3] == MAGIC and len(sealed) >= 4 + NONCE_BYTES + TAG_BYTES:
        return None
    if sealed[:3] != MAGIC_DEK or len(sealed) < _DEK_HEADER + NONCE_BYTES + TAG_BYTES:
        raise DataLoss("stored record is not a secrets-broker envelope")
    return int.from_bytes(sealed[3:_DEK_HEADER], "big")


def create_master_key(path: Path) -> None:
    """Writes a new random key readable by its owner only; never overwrites."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(AESGCM.generate_key(bit_length=256))


def load_master_key(path: Path, what: str = "master key") -> bytes:
    """Reads the key file, refusing one that others can read or that has the wrong size."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ConfigError(f"{what} file {path} does not exist") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"{what} file {path} is accessible by group or others; chmod 600 it")
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise ConfigError(f"{what} file {path} must hold exactly {KEY_BYTES} bytes")
    return key
