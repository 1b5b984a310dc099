"""The broker's use cases: authorization, audit, cache and store, with no gRPC in sight.

Every method takes the caller's verified identity. Deny by default; a name the
caller may not see answers exactly as a missing one does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass

from opentelemetry import trace

from secrets_broker.access.audit.record import AuditEvent, Detail
from secrets_broker.access.audit.sink import AuditSink
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
from secrets_broker.lifecycle import Lifecycle
from secrets_broker.replication.bus import ChangeBus, ChangeKind, ChangeNotice, LocalBus
from secrets_broker.replication.hub import WatchHub
from secrets_broker.replication.replicator import Replicator
from secrets_broker.stores.base import Store

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
    """Every decision is recorded in ``audit`` before its answer leaves: a read whose
    record cannot be written fails with AUDIT_UNAVAILABLE and sends nothing."""

    def __init__(
        self,
        store: Store,
        cache: SecretCache,
        policy: Policy,
        audit: AuditSink,
        changes: ChangeBus | None = None,
    ) -> None:
        self.store = store
        self.cache = cache
        self.policy = policy
        self.audit = audit
        self.collections = CollectionsRepository(cache, store)
        # Every write is announced here (replication/): the cache, the watchers and the
        # peers learn of it before the writer gets its answer.
        self.changes: ChangeBus = changes or LocalBus()
        self.replicator = Replicator(cache, WatchHub(), store)
        self.changes.subscribe(self.replicator)
        self.lifecycle = Lifecycle(self, self.replicator.hub)

    async def announce(self, name: SecretName, version: int, kind: ChangeKind) -> None:
        await self.changes.publish(ChangeNotice(name.value, version, kind, self.changes.replica))

    def _record(
        self,
        identity: Identity,
        rpc: str,
        kind: str,
        name: str,
        *,
        decision: str = "allow",
        outcome: str = "ok",
        version: int | None = None,
        cache: str = "none",
        rule: str | None = None,
        detail: Detail | None = None,
    ) -> Awaitable[None]:
        """Records one decision. ``rule`` defaults to the policy rule that allows
        ``identity`` this RPC on ``name`` (on the RPC itself for listings and imports)."""
        if rule is None:
            target = name if kind in ("secret", "collection") and name else None
            rule = self.policy.decide(identity, rpc, target).rule
        span = trace.get_current_span().get_span_context()
        if span.is_valid:  # the record names the RPC's trace (a caller's, if it sent one)
            detail = {**(detail or {}), "trace_id": format(span.trace_id, "032x")}
        event = AuditEvent(
            identity.canonical, rpc, decision, kind, name, outcome, version, cache, rule, detail
        )
        return self.audit.record(event)

    async def _audit_working(self, identity: Identity, rpc: str, kind: str, name: str) -> None:
        """No change that could not be recorded: while the audit trail fails, a change is
        refused before it is made (the refusal is recorded once the trail recovers)."""
        if not self.audit.serving:
            await self._record(identity, rpc, kind, name, outcome="AUDIT_UNAVAILABLE")

    async def _require(
        self, identity: Identity, right: str, kind: str = "", name: str = ""
    ) -> None:
        decision = self.policy.decide(identity, right)
        if not decision.allowed:
            await self._record(
                identity,
                right,
                kind,
                name,
                decision="deny",
                outcome="RPC_NOT_GRANTED",
                rule=decision.rule,
            )
            raise PermissionDenied(
                f"'{identity}' holds no grant for {right}", metadata={"rpc": right}
            )

    async def _check(self, identity: Identity, right: str, name: str, kind: str) -> Decision:
        decision = self.policy.decide(identity, right, name)
        if not decision.allowed:
            # Recorded (and waited for) like an allowed call, so a failing audit trail
            # answers both the same way: forbidden still looks like missing.
            reason = _NOT_FOUND_REASON[kind]
            await self._record(
                identity, right, kind, name, decision="deny", outcome=reason, rule=decision.rule
            )
            raise _not_found(kind, name)
        return decision

    async def _resolve(
        self, identity: Identity, right: str, name: SecretName
    ) -> tuple[SecretName, Decision]:
        """The real name that ``name`` stands for (a binding), or ``name`` itself, and the
        rule that allowed it; the caller must be allowed both. A refused target answers
        as a missing secret."""
        decision = await self._check(identity, right, name.value, "secret")
        bound = self.policy.binding(identity, name.value)
        if bound is None:
            return name, decision
        target, binding = bound
        on_target = self.policy.decide(identity, right, target)
        if not on_target.allowed:
            await self._record(
                identity,
                right,
                "secret",
                name.value,
                decision="deny",
                outcome="SECRET_NOT_FOUND",
                rule=on_target.rule,
                detail={"binding": binding},
            )
            raise _not_found("secret", name.value)
        return SecretName.parse(target), on_target

    async def get_secret(self, identity: Identity, name: SecretName, version: int = 0) -> Secret:
        """The secret ``name`` stands for; its ``name`` is the real one served."""
        await self._require(identity, "GetSecret", "secret", name.value)
        return await self._read(identity, "GetSecret", name, version)

    async def _read(self, identity: Identity, right: str, name: SecretName, version: int) -> Secret:
        real, decision = await self._resolve(identity, right, name)
        try:
            secret, cached = await self.cache.lookup(real, version)
        except BrokerError as exc:
            await self._record(
                identity,
                right,
                "secret",
                real.value,
                outcome=exc.reason,
                cache="miss",
                rule=decision.rule,
            )
            if isinstance(exc, NotFound):
                raise _not_found("secret", name.value) from None
            raise
        await self._record(
            identity,
            right,
            "secret",
            real.value,
            version=secret.version,
            cache=cached,
            rule=decision.rule,
        )
        return secret

    async def batch_get(
        self, identity: Identity, names: Iterable[SecretName]
    ) -> list[Secret | BrokerError]:
        await self._require(identity, "BatchGetSecrets")

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
        await self._require(identity, "PutSecret", "secret", name.value)
        await self._check(identity, "PutSecret", name.value, "secret")
        validate_content(content)
        await self._audit_working(identity, "PutSecret", "secret", name.value)
        try:
            meta = await self.store.put(
                name, content, expected_version=expected_version, expected_etag=expected_etag
            )
        except BrokerError as exc:
            await self._record(identity, "PutSecret", "secret", name.value, outcome=exc.reason)
            raise
        finally:
            self.cache.invalidate(name)
        await self.announce(name, meta.version, ChangeKind.WRITTEN)
        await self._record(identity, "PutSecret", "secret", name.value, version=meta.version)
        return meta

    async def delete_secret(
        self, identity: Identity, name: SecretName, expected_etag: str | None
    ) -> None:
        await self._require(identity, "DeleteSecret", "secret", name.value)
        await self._check(identity, "DeleteSecret", name.value, "secret")
        await self._audit_working(identity, "DeleteSecret", "secret", name.value)
        try:
            await self.store.delete(name, expected_etag=expected_etag)
        except BrokerError as exc:
            await self._record(identity, "DeleteSecret", "secret", name.value, outcome=exc.reason)
            if isinstance(exc, NotFound):
                raise _not_found("secret", name.value) from None
            raise
        finally:
            self.cache.invalidate(name)
        await self.announce(name, 0, ChangeKind.DELETED)
        await self._record(identity, "DeleteSecret", "secret", name.value)

    async def list_secrets(
        self, identity: Identity, prefix: str, limit: int, after: str
    ) -> tuple[list[SecretMetadata], str | None]:
        """A page of visible entries and the cursor to continue from (None at the end)."""
        await self._require(identity, "ListSecrets", "prefix", prefix)
        page, after_out = await self._list_page(identity, prefix, limit, after)
        await self._record(identity, "ListSecrets", "prefix", prefix, detail={"count": len(page)})
        return page, after_out

    async def _list_page(
        self, identity: Identity, prefix: str, limit: int, after: str
    ) -> tuple[list[SecretMetadata], str | None]:
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
        await self._require(identity, "ImportCollections")
        plan = await plan_import_off_loop(text)
        rules = [
            await self._check(identity, "ImportCollections", objects.name.value, "collection")
            for objects in plan.objects
        ]
        await self._audit_working(identity, "ImportCollections", "collection", "")
        for objects, decision in zip(plan.objects, rules, strict=True):
            if not dry_run:
                for meta in await self.collections.save(objects):
                    await self.announce(meta.name, meta.version, ChangeKind.WRITTEN)
            detail = {"dry_run": dry_run, "secret": objects.secret is not None}
            await self._record(
                identity,
                "ImportCollections",
                "collection",
                objects.name.value,
                rule=decision.rule,
                detail=detail,
            )
        results = [ImportResult(o.summary, o.secret is not None) for o in plan.objects]
        return results, plan.warnings

    async def _collection(
        self, identity: Identity, right: str, collection: SecretName
    ) -> Collection:
        await self._require(identity, right, "collection", collection.value)
        await self._check(identity, right, collection.value, "collection")
        try:
            return await self.collections.load(collection.value)
        except BrokerError as exc:
            await self._record(identity, right, "collection", collection.value, outcome=exc.reason)
            if isinstance(exc, NotFound):
                raise _not_found("collection", collection.value) from None
            raise

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
        rpc, where = "GetUserDirectory", collection.value
        coll = await self._collection(identity, rpc, collection)
        # No ReadCredentials grant at all, or none on this collection: the same answer.
        if include_credentials and not self.policy.allows(identity, "ReadCredentials", where):
            await self._record(
                identity,
                rpc,
                "collection",
                where,
                decision="deny",
                outcome="CREDENTIALS_NOT_GRANTED",
                rule=self.policy.decide(identity, "ReadCredentials", where).rule,
            )
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
                await self._record(identity, rpc, "collection", where, outcome="ENTRY_NOT_FOUND")
                raise NotFound(
                    f"list {member_of!r} not found in collection {collection}",
                    reason="ENTRY_NOT_FOUND",
                )
            members = coll.resolve(member_of).user_ids
            wanted = [u for u in wanted if u in members]
        rest = [u for u in wanted if u > after] if after else wanted
        page = rest[:limit]
        users = [coll.users[u] for u in page]
        detail = {"users": len(users), "credentials": include_credentials}
        await self._record(identity, rpc, "collection", where, detail=detail)
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
        found = "ok" if entry is not None else "ENTRY_NOT_FOUND"
        detail = {"entry_kind": kind, "entry": name}
        await self._record(
            identity, "GetAccessList", "collection", collection.value, outcome=found, detail=detail
        )
        if entry is None:
            raise NotFound(
                f"{kind} {name!r} not found in collection {collection}", reason="ENTRY_NOT_FOUND"
            )
        return coll, entry
