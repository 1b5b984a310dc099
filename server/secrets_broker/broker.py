"""The broker's use cases: authorization, audit, cache and store, with no gRPC in sight.

Every method takes the caller's verified identity. Deny by default; a name the
caller may not see answers exactly as a missing one does.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from secrets_broker.access.identity import Identity
from secrets_broker.access.policy import Decision, Policy
from secrets_broker.cache import SecretCache
from secrets_broker.collections.document import CollectionSummary
from secrets_broker.collections.importer import plan_import_off_loop
from secrets_broker.collections.repository import CollectionsRepository
from secrets_broker.domain.directory import AccessControl, Collection, NamedList, UserAccount
from secrets_broker.domain.errors import BrokerError, InvalidArgument, NotFound, PermissionDenied
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata, validate_content
from secrets_broker.domain.names import RESERVED_PREFIX, SecretName
from secrets_broker.stores.base import Store

audit = logging.getLogger("secrets_broker.audit")

LIST_SCAN_LIMIT = 10_000


_NOT_FOUND_REASON = {"secret": "SECRET_NOT_FOUND", "collection": "COLLECTION_NOT_FOUND"}


def _not_found(kind: str, name: str) -> NotFound:
    return NotFound(
        f"{kind} {name!r} not found or not permitted",
        reason=_NOT_FOUND_REASON[kind],
        metadata={kind: name},
    )


@dataclass(frozen=True, slots=True)
class DirectoryPage:
    users: list[UserAccount]
    member_of: dict[str, tuple[str, ...]]
    total: int
    last: str | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    collection: CollectionSummary
    secret_written: bool


class Broker:
    def __init__(self, store: Store, cache: SecretCache, policy: Policy) -> None:
        self.store = store
        self.cache = cache
        self.policy = policy
        self.collections = CollectionsRepository(cache, store)

    def _require(self, identity: Identity, right: str) -> None:
        if not self.policy.decide(identity, right).allowed:
            audit.info("deny identity=%s rpc=%s", identity, right)
            raise PermissionDenied(
                f"'{identity}' holds no grant for {right}", metadata={"rpc": right}
            )

    def _check(self, identity: Identity, right: str, name: str, kind: str) -> Decision:
        decision = self.policy.decide(identity, right, name)
        if not decision.allowed:
            audit.info("deny identity=%s rpc=%s name=%s", identity, right, name)
            raise _not_found(kind, name)
        return decision

    def _resolve(self, identity: Identity, right: str, name: SecretName) -> SecretName:
        """The real name that ``name`` stands for (a binding), or ``name`` itself; the
        caller must be allowed both. A refused target answers as a missing secret."""
        policy = self.policy
        self._check(identity, right, name.value, "secret")
        bound = policy.binding(identity, name.value)
        if bound is None:
            return name
        target, binding = bound
        if not policy.decide(identity, right, target).allowed:
            audit.info("deny identity=%s rpc=%s name=%s binding=%s", identity, right, name, binding)
            raise _not_found("secret", name.value)
        return SecretName.parse(target)

    async def get_secret(self, identity: Identity, name: SecretName, version: int = 0) -> Secret:
        """The secret ``name`` stands for; its ``name`` is the real one served."""
        self._require(identity, "GetSecret")
        return await self._read(identity, "GetSecret", name, version)

    async def _read(self, identity: Identity, right: str, name: SecretName, version: int) -> Secret:
        real = self._resolve(identity, right, name)
        try:
            secret = await self.cache.get(real, version)
        except NotFound:
            audit.info("miss identity=%s rpc=%s name=%s", identity, right, real)
            raise _not_found("secret", name.value) from None
        audit.info(
            "allow identity=%s rpc=%s name=%s version=%d", identity, right, real, secret.version
        )
        return secret

    async def batch_get(
        self, identity: Identity, names: Iterable[SecretName]
    ) -> list[Secret | BrokerError]:
        self._require(identity, "BatchGetSecrets")

        async def one(name: SecretName) -> Secret | BrokerError:
            try:
                return await self._read(identity, "BatchGetSecrets", name, 0)
            except BrokerError as exc:
                return exc

        # Misses go to their stores concurrently; duplicates share one load (single-flight).
        return list(await asyncio.gather(*(one(name) for name in names)))

    async def put_secret(
        self,
        identity: Identity,
        name: SecretName,
        content: SecretContent,
        expected_version: int | None,
        expected_etag: str | None,
    ) -> SecretMetadata:
        self._require(identity, "PutSecret")
        self._check(identity, "PutSecret", name.value, "secret")
        validate_content(content)
        try:
            meta = await self.store.put(
                name, content, expected_version=expected_version, expected_etag=expected_etag
            )
        finally:
            self.cache.invalidate(name)
        audit.info("put identity=%s name=%s version=%d", identity, name, meta.version)
        return meta

    async def delete_secret(
        self, identity: Identity, name: SecretName, expected_etag: str | None
    ) -> None:
        self._require(identity, "DeleteSecret")
        self._check(identity, "DeleteSecret", name.value, "secret")
        try:
            await self.store.delete(name, expected_etag=expected_etag)
        except NotFound:
            raise _not_found("secret", name.value) from None
        finally:
            self.cache.invalidate(name)
        audit.info("delete identity=%s name=%s", identity, name)

    async def list_secrets(
        self, identity: Identity, prefix: str, limit: int, after: str
    ) -> tuple[list[SecretMetadata], str | None]:
        """A page of visible entries and the cursor to continue from (None at the end)."""
        self._require(identity, "ListSecrets")
        hide_reserved = not prefix.startswith(RESERVED_PREFIX)
        page: list[SecretMetadata] = []
        scanned = 0
        while len(page) < limit and scanned < LIST_SCAN_LIMIT:
            batch = await self.store.list(prefix, limit, after)
            if not batch:
                return page, None
            for meta in batch:
                scanned += 1
                after = meta.name.value
                visible = not (hide_reserved and after.startswith(RESERVED_PREFIX))
                if visible and self.policy.allows(identity, "ListSecrets", after):
                    page.append(meta)
                    if len(page) == limit:
                        break
            if len(batch) < limit and len(page) < limit:
                return page, None
        return page, after

    async def import_collections(
        self, identity: Identity, text: str, dry_run: bool
    ) -> tuple[list[ImportResult], list[str]]:
        """Checks every collection first, then writes: a refused collection leaves the
        store untouched. Unusable names or values are skipped with a warning. Parsing
        and encoding run in a worker process (collections/importer.py)."""
        self._require(identity, "ImportCollections")
        plan = await plan_import_off_loop(text)
        for objects in plan.objects:
            self._check(identity, "ImportCollections", objects.name.value, "collection")
        if not dry_run:
            for objects in plan.objects:
                await self.collections.save(objects)
                audit.info("import identity=%s collection=%s", identity, objects.name)
        results = [ImportResult(o.summary, o.secret is not None) for o in plan.objects]
        return results, plan.warnings

    async def _collection(
        self, identity: Identity, right: str, collection: SecretName
    ) -> Collection:
        self._require(identity, right)
        self._check(identity, right, collection.value, "collection")
        try:
            return await self.collections.load(collection.value)
        except NotFound:
            raise _not_found("collection", collection.value) from None

    async def user_directory(
        self,
        identity: Identity,
        collection: SecretName,
        *,
        user_ids: tuple[str, ...],
        member_of: str,
        include_credentials: bool,
        after: str,
        limit: int,
    ) -> DirectoryPage:
        coll = await self._collection(identity, "GetUserDirectory", collection)
        # No ReadCredentials grant at all, or none on this collection: the same answer.
        if include_credentials and not self.policy.allows(
            identity, "ReadCredentials", collection.value
        ):
            raise PermissionDenied(
                f"'{identity}' may not read credentials of this collection",
                reason="CREDENTIALS_NOT_GRANTED",
            )
        wanted = sorted(coll.users)
        if user_ids:
            ids = set(user_ids)
            wanted = [u for u in wanted if u in ids]
        if member_of:
            if member_of not in coll.lists:
                raise NotFound(
                    f"list {member_of!r} not found in collection {collection}",
                    reason="ENTRY_NOT_FOUND",
                )
            members = coll.resolve(member_of).user_ids
            wanted = [u for u in wanted if u in members]
        rest = [u for u in wanted if u > after] if after else wanted
        page = rest[:limit]
        users = [coll.users[u] for u in page]
        audit.info(
            "directory identity=%s collection=%s users=%d credentials=%s",
            identity,
            collection,
            len(users),
            include_credentials,
        )
        last = page[-1] if len(rest) > limit else None
        return DirectoryPage(users, coll.memberships(tuple(page)), len(wanted), last)

    async def access_entry(
        self, identity: Identity, collection: SecretName, list_name: str, control_name: str
    ) -> tuple[Collection, NamedList | AccessControl]:
        coll = await self._collection(identity, "GetAccessList", collection)
        if list_name:
            entry: NamedList | AccessControl | None = coll.lists.get(list_name)
            kind, name = "list", list_name
        elif control_name:
            entry, kind, name = coll.controls.get(control_name), "access control", control_name
        else:
            raise InvalidArgument("target", "one of list_name or control_name is required")
        if entry is None:
            raise NotFound(
                f"{kind} {name!r} not found in collection {collection}", reason="ENTRY_NOT_FOUND"
            )
        audit.info("access-list identity=%s collection=%s %s=%s", identity, collection, kind, name)
        return coll, entry
