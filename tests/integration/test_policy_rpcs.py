"""Bindings, denies and policy reloads through the real broker over mutual TLS."""

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import yaml
from google.rpc import error_details_pb2
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.access.policy import Policy
from secrets_broker.ops.app import watch_policy
from secrets_broker.ops.config import parse_config
from tests.conftest import Harness, start_harness
from tests.integration.helpers import error_info, rich_status, rpc_error
from tests.pki import ADMIN_ID, CLIENT_ID, Pki

NOT_FOUND = grpc.StatusCode.NOT_FOUND
POLICY = {
    "grants": [
        {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
        {
            "identities": [CLIENT_ID],
            "rpcs": ["GetSecret", "BatchGetSecrets"],
            "names": ["myCloudServiceCred", "forbiddenCred", "missingCred", "cloud/xyz/**"],
        },
        {"identities": [CLIENT_ID], "rpcs": ["GetSecret"], "names": ["deploy/**"]},
    ],
    "deny": [{"identities": [CLIENT_ID], "rpcs": ["*"], "names": ["deploy/prod/**"]}],
    "bindings": [
        {
            "identities": [CLIENT_ID],
            "bind": {
                "myCloudServiceCred": "cloud/xyz/prod",
                "forbiddenCred": "cloud/other/prod",  # not granted to the client
                "ungrantedCred": "cloud/xyz/prod",  # the declared name is not granted
                "missingCred": "cloud/xyz/missing",
            },
        }
    ],
}


@pytest.fixture(scope="module")
async def bound(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    data = tmp_path_factory.mktemp("bindings")
    (data / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    h = await start_harness(pki, data, data / "policy.yaml")
    admin = h.admin_stub()
    for name, version in (
        ("cloud/xyz/prod", "1"),
        ("cloud/xyz/prod", "2"),
        ("cloud/other/prod", "x"),
    ):
        await admin.PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"v": version}), timeout=5
        )
    for name in ("deploy/prod/db", "deploy/dev/db"):
        await admin.PutSecret(admin_pb.PutSecretRequest(name=name, values={"v": name}), timeout=5)
    yield h
    await h.stop()


async def test_a_declared_name_serves_its_bound_secret(bound: Harness) -> None:
    client = bound.broker_stub("client")
    reply = await client.GetSecret(pb.GetSecretRequest(name="myCloudServiceCred"), timeout=5)
    assert reply.resolved_name == "cloud/xyz/prod"
    assert (reply.secret.name, reply.secret.version, reply.secret.values["v"]) == (
        "cloud/xyz/prod",
        2,
        "2",
    )
    old = await client.GetSecret(
        pb.GetSecretRequest(name="myCloudServiceCred", version=1), timeout=5
    )
    assert (old.resolved_name, old.secret.version, old.secret.values["v"]) == (
        "cloud/xyz/prod",
        1,
        "1",
    )
    direct = await client.GetSecret(pb.GetSecretRequest(name="cloud/xyz/prod"), timeout=5)
    assert direct.resolved_name == "cloud/xyz/prod"  # always set, also without a binding


async def test_a_binding_to_a_name_the_caller_may_not_read_is_not_found(bound: Harness) -> None:
    client = bound.broker_stub("client")
    answers = {}
    for declared in ("forbiddenCred", "missingCred", "ungrantedCred"):
        err = await rpc_error(
            client.GetSecret(pb.GetSecretRequest(name=declared), timeout=5),
            NOT_FOUND,
            "SECRET_NOT_FOUND",
        )
        info = error_info(rich_status(err))
        assert dict(info.metadata) == {"secret": declared}
        answers[declared] = (err.details() or "").replace(declared, "NAME")
        assert "cloud/" not in str(rich_status(err)) + (err.details() or "")
    # refused target, missing target and refused declared name answer the same
    assert len(set(answers.values())) == 1, answers
    assert answers["forbiddenCred"] == "secret 'NAME' not found or not permitted"


async def test_bindings_are_per_identity(bound: Harness) -> None:
    admin = bound.broker_stub("admin")  # holds every right, but no binding
    await rpc_error(
        admin.GetSecret(pb.GetSecretRequest(name="myCloudServiceCred"), timeout=5),
        NOT_FOUND,
        "SECRET_NOT_FOUND",
    )


async def test_batch_reads_resolve_each_name(bound: Harness) -> None:
    reply = await bound.broker_stub("client").BatchGetSecrets(
        pb.BatchGetSecretsRequest(names=["myCloudServiceCred", "forbiddenCred", "cloud/xyz/prod"]),
        timeout=5,
    )
    ok, refused, direct = reply.results
    assert (ok.name, ok.resolved_name, ok.secret.values["v"]) == (
        "myCloudServiceCred",
        "cloud/xyz/prod",
        "2",
    )
    assert refused.error.code == NOT_FOUND.value[0] and refused.resolved_name == ""
    info = error_details_pb2.ErrorInfo()
    refused.error.details[0].Unpack(info)
    assert info.reason == "SECRET_NOT_FOUND" and dict(info.metadata) == {"secret": "forbiddenCred"}
    assert (direct.resolved_name, direct.secret.version) == ("cloud/xyz/prod", 2)


async def test_a_deny_beats_a_grant(bound: Harness) -> None:
    client = bound.broker_stub("client")
    got = await client.GetSecret(pb.GetSecretRequest(name="deploy/dev/db"), timeout=5)
    assert got.secret.values["v"] == "deploy/dev/db"
    await rpc_error(
        client.GetSecret(pb.GetSecretRequest(name="deploy/prod/db"), timeout=5),
        NOT_FOUND,
        "SECRET_NOT_FOUND",
    )


async def test_the_policy_file_is_reloaded_when_it_changes(
    pki: Pki, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text(yaml.safe_dump(POLICY))
    h = await start_harness(pki, tmp_path, policy_file)
    config = parse_config(
        {
            "listen": "127.0.0.1:0",
            "tls": {"cert_file": "s", "key_file": "k", "client_ca_file": "c"},
            "policy_file": str(policy_file),
            "policy_reload_interval_seconds": 0.05,
            "stores": {"main": {"type": "sqlite", "path": "db", "master_key_file": "k"}},
        },
        tmp_path,
    )
    watcher = asyncio.create_task(watch_policy(h.broker, config))
    client = h.broker_stub("client")
    await h.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name="deploy/prod/db", values={"v": "1"}), timeout=5
    )
    try:
        before = h.broker.policy
        policy_file.write_text("")  # an empty policy would lock everyone out: refused
        await _until(lambda: "policy not reloaded" in caplog.text)
        assert h.broker.policy is before
        assert "no grant: every call would be refused" in caplog.text
        without_deny = {k: v for k, v in POLICY.items() if k != "deny"}
        policy_file.write_text(yaml.safe_dump(without_deny))
        await _until(lambda: h.broker.policy is not before)
        got = await client.GetSecret(pb.GetSecretRequest(name="deploy/prod/db"), timeout=5)
        assert got.secret.values["v"] == "1"
        assert isinstance(h.broker.policy, Policy)
    finally:
        watcher.cancel()
        await h.stop()


async def _until(condition: object, deadline_seconds: float = 20) -> None:
    """Polls ``condition`` (a callable) until true, failing after a generous deadline."""
    assert callable(condition)
    end = time.monotonic() + deadline_seconds
    while not condition():
        assert time.monotonic() < end, "condition not met before the deadline"
        await asyncio.sleep(0.02)
