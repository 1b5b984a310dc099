"""One broker fronting several stores, routed by the longest name prefix, over gRPC."""

from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import yaml
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.api.transport import start_server
from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.app import build_broker
from secrets_broker.ops.config import parse_config
from secrets_broker.stores.router import RoutedStore
from tests.conftest import POLICY, Harness
from tests.integration.helpers import rpc_error
from tests.pki import Pki

STATIC = """secretsCollections:
  static/payments:
    secrets: {userId: pay, clearPassword: from-file}
"""


@pytest.fixture
async def routed(pki: Pki, tmp_path: Path) -> AsyncIterator[Harness]:
    for key in ("a.key", "b.key"):
        create_master_key(tmp_path / key)
    (tmp_path / "static.yaml").write_text(STATIC)
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    doc = {
        "listen": "127.0.0.1:0",
        "tls": {
            "cert_file": str(pki.path("server")),
            "key_file": str(pki.key("server")),
            "client_ca_file": str(pki.path("ca")),
        },
        "policy_file": "policy.yaml",
        "stores": {
            "general": {"type": "sqlite", "path": "a.db", "master_key_file": "a.key"},
            "connectors": {"type": "sqlite", "path": "b.db", "master_key_file": "b.key"},
            "static": {"type": "file", "path": "static.yaml"},
        },
        "routes": {"": "general", "connectors/": "connectors", "static/": "static"},
        "audit": {"dir": "audit"},
    }
    config = parse_config(doc, tmp_path)
    broker = build_broker(config)
    running = await start_server(broker, config.tls, config.listen, config.limits)
    h = Harness(pki, running, broker, clock=None)
    yield h
    await h.stop()


async def test_names_go_to_the_store_of_their_longest_prefix(routed: Harness) -> None:
    admin = routed.admin_stub()
    await admin.PutSecret(admin_pb.PutSecretRequest(name="connectors/pg", values={"k": "b"}))
    await admin.PutSecret(admin_pb.PutSecretRequest(name="general/x", values={"k": "a"}))
    store = routed.broker.store
    assert isinstance(store, RoutedStore)
    general, connectors = store.route("general/x"), store.route("connectors/pg")
    assert general is not connectors
    assert [m.name.value for m in await connectors.list("", 10)] == ["connectors/pg"]
    assert [m.name.value for m in await general.list("", 10)] == ["general/x"]
    assert (await connectors.get(SecretName.parse("connectors/pg"))).content.values[
        "k"
    ].reveal() == "b"

    stub = broker_grpc.SecretsBrokerServiceStub(routed.channel("admin"))
    got = await stub.GetSecret(pb.GetSecretRequest(name="static/payments"), timeout=5)
    assert dict(got.secret.values) == {"userId": "pay", "clearPassword": "from-file"}
    listing = await admin.ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)
    assert [m.name for m in listing.secrets] == ["connectors/pg", "general/x", "static/payments"]


async def test_writes_to_a_read_only_route_are_refused(routed: Harness) -> None:
    err = await rpc_error(
        routed.admin_stub().PutSecret(
            admin_pb.PutSecretRequest(name="static/payments", values={"k": "v"}), timeout=5
        ),
        grpc.StatusCode.FAILED_PRECONDITION,
        "STORE_READ_ONLY",
    )
    assert "read-only" in err.details()
