"""Mutual TLS, reflection and health against the real server."""

import asyncio
import socket
import ssl
from pathlib import Path

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.ops.certs import issue_leaf, write_pair
from tests.conftest import Harness, start_harness
from tests.pki import Pki


async def _get(channel: grpc.aio.Channel) -> grpc.StatusCode:
    stub = broker_grpc.SecretsBrokerServiceStub(channel)
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.GetSecret(pb.GetSecretRequest(name="connectors/x"), timeout=5)
    return err.value.code()


async def test_no_client_certificate_is_refused(harness: Harness) -> None:
    creds = grpc.ssl_channel_credentials(root_certificates=harness.pki.ca.cert_pem)
    async with grpc.aio.secure_channel(harness.address, creds) as channel:
        assert await _get(channel) == grpc.StatusCode.UNAVAILABLE


async def test_certificate_from_another_ca_is_refused(harness: Harness) -> None:
    async with harness.channel("foreign") as channel:
        assert await _get(channel) == grpc.StatusCode.UNAVAILABLE


@pytest.mark.parametrize("who", ["expired", "server-as-client"])
async def test_unusable_client_certificates_are_refused(harness: Harness, who: str) -> None:
    async with harness.channel(who) as channel:
        assert await _get(channel) == grpc.StatusCode.UNAVAILABLE


async def test_plaintext_is_refused(harness: Harness) -> None:
    async with grpc.aio.insecure_channel(harness.address) as channel:
        assert await _get(channel) == grpc.StatusCode.UNAVAILABLE


def _handshake(harness: Harness, highest: ssl.TLSVersion) -> str:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.maximum_version = highest
    ctx.set_ciphers("ALL:@SECLEVEL=0")
    ctx.load_cert_chain(harness.pki.path("client"), harness.pki.key("client"))
    ctx.set_alpn_protocols(["h2"])
    with socket.create_connection(("127.0.0.1", harness.running.port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            return str(tls.version())


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_tls_below_1_2_is_refused(harness: Harness) -> None:
    assert _handshake(harness, ssl.TLSVersion.TLSv1_2) == "TLSv1.2"  # the probe itself works
    with pytest.raises((ssl.SSLError, ConnectionError)):
        _handshake(harness, ssl.TLSVersion.TLSv1_1)


async def test_valid_certificate_without_grant_is_permission_denied(harness: Harness) -> None:
    async with harness.channel("stranger") as channel:
        assert await _get(channel) == grpc.StatusCode.PERMISSION_DENIED


async def test_health_reports_serving_for_both_services(harness: Harness) -> None:
    stub = health_pb2_grpc.HealthStub(harness.channel("client"))
    for service in (
        "",
        "secretsbroker.v1.SecretsBrokerService",
        "secretsbroker.v1.SecretsAdminService",
    ):
        reply = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


async def test_reflection_lists_both_services(harness: Harness) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(harness.channel("client"))
    request = reflection_pb2.ServerReflectionRequest(list_services="")

    async def one() -> reflection_pb2.ServerReflectionResponse:
        async for reply in stub.ServerReflectionInfo(iter([request]), timeout=5):
            return reply
        raise AssertionError("no reply")

    names = {s.name for s in (await one()).list_services_response.service}
    assert {
        "secretsbroker.v1.SecretsBrokerService",
        "secretsbroker.v1.SecretsAdminService",
        "grpc.health.v1.Health",
    } <= names


async def test_oversized_request_is_resource_exhausted(harness: Harness) -> None:
    stub = harness.broker_stub("client")
    huge = pb.BatchGetSecretsRequest(names=["connectors/" + "a" * 500] * 2500)
    assert huge.ByteSize() > 1024 * 1024
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await stub.BatchGetSecrets(huge, timeout=5)
    assert err.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_rotated_server_certificate_is_served_without_restart(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    tls = tmp_path / "tls"
    write_pair(tls, "server", pki.server)
    (tls / "ca.pem").write_bytes(pki.ca.cert_pem)
    h = await start_harness(pki, tmp_path, policy_file, server_tls_dir=tls)
    try:
        first = await asyncio.to_thread(_server_cert, h)
        assert first == x509.load_pem_x509_certificate(pki.server.cert_pem).public_bytes(
            Encoding.DER
        )
        rotated = issue_leaf(pki.ca, "localhost", server=True, hosts=("localhost", "127.0.0.1"))
        mismatched = issue_leaf(pki.ca, "localhost", server=True, hosts=("127.0.0.1",))
        (tls / "server.pem").write_bytes(mismatched.cert_pem)  # key not yet replaced
        assert await asyncio.to_thread(_server_cert, h) == first
        write_pair(tls, "server", rotated)
        second = await asyncio.to_thread(_server_cert, h)
        assert second == x509.load_pem_x509_certificate(rotated.cert_pem).public_bytes(Encoding.DER)
        reply = await h.broker_stub("stranger").GetSecret(
            pb.GetSecretRequest(name="x/y"), timeout=5
        )
    except grpc.aio.AioRpcError as err:  # the call itself works over the new certificate
        assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    else:
        raise AssertionError(f"unexpected reply {reply}")
    finally:
        await h.stop()


def _server_cert(h: Harness) -> bytes:
    ctx = ssl.create_default_context(cafile=str(h.pki.path("ca")))
    ctx.load_cert_chain(h.pki.path("client"), h.pki.key("client"))
    ctx.set_alpn_protocols(["h2"])
    with socket.create_connection(("127.0.0.1", h.running.port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as conn:
            der = conn.getpeercert(binary_form=True)
    assert der is not None
    return der
