"""The asyncio client: the same calls, results, errors, deadlines, retries and cache as
the synchronous one (secretsbroker.client), on a grpc.aio channel.

    async with aio.connect("127.0.0.1:50051", ca=..., cert=..., key=...) as broker:
        secret = await broker.get_secret("demo/database")
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, Unpack

import grpc

from secretsbroker import calls, versions
from secretsbroker.cache import SecretCache, cache_key
from secretsbroker.client import Options
from secretsbroker.config import Target
from secretsbroker.errors import BrokerError, error_from_rpc
from secretsbroker.retry import DEFAULT_TIMEOUT_SECONDS, Attempts, RetryPolicy
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc
from secretsbroker.v1 import resources_pb2 as pb
from secretsbroker.values import AccessList, BatchItem, Secret, SecretMetadata, UserPage
from secretsbroker.versions import Rotation, SecretVersion
from secretsbroker.watch import RECONNECT, WatchEvent, WatchState, watch_async

Out = TypeVar("Out")


class AsyncBrokerClient:
    """Use from one event loop. Close it (or use ``async with``) when done."""

    def __init__(
        self,
        channel: grpc.aio.Channel,
        *,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        retry: RetryPolicy | None = None,
        retry_writes: bool = False,
        cache: SecretCache | None = None,
    ) -> None:
        self._channel = channel
        self._timeout = timeout_seconds
        self._retry = retry or RetryPolicy()
        self._retry_writes = retry_writes
        self.cache = cache
        self._stubs: dict[str, Any] = {
            "broker": broker_grpc.SecretsBrokerServiceStub(channel),
            "admin": admin_grpc.SecretsAdminServiceStub(channel),
        }

    @classmethod
    def for_target(
        cls,
        target: Target,
        *,
        interceptors: Sequence[grpc.aio.ClientInterceptor] = (),
        **options: Unpack[Options],
    ) -> AsyncBrokerClient:
        channel = grpc.aio.secure_channel(
            target.address, target.credentials(), target.options(), interceptors=interceptors
        )
        return cls(channel, **options)

    async def __aenter__(self) -> AsyncBrokerClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._channel.close(None)

    async def run(self, call: calls.Call[Out], timeout: float | None = None) -> Out:
        """Invokes one RPC with the client's deadline, retries and error mapping."""
        retry = self._retry if call.idempotent or self._retry_writes else RetryPolicy(1)
        attempts = Attempts(retry, self._timeout if timeout is None else timeout)
        method = getattr(self._stubs[call.service], call.method)
        while True:
            try:
                response = await method(call.request, timeout=attempts.next_timeout())
                return call.convert(response)
            except grpc.RpcError as err:
                error: BrokerError = error_from_rpc(err)
            wait = attempts.wait_before_retry(error)
            if wait is None:
                raise error
            await asyncio.sleep(wait)

    async def get_secret(
        self,
        name: str,
        *,
        version: int = 0,
        keys: Sequence[str] = (),
        timeout: float | None = None,
    ) -> Secret:
        key = cache_key(name, version, keys)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return hit
        secret = await self.run(calls.get_secret(name, version, keys), timeout)
        if self.cache is not None:
            self.cache.put(key, secret)
        return secret

    async def batch_get_secrets(
        self, names: Sequence[str], *, keys: Sequence[str] = (), timeout: float | None = None
    ) -> list[BatchItem]:
        return await self.run(calls.batch_get_secrets(names, keys), timeout)

    async def get_user_directory(
        self,
        collection: str,
        *,
        page_size: int = 0,
        page_token: str = "",
        user_ids: Sequence[str] = (),
        member_of: str = "",
        include_credentials: bool = False,
        timeout: float | None = None,
    ) -> UserPage:
        call = calls.get_user_directory(
            collection, page_size, page_token, user_ids, member_of, include_credentials
        )
        return await self.run(call, timeout)

    async def iter_users(self, collection: str, **query: Any) -> AsyncIterator[pb.UserAccount]:
        token = ""
        while True:
            page = await self.get_user_directory(collection, page_token=token, **query)
            for user in page.users:
                yield user
            token = page.next_page_token
            if not token:
                return

    async def get_access_list(
        self,
        collection: str,
        *,
        list_name: str = "",
        control_name: str = "",
        resolve: bool = False,
        timeout: float | None = None,
    ) -> AccessList:
        call = calls.get_access_list(collection, list_name, control_name, resolve)
        return await self.run(call, timeout)

    async def put_secret(
        self,
        name: str,
        values: Mapping[str, str],
        *,
        expected_version: int | None = None,
        expected_etag: str = "",
        refresh_after_seconds: int | None = None,
        labels: Mapping[str, str] | None = None,
        token_api: pb.TokenApi | None = None,
        timeout: float | None = None,
    ) -> SecretMetadata:
        call = calls.put_secret(
            name, values, expected_version, expected_etag, refresh_after_seconds, labels, token_api
        )
        try:
            return await self.run(call, timeout)
        finally:
            if self.cache is not None:
                self.cache.invalidate(name)

    async def delete_secret(
        self, name: str, *, expected_etag: str = "", timeout: float | None = None
    ) -> None:
        try:
            await self.run(calls.delete_secret(name, expected_etag), timeout)
        finally:
            if self.cache is not None:
                self.cache.invalidate(name)

    async def list_secrets_page(
        self, prefix: str = "", *, page_size: int = 0, page_token: str = ""
    ) -> tuple[list[SecretMetadata], str]:
        return await self.run(calls.list_secrets(prefix, page_size, page_token))

    async def import_collections(
        self, yaml_text: str, dry_run: bool = False
    ) -> admin_pb.ImportCollectionsResponse:
        return await self.run(calls.import_collections(yaml_text, dry_run))

    async def list_secret_versions_page(
        self, name: str, *, page_size: int = 0, page_token: str = ""
    ) -> tuple[list[SecretVersion], str]:
        """One page of a secret's versions, newest first, and the next page's token."""
        return await self.run(versions.list_secret_versions(name, page_size, page_token))

    async def disable_secret_version(self, name: str, version: int) -> SecretVersion:
        return await self.run(versions.change_version("disable", name, version))

    async def enable_secret_version(self, name: str, version: int) -> SecretVersion:
        return await self.run(versions.change_version("enable", name, version))

    async def destroy_secret_version(self, name: str, version: int) -> SecretVersion:
        return await self.run(versions.change_version("destroy", name, version))

    async def rotate_secret(
        self,
        name: str,
        *,
        password_length: int | None = None,
        password: admin_pb.PasswordGenerator | None = None,
        random_bytes: tuple[int, str] | None = None,
        values: Mapping[str, str] | None = None,
        key: str = "",
        expected_version: int | None = None,
        overlap_seconds: int | None = None,
        timeout: float | None = None,
    ) -> Rotation:
        """A new version from a generated password (the default), random bytes
        ``(length, "base64"|"base64url"|"hex")`` or ``values``; see RotateSecret."""
        call = versions.rotate_secret(
            name,
            password_length=password_length,
            password=password,
            random_bytes=random_bytes,
            values=values,
            key=key,
            expected_version=expected_version,
            overlap_seconds=overlap_seconds,
        )
        try:
            return await self.run(call, timeout)
        finally:
            if self.cache is not None:
                self.cache.invalidate(name)

    def watch(
        self,
        names: Sequence[str] = (),
        *,
        prefix: str = "",
        keys: Sequence[str] = (),
        heartbeat_seconds: int | None = None,
        resume_after: dict[str, int] | None = None,
        reconnect: RetryPolicy | None = None,
    ) -> AsyncIterator[WatchEvent]:
        """Every version of ``names`` (and of the names under ``prefix``) as they are
        written, resuming by itself after a broken stream (secretsbroker.watch)."""
        state = WatchState(names, prefix, keys, heartbeat_seconds, resume_after)
        return watch_async(self._stubs["broker"], state, reconnect or RECONNECT)


def connect(
    address: str,
    *,
    ca: Path | str,
    cert: Path | str,
    key: Path | str,
    server_name: str | None = None,
    interceptors: Sequence[grpc.aio.ClientInterceptor] = (),
    **options: Unpack[Options],
) -> AsyncBrokerClient:
    """An asyncio client for ``address`` with this mTLS identity (PEM files). Call it
    inside a running event loop."""
    target = Target(address, Path(ca), Path(cert), Path(key), server_name)
    return AsyncBrokerClient.for_target(target, interceptors=interceptors, **options)


def from_env(**options: Unpack[Options]) -> AsyncBrokerClient:
    """An asyncio client from SECRETS_BROKER_ADDRESS/_CA/_CERT/_KEY."""
    return AsyncBrokerClient.for_target(Target.from_env(), **options)
