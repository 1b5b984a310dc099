"""The one table from domain errors to gRPC status codes."""

from __future__ import annotations

import logging
import traceback

import grpc

from secrets_broker.domain import errors

log = logging.getLogger("secrets_broker.service")

STATUS_OF: dict[type[errors.BrokerError], grpc.StatusCode] = {
    errors.InvalidArgument: grpc.StatusCode.INVALID_ARGUMENT,
    errors.NotFound: grpc.StatusCode.NOT_FOUND,
    errors.PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    errors.Aborted: grpc.StatusCode.ABORTED,
    errors.DataLoss: grpc.StatusCode.DATA_LOSS,
    errors.Unavailable: grpc.StatusCode.UNAVAILABLE,
    errors.ResourceExhausted: grpc.StatusCode.RESOURCE_EXHAUSTED,
}


def status_of(exc: BaseException) -> tuple[grpc.StatusCode, str]:
    """The code and caller-facing message for an error raised while serving."""
    for cls in type(exc).__mro__:
        code = STATUS_OF.get(cls)
        if code is not None:
            return code, str(exc)
    # An unexpected error's text may hold anything, values included: log its type and
    # where it was raised, never its message.
    where = "".join(traceback.format_tb(exc.__traceback__))
    log.error("internal error %s, raised at:\n%s", type(exc).__name__, where)
    return grpc.StatusCode.INTERNAL, "internal error"
