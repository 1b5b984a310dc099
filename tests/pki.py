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


def expired_client(ca: Issued) -> Issued:
    """A client certificate for CLIENT_ID, signed by ``ca``, that expired yesterday."""
    ca_cert = x509.load_pem_x509_certificate(ca.cert_pem)
    ca_key = serialization.load_pem_private_key(ca.key_pem, password=None)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "connector")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=30))
        .not_valid_after(now - datetime.timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(
            x509.SubjectAlternativeName([x509.UniformResourceIdentifier(CLIENT_ID)]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return Issued(
        cert.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


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
