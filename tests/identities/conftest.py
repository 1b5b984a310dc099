"""Fixtures for the identity tests: a real OpenID Provider, and a broker that trusts it,
serving mutual TLS and a token listener (TLS without client certificates)."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import pytest
import yaml
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.access.audit.sink import AuditSettings, AuditSink
from secrets_broker.access.audit.targets import FileTarget
from secrets_broker.access.policy import Policy
from secrets_broker.api.transport import RunningServer, start_server
from secrets_broker.broker import Broker
from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key
from secrets_broker.ops.config import LimitsConfig, OidcIssuerConfig, TlsConfig, TokensConfig
from secrets_broker.ops.login import Provider as LoginProvider
from secrets_broker.ops.tokens import Tokens, build_tokens
from secrets_broker.stores.sqlite import SqliteStore
from tests.identities.oidc import BROKER_AUDIENCE, CLI_CLIENT, USERS, Browser, Provider
from tests.identities.oidc import running_provider as _running_provider
from tests.pki import ADMIN_ID, Pki

PEOPLE_RPCS = ["GetSecret", "BatchGetSecrets", "PutSecret", "DeleteSecret", "ListSecrets"]


def people_policy(issuer: str) -> dict[str, Any]:
    """Each person reads and writes only their private space (a user grant, not an
    admin one); the physics group reads groups/physics/."""
    return {
        "grants": [
            {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
            {
                "identities": [f"oidc:{issuer}#*"],
                "rpcs": PEOPLE_RPCS,
                "names": ["private/{identity}/**"],
            },
            {
                "identities": [f"oidc-group:{issuer}#physics"],
                "rpcs": ["GetSecret"],
                "names": ["groups/physics/**"],
            },
        ]
    }


def tokens_config(provider: Provider, **overrides: Any) -> TokensConfig:
    issuer = OidcIssuerConfig(
        issuer=provider.issuer,
        audiences=[BROKER_AUDIENCE],
        algorithms=["ES256", "RS256"],
        groups_claim="groups",
        ca_file=provider.ca_file,
    )
    settings: dict[str, Any] = {
        "listen": "127.0.0.1:0",
        "oidc": [issuer],
        "leeway_seconds": 0.0,
        "jwks_refresh_min_interval_seconds": 0.0,
        "jwks_timeout_seconds": 2.0,
    }
    settings.update(overrides)
    return TokensConfig(**settings)


@dataclass
class TokenBroker:
    """A broker trusting an OpenID Provider: ``address`` is mutual TLS, ``token_address``
    the token listener."""

    pki: Pki
    running: RunningServer
    broker: Broker
    tokens: Tokens
    channels: list[grpc.aio.Channel] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.running.port}"

    @property
    def token_address(self) -> str:
        return f"127.0.0.1:{self.running.token_port}"

    def _channel(self, address: str, creds: grpc.ChannelCredentials) -> grpc.aio.Channel:
        channel = grpc.aio.secure_channel(address, creds)
        self.channels.append(channel)
        return channel

    def token_channel(self) -> grpc.aio.Channel:
        """TLS to the token listener, no client certificate: calls pass their token."""
        creds = grpc.ssl_channel_credentials(root_certificates=self.pki.ca.cert_pem)
        return self._channel(self.token_address, creds)

    def mtls_channel(self, who: str = "admin") -> grpc.aio.Channel:
        issued = self.pki.clients[who]
        creds = grpc.ssl_channel_credentials(self.pki.ca.cert_pem, issued.key_pem, issued.cert_pem)
        return self._channel(self.address, creds)

    def stubs(
        self,
    ) -> tuple[broker_grpc.SecretsBrokerServiceStub, admin_grpc.SecretsAdminServiceStub]:
        channel = self.token_channel()
        return (
            broker_grpc.SecretsBrokerServiceStub(channel),
            admin_grpc.SecretsAdminServiceStub(channel),
        )

    async def stop(self) -> None:
        for channel in self.channels:
            await channel.close()
        await self.running.stop(0)
        await self.broker.audit.aclose()
        await self.broker.store.close()
        self.tokens.close()


async def start_token_broker(
    pki: Pki, data: Path, policy: dict[str, Any], tokens: TokensConfig
) -> TokenBroker:
    create_master_key(data / "master.key")
    store = SqliteStore(data / "store.db", Envelope(load_master_key(data / "master.key")))
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=1000)
    policy_file = data / "policy.yaml"
    policy_file.write_text(yaml.safe_dump(policy))
    sink = AuditSink(FileTarget(data / "audit", 64 * 1024 * 1024), AuditSettings(fsync="none"))
    broker = Broker(store, cache, Policy.load(policy_file), sink)
    tls = TlsConfig(
        cert_file=pki.path("server"), key_file=pki.key("server"), client_ca_file=pki.path("ca")
    )
    built = build_tokens(tokens)
    running = await start_server(
        broker, tls, "127.0.0.1:0", LimitsConfig(), tokens=built.verifier,
        token_listen=tokens.listen,
    )  # fmt: skip
    return TokenBroker(pki, running, broker, built)


@pytest.fixture(scope="session")
def provider(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    with _running_provider(tmp_path_factory.mktemp("oidc"), pki) as running:
        yield running


@pytest.fixture(scope="session")
async def token_broker(
    pki: Pki, provider: Provider, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[TokenBroker]:
    started = await start_token_broker(
        pki,
        tmp_path_factory.mktemp("token-broker"),
        people_policy(provider.issuer),
        tokens_config(provider),
    )
    yield started
    await started.stop()


def sign_in(provider: Provider, user: str, client_id: str = CLI_CLIENT, resource: str = "") -> str:
    """An access token for ``user`` by the device flow: the person confirms the code in
    the browser first, so the one poll that follows gets the token at once."""
    login = LoginProvider(provider.issuer, provider.ca_file)
    code = login.start(client_id, "openid", resource)
    Browser(provider.ca_file).sign_in(
        code.verification_uri_complete, user, str(USERS[user]["password"])
    )
    done = threading.Event()
    response = login.wait_for_token(client_id, code, sleep=lambda _: done.set())
    return str(response["access_token"])


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token}"),)
