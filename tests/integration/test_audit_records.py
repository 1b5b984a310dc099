"""What the broker writes to its audit trail for each RPC, over real mTLS; never a value."""

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.access.audit.record import NameHasher
from secrets_broker.access.audit.verify import verify
from secrets_broker.domain.crypto import create_master_key, load_master_key
from tests.conftest import Harness, start_harness
from tests.integration.helpers import rpc_error
from tests.pki import ADMIN_ID, AUTHN_ID, CLIENT_ID, STRANGER_ID, Pki

CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
COLLECTION = """\
secretsCollections:
  {name}:
    secrets: {{userId: hr-bot, clearPassword: {canary}}}
    users:
      alice: {{userName: Alice, secrets: {{clearPassword: {canary}}}}}
    namedLists:
      staff: {{listTypeName: SecurityGroup, userMembers: [alice]}}
"""


@pytest.fixture(scope="module")
async def audited(
    pki: Pki, policy_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Harness]:
    h = await start_harness(pki, tmp_path_factory.mktemp("audited"), policy_file)
    yield h
    await h.stop()


def trail(h: Harness) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(Path(h.broker.audit.where).glob("*.jsonl")))


def records(h: Harness, name: str) -> list[dict[str, Any]]:
    """The access records about ``name``, in order, without chain fields and time."""
    out = []
    for line in trail(h).splitlines():
        body = json.loads(line)
        if body.get("type") == "access" and name in (body.get("name"), body.get("name_hmac")):
            assert body.pop("time").endswith("Z")
            for key in ("seq", "prev", "hash", "type"):
                del body[key]
            # Present once an OpenTelemetry SDK is installed (another test may have done
            # so in this process); test_telemetry_process checks it against the RPC's trace.
            trace_id = body.pop("trace_id", None)
            assert trace_id is None or len(trace_id) == 32
            out.append(body)
    return out


# The rule each identity's calls are allowed by in tests/conftest.py's POLICY.
GRANT_OF = {ADMIN_ID: 0, CLIENT_ID: 1, AUTHN_ID: 2}


def rule_of(policy_file: Path, identity: str) -> str:
    """``grants[i] at FILE:LINE``: the line where that grant starts in the policy file."""
    index = GRANT_OF[identity]
    starts = [n for n, line in enumerate(policy_file.read_text().splitlines(), 1)
              if line.startswith("- ")]  # fmt: skip
    return f"grants[{index}] at {policy_file}:{starts[index]}"


def access(
    policy_file: Path, identity: str, rpc: str, kind: str, name: str, **rest: object
) -> dict[str, object]:
    """The record expected; ``rule`` is the identity's grant unless the call was denied
    (then the default deny decided)."""
    out: dict[str, object] = {"identity": identity, "rpc": rpc, "kind": kind, "name": name}
    denied = rest.get("decision") == "deny"
    rule = "default deny" if denied else rule_of(policy_file, identity)
    out.update(decision="allow", rule=rule, outcome="ok", version=None, cache="none")
    out.update(rest)
    return out


async def test_reads_record_version_and_cache_outcome(
    audited: Harness, unique: str, policy_file: Path
) -> None:
    name = f"connectors/{unique}"
    admin, client = audited.admin_stub(), audited.broker_stub("client")
    for value in ("one", "two"):
        await admin.PutSecret(admin_pb.PutSecretRequest(name=name, values={"k": value}), timeout=5)
    await client.GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    await client.GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    await client.GetSecret(pb.GetSecretRequest(name=name, version=1), timeout=5)
    await rpc_error(
        client.GetSecret(pb.GetSecretRequest(name=name, version=7), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    assert records(audited, name) == [
        access(policy_file, ADMIN_ID, "PutSecret", "secret", name, version=1),
        access(policy_file, ADMIN_ID, "PutSecret", "secret", name, version=2),
        access(policy_file, CLIENT_ID, "GetSecret", "secret", name, version=2, cache="miss"),
        access(policy_file, CLIENT_ID, "GetSecret", "secret", name, version=2, cache="hit"),
        access(policy_file, CLIENT_ID, "GetSecret", "secret", name, version=1, cache="miss"),
        access(
            policy_file,
            CLIENT_ID,
            "GetSecret",
            "secret",
            name,
            outcome="SECRET_NOT_FOUND",
            cache="miss",
        ),
    ]


async def test_denials_are_recorded_and_still_look_missing(
    audited: Harness, unique: str, policy_file: Path
) -> None:
    forbidden = f"admin-only/{unique}"
    await audited.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name=forbidden, values={"k": "v"}), timeout=5
    )
    await rpc_error(
        audited.broker_stub("client").GetSecret(pb.GetSecretRequest(name=forbidden), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    await rpc_error(
        audited.broker_stub("stranger").GetSecret(pb.GetSecretRequest(name=forbidden), timeout=5),
        grpc.StatusCode.PERMISSION_DENIED,
        "RPC_NOT_GRANTED",
    )
    assert records(audited, forbidden)[1:] == [
        access(policy_file, CLIENT_ID, "GetSecret", "secret", forbidden, decision="deny",
               outcome="SECRET_NOT_FOUND"),
        access(policy_file, STRANGER_ID, "GetSecret", "secret", forbidden, decision="deny",
               outcome="RPC_NOT_GRANTED"),
    ]  # fmt: skip


async def test_every_rpc_is_recorded(audited: Harness, unique: str, policy_file: Path) -> None:
    prefix = f"connectors/{unique}/"
    name, missing = f"{prefix}a", f"{prefix}b"
    admin = audited.admin_stub()
    await admin.PutSecret(admin_pb.PutSecretRequest(name=name, values={"k": "v"}), timeout=5)
    await audited.broker_stub("client").BatchGetSecrets(
        pb.BatchGetSecretsRequest(names=[name, missing]), timeout=5
    )
    await admin.ListSecrets(admin_pb.ListSecretsRequest(prefix=prefix), timeout=5)
    await admin.DeleteSecret(admin_pb.DeleteSecretRequest(name=name), timeout=5)
    assert records(audited, name) == [
        access(policy_file, ADMIN_ID, "PutSecret", "secret", name, version=1),
        access(policy_file, CLIENT_ID, "BatchGetSecrets", "secret", name, version=1, cache="miss"),
        access(policy_file, ADMIN_ID, "DeleteSecret", "secret", name),
    ]
    assert records(audited, missing) == [
        access(policy_file, CLIENT_ID, "BatchGetSecrets", "secret", missing, outcome="SECRET_NOT_FOUND",
               cache="miss"),
    ]  # fmt: skip
    assert records(audited, prefix) == [
        access(policy_file, ADMIN_ID, "ListSecrets", "prefix", prefix, count=1)
    ]


async def test_collection_rpcs_are_recorded(
    audited: Harness, unique: str, policy_file: Path
) -> None:
    coll = f"corp/{unique}"
    doc = COLLECTION.format(name=coll, canary="pw-1")
    authn = audited.broker_stub("authn")
    await audited.admin_stub("authn").ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=doc), timeout=5
    )
    await authn.GetUserDirectory(
        pb.GetUserDirectoryRequest(collection=coll, include_credentials=True), timeout=5
    )
    await authn.GetAccessList(
        pb.GetAccessListRequest(collection=coll, list_name="staff"), timeout=5
    )
    await rpc_error(
        authn.GetAccessList(
            pb.GetAccessListRequest(collection=coll, list_name="nobody"), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "ENTRY_NOT_FOUND",
    )
    assert records(audited, coll) == [
        access(policy_file, AUTHN_ID, "ImportCollections", "collection", coll, dry_run=False, secret=True),
        access(policy_file, AUTHN_ID, "GetUserDirectory", "collection", coll, users=1, credentials=True),
        access(policy_file, AUTHN_ID, "GetAccessList", "collection", coll, entry_kind="list", entry="staff"),
        access(policy_file, AUTHN_ID, "GetAccessList", "collection", coll, entry_kind="list", entry="nobody",
               outcome="ENTRY_NOT_FOUND"),
    ]  # fmt: skip


async def test_no_value_ever_reaches_the_audit_trail(audited: Harness, unique: str) -> None:
    canary = f"canary-{unique}-Qv7"
    name, coll = f"connectors/{unique}", f"corp/{unique}"
    admin, client = audited.admin_stub(), audited.broker_stub("client")
    await admin.PutSecret(
        admin_pb.PutSecretRequest(name=name, values={"clearPassword": canary}), timeout=5
    )
    await client.GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    await client.GetSecret(pb.GetSecretRequest(name=name, keys=["clearPassword"]), timeout=5)
    await client.BatchGetSecrets(pb.BatchGetSecretsRequest(names=[name]), timeout=5)
    await rpc_error(
        admin.PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"k": canary}, expected_version=9),
            timeout=5,
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    await audited.admin_stub("authn").ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=COLLECTION.format(name=coll, canary=canary)),
        timeout=5,
    )
    await audited.broker_stub("authn").GetUserDirectory(
        pb.GetUserDirectoryRequest(collection=coll, include_credentials=True), timeout=5
    )
    assert len(records(audited, name)) == 5  # the calls above were recorded...
    assert records(audited, name)[-1]["outcome"] == "CAS_MISMATCH"
    assert canary.encode() not in trail(audited)  # ...without the value
    assert verify([Path(audited.broker.audit.where)]).ok


async def test_hashed_names_and_usage_by_name(pki: Pki, policy_file: Path, tmp_path: Path) -> None:
    key_file = tmp_path / "audit.key"
    create_master_key(key_file)
    names = NameHasher(load_master_key(key_file))
    h = await start_harness(pki, tmp_path / "b", policy_file, audit_names=names)
    name = "connectors/very-secret-project"
    try:
        await h.admin_stub().PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"k": "v"}), timeout=5
        )
        for _ in range(3):
            await h.broker_stub("client").GetSecret(pb.GetSecretRequest(name=name), timeout=5)
        coll = "corp/very-secret-collection"
        doc = COLLECTION.format(name=coll, canary="pw-1")
        await h.admin_stub("authn").ImportCollections(
            admin_pb.ImportCollectionsRequest(yaml=doc), timeout=5
        )
        await h.broker_stub("authn").GetAccessList(
            pb.GetAccessListRequest(collection=coll, list_name="staff"), timeout=5
        )
        assert b"very-secret-project" not in trail(h)
        assert b"very-secret-collection" not in trail(h) and b'"staff"' not in trail(h)
        assert len(records(h, names.digest(name))) == 4
        (listed,) = [r for r in records(h, names.digest(coll)) if r["rpc"] == "GetAccessList"]
        assert listed["entry_hmac"] == names.digest("staff") and "entry" not in listed
    finally:
        await h.stop()
    out = subprocess.run(
        [*CLI, "audit", "usage", str(tmp_path / "b" / "audit"), "--name", name,
         "--key-file", str(key_file), "--format", "json"],
        capture_output=True, text=True, env=ENV, timeout=60, check=True,
    ).stdout  # fmt: skip
    rows = json.loads(out)
    assert [(r["identity"], r["rpc"], r["name"], r["allowed"], r["versions"]) for r in rows] == [
        (ADMIN_ID, "PutSecret", name, 1, [1]),
        (CLIENT_ID, "GetSecret", name, 3, [1]),
    ]
