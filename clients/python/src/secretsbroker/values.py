"""The client's result types. A secret's values are ``SecretValue``s, which print as
``***``; ``reveal()`` is the one way to the text. Each result keeps the message it came
from as ``.proto`` (which prints its values as [REDACTED], see secretsbroker.redact)."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import grpc
from google.rpc import status_pb2

from secretsbroker.crc import data_crc32c
from secretsbroker.errors import BrokerError, DataCorrupt, error_from_status
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.v1 import resources_pb2 as pb

HIDDEN = "***"


class SecretValue:
    """One secret value. str(), repr() and format() print ``***``; ``reveal()`` returns it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"SecretValue('{HIDDEN}')"

    def __str__(self) -> str:
        return HIDDEN

    def __format__(self, spec: str) -> str:
        return HIDDEN

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SecretValue):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> str | tuple[object, ...]:
        # Pickling would carry the value out of the process in the clear.
        raise TypeError("a SecretValue is not picklable; reveal() it deliberately")


def _time(message: pb.Secret | admin_pb.SecretMetadata, name: str) -> datetime | None:
    if not message.HasField(name):  # type: ignore[arg-type]
        return None
    result: datetime = getattr(message, name).ToDatetime(tzinfo=UTC)
    return result


def _refresh(message: pb.Secret | admin_pb.SecretMetadata) -> timedelta | None:
    return message.refresh_after.ToTimedelta() if message.HasField("refresh_after") else None


@dataclass(frozen=True, slots=True)
class Secret:
    """A secret object as read. ``values`` holds only the keys asked for, if any were."""

    name: str
    values: Mapping[str, SecretValue]
    version: int
    create_time: datetime | None
    update_time: datetime | None
    refresh_after: timedelta | None  # the TTL hint; None: the broker's default
    etag: str
    data_crc32c: int
    labels: Mapping[str, str]
    token_api: pb.TokenApi | None
    proto: pb.Secret = field(repr=False, compare=False)

    def reveal(self, key: str) -> str:
        """The text of one value; KeyError if the secret has no such key."""
        return self.values[key].reveal()

    @classmethod
    def from_proto(cls, message: pb.Secret, *, complete: bool) -> Secret:
        """``complete``: every value was asked for, so the CRC32C can be checked here."""
        if complete and data_crc32c(message.values) != message.data_crc32c:
            raise DataCorrupt(
                grpc.StatusCode.DATA_LOSS,
                f"secret {message.name!r}: values do not match data_crc32c",
                reason="DATA_CORRUPT",
            )
        return cls(
            name=message.name,
            values={k: SecretValue(v) for k, v in message.values.items()},
            version=message.version,
            create_time=_time(message, "create_time"),
            update_time=_time(message, "update_time"),
            refresh_after=_refresh(message),
            etag=message.etag,
            data_crc32c=message.data_crc32c,
            labels=dict(message.labels),
            token_api=message.token_api if message.HasField("token_api") else None,
            proto=message,
        )


@dataclass(frozen=True, slots=True)
class SecretMetadata:
    """Everything about a secret's latest version but its values."""

    name: str
    version: int
    create_time: datetime | None
    update_time: datetime | None
    refresh_after: timedelta | None
    etag: str
    data_crc32c: int
    keys: tuple[str, ...]
    labels: Mapping[str, str]
    proto: admin_pb.SecretMetadata = field(repr=False, compare=False)

    @classmethod
    def from_proto(cls, message: admin_pb.SecretMetadata) -> SecretMetadata:
        return cls(
            name=message.name,
            version=message.version,
            create_time=_time(message, "create_time"),
            update_time=_time(message, "update_time"),
            refresh_after=_refresh(message),
            etag=message.etag,
            data_crc32c=message.data_crc32c,
            keys=tuple(message.keys),
            labels=dict(message.labels),
            proto=message,
        )


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One result of a batch read: exactly one of ``secret`` and ``error`` is set."""

    name: str
    secret: Secret | None
    error: BrokerError | None
    proto: broker_pb.BatchGetSecretsResult = field(repr=False, compare=False)

    @classmethod
    def from_proto(cls, item: broker_pb.BatchGetSecretsResult, *, complete: bool) -> BatchItem:
        if item.HasField("secret"):
            try:
                return cls(item.name, Secret.from_proto(item.secret, complete=complete), None, item)
            except DataCorrupt as exc:
                return cls(item.name, None, exc, item)
        error = item.error if item.HasField("error") else status_pb2.Status(code=2)
        return cls(item.name, None, error_from_status(error), item)


@dataclass(frozen=True, slots=True)
class UserPage:
    """One page of a user directory. Credentials, when asked for, print as [REDACTED]."""

    users: tuple[pb.UserAccount, ...]
    next_page_token: str
    total_size: int
    proto: broker_pb.GetUserDirectoryResponse = field(repr=False, compare=False)

    @classmethod
    def from_proto(cls, message: broker_pb.GetUserDirectoryResponse) -> UserPage:
        return cls(tuple(message.users), message.next_page_token, message.total_size, message)


@dataclass(frozen=True, slots=True)
class AccessList:
    """A named list or an access control (exactly one is set), with resolve warnings."""

    named_list: pb.NamedList | None
    access_control: pb.AccessControl | None
    warnings: tuple[str, ...]
    proto: broker_pb.GetAccessListResponse = field(repr=False, compare=False)

    @classmethod
    def from_proto(cls, message: broker_pb.GetAccessListResponse) -> AccessList:
        return cls(
            message.named_list if message.HasField("named_list") else None,
            message.access_control if message.HasField("access_control") else None,
            tuple(message.warnings),
            message,
        )
