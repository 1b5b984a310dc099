"""The Store contract, run against every backend's real server."""

import asyncio

import pytest

from secrets_broker.domain.errors import Aborted, NotFound
from secrets_broker.domain.model import SecretContent, SecretValue, TokenApi
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.base import Store
from tests.conformance.conftest import WRITABLE_KINDS, backend

pytestmark = pytest.mark.parametrize("kind", WRITABLE_KINDS)


def content(**values: str) -> SecretContent:
    return SecretContent(values={k: SecretValue(v) for k, v in values.items()})


N = SecretName.parse


async def test_put_then_get_returns_values_version_and_checksum(store: Store) -> None:
    c = content(userId="alice", clearPassword="pä55 wörd\n\u2603")
    meta = await store.put(N("conn/pg"), c)
    got = await store.get(N("conn/pg"))
    assert meta.version == 1 and got.version == 1
    assert {k: v.reveal() for k, v in got.content.values.items()} == {
        "userId": "alice",
        "clearPassword": "pä55 wörd\n\u2603",
    }
    assert got.content.crc32c() == c.crc32c() == meta.data_crc32c
    assert got.etag == meta.etag
    assert got.create_time == got.update_time


async def test_metadata_roundtrips(store: Store) -> None:
    api = TokenApi(
        "POST",
        "https://auth.example/token",
        "application/json",
        {"client_id": "${userId}"},
        {"access_token": "accessToken"},
    )
    c = SecretContent(
        values={"a": SecretValue("")},
        refresh_after_seconds=90,
        token_api=api,
        labels={"team": "data"},
    )
    await store.put(N("meta/one"), c)
    got = await store.get(N("meta/one"))
    assert got.content.refresh_after_seconds == 90
    assert got.content.token_api == api
    assert dict(got.content.labels) == {"team": "data"}
    assert got.content.values["a"].reveal() == ""


async def test_large_value_roundtrips(store: Store) -> None:
    big = "x" * 60_000
    await store.put(N("big"), content(blob=big))
    assert (await store.get(N("big"))).content.values["blob"].reveal() == big


async def test_versions_grow_and_old_versions_stay_readable(store: Store, kind: str) -> None:
    await store.put(N("v/s"), content(k="one"))
    await store.put(N("v/s"), content(k="two"))
    meta = await store.put(N("v/s"), content(k="three"))
    assert meta.version == 3
    latest = await store.get(N("v/s"))
    assert latest.version == 3 and latest.content.values["k"].reveal() == "three"
    assert latest.update_time >= latest.create_time
    if backend(kind).KEEPS_VERSIONS:
        first = await store.get(N("v/s"), 1)
        assert first.version == 1 and first.content.values["k"].reveal() == "one"
        assert await store.versions(N("v/s")) == [1, 2, 3]
    else:
        assert (await store.versions(N("v/s")))[-1] == 3


async def test_missing_name_and_version_are_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        await store.get(N("absent"))
    await store.put(N("present"), content(k="v"))
    with pytest.raises(NotFound):
        await store.get(N("present"), 99)
    with pytest.raises(NotFound):
        await store.versions(N("absent"))


async def test_compare_and_set_on_version(store: Store) -> None:
    await store.put(N("cas"), content(k="1"), expected_version=0)
    with pytest.raises(Aborted):
        await store.put(N("cas"), content(k="x"), expected_version=0)
    with pytest.raises(Aborted):
        await store.put(N("cas"), content(k="x"), expected_version=2)
    meta = await store.put(N("cas"), content(k="2"), expected_version=1)
    assert meta.version == 2
    assert (await store.get(N("cas"))).content.values["k"].reveal() == "2"


async def test_compare_and_set_on_etag(store: Store) -> None:
    first = await store.put(N("etag"), content(k="1"))
    second = await store.put(N("etag"), content(k="2"), expected_etag=first.etag)
    with pytest.raises(Aborted):
        await store.put(N("etag"), content(k="3"), expected_etag=first.etag)
    assert second.etag != first.etag
    with pytest.raises(Aborted):
        await store.put(N("etag-new"), content(k="1"), expected_etag=first.etag)


async def test_concurrent_compare_and_set_admits_exactly_one(store: Store) -> None:
    await store.put(N("race"), content(k="0"))
    outcomes = await asyncio.gather(
        *(store.put(N("race"), content(k=str(i)), expected_version=1) for i in range(8)),
        return_exceptions=True,
    )
    winners = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(winners) == 1
    assert all(isinstance(o, Aborted) for o in outcomes if isinstance(o, BaseException))
    assert (await store.get(N("race"))).version == 2


async def test_delete_removes_every_version(store: Store) -> None:
    await store.put(N("gone"), content(k="1"))
    await store.put(N("gone"), content(k="2"))
    await store.delete(N("gone"))
    with pytest.raises(NotFound):
        await store.get(N("gone"))
    with pytest.raises(NotFound):
        await store.get(N("gone"), 1)
    with pytest.raises(NotFound):
        await store.delete(N("gone"))
    meta = await store.put(N("gone"), content(k="again"))
    assert meta.version >= 1
    assert (await store.get(N("gone"))).content.values["k"].reveal() == "again"


async def test_delete_with_stale_etag_is_aborted(store: Store) -> None:
    first = await store.put(N("del-cas"), content(k="1"))
    await store.put(N("del-cas"), content(k="2"))
    with pytest.raises(Aborted):
        await store.delete(N("del-cas"), expected_etag=first.etag)
    assert (await store.get(N("del-cas"))).version == 2


async def test_list_is_ordered_prefixed_and_paged(store: Store) -> None:
    names = ["app/a", "app/b", "app/c", "app/d/e", "apple", "other/x"]
    for name in reversed(names):
        await store.put(N(name), content(k=name))
    page1 = await store.list("app/", 2)
    assert [m.name.value for m in page1] == ["app/a", "app/b"]
    page2 = await store.list("app/", 2, after="app/b")
    assert [m.name.value for m in page2] == ["app/c", "app/d/e"]
    assert await store.list("app/", 2, after="app/d/e") == []
    every = [m.name.value for m in await store.list("", 100)]
    assert every == sorted(names)
    meta = (await store.list("app/a", 1))[0]
    assert meta.keys == ("k",) and meta.version == 1


async def test_list_hides_deleted(store: Store) -> None:
    await store.put(N("l/keep"), content(k="1"))
    await store.put(N("l/drop"), content(k="1"))
    await store.delete(N("l/drop"))
    assert [m.name.value for m in await store.list("l/", 10)] == ["l/keep"]


async def test_token_api_without_values_roundtrips(store: Store) -> None:
    # An Egeria collection holding only a tokenAPI section becomes such a secret.
    api = TokenApi("POST", "https://platform.example/api/token", "application/json", {"u": "v"})
    c = SecretContent(values={}, refresh_after_seconds=3000, token_api=api)
    meta = await store.put(N("token/only"), c)
    got = await store.get(N("token/only"))
    assert dict(got.content.values) == {} and got.content.token_api == api
    assert got.content.refresh_after_seconds == 3000
    assert got.content.crc32c() == c.crc32c() == meta.data_crc32c
    [listed] = await store.list("token/", 10)
    assert listed.keys == () and listed.etag == got.etag


async def test_names_with_every_allowed_character_roundtrip(store: Store) -> None:
    names = [
        "View Server:view-server[5f1c8a52-3b7e-4c1d-9a0e-2f6b7d8c9e01]",
        "odd/a-b_c.d:e@f+g=h,i(j)k[l]m#n!o&p~q r",
    ]
    for name in names:
        await store.put(N(name), content(k=name))
        got = await store.get(N(name))
        assert got.name == N(name) and got.content.values["k"].reveal() == name
    listed = [m.name.value for m in await store.list("", 100)]
    assert sorted(set(names) & set(listed)) == sorted(names)
    assert [m.name.value for m in await store.list("View Server:", 10)] == [names[0]]
