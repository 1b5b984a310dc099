"""ImportCollections, GetUserDirectory and GetAccessList over real mTLS."""

from pathlib import Path

import grpc
import pytest
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import resources_pb2 as rpb

from tests.conftest import Harness
from tests.integration.helpers import rpc_error

CORP = (Path(__file__).parent.parent / "data" / "corp-collections.yaml").read_text()
SECRET_VALUES = ("alice-password-1", "bob-password-2", "pg-collection-password")


@pytest.fixture(scope="module")
async def imported(harness: Harness) -> admin_pb.ImportCollectionsResponse:
    reply: admin_pb.ImportCollectionsResponse = await harness.admin_stub().ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=CORP), timeout=10
    )
    return reply


async def test_import_reports_counts_and_warnings_without_values(
    imported: admin_pb.ImportCollectionsResponse,
) -> None:
    by_name = {c.name: c for c in imported.collections}
    assert by_name["corp/people"].user_count == 5
    assert by_name["corp/people"].named_list_count == 4
    assert by_name["corp/people"].access_control_count == 2
    assert by_name["PostgreSQL Server:LocalPostgreSQL1"].secret_written
    assert not by_name["corp/people"].secret_written
    text = "\n".join(imported.warnings)
    for expected in (
        "key 'carol ' has stray spaces",
        "member 'ghost' names no user",
        "list member 'nowhere' names no list",
        "'alice' appears twice",
        "'Finance' appears twice",
        "the list is empty",
        "unknown value 'ROBOT'",
        "no userAccountStatus",
    ):
        assert expected in text
    assert not any(v in text for v in SECRET_VALUES)


async def test_dry_run_writes_nothing(harness: Harness) -> None:
    doc = "secretsCollections:\n  corp/dry:\n    users: {x: {userName: x}}\n"
    reply = await harness.admin_stub().ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=doc, dry_run=True), timeout=5
    )
    assert [c.name for c in reply.collections] == ["corp/dry"]
    await rpc_error(
        harness.broker_stub("authn").GetUserDirectory(
            pb.GetUserDirectoryRequest(collection="corp/dry"), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "COLLECTION_NOT_FOUND",
    )


async def test_unusable_collections_are_skipped_with_warnings(harness: Harness) -> None:
    doc = """secretsCollections:
  "bad|name": {users: {a: {userName: a}}}
  corp/bad-key:
    secrets: {"client id": hidden-value-1}
    users: {b: {userName: b}}
  corp/fine:
    secrets: {clientId: x}
"""
    reply = await harness.admin_stub().ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=doc), timeout=5
    )
    assert [(c.name, c.secret_written) for c in reply.collections] == [
        ("corp/bad-key", False),
        ("corp/fine", True),
    ]
    text = "\n".join(reply.warnings)
    assert "collection 'bad|name': has a character outside the allowed set" in text
    assert "collection 'corp/bad-key': secrets not written" in text
    assert "hidden-value-1" not in text
    users = await harness.broker_stub("authn").GetUserDirectory(
        pb.GetUserDirectoryRequest(collection="corp/bad-key"), timeout=5
    )
    assert [u.user_id for u in users.users] == ["b"]


async def test_a_refused_collection_fails_the_import_before_any_write(harness: Harness) -> None:
    doc = "secretsCollections:\n  corp/allowed: {users: {u: {userName: u}}}\n  hr/refused: {}\n"
    err = await rpc_error(
        harness.broker_stub("authn").GetUserDirectory(
            pb.GetUserDirectoryRequest(collection="corp/allowed"), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "COLLECTION_NOT_FOUND",
    )
    err = await rpc_error(
        harness.admin_stub("authn").ImportCollections(
            admin_pb.ImportCollectionsRequest(yaml=doc), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "COLLECTION_NOT_FOUND",
    )
    assert "hr/refused" in err.details()
    await rpc_error(  # nothing was written
        harness.broker_stub("authn").GetUserDirectory(
            pb.GetUserDirectoryRequest(collection="corp/allowed"), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "COLLECTION_NOT_FOUND",
    )


async def test_bad_yaml_is_invalid_argument(harness: Harness) -> None:
    for doc, problem in (("a: [", "not valid YAML"), ("other: {}", "secretsCollections")):
        err = await rpc_error(
            harness.admin_stub().ImportCollections(
                admin_pb.ImportCollectionsRequest(yaml=doc), timeout=5
            ),
            grpc.StatusCode.INVALID_ARGUMENT,
            "IMPORT_INVALID",
        )
        assert err.details().startswith("yaml: ") and problem in err.details()


async def test_collection_secrets_are_served_by_get_secret(
    harness: Harness, imported: object
) -> None:
    await harness.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name="probe/x", values={"k": "v"})
    )
    reply = await harness.admin_stub().ListSecrets(
        admin_pb.ListSecretsRequest(prefix="PostgreSQL"), timeout=5
    )
    assert [m.name for m in reply.secrets] == ["PostgreSQL Server:LocalPostgreSQL1"]
    assert reply.secrets[0].refresh_after.seconds == 600


async def test_token_api_is_imported_from_the_yaml_names(harness: Harness) -> None:
    doc = """secretsCollections:
  corp/token:
    secrets: {clientId: abc}
    tokenAPI:
      httpRequestType: POST
      url: https://idp.example/token
      contentType: application/json
      requestBody: {grant_type: client_credentials, scopes: [read, write]}
      responseBodyMapping: {access_token: accessToken}
"""
    await harness.admin_stub().ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=doc), timeout=5
    )
    reply = await harness.broker_stub("admin").GetSecret(
        pb.GetSecretRequest(name="corp/token"), timeout=5
    )
    api = reply.secret.token_api
    assert (api.http_method, api.url, api.content_type) == (
        "POST",
        "https://idp.example/token",
        "application/json",
    )
    assert dict(api.request_body) == {
        "grant_type": "client_credentials",
        "scopes": '["read", "write"]',
    }
    assert dict(api.response_body_mapping) == {"access_token": "accessToken"}


async def test_directory_pages_in_user_id_order(harness: Harness, imported: object) -> None:
    stub = harness.broker_stub("authn")
    ids: list[str] = []
    token = ""
    while True:
        reply = await stub.GetUserDirectory(
            pb.GetUserDirectoryRequest(collection="corp/people", page_size=2, page_token=token),
            timeout=5,
        )
        assert reply.total_size == 5
        ids += [u.user_id for u in reply.users]
        token = reply.next_page_token
        if not token:
            break
    assert ids == ["alice", "bob", "carol", "dave", "svc-etl"]


async def test_user_fields_statuses_and_memberships(harness: Harness, imported: object) -> None:
    reply = await harness.broker_stub("authn").GetUserDirectory(
        pb.GetUserDirectoryRequest(collection="corp/people"), timeout=5
    )
    users = {u.user_id: u for u in reply.users}
    alice = users["alice"]
    assert (alice.display_name, alice.email, alice.given_name) == (
        "Alice Able",
        "alice@corp.example",
        "Alice",
    )
    assert alice.user_account_type == rpb.USER_ACCOUNT_TYPE_EMPLOYEE
    assert alice.user_account_status == rpb.USER_ACCOUNT_STATUS_AVAILABLE
    assert list(alice.security_groups) == ["Finance"]
    assert dict(alice.other_properties) == {"costCenter": "42"}
    assert list(alice.member_of) == ["admins", "operators"]
    assert users["bob"].user_account_type == rpb.USER_ACCOUNT_TYPE_CONTRACTOR
    assert users["bob"].user_account_status == rpb.USER_ACCOUNT_STATUS_LOCKED
    assert users["carol"].user_account_status == rpb.USER_ACCOUNT_STATUS_CREDENTIALS_EXPIRED
    assert users["dave"].user_account_status == rpb.USER_ACCOUNT_STATUS_DISABLED
    assert users["dave"].user_account_type == rpb.USER_ACCOUNT_TYPE_UNSPECIFIED
    assert all(not u.credentials for u in reply.users)


async def test_credentials_only_when_asked_and_granted(harness: Harness, imported: object) -> None:
    request = pb.GetUserDirectoryRequest(
        collection="corp/people", user_ids=["alice"], include_credentials=True
    )
    reply = await harness.broker_stub("authn").GetUserDirectory(request, timeout=5)
    assert dict(reply.users[0].credentials) == {"clearPassword": "alice-password-1"}
    await rpc_error(
        harness.broker_stub("client").GetUserDirectory(request, timeout=5),
        grpc.StatusCode.PERMISSION_DENIED,
        "RPC_NOT_GRANTED",
    )


async def test_member_of_filters_transitively(harness: Harness, imported: object) -> None:
    reply = await harness.broker_stub("authn").GetUserDirectory(
        pb.GetUserDirectoryRequest(collection="corp/people", member_of="operators"), timeout=5
    )
    assert [u.user_id for u in reply.users] == ["alice", "bob"]
    await rpc_error(
        harness.broker_stub("authn").GetUserDirectory(
            pb.GetUserDirectoryRequest(collection="corp/people", member_of="no-such-list"),
            timeout=5,
        ),
        grpc.StatusCode.NOT_FOUND,
        "ENTRY_NOT_FOUND",
    )


async def test_directory_errors(harness: Harness, imported: object) -> None:
    stub = harness.broker_stub("authn")
    cases = [
        (
            pb.GetUserDirectoryRequest(collection=""),
            grpc.StatusCode.INVALID_ARGUMENT,
            "collection: ",
            "NAME_INVALID",
        ),
        (
            pb.GetUserDirectoryRequest(collection="corp/people", page_size=-1),
            grpc.StatusCode.INVALID_ARGUMENT,
            "page_size: ",
            "FIELD_INVALID",
        ),
        (
            pb.GetUserDirectoryRequest(collection="corp/people", page_token="!!"),
            grpc.StatusCode.INVALID_ARGUMENT,
            "page_token: ",
            "PAGE_TOKEN_INVALID",
        ),
        (
            pb.GetUserDirectoryRequest(collection="corp/people", user_ids=["a\x00"]),
            grpc.StatusCode.INVALID_ARGUMENT,
            "user_ids: ",
            "FIELD_INVALID",
        ),
        (
            pb.GetUserDirectoryRequest(collection="corp/absent"),
            grpc.StatusCode.NOT_FOUND,
            "collection ",
            "COLLECTION_NOT_FOUND",
        ),
        (
            pb.GetUserDirectoryRequest(collection="PostgreSQL Server:LocalPostgreSQL1"),
            grpc.StatusCode.NOT_FOUND,
            "collection ",
            "COLLECTION_NOT_FOUND",
        ),
    ]
    for request, code, prefix, reason in cases:
        err = await rpc_error(stub.GetUserDirectory(request, timeout=5), code, reason)
        assert err.details().startswith(prefix), request


async def test_page_token_is_bound_to_its_query(harness: Harness, imported: object) -> None:
    stub = harness.broker_stub("authn")
    first = await stub.GetUserDirectory(
        pb.GetUserDirectoryRequest(collection="corp/people", page_size=1), timeout=5
    )
    await rpc_error(
        stub.GetUserDirectory(
            pb.GetUserDirectoryRequest(
                collection="corp/people",
                page_size=1,
                member_of="admins",
                page_token=first.next_page_token,
            ),
            timeout=5,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "PAGE_TOKEN_INVALID",
    )


async def test_named_list_resolves_nested_members_and_cycles(
    harness: Harness, imported: object
) -> None:
    reply = await harness.broker_stub("authn").GetAccessList(
        pb.GetAccessListRequest(collection="corp/people", list_name="admins", resolve=True),
        timeout=5,
    )
    lst = reply.named_list
    assert list(lst.user_members) == ["alice", "ghost"]
    assert list(lst.list_members) == ["operators"]
    assert lst.list_type == rpb.NAMED_LIST_TYPE_SECURITY_ROLE
    # Only members that name a user resolve; 'ghost' is reported, never resolved.
    assert list(lst.resolved_user_ids) == ["alice", "bob"]
    assert list(lst.unresolved_user_members) == ["ghost"]
    assert list(lst.resolved_list_names) == ["operators"]
    assert list(reply.warnings) == [
        "list 'admins': member 'ghost' names no user",
        "cycle among lists: admins -> operators -> admins",
        "list 'operators': list member 'nowhere' names no list",
    ]
    plain = await harness.broker_stub("authn").GetAccessList(
        pb.GetAccessListRequest(collection="corp/people", list_name="admins"), timeout=5
    )
    assert not plain.named_list.resolved_user_ids and not plain.warnings


async def test_access_control_resolves_per_operation(harness: Harness, imported: object) -> None:
    reply = await harness.broker_stub("authn").GetAccessList(
        pb.GetAccessListRequest(collection="corp/people", control_name="payroll", resolve=True),
        timeout=5,
    )
    ctl = reply.access_control
    assert ctl.control_type == rpb.ACCESS_CONTROL_TYPE_SERVICE_ACCESS_CONTROL
    assert dict(ctl.mapping_properties) == {"serviceURL": "https://payroll.corp.example"}
    ops = {
        op: (list(v.list_names), list(v.resolved_user_ids), list(v.unresolved_user_members))
        for op, v in ctl.operations.items()
    }
    assert ops == {
        "DEFAULT": (["admins"], ["alice", "bob"], ["ghost"]),
        "READ": (["auditors", "admins"], ["alice", "bob", "carol"], ["ghost"]),
        "approveRun": (["operators"], ["alice", "bob"], ["ghost"]),
    }
    assert "list 'admins': member 'ghost' names no user" in reply.warnings


async def test_access_list_errors(harness: Harness, imported: object) -> None:
    stub = harness.broker_stub("authn")
    no_target = await rpc_error(
        stub.GetAccessList(pb.GetAccessListRequest(collection="corp/people"), timeout=5),
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_INVALID",
    )
    assert no_target.code() == grpc.StatusCode.INVALID_ARGUMENT and no_target.details().startswith(
        "target: "
    )
    await rpc_error(
        stub.GetAccessList(
            pb.GetAccessListRequest(collection="corp/people", list_name="nope"), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "ENTRY_NOT_FOUND",
    )
    await rpc_error(
        harness.broker_stub("client").GetAccessList(
            pb.GetAccessListRequest(collection="corp/people", list_name="admins"), timeout=5
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "RPC_NOT_GRANTED",
    )
