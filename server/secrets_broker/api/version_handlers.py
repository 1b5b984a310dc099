"""gRPC servicer methods for versions, rotation and watch (mixed into the servicers of
handlers.py, whose ``_serve`` reads the identity, applies limits and maps errors).

WatchSecret is the one server-streaming method: its start (request, validation, watch
slot, opening the watch) runs inside ``_serve`` like any call; the events then stream
outside the RPC ceiling, until the caller leaves, the stream reaches its maximum age,
or the server stops (UNAVAILABLE: reconnect and resume).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as broker_pb

from secrets_broker.access.identity import Identity
from secrets_broker.api import convert
from secrets_broker.api.convert_versions import (
    check_version_number,
    event_to_pb,
    rotation_from_pb,
    version_to_pb,
    watch_from_pb,
)
from secrets_broker.api.limits import CallGuard
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.broker import Broker
from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionChange

T = TypeVar("T")
Ctx = Any  # grpc.aio.ServicerContext


class _Base:
    _broker: Broker
    _guard: CallGuard
    _page_tokens: PageTokens

    if TYPE_CHECKING:

        async def _serve(
            self,
            rpc: str,
            context: Ctx,
            work: Callable[[Identity], Awaitable[T]],
            request: Any,
        ) -> T: ...


class VersionAdminMethods(_Base):
    async def ListSecretVersions(
        self, request: admin_pb.ListSecretVersionsRequest, context: Ctx
    ) -> admin_pb.ListSecretVersionsResponse:
        async def work(identity: Identity) -> admin_pb.ListSecretVersionsResponse:
            name = SecretName.parse(request.name)
            limit = convert.page_size(request.page_size)
            query = (identity, name.value, "versions")
            after = self._page_tokens.decode(request.page_token, query)
            infos = await self._broker.lifecycle.list_versions(identity, name)
            if after:
                infos = [i for i in infos if i.version < int(after)]
            page = infos[:limit]
            last = str(page[-1].version) if len(infos) > limit else None
            return admin_pb.ListSecretVersionsResponse(
                versions=[version_to_pb(i) for i in page],
                next_page_token=self._page_tokens.encode(last, query),
            )

        return await self._serve("ListSecretVersions", context, work, request)

    async def _change(self, rpc: str, request: Any, context: Ctx, change: VersionChange) -> Any:
        async def work(identity: Identity) -> admin_pb.SecretVersion:
            name = SecretName.parse(request.name)
            version = check_version_number(request.version)
            info = await self._broker.lifecycle.change_version(identity, name, version, change)
            return version_to_pb(info)

        return await self._serve(rpc, context, work, request)

    async def DisableSecretVersion(
        self, request: admin_pb.DisableSecretVersionRequest, context: Ctx
    ) -> admin_pb.DisableSecretVersionResponse:
        info = await self._change("DisableSecretVersion", request, context, VersionChange.DISABLE)
        return admin_pb.DisableSecretVersionResponse(version=info)

    async def EnableSecretVersion(
        self, request: admin_pb.EnableSecretVersionRequest, context: Ctx
    ) -> admin_pb.EnableSecretVersionResponse:
        info = await self._change("EnableSecretVersion", request, context, VersionChange.ENABLE)
        return admin_pb.EnableSecretVersionResponse(version=info)

    async def DestroySecretVersion(
        self, request: admin_pb.DestroySecretVersionRequest, context: Ctx
    ) -> admin_pb.DestroySecretVersionResponse:
        info = await self._change("DestroySecretVersion", request, context, VersionChange.DESTROY)
        return admin_pb.DestroySecretVersionResponse(version=info)

    async def RotateSecret(
        self, request: admin_pb.RotateSecretRequest, context: Ctx
    ) -> admin_pb.RotateSecretResponse:
        async def work(identity: Identity) -> admin_pb.RotateSecretResponse:
            name = SecretName.parse(request.name)
            rotation = rotation_from_pb(request)
            done = await self._broker.lifecycle.rotate(
                identity,
                name,
                rotation.generator,
                key=rotation.key,
                expected_version=rotation.expected_version,
                overlap_seconds=rotation.overlap_seconds,
            )
            response = admin_pb.RotateSecretResponse(
                metadata=convert.metadata_to_pb(done.metadata),
                previous_version=done.previous_version,
            )
            if done.previous_disable_time is not None:
                response.previous_disable_time.CopyFrom(
                    convert.timestamp(done.previous_disable_time)
                )
            return response

        return await self._serve("RotateSecret", context, work, request)


class WatchMethods(_Base):
    async def WatchSecret(self, request: broker_pb.WatchSecretRequest, context: Ctx) -> None:
        lifecycle = self._broker.lifecycle

        async def work(identity: Identity) -> None:
            parsed = watch_from_pb(request)
            slots = self._guard.watches
            self._guard.admit_watch(identity.canonical)
            watch = None
            try:
                watch = await lifecycle.open_watch(
                    identity,
                    parsed.names,
                    parsed.prefix,
                    parsed.resume_after,
                    parsed.heartbeat_seconds or lifecycle.heartbeat_seconds,
                )
                # Past the start: the stream's own lifetime, not the RPC ceiling.
                self._guard.release_ceiling()
                async for event in watch.events():
                    await context.write(event_to_pb(event, parsed.keys))
            finally:
                if watch is not None:
                    lifecycle.hub.close_watch(watch)
                slots.release(identity.canonical)

        await self._serve("WatchSecret", context, work, request)
