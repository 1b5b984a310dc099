"""Test certificates: a CA, the broker's server certificate and a corpus of clients."""

from dataclasses import dataclass
from pathlib import Path

from secrets_broker.certs import Issued, issue_ca, issue_leaf, write_pair

CLIENT_ID = "spiffe://test.example/connector"
ADMIN_ID = "spiffe://test.example/admin"
AUTHN_ID = "spiffe://test.example/authn"
STRANGER_ID = "spiffe://test.example/stranger"


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
    }
    write_pair(directory, "ca", ca)
    write_pair(directory, "server", server)
    for name, issued in clients.items():
        write_pair(directory, name, issued)
    return Pki(directory, ca, server, clients)
