"""The Store read paths, run against every backend, read-only ones included.

Data arrives through the backend module's ``seed`` (see backends/__init__.py), or
through ``store.put`` for a writable backend that offers none.
"""

from pathlib import Path

import pytest

from secrets_broker.domain.errors import NotFound
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import RESERVED_PREFIX, SecretName
from secrets_broker.domain.versions import VersionState
from secrets_broker.stores.base import Store
from tests.conformance.conftest import backend

N = SecretName.parse


async def seed(kind: str, store: Store, tmp_path: Path, secrets: dict[str, dict[str, str]]) -> None:
    module = backend(kind)
    fill = getattr(module, "seed", None)
    if fill is not None:
        await fill(store, tmp_path, secrets)
        return
    assert not module.READ_ONLY, f"read-only backend {kind} must define seed()"
    for name, values in secrets.items():
        await store.put(N(name), SecretContent({k: SecretValue(v) for k, v in values.items()}))


async def test_read_get_returns_seeded_values(store: Store, kind: str, tmp_path: Path) -> None:
    values = {"userId": "alice", "clearPassword": "pä55 wörd\n\u2603", "empty": ""}
    await seed(kind, store, tmp_path, {"conn/pg": values, "conn/other": {"k": "v"}})
    got = await store.get(N("conn/pg"))
    assert got.name == N("conn/pg") and got.version == 1
    assert {k: v.reveal() for k, v in got.content.values.items()} == values
    assert got.create_time <= got.update_time
    assert (
        got.content.crc32c()
        == SecretContent({k: SecretValue(v) for k, v in values.items()}).crc32c()
    )
    assert got == await store.get(N("conn/pg"), 1)
    [meta] = await store.list("conn/pg", 1)
    assert meta.etag == got.etag and meta.data_crc32c == got.content.crc32c()
    assert meta.keys == ("clearPassword", "empty", "userId")


async def test_read_missing_name_and_version_are_not_found(
    store: Store, kind: str, tmp_path: Path
) -> None:
    await seed(kind, store, tmp_path, {"present": {"k": "v"}})
    with pytest.raises(NotFound):
        await store.get(N("absent"))
    with pytest.raises(NotFound):
        await store.get(N("present"), 99)
    with pytest.raises(NotFound):
        await store.get(N("present/child"))
    with pytest.raises(NotFound):
        await store.versions(N("absent"))


async def test_read_list_is_ordered_prefixed_and_paged(
    store: Store, kind: str, tmp_path: Path
) -> None:
    names = ["app/a", "app/b", "app/c", "app/d/e", "apple", "other/x"]
    await seed(kind, store, tmp_path, {name: {"k": name} for name in reversed(names)})
    page1 = await store.list("app/", 2)
    assert [m.name.value for m in page1] == ["app/a", "app/b"]
    page2 = await store.list("app/", 2, after="app/b")
    assert [m.name.value for m in page2] == ["app/c", "app/d/e"]
    assert await store.list("app/", 2, after="app/d/e") == []
    assert [m.name.value for m in await store.list("app", 10, after="app/c")] == [
        "app/d/e",
        "apple",
    ]
    every = [m.name.value for m in await store.list("", 100)]
    assert every == sorted(every)
    assert [n for n in every if not n.startswith(RESERVED_PREFIX)] == sorted(names)
    meta = (await store.list("app/a", 1))[0]
    assert meta.keys == ("k",) and meta.version == 1
    assert await store.list("nothing/", 10) == []


async def test_read_versions_follow_changes(store: Store, kind: str, tmp_path: Path) -> None:
    await seed(kind, store, tmp_path, {"v/s": {"k": "one"}})
    await seed(kind, store, tmp_path, {"v/s": {"k": "two"}})
    latest = await store.get(N("v/s"))
    assert latest.version == 2 and latest.content.values["k"].reveal() == "two"
    assert latest.update_time >= latest.create_time
    if backend(kind).KEEPS_VERSIONS:
        first = await store.get(N("v/s"), 1)
        assert first.version == 1 and first.content.values["k"].reveal() == "one"
        assert first.etag != latest.etag
        assert await store.versions(N("v/s")) == [1, 2]
    else:
        assert (await store.versions(N("v/s")))[-1] == 2


async def test_read_version_info_lists_the_versions_enabled(
    store: Store, kind: str, tmp_path: Path
) -> None:
    await seed(kind, store, tmp_path, {"vi/s": {"k": "one"}})
    await seed(kind, store, tmp_path, {"vi/s": {"k": "two"}})
    infos = await store.version_info(N("vi/s"))
    expected = [1, 2] if backend(kind).KEEPS_VERSIONS else [2]
    assert [(v.version, v.state) for v in infos][-len(expected) :] == [
        (n, VersionState.ENABLED) for n in expected
    ]
    assert all(v.name == N("vi/s") and v.disable_time is None for v in infos)
    with pytest.raises(NotFound):
        await store.version_info(N("vi/absent"))
