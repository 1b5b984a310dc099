"""A cache hit answers with the GetSecretResponse encoded for its version (api/render.py):
kept sealed with the entry, one per key subset, gone with the entry."""

from pathlib import Path

import pytest
from secretsbroker.v1 import broker_service_pb2 as broker_pb

from secrets_broker.api import convert
from secrets_broker.api.render import get_secret_response, secret_message, serializer
from secrets_broker.cache import MAX_RENDERINGS, SecretCache
from secrets_broker.domain.crypto import Envelope
from secrets_broker.domain.errors import DataLoss
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.sqlite import SqliteStore

CANARY = "canary-Zq8Wv3-never-in-clear"
NAME = SecretName.parse("app/db")


def content(**kv: str) -> SecretContent:
    return SecretContent(values={k: SecretValue(v) for k, v in kv.items()})


async def cached(tmp_path: Path) -> tuple[SqliteStore, SecretCache]:
    store = SqliteStore(tmp_path / "db", Envelope(b"k" * 32))
    await store.put(NAME, content(userId="svc", clearPassword=CANARY))
    return store, SecretCache(store, default_ttl_seconds=60, max_entries=10)


async def test_a_hit_answers_with_the_bytes_encoded_for_the_first_caller(tmp_path: Path) -> None:
    store, cache = await cached(tmp_path)
    first = await cache.get(NAME)  # the miss: its answer is kept too
    encoded = get_secret_response(first, frozenset())
    hit = await cache.get(NAME)
    assert cache.hits == 1 and hit.renderings is not None
    assert hit.renderings.get("GetSecretResponse") == encoded
    assert get_secret_response(hit, frozenset()) == encoded
    expected = broker_pb.GetSecretResponse(
        secret=convert.secret_to_pb(hit, frozenset()), resolved_name="app/db"
    )
    assert broker_pb.GetSecretResponse.FromString(encoded) == expected
    await store.close()


async def test_kept_encodings_are_sealed_and_bound_to_their_view(tmp_path: Path) -> None:
    store, cache = await cached(tmp_path)
    secret = await cache.get(NAME)
    get_secret_response(secret, frozenset())
    kept = secret.renderings
    assert kept is not None
    sealed = b"".join(kept._sealed.values())  # type: ignore[attr-defined]
    assert sealed and CANARY.encode() not in sealed
    # A sealed encoding moved to another view does not open (AES-GCM, view in the AAD).
    kept._sealed["Secret"] = kept._sealed["GetSecretResponse"]  # type: ignore[attr-defined]
    with pytest.raises(DataLoss):
        kept.get("Secret")
    await store.close()


async def test_each_key_subset_has_its_own_answer(tmp_path: Path) -> None:
    store, cache = await cached(tmp_path)
    full = get_secret_response(await cache.get(NAME), frozenset())
    only = get_secret_response(await cache.get(NAME), frozenset({"userId"}))
    again = get_secret_response(await cache.get(NAME), frozenset({"userId"}))
    assert only == again != full
    assert dict(broker_pb.GetSecretResponse.FromString(only).secret.values) == {"userId": "svc"}
    assert set(broker_pb.GetSecretResponse.FromString(full).secret.values) == {
        "userId",
        "clearPassword",
    }
    message = secret_message(await cache.get(NAME), frozenset({"userId"}))
    assert message == secret_message(await cache.get(NAME), frozenset({"userId"}))
    assert dict(message.values) == {"userId": "svc"}
    await store.close()


async def test_the_number_of_kept_subsets_is_bounded(tmp_path: Path) -> None:
    store, cache = await cached(tmp_path)
    for i in range(MAX_RENDERINGS + 5):
        get_secret_response(await cache.get(NAME), frozenset({f"k{i}"}))
    kept = (await cache.get(NAME)).renderings
    assert len(kept._sealed) == MAX_RENDERINGS  # type: ignore[union-attr]
    await store.close()


async def test_a_write_drops_the_kept_answer_with_its_entry(tmp_path: Path) -> None:
    store, cache = await cached(tmp_path)
    old = get_secret_response(await cache.get(NAME), frozenset())
    await store.put(NAME, content(userId="svc", clearPassword="rotated"))
    cache.invalidate(NAME)
    new = broker_pb.GetSecretResponse.FromString(
        get_secret_response(await cache.get(NAME), frozenset())
    )
    assert new.secret.version == 2 and new.secret.values["clearPassword"] == "rotated"
    assert new.SerializeToString() != old
    await store.close()


def test_the_serializer_passes_encoded_bytes_through() -> None:
    serialize = serializer(broker_pb.GetSecretResponse)
    message = broker_pb.GetSecretResponse(resolved_name="a/b")
    assert serialize(message) == message.SerializeToString()
    assert serialize(b"\x0a\x00") == b"\x0a\x00"
