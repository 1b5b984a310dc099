"""CRC32C (Castagnoli) of a secret's canonical encoding, as Secret.data_crc32c carries it.

Pure Python on purpose: the client depends on the gRPC and protobuf packages only, and a
secret's values are a few kilobytes at most.
"""

from __future__ import annotations

from collections.abc import Mapping

_POLY = 0x82F63B78  # Castagnoli, reflected


def _table() -> tuple[int, ...]:
    table = []
    for n in range(256):
        crc = n
        for _ in range(8):
            crc = (crc >> 1) ^ _POLY if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_TABLE = _table()


def crc32c(data: bytes, crc: int = 0) -> int:
    crc ^= 0xFFFFFFFF
    for byte in data:
        crc = _TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def canonical(values: Mapping[str, str]) -> bytes:
    """For each key in ascending byte order: 4-byte big-endian length and UTF-8 bytes of
    the key, then of the value (resources.proto, Secret.data_crc32c)."""
    out = bytearray()
    for key in sorted(values, key=lambda k: k.encode()):
        for text in (key, values[key]):
            raw = text.encode()
            out += len(raw).to_bytes(4, "big") + raw
    return bytes(out)


def data_crc32c(values: Mapping[str, str]) -> int:
    return crc32c(canonical(values))
