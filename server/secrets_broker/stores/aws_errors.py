"""Maps a boto3 failure to the broker's domain errors, logging what callers must not see."""

from __future__ import annotations

import logging

from botocore.exceptions import (
    ClientError,
    CredentialRetrievalError,
    NoCredentialsError,
    ParamValidationError,
    PartialCredentialsError,
)

from secrets_broker.domain.errors import (
    Aborted,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
    Unavailable,
)

_log = logging.getLogger("secrets_broker.stores.aws")  # the store's logger, as operators know it

_REFUSED = frozenset({
    "AccessDeniedException", "AccessDenied", "UnrecognizedClientException",
    "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
    "IncompleteSignature", "MissingAuthenticationToken", "ExpiredTokenException",
    "ExpiredToken", "InvalidAccessKeyId", "AuthFailure", "NotAuthorized",
})  # fmt: skip
_REJECTED = frozenset({"InvalidParameterException", "ValidationException"})


class Conflict(Aborted):
    """ResourceExistsException: the version's token is taken (another writer won)."""


class MarkedDeleted(NotFound):
    """The secret is scheduled for deletion (by someone else, or AWS is still deleting it):
    absent to a reader, in the way of a writer."""


def translate(exc: Exception, op: str, name: str) -> Exception:
    """The domain error (or internal signal) for a boto3 failure; never carries a value."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code, message = str(error.get("Code", "")), str(error.get("Message", ""))
        if code == "ResourceNotFoundException":
            return NotFound(f"secret {name} not found")
        if code == "ResourceExistsException":
            return Conflict(f"secret {name} changed concurrently")
        if code == "InvalidRequestException" and "delet" in message.lower():
            return MarkedDeleted(f"secret {name} not found")
        if code in _REFUSED:
            _log.error("aws secrets manager refused the broker on %s: %s: %s", op, code, message)
            return Unavailable("the aws secret store refused the broker's credentials")
        if code in _REJECTED:  # AWS may echo the input in these messages: log the code only
            _log.warning("aws secrets manager rejected %s for %s: %s", op, name, code)
            return InvalidArgument("request", f"rejected by aws secrets manager ({code})")
        if code == "LimitExceededException":
            return ResourceExhausted(f"aws secrets manager limit reached on {op}")
        _log.warning("aws secrets manager failed %s for %s: %s", op, name, code)
        return Unavailable(f"the aws secret store failed ({code})")
    if isinstance(exc, NoCredentialsError | PartialCredentialsError | CredentialRetrievalError):
        _log.error("no usable aws credentials for %s: %s", op, type(exc).__name__)
        return Unavailable("the aws secret store refused the broker's credentials")
    if isinstance(exc, ParamValidationError):  # its text may quote a parameter: drop it
        return InvalidArgument("request", "rejected by the aws client")
    _log.warning("aws secrets manager unreachable on %s: %s", op, type(exc).__name__)
    return Unavailable("the aws secret store could not be reached")
