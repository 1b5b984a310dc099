"""The narrow seam between the broker and a secret store.

A store keeps every version it can of a secret object. Implementations raise only
the domain errors: NotFound (absent or deleted), Aborted (compare-and-set lost),
DataLoss (stored data undecodable or failing its integrity check), Unavailable
(store unreachable or rejecting the broker's credentials).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName

# Spelled once here: inside a class with a method named ``list`` the builtin is hidden.
MetadataList = list[SecretMetadata]
VersionList = list[int]


@runtime_checkable
class Store(Protocol):
    """What the broker needs of a backend; stores are found by entry point."""

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        """The given version, or the latest when version is 0."""
        ...

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        """Writes a new version atomically. expected_version 0 means 'must not exist'."""
        ...

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        """Removes the object with all its versions."""
        ...

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        """Up to ``limit`` latest-version entries whose names start with prefix and
        sort after ``after``, in ascending name order."""
        ...

    async def versions(self, name: SecretName) -> VersionList:
        """The versions still readable, ascending."""
        ...

    async def close(self) -> None:
        """Releases connections and files."""
        ...


def check_cas(
    name: SecretName,
    current: SecretMetadata | None,
    expected_version: int | None,
    expected_etag: str | None,
) -> None:
    """Raises Aborted when a compare-and-set condition does not hold."""
    from secrets_broker.domain.errors import Aborted

    if expected_version is not None:
        latest = current.version if current else 0
        if latest != expected_version:
            raise Aborted(
                f"secret {name} is at version {latest}, not the expected {expected_version}",
                subject=name.value,
            )
    if expected_etag and (current is None or current.etag != expected_etag):
        raise Aborted(f"secret {name} does not have the expected etag", subject=name.value)


def cas_view(name: SecretName, version: int, crc: int) -> SecretMetadata:
    """The latest version as check_cas sees it (version and etag), without opening it."""
    epoch = datetime.fromtimestamp(0, UTC)
    return SecretMetadata(name, version, epoch, epoch, None, crc, (), {})
