"""GetSecret, BatchGetSecrets and the admin RPCs over real mTLS."""

import grpc
import pytest
from google.protobuf.duration_pb2 import Duration
from google.rpc import error_details_pb2
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.domain.model import SecretValue, data_crc32c
from tests.conftest import Harness
from tests.integration.helpers import detail, error_info, rich_status, rpc_error

BAD_NAMES = [
    ("", "is required"),
    ("../etc/passwd", "'..'"),
    ("connectors/../admin", "'..'"),
    ("connectors/./x", "'.'"),
    ("/leading", "empty segment"),
    ("trailing/", "empty segment"),
    ("double//slash", "empty segment"),
    ("nul\x00byte", "outside the allowed set"),
    ("tab\tchar", "outside the allowed set"),
    ("newline\nchar", "outside the allowed set"),
    ("del\x7fchar", "outside the allowed set"),
    ("back\\slash", "outside the allowed set"),
    ("unicode/caf\u00e9", "outside the allowed set"),
    ("x" * 513, "longer than 512 bytes"),
    ("/".join(["s"] * 33), "more than 32 segments"),
    (" space/first", "starting or ending with a space"),
    ("sys/collections/x", "reserved"),
]


async def put(
    h: Harness, name: str, values: dict[str, str], **kw: object
) -> admin_pb.SecretMetadata:
    reply = await h.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name=name, values=values, **kw),
        timeout=5,  # type: ignore[arg-type]
    )
    return reply.metadata


async def test_get_secret_returns_values_and_integrity_data(harness: Harness, unique: str) -> None:
    name = f"connectors/{unique}"
    meta = await put(
        harness,
        name,
        {"userId": "svc", "clearPassword": "s3cr3t"},
        refresh_after=Duration(seconds=120),
        labels={"env": "test"},
    )
    reply = await harness.broker_stub("client").GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    s = reply.secret
    assert s.name == name and s.version == 1 == meta.version
    assert dict(s.values) == {"userId": "svc", "clearPassword": "s3cr3t"}
    assert s.refresh_after.seconds == 120 and dict(s.labels) == {"env": "test"}
    assert s.etag == meta.etag and s.etag
    expected_crc = data_crc32c({k: SecretValue(v) for k, v in s.values.items()})
    assert s.data_crc32c == expected_crc == meta.data_crc32c
    assert s.create_time.seconds > 0 and s.update_time == s.create_time


async def test_crc32c_with_the_high_bit_set_is_a_non_negative_int64(
    harness: Harness, unique: str
) -> None:
    """data_crc32c is int64 on the wire, so no language reads a CRC >= 2^31 as negative."""
    values = next(
        v
        for v in ({"k": f"value-{i}"} for i in range(1000))
        if data_crc32c({k: SecretValue(x) for k, x in v.items()}) >= 2**31
    )
    name = f"connectors/{unique}"
    meta = await put(harness, name, values)
    reply = await harness.broker_stub("client").GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    expected = data_crc32c({k: SecretValue(x) for k, x in values.items()})
    assert reply.secret.data_crc32c == meta.data_crc32c == expected >= 2**31
    field = reply.secret.DESCRIPTOR.fields_by_name["data_crc32c"]
    assert field.type == field.TYPE_INT64


async def test_keys_select_a_subset_but_crc_covers_all(harness: Harness, unique: str) -> None:
    name = f"connectors/{unique}"
    meta = await put(harness, name, {"userId": "u", "clearPassword": "p", "accessToken": "t"})
    reply = await harness.broker_stub("client").GetSecret(
        pb.GetSecretRequest(name=name, keys=["userId", "nope"]), timeout=5
    )
    assert dict(reply.secret.values) == {"userId": "u"}
    assert reply.secret.data_crc32c == meta.data_crc32c


async def test_old_versions_are_readable(harness: Harness, unique: str) -> None:
    name = f"connectors/{unique}"
    await put(harness, name, {"k": "one"})
    await put(harness, name, {"k": "two"})
    stub = harness.broker_stub("client")
    latest = await stub.GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    first = await stub.GetSecret(pb.GetSecretRequest(name=name, version=1), timeout=5)
    assert (latest.secret.version, latest.secret.values["k"]) == (2, "two")
    assert (first.secret.version, first.secret.values["k"]) == (1, "one")
    err = await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name=name, version=7), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    err = await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name=name, version=-1), timeout=5),
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_INVALID",
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and "version" in err.details()


async def test_forbidden_name_looks_exactly_like_a_missing_one(
    harness: Harness, unique: str
) -> None:
    name = f"private/{unique}"
    await put(harness, name, {"k": "v"})
    stub = harness.broker_stub("client")
    forbidden = await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name=name), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    await harness.admin_stub().DeleteSecret(admin_pb.DeleteSecretRequest(name=name), timeout=5)
    absent_but_forbidden = await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name=name), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    missing_name = f"connectors/{unique}-absent"
    missing = await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name=missing_name), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    assert (
        forbidden.code()
        == absent_but_forbidden.code()
        == missing.code()
        == grpc.StatusCode.NOT_FOUND
    )
    assert forbidden.details() == absent_but_forbidden.details()
    assert forbidden.details().replace(name, "N") == missing.details().replace(missing_name, "N")


@pytest.mark.parametrize(("bad", "problem"), BAD_NAMES, ids=range(len(BAD_NAMES)))
async def test_bad_names_are_invalid_argument(harness: Harness, bad: str, problem: str) -> None:
    err = await rpc_error(
        harness.broker_stub("client").GetSecret(pb.GetSecretRequest(name=bad), timeout=5),
        grpc.StatusCode.INVALID_ARGUMENT,
        "NAME_INVALID",
    )
    assert err.details().startswith("name: ") and problem in err.details()


async def test_bad_value_keys_and_sizes_are_invalid_argument(harness: Harness) -> None:
    admin = harness.admin_stub()
    cases = [
        ({"bad key": "v"}, "values["),
        ({"k": "x" * 65_537}, "longer than 65536 bytes"),
        ({}, "at least one value"),
        ({f"k{i}": "v" for i in range(65)}, "more than 64"),
    ]
    for values, problem in cases:
        err = await rpc_error(
            admin.PutSecret(
                admin_pb.PutSecretRequest(name="connectors/v", values=values), timeout=5
            ),
            grpc.StatusCode.INVALID_ARGUMENT,
            "FIELD_INVALID",
        )
        assert err.details().startswith("values") and problem in err.details()
    err = await rpc_error(
        admin.PutSecret(
            admin_pb.PutSecretRequest(
                name="connectors/v", values={"k": "v"}, refresh_after=Duration(seconds=0, nanos=5)
            ),
            timeout=5,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_INVALID",
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and err.details().startswith(
        "refresh_after"
    )


async def test_stale_compare_and_set_is_aborted(harness: Harness, unique: str) -> None:
    name = f"connectors/{unique}"
    first = await put(harness, name, {"k": "1"}, expected_version=0)
    await rpc_error(
        harness.admin_stub().PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"k": "x"}, expected_version=0), timeout=5
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    await put(harness, name, {"k": "2"}, expected_version=1)
    stale_version = await rpc_error(
        harness.admin_stub().PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"k": "x"}, expected_version=1), timeout=5
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    stale_etag = await rpc_error(
        harness.admin_stub().PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"k": "x"}, expected_etag=first.etag),
            timeout=5,
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    assert stale_version.code() == stale_etag.code() == grpc.StatusCode.ABORTED
    reply = await harness.broker_stub("client").GetSecret(pb.GetSecretRequest(name=name), timeout=5)
    assert (reply.secret.version, reply.secret.values["k"]) == (2, "2")


async def test_write_through_the_broker_invalidates_the_cache(
    harness: Harness, unique: str
) -> None:
    name = f"connectors/{unique}"
    stub = harness.broker_stub("client")
    await put(harness, name, {"k": "old"})
    assert (await stub.GetSecret(pb.GetSecretRequest(name=name), timeout=5)).secret.values[
        "k"
    ] == "old"
    await put(harness, name, {"k": "new"})
    assert (await stub.GetSecret(pb.GetSecretRequest(name=name), timeout=5)).secret.values[
        "k"
    ] == "new"
    await harness.admin_stub().DeleteSecret(admin_pb.DeleteSecretRequest(name=name), timeout=5)
    await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name=name), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )


async def test_batch_get_reports_each_name(harness: Harness, unique: str) -> None:
    ok = f"connectors/{unique}"
    await put(harness, ok, {"k": "v"})
    await put(harness, f"private/{unique}", {"k": "v"})
    reply = await harness.broker_stub("client").BatchGetSecrets(
        pb.BatchGetSecretsRequest(names=[ok, f"connectors/{unique}-none", f"private/{unique}", ok]),
        timeout=5,
    )
    kinds = [r.WhichOneof("result") for r in reply.results]
    assert kinds == ["secret", "error", "error", "secret"]
    assert reply.results[0].secret.values["k"] == "v"
    assert reply.results[1].error.code == grpc.StatusCode.NOT_FOUND.value[0]
    assert reply.results[2].error.code == grpc.StatusCode.NOT_FOUND.value[0]
    assert [r.name for r in reply.results][1] == f"connectors/{unique}-none"


async def test_batch_get_limits(harness: Harness) -> None:
    stub = harness.broker_stub("client")
    empty = await rpc_error(
        stub.BatchGetSecrets(pb.BatchGetSecretsRequest(), timeout=5),
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_INVALID",
    )
    await rpc_error(
        stub.BatchGetSecrets(pb.BatchGetSecretsRequest(names=["shared/a"] * 101), timeout=5),
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_INVALID",
    )
    assert empty.details().startswith("names: ")


async def test_batch_get_with_a_malformed_name_answers_every_name(
    harness: Harness, unique: str
) -> None:
    ok = f"connectors/{unique}"
    await put(harness, ok, {"k": "v"})
    names = [ok, "a/../b", f"connectors/{unique}-none", "nul\x00", ok]
    reply = await harness.broker_stub("client").BatchGetSecrets(
        pb.BatchGetSecretsRequest(names=names), timeout=5
    )
    assert [r.name for r in reply.results] == names
    assert [r.WhichOneof("result") for r in reply.results] == [
        "secret", "error", "error", "error", "secret"
    ]  # fmt: skip
    invalid = grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert [r.error.code for r in reply.results[1:4]] == [
        invalid, grpc.StatusCode.NOT_FOUND.value[0], invalid
    ]  # fmt: skip
    assert reply.results[1].error.message == "names[1]: has a '.' or '..' segment"
    assert reply.results[3].error.message.startswith("names[3]: ")
    assert [error_info(r.error).reason for r in reply.results[1:4]] == [
        "NAME_INVALID", "SECRET_NOT_FOUND", "NAME_INVALID"
    ]  # fmt: skip
    violation = detail(reply.results[1].error, error_details_pb2.BadRequest)
    assert isinstance(violation, error_details_pb2.BadRequest)
    assert [(v.field, v.reason) for v in violation.field_violations] == [
        ("names[1]", "NAME_INVALID")
    ]
    assert reply.results[4].secret.values["k"] == "v"


async def test_errors_carry_rich_details(harness: Harness, unique: str) -> None:
    """ErrorInfo on every status; BadRequest on INVALID_ARGUMENT; PreconditionFailure
    on a lost compare-and-set."""
    bad = await rpc_error(
        harness.broker_stub("client").GetSecret(pb.GetSecretRequest(name="a//b"), timeout=5),
        grpc.StatusCode.INVALID_ARGUMENT,
        "NAME_INVALID",
    )
    request = detail(rich_status(bad), error_details_pb2.BadRequest)
    assert isinstance(request, error_details_pb2.BadRequest)
    assert [(v.field, v.reason) for v in request.field_violations] == [("name", "NAME_INVALID")]
    assert dict(error_info(rich_status(bad)).metadata) == {"field": "name"}
    name = f"connectors/{unique}"
    await put(harness, name, {"k": "1"})
    stale = await rpc_error(
        harness.admin_stub().PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"k": "2"}, expected_version=7), timeout=5
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    failure = detail(rich_status(stale), error_details_pb2.PreconditionFailure)
    assert isinstance(failure, error_details_pb2.PreconditionFailure)
    assert [(v.type, v.subject) for v in failure.violations] == [("CAS_MISMATCH", name)]
    assert detail(rich_status(stale), error_details_pb2.RetryInfo) is None


async def test_admin_rpcs_need_an_admin_grant(harness: Harness) -> None:
    admin_as_client = harness.admin_stub("client")
    await rpc_error(
        admin_as_client.PutSecret(
            admin_pb.PutSecretRequest(name="connectors/x", values={"k": "v"}), timeout=5
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "RPC_NOT_GRANTED",
    )
    await rpc_error(
        admin_as_client.ListSecrets(admin_pb.ListSecretsRequest(), timeout=5),
        grpc.StatusCode.PERMISSION_DENIED,
        "RPC_NOT_GRANTED",
    )


async def test_list_secrets_pages_without_values(harness: Harness, unique: str) -> None:
    prefix = f"listing/{unique}/"
    for i in range(5):
        await put(harness, f"{prefix}{i}", {"password": f"value-{i}"})
    admin = harness.admin_stub()
    seen: list[str] = []
    token = ""
    pages = 0
    while True:
        reply = await admin.ListSecrets(
            admin_pb.ListSecretsRequest(prefix=prefix, page_size=2, page_token=token), timeout=5
        )
        pages += 1
        seen += [m.name for m in reply.secrets]
        assert all(list(m.keys) == ["password"] for m in reply.secrets)
        assert "value-" not in str(reply)
        token = reply.next_page_token
        if not token:
            break
    assert seen == [f"{prefix}{i}" for i in range(5)] and pages == 3
    err = await rpc_error(
        admin.ListSecrets(
            admin_pb.ListSecretsRequest(
                prefix="other/", page_size=2, page_token=token or "garbage"
            ),
            timeout=5,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "PAGE_TOKEN_INVALID",
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and err.details().startswith("page_token")
    err = await rpc_error(
        admin.ListSecrets(admin_pb.ListSecretsRequest(page_size=1001), timeout=5),
        grpc.StatusCode.INVALID_ARGUMENT,
        "FIELD_INVALID",
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and err.details().startswith("page_size")


async def test_delete_missing_is_not_found_and_stale_etag_aborted(
    harness: Harness, unique: str
) -> None:
    admin = harness.admin_stub()
    await rpc_error(
        admin.DeleteSecret(admin_pb.DeleteSecretRequest(name=f"x/{unique}"), timeout=5),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    first = await put(harness, f"x/{unique}", {"k": "1"})
    await put(harness, f"x/{unique}", {"k": "2"})
    await rpc_error(
        admin.DeleteSecret(
            admin_pb.DeleteSecretRequest(name=f"x/{unique}", expected_etag=first.etag), timeout=5
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
