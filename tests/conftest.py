"""Shared fixtures: a real broker over real mutual TLS on port 0, and clients."""

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import pytest
import yaml
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.access.audit.record import NameHasher
from secrets_broker.access.audit.sink import AuditSettings, AuditSink
from secrets_broker.access.audit.targets import FileTarget
from secrets_broker.access.policy import Policy
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.api.transport import RunningServer, start_server
from secrets_broker.broker import Broker
from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import Envelope, create_master_key, load_master_key
from secrets_broker.ops.certs import Issued
from secrets_broker.ops.config import IdentityConfig, LimitsConfig, TlsConfig
from secrets_broker.stores.sqlite import SqliteStore
from tests.conformance.backends import KINDS
from tests.pki import ADMIN_ID, AUTHN_ID, CLIENT_ID, Pki, make_pki

# Each store backend brings its own server fixtures (see tests/conformance/backends).
pytest_plugins = [
    *(f"tests.conformance.backends.{kind}" for kind in KINDS),
    "tests.reliability",  # the `reliability` fixture: battery results for docs/reliability.md
]

POLICY = {
    "grants": [
        {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
        {
            "identities": [CLIENT_ID],
            "rpcs": ["GetSecret", "BatchGetSecrets"],
            "names": ["connectors/**", "shared/*"],
        },
        {
            "identities": [AUTHN_ID],
            "rpcs": ["GetUserDirectory", "GetAccessList", "ReadCredentials", "ImportCollections"],
            "names": ["corp/**"],
        },
        {"identities": [CLIENT_ID], "rpcs": ["GetSecret"], "names": ["private/{identity}/**"]},
    ]
}


# Tests need no fdatasync: durability against power loss is not what they check.
TEST_AUDIT = AuditSettings(fsync="none")


@pytest.fixture(scope="session")
def spans() -> InMemorySpanExporter:
    """Every span the in-process brokers record, via the real OpenTelemetry SDK."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return exporter


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Harness:
    def __init__(
        self, pki: Pki, running: RunningServer, broker: Broker, clock: FakeClock | None
    ) -> None:
        self.pki = pki
        self.running = running
        self.broker = broker
        self.clock = clock
        self.address = f"127.0.0.1:{running.port}"
        self._channels: list[grpc.aio.Channel] = []

    def channel(self, who: str | Issued) -> grpc.aio.Channel:
        """A channel presenting a client certificate of the test PKI (by name) or any."""
        issued = self.pki.clients[who] if isinstance(who, str) else who
        creds = grpc.ssl_channel_credentials(
            root_certificates=self.pki.ca.cert_pem,
            private_key=issued.key_pem,
            certificate_chain=issued.cert_pem,
        )
        channel = grpc.aio.secure_channel(self.address, creds)
        self._channels.append(channel)
        return channel

    def broker_stub(self, who: str | Issued) -> broker_grpc.SecretsBrokerServiceStub:
        return broker_grpc.SecretsBrokerServiceStub(self.channel(who))

    def admin_stub(self, who: str | Issued = "admin") -> admin_grpc.SecretsAdminServiceStub:
        return admin_grpc.SecretsAdminServiceStub(self.channel(who))

    async def close(self) -> None:
        for channel in self._channels:
            await channel.close()

    async def stop(self) -> None:
        """Closes the channels, the server, the audit sink and the store."""
        await self.close()
        await self.running.stop(0)
        await self.broker.audit.aclose()
        await self.broker.store.close()


@pytest.fixture(scope="session")
def policy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "policy.yaml"
    path.write_text(yaml.safe_dump(POLICY))
    return path


async def start_harness(
    pki: Pki,
    data: Path,
    policy_file: Path,
    server_tls_dir: Path | None = None,
    identity: IdentityConfig | None = None,
    limits: LimitsConfig | None = None,
    fake_rate_clock: bool = False,
    page_tokens: PageTokens | None = None,
    *,
    audit: AuditSettings = TEST_AUDIT,
    audit_rotate_bytes: int = 64 * 1024 * 1024,
    audit_names: NameHasher | None = None,
) -> Harness:
    """A broker on port 0 on a fresh SQLite store in ``data``, its audit trail in
    ``data/audit``. ``fake_rate_clock``: the per-caller rate limit runs on the
    harness's FakeClock, so buckets refill only when the test advances it."""
    create_master_key(data / "master.key")
    store = SqliteStore(data / "store.db", Envelope(load_master_key(data / "master.key")))
    clock = FakeClock()
    cache = SecretCache(store, default_ttl_seconds=60, max_entries=1000, clock=clock)
    sink = AuditSink(FileTarget(data / "audit", audit_rotate_bytes), audit, audit_names)
    broker = Broker(store, cache, Policy.load(policy_file), sink)
    tls_dir = server_tls_dir or pki.directory
    tls = TlsConfig(
        cert_file=tls_dir / "server.pem",
        key_file=tls_dir / "server-key.pem",
        client_ca_file=tls_dir / "ca.pem",
    )
    running = await start_server(
        broker,
        tls,
        "127.0.0.1:0",
        limits or LimitsConfig(),
        identity,
        page_tokens=page_tokens,
        **({"clock": clock} if fake_rate_clock else {}),
    )
    return Harness(pki, running, broker, clock)


@pytest.fixture(scope="session")
async def harness(
    pki: Pki, policy_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Harness]:
    h = await start_harness(pki, tmp_path_factory.mktemp("broker"), policy_file)
    yield h
    await h.stop()


@pytest.fixture
def unique(request: pytest.FixtureRequest) -> Iterator[str]:
    """A name segment unique to the test, so tests sharing one broker do not collide."""
    yield re.sub(r"[^A-Za-z0-9_-]", "-", request.node.name)[:80]
