"""What a store keeps of its data keys, and the bounds of a keyring (keys/keyring.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from secrets_broker.keys.provider import KeyProvider


@dataclass(frozen=True, slots=True)
class DekRow:
    """A data key as a store keeps it: wrapped, with the KEK version that wrapped it."""

    key_id: int
    kek: str
    wrapped: bytes = field(repr=False)
    created: float  # wall-clock seconds
    uses: int = 0  # records sealed under it


class KeyTable(Protocol):
    """Where a store keeps its data keys (a table beside the records)."""

    async def deks(self) -> list[DekRow]: ...

    async def dek(self, key_id: int) -> DekRow | None: ...

    async def add_dek(self, row: DekRow) -> bool:
        """False when ``row.key_id`` is taken."""
        ...

    async def rewrap_dek(self, key_id: int, old_kek: str, kek: str, wrapped: bytes) -> bool:
        """Replaces the wrapping if it is still under ``old_kek`` (compare-and-set)."""
        ...


@dataclass(frozen=True, slots=True)
class KeyringSettings:
    cache_seconds: float = 300.0
    cache_max_entries: int = 1000
    max_records: int = 1_000_000
    max_age_seconds: float = 30 * 86_400.0
    probe_max_interval_seconds: float = 10.0


@dataclass(frozen=True, slots=True)
class KeySetup:
    """The providers of a store, the current one first, and its keyring settings."""

    providers: tuple[KeyProvider, ...]
    settings: KeyringSettings = KeyringSettings()
