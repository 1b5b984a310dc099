"""Writes the committed seed corpus (tests/fuzz/corpus/): valid requests of every type
and small secretsCollections documents. Re-run after a contract change:
``.venv/bin/python -m tests.fuzz.seed_corpus``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from tests.fuzz.targets import REQUESTS

CORPUS = Path(__file__).resolve().parent / "corpus"
DEMO = Path(__file__).resolve().parents[2] / "server/secrets_broker/data/demo-collections.yaml"
MESSAGES = [
    pb.GetSecretRequest(name="connectors/postgres-prod", version=2, keys=["userId"]),
    pb.BatchGetSecretsRequest(names=["a/b", "View Server:view-server[1f2e]"], keys=["k"]),
    pb.GetUserDirectoryRequest(
        collection="corp/people",
        page_size=2,
        member_of="admins",
        user_ids=["alice"],
        include_credentials=True,
    ),
    pb.GetAccessListRequest(collection="corp/people", control_name="payroll", resolve=True),
    admin_pb.PutSecretRequest(
        name="apps/etl",
        values={"userId": "etl", "clearPassword": "x"},
        expected_version=1,
        labels={"env": "dev"},
    ),
    admin_pb.DeleteSecretRequest(name="apps/etl", expected_etag='"1-abc"'),
    admin_pb.ListSecretsRequest(prefix="apps/", page_size=10, page_token="AQ"),
    admin_pb.ImportCollectionsRequest(yaml="secretsCollections: {}", dry_run=True),
]
DOCUMENTS = [
    DEMO.read_text(),
    "secretsCollections:\n  x:\n    secrets: {userId: u, clearPassword: p}\n",
    "secretsCollections:\n  t:\n    tokenAPI: {httpRequestType: POST, url: 'https://h/api/token',"
    " requestBody: {userId: a}}\n",
    "secretsCollections:\n  c:\n    namedLists:\n      a: {listMembers: [b]}\n"
    "      b: {listMembers: [a], userMembers: [ghost]}\n",
]


def write(target: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data, usedforsecurity=False).hexdigest()).write_bytes(data)


def main() -> None:
    for message in MESSAGES:
        write("requests", bytes([REQUESTS.index(type(message))]) + message.SerializeToString())
    for document in DOCUMENTS:
        write("yaml", document.encode())


if __name__ == "__main__":
    main()
