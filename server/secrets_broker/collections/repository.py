"""Loads imported collections from the store, as ``sys/collections/<name>``, through
the cache, and writes what an import planned (see document.py for the layout)."""

from __future__ import annotations

import asyncio

from secrets_broker.cache import SecretCache
from secrets_broker.collections.document import (
    DOC_KEY,
    CollectionObjects,
    collection_secret_name,
    decode_collection,
)
from secrets_broker.domain.directory import Collection
from secrets_broker.domain.errors import DataLoss
from secrets_broker.stores.base import Store


def _decode(text: str) -> Collection:
    coll = decode_collection(text)
    _ = coll.graph  # built here, in the worker thread, not on the event loop
    return coll


class CollectionsRepository:
    """Loads collections through the cache (decoded once per version) and saves them."""

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
        # A directory document can be megabytes: decode it off the event loop.
        parsed = await asyncio.to_thread(_decode, doc.reveal())
        self._parsed[collection] = (secret.etag, parsed)
        return parsed

    async def save(self, objects: CollectionObjects) -> None:
        """Writes the directory document, then the collection's secret if it has one."""
        collection = objects.summary.name
        doc_name = collection_secret_name(collection)
        try:
            await self._store.put(doc_name, objects.directory)
        finally:
            self._cache.invalidate(doc_name)
            self._parsed.pop(collection, None)
        if objects.secret is not None:
            try:
                await self._store.put(objects.name, objects.secret)
            finally:
                self._cache.invalidate(objects.name)
