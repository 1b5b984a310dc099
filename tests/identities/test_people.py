"""People signed in at a real OpenID Provider use their private space, and only theirs."""

from __future__ import annotations

import asyncio
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import grpc
import jwt
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as broker_pb

from secrets_broker.access.identity import Identity
from tests.identities.conftest import TokenBroker, bearer, sign_in
from tests.identities.oidc import USERS, Browser, Provider
from tests.integration.helpers import rpc_error

ROOT = Path(__file__).resolve().parents[2]
CANARY = "canary-value-3f9a"  # never in a log line or message


def space(provider: Provider, user: str) -> str:
    return f"private/{Identity.of_oidc(provider.issuer, user).segment}"


def put_request(name: str, value: str) -> admin_pb.PutSecretRequest:
    return admin_pb.PutSecretRequest(name=name, values={"note": value})


async def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The CLI in a thread: the broker serves on this test's event loop meanwhile."""
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "secrets_broker.ops.cli", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


async def test_a_person_signs_in_with_the_cli_and_uses_their_space(
    token_broker: TokenBroker, provider: Provider, tmp_path: Path
) -> None:
    token_file = tmp_path / "cfg" / "token.json"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(ROOT / p) for p in ("server", "clients/python/src")),
        "SECRETS_BROKER_ADDRESS": token_broker.token_address,
        "SECRETS_BROKER_CA": str(provider.ca_file),
        "SECRETS_BROKER_TOKEN_FILE": str(token_file),
    }
    login = subprocess.Popen(
        [sys.executable, "-m", "secrets_broker.ops.cli", "login", "--issuer", provider.issuer,
         "--ca-file", str(provider.ca_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert login.stdout is not None
    prompt = login.stdout.readline()
    url = re.search(r"open (\S+) and confirm the code (\S+)", prompt)
    assert url, prompt
    page = Browser(provider.ca_file).sign_in(url.group(1), "alice", str(USERS["alice"]["password"]))
    assert "Sign-in Success" in page
    _, err = await asyncio.to_thread(login.communicate, timeout=60)
    assert login.returncode == 0, err
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(token_file.parent.stat().st_mode) == 0o700

    name = f"{space(provider, 'alice')}/notes"
    put = await cli("put", name, f"note={CANARY}", env=env)
    assert put.returncode == 0, put.stderr
    got = await cli("get", name, "--only", "note", env=env)
    assert got.returncode == 0, got.stderr
    assert '"version": "1"' in got.stdout
    listed = await cli("list", env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"{name}\tv1\tnote"]
    for output in (put, got, listed, login):
        assert CANARY not in str(output.stderr)


async def test_each_person_sees_only_their_own_space(
    token_broker: TokenBroker, provider: Provider
) -> None:
    alice, bob = sign_in(provider, "alice"), sign_in(provider, "bob")
    broker, admin = token_broker.stubs()
    mine = f"{space(provider, 'alice')}/db"
    await admin.PutSecret(put_request(mine, CANARY), metadata=bearer(alice))
    got = await broker.GetSecret(broker_pb.GetSecretRequest(name=mine), metadata=bearer(alice))
    assert got.secret.values["note"] == CANARY
    bobs = f"{space(provider, 'bob')}/db"
    await admin.PutSecret(put_request(bobs, "bob's"), metadata=bearer(bob))

    # Bob, on every RPC, against Alice's space: exactly as if it did not exist.
    await rpc_error(
        broker.GetSecret(broker_pb.GetSecretRequest(name=mine), metadata=bearer(bob)),
        grpc.StatusCode.NOT_FOUND, "SECRET_NOT_FOUND",
    )  # fmt: skip
    batch = await broker.BatchGetSecrets(
        broker_pb.BatchGetSecretsRequest(names=[mine, bobs]), metadata=bearer(bob)
    )
    assert batch.results[0].error.code == grpc.StatusCode.NOT_FOUND.value[0]
    assert batch.results[1].secret.values["note"] == "bob's"
    await rpc_error(
        admin.PutSecret(put_request(mine, "overwritten"), metadata=bearer(bob)),
        grpc.StatusCode.NOT_FOUND, "SECRET_NOT_FOUND",
    )  # fmt: skip
    await rpc_error(
        admin.DeleteSecret(admin_pb.DeleteSecretRequest(name=mine), metadata=bearer(bob)),
        grpc.StatusCode.NOT_FOUND, "SECRET_NOT_FOUND",
    )  # fmt: skip
    # A listing shows only what the caller may see: Alice's space is empty for Bob.
    theirs = await admin.ListSecrets(
        admin_pb.ListSecretsRequest(prefix=space(provider, "alice") + "/"), metadata=bearer(bob)
    )
    assert list(theirs.secrets) == []
    everything = await admin.ListSecrets(admin_pb.ListSecretsRequest(), metadata=bearer(bob))
    assert [m.name for m in everything.secrets] == [bobs]
    # Nothing of Bob's reached Alice's secret.
    got = await broker.GetSecret(broker_pb.GetSecretRequest(name=mine), metadata=bearer(alice))
    assert (got.secret.values["note"], got.secret.version) == (CANARY, 1)


async def test_a_group_claim_grants_what_the_policy_gives_the_group(
    token_broker: TokenBroker, provider: Provider
) -> None:
    admin = token_broker.mtls_channel("admin")
    from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc

    await admin_grpc.SecretsAdminServiceStub(admin).PutSecret(
        put_request("groups/physics/beamline", "shared")
    )
    broker, _ = token_broker.stubs()
    request = broker_pb.GetSecretRequest(name="groups/physics/beamline")
    alice = sign_in(provider, "alice")  # groups: physics
    assert jwt.decode(alice, options={"verify_signature": False})["groups"] == ["physics"]
    got = await broker.GetSecret(request, metadata=bearer(alice))
    assert got.secret.values["note"] == "shared"
    await rpc_error(
        broker.GetSecret(request, metadata=bearer(sign_in(provider, "bob"))),  # chemistry
        grpc.StatusCode.NOT_FOUND, "SECRET_NOT_FOUND",
    )  # fmt: skip


async def test_a_jwks_rotation_at_the_provider_is_picked_up_without_restart(
    token_broker: TokenBroker, provider: Provider
) -> None:
    broker, admin = token_broker.stubs()
    before = sign_in(provider, "alice")
    name = f"{space(provider, 'alice')}/rotation"
    await admin.PutSecret(put_request(name, "v"), metadata=bearer(before))
    provider.rotate("k2-" + str(int(time.time())))
    after = sign_in(provider, "alice")
    assert jwt.get_unverified_header(after)["kid"] != jwt.get_unverified_header(before)["kid"]
    request = broker_pb.GetSecretRequest(name=name)
    for token in (after, before):  # the new key signs; the old one is still published
        got = await broker.GetSecret(request, metadata=bearer(token))
        assert got.secret.values["note"] == "v"
