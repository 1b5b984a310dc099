"""The Python client installs on its own: a fresh venv gets the gRPC/protobuf runtime and
nothing of the server's (cryptography, hvac, boto3, psycopg, pydantic, yaml...)."""

import asyncio
import json
import subprocess
import venv
from pathlib import Path

import pytest

from tests.clients.conftest import CANARY
from tests.conftest import Harness

ROOT = Path(__file__).resolve().parents[2]
# The client's four pins and what they pull in (grpcio needs typing-extensions).
EXPECTED = {
    "typing-extensions",
    "secrets-broker-client",
    "grpcio",
    "grpcio-status",
    "protobuf",
    "googleapis-common-protos",
}
SERVER_ONLY = {"secrets-broker", "cryptography", "hvac", "boto3", "psycopg", "pydantic", "pyyaml"}

SMOKE = """
import sys
from secretsbroker import connect, SecretNotFound
address, tls, name = sys.argv[1], sys.argv[2], sys.argv[3]
with connect(address, ca=f"{tls}/ca.pem", cert=f"{tls}/client.pem", key=f"{tls}/client-key.pem") as b:
    secret = b.get_secret(name)
    print(secret.reveal("userId"), secret.values["clearPassword"])
    try:
        b.get_secret("connectors/none-here")
    except SecretNotFound as err:
        print(err.code.name, err.reason)
"""


@pytest.fixture(scope="module")
def client_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("client-venv")
    venv.EnvBuilder(with_pip=True).create(where)
    python = where / "bin" / "python"
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "-q",
            "-c",
            ROOT / "constraints.txt",
            ROOT / "clients/python",
        ],
        check=True,
        timeout=900,
    )
    return python


@pytest.mark.slow
def test_installs_without_the_servers_dependencies(client_venv: Path) -> None:
    listing = subprocess.run(
        [client_venv, "-m", "pip", "list", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    names = {p["name"].lower().replace("_", "-") for p in json.loads(listing.stdout)}
    installed = names - {"pip", "setuptools"}
    assert installed == EXPECTED
    assert not installed & SERVER_ONLY
    check = (
        "import secretsbroker.aio, secretsbroker.connector, secretsbroker.v1, importlib.resources as r; "
        "print(r.files('secretsbroker').joinpath('py.typed').is_file(), "
        "r.files('secretsbroker.v1').joinpath('resources_pb2.pyi').is_file())"
    )
    out = subprocess.run(
        [client_venv, "-c", check], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["True", "True"]  # typed: py.typed and the .pyi stubs ship


@pytest.mark.slow
async def test_installed_client_reads_from_a_live_broker(
    client_venv: Path, harness: Harness, seeded: str
) -> None:
    proc = await asyncio.create_subprocess_exec(
        client_venv,
        "-c",
        SMOKE,
        harness.address,
        str(harness.pki.directory),
        seeded,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=120)
    assert proc.returncode == 0, stderr.decode()
    assert stdout.decode().splitlines() == ["svc ***", "NOT_FOUND SECRET_NOT_FOUND"]
    assert CANARY not in stdout.decode() + stderr.decode()
