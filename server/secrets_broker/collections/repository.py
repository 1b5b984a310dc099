"""Keeps imported collections in the secret store, as ``sys/collections/<name>``.

A collection's directory (users with their credentials, lists, controls) is one JSON
document sealed like any other secret; its own ``secrets`` become a secret object
named after the collection, so GetSecret serves them directly.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any

from secrets_broker.cache import SecretCache
from secrets_broker.domain.directory import AccessControl, Collection, NamedList, UserAccount
from secrets_broker.domain.errors import DataLoss
from secrets_broker.domain.model import SecretContent, SecretValue, TokenApi
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.base import Store

PREFIX = "sys/collections/"
DOC_KEY = "collection"


def collection_secret_name(collection: str) -> SecretName:
    return SecretName.internal(PREFIX + collection)


def _plain(obj: Any) -> Any:
    if isinstance(obj, SecretValue):
        return obj.reveal()
    if isinstance(obj, TokenApi):
        return obj.to_json()
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, tuple | list):
        return [_plain(v) for v in obj]
    return obj


def _tuples(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in doc.items()}


def encode_collection(coll: Collection) -> str:
    return json.dumps(_plain(coll), sort_keys=True, separators=(",", ":"))


def decode_collection(text: str) -> Collection:
    try:
        doc = json.loads(text)
        users = {}
        for uid, raw in doc["users"].items():
            raw["credentials"] = {k: SecretValue(v) for k, v in raw["credentials"].items()}
            users[uid] = UserAccount(**_tuples(raw))
        controls = {}
        for name, raw in doc["controls"].items():
            raw["operations"] = {op: tuple(v) for op, v in raw["operations"].items()}
            controls[name] = AccessControl(**_tuples(raw))
        token = doc.get("token_api")
        return Collection(
            name=doc["name"],
            refresh_minutes=doc["refresh_minutes"],
            secrets={k: SecretValue(v) for k, v in doc["secrets"].items()},
            token_api=TokenApi.from_json(token) if token else None,
            users=users,
            lists={n: NamedList(**_tuples(raw)) for n, raw in doc["lists"].items()},
            controls=controls,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataLoss(f"stored collection is undecodable ({type(exc).__name__})") from None


class CollectionsRepository:
    """Loads collections through the cache (parsed once per version) and saves them."""

    def __init__(self, cache: SecretCache, store: Store) -> None:
        self._cache = cache
        self._store = store
        self._parsed: dict[str, tuple[str, Collection]] = {}

    async def load(self, collection: str) -> Collection:
        name = collection_secret_name(collection)
        secret = await self._cache.get(name)
        known = self._parsed.get(collection)
        if known is not None and known[0] == secret.etag:
            return known[1]
        doc = secret.content.values.get(DOC_KEY)
        if doc is None:
            raise DataLoss(f"collection {collection} has no directory document")
        parsed = decode_collection(doc.reveal())
        self._parsed[collection] = (secret.etag, parsed)
        return parsed

    async def save(self, coll: Collection) -> None:
        name = collection_secret_name(coll.name)
        content = SecretContent(
            values={DOC_KEY: SecretValue(encode_collection(coll))},
            labels={"kind": "secrets-collection"},
        )
        await self._store.put(name, content)
        self._cache.invalidate(name)
        self._parsed.pop(coll.name, None)
