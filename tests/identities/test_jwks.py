"""Fetching a provider's keys: bounded refetches on unknown kids, and an outage that
answers UNAVAILABLE without holding up the event loop. Real HTTPS servers on loopback."""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2 as broker_pb

from secrets_broker.access.jwks import OidcKeys
from secrets_broker.access.tokens import OidcIssuer, TokenVerifier
from secrets_broker.domain.errors import Unauthenticated
from secrets_broker.ops.config import OidcIssuerConfig
from tests.conftest import FakeClock
from tests.identities.conftest import bearer, people_policy, start_token_broker, tokens_config
from tests.identities.oidc import BROKER_AUDIENCE, Provider
from tests.integration.helpers import rpc_error
from tests.pki import Pki

SIGNER = ec.generate_private_key(ec.SECP256R1())


def forged(issuer: str, kid: str) -> str:
    """A token naming ``issuer``, signed by a key no one trusts (an attacker's)."""
    claims = {"iss": issuer, "sub": "alice", "aud": BROKER_AUDIENCE, "exp": time.time() + 60}
    return jwt.encode(claims, SIGNER, algorithm="ES256", headers={"kid": kid})


@dataclass
class KeyServer:
    """An https server publishing a discovery document and a JWKS, counting requests."""

    issuer: str
    requests: list[str] = field(default_factory=list)


@contextmanager
def key_server(pki: Pki) -> Iterator[KeyServer]:
    state = KeyServer("")
    public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(SIGNER.public_key()))
    jwks = {"keys": [{**public, "kid": "known"}]}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            discovery = {"issuer": state.issuer, "jwks_uri": state.issuer + "/jwks"}
            doc = jwks if self.path == "/jwks" else discovery
            body = json.dumps(doc).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki.path("server"), pki.key("server"))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    state.issuer = f"https://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


async def test_unknown_kids_refetch_the_keys_at_most_once_per_interval(pki: Pki) -> None:
    clock = FakeClock()
    with key_server(pki) as server:
        keys = OidcKeys(server.issuer, ca_file=pki.path("ca"), min_refresh_seconds=30, clock=clock)
        issuer = OidcIssuer(server.issuer, (BROKER_AUDIENCE,), frozenset({"ES256"}), keys)
        verifier = TokenVerifier({server.issuer: issuer}, leeway_seconds=0)
        identity = await verifier.identity(forged(server.issuer, "known"))
        assert identity.canonical == f"oidc:{server.issuer}#alice"
        assert server.requests == ["/.well-known/openid-configuration", "/jwks"]

        async def refused(kid: str) -> str:
            with pytest.raises(Unauthenticated) as caught:
                await verifier.identity(forged(server.issuer, kid))
            return caught.value.reason

        reasons = await asyncio.gather(*(refused(f"unknown-{i}") for i in range(20)))
        assert set(reasons) == {"TOKEN_KEY_UNKNOWN"}
        assert server.requests == ["/.well-known/openid-configuration", "/jwks"]  # none yet
        clock.advance(30)
        reasons = await asyncio.gather(*(refused(f"later-{i}") for i in range(20)))
        assert set(reasons) == {"TOKEN_KEY_UNKNOWN"}
        assert server.requests[2:] == ["/jwks"]  # one refetch for all twenty


@contextmanager
def black_hole() -> Iterator[tuple[int, list[socket.socket]]]:
    """A TCP port that accepts connections and never answers (a hung provider)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join()
        for conn in accepted:
            conn.close()
        listener.close()


async def test_a_provider_outage_is_unavailable_and_never_blocks_the_loop(
    pki: Pki, provider: Provider, tmp_path: Path
) -> None:
    with black_hole() as (port, accepted):
        hung = f"https://127.0.0.1:{port}"
        config = tokens_config(
            provider, jwks_timeout_seconds=3.0, jwks_refresh_min_interval_seconds=60.0
        )
        config = config.model_copy(
            update={
                "oidc": [
                    OidcIssuerConfig(
                        issuer=hung,
                        audiences=[BROKER_AUDIENCE],
                        algorithms=["ES256"],
                        ca_file=pki.path("ca"),
                    )
                ]
            }
        )
        broker = await start_token_broker(pki, tmp_path, people_policy(hung), config)
        try:
            stub, _ = broker.stubs()
            request = broker_pb.GetSecretRequest(name="any/name")
            started = time.monotonic()
            waiting = asyncio.ensure_future(
                stub.GetSecret(request, metadata=bearer(forged(hung, "k1")), timeout=30)
            )
            # While the keys are being fetched (3 s until the timeout), others are served.
            admin = admin_grpc.SecretsAdminServiceStub(broker.mtls_channel("admin"))
            listed = await admin.ListSecrets(admin_pb.ListSecretsRequest(), timeout=30)
            assert list(listed.secrets) == []
            assert not waiting.done()
            await rpc_error(waiting, grpc.StatusCode.UNAVAILABLE, "IDENTITY_PROVIDER_UNAVAILABLE")
            first = time.monotonic() - started
            started = time.monotonic()
            await rpc_error(
                stub.GetSecret(request, metadata=bearer(forged(hung, "k2")), timeout=30),
                grpc.StatusCode.UNAVAILABLE, "IDENTITY_PROVIDER_UNAVAILABLE",
            )  # fmt: skip
            second = time.monotonic() - started
            assert len(accepted) == 1  # the second refusal did not ask the provider again
            print(f"outage: first refusal {first:.2f}s (timeout 3s), next {second * 1000:.1f}ms")
        finally:
            await broker.stop()


async def test_a_token_believed_once_is_refused_when_it_expires(pki: Pki) -> None:
    """Verified tokens are kept, but only until their exp."""
    with key_server(pki) as server:
        keys = OidcKeys(server.issuer, ca_file=pki.path("ca"))
        issuer = OidcIssuer(server.issuer, (BROKER_AUDIENCE,), frozenset({"ES256"}), keys)
        verifier = TokenVerifier({server.issuer: issuer}, leeway_seconds=0)
        expires = int(time.time()) + 2
        claims = {"iss": server.issuer, "sub": "alice", "aud": BROKER_AUDIENCE, "exp": expires}
        token = jwt.encode(claims, SIGNER, algorithm="ES256", headers={"kid": "known"})
        assert (await verifier.identity(token)).canonical == f"oidc:{server.issuer}#alice"
        assert (await verifier.identity(token)).canonical == f"oidc:{server.issuer}#alice"
        while time.time() <= expires:
            await asyncio.sleep(0.05)  # waiting for the wall clock to pass exp
        with pytest.raises(Unauthenticated) as caught:
            await verifier.identity(token)
        assert caught.value.reason == "TOKEN_EXPIRED"
