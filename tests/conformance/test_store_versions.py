"""The version-lifecycle half of the Store contract, against every writable backend's
real server: list versions with their states, disable, enable, destroy, schedule."""

from datetime import UTC, datetime, timedelta

import pytest

from secrets_broker.domain.errors import (
    NotFound,
    VersionDestroyed,
    VersionDisabled,
    VersionStateUnsupported,
)
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionChange, VersionState
from secrets_broker.stores.base import Store
from tests.conformance.conftest import WRITABLE_KINDS, backend

pytestmark = pytest.mark.parametrize("kind", WRITABLE_KINDS)
N = SecretName.parse
ENABLED, DISABLED, DESTROYED = VersionState.ENABLED, VersionState.DISABLED, VersionState.DESTROYED


def content(**values: str) -> SecretContent:
    return SecretContent(values={k: SecretValue(v) for k, v in values.items()})


async def three_versions(store: Store, name: str) -> SecretName:
    for value in ("one", "two", "three"):
        await store.put(N(name), content(k=value))
    return N(name)


async def states(store: Store, name: SecretName) -> dict[int, VersionState]:
    return {v.version: v.state for v in await store.version_info(name)}


async def test_version_info_lists_every_version_enabled(store: Store) -> None:
    name = await three_versions(store, "vi/list")
    infos = await store.version_info(name)
    assert [(v.version, v.state) for v in infos] == [(1, ENABLED), (2, ENABLED), (3, ENABLED)]
    assert infos[0].create_time <= infos[1].create_time <= infos[2].create_time
    assert all(v.name == name and v.disable_time is None for v in infos)
    with pytest.raises(NotFound):
        await store.version_info(N("vi/absent"))


async def test_disable_enable_destroy(store: Store, kind: str) -> None:
    name = await three_versions(store, "vi/states")
    if not backend(kind).VERSION_STATES:
        for change in VersionChange:
            with pytest.raises(VersionStateUnsupported):
                await store.set_version_state(name, 1, change, at=datetime.now(UTC))
        assert (await store.get(name, 1)).content.values["k"].reveal() == "one"
        return
    disabled = await store.set_version_state(name, 1, VersionChange.DISABLE)
    assert disabled.version == 1 and disabled.state is DISABLED
    with pytest.raises(VersionDisabled) as caught:
        await store.get(name, 1)
    assert caught.value.reason == "VERSION_DISABLED"
    assert await store.versions(name) == [2, 3]
    again = await store.set_version_state(name, 1, VersionChange.DISABLE)  # idempotent
    assert again.state is DISABLED
    assert (await store.set_version_state(name, 1, VersionChange.ENABLE)).state is ENABLED
    assert (await store.get(name, 1)).content.values["k"].reveal() == "one"

    destroyed = await store.set_version_state(name, 2, VersionChange.DESTROY)
    assert destroyed.state is DESTROYED
    with pytest.raises(VersionDestroyed) as gone:
        await store.get(name, 2)
    assert gone.value.reason == "VERSION_DESTROYED"
    for change in (VersionChange.ENABLE, VersionChange.DISABLE):
        with pytest.raises(VersionDestroyed):
            await store.set_version_state(name, 2, change)
    assert (await store.set_version_state(name, 2, VersionChange.DESTROY)).state is DESTROYED
    assert await states(store, name) == {1: ENABLED, 2: DESTROYED, 3: ENABLED}
    assert (await store.get(name)).version == 3


async def test_missing_version_or_secret_is_not_found(store: Store, kind: str) -> None:
    name = await three_versions(store, "vi/missing")
    if not backend(kind).VERSION_STATES:
        return  # the unsupported answer comes first; covered above
    with pytest.raises(NotFound):
        await store.set_version_state(name, 9, VersionChange.DISABLE)
    with pytest.raises(NotFound):
        await store.set_version_state(N("vi/nothing"), 1, VersionChange.DISABLE)


async def test_disabled_latest_stays_listed_and_a_put_moves_on(store: Store, kind: str) -> None:
    name = await three_versions(store, "vi/latest")
    if not backend(kind).VERSION_STATES:
        return
    await store.set_version_state(name, 3, VersionChange.DISABLE)
    with pytest.raises(VersionDisabled):
        await store.get(name)
    [listed] = await store.list("vi/latest", 10)
    assert listed.name == name and listed.version == 3
    meta = await store.put(name, content(k="four"), expected_version=3)
    assert meta.version == 4
    assert (await store.get(name)).content.values["k"].reveal() == "four"
    await store.set_version_state(name, 4, VersionChange.DESTROY)
    with pytest.raises(VersionDestroyed):
        await store.get(name)
    [listed] = await store.list("vi/latest", 10)
    assert listed.version == 4


async def test_scheduled_disable_takes_effect_at_its_time(store: Store, kind: str) -> None:
    name = await three_versions(store, "vi/schedule")
    if not backend(kind).VERSION_STATES:
        return
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    info = await store.set_version_state(name, 2, VersionChange.SCHEDULE_DISABLE, at=later)
    assert info.state is ENABLED and info.disable_time == later
    secret = await store.get(name, 2)
    assert secret.content.values["k"].reveal() == "two" and secret.disable_time == later
    assert (await store.get(name)).disable_time is None
    # A time already passed reads as disabled at once, with no timer.
    past = datetime.now(UTC) - timedelta(seconds=1)
    info = await store.set_version_state(name, 1, VersionChange.SCHEDULE_DISABLE, at=past)
    assert info.state is DISABLED and info.disable_time is None
    with pytest.raises(VersionDisabled):
        await store.get(name, 1)
    # Enabling cancels a schedule.
    info = await store.set_version_state(name, 2, VersionChange.ENABLE)
    assert info.state is ENABLED and info.disable_time is None
    assert (await store.get(name, 2)).disable_time is None
    assert await states(store, name) == {1: DISABLED, 2: ENABLED, 3: ENABLED}


async def test_delete_forgets_version_states(store: Store, kind: str) -> None:
    name = await three_versions(store, "vi/deleted")
    if backend(kind).VERSION_STATES:
        await store.set_version_state(name, 1, VersionChange.DISABLE)
    await store.delete(name)
    with pytest.raises(NotFound):
        await store.version_info(name)
    meta = await store.put(name, content(k="again"))
    assert [v.state for v in await store.version_info(name)] == [ENABLED]
    assert (await store.get(name)).version == meta.version
