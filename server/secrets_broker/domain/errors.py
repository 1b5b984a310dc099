"""Domain errors. The service layer maps each to one gRPC status (see service/status.py).

Messages are shown to callers: they name fields and secrets, never a secret's value.
"""


class BrokerError(Exception):
    """Base of every error the broker reports to a caller."""


class InvalidArgument(BrokerError):
    """A request field is malformed or out of range."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field


class NotFound(BrokerError):
    """The object does not exist, or the caller may not see it (the same answer)."""


class PermissionDenied(BrokerError):
    """The caller holds no grant for the operation at all."""


class Aborted(BrokerError):
    """A compare-and-set lost: the object changed since the caller read it."""


class DataLoss(BrokerError):
    """Stored data failed its integrity check (authentication tag, checksum, format)."""


class Unavailable(BrokerError):
    """A backing store could not be reached or refused the broker's credentials."""


class ResourceExhausted(BrokerError):
    """A limit was reached."""


class ConfigError(Exception):
    """The configuration is unusable; start-up stops with this message."""
