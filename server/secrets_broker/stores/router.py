"""Routes each name to one of several stores by the longest matching prefix."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.base import MetadataList, Store, VersionList


class RoutedStore:
    """A Store that fronts several; ``routes`` maps name prefixes to stores ('' = default)."""

    def __init__(self, routes: Mapping[str, Store]) -> None:
        if "" not in routes:
            raise ValueError("a default route '' is required")
        self._routes = sorted(routes.items(), key=lambda kv: len(kv[0]), reverse=True)

    def route(self, name: str) -> Store:
        for prefix, store in self._routes:
            if name.startswith(prefix):
                return store
        raise AssertionError("the default route matches every name")

    def backends(self) -> list[Store]:
        """Each distinct store behind the routes."""
        return self._stores()

    def _stores(self) -> list[Store]:
        unique: dict[int, Store] = {}
        for _, store in self._routes:
            unique.setdefault(id(store), store)
        return list(unique.values())

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        return await self.route(name.value).get(name, version)

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        return await self.route(name.value).put(
            name, content, expected_version=expected_version, expected_etag=expected_etag
        )

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        await self.route(name.value).delete(name, expected_etag=expected_etag)

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        """Merges the stores' listings, keeping only names each store is routed."""
        stores = self._stores()
        while True:
            batches = await asyncio.gather(*(s.list(prefix, limit, after) for s in stores))
            # A store that returned a full batch may hold more names beyond its last one:
            # nothing past the smallest such horizon is certain yet.
            horizons = [b[-1].name.value for b in batches if len(b) == limit]
            cutoff = min(horizons) if horizons else None
            merged = sorted(
                (
                    meta
                    for store, batch in zip(stores, batches, strict=True)
                    for meta in batch
                    if self.route(meta.name.value) is store
                    and (cutoff is None or meta.name.value <= cutoff)
                ),
                key=lambda m: m.name.value,
            )[:limit]
            if merged or cutoff is None:
                return merged
            after = cutoff

    async def versions(self, name: SecretName) -> VersionList:
        return await self.route(name.value).versions(name)

    async def close(self) -> None:
        await asyncio.gather(*(s.close() for s in self._stores()))
