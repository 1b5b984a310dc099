"""Protobuf ⇄ domain conversions and request-field validation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from google.protobuf.duration_pb2 import Duration
from google.protobuf.timestamp_pb2 import Timestamp
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import resources_pb2 as pb

from secrets_broker.domain.directory import AccessControl, Collection, NamedList, UserAccount
from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.graph import Resolution, cap_warnings
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata, SecretValue, TokenApi
from secrets_broker.domain.names import check_entity_id, check_key

MAX_VERSION = 2**53 - 1
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100
MAX_KEYS = 64


def timestamp(when: datetime) -> Timestamp:
    ts = Timestamp()
    ts.FromDatetime(when)
    return ts


def duration(seconds: int | None) -> Duration | None:
    return None if seconds is None else Duration(seconds=seconds)


def secret_to_pb(secret: Secret, keys: frozenset[str] = frozenset()) -> pb.Secret:
    content = secret.content
    values = content.values
    shown = {k: v.reveal() for k, v in values.items() if not keys or k in keys}
    return pb.Secret(
        name=secret.name.value,
        values=shown,
        version=secret.version,
        create_time=timestamp(secret.create_time),
        update_time=timestamp(secret.update_time),
        refresh_after=duration(content.refresh_after_seconds),
        etag=secret.etag,
        data_crc32c=content.crc32c(),
        token_api=token_api_to_pb(content.token_api) if content.token_api else None,
        labels=dict(content.labels),
    )


def metadata_to_pb(meta: SecretMetadata) -> admin_pb.SecretMetadata:
    return admin_pb.SecretMetadata(
        name=meta.name.value,
        version=meta.version,
        create_time=timestamp(meta.create_time),
        update_time=timestamp(meta.update_time),
        refresh_after=duration(meta.refresh_after_seconds),
        etag=meta.etag,
        data_crc32c=meta.data_crc32c,
        keys=list(meta.keys),
        labels=dict(meta.labels),
    )


def token_api_to_pb(api: TokenApi) -> pb.TokenApi:
    return pb.TokenApi(
        http_method=api.http_method,
        url=api.url,
        content_type=api.content_type,
        request_body=dict(api.request_body),
        response_body_mapping=dict(api.response_body_mapping),
    )


def _bounded_map(field: str, raw: Mapping[str, str], max_value: int) -> dict[str, str]:
    if len(raw) > 64:
        raise InvalidArgument(field, "more than 64 entries")
    for key, value in raw.items():
        if len(key.encode()) > 256 or len(value.encode()) > max_value:
            raise InvalidArgument(field, f"an entry is longer than allowed ({max_value} bytes)")
    return dict(raw)


def token_api_from_pb(api: pb.TokenApi) -> TokenApi:
    for field, value, limit in (
        ("token_api.http_method", api.http_method, 16),
        ("token_api.url", api.url, 2048),
        ("token_api.content_type", api.content_type, 256),
    ):
        if len(value.encode()) > limit:
            raise InvalidArgument(field, f"is longer than {limit} bytes")
    return TokenApi(
        http_method=api.http_method,
        url=api.url,
        content_type=api.content_type,
        request_body=_bounded_map("token_api.request_body", api.request_body, 4096),
        response_body_mapping=_bounded_map(
            "token_api.response_body_mapping", api.response_body_mapping, 256
        ),
    )


def content_from_put(req: admin_pb.PutSecretRequest) -> SecretContent:
    refresh = None
    if req.HasField("refresh_after"):
        if req.refresh_after.nanos or req.refresh_after.seconds <= 0:
            raise InvalidArgument("refresh_after", "must be a positive whole number of seconds")
        refresh = req.refresh_after.seconds
    return SecretContent(
        values={k: SecretValue(v) for k, v in req.values.items()},
        refresh_after_seconds=refresh,
        token_api=token_api_from_pb(req.token_api) if req.HasField("token_api") else None,
        labels=dict(req.labels),
    )


def check_version(field: str, version: int) -> int:
    if not 0 <= version <= MAX_VERSION:
        raise InvalidArgument(field, f"must be within [0, {MAX_VERSION}]")
    return version


def check_keys(keys: Sequence[str]) -> frozenset[str]:
    if len(keys) > MAX_KEYS:
        raise InvalidArgument("keys", f"more than {MAX_KEYS} keys")
    return frozenset(check_key(k, "keys") for k in keys)


def page_size(raw: int) -> int:
    if not 0 <= raw <= MAX_PAGE_SIZE:
        raise InvalidArgument("page_size", f"must be within [0, {MAX_PAGE_SIZE}]")
    return raw or DEFAULT_PAGE_SIZE


ACCOUNT_TYPE = {
    "EMPLOYEE": pb.USER_ACCOUNT_TYPE_EMPLOYEE,
    "CONTRACTOR": pb.USER_ACCOUNT_TYPE_CONTRACTOR,
    "EXTERNAL": pb.USER_ACCOUNT_TYPE_EXTERNAL,
    "DIGITAL": pb.USER_ACCOUNT_TYPE_DIGITAL,
}
ACCOUNT_STATUS = {
    "AVAILABLE": pb.USER_ACCOUNT_STATUS_AVAILABLE,
    "LOCKED": pb.USER_ACCOUNT_STATUS_LOCKED,
    "CREDENTIALS_EXPIRED": pb.USER_ACCOUNT_STATUS_CREDENTIALS_EXPIRED,
    "DISABLED": pb.USER_ACCOUNT_STATUS_DISABLED,
}
LIST_TYPE = {
    "SecurityGroup": pb.NAMED_LIST_TYPE_SECURITY_GROUP,
    "SecurityRole": pb.NAMED_LIST_TYPE_SECURITY_ROLE,
}
CONTROL_TYPE = {
    "ServiceAccessControl": pb.ACCESS_CONTROL_TYPE_SERVICE_ACCESS_CONTROL,
    "GovernanceZone": pb.ACCESS_CONTROL_TYPE_GOVERNANCE_ZONE,
}


def user_to_pb(
    user: UserAccount, member_of: Sequence[str], with_credentials: bool
) -> pb.UserAccount:
    return pb.UserAccount(
        user_id=user.user_id,
        user_name=user.user_name,
        display_name=user.display_name,
        given_name=user.given_name,
        surname=user.surname,
        email=user.email,
        employee_number=user.employee_number,
        employee_type=user.employee_type,
        manager=user.manager,
        distinguished_name=user.distinguished_name,
        user_account_type=ACCOUNT_TYPE.get(user.account_type, pb.USER_ACCOUNT_TYPE_UNSPECIFIED),
        user_account_status=ACCOUNT_STATUS.get(
            user.account_status, pb.USER_ACCOUNT_STATUS_DISABLED
        ),
        description=user.description,
        security_roles=list(user.security_roles),
        security_groups=list(user.security_groups),
        other_properties=dict(user.other_properties),
        credentials={k: v.reveal() for k, v in user.credentials.items()}
        if with_credentials
        else {},
        member_of=list(member_of),
    )


def named_list_to_pb(
    coll: Collection, lst: NamedList, resolve: bool
) -> tuple[pb.NamedList, tuple[str, ...]]:
    msg = pb.NamedList(
        name=lst.name,
        display_name=lst.display_name,
        description=lst.description,
        distinguished_name=lst.distinguished_name,
        list_type=LIST_TYPE.get(lst.list_type, pb.NAMED_LIST_TYPE_UNSPECIFIED),
        user_members=list(lst.user_members),
        list_members=list(lst.list_members),
        other_properties=dict(lst.other_properties),
    )
    if not resolve:
        return msg, ()
    r = coll.resolve(lst.name)
    msg.resolved_user_ids.extend(sorted(r.user_ids))
    msg.resolved_list_names.extend(sorted(r.list_names))
    msg.unresolved_user_members.extend(sorted(r.unresolved))
    return msg, r.warnings


def control_to_pb(
    coll: Collection, ctl: AccessControl, resolve: bool
) -> tuple[pb.AccessControl, tuple[str, ...]]:
    warnings: list[str] = []
    operations = {}
    seen: dict[tuple[str, ...], Resolution] = {}  # operations often share their lists
    for op, names in ctl.operations.items():
        entry = pb.OperationLists(list_names=list(names))
        if resolve:
            r = seen.get(names) or seen.setdefault(names, coll.resolve_many(names))
            entry.resolved_user_ids.extend(sorted(r.user_ids))
            entry.unresolved_user_members.extend(sorted(r.unresolved))
            warnings.extend(r.warnings)
        operations[op] = entry
    msg = pb.AccessControl(
        name=ctl.name,
        display_name=ctl.display_name,
        description=ctl.description,
        control_type=CONTROL_TYPE.get(ctl.control_type, pb.ACCESS_CONTROL_TYPE_UNSPECIFIED),
        mapping_properties=dict(ctl.mapping_properties),
        operations=operations,
        security_labels=list(ctl.security_labels),
        security_properties=dict(ctl.security_properties),
        other_properties=dict(ctl.other_properties),
    )
    return msg, tuple(cap_warnings(list(dict.fromkeys(warnings))))


def check_user_ids(ids: Sequence[str]) -> tuple[str, ...]:
    if len(ids) > 1000:
        raise InvalidArgument("user_ids", "more than 1000 ids")
    return tuple(check_entity_id(u, "user_ids") for u in ids)
