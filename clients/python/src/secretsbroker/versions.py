"""Version lifecycle and rotation calls (admin): results and requests, for both clients."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from google.protobuf.duration_pb2 import Duration
from google.protobuf.message import Message

from secretsbroker.calls import Call
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.values import SecretMetadata

STATES = {
    admin_pb.SECRET_VERSION_STATE_ENABLED: "enabled",
    admin_pb.SECRET_VERSION_STATE_DISABLED: "disabled",
    admin_pb.SECRET_VERSION_STATE_DESTROYED: "destroyed",
}
ENCODINGS = {
    "base64": admin_pb.RANDOM_BYTES_ENCODING_BASE64,
    "base64url": admin_pb.RANDOM_BYTES_ENCODING_BASE64URL,
    "hex": admin_pb.RANDOM_BYTES_ENCODING_HEX,
}


def _time(message: Message, name: str) -> datetime | None:
    if not message.HasField(name):
        return None
    result: datetime = getattr(message, name).ToDatetime(tzinfo=UTC)
    return result


@dataclass(frozen=True, slots=True)
class SecretVersion:
    """One version of a secret, without its values."""

    name: str
    version: int
    state: str  # "enabled", "disabled" or "destroyed"
    create_time: datetime | None
    state_time: datetime | None
    scheduled_disable_time: datetime | None  # enabled until then (a rotation's overlap)
    data_crc32c: int
    proto: admin_pb.SecretVersion = field(repr=False, compare=False)

    @classmethod
    def from_proto(cls, message: admin_pb.SecretVersion) -> SecretVersion:
        return cls(
            name=message.name,
            version=message.version,
            state=STATES.get(message.state, "unspecified"),
            create_time=_time(message, "create_time"),
            state_time=_time(message, "state_time"),
            scheduled_disable_time=_time(message, "scheduled_disable_time"),
            data_crc32c=message.data_crc32c,
            proto=message,
        )


@dataclass(frozen=True, slots=True)
class Rotation:
    """What RotateSecret did. The new values are not in it: read them with get_secret."""

    metadata: SecretMetadata
    previous_version: int
    previous_disable_time: datetime | None  # None: the store keeps it readable
    proto: admin_pb.RotateSecretResponse = field(repr=False, compare=False)

    @classmethod
    def from_proto(cls, message: admin_pb.RotateSecretResponse) -> Rotation:
        return cls(
            SecretMetadata.from_proto(message.metadata),
            message.previous_version,
            _time(message, "previous_disable_time"),
            message,
        )


def list_secret_versions(
    name: str, page_size: int, page_token: str
) -> Call[tuple[list[SecretVersion], str]]:
    request = admin_pb.ListSecretVersionsRequest(
        name=name, page_size=page_size, page_token=page_token
    )

    def convert(response: admin_pb.ListSecretVersionsResponse) -> tuple[list[SecretVersion], str]:
        return [SecretVersion.from_proto(v) for v in response.versions], response.next_page_token

    return Call("admin", "ListSecretVersions", request, convert)


_CHANGES = {
    "disable": ("DisableSecretVersion", admin_pb.DisableSecretVersionRequest),
    "enable": ("EnableSecretVersion", admin_pb.EnableSecretVersionRequest),
    "destroy": ("DestroySecretVersion", admin_pb.DestroySecretVersionRequest),
}


def change_version(change: str, name: str, version: int) -> Call[SecretVersion]:
    """``change`` is "disable", "enable" or "destroy"; each is idempotent (retried)."""
    method, request_type = _CHANGES[change]

    def convert(response: admin_pb.DisableSecretVersionResponse) -> SecretVersion:
        return SecretVersion.from_proto(response.version)

    return Call("admin", method, request_type(name=name, version=version), convert)


def rotate_secret(
    name: str,
    *,
    password_length: int | None,
    random_bytes: tuple[int, str] | None,
    values: Mapping[str, str] | None,
    key: str,
    expected_version: int | None,
    overlap_seconds: int | None,
    password: admin_pb.PasswordGenerator | None = None,
) -> Call[Rotation]:
    """One generator: ``values``, ``random_bytes`` (length, encoding), or a password
    (``password`` for a full policy, else ``password_length``; the default)."""
    request = admin_pb.RotateSecretRequest(name=name, key=key)
    if values is not None:
        request.supplied.values.update(values)
    elif random_bytes is not None:
        length, encoding = random_bytes
        request.random_bytes.CopyFrom(
            admin_pb.RandomBytesGenerator(length=length, encoding=ENCODINGS[encoding])
        )
    else:
        policy = password or admin_pb.PasswordGenerator(length=password_length or 0)
        request.password.CopyFrom(policy)
    if expected_version is not None:
        request.expected_version = expected_version
    if overlap_seconds is not None:
        request.overlap.CopyFrom(Duration(seconds=overlap_seconds))
    return Call("admin", "RotateSecret", request, Rotation.from_proto, idempotent=False)
