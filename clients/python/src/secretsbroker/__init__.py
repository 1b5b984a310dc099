"""secrets-broker's Python client: sync (``connect``, ``from_env``) and asyncio
(``secretsbroker.aio``) clients with typed results and errors, and the generated
stubs in ``secretsbroker.v1``.

    from secretsbroker import connect, SecretNotFound

    with connect("127.0.0.1:50051", ca="ca.pem", cert="client.pem", key="client-key.pem") as b:
        secret = b.get_secret("demo/database")
        print(secret.values["userId"].reveal(), secret.values["clearPassword"])  # demo ***
"""

from secretsbroker.aio import AsyncBrokerClient
from secretsbroker.cache import SecretCache
from secretsbroker.client import BrokerClient, Options, connect, connect_with_token, from_env
from secretsbroker.config import Target
from secretsbroker.connector import FillReport, fill_connection, fill_connection_async
from secretsbroker.errors import (
    BrokerError,
    CasMismatch,
    CollectionNotFound,
    DataCorrupt,
    DeadlineExceeded,
    EntryNotFound,
    InternalError,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    SecretNotFound,
    StoreReadOnly,
    Unauthenticated,
    Unavailable,
    VersionDestroyed,
    VersionDisabled,
    VersionNotReadable,
    VersionStateUnsupported,
)
from secretsbroker.retry import RetryPolicy
from secretsbroker.values import (
    AccessList,
    BatchItem,
    Secret,
    SecretMetadata,
    SecretValue,
    UserPage,
)
from secretsbroker.versions import Rotation, SecretVersion
from secretsbroker.watch import WatchEvent

__all__ = [
    "AccessList",
    "AsyncBrokerClient",
    "BatchItem",
    "BrokerClient",
    "BrokerError",
    "CasMismatch",
    "CollectionNotFound",
    "DataCorrupt",
    "DeadlineExceeded",
    "EntryNotFound",
    "FillReport",
    "InternalError",
    "InvalidArgument",
    "NotFound",
    "Options",
    "PermissionDenied",
    "ResourceExhausted",
    "RetryPolicy",
    "Rotation",
    "Secret",
    "SecretCache",
    "SecretMetadata",
    "SecretNotFound",
    "SecretValue",
    "SecretVersion",
    "StoreReadOnly",
    "Target",
    "Unauthenticated",
    "Unavailable",
    "UserPage",
    "VersionDestroyed",
    "VersionDisabled",
    "VersionNotReadable",
    "VersionStateUnsupported",
    "WatchEvent",
    "connect",
    "connect_with_token",
    "fill_connection",
    "fill_connection_async",
    "from_env",
]
