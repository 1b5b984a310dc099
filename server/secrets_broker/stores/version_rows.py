"""Version states as the SQL stores (sqlite, postgres) keep them.

A row in ``version_states`` exists only for a version whose state was ever changed:
no row means enabled with nothing scheduled. A destroyed version keeps its row in
``versions`` (times, CRC32C) with its sealed values erased (an empty blob).
"""

from __future__ import annotations

from datetime import datetime

from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import (
    VersionChange,
    VersionInfo,
    VersionState,
    apply_change,
    effective_state,
    unreadable,
)

STATE_CODE = {VersionState.ENABLED: 0, VersionState.DISABLED: 1, VersionState.DESTROYED: 2}
_STATE_OF_CODE = {code: state for state, code in STATE_CODE.items()}
ERASED = b""


def state_of(code: int | None) -> VersionState:
    return _STATE_OF_CODE[int(code or 0)]


def check_readable(
    name: SecretName, version: int, code: int | None, disable_time: datetime | None, now: datetime
) -> datetime | None:
    """Raises VersionDisabled/VersionDestroyed unless readable; the disable time ahead."""
    state, ahead = effective_state(state_of(code), disable_time, now)
    if state is not VersionState.ENABLED:
        raise unreadable(name, version, state)
    return ahead


def info(
    name: SecretName,
    version: int,
    create_time: datetime,
    crc: int,
    code: int | None,
    state_time: datetime | None,
    disable_time: datetime | None,
    now: datetime,
) -> VersionInfo:
    state, ahead = effective_state(state_of(code), disable_time, now)
    if disable_time is not None and ahead is None:
        state_time = disable_time  # the scheduled disable took effect then
    return VersionInfo(name, version, create_time, state, state_time, ahead, crc)


def changed(
    name: SecretName,
    version: int,
    code: int | None,
    disable_time: datetime | None,
    change: VersionChange,
    at: datetime | None,
    now: datetime,
) -> tuple[int, datetime | None]:
    """The (state code, scheduled time) to store after ``change``, from the stored ones."""
    state, _ = effective_state(state_of(code), disable_time, now)
    new_state, new_time = apply_change(name, version, state, change, at)
    return STATE_CODE[new_state], new_time
