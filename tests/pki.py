"""Test certificates: a CA, the broker's server certificate and a corpus of clients."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from secrets_broker.ops.certs import Issued, issue_ca, issue_leaf, write_pair

CLIENT_ID = "spiffe://test.example/connector"
ADMIN_ID = "spiffe://test.example/admin"
AUTHN_ID = "spiffe://test.example/authn"
STRANGER_ID = "spiffe://test.example/stranger"


def mint(
    ca: Issued,
    *,
    cn: str = "client",
    uris: tuple[str, ...] = (),
    is_ca: bool = False,
    eku: tuple[x509.ObjectIdentifier, ...] | None = (ExtendedKeyUsageOID.CLIENT_AUTH,),
    valid_from_days: float = -1,
    valid_until_days: float = 30,
) -> Issued:
    """A client certificate signed by ``ca`` with exactly the given properties, for
    building the bad certificates that ``issue_leaf`` refuses to make (eku=None: no
    extended key usage extension at all)."""
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + datetime.timedelta(days=valid_from_days))
        .not_valid_after(now + datetime.timedelta(days=valid_until_days))
        .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
    )
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=False)
    if uris:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.UniformResourceIdentifier(u) for u in uris]),
            critical=False,
        )
    cert = builder.sign(ca_key, hashes.SHA256())
    return Issued(
        cert.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def crl(ca: Issued, revoked: tuple[Issued, ...] = (), *, der: bool = False) -> bytes:
    """A CRL signed by ``ca`` revoking these certificates (PEM, or DER)."""
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - datetime.timedelta(minutes=5))
        .next_update(now + datetime.timedelta(days=7))
    )
    for issued in revoked:
        serial = x509.load_pem_x509_certificate(issued.cert_pem).serial_number
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(now).build()
        )
    signed = builder.sign(ca_key, hashes.SHA256())
    return signed.public_bytes(serialization.Encoding.DER if der else serialization.Encoding.PEM)


def expired_client(ca: Issued) -> Issued:
    """A client certificate for CLIENT_ID, signed by ``ca``, that expired yesterday."""
    return mint(ca, cn="connector", uris=(CLIENT_ID,), valid_from_days=-30, valid_until_days=-1)


@dataclass(frozen=True)
class Pki:
    directory: Path
    ca: Issued
    server: Issued
    clients: dict[str, Issued]

    def path(self, stem: str) -> Path:
        return self.directory / f"{stem}.pem"

    def key(self, stem: str) -> Path:
        return self.directory / f"{stem}-key.pem"


def make_pki(directory: Path) -> Pki:
    ca = issue_ca("test CA")
    other_ca = issue_ca("another CA")
    server = issue_leaf(ca, "localhost", server=True, hosts=("localhost", "127.0.0.1"))
    clients = {
        "client": issue_leaf(ca, "connector", server=False, spiffe_id=CLIENT_ID),
        "admin": issue_leaf(ca, "admin", server=False, spiffe_id=ADMIN_ID),
        "authn": issue_leaf(ca, "authn", server=False, spiffe_id=AUTHN_ID),
        "stranger": issue_leaf(ca, "stranger", server=False, spiffe_id=STRANGER_ID),
        "cn-only": issue_leaf(ca, "legacy-job", server=False),
        "foreign": issue_leaf(other_ca, "connector", server=False, spiffe_id=CLIENT_ID),
        "expired": expired_client(ca),
        # a server certificate (serverAuth only) presented as a client certificate
        "server-as-client": issue_leaf(ca, "connector", server=True, spiffe_id=CLIENT_ID),
    }
    write_pair(directory, "ca", ca)
    write_pair(directory, "server", server)
    for name, issued in clients.items():
        write_pair(directory, name, issued)
    return Pki(directory, ca, server, clients)
