"""Domain errors. The service layer maps each to one gRPC status (see api/status.py).

Every error carries a stable machine-readable ``reason`` (sent as google.rpc.ErrorInfo,
domain ``secretsbroker``); the catalogue of reasons is ``REASONS`` below and the README.
Messages are shown to callers: they name fields and secrets, never a secret's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

# Every reason the broker sends, with the class whose status code it travels under.
# Clients build their error types from these; never rename one (add instead).
REASONS: dict[str, str] = {
    "NAME_INVALID": "InvalidArgument",
    "FIELD_INVALID": "InvalidArgument",
    "PAGE_TOKEN_INVALID": "InvalidArgument",
    "REQUEST_MALFORMED": "InvalidArgument",
    "IMPORT_INVALID": "InvalidArgument",
    "SECRET_NOT_FOUND": "NotFound",
    "COLLECTION_NOT_FOUND": "NotFound",
    "ENTRY_NOT_FOUND": "NotFound",
    "RPC_NOT_GRANTED": "PermissionDenied",
    "CREDENTIALS_NOT_GRANTED": "PermissionDenied",
    "IDENTITY_MISSING": "Unauthenticated",
    "IDENTITY_INVALID": "Unauthenticated",
    "CERTIFICATE_REJECTED": "Unauthenticated",
    "CERTIFICATE_REVOKED": "Unauthenticated",
    "CAS_MISMATCH": "Aborted",
    "STORE_READ_ONLY": "FailedPrecondition",
    "DATA_CORRUPT": "DataLoss",
    "STORE_UNAVAILABLE": "Unavailable",
    "BROKER_SEALED": "Unavailable",
    "KEY_UNAVAILABLE": "Unavailable",
    "AUDIT_UNAVAILABLE": "Unavailable",
    "RESOURCE_LIMIT": "ResourceExhausted",
    "MESSAGE_TOO_LARGE": "ResourceExhausted",
    "STORE_FULL": "ResourceExhausted",
    "RATE_LIMITED": "ResourceExhausted",
    "CONCURRENCY_LIMITED": "ResourceExhausted",
    "REQUEST_TIMEOUT": "DeadlineExceeded",
    "RPC_TIMEOUT": "DeadlineExceeded",
    "INTERNAL": "BrokerError",
}


class BrokerError(Exception):
    """Base of every error the broker reports to a caller.

    ``reason`` is one of REASONS; ``metadata`` goes into ErrorInfo.metadata and must
    hold only what the caller already knows or may know (never a value, never whether
    a forbidden object exists). ``retry_after_seconds`` becomes google.rpc.RetryInfo.
    """

    default_reason: ClassVar[str] = "INTERNAL"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        metadata: Mapping[str, str] | None = None,
        retry_after_seconds: float | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason or self.default_reason
        if self.reason not in REASONS:
            raise ValueError(f"unknown error reason {self.reason!r}")
        self.metadata: Mapping[str, str] = dict(metadata or {})
        self.retry_after_seconds = retry_after_seconds


class InvalidArgument(BrokerError):
    """A request field is malformed or out of range (sent with a BadRequest violation)."""

    default_reason = "FIELD_INVALID"

    def __init__(self, field: str, problem: str, *, reason: str | None = None) -> None:
        super().__init__(f"{field}: {problem}", reason=reason, metadata={"field": field})
        self.field = field
        self.problem = problem


class NotFound(BrokerError):
    """The object does not exist, or the caller may not see it (the same answer)."""

    default_reason = "SECRET_NOT_FOUND"


class PermissionDenied(BrokerError):
    """The caller holds no grant for the operation at all."""

    default_reason = "RPC_NOT_GRANTED"


class Unauthenticated(BrokerError):
    """The caller presented no usable identity."""

    default_reason = "IDENTITY_MISSING"


class Aborted(BrokerError):
    """A compare-and-set lost: the object changed since the caller read it (sent with a
    PreconditionFailure naming the secret)."""

    default_reason = "CAS_MISMATCH"

    def __init__(self, message: str, *, subject: str = "") -> None:
        super().__init__(message)
        self.subject = subject


class FailedPrecondition(BrokerError):
    """The system is not in a state that allows the operation (a read-only route)."""

    default_reason = "STORE_READ_ONLY"


class DataLoss(BrokerError):
    """Stored data failed its integrity check (authentication tag, checksum, format)."""

    default_reason = "DATA_CORRUPT"


class Unavailable(BrokerError):
    """A backing store could not be reached or refused the broker's credentials, or
    (AUDIT_UNAVAILABLE) the audit trail could not record the call in time."""

    default_reason = "STORE_UNAVAILABLE"

    def __init__(
        self, message: str, *, reason: str | None = None, retry_after_seconds: float = 1.0
    ) -> None:
        super().__init__(message, reason=reason, retry_after_seconds=retry_after_seconds)


class KeyUnavailable(Unavailable):
    """The key provider, not the store, failed: the broker is sealed (BROKER_SEALED) or
    a data key could not be unwrapped (KEY_UNAVAILABLE). The store was not reached, so a
    write was not applied and the store's own health is not in question."""

    default_reason = "KEY_UNAVAILABLE"


class NotApplied(Unavailable):
    """The store failed before the operation could take effect (nothing was sent, or
    the transaction was rolled back before its commit): retrying a write is safe."""


class ResourceExhausted(BrokerError):
    """A limit was reached."""

    default_reason = "RESOURCE_LIMIT"


class DeadlineExceeded(BrokerError):
    """The server's own time limit on a call ran out (the caller's deadline is gRPC's)."""

    default_reason = "RPC_TIMEOUT"


class StoreFull(ResourceExhausted):
    """The store has no room for the write (disk or file size limit); nothing was
    written and older versions are intact."""

    default_reason = "STORE_FULL"


class ConfigError(Exception):
    """The configuration is unusable; start-up stops with this message."""
