"""The one table from domain errors to gRPC statuses, with their rich error details.

Every non-OK status the broker itself produces carries google.rpc.ErrorInfo (a stable
``reason``, domain ``secretsbroker``), plus BadRequest for INVALID_ARGUMENT,
PreconditionFailure for a lost compare-and-set and RetryInfo where retrying helps.
The details travel in the ``grpc-status-details-bin`` trailer (grpcio-status).
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2

from secrets_broker.domain import errors

log = logging.getLogger("secrets_broker.service")

DOMAIN = "secretsbroker"
DETAILS_KEY = "grpc-status-details-bin"

STATUS_OF: dict[type[errors.BrokerError], grpc.StatusCode] = {
    errors.InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    errors.NotFound: grpc.StatusCode.NOT_FOUND,
    errors.PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    errors.Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
    errors.Aborted: grpc.StatusCode.ABORTED,
    errors.FailedPrecondition: grpc.StatusCode.FAILED_PRECONDITION,
    errors.DataLoss: grpc.StatusCode.DATA_LOSS,
    errors.Unavailable: grpc.StatusCode.UNAVAILABLE,
    errors.ResourceExhausted: grpc.StatusCode.RESOURCE_EXHAUSTED,
    errors.DeadlineExceeded: grpc.StatusCode.DEADLINE_EXCEEDED,
}
INTERNAL_MESSAGE = "internal error"


@dataclass(frozen=True, slots=True)
class RichStatus:
    """A status as sent: code, caller-facing message and google.rpc.Status with details."""

    code: grpc.StatusCode
    message: str
    proto: status_pb2.Status
    reason: str

    def trailing_metadata(self) -> tuple[tuple[str, bytes], ...]:
        return ((DETAILS_KEY, self.proto.SerializeToString()),)


def _pack(message: object) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)  # type: ignore[arg-type]
    return packed


def _details(exc: errors.BrokerError) -> list[any_pb2.Any]:
    details = [
        _pack(error_details_pb2.ErrorInfo(reason=exc.reason, domain=DOMAIN, metadata=exc.metadata))
    ]
    if isinstance(exc, errors.InvalidArgument):
        violation = error_details_pb2.BadRequest.FieldViolation(
            field=exc.field, description=exc.problem, reason=exc.reason
        )
        details.append(_pack(error_details_pb2.BadRequest(field_violations=[violation])))
    if isinstance(exc, errors.Aborted):
        failure = error_details_pb2.PreconditionFailure.Violation(
            type=exc.reason, subject=exc.subject, description=str(exc)
        )
        details.append(_pack(error_details_pb2.PreconditionFailure(violations=[failure])))
    if exc.retry_after_seconds is not None:
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(int(exc.retry_after_seconds * 1e9))
        details.append(_pack(error_details_pb2.RetryInfo(retry_delay=delay)))
    return details


def _code_of(exc: errors.BrokerError) -> grpc.StatusCode | None:
    for cls in type(exc).__mro__:
        code = STATUS_OF.get(cls)
        if code is not None:
            return code
    return None


def status_of(exc: BaseException) -> RichStatus:
    """The status to send for an error raised while serving."""
    code = _code_of(exc) if isinstance(exc, errors.BrokerError) else None
    if isinstance(exc, errors.BrokerError) and code is not None:
        message = str(exc)
        proto = status_pb2.Status(code=code.value[0], message=message, details=_details(exc))
        return RichStatus(code, message, proto, exc.reason)
    # An unexpected error's text may hold anything, values included: log its type and
    # where it was raised, never its message.
    where = "".join(traceback.format_tb(exc.__traceback__))
    log.error("internal error %s, raised at:\n%s", type(exc).__name__, where)
    code = grpc.StatusCode.INTERNAL
    info = error_details_pb2.ErrorInfo(reason="INTERNAL", domain=DOMAIN)
    proto = status_pb2.Status(code=code.value[0], message=INTERNAL_MESSAGE, details=[_pack(info)])
    return RichStatus(code, INTERNAL_MESSAGE, proto, "INTERNAL")
