"""A broker whose identity comes from a real SPIRE agent (Workload API), no files: it
serves its SPIRE-issued SVID, keeps serving across SVID rotations, and Python and Go
clients dial it with their own SVIDs (X.509, and JWT-SVIDs as bearer tokens)."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from secretsbroker import BrokerClient, SecretNotFound, Unauthenticated
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc
from secretsbroker.workload import connect_workload_api, jwt_svid, workload_credentials
from spiffe import X509Source

from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.errors import Unauthenticated as DomainUnauthenticated
from secrets_broker.ops.config import JwtSvidConfig, TokensConfig
from secrets_broker.ops.tokens import build_tokens
from tests.identities.spire import TRUST_DOMAIN, Spire, running_spire
from tests.servers import ROOT, ServerError

BROKER_SVID_TTL_SECONDS = 12  # SPIRE rotates at about half of it
ROTATION_DEADLINE_SECONDS = 120.0
CANARY = "canary-workload-77c1"
PEM = serialization.Encoding.PEM


@dataclass
class WorkloadBroker:
    spire: Spire
    broker_id: str
    python_id: str
    go_id: str
    address: str  # localhost:PORT: the broker's SVID carries the DNS name localhost
    proc: subprocess.Popen[str]


@pytest.fixture(scope="module")
def spire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Spire]:
    with running_spire(tmp_path_factory.mktemp("spire")) as running:
        yield running


def _serve(config: Path) -> tuple[subprocess.Popen[str], int]:
    with (config.parent / "broker.log").open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "secrets_broker.ops.cli", "serve", "--config", str(config)],
            stdout=subprocess.PIPE, stderr=log, text=True,
        )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()  # "listening on HOST:PORT", or EOF if it failed
    if not line.startswith("listening on "):
        proc.wait(timeout=30)
        raise ServerError(f"broker did not start: {(config.parent / 'broker.log').read_text()}")
    return proc, int(line.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def broker(spire: Spire, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkloadBroker]:
    broker_id = spire.register(
        "secrets-broker", "-x509SVIDTTL", str(BROKER_SVID_TTL_SECONDS), "-dns", "localhost"
    )
    python_id, go_id = spire.register("python-client"), spire.register("go-client")
    spire.wait_for_svids(broker_id, python_id, go_id)
    base = tmp_path_factory.mktemp("workload-broker")
    create_master_key(base / "master.key")
    (base / "policy.yaml").write_text(yaml.safe_dump({"grants": [
        {"identities": [python_id, go_id], "rpcs": ["GetSecret", "PutSecret"],
         "names": ["workloads/**"]},
    ]}))  # fmt: skip
    config = {
        "listen": "127.0.0.1:0",
        "tls": {"source": "workload_api", "socket": spire.socket, "spiffe_id": broker_id},
        "tokens": {"jwt_svid": {"bundle_source": "workload_api"}},
        "policy_file": "policy.yaml",
        "audit": {"dir": "audit"},
        "stores": {"embedded": {"type": "sqlite", "path": "store.db",
                                "master_key_file": "master.key"}},
    }  # fmt: skip
    (base / "broker.yaml").write_text(yaml.safe_dump(config))
    proc, port = _serve(base / "broker.yaml")
    try:
        yield WorkloadBroker(spire, broker_id, python_id, go_id, f"localhost:{port}", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        assert CANARY not in (base / "broker.log").read_text()


def served_certificate(b: WorkloadBroker, directory: Path) -> x509.Certificate:
    """The certificate the broker presents now, from a real TLS handshake (with the
    Python client's SVID: the broker asks for a client certificate)."""
    chain, key, roots = _pem_files(b, directory)
    context = ssl.create_default_context(cafile=str(roots))
    context.load_cert_chain(chain, key)
    port = int(b.address.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            der = tls.getpeercert(binary_form=True)
    assert der is not None
    return x509.load_der_x509_certificate(der)


def _pem_files(b: WorkloadBroker, directory: Path) -> tuple[Path, Path, Path]:
    def pick(svids: list[Any]) -> Any:
        return next(s for s in svids if str(s.spiffe_id) == b.python_id)

    with X509Source(socket_path=b.spire.socket, timeout_in_seconds=30, svid_picker=pick) as src:
        context = src.get_x509_context()
    svid = context.default_svid
    chain, key, roots = directory / "chain.pem", directory / "key.pem", directory / "roots.pem"
    chain.write_bytes(b"".join(c.public_bytes(PEM) for c in svid.cert_chain))
    key.write_bytes(svid.private_key.private_bytes(
        PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))  # fmt: skip
    roots.write_bytes(b"".join(
        c.public_bytes(PEM) for bundle in context.x509_bundle_set.bundles
        for c in bundle.x509_authorities))  # fmt: skip
    return chain, key, roots


def test_the_broker_serves_its_spire_issued_svid(broker: WorkloadBroker, tmp_path: Path) -> None:
    cert = served_certificate(broker, tmp_path)
    uris = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert uris.get_values_for_type(x509.UniformResourceIdentifier) == [broker.broker_id]


def test_a_python_client_dials_with_its_svid(broker: WorkloadBroker) -> None:
    with connect_workload_api(
        broker.address, socket=broker.spire.socket, spiffe_id=broker.python_id
    ) as client:
        client.put_secret("workloads/pg", {"clearPassword": CANARY})
        assert client.get_secret("workloads/pg").values["clearPassword"].reveal() == CANARY
        with pytest.raises(SecretNotFound):
            client.get_secret("elsewhere/pg")


def test_a_go_client_dials_with_its_svid(broker: WorkloadBroker) -> None:
    with connect_workload_api(
        broker.address, socket=broker.spire.socket, spiffe_id=broker.python_id
    ) as client:
        client.put_secret("workloads/go", {"token": "for-go"})
    go = shutil.which("go")
    assert go is not None, "go is needed for the Go client"
    done = subprocess.run(
        [go, "run", "./cmd/workload-get", "-address", broker.address,
         "-socket", broker.spire.socket, "-broker-id", broker.broker_id,
         "-spiffe-id", broker.go_id, "-name", "workloads/go", "-key", "token"],
        cwd=ROOT / "clients/go", capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "for-go"
    # A broker with another SPIFFE ID is refused by the Go client, whatever its CA.
    done = subprocess.run(
        [go, "run", "./cmd/workload-get", "-address", broker.address,
         "-socket", broker.spire.socket, "-broker-id", broker.python_id,
         "-spiffe-id", broker.go_id, "-name", "workloads/go", "-key", "token"],
        cwd=ROOT / "clients/go", capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "unexpected ID" in done.stderr


async def test_a_jwt_svid_verified_against_a_bundle_file(
    broker: WorkloadBroker, tmp_path: Path
) -> None:
    """The other bundle source: a SPIFFE bundle file, as spire-server writes it."""
    bundle = tmp_path / "bundle.json"
    bundle.write_text(broker.spire.server_cli("bundle", "show", "-format", "spiffe"))
    config = JwtSvidConfig(bundle_files={TRUST_DOMAIN: bundle}, audience=broker.broker_id)
    tokens = build_tokens(TokensConfig(jwt_svid=config))
    assert tokens.verifier is not None
    token = jwt_svid(broker.broker_id, broker.spire.socket, broker.go_id)
    assert (await tokens.verifier.identity(token)).canonical == broker.go_id
    other = jwt_svid("spiffe://identities.test/not-the-broker", broker.spire.socket, broker.go_id)
    with pytest.raises(DomainUnauthenticated) as caught:
        await tokens.verifier.identity(other)
    assert caught.value.reason == "TOKEN_AUDIENCE_MISMATCH"


def _jwt_channel(b: WorkloadBroker, token: str) -> grpc.Channel:
    creds = grpc.composite_channel_credentials(
        workload_credentials(b.spire.socket, b.python_id),
        grpc.access_token_call_credentials(token),
    )
    return grpc.secure_channel(b.address, creds)


def test_a_jwt_svid_names_the_caller(broker: WorkloadBroker) -> None:
    token = jwt_svid(broker.broker_id, broker.spire.socket, broker.go_id)
    with _jwt_channel(broker, token) as channel:
        client = BrokerClient(channel)
        client.put_secret("workloads/jwt", {"v": "by-go"})  # granted to go-client
        assert client.get_secret("workloads/jwt").values["v"].reveal() == "by-go"
    wrong = jwt_svid("spiffe://identities.test/someone-else", broker.spire.socket, broker.go_id)
    with _jwt_channel(broker, wrong) as channel:
        stub = broker_grpc.SecretsBrokerServiceStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.GetSecret(broker_pb.GetSecretRequest(name="workloads/jwt"), timeout=30)
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(Unauthenticated) as typed:
            BrokerClient(channel).get_secret("workloads/jwt")
        assert typed.value.reason == "TOKEN_AUDIENCE_MISMATCH"


def test_svid_rotation_without_restart_or_failed_call(
    broker: WorkloadBroker, tmp_path: Path
) -> None:
    first = served_certificate(broker, tmp_path)
    kept = connect_workload_api(
        broker.address, socket=broker.spire.socket, spiffe_id=broker.python_id
    )
    kept.put_secret("workloads/rotation", {"v": "1"})
    seen = {first.serial_number}
    calls = 0
    deadline = time.monotonic() + ROTATION_DEADLINE_SECONDS
    while len(seen) < 3:  # the first SVID and two rotations
        assert time.monotonic() < deadline, f"{len(seen) - 1} rotations in the deadline"
        assert kept.get_secret("workloads/rotation").values["v"].reveal() == "1"
        with connect_workload_api(
            broker.address, socket=broker.spire.socket, spiffe_id=broker.python_id
        ) as fresh:  # a new connection: a new handshake with whatever the broker serves
            assert fresh.get_secret("workloads/rotation").values["v"].reveal() == "1"
        calls += 2
        seen.add(served_certificate(broker, tmp_path).serial_number)
    kept.close()
    assert broker.proc.poll() is None  # the same process all along
    print(f"rotation: {calls} calls, none failed, {len(seen)} SVIDs served")
