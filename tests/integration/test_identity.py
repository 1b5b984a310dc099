"""Who the caller is, over real mutual TLS: certificates minted here, each refusal with its
exact code and reason, and private spaces that no other identity reaches."""

from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import yaml
from cryptography.x509.oid import ExtendedKeyUsageOID
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import resources_pb2

from secrets_broker.ops import cli
from secrets_broker.ops.certs import Issued, issue_ca
from secrets_broker.ops.config import IdentityConfig
from tests.conftest import Harness, start_harness
from tests.integration.helpers import rpc_error, transport_error
from tests.pki import ADMIN_ID, CLIENT_ID, Pki, mint

UNAUTHENTICATED = grpc.StatusCode.UNAUTHENTICATED
# Identities whose private spaces the old encoding confused, or that nest in each other.
SPACE_SPIFFE = [
    "spiffe://test.example/b/c",
    "spiffe://test.example/b",
    "spiffe://test.example/b.c",
    "spiffe://test.example/b/c/d",
    "spiffe://b/c",
    "spiffe://test.example/job",
]
SPACE_CN = ["job", "b", "test.example"]
POLICY = {
    "grants": [
        {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
        {"identities": ["cn:legacy-job"], "rpcs": ["GetSecret"], "names": ["legacy/*"]},
        {
            "identities": ["spiffe://**", "cn:*"],
            "rpcs": ["GetSecret", "BatchGetSecrets", "ListSecrets"],
            "names": ["private/{identity}/**"],
        },
    ]
}


async def _get(
    harness: Harness, who: str | Issued, name: str = "connectors/x"
) -> resources_pb2.Secret:
    reply = await harness.broker_stub(who).GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    return reply.secret


@pytest.fixture(scope="module")
async def cn_harness(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    """A broker that accepts common names (identity.allow_common_name: true)."""
    data = tmp_path_factory.mktemp("cn-broker")
    (data / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    h = await start_harness(
        pki, data, data / "policy.yaml", identity=IdentityConfig(allow_common_name=True)
    )
    yield h
    await h.stop()


async def test_a_cn_that_looks_like_a_spiffe_id_is_not_the_admin(
    harness: Harness, cn_harness: Harness
) -> None:
    impostor = mint(harness.pki.ca, cn=ADMIN_ID)  # no URI SAN
    call = harness.admin_stub(impostor).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)
    err = await rpc_error(call, UNAUTHENTICATED, "IDENTITY_MISSING")
    assert "common-name identities are disabled" in (err.details() or "")
    call = cn_harness.admin_stub(impostor).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)
    err = await rpc_error(call, UNAUTHENTICATED, "IDENTITY_INVALID")
    assert "looks like a URI" in (err.details() or "")


@pytest.mark.parametrize(
    ("cert", "reason"),
    [
        ({"uris": (ADMIN_ID,), "is_ca": True}, "CERTIFICATE_REJECTED"),
        ({"uris": (ADMIN_ID,), "eku": None}, "CERTIFICATE_REJECTED"),
        ({"uris": (CLIENT_ID, ADMIN_ID)}, "IDENTITY_INVALID"),
        ({"uris": (ADMIN_ID, CLIENT_ID)}, "IDENTITY_INVALID"),
        ({"uris": ("spiffe://test.example",)}, "IDENTITY_INVALID"),
        ({"cn": "admin"}, "IDENTITY_MISSING"),
    ],
    ids=["ca-true", "no-eku", "two-uri-sans", "two-uri-sans-admin-first", "root-id", "cn-only"],
)
async def test_unusable_certificates_are_refused_per_call(
    harness: Harness, cert: dict[str, object], reason: str
) -> None:
    issued = mint(harness.pki.ca, **cert)  # type: ignore[arg-type]
    call = harness.admin_stub(issued).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)
    await rpc_error(call, UNAUTHENTICATED, reason)


@pytest.mark.parametrize(
    "uri",
    [
        "SPIFFE://test.example/admin",
        "spiffe://TEST.example/admin",
        "spiffe://test.example:443/admin",
        "spiffe://user@test.example/admin",
        "spiffe://test.example/admin/",
        "spiffe://test.example//admin",
        "spiffe://test.example/./admin",
        "spiffe://test.example/../admin",
        "spiffe://test.example/adm%69n",
        "spiffe://test.example/admin?x=1",
        "spiffe://test.example/admin#x",
        "spiffe://test.example/b~c",
        "spiffe://cn=job/x",
        "spiffe://test.example/admin\n",
        "https://test.example/admin",
        "spiffe://test.example/" + "a" * 2040,
    ],
)
async def test_invalid_spiffe_ids_are_refused(harness: Harness, uri: str) -> None:
    issued = mint(harness.pki.ca, uris=(uri,))
    call = harness.admin_stub(issued).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)
    await rpc_error(call, UNAUTHENTICATED, "IDENTITY_INVALID")


@pytest.mark.parametrize(
    "cert",
    [
        {"valid_from_days": -30, "valid_until_days": -1},
        {"valid_from_days": 1, "valid_until_days": 30},
        {"eku": (ExtendedKeyUsageOID.SERVER_AUTH,)},
    ],
    ids=["expired", "not-yet-valid", "server-auth-only"],
)
async def test_the_handshake_refuses_invalid_certificates(
    harness: Harness, cert: dict[str, object]
) -> None:
    issued = mint(harness.pki.ca, uris=(ADMIN_ID,), **cert)  # type: ignore[arg-type]
    call = harness.admin_stub(issued).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)
    await transport_error(call, grpc.StatusCode.UNAVAILABLE)


async def test_the_handshake_refuses_another_ca(harness: Harness) -> None:
    issued = mint(issue_ca("another CA"), uris=(ADMIN_ID,))
    call = harness.admin_stub(issued).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)
    await transport_error(call, grpc.StatusCode.UNAVAILABLE)


async def test_a_valid_cn_identity_is_used_when_enabled(cn_harness: Harness, unique: str) -> None:
    admin = cn_harness.admin_stub()
    await admin.PutSecret(
        admin_pb.PutSecretRequest(name=f"legacy/{unique}", values={"k": "v"}), timeout=5
    )
    assert (await _get(cn_harness, "cn-only", f"legacy/{unique}")).values["k"] == "v"
    # a certificate's SPIFFE ID wins over its CN: this one is not cn:legacy-job
    impostor = mint(cn_harness.pki.ca, cn="legacy-job", uris=("spiffe://test.example/x",))
    await rpc_error(
        cn_harness.broker_stub(impostor).GetSecret(
            pb.GetSecretRequest(name=f"legacy/{unique}"), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )


async def test_no_identity_reaches_another_private_space(cn_harness: Harness, unique: str) -> None:
    ca = cn_harness.pki.ca
    callers = {u: mint(ca, uris=(u,)) for u in SPACE_SPIFFE}
    callers |= {f"cn:{c}": mint(ca, cn=c) for c in SPACE_CN}
    segments = {u: u.removeprefix("spiffe://").replace("/", "~") for u in SPACE_SPIFFE}
    segments |= {f"cn:{c}": f"cn={c}" for c in SPACE_CN}
    assert len(set(segments.values())) == len(callers)
    admin = cn_harness.admin_stub()
    for who, segment in segments.items():
        await admin.PutSecret(
            admin_pb.PutSecretRequest(name=f"private/{segment}/{unique}", values={"who": who}),
            timeout=5,
        )
    for who, cert in callers.items():
        own = f"private/{segments[who]}/{unique}"
        assert (await _get(cn_harness, cert, own)).values["who"] == who
        others = [f"private/{s}/{unique}" for w, s in segments.items() if w != who]
        for name in others:
            await rpc_error(
                cn_harness.broker_stub(cert).GetSecret(pb.GetSecretRequest(name=name), timeout=5),
                grpc.StatusCode.NOT_FOUND,
                "SECRET_NOT_FOUND",
            )
        batch = await cn_harness.broker_stub(cert).BatchGetSecrets(
            pb.BatchGetSecretsRequest(names=[own, *others]), timeout=5
        )
        assert batch.results[0].secret.values["who"] == who
        assert [r.error.code for r in batch.results[1:]] == [
            grpc.StatusCode.NOT_FOUND.value[0]
        ] * len(others)
        listed = await cn_harness.admin_stub(cert).ListSecrets(
            admin_pb.ListSecretsRequest(prefix="private/", page_size=1000), timeout=5
        )
        assert [m.name for m in listed.secrets if m.name.endswith(unique)] == [own]


@pytest.mark.parametrize(
    "uri", ["spiffe://test.example/b~c", "spiffe://cn=job/x", "spiffe://test.example/b/c/"]
)
async def test_identities_that_used_to_collide_cannot_connect(
    cn_harness: Harness, uri: str
) -> None:
    call = cn_harness.broker_stub(mint(cn_harness.pki.ca, uris=(uri,))).GetSecret(
        pb.GetSecretRequest(name="private/test.example~b~c/x"), timeout=5
    )
    await rpc_error(call, UNAUTHENTICATED, "IDENTITY_INVALID")


def test_certs_client_refuses_a_uri_like_cn(
    pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["certs", "client", "--ca-dir", str(pki.directory), "--out", str(tmp_path)]
    assert cli.main([*base, "--cn", "spiffe://secrets-broker.dev/admin"]) == 2
    assert "looks like a URI" in capsys.readouterr().err
    assert cli.main([*base, "--cn", "job", "--spiffe-id", "spiffe://Secrets-Broker.dev/x"]) == 2
    assert "trust domain may hold only" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
    assert cli.main([*base, "--cn", "job", "--spiffe-id", "spiffe://secrets-broker.dev/job"]) == 0
