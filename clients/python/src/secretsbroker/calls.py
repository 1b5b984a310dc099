"""Each RPC as a value: which stub method, which request, how to read the answer.

The sync client (secretsbroker.client) and the asyncio one (secretsbroker.aio) differ only
in how they invoke a ``Call``; requests and results are built here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from google.protobuf.duration_pb2 import Duration
from google.protobuf.message import Message

from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.v1 import resources_pb2 as pb
from secretsbroker.values import AccessList, BatchItem, Secret, SecretMetadata, UserPage

Out = TypeVar("Out")


@dataclass(frozen=True, slots=True)
class Call(Generic[Out]):
    service: Literal["broker", "admin"]
    method: str
    request: Message
    convert: Callable[[Any], Out]
    idempotent: bool = True  # reads: safe to retry on UNAVAILABLE


def get_secret(name: str, version: int, keys: Sequence[str]) -> Call[Secret]:
    request = broker_pb.GetSecretRequest(name=name, version=version, keys=list(keys))
    complete = not keys

    def convert(response: broker_pb.GetSecretResponse) -> Secret:
        return Secret.from_proto(response.secret, complete=complete)

    return Call("broker", "GetSecret", request, convert)


def batch_get_secrets(names: Sequence[str], keys: Sequence[str]) -> Call[list[BatchItem]]:
    request = broker_pb.BatchGetSecretsRequest(names=list(names), keys=list(keys))
    complete = not keys

    def convert(response: broker_pb.BatchGetSecretsResponse) -> list[BatchItem]:
        return [BatchItem.from_proto(item, complete=complete) for item in response.results]

    return Call("broker", "BatchGetSecrets", request, convert)


def get_user_directory(
    collection: str,
    page_size: int,
    page_token: str,
    user_ids: Sequence[str],
    member_of: str,
    include_credentials: bool,
) -> Call[UserPage]:
    request = broker_pb.GetUserDirectoryRequest(
        collection=collection,
        page_size=page_size,
        page_token=page_token,
        user_ids=list(user_ids),
        member_of=member_of,
        include_credentials=include_credentials,
    )
    return Call("broker", "GetUserDirectory", request, UserPage.from_proto)


def get_access_list(
    collection: str, list_name: str, control_name: str, resolve: bool
) -> Call[AccessList]:
    request = broker_pb.GetAccessListRequest(collection=collection, resolve=resolve)
    if list_name:
        request.list_name = list_name
    if control_name:
        request.control_name = control_name
    return Call("broker", "GetAccessList", request, AccessList.from_proto)


def put_secret(
    name: str,
    values: Mapping[str, str],
    expected_version: int | None,
    expected_etag: str,
    refresh_after_seconds: int | None,
    labels: Mapping[str, str] | None,
    token_api: pb.TokenApi | None,
) -> Call[SecretMetadata]:
    request = admin_pb.PutSecretRequest(
        name=name, values=dict(values), expected_etag=expected_etag, labels=dict(labels or {})
    )
    if expected_version is not None:
        request.expected_version = expected_version
    if refresh_after_seconds is not None:
        request.refresh_after.CopyFrom(Duration(seconds=refresh_after_seconds))
    if token_api is not None:
        request.token_api.CopyFrom(token_api)

    def convert(response: admin_pb.PutSecretResponse) -> SecretMetadata:
        return SecretMetadata.from_proto(response.metadata)

    return Call("admin", "PutSecret", request, convert, idempotent=False)


def delete_secret(name: str, expected_etag: str) -> Call[None]:
    request = admin_pb.DeleteSecretRequest(name=name, expected_etag=expected_etag)
    return Call("admin", "DeleteSecret", request, lambda _: None, idempotent=False)


def list_secrets(
    prefix: str, page_size: int, page_token: str
) -> Call[tuple[list[SecretMetadata], str]]:
    request = admin_pb.ListSecretsRequest(prefix=prefix, page_size=page_size, page_token=page_token)

    def convert(response: admin_pb.ListSecretsResponse) -> tuple[list[SecretMetadata], str]:
        return [SecretMetadata.from_proto(m) for m in response.secrets], response.next_page_token

    return Call("admin", "ListSecrets", request, convert)


def import_collections(yaml_text: str, dry_run: bool) -> Call[admin_pb.ImportCollectionsResponse]:
    request = admin_pb.ImportCollectionsRequest(yaml=yaml_text, dry_run=dry_run)
    return Call("admin", "ImportCollections", request, lambda r: r, idempotent=dry_run)
