"""GetAccessList(resolve), GetUserDirectory(member_of) and UserAccount.member_of agree,
over real mTLS, on generated directories with dangling members and cycles."""

import itertools

import yaml
from hypothesis import HealthCheck, given, settings
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.domain.directory import Collection
from tests.collections_data import directories, reference_members
from tests.conftest import Harness

_names = itertools.count()


def as_yaml(name: str, coll: Collection) -> str:
    body = {
        "users": {u: {"userAccountStatus": "AVAILABLE"} for u in coll.users},
        "namedLists": {
            n: {"userMembers": list(lst.user_members), "listMembers": list(lst.list_members)}
            for n, lst in coll.lists.items()
        },
        "securityAccessControls": {
            "zone": {"associatedSecurityList": {"DEFAULT": sorted(coll.lists)}}
        },
    }
    return yaml.safe_dump({"secretsCollections": {name: body}})


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(coll=directories())
async def test_the_three_resolution_rpcs_agree(harness: Harness, coll: Collection) -> None:
    name = f"corp/agree-{next(_names)}"
    await harness.admin_stub().ImportCollections(
        admin_pb.ImportCollectionsRequest(yaml=as_yaml(name, coll)), timeout=30
    )
    stub = harness.broker_stub("authn")
    every = await stub.GetUserDirectory(pb.GetUserDirectoryRequest(collection=name), timeout=10)
    member_of = {u.user_id: set(u.member_of) for u in every.users}
    assert set(member_of) == set(coll.users)
    for list_name in coll.lists:
        access = await stub.GetAccessList(
            pb.GetAccessListRequest(collection=name, list_name=list_name, resolve=True),
            timeout=10,
        )
        filtered = await stub.GetUserDirectory(
            pb.GetUserDirectoryRequest(collection=name, member_of=list_name), timeout=10
        )
        resolved = set(access.named_list.resolved_user_ids)
        expected = reference_members(coll, list_name)
        assert resolved == expected & set(coll.users)
        assert set(access.named_list.unresolved_user_members) == expected - set(coll.users)
        assert {u.user_id for u in filtered.users} == resolved
        assert {u for u, lists in member_of.items() if list_name in lists} == resolved
        for dangling in access.named_list.unresolved_user_members:
            assert any(f"member {dangling!r} names no user" in w for w in access.warnings)
    zone = await stub.GetAccessList(
        pb.GetAccessListRequest(collection=name, control_name="zone", resolve=True), timeout=10
    )
    assert set(zone.access_control.operations["DEFAULT"].resolved_user_ids) == {
        u for u, lists in member_of.items() if lists
    }
