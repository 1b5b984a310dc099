"""The synchronous client: both services on one mTLS channel.

    with connect("127.0.0.1:50051", ca="ca.pem", cert="client.pem", key="client-key.pem") as b:
        password = b.get_secret("demo/database").reveal("clearPassword")

Every call has a deadline (``timeout_seconds``, per call overridable), retries
UNAVAILABLE with jittered backoff (secretsbroker.retry), and raises a typed
secretsbroker.errors.BrokerError. With a ``cache``, secrets are kept for their
refresh_after.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypedDict, TypeVar, Unpack

import grpc

from secretsbroker import calls, versions
from secretsbroker.cache import SecretCache, cache_key
from secretsbroker.config import Target
from secretsbroker.errors import BrokerError, error_from_rpc
from secretsbroker.retry import DEFAULT_TIMEOUT_SECONDS, Attempts, RetryPolicy
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc
from secretsbroker.v1 import resources_pb2 as pb
from secretsbroker.values import AccessList, BatchItem, Secret, SecretMetadata, UserPage
from secretsbroker.versions import Rotation, SecretVersion
from secretsbroker.watch import RECONNECT, WatchEvent, WatchState, watch_sync

Out = TypeVar("Out")


class Options(TypedDict, total=False):
    """Keyword options of connect() and from_env(), for both clients."""

    timeout_seconds: float  # each call's deadline, retries included (default 10)
    retry: RetryPolicy  # UNAVAILABLE retries (default: 4 attempts, 0.1 s doubling to 2 s)
    retry_writes: bool  # retry PutSecret/DeleteSecret/ImportCollections too (default no)
    cache: SecretCache  # keep secrets for their refresh_after (default: no cache)


class BrokerClient:
    """Safe for use from several threads. Close it (or use ``with``) when done."""

    def __init__(
        self,
        channel: grpc.Channel,
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
    def connect(
        cls,
        address: str,
        *,
        ca: Path | str,
        cert: Path | str,
        key: Path | str,
        server_name: str | None = None,
        interceptors: Sequence[grpc.UnaryUnaryClientInterceptor[Any, Any]] = (),
        **options: Unpack[Options],
    ) -> BrokerClient:
        """A client for ``address`` ("host:port") with this mTLS identity (PEM files)."""
        target = Target(address, Path(ca), Path(cert), Path(key), server_name)
        return cls.for_target(target, interceptors=interceptors, **options)

    @classmethod
    def with_token(
        cls,
        address: str,
        *,
        ca: Path | str,
        token: str,
        server_name: str | None = None,
        **options: Unpack[Options],
    ) -> BrokerClient:
        """A client whose calls carry ``authorization: Bearer <token>`` (an OpenID
        Provider's access token, or a JWT-SVID) over TLS without a client certificate:
        for the broker's token listener (``tokens.listen``)."""
        creds = grpc.composite_channel_credentials(
            grpc.ssl_channel_credentials(root_certificates=Path(ca).read_bytes()),
            grpc.access_token_call_credentials(token),
        )
        target = Target(address, Path(ca), Path(), Path(), server_name)
        return cls(grpc.secure_channel(address, creds, target.options()), **options)

    @classmethod
    def from_env(cls, **options: Unpack[Options]) -> BrokerClient:
        """A client from SECRETS_BROKER_ADDRESS/_CA/_CERT/_KEY."""
        return cls.for_target(Target.from_env(), **options)

    @classmethod
    def for_target(
        cls,
        target: Target,
        *,
        interceptors: Sequence[grpc.UnaryUnaryClientInterceptor[Any, Any]] = (),
        **options: Unpack[Options],
    ) -> BrokerClient:
        channel = grpc.secure_channel(target.address, target.credentials(), target.options())
        if interceptors:
            channel = grpc.intercept_channel(channel, *interceptors)
        return cls(channel, **options)

    def __enter__(self) -> BrokerClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    def run(self, call: calls.Call[Out], timeout: float | None = None) -> Out:
        """Invokes one RPC with the client's deadline, retries and error mapping."""
        retry = self._retry if call.idempotent or self._retry_writes else RetryPolicy(1)
        attempts = Attempts(retry, self._timeout if timeout is None else timeout)
        method = getattr(self._stubs[call.service], call.method)
        while True:
            try:
                return call.convert(method(call.request, timeout=attempts.next_timeout()))
            except grpc.RpcError as err:
                error: BrokerError = error_from_rpc(err)
            wait = attempts.wait_before_retry(error)
            if wait is None:
                raise error
            time.sleep(wait)

    def get_secret(
        self,
        name: str,
        *,
        version: int = 0,
        keys: Sequence[str] = (),
        timeout: float | None = None,
    ) -> Secret:
        """One secret (latest version unless ``version``), all values or only ``keys``."""
        key = cache_key(name, version, keys)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return hit
        secret = self.run(calls.get_secret(name, version, keys), timeout)
        if self.cache is not None:
            self.cache.put(key, secret)
        return secret

    def batch_get_secrets(
        self, names: Sequence[str], *, keys: Sequence[str] = (), timeout: float | None = None
    ) -> list[BatchItem]:
        """One result per name, in order; a missing or malformed name is that item's error."""
        return self.run(calls.batch_get_secrets(names, keys), timeout)

    def get_user_directory(
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
        return self.run(call, timeout)

    def iter_users(self, collection: str, **query: Any) -> Iterator[pb.UserAccount]:
        """Every user matching the query, following page tokens."""
        token = ""
        while True:
            page = self.get_user_directory(collection, page_token=token, **query)
            yield from page.users
            token = page.next_page_token
            if not token:
                return

    def get_access_list(
        self,
        collection: str,
        *,
        list_name: str = "",
        control_name: str = "",
        resolve: bool = False,
        timeout: float | None = None,
    ) -> AccessList:
        return self.run(
            calls.get_access_list(collection, list_name, control_name, resolve), timeout
        )

    def put_secret(
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
            return self.run(call, timeout)
        finally:
            if self.cache is not None:
                self.cache.invalidate(name)

    def delete_secret(
        self, name: str, *, expected_etag: str = "", timeout: float | None = None
    ) -> None:
        try:
            self.run(calls.delete_secret(name, expected_etag), timeout)
        finally:
            if self.cache is not None:
                self.cache.invalidate(name)

    def list_secrets_page(
        self, prefix: str = "", *, page_size: int = 0, page_token: str = ""
    ) -> tuple[list[SecretMetadata], str]:
        """One page of metadata (never values) and the token of the next ("" at the end)."""
        return self.run(calls.list_secrets(prefix, page_size, page_token))

    def list_secrets(self, prefix: str = "", page_size: int = 0) -> Iterator[SecretMetadata]:
        """Every entry under ``prefix``, following page tokens."""
        token = ""
        while True:
            page, token = self.list_secrets_page(prefix, page_size=page_size, page_token=token)
            yield from page
            if not token:
                return

    def import_collections(
        self, yaml_text: str, dry_run: bool = False
    ) -> admin_pb.ImportCollectionsResponse:
        return self.run(calls.import_collections(yaml_text, dry_run))

    def list_secret_versions_page(
        self, name: str, *, page_size: int = 0, page_token: str = ""
    ) -> tuple[list[SecretVersion], str]:
        """One page of a secret's versions, newest first, and the next page's token."""
        return self.run(versions.list_secret_versions(name, page_size, page_token))

    def disable_secret_version(self, name: str, version: int) -> SecretVersion:
        return self.run(versions.change_version("disable", name, version))

    def enable_secret_version(self, name: str, version: int) -> SecretVersion:
        return self.run(versions.change_version("enable", name, version))

    def destroy_secret_version(self, name: str, version: int) -> SecretVersion:
        return self.run(versions.change_version("destroy", name, version))

    def rotate_secret(
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
            return self.run(call, timeout)
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
    ) -> Iterator[WatchEvent]:
        """Every version of ``names`` (and of the names under ``prefix``) as they are
        written, resuming by itself after a broken stream (secretsbroker.watch)."""
        state = WatchState(names, prefix, keys, heartbeat_seconds, resume_after)
        return watch_sync(self._stubs["broker"], state, reconnect or RECONNECT)


def connect(
    address: str,
    *,
    ca: Path | str,
    cert: Path | str,
    key: Path | str,
    server_name: str | None = None,
    **options: Unpack[Options],
) -> BrokerClient:
    """A synchronous client for ``address`` with this mTLS identity (PEM files)."""
    return BrokerClient.connect(
        address, ca=ca, cert=cert, key=key, server_name=server_name, **options
    )


def connect_with_token(
    address: str,
    *,
    ca: Path | str,
    token: str,
    server_name: str | None = None,
    **options: Unpack[Options],
) -> BrokerClient:
    """A synchronous client whose calls carry this bearer token (see BrokerClient.with_token)."""
    return BrokerClient.with_token(address, ca=ca, token=token, server_name=server_name, **options)


def from_env(**options: Unpack[Options]) -> BrokerClient:
    """A synchronous client from SECRETS_BROKER_ADDRESS/_CA/_CERT/_KEY."""
    return BrokerClient.from_env(**options)
