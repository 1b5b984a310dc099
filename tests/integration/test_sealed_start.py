"""A broker whose key provider is down at start serves sealed, then unseals by itself:
a real OpenBao (file storage, so it keeps its Transit key across a stop) is stopped
before ``secrets-broker serve`` starts and started again while it runs."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
import yaml
from google.rpc import code_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.api.transport import BROKER_SERVICE, LIVENESS_SERVICE
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.sqlite import SqliteStore
from tests.integration.helpers import rpc_error
from tests.pki import Pki
from tests.servers import PersistentOpenBao

CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]
UNSEAL_DEADLINE_SECONDS = 60.0
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


@pytest.fixture
def openbao(tmp_path: Path) -> Iterator[PersistentOpenBao]:
    server = PersistentOpenBao(tmp_path / "bao")
    server.start()
    client = server.client()
    client.sys.enable_secrets_engine("transit")
    client.secrets.transit.create_key("broker")
    yield server
    server.stop()


def broker_config(tmp_path: Path, pki: Pki, policy_file: Path, bao: PersistentOpenBao) -> Path:
    provider = {"type": "vault-transit", "url": bao.url, "token": bao.root_token,
                "key": "broker", "timeout_seconds": 2}  # fmt: skip
    config = {
        "listen": "127.0.0.1:0",
        "tls": {
            "cert_file": str(pki.directory / "server.pem"),
            "key_file": str(pki.directory / "server-key.pem"),
            "client_ca_file": str(pki.directory / "ca.pem"),
        },
        "policy_file": str(policy_file),
        "key_providers": {"transit": provider},
        "stores": {
            "main": {
                "type": "sqlite",
                "path": str(tmp_path / "s.db"),
                "key_provider": "transit",
                "unseal_probe_max_interval_seconds": 1,
            }
        },
    }
    path = tmp_path / "broker.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def channel(pki: Pki, address: str, who: str) -> grpc.aio.Channel:
    issued = pki.clients[who]
    creds = grpc.ssl_channel_credentials(
        root_certificates=pki.ca.cert_pem,
        private_key=issued.key_pem,
        certificate_chain=issued.cert_pem,
    )
    return grpc.aio.secure_channel(address, creds)


async def health(stub: health_pb2_grpc.HealthStub, service: str = "") -> int:
    reply = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=10)
    return int(reply.status)


@pytest.mark.slow
async def test_a_broker_started_without_its_key_provider_is_sealed_then_unseals(
    openbao: PersistentOpenBao, tmp_path: Path, pki: Pki, policy_file: Path
) -> None:
    config = broker_config(tmp_path, pki, policy_file, openbao)
    options = yaml.safe_load(config.read_text())
    section = {**options["stores"]["main"], "key_provider": options["key_providers"]["transit"]}
    store = SqliteStore.from_config({k: v for k, v in section.items() if k != "type"})
    content = SecretContent(values={"clearPassword": SecretValue("canary-sealed")})
    await store.put(SecretName("connectors/sealed"), content)
    await store.close()
    openbao.stop()

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([*CLI, "serve", "--config", str(config)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("listening on "), line + (proc.stderr.read() if proc.stderr else "")
        address = line.split()[-1]
        client, admin = channel(pki, address, "client"), channel(pki, address, "admin")
        probe = health_pb2_grpc.HealthStub(client)
        secrets = broker_grpc.SecretsBrokerServiceStub(client)
        admin_stub = admin_grpc.SecretsAdminServiceStub(admin)

        assert await health(probe) == NOT_SERVING
        assert await health(probe, BROKER_SERVICE) == NOT_SERVING
        assert await health(probe, LIVENESS_SERVICE) == SERVING  # no restart loop
        get = broker_pb.GetSecretRequest(name="connectors/sealed")
        await rpc_error(secrets.GetSecret(get), grpc.StatusCode.UNAVAILABLE, "BROKER_SEALED")
        batch = await secrets.BatchGetSecrets(
            broker_pb.BatchGetSecretsRequest(names=["connectors/sealed"])
        )
        assert batch.results[0].error.code == code_pb2.UNAVAILABLE
        await rpc_error(
            admin_stub.ListSecrets(admin_pb.ListSecretsRequest()),
            grpc.StatusCode.UNAVAILABLE,
            "BROKER_SEALED",
        )

        openbao.start()  # the same port, storage and key; unsealed
        started = time.monotonic()
        await serving(probe)
        print(f"unsealed {time.monotonic() - started:.2f}s after OpenBao came back")
        assert await health(probe, BROKER_SERVICE) == SERVING
        reply = await secrets.GetSecret(get)
        assert reply.secret.values["clearPassword"] == "canary-sealed"
        await client.close()
        await admin.close()
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "starts sealed" in err and "unsealed" in err
    assert "canary-sealed" not in err


async def serving(probe: health_pb2_grpc.HealthStub) -> None:
    """Waits, on the Watch stream (each status change is sent), until SERVING; fails
    past the deadline."""
    request = health_pb2.HealthCheckRequest(service="")
    stream = probe.Watch(request, timeout=UNSEAL_DEADLINE_SECONDS)
    async for reply in stream:
        if reply.status == SERVING:
            stream.cancel()
            return
    raise AssertionError("the stream ended before SERVING")
