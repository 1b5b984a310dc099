"""The connector helper fills Egeria-style connections from a live broker."""

import asyncio
import copy
from typing import Any

import pytest
import secretsbroker
from secretsbroker import SecretNotFound, fill_connection, fill_connection_async

from tests.clients.conftest import CANARY, Counter, MakeClient
from tests.conftest import Harness


def connection(secret: str, **fields: Any) -> dict[str, Any]:
    """A Connection bean as Egeria's REST API writes it."""
    return {
        "class": "Connection",
        "qualifiedName": "PostgreSQL Server:LocalPostgreSQL1",
        "connectorType": {"connectorProviderClassName": "PostgresConnectorProvider"},
        "endpoint": {"address": "jdbc:postgresql://db:5432/sales"},
        "securedProperties": {"secretsCollectionName": secret},
        **fields,
    }


async def test_fills_empty_fields_and_never_overwrites(
    make_client: MakeClient, seeded: str
) -> None:
    counter = Counter()
    client = make_client(interceptors=[counter])
    original = connection(seeded, userId=None, clearPassword="", encryptedPassword="kept")
    before = copy.deepcopy(original)
    report = await fill_connection_async(client, original)
    assert report.filled == ("userId", "clearPassword")
    assert report.missing == () and report.secrets == (seeded,)
    filled = report.connection
    assert (filled["userId"], filled["clearPassword"], filled["encryptedPassword"]) == (
        "svc",
        CANARY,
        "kept",
    )
    assert original == before  # the argument is left as it was
    assert list(counter.requests[0].keys) == ["userId", "clearPassword"]  # only what is needed
    assert CANARY not in repr(report) and CANARY not in str(report)


async def test_a_full_connection_asks_nothing(make_client: MakeClient, seeded: str) -> None:
    counter = Counter()
    conn = connection(seeded, userId="u", clearPassword="p", encryptedPassword="e")
    report = await fill_connection_async(make_client(interceptors=[counter]), conn)
    assert report.filled == () and counter.calls == 0 and report.connection == conn


async def test_absent_fields_are_filled_and_missing_keys_reported(
    make_client: MakeClient, unique: str
) -> None:
    name = f"connectors/{unique}"
    await make_client("admin").put_secret(name, {"userId": "only-user"})
    report = await fill_connection_async(make_client(), connection(name))
    assert report.filled == ("userId",)
    assert report.missing == ("clearPassword", "encryptedPassword")
    assert report.connection["userId"] == "only-user" and "clearPassword" not in report.connection


async def test_virtual_connection_and_embedded_secrets_store(
    make_client: MakeClient, seeded: str, unique: str
) -> None:
    other = f"connectors/{unique}-kafka"
    await make_client("admin").put_secret(other, {"userId": "kafka", "clearPassword": "k-pass"})
    secrets_store = {
        "class": "Connection",
        "connectorType": {"connectorProviderClassName": "YAMLSecretsStoreProvider"},
        "configurationProperties": {"secretsCollectionName": other},
    }
    virtual = {
        "class": "VirtualConnection",
        "embeddedConnections": [
            {"position": 0, "embeddedConnection": connection(seeded, userId="set-by-hand")},
            {
                "position": 1,
                "embeddedConnection": {
                    "class": "Connection",
                    "embeddedConnections": [{"position": 0, "embeddedConnection": secrets_store}],
                },
            },
        ],
    }
    report = await fill_connection_async(make_client(), virtual)
    first = "embeddedConnections[0].embeddedConnection."
    second = "embeddedConnections[1].embeddedConnection."
    assert report.filled == (
        first + "clearPassword",
        first + "encryptedPassword",
        second + "userId",
        second + "clearPassword",
    )
    assert report.missing == (second + "encryptedPassword",)
    assert report.secrets == (seeded, other)
    inner = report.connection["embeddedConnections"]
    assert inner[0]["embeddedConnection"]["userId"] == "set-by-hand"
    assert inner[1]["embeddedConnection"]["clearPassword"] == "k-pass"
    assert (
        "userId"
        not in inner[1]["embeddedConnection"]["embeddedConnections"][0]["embeddedConnection"]
    )  # the secrets store's own connection is not a target


async def test_missing_or_forbidden_secret_is_the_clients_error(make_client: MakeClient) -> None:
    await make_client("admin").put_secret("elsewhere/db", {"clearPassword": CANARY})
    for name in ("connectors/none-here", "elsewhere/db"):
        with pytest.raises(SecretNotFound) as caught:
            await fill_connection_async(make_client(), connection(name))
        assert CANARY not in str(caught.value)


async def test_sync_helper(harness: Harness, seeded: str) -> None:
    pki = harness.pki

    def fill() -> secretsbroker.FillReport:
        with secretsbroker.connect(
            harness.address, ca=pki.path("ca"), cert=pki.path("client"), key=pki.key("client")
        ) as client:
            return fill_connection(client, connection(seeded))

    report = await asyncio.to_thread(fill)
    assert report.filled == ("userId", "clearPassword", "encryptedPassword")
    assert report.connection["encryptedPassword"] == "enc-" + CANARY
