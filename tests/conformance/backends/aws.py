"""AWS Secrets Manager through moto's standalone server (real HTTP) on a free port.

One server for the session (tests/servers.py); each test gets a store under its own
name prefix, so tests never see each other's secrets. Fake credentials go through the
store's options, not the environment.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import boto3
import pytest

from secrets_broker.stores.aws import AwsSecretsManagerStore
from tests.servers import MOTO_CREDENTIALS as FAKE_CREDENTIALS
from tests.servers import MOTO_REGION as REGION
from tests.servers import running_moto

READ_ONLY = False
# moto never drops unlabelled (deprecated) versions; AWS drops them only past 100
# versions and 24 hours: versions 1..3 stay readable after three puts on both.
KEEPS_VERSIONS = True
# AWS has no per-version state: set_version_state raises VersionStateUnsupported.
VERSION_STATES = False


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """The URL of a moto server bound to 127.0.0.1 on a port the OS chose."""
    with running_moto() as endpoint:
        yield endpoint


def store_options(endpoint: str, name_prefix: str, **extra: Any) -> dict[str, Any]:
    return {
        "region": REGION,
        "endpoint_url": endpoint,
        "name_prefix": name_prefix,
        "max_attempts": 1,
        **FAKE_CREDENTIALS,
        **extra,
    }


def boto_client(endpoint: str) -> Any:
    """A plain boto3 client on the same server, to write secrets as other tools do."""
    return boto3.client(
        "secretsmanager",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=FAKE_CREDENTIALS["access_key_id"],
        aws_secret_access_key=FAKE_CREDENTIALS["secret_access_key"],
    )


def unique_prefix() -> str:
    return f"t-{uuid.uuid4().hex[:12]}/"


@pytest.fixture
async def store_aws(moto_endpoint: str) -> AsyncIterator[AwsSecretsManagerStore]:
    store = AwsSecretsManagerStore.from_config(store_options(moto_endpoint, unique_prefix()))
    yield store
    await store.close()
