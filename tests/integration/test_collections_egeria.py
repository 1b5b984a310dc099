"""Egeria files as a new user imports them, over real mTLS: bracketed names, token-API-only
collections, every key kept or warned about, and documents built to hurt the broker."""

import asyncio
import multiprocessing
import os
import signal
import time
from pathlib import Path

import grpc
import pytest
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from tests.collections_data import BILLION_LAUGHS, deep_yaml, list_chain
from tests.conftest import Harness
from tests.integration.helpers import rpc_error
from tests.reliability import Recorder

EVERY_KEY = (Path(__file__).parents[1] / "data" / "egeria-every-key.yaml").read_text()
VIEW = "View Server:view-server[5f1c8a52-3b7e-4c1d-9a0e-2f6b7d8c9e01]"


async def import_doc(
    h: Harness, doc: str, dry_run: bool = False
) -> admin_pb.ImportCollectionsResponse:
    reply: admin_pb.ImportCollectionsResponse = await h.admin_stub().ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=doc, dry_run=dry_run), timeout=60
    )
    return reply


async def test_a_bracketed_collection_name_imports_and_reads_back(
    harness: Harness, unique: str
) -> None:
    name = f"View Server:{unique}[0f9c2d6e-1b7a-4e55-8c3d-5a6b7c8d9e0f]"
    doc = f"""secretsCollections:
  "{name}":
    refreshTimeInterval: 5
    secrets: {{userId: viewnpa, clearPassword: bracket-canary-1}}
    users: {{viewnpa: {{userAccountStatus: AVAILABLE}}}}
"""
    reply = await import_doc(harness, doc)
    assert [(c.name, c.secret_written) for c in reply.collections] == [(name, True)]
    assert not reply.warnings
    got = await harness.broker_stub("admin").GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    assert dict(got.secret.values) == {"userId": "viewnpa", "clearPassword": "bracket-canary-1"}
    users = await harness.broker_stub("admin").GetUserDirectory(
        pb.GetUserDirectoryRequest(collection=name), timeout=5
    )
    assert [u.user_id for u in users.users] == ["viewnpa"]


async def test_a_token_api_only_collection_is_served_by_get_secret(harness: Harness) -> None:
    reply = await import_doc(harness, EVERY_KEY)
    by_name = {c.name: c for c in reply.collections}
    assert by_name[VIEW].secret_written and by_name["Bearer-only"].secret_written
    assert (by_name[VIEW].display_name, by_name[VIEW].description) == (
        "View server secrets",
        "How the view server signs in to the platform.",
    )
    got = (
        await harness.broker_stub("admin").GetSecret(pb.GetSecretRequest(name=VIEW), timeout=5)
    ).secret
    assert dict(got.values) == {} and got.version >= 1 and got.refresh_after.seconds == 3000
    api = got.token_api
    assert (api.http_method, api.url, api.content_type) == (
        "POST",
        "https://platform.example:9443/api/token",
        "application/json",
    )
    assert dict(api.request_body) == {
        "userId": "viewnpa",
        "scopes": '["read", "write"]',
        "retries": "3",
    }
    assert dict(api.response_body_mapping) == {"token": "accessToken"}


async def test_every_key_reaches_the_reader_or_a_warning(harness: Harness) -> None:
    reply = await import_doc(harness, EVERY_KEY)
    assert len(reply.warnings) == 9
    assert all("canary" not in w for w in reply.warnings)
    for key in ("'timeoutSeconds'", "'owner'", "'badgeColour'", "'colour'", "'DEFAULT'"):
        assert any(f"unknown key {key}" in w for w in reply.warnings), key
    stub = harness.broker_stub("admin")
    users = await stub.GetUserDirectory(
        pb.GetUserDirectoryRequest(collection="corp/directory", user_ids=["erin"]), timeout=5
    )
    erin = users.users[0]
    assert erin.other_properties["defaultZones"] == '["egeria-runtime", "data-lake"]'
    assert erin.other_properties["limits"] == '{"daily": 10, "burst": 2}'
    assert (erin.manager, erin.employee_number) == (
        "uid=gary,ou=people,dc=corp,dc=example",
        "000042",
    )
    lake = (
        await stub.GetAccessList(
            pb.GetAccessListRequest(collection="corp/directory", control_name="data-lake"),
            timeout=5,
        )
    ).access_control
    assert lake.description == "Data sets landed from outside."
    assert list(lake.security_labels) == ["confidential", "pii"]
    assert dict(lake.security_properties)["reviewers"] == '["erin"]'
    gov = (
        await stub.GetAccessList(
            pb.GetAccessListRequest(collection="corp/directory", list_name="governance-team"),
            timeout=5,
        )
    ).named_list
    assert dict(gov.other_properties) == {"mailingLists": '["gov@corp.example"]'}


BATTERY = "parsing-caps"


@pytest.mark.parametrize("dry_run", [True, False])
async def test_billion_laughs_is_refused_naming_the_construct(
    harness: Harness, dry_run: bool, reliability: Recorder
) -> None:
    err = await rpc_error(
        harness.admin_stub().ImportCollections(
            admin_pb.ImportCollectionsRequest(yaml=BILLION_LAUGHS, dry_run=dry_run), timeout=30
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "IMPORT_INVALID",
    )
    assert err.details() == "yaml: uses an anchor (&l0) at line 6; anchors are not read"
    case = f"ImportCollections/billion laughs ({len(BILLION_LAUGHS)} bytes, dry_run={dry_run})"
    reliability.record("parsing-caps", case, "INVALID_ARGUMENT/IMPORT_INVALID", inputs=1)


async def test_100k_deep_yaml_nesting_is_refused_at_the_depth_cap(
    harness: Harness, reliability: Recorder
) -> None:
    err = await rpc_error(
        harness.admin_stub().ImportCollections(
            admin_pb.ImportCollectionsRequest(yaml=deep_yaml(100_000), dry_run=True), timeout=30
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "IMPORT_INVALID",
    )
    assert err.details() == "yaml: nests deeper than 32 levels (the depth cap)"
    reliability.record(
        "parsing-caps", "ImportCollections/100,000-deep YAML", "INVALID_ARGUMENT/IMPORT_INVALID",
        inputs=1,
    )  # fmt: skip


@pytest.mark.parametrize("closed", [True, False], ids=["10k-cycle", "10k-deep"])
async def test_10k_long_list_nesting_and_cycle_resolve_correctly(
    harness: Harness, unique: str, closed: bool, reliability: Recorder
) -> None:
    coll, n = f"corp/{unique}", 10_000
    reply = await import_doc(harness, list_chain(coll, n, closed=closed))
    cycle = f"collection '{coll}'.namedLists: cycle among lists: l0 -> l1 -> l2"
    assert any(w.startswith(cycle) for w in reply.warnings) == closed
    stub = harness.broker_stub("admin")
    mid = await stub.GetAccessList(
        pb.GetAccessListRequest(collection=coll, list_name="l5000", resolve=True), timeout=30
    )
    expected_users = ["u0", "u1"] if closed else ["u0"]
    assert list(mid.named_list.resolved_user_ids) == expected_users
    assert len(mid.named_list.resolved_list_names) == (n - 1 if closed else n - 5001)
    member_of = await stub.GetUserDirectory(
        pb.GetUserDirectoryRequest(collection=coll, member_of="l5000"), timeout=30
    )
    assert [u.user_id for u in member_of.users] == expected_users
    every = await stub.GetUserDirectory(pb.GetUserDirectoryRequest(collection=coll), timeout=30)
    by_id = {u.user_id: list(u.member_of) for u in every.users}
    assert by_id["u0"] == sorted(f"l{i}" for i in range(n))
    assert by_id["u1"] == (sorted(f"l{i}" for i in range(n)) if closed else ["l0"])
    shape = "10,000-long cycle" if closed else "10,000-deep nesting"
    reliability.record(
        "parsing-caps", f"named lists/{shape}", "imported; resolved exactly by all three RPCs",
        inputs=1,
    )  # fmt: skip


def import_worker() -> multiprocessing.Process:
    [worker] = multiprocessing.active_children()
    return worker


async def test_a_dead_import_worker_is_replaced(harness: Harness, unique: str) -> None:
    doc = f"secretsCollections:\n  corp/{unique}: {{secrets: {{k: v}}}}\n"
    await import_doc(harness, doc)
    idle = import_worker()
    os.kill(idle.pid or 0, signal.SIGKILL)
    idle.join(timeout=30)
    reply = await import_doc(harness, doc)  # started anew, transparently
    assert [c.name for c in reply.collections] == [f"corp/{unique}"]
    busy = import_worker()
    assert busy.pid != idle.pid
    call = asyncio.ensure_future(
        import_doc(harness, list_chain(f"corp/{unique}-big", 10_000, closed=True))
    )
    # Kill it once it is visibly working on the document (its CPU time grows).
    start = _cpu_ticks(busy.pid or 0)
    deadline = time.monotonic() + 60
    while _cpu_ticks(busy.pid or 0) < start + 5 and not call.done():
        assert time.monotonic() < deadline
        await asyncio.sleep(0.005)
    os.kill(busy.pid or 0, signal.SIGKILL)
    err = await rpc_error(call, grpc.StatusCode.INVALID_ARGUMENT, "IMPORT_INVALID")
    assert err.details() == "yaml: stopped the parser (its worker process died)"
    reply = await import_doc(harness, doc)
    assert [c.name for c in reply.collections] == [f"corp/{unique}"]


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime
