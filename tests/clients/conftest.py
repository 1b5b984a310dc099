"""Clients of the session's real broker (tests/conftest.py ``harness``), per identity."""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
import pytest
from secretsbroker import AsyncBrokerClient, aio

from tests.conftest import Harness

CANARY = "canary-Zq8-never-print-me"


class Counter(grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    """Counts the attempts each call makes and keeps the requests sent."""

    def __init__(self) -> None:
        self.requests: list[Any] = []

    @property
    def calls(self) -> int:
        return len(self.requests)

    async def intercept_unary_unary(
        self, continuation: Callable[..., Awaitable[Any]], details: Any, request: Any
    ) -> Any:
        self.requests.append(request)
        return await continuation(details, request)


MakeClient = Callable[..., AsyncBrokerClient]


@pytest.fixture
async def make_client(harness: Harness) -> AsyncIterator[MakeClient]:
    """make_client(who="client", address=None, **options): an AsyncBrokerClient."""
    made: list[AsyncBrokerClient] = []

    def make(who: str = "client", address: str | None = None, **options: Any) -> AsyncBrokerClient:
        pki = harness.pki
        client = aio.connect(
            address or harness.address,
            ca=pki.path("ca"),
            cert=pki.path(who),
            key=pki.key(who),
            **options,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        await client.close()


@pytest.fixture
async def seeded(make_client: MakeClient, unique: str) -> str:
    """A secret the ``client`` identity may read, with a canary password."""
    name = f"connectors/{unique}"
    await make_client("admin").put_secret(
        name,
        {"userId": "svc", "clearPassword": CANARY, "encryptedPassword": "enc-" + CANARY},
        refresh_after_seconds=600,
        labels={"team": "data"},
    )
    return name
