"""Graceful stop, DATA_LOSS over the wire, and no secret value in any log line."""

import asyncio
import logging
import sqlite3
from pathlib import Path

import grpc
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.api.transport import start_server
from secrets_broker.domain.errors import ConfigError
from secrets_broker.domain.model import Secret
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.config import LimitsConfig, TlsConfig
from tests.conftest import Harness, start_harness
from tests.integration.helpers import rpc_error, transport_error
from tests.pki import Pki


async def test_stop_finishes_in_flight_calls_and_refuses_new_ones(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    h = await start_harness(pki, tmp_path, policy_file)
    await h.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name="connectors/slow", values={"k": "v"})
    )
    await h.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name="connectors/fast", values={"k": "f"})
    )
    stub = h.broker_stub("client")
    fast = pb.GetSecretRequest(name="connectors/fast")
    await stub.GetSecret(fast, timeout=5)  # now cached: later reads never reach the store
    store = h.broker.store
    original_get = store.get
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow_get(name: SecretName, version: int = 0) -> Secret:
        entered.set()
        await release.wait()
        return await original_get(name, version)

    store.get = slow_get  # type: ignore[method-assign]

    async def slow_call() -> pb.GetSecretResponse:
        return await stub.GetSecret(pb.GetSecretRequest(name="connectors/slow"), timeout=30)

    in_flight = asyncio.create_task(slow_call())
    await entered.wait()
    stopping = asyncio.create_task(h.running.stop(grace_seconds=30))
    refused = None
    for _ in range(500):  # poll until the server refuses new connections (bounded)
        try:  # a new connection each time: the listener must be closed
            await h.broker_stub("client").GetSecret(fast, timeout=5)
        except grpc.aio.AioRpcError as exc:
            refused = exc.code()
            break
        await asyncio.sleep(0.01)
    assert refused == grpc.StatusCode.UNAVAILABLE
    assert not in_flight.done()
    release.set()
    reply = await in_flight
    await stopping
    assert reply.secret.values["k"] == "v"
    # refused by the transport (the listener is gone): no broker status, no details
    await transport_error(
        stub.GetSecret(pb.GetSecretRequest(name="connectors/slow"), timeout=5),
        grpc.StatusCode.UNAVAILABLE,
    )
    await h.close()
    await store.close()


async def test_tampered_record_is_data_loss_over_grpc(
    harness: Harness, unique: str, tmp_path: Path
) -> None:
    victim, target = f"connectors/{unique}-a", f"connectors/{unique}-b"
    admin = harness.admin_stub()
    await admin.PutSecret(admin_pb.PutSecretRequest(name=victim, values={"k": "victim-value"}))
    await admin.PutSecret(admin_pb.PutSecretRequest(name=target, values={"k": "target-value"}))
    db_file = harness.broker.store._db.execute("PRAGMA database_list").fetchone()[2]  # type: ignore[attr-defined]
    db = sqlite3.connect(db_file)
    db.execute(
        "UPDATE versions SET sealed=(SELECT sealed FROM versions WHERE name=?) WHERE name=?",
        (victim, target),
    )
    db.commit()
    db.close()
    err = await rpc_error(
        harness.broker_stub("client").GetSecret(pb.GetSecretRequest(name=target), timeout=5),
        grpc.StatusCode.DATA_LOSS,
        "DATA_CORRUPT",
    )
    assert "value" not in err.details()


async def test_no_secret_value_reaches_a_log_line_or_span(
    harness: Harness, unique: str, caplog: pytest.LogCaptureFixture, spans: InMemorySpanExporter
) -> None:
    canary = f"canary-{unique}-Zx9"
    caplog.set_level(logging.DEBUG)
    admin = harness.admin_stub()
    name = f"connectors/{unique}"
    await admin.PutSecret(admin_pb.PutSecretRequest(name=name, values={"clearPassword": canary}))
    stub = harness.broker_stub("client")
    await stub.GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    await stub.BatchGetSecrets(
        pb.BatchGetSecretsRequest(names=[name, "connectors/none"]), timeout=5
    )
    await rpc_error(
        admin.PutSecret(
            admin_pb.PutSecretRequest(
                name=name, values={"clearPassword": canary, "bad key": canary}
            ),
            timeout=5,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_INVALID",
    )
    await rpc_error(
        admin.PutSecret(
            admin_pb.PutSecretRequest(
                name=name, values={"clearPassword": canary}, expected_version=9
            ),
            timeout=5,
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    yaml_doc = f"secretsCollections:\n  corp/leak:\n    users:\n      u:\n        secrets: {{clearPassword: {canary}}}\n        bogus: {canary}\n"
    await admin.ImportCollections(admin_pb.ImportCollectionsRequest(yaml=yaml_doc), timeout=5)
    assert caplog.records, "the capture must see the broker's log lines"
    assert all(canary not in record.getMessage() for record in caplog.records)
    trail = b"".join(p.read_bytes() for p in Path(harness.broker.audit.where).iterdir())
    assert f'"rpc":"PutSecret","kind":"secret","name":"{name}"'.encode() in trail
    assert canary.encode() not in trail
    recorded = spans.get_finished_spans()
    gets = [s for s in recorded if s.name == "secretsbroker.v1/GetSecret"]
    assert gets and gets[-1].attributes is not None
    assert gets[-1].attributes["enduser.id"] == "spiffe://test.example/connector"
    assert gets[-1].attributes["rpc.grpc.status_code"] == 0
    aborted = [s for s in recorded if s.name == "secretsbroker.v1/PutSecret"]
    assert {s.attributes["rpc.grpc.status_code"] for s in aborted if s.attributes} >= {3, 10}
    for span in recorded:
        dumped = span.to_json()
        assert canary not in dumped, span.name


async def test_a_second_server_cannot_take_the_same_port(harness: Harness) -> None:
    with pytest.raises(ConfigError, match="cannot bind"):
        await start_server(
            harness.broker,
            TlsConfig(
                cert_file=harness.pki.path("server"),
                key_file=harness.pki.key("server"),
                client_ca_file=harness.pki.path("ca"),
            ),
            harness.address,
            LimitsConfig(),
        )


async def test_unexpected_error_is_internal_and_its_text_is_never_shown(
    pki: Pki, policy_file: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    h = await start_harness(pki, tmp_path, policy_file)
    canary = "-".join(("leaked", "canary", "value"))  # not spelled out in any source line

    async def broken_get(name: SecretName, version: int = 0) -> Secret:
        raise KeyError(canary)  # a bug whose text holds a value

    h.broker.store.get = broken_get  # type: ignore[method-assign]
    try:
        err = await rpc_error(
            h.broker_stub("client").GetSecret(pb.GetSecretRequest(name="connectors/x"), timeout=5),
            grpc.StatusCode.INTERNAL,
            "INTERNAL",
        )
        assert err.code() == grpc.StatusCode.INTERNAL and err.details() == "internal error"
        assert "internal error KeyError, raised at:" in caplog.text
        assert "broken_get" in caplog.text
        assert canary not in caplog.text
    finally:
        await h.stop()
