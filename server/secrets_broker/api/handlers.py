"""gRPC servicers: validate the request, call the broker, build the response.

Every handler runs inside ``_serve``, the single place where the caller's identity is
read and domain errors become gRPC statuses.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, NoReturn, TypeAlias, TypeVar

import grpc
from google.protobuf.message import Message
from opentelemetry import trace
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.access.certificates import PeerIdentities
from secrets_broker.access.identity import Identity
from secrets_broker.api import convert, render
from secrets_broker.api.authn import Authenticator
from secrets_broker.api.limits import CallGuard
from secrets_broker.api.observe import RpcMetrics, caller_trace
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.api.status import RichStatus, status_of
from secrets_broker.api.version_handlers import VersionAdminMethods, WatchMethods
from secrets_broker.broker import Broker
from secrets_broker.domain.deadline import deadline_in
from secrets_broker.domain.errors import BrokerError, InvalidArgument
from secrets_broker.domain.model import Secret
from secrets_broker.domain.names import SecretName, check_entity_id, check_prefix
from secrets_broker.metrics import Registry, begin_call, end_call

T = TypeVar("T")
_tracer = trace.get_tracer("secrets_broker")
_SERVER_FAULTS = frozenset(
    {grpc.StatusCode.INTERNAL, grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DATA_LOSS}
)
Ctx: TypeAlias = "grpc.aio.ServicerContext[Any, Any]"
MAX_BATCH = 100
# Trailers on an answer served from the cache after its store failed: the value's age
# in seconds (the oldest, for a batch), and for a batch each stale item's name.
STALE_KEY = "x-secrets-broker-stale"
STALE_NAME_KEY = "x-secrets-broker-stale-name"


def mark_stale(context: Ctx, answers: list[tuple[str, Secret]], *, batch: bool = False) -> None:
    """Trailers for answers served stale; ``answers`` pairs each name asked with its secret."""
    stale = [(name, s.stale_seconds) for name, s in answers if s.stale_seconds is not None]
    if not stale:
        return
    age = max(age or 0.0 for _, age in stale)
    names = [(STALE_NAME_KEY, name) for name, _ in stale] if batch else []
    context.set_trailing_metadata(((STALE_KEY, f"{age:.3f}"), *names))


async def _abort(context: Ctx, status: RichStatus) -> NoReturn:
    await context.abort(status.code, status.message, status.trailing_metadata())
    raise AssertionError("unreachable")  # context.abort always raises


async def abort_error(context: Ctx, error: BrokerError) -> NoReturn:
    """Ends the call with the status of ``error`` (for handlers outside ``_serve``)."""
    await _abort(context, status_of(error))


class _Servicer:
    """What every servicer shares: the broker, the call guard, page tokens, and
    ``_serve``, the single place where the caller's identity is read, limits are applied
    and domain errors become gRPC statuses."""

    SERVICE: ClassVar[str]

    def __init__(
        self,
        broker: Broker,
        guard: CallGuard,
        page_tokens: PageTokens,
        identities: Authenticator | None = None,
        metrics: Registry | None = None,
    ) -> None:
        self._broker = broker
        self._guard = guard
        self._page_tokens = page_tokens
        self._identities = identities or Authenticator(PeerIdentities())
        self._calls = RpcMetrics(metrics or Registry())
        self._span_attributes: dict[str, dict[str, str]] = {}

    def _span_start(self, rpc: str) -> dict[str, str]:
        found = self._span_attributes.get(rpc)
        if found is None:
            found = self._span_attributes[rpc] = {
                "rpc.system": "grpc",
                "rpc.service": self.SERVICE,
                "rpc.method": rpc,
            }
        return found

    async def _serve(
        self,
        rpc: str,
        context: Ctx,
        work: Callable[[Identity], Awaitable[T]],
        request: Message,
    ) -> T:
        """Runs one RPC in a span: identity in, limits applied, domain errors out as statuses.

        ``request`` arrives empty: the guard admits the caller, fills it from the wire and
        bounds the call's time (api/limits.py), then ``work`` runs. The span continues
        the caller's trace (``traceparent``) and carries the RPC, the caller and the
        outcome; never a request field that could hold a value, and never the text of an
        error. Each RPC also leaves a latency measurement and a log line (api/observe.py).
        """
        started = time.perf_counter()
        note, token = begin_call()
        who = ""
        with _tracer.start_as_current_span(
            f"secretsbroker.v1/{rpc}",
            context=caller_trace(context),
            kind=trace.SpanKind.SERVER,
            attributes=self._span_start(rpc),
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            try:
                identity = await self._identities.identify(context)
                who = identity.canonical
                span.set_attribute("enduser.id", who)
                with deadline_in(context.time_remaining()):
                    result = await self._guard.run(
                        who, request, context, functools.partial(work, identity)
                    )
            except asyncio.CancelledError:  # the caller went away (or its deadline passed)
                self._calls.finish(rpc, grpc.StatusCode.CANCELLED, "", who, started, note.cache)
                raise
            except Exception as exc:  # every error becomes a status here, and only here
                status = status_of(exc)
                span.set_attribute("rpc.grpc.status_code", status.code.value[0])
                span.set_attribute("secretsbroker.error_reason", status.reason)
                if status.code in _SERVER_FAULTS:
                    span.set_status(trace.StatusCode.ERROR, status.code.name)
                self._calls.finish(rpc, status.code, status.reason, who, started, note.cache)
                await _abort(context, status)
            finally:
                end_call(token)
            span.set_attribute("rpc.grpc.status_code", grpc.StatusCode.OK.value[0])
            self._calls.finish(rpc, grpc.StatusCode.OK, "", who, started, note.cache)
            return result


# WatchSecret writes its stream with context.write (a coroutine), which the generated
# stub's iterator-returning signature does not describe.
class BrokerServicer(  # type: ignore[misc]
    _Servicer, WatchMethods, broker_grpc.SecretsBrokerServiceServicer
):
    SERVICE = broker_pb.DESCRIPTOR.services_by_name["SecretsBrokerService"].full_name

    async def GetSecret(  # type: ignore[override]  # bytes: see api/render.py
        self, request: broker_pb.GetSecretRequest, context: Ctx
    ) -> bytes:
        """Answers with the encoded GetSecretResponse (api/render.py)."""

        async def work(identity: Identity) -> bytes:
            name = SecretName.parse(request.name)
            version = convert.check_version("version", request.version)
            keys = convert.check_keys(request.keys)
            secret = await self._broker.get_secret(identity, name, version)
            mark_stale(context, [(request.name, secret)])
            return render.get_secret_response(secret, keys)

        return await self._serve("GetSecret", context, work, request)

    async def BatchGetSecrets(
        self, request: broker_pb.BatchGetSecretsRequest, context: Ctx
    ) -> broker_pb.BatchGetSecretsResponse:
        async def work(identity: Identity) -> broker_pb.BatchGetSecretsResponse:
            if not request.names:
                raise InvalidArgument("names", "at least one name is required")
            if len(request.names) > MAX_BATCH:
                raise InvalidArgument("names", f"more than {MAX_BATCH} names")
            keys = convert.check_keys(request.keys)
            # A malformed name is that item's INVALID_ARGUMENT, not the whole call's.
            parsed: list[SecretName | BrokerError] = []
            for i, raw in enumerate(request.names):
                try:
                    parsed.append(SecretName.parse(raw, f"names[{i}]"))
                except InvalidArgument as exc:
                    parsed.append(exc)
            names = [n for n in parsed if isinstance(n, SecretName)]
            outcomes = await self._broker.batch_get(identity, names)
            answered = zip((n.value for n in names), outcomes, strict=True)
            mark_stale(context, [(n, o) for n, o in answered if isinstance(o, Secret)], batch=True)
            loaded = iter(outcomes)
            results = []
            for raw, entry in zip(request.names, parsed, strict=True):
                outcome = entry if isinstance(entry, BrokerError) else next(loaded)
                item = broker_pb.BatchGetSecretsResult(name=raw)
                if isinstance(outcome, BrokerError):
                    item.error.CopyFrom(status_of(outcome).proto)
                else:
                    item.secret.CopyFrom(render.secret_message(outcome, keys))
                    item.resolved_name = outcome.name.value
                results.append(item)
            return broker_pb.BatchGetSecretsResponse(results=results)

        return await self._serve("BatchGetSecrets", context, work, request)

    async def GetUserDirectory(
        self, request: broker_pb.GetUserDirectoryRequest, context: Ctx
    ) -> broker_pb.GetUserDirectoryResponse:
        async def work(identity: Identity) -> broker_pb.GetUserDirectoryResponse:
            collection = SecretName.parse(request.collection, "collection")
            limit = convert.page_size(request.page_size)
            user_ids = convert.check_user_ids(request.user_ids)
            member_of = check_entity_id(request.member_of, "member_of") if request.member_of else ""
            credentials = request.include_credentials
            query = (identity, collection.value, sorted(user_ids), member_of, credentials)
            after = self._page_tokens.decode(request.page_token, query)
            page = await self._broker.user_directory(
                identity,
                collection,
                user_ids=user_ids,
                member_of=member_of,
                include_credentials=request.include_credentials,
                after=after,
                limit=limit,
            )
            return broker_pb.GetUserDirectoryResponse(
                users=[
                    convert.user_to_pb(u, page.member_of[u.user_id], request.include_credentials)
                    for u in page.users
                ],
                next_page_token=self._page_tokens.encode(page.last, query),
                total_size=page.total,
            )

        return await self._serve("GetUserDirectory", context, work, request)

    async def GetAccessList(
        self, request: broker_pb.GetAccessListRequest, context: Ctx
    ) -> broker_pb.GetAccessListResponse:
        async def work(identity: Identity) -> broker_pb.GetAccessListResponse:
            collection = SecretName.parse(request.collection, "collection")
            target = request.WhichOneof("target")
            if target is None:
                raise InvalidArgument("target", "one of list_name or control_name is required")
            check_entity_id(getattr(request, target), target)
            coll, entry = await self._broker.access_entry(
                identity, collection, request.list_name, request.control_name
            )
            if target == "list_name":
                lst, warnings = convert.named_list_to_pb(coll, entry, request.resolve)  # type: ignore[arg-type]
                return broker_pb.GetAccessListResponse(named_list=lst, warnings=warnings)
            ctl, warnings = convert.control_to_pb(coll, entry, request.resolve)  # type: ignore[arg-type]
            return broker_pb.GetAccessListResponse(access_control=ctl, warnings=warnings)

        return await self._serve("GetAccessList", context, work, request)


class AdminServicer(_Servicer, VersionAdminMethods, admin_grpc.SecretsAdminServiceServicer):
    SERVICE = admin_pb.DESCRIPTOR.services_by_name["SecretsAdminService"].full_name

    async def PutSecret(
        self, request: admin_pb.PutSecretRequest, context: Ctx
    ) -> admin_pb.PutSecretResponse:
        async def work(identity: Identity) -> admin_pb.PutSecretResponse:
            name = SecretName.parse(request.name)
            expected = None
            if request.HasField("expected_version"):
                expected = convert.check_version("expected_version", request.expected_version)
            content = convert.content_from_put(request)
            meta = await self._broker.put_secret(
                identity, name, content, expected, request.expected_etag or None
            )
            return admin_pb.PutSecretResponse(metadata=convert.metadata_to_pb(meta))

        return await self._serve("PutSecret", context, work, request)

    async def DeleteSecret(
        self, request: admin_pb.DeleteSecretRequest, context: Ctx
    ) -> admin_pb.DeleteSecretResponse:
        async def work(identity: Identity) -> admin_pb.DeleteSecretResponse:
            name = SecretName.parse(request.name)
            await self._broker.delete_secret(identity, name, request.expected_etag or None)
            return admin_pb.DeleteSecretResponse()

        return await self._serve("DeleteSecret", context, work, request)

    async def ListSecrets(
        self, request: admin_pb.ListSecretsRequest, context: Ctx
    ) -> admin_pb.ListSecretsResponse:
        async def work(identity: Identity) -> admin_pb.ListSecretsResponse:
            prefix = check_prefix(request.prefix)
            limit = convert.page_size(request.page_size)
            query = (identity, prefix)
            after = self._page_tokens.decode(request.page_token, query)
            page, last = await self._broker.list_secrets(identity, prefix, limit, after)
            return admin_pb.ListSecretsResponse(
                secrets=[convert.metadata_to_pb(m) for m in page],
                next_page_token=self._page_tokens.encode(last, query),
            )

        return await self._serve("ListSecrets", context, work, request)

    async def ImportCollections(
        self, request: admin_pb.ImportCollectionsRequest, context: Ctx
    ) -> admin_pb.ImportCollectionsResponse:
        async def work(identity: Identity) -> admin_pb.ImportCollectionsResponse:
            results, warnings = await self._broker.import_collections(
                identity, request.yaml, request.dry_run
            )
            return admin_pb.ImportCollectionsResponse(
                collections=[
                    admin_pb.ImportedCollection(
                        name=r.collection.name,
                        user_count=r.collection.users,
                        named_list_count=r.collection.lists,
                        access_control_count=r.collection.controls,
                        secret_written=r.secret_written and not request.dry_run,
                        display_name=r.collection.display_name,
                        description=r.collection.description,
                    )
                    for r in results
                ],
                warnings=warnings,
            )

        return await self._serve("ImportCollections", context, work, request)
