"""What the read-only file store does beyond the Store contract: reloads, bad edits,
refused writes, directory documents, and its configuration."""

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from secrets_broker.cache import SecretCache
from secrets_broker.collections.format import (
    DOC_KEY,
    collection_secret_name,
    decode_collection,
    parse_collections,
)
from secrets_broker.collections.repository import CollectionsRepository
from secrets_broker.domain.errors import ConfigError, FailedPrecondition, NotFound
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.file import FileStore
from secrets_broker.stores.registry import open_store

DEMO = Path(__file__).parents[2] / "server/secrets_broker/data/demo-collections.yaml"
N = SecretName.parse
INTERVAL = 5


class FakeClock:
    """Wall and monotonic time at once, moved only by the test."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def collections_yaml(collections: dict[str, Any]) -> str:
    return yaml.safe_dump({"secretsCollections": collections}, allow_unicode=True)


def one(password: str, minutes: int = 10) -> dict[str, Any]:
    return {
        "conn/pg": {
            "refreshTimeInterval": minutes,
            "secrets": {"userId": "svc", "clearPassword": password},
        }
    }


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "collections.yaml"
    file.write_text(collections_yaml(one("first-pw")), encoding="utf-8")
    return file


@pytest.fixture
def store(path: Path, clock: FakeClock) -> Iterator[FileStore]:
    yield FileStore([path], INTERVAL, clock=clock, monotonic=clock)


async def password(store: FileStore, version: int = 0) -> str:
    return (await store.get(N("conn/pg"), version)).content.values["clearPassword"].reveal()


async def test_serves_collection_secrets_with_refresh_and_label(store: FileStore) -> None:
    got = await store.get(N("conn/pg"))
    assert got.version == 1
    assert {k: v.reveal() for k, v in got.content.values.items()} == {
        "userId": "svc",
        "clearPassword": "first-pw",
    }
    assert got.content.refresh_after_seconds == 600
    assert dict(got.content.labels) == {"kind": "secrets-collection"}
    assert got.create_time == got.update_time == datetime.fromtimestamp(1_700_000_000, UTC)


async def test_reload_on_change_bumps_version_and_keeps_the_old_one(
    store: FileStore, path: Path, clock: FakeClock
) -> None:
    assert await password(store) == "first-pw"
    path.write_text(collections_yaml(one("other-pw")), encoding="utf-8")  # same size
    clock.advance(INTERVAL - 1)
    assert await password(store) == "first-pw", "checked before the interval elapsed"
    clock.advance(1)
    latest = await store.get(N("conn/pg"))
    assert latest.version == 2 and await password(store) == "other-pw"
    assert latest.create_time == datetime.fromtimestamp(1_700_000_000, UTC)
    assert latest.update_time == datetime.fromtimestamp(1_700_000_005, UTC)
    assert await password(store, 1) == "first-pw"
    assert await store.versions(N("conn/pg")) == [1, 2]
    assert (await store.list("conn/", 10))[0].version == 2


async def test_rewrite_with_same_content_bumps_nothing(
    store: FileStore, path: Path, clock: FakeClock
) -> None:
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    clock.advance(INTERVAL)
    assert await store.versions(N("conn/pg")) == [1]
    await store.reload()
    assert await store.versions(N("conn/pg")) == [1]


async def test_change_elsewhere_in_a_collection_bumps_only_what_changed(
    store: FileStore, path: Path, clock: FakeClock
) -> None:
    doc = one("first-pw")
    doc["conn/pg"]["users"] = {"ann": {"userAccountStatus": "AVAILABLE"}}
    path.write_text(collections_yaml(doc), encoding="utf-8")
    clock.advance(INTERVAL)
    assert await store.versions(N("conn/pg")) == [1]
    assert await store.versions(collection_secret_name("conn/pg")) == [1, 2]


async def test_broken_edit_keeps_serving_last_good_content(
    store: FileStore, path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    path.write_text(
        "secretsCollections:\n  conn/pg: {secrets: {clearPassword: leaked-pw\n", encoding="utf-8"
    )
    clock.advance(INTERVAL)
    with caplog.at_level(logging.ERROR, logger="secrets_broker.stores.file"):
        assert await password(store) == "first-pw"
    assert [r.levelno for r in caplog.records] == [logging.ERROR]
    assert "not valid YAML" in caplog.text and str(path) in caplog.text
    assert "leaked-pw" not in caplog.text and "first-pw" not in caplog.text
    assert await store.versions(N("conn/pg")) == [1]

    caplog.clear()
    clock.advance(INTERVAL)
    assert await password(store) == "first-pw"
    assert not caplog.records, "the same broken content is reported once"

    path.write_text(collections_yaml(one("fixed-pw")), encoding="utf-8")
    clock.advance(INTERVAL)
    assert await password(store) == "fixed-pw"
    assert await store.versions(N("conn/pg")) == [1, 2]


async def test_deleted_file_keeps_serving_last_good_content(
    store: FileStore, path: Path, clock: FakeClock
) -> None:
    path.unlink()
    clock.advance(INTERVAL)
    assert await password(store) == "first-pw"


async def test_removed_collection_is_not_found_and_numbering_continues(
    store: FileStore, path: Path, clock: FakeClock
) -> None:
    path.write_text(collections_yaml({}), encoding="utf-8")
    await store.reload()
    with pytest.raises(NotFound):
        await store.get(N("conn/pg"))
    with pytest.raises(NotFound):
        await store.get(N("conn/pg"), 1)
    assert await store.list("", 10) == []
    path.write_text(collections_yaml(one("back-pw")), encoding="utf-8")
    await store.reload()
    back = await store.get(N("conn/pg"))
    assert back.version == 2 and await store.versions(N("conn/pg")) == [2]


async def test_put_and_delete_are_refused(store: FileStore) -> None:
    content = SecretContent({"k": SecretValue("v")})
    with pytest.raises(FailedPrecondition, match="read-only file store"):
        await store.put(N("conn/pg"), content)
    with pytest.raises(FailedPrecondition, match="read-only file store"):
        await store.put(N("new"), content, expected_version=0)
    with pytest.raises(FailedPrecondition, match="read-only file store"):
        await store.delete(N("conn/pg"))
    assert await password(store) == "first-pw"


async def test_directory_document_decodes(tmp_path: Path, clock: FakeClock) -> None:
    store = FileStore([DEMO], INTERVAL, clock=clock, monotonic=clock)
    name = "demo/coco-pharmaceuticals"
    doc = await store.get(collection_secret_name(name))
    assert dict(doc.content.labels) == {"kind": "secrets-collection"}
    coll = decode_collection(doc.content.values[DOC_KEY].reveal())
    [expected], _ = parse_collections(DEMO.read_text(encoding="utf-8"))
    assert coll == expected
    assert coll.users["erinoverview"].credentials["clearPassword"].reveal() == "erin-demo-password"
    assert coll.lists["governance-team"].list_members == ("it-leads",)
    assert coll.controls["asset-catalog"].operations["READ"] == ("governance-team", "contractors")
    assert coll.resolve("governance-team").user_ids == {"erinoverview", "garygeeke"}

    secret = await store.get(N(name))
    assert secret.content.refresh_after_seconds == 600
    assert secret.content.token_api is not None
    assert secret.content.token_api == expected.token_api
    assert secret.content.token_api.url == "https://auth.example.com/oauth/token"

    cache = SecretCache(store, default_ttl_seconds=60, max_entries=10)
    assert await CollectionsRepository(cache, store).load(name) == expected


async def test_invalid_collection_names_are_skipped_with_a_warning(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.yaml"
    bad = {"up/../escape", "sys/collections/forged", "trailing/", "bad\u0007bell"}
    doc: dict[str, Any] = {name: {"secrets": {"k": "bad-value"}} for name in bad}
    doc["good"] = {"secrets": {"k": "good-value"}}
    path.write_text(collections_yaml(doc), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="secrets_broker.stores.file"):
        store = FileStore([path], INTERVAL, clock=clock, monotonic=clock)
    names = [m.name.value for m in await store.list("", 100)]
    assert names == ["good", "sys/collections/good"]
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == len(bad)
    assert "bad-value" not in caplog.text


async def test_invalid_secret_keys_skip_only_the_secret_object(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(collections_yaml({"c": {"secrets": {"bad key": "v"}}}), encoding="utf-8")
    store = FileStore([path], INTERVAL, clock=clock, monotonic=clock)
    assert [m.name.value for m in await store.list("", 10)] == ["sys/collections/c"]


async def test_several_files_merge_and_a_later_file_wins(tmp_path: Path, clock: FakeClock) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(
        collections_yaml({"a": {"secrets": {"k": "a1"}}, "both": {"secrets": {"k": "from-a"}}}),
        encoding="utf-8",
    )
    second.write_text(collections_yaml({"both": {"secrets": {"k": "from-b"}}}), encoding="utf-8")
    store = FileStore([first, second], INTERVAL, clock=clock, monotonic=clock)
    assert (await store.get(N("both"))).content.values["k"].reveal() == "from-b"
    assert (await store.get(N("a"))).content.values["k"].reveal() == "a1"


def test_unreadable_or_broken_file_at_start_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        FileStore([tmp_path / "absent.yaml"])
    broken = tmp_path / "broken.yaml"
    broken.write_text("nothing: here\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="secretsCollections"):
        FileStore([broken])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"path": "x.yaml", "colour": "blue"}, "unknown option 'colour'"),
        ({}, "exactly one of"),
        ({"path": "x.yaml", "paths": ["x.yaml"]}, "exactly one of"),
        ({"paths": "x.yaml"}, "option 'paths'"),
        ({"paths": []}, "option 'paths'"),
        ({"path": "x.yaml", "reload_interval_seconds": -1}, "reload_interval_seconds"),
        ({"path": "x.yaml", "reload_interval_seconds": "5"}, "reload_interval_seconds"),
        ({"path": "x.yaml", "reload_interval_seconds": True}, "reload_interval_seconds"),
        ({"paths": ["x.yaml", "x.yaml"]}, "listed twice"),
    ],
)
def test_config_refuses_nonsense(options: dict[str, Any], message: str, tmp_path: Path) -> None:
    options = {
        k: [str(tmp_path / p) for p in v] if isinstance(v, list) else v for k, v in options.items()
    }
    with pytest.raises(ConfigError, match=message):
        FileStore.from_config(options)


async def test_entry_point_builds_the_store(path: Path) -> None:
    store = open_store("file", {"paths": [str(path)], "reload_interval_seconds": 0})
    assert isinstance(store, FileStore)
    assert (await store.get(N("conn/pg"))).version == 1
