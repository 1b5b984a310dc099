"""Version states of a Vault/OpenBao KV v2 secret, read from and written to its metadata.

KV v2 has the three states natively: a soft-deleted version (``deletion_time`` passed)
is the broker's DISABLED, undeleting enables it again, and a destroyed one
(``destroyed``) has lost its data but keeps its metadata. A ``deletion_time`` still
ahead (the mount's or secret's ``delete_version_after``) is a scheduled disable.

KV v2 cannot schedule the deletion of one version, so a rotation's overlap is kept in the
secret's ``custom_metadata`` under ``secrets_broker:disable_at:<version>`` (RFC 3339):
the broker reads such a version as disabled once the time has passed, and the next
state change of that secret soft-deletes it in Vault too and drops the key. Vault users
reading the version directly can read it until then.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionInfo, VersionState

SCHEDULE_PREFIX = "secrets_broker:disable_at:"
Json = Mapping[str, Any]


def vault_time(text: str) -> datetime:
    """Vault's RFC 3339 timestamps (nanoseconds are cut to microseconds)."""
    return datetime.fromisoformat(text).astimezone(UTC)


def schedules(meta: Json) -> dict[int, datetime]:
    """The broker's scheduled disables kept in the secret's custom metadata."""
    found: dict[int, datetime] = {}
    for key, value in (meta.get("custom_metadata") or {}).items():
        if not key.startswith(SCHEDULE_PREFIX):
            continue
        try:
            found[int(key[len(SCHEDULE_PREFIX) :])] = vault_time(str(value))
        except ValueError:
            continue  # not ours after all
    return found


def schedule_key(version: int) -> str:
    return f"{SCHEDULE_PREFIX}{version}"


def raw_state(info: Json, now: datetime) -> tuple[VersionState, datetime | None]:
    """Vault's own view of one version: its state and a deletion still ahead."""
    if info.get("destroyed"):
        return VersionState.DESTROYED, None
    deleted = info.get("deletion_time") or ""
    if deleted:
        when = vault_time(deleted)
        return (VersionState.DISABLED, None) if when <= now else (VersionState.ENABLED, when)
    return VersionState.ENABLED, None


def state(meta: Json, version: int, now: datetime) -> tuple[VersionState, datetime | None]:
    """The broker's view: Vault's, with a passed schedule of ours read as disabled."""
    info = meta["versions"][str(version)]
    current, ahead = raw_state(info, now)
    scheduled = schedules(meta).get(version)
    if current is VersionState.ENABLED and scheduled is not None:
        if scheduled <= now:
            return VersionState.DISABLED, None
        ahead = scheduled if ahead is None else min(ahead, scheduled)
    return current, ahead


def infos(name: SecretName, meta: Json, now: datetime) -> list[VersionInfo]:
    """Every version the metadata still lists, ascending (CRC32C unknown: 0)."""
    out = []
    for number in sorted(int(v) for v in meta.get("versions", {})):
        info = meta["versions"][str(number)]
        current, ahead = state(meta, number, now)
        changed = info.get("deletion_time") or ""
        state_time = (
            vault_time(changed) if changed and current is not VersionState.ENABLED else None
        )
        created = vault_time(info["created_time"])
        out.append(VersionInfo(name, number, created, current, state_time, ahead))
    return out
