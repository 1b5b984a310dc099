"""Typed errors, built from the google.rpc.ErrorInfo the broker sends with every status.

Every failure of a client call is a ``BrokerError`` with ``.code`` (the gRPC status
code), ``.reason`` (ErrorInfo.reason: stable, meant for programs; empty when gRPC itself
made the status, for example an unreachable broker) and ``.retry_delay`` (from
google.rpc.RetryInfo). The class is chosen by reason first, then by code, so a reason
added to the broker later still lands in the right family.

Messages are the broker's own: they name fields and secrets, never a value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import ClassVar

import grpc
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

DOMAIN = "secretsbroker"


class BrokerError(Exception):
    """Base of every error a client call raises."""

    family_code: ClassVar[grpc.StatusCode | None] = None

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        *,
        reason: str = "",
        metadata: Mapping[str, str] | None = None,
        retry_delay: timedelta | None = None,
        field: str = "",
    ) -> None:
        super().__init__(f"{code.name} {reason or '(no reason)'}: {message}")
        self.code = code
        self.message = message
        self.reason = reason
        self.metadata: Mapping[str, str] = dict(metadata or {})
        self.retry_delay = retry_delay
        self.field = field

    @property
    def from_broker(self) -> bool:
        """Whether the broker made this status (it carries ErrorInfo); False when gRPC
        did (no connection, deadline, handshake refused)."""
        return bool(self.reason)


class InvalidArgument(BrokerError):
    """A request field breaks its documented limits; ``.field`` names it."""

    family_code = grpc.StatusCode.INVALID_ARGUMENT


class NotFound(BrokerError):
    """Missing, or not visible to the caller: the broker answers both the same way."""

    family_code = grpc.StatusCode.NOT_FOUND


class SecretNotFound(NotFound):
    """The secret (or that version of it) does not exist or may not be read."""


class CollectionNotFound(NotFound):
    """The secrets collection does not exist or may not be read."""


class EntryNotFound(NotFound):
    """A list, access control or user is missing from a readable collection."""


class PermissionDenied(BrokerError):
    """The caller holds no grant for the RPC, or asked for credentials without the
    ReadCredentials grant."""

    family_code = grpc.StatusCode.PERMISSION_DENIED


class Unauthenticated(BrokerError):
    """The broker found no usable identity in the client certificate."""

    family_code = grpc.StatusCode.UNAUTHENTICATED


class CasMismatch(BrokerError):
    """A compare-and-set lost (stale expected_version/expected_etag): read, then retry."""

    family_code = grpc.StatusCode.ABORTED


class StoreReadOnly(BrokerError):
    """A write to a name routed to a read-only store."""

    family_code = grpc.StatusCode.FAILED_PRECONDITION


class Unavailable(BrokerError):
    """The broker or its store cannot be reached; the client retried already."""

    family_code = grpc.StatusCode.UNAVAILABLE


class DataCorrupt(BrokerError):
    """Stored or received data failed its integrity check (also raised by the client
    when a secret's values do not match its CRC32C)."""

    family_code = grpc.StatusCode.DATA_LOSS


class ResourceExhausted(BrokerError):
    """A limit was reached (request size, rate, store capacity)."""

    family_code = grpc.StatusCode.RESOURCE_EXHAUSTED


class DeadlineExceeded(BrokerError):
    """The call's deadline passed before an answer came."""

    family_code = grpc.StatusCode.DEADLINE_EXCEEDED


class InternalError(BrokerError):
    """A bug in the broker; the cause is in its log."""

    family_code = grpc.StatusCode.INTERNAL


# The broker's catalogue (server/secrets_broker/domain/errors.py REASONS, the README's
# error table); a reason missing here still maps by its status code.
CLASS_OF_REASON: dict[str, type[BrokerError]] = {
    "NAME_INVALID": InvalidArgument,
    "FIELD_INVALID": InvalidArgument,
    "PAGE_TOKEN_INVALID": InvalidArgument,
    "REQUEST_MALFORMED": InvalidArgument,
    "IMPORT_INVALID": InvalidArgument,
    "SECRET_NOT_FOUND": SecretNotFound,
    "COLLECTION_NOT_FOUND": CollectionNotFound,
    "ENTRY_NOT_FOUND": EntryNotFound,
    "RPC_NOT_GRANTED": PermissionDenied,
    "CREDENTIALS_NOT_GRANTED": PermissionDenied,
    "IDENTITY_MISSING": Unauthenticated,
    "IDENTITY_INVALID": Unauthenticated,
    "CERTIFICATE_REJECTED": Unauthenticated,
    "CERTIFICATE_REVOKED": Unauthenticated,
    "CAS_MISMATCH": CasMismatch,
    "STORE_READ_ONLY": StoreReadOnly,
    "STORE_UNAVAILABLE": Unavailable,
    "BROKER_SEALED": Unavailable,
    "KEY_UNAVAILABLE": Unavailable,
    "AUDIT_UNAVAILABLE": Unavailable,
    "DATA_CORRUPT": DataCorrupt,
    "RESOURCE_LIMIT": ResourceExhausted,
    "MESSAGE_TOO_LARGE": ResourceExhausted,
    "STORE_FULL": ResourceExhausted,
    "RATE_LIMITED": ResourceExhausted,
    "CONCURRENCY_LIMITED": ResourceExhausted,
    "REQUEST_TIMEOUT": DeadlineExceeded,
    "RPC_TIMEOUT": DeadlineExceeded,
    "INTERNAL": InternalError,
}
CLASS_OF_CODE: dict[grpc.StatusCode, type[BrokerError]] = {
    cls.family_code: cls
    for cls in (
        InvalidArgument,
        NotFound,
        PermissionDenied,
        Unauthenticated,
        CasMismatch,
        StoreReadOnly,
        Unavailable,
        DataCorrupt,
        ResourceExhausted,
        DeadlineExceeded,
        InternalError,
    )
    if cls.family_code is not None
}
_CODE_OF_NUMBER = {code.value[0]: code for code in grpc.StatusCode}


def _unpack(status: status_pb2.Status) -> tuple[str, dict[str, str], timedelta | None, str]:
    reason, metadata, delay, field = "", {}, None, ""
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            if info.domain == DOMAIN:
                reason, metadata = info.reason, dict(info.metadata)
        elif detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            retry = error_details_pb2.RetryInfo()
            detail.Unpack(retry)
            delay = retry.retry_delay.ToTimedelta()
        elif detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            if bad.field_violations:
                field = bad.field_violations[0].field
    return reason, metadata, delay, field or metadata.get("field", "")


def error_from_status(status: status_pb2.Status) -> BrokerError:
    """The typed error for a google.rpc.Status (a batch item's error, or a trailer's)."""
    code = _CODE_OF_NUMBER.get(status.code, grpc.StatusCode.UNKNOWN)
    reason, metadata, delay, field = _unpack(status)
    cls = CLASS_OF_REASON.get(reason) or CLASS_OF_CODE.get(code, BrokerError)
    return cls(
        code, status.message, reason=reason, metadata=metadata, retry_delay=delay, field=field
    )


def error_from_rpc(err: grpc.RpcError) -> BrokerError:
    """The typed error for a failed call (sync ``grpc.Call`` or ``grpc.aio.AioRpcError``)."""
    call: grpc.Call = err  # type: ignore[assignment]  # every RpcError raised by a call is one
    code, message = call.code(), call.details() or ""
    try:
        status = rpc_status.from_call(call)
    except ValueError:  # a trailer that contradicts the status line: trust the line
        status = None
    if status is None:
        cls = CLASS_OF_CODE.get(code, BrokerError)
        return cls(code, message)
    typed = error_from_status(status)
    if typed.code != code:
        return CLASS_OF_CODE.get(code, BrokerError)(code, message)
    return typed
