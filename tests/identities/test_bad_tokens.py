"""Every token the broker must refuse, refused with UNAUTHENTICATED and its exact reason.

Good tokens come from the real provider's device flow. The forged ones are made here, as
an attacker would make them (from a real token, the provider's public keys, or a key of
the attacker's own); nothing here signs with the provider's keys.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator

import grpc
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from secretsbroker.v1 import broker_service_pb2 as broker_pb

from tests.identities.conftest import TokenBroker, bearer, sign_in
from tests.identities.oidc import OTHER_AUDIENCE, SHORT_CLIENT, Provider, running_provider
from tests.integration.helpers import rpc_error
from tests.pki import Pki

UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _parts(token: str) -> tuple[dict[str, object], dict[str, object], str]:
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


def _join(header: dict[str, object], payload: dict[str, object], signature: str) -> str:
    encode = lambda d: _b64(json.dumps(d, separators=(",", ":")).encode())  # noqa: E731
    return f"{encode(header)}.{encode(payload)}.{signature}"


@pytest.fixture(scope="module")
def good(provider: Provider) -> str:
    return sign_in(provider, "alice")


@pytest.fixture(scope="module")
def other_provider(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    """A real provider the broker does not trust (another issuer)."""
    with running_provider(tmp_path_factory.mktemp("other-oidc"), pki) as running:
        yield running


async def _refused(broker: TokenBroker, token: str, reason: str) -> None:
    stub, _ = broker.stubs()
    call = stub.GetSecret(broker_pb.GetSecretRequest(name="any/name"), metadata=bearer(token))
    err = await rpc_error(call, UNAUTHENTICATED, reason)
    for part in token.split("."):  # the message never echoes the token
        assert not part or part not in (err.details() or "")


async def test_an_expired_token(token_broker: TokenBroker, provider: Provider) -> None:
    token = sign_in(provider, "alice", client_id=SHORT_CLIENT)  # lives 1 second
    expires = int(jwt.decode(token, options={"verify_signature": False})["exp"])
    while time.time() <= expires + 1:  # the broker's leeway is 0 in these tests
        time.sleep(0.1)
    await _refused(token_broker, token, "TOKEN_EXPIRED")


async def test_a_token_for_another_audience(token_broker: TokenBroker, provider: Provider) -> None:
    token = sign_in(provider, "alice", resource=OTHER_AUDIENCE)
    assert jwt.decode(token, options={"verify_signature": False})["aud"] == OTHER_AUDIENCE
    await _refused(token_broker, token, "TOKEN_AUDIENCE_MISMATCH")


async def test_a_token_from_an_untrusted_issuer(
    token_broker: TokenBroker, other_provider: Provider
) -> None:
    await _refused(token_broker, sign_in(other_provider, "alice"), "TOKEN_ISSUER_UNKNOWN")


async def test_alg_none(token_broker: TokenBroker, good: str) -> None:
    header, payload, _ = _parts(good)
    await _refused(
        token_broker, _join({**header, "alg": "none"}, payload, ""), "TOKEN_ALGORITHM_REFUSED"
    )


async def test_hs256_signed_with_the_providers_public_key(
    token_broker: TokenBroker, provider: Provider, good: str
) -> None:
    header, payload, _ = _parts(good)
    jwk = next(k for k in provider.jwks()["keys"] if k["kid"] == header["kid"])
    public_pem = jwt.PyJWK(jwk).key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = _join({**header, "alg": "HS256"}, payload, "").rstrip(".")
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    await _refused(token_broker, f"{signing_input}.{_b64(mac)}", "TOKEN_ALGORITHM_REFUSED")


async def test_a_key_the_provider_never_published(token_broker: TokenBroker, good: str) -> None:
    _, payload, _ = _parts(good)
    attacker = ec.generate_private_key(ec.SECP256R1())
    forged = jwt.encode(
        payload, attacker, algorithm="ES256", headers={"kid": "attacker", "typ": "at+jwt"}
    )
    await _refused(token_broker, forged, "TOKEN_KEY_UNKNOWN")


async def test_a_tampered_token(token_broker: TokenBroker, good: str) -> None:
    header, payload, signature = _parts(good)
    await _refused(
        token_broker, _join(header, {**payload, "sub": "bob"}, signature), "TOKEN_SIGNATURE_INVALID"
    )


async def test_a_provider_key_used_for_another_algorithm(
    token_broker: TokenBroker, good: str
) -> None:
    header, payload, signature = _parts(good)
    await _refused(
        token_broker,
        _join({**header, "alg": "RS256"}, payload, signature),
        "TOKEN_ALGORITHM_REFUSED",
    )


@pytest.mark.parametrize(
    ("authorization", "reason"),
    [
        ("Bearer not-a-jwt", "TOKEN_MALFORMED"),
        ("Basic YWxpY2U6cGFzc3dvcmQ=", "TOKEN_MALFORMED"),
        ("Bearer ", "TOKEN_MALFORMED"),
    ],
)
async def test_malformed_authorization(
    token_broker: TokenBroker, authorization: str, reason: str
) -> None:
    stub, _ = token_broker.stubs()
    call = stub.GetSecret(
        broker_pb.GetSecretRequest(name="any/name"), metadata=(("authorization", authorization),)
    )
    await rpc_error(call, UNAUTHENTICATED, reason)


async def test_no_token_on_the_token_listener(token_broker: TokenBroker) -> None:
    stub, _ = token_broker.stubs()
    await rpc_error(
        stub.GetSecret(broker_pb.GetSecretRequest(name="any/name")),
        UNAUTHENTICATED, "IDENTITY_MISSING",
    )  # fmt: skip
