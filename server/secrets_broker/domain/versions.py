"""The lifecycle of one version of a secret: enabled, disabled, destroyed.

A disabled version is kept but not readable (it can be enabled again); a destroyed one
has lost its values for good and keeps only its metadata. An enabled version may carry a
scheduled disable time (the overlap of the rotation that superseded it): once that time
has passed it reads as disabled, wherever it is read, with no timer needed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from secrets_broker.domain.errors import BrokerError, VersionDestroyed, VersionDisabled
from secrets_broker.domain.names import SecretName


class VersionState(enum.Enum):
    ENABLED = "enabled"
    DISABLED = "disabled"
    DESTROYED = "destroyed"


class VersionChange(enum.Enum):
    """What an admin (or a rotation) does to one version."""

    ENABLE = "enable"  # readable again; cancels a scheduled disable
    DISABLE = "disable"  # unreadable now
    DESTROY = "destroy"  # values erased for good
    SCHEDULE_DISABLE = "schedule-disable"  # stays enabled until the given time


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One version described without its values."""

    name: SecretName
    version: int
    create_time: datetime
    state: VersionState
    state_time: datetime | None = None
    disable_time: datetime | None = None  # scheduled; only while ENABLED
    data_crc32c: int = 0


def effective_state(
    state: VersionState, disable_time: datetime | None, now: datetime
) -> tuple[VersionState, datetime | None]:
    """The state as readers see it at ``now``, and the disable time still ahead (if any)."""
    if state is VersionState.ENABLED and disable_time is not None:
        if disable_time <= now:
            return VersionState.DISABLED, None
        return state, disable_time
    return state, None


def unreadable(name: SecretName, version: int, state: VersionState) -> BrokerError:
    """The error for reading a version in ``state`` (never ENABLED)."""
    metadata = {"secret": name.value, "version": str(version)}
    if state is VersionState.DESTROYED:
        return VersionDestroyed(f"secret {name} version {version} is destroyed", metadata=metadata)
    return VersionDisabled(f"secret {name} version {version} is disabled", metadata=metadata)


def apply_change(
    name: SecretName,
    version: int,
    state: VersionState,
    change: VersionChange,
    at: datetime | None,
) -> tuple[VersionState, datetime | None]:
    """The stored state and scheduled disable time after ``change``; a destroyed version
    stays destroyed (destroying it again is a no-op, anything else VERSION_DESTROYED)."""
    if state is VersionState.DESTROYED:
        if change is VersionChange.DESTROY:
            return state, None
        raise unreadable(name, version, state)
    if change is VersionChange.ENABLE:
        return VersionState.ENABLED, None
    if change is VersionChange.DISABLE:
        return VersionState.DISABLED, None
    if change is VersionChange.DESTROY:
        return VersionState.DESTROYED, None
    if at is None:
        raise ValueError("a scheduled disable needs its time")
    if state is VersionState.DISABLED:
        return state, None  # already unreadable: nothing to schedule
    return VersionState.ENABLED, at
