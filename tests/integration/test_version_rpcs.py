"""Versions and rotation through the real broker over mutual TLS (embedded store)."""

import asyncio
import logging
import string
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import grpc
import pytest
import yaml
from google.protobuf.duration_pb2 import Duration
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from tests.conftest import Harness, start_harness
from tests.integration.helpers import error_info, rich_status, rpc_error
from tests.pki import ADMIN_ID, AUTHN_ID, CLIENT_ID, Pki

INVALID, NOT_FOUND = grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND
PRECONDITION = grpc.StatusCode.FAILED_PRECONDITION
ENABLED = admin_pb.SECRET_VERSION_STATE_ENABLED
DISABLED = admin_pb.SECRET_VERSION_STATE_DISABLED
DESTROYED = admin_pb.SECRET_VERSION_STATE_DESTROYED
POLICY = {
    "grants": [
        {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
        {"identities": [CLIENT_ID], "rpcs": ["GetSecret"], "names": ["v/open/**"]},
        {
            "identities": [AUTHN_ID],  # a version admin of one corner only
            "rpcs": [
                "ListSecretVersions",
                "DisableSecretVersion",
                "EnableSecretVersion",
                "DestroySecretVersion",
                "RotateSecret",
            ],
            "names": ["v/mine/**"],
        },
    ]
}


@pytest.fixture(scope="module")
async def h(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    data = tmp_path_factory.mktemp("versions")
    (data / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    harness = await start_harness(pki, data, data / "policy.yaml")
    yield harness
    await harness.stop()


async def put(h: Harness, name: str, **values: str) -> int:
    reply = await h.admin_stub().PutSecret(admin_pb.PutSecretRequest(name=name, values=values))
    return reply.metadata.version


async def read(h: Harness, name: str, version: int = 0, who: str = "admin") -> pb.GetSecretResponse:
    return await h.broker_stub(who).GetSecret(pb.GetSecretRequest(name=name, version=version))


async def test_list_disable_enable_destroy(h: Harness, unique: str) -> None:
    name = f"v/open/{unique}"
    for value in ("one", "two", "three"):
        await put(h, name, k=value)
    admin = h.admin_stub()
    listed = await admin.ListSecretVersions(admin_pb.ListSecretVersionsRequest(name=name))
    assert [(v.version, v.state) for v in listed.versions] == [
        (3, ENABLED),
        (2, ENABLED),
        (1, ENABLED),
    ]
    assert all(v.name == name and v.data_crc32c for v in listed.versions)

    reply = await admin.DisableSecretVersion(
        admin_pb.DisableSecretVersionRequest(name=name, version=1)
    )
    assert reply.version.state == DISABLED and reply.version.HasField("state_time")
    err = await rpc_error(read(h, name, 1), PRECONDITION, "VERSION_DISABLED")
    assert err.details() == f"secret {name} version 1 is disabled"
    # A caller who may read the name learns the state; the version itself is kept.
    await rpc_error(read(h, name, 1, who="client"), PRECONDITION, "VERSION_DISABLED")
    await admin.EnableSecretVersion(admin_pb.EnableSecretVersionRequest(name=name, version=1))
    assert (await read(h, name, 1)).secret.values == {"k": "one"}

    await admin.DestroySecretVersion(admin_pb.DestroySecretVersionRequest(name=name, version=2))
    await rpc_error(read(h, name, 2), PRECONDITION, "VERSION_DESTROYED")
    await rpc_error(
        admin.EnableSecretVersion(admin_pb.EnableSecretVersionRequest(name=name, version=2)),
        PRECONDITION,
        "VERSION_DESTROYED",
    )
    listed = await admin.ListSecretVersions(admin_pb.ListSecretVersionsRequest(name=name))
    assert [v.state for v in listed.versions] == [ENABLED, DESTROYED, ENABLED]
    assert listed.versions[1].data_crc32c  # metadata kept


async def test_a_disabled_latest_is_not_served_even_from_the_cache(h: Harness, unique: str) -> None:
    name = f"v/open/{unique}"
    await put(h, name, k="one")
    await put(h, name, k="two")
    assert (await read(h, name, who="client")).secret.version == 2  # now cached
    admin = h.admin_stub()
    await admin.DisableSecretVersion(admin_pb.DisableSecretVersionRequest(name=name, version=2))
    await rpc_error(read(h, name, who="client"), PRECONDITION, "VERSION_DISABLED")
    await admin.EnableSecretVersion(admin_pb.EnableSecretVersionRequest(name=name, version=2))
    assert (await read(h, name, who="client")).secret.values == {"k": "two"}


async def test_version_listing_pages(h: Harness, unique: str) -> None:
    name = f"v/open/{unique}"
    for i in range(5):
        await put(h, name, k=str(i))
    admin = h.admin_stub()
    seen: list[int] = []
    token = ""
    while True:
        page = await admin.ListSecretVersions(
            admin_pb.ListSecretVersionsRequest(name=name, page_size=2, page_token=token)
        )
        seen += [v.version for v in page.versions]
        token = page.next_page_token
        if not token:
            break
    assert seen == [5, 4, 3, 2, 1]
    await rpc_error(
        admin.ListSecretVersions(
            admin_pb.ListSecretVersionsRequest(
                name=f"{name}-other", page_token=page.next_page_token or "x"
            )
        ),
        INVALID,
        "PAGE_TOKEN_INVALID",
    )


async def test_version_requests_are_validated(h: Harness, unique: str) -> None:
    admin = h.admin_stub()
    err = await rpc_error(
        admin.DisableSecretVersion(admin_pb.DisableSecretVersionRequest(name="v/x", version=0)),
        INVALID,
        "FIELD_INVALID",
    )
    assert error_info(rich_status(err)).metadata["field"] == "version"
    await rpc_error(
        admin.DestroySecretVersion(admin_pb.DestroySecretVersionRequest(name="v//x", version=1)),
        INVALID,
        "NAME_INVALID",
    )
    await put(h, f"v/open/{unique}", k="1")
    await rpc_error(
        admin.DisableSecretVersion(
            admin_pb.DisableSecretVersionRequest(name=f"v/open/{unique}", version=7)
        ),
        NOT_FOUND,
        "SECRET_NOT_FOUND",
    )


async def test_forbidden_names_answer_as_missing_ones(h: Harness, unique: str) -> None:
    theirs = f"v/theirs/{unique}"
    await put(h, theirs, k="1")
    await put(h, theirs, k="2")
    await h.admin_stub().DisableSecretVersion(
        admin_pb.DisableSecretVersionRequest(name=theirs, version=1)
    )
    limited = h.admin_stub("authn")
    calls = {
        "list": lambda n: limited.ListSecretVersions(admin_pb.ListSecretVersionsRequest(name=n)),
        "disable": lambda n: limited.DisableSecretVersion(
            admin_pb.DisableSecretVersionRequest(name=n, version=1)
        ),
        "rotate": lambda n: limited.RotateSecret(
            admin_pb.RotateSecretRequest(name=n, password=admin_pb.PasswordGenerator())
        ),
    }
    for call in calls.values():
        forbidden = await rpc_error(call(theirs), NOT_FOUND, "SECRET_NOT_FOUND")
        missing = await rpc_error(call(f"v/mine/{unique}-absent"), NOT_FOUND, "SECRET_NOT_FOUND")
        assert forbidden.details().replace(theirs, "N") == missing.details().replace(
            f"v/mine/{unique}-absent", "N"
        )
    # A reader without the right learns nothing of a disabled version either.
    stranger = await rpc_error(read(h, theirs, 1, who="client"), NOT_FOUND, "SECRET_NOT_FOUND")
    assert "disabled" not in stranger.details()
    await rpc_error(
        h.admin_stub("client").ListSecretVersions(admin_pb.ListSecretVersionsRequest(name=theirs)),
        grpc.StatusCode.PERMISSION_DENIED,
        "RPC_NOT_GRANTED",
    )


async def rotate(h: Harness, name: str, **fields: object) -> admin_pb.RotateSecretResponse:
    return await h.admin_stub().RotateSecret(admin_pb.RotateSecretRequest(name=name, **fields))


async def test_rotation_generates_a_password_and_keeps_the_previous_version_readable(
    h: Harness, unique: str
) -> None:
    name = f"v/open/{unique}"
    await put(h, name, userId="svc", clearPassword="before")
    before = time.time()
    policy = admin_pb.PasswordGenerator(length=40, exclude_punctuation=True)
    reply = await rotate(h, name, password=policy, overlap=Duration(seconds=600))
    assert reply.metadata.version == 2 and reply.previous_version == 1
    disable_at = reply.previous_disable_time.ToDatetime(UTC).timestamp()
    assert before + 590 <= disable_at <= time.time() + 610
    latest = (await read(h, name, who="client")).secret
    password = latest.values["clearPassword"]
    assert latest.version == 2 and latest.values["userId"] == "svc"
    assert len(password) == 40 and set(password) <= set(string.ascii_letters + string.digits)
    previous = await read(h, name, 1, who="client")
    assert previous.secret.values["clearPassword"] == "before"
    assert (
        previous.previous_version and previous.scheduled_disable_time == reply.previous_disable_time
    )
    assert not (await read(h, name, who="client")).previous_version
    listed = await h.admin_stub().ListSecretVersions(admin_pb.ListSecretVersionsRequest(name=name))
    assert listed.versions[1].scheduled_disable_time == reply.previous_disable_time


async def test_rotation_generators(h: Harness, unique: str) -> None:
    name = f"v/open/{unique}"
    await put(h, name, userId="svc", clearPassword="p")
    await rotate(
        h,
        name,
        random_bytes=admin_pb.RandomBytesGenerator(
            length=16, encoding=admin_pb.RANDOM_BYTES_ENCODING_HEX
        ),
        key="apiKey",
    )
    secret = (await read(h, name)).secret
    assert len(secret.values["apiKey"]) == 32 and set(secret.values["apiKey"]) <= set(
        string.hexdigits
    )
    assert secret.values["clearPassword"] == "p"
    await rotate(h, name, supplied=admin_pb.SuppliedValues(values={"clearPassword": "chosen"}))
    secret = (await read(h, name)).secret
    assert secret.version == 3 and secret.values["clearPassword"] == "chosen"
    strict = admin_pb.PasswordGenerator(length=4, require_each_included_type=True)
    for _ in range(5):
        await rotate(h, name, password=strict)
        value = (await read(h, name)).secret.values["clearPassword"]
        for kind in (
            string.ascii_lowercase,
            string.ascii_uppercase,
            string.digits,
            string.punctuation,
        ):
            assert set(value) & set(kind), value


async def test_rotation_compare_and_set(h: Harness, unique: str) -> None:
    name = f"v/open/{unique}"
    await put(h, name, clearPassword="p")
    await put(h, name, clearPassword="q")
    err = await rpc_error(
        rotate(h, name, password=admin_pb.PasswordGenerator(), expected_version=1),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    assert "version 2" in err.details()
    reply = await rotate(h, name, password=admin_pb.PasswordGenerator(), expected_version=2)
    assert reply.metadata.version == 3
    await rpc_error(
        rotate(h, f"{name}-absent", password=admin_pb.PasswordGenerator()),
        NOT_FOUND,
        "SECRET_NOT_FOUND",
    )


async def test_concurrent_rotations_admit_one_winner_per_version(h: Harness, unique: str) -> None:
    name = f"v/open/{unique}"
    await put(h, name, clearPassword="p")
    outcomes = await asyncio.gather(
        *(rotate(h, name, password=admin_pb.PasswordGenerator()) for _ in range(6)),
        return_exceptions=True,
    )
    won = [o.metadata.version for o in outcomes if isinstance(o, admin_pb.RotateSecretResponse)]
    lost = [o for o in outcomes if isinstance(o, grpc.aio.AioRpcError)]
    assert len(won) + len(lost) == 6 and sorted(won) == list(range(2, 2 + len(won)))
    assert all(e.code() == grpc.StatusCode.ABORTED for e in lost)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "generator"),
        ({"password": admin_pb.PasswordGenerator(length=5000)}, "password.length"),
        ({"password": admin_pb.PasswordGenerator(length=-1)}, "password.length"),
        (
            {
                "password": admin_pb.PasswordGenerator(
                    exclude_uppercase=True,
                    exclude_lowercase=True,
                    exclude_numbers=True,
                    exclude_punctuation=True,
                )
            },
            "password",
        ),
        (
            {"password": admin_pb.PasswordGenerator(length=2, require_each_included_type=True)},
            "password.length",
        ),
        ({"random_bytes": admin_pb.RandomBytesGenerator(length=5000)}, "random_bytes.length"),
        ({"password": admin_pb.PasswordGenerator(), "key": "bad key"}, "key"),
        ({"supplied": admin_pb.SuppliedValues()}, "supplied.values"),
        ({"supplied": admin_pb.SuppliedValues(values={"a": "b"}), "key": "k"}, "key"),
        ({"password": admin_pb.PasswordGenerator(), "overlap": Duration(seconds=-1)}, "overlap"),
        ({"password": admin_pb.PasswordGenerator(), "overlap": Duration(nanos=5)}, "overlap"),
        ({"password": admin_pb.PasswordGenerator(), "expected_version": -2}, "expected_version"),
    ],
)
async def test_rotation_requests_are_validated(
    h: Harness, unique: str, fields: dict[str, object], field: str
) -> None:
    name = f"v/open/{unique}"
    await put(h, name, clearPassword="p")
    err = await rpc_error(rotate(h, name, **fields), INVALID, "FIELD_INVALID")
    assert error_info(rich_status(err)).metadata["field"] == field
    assert (await read(h, name)).secret.version == 1


async def test_the_previous_version_is_disabled_after_the_overlap(h: Harness, unique: str) -> None:
    name = f"v/open/{unique}"
    await put(h, name, clearPassword="p")
    await rotate(h, name, password=admin_pb.PasswordGenerator(), overlap=Duration(seconds=1))
    assert (await read(h, name, 1, who="client")).previous_version  # cached now, until 1 s
    deadline = time.monotonic() + 30
    while True:  # polls the outcome; the cache must not outlive the disable time
        try:
            await read(h, name, 1, who="client")
        except grpc.aio.AioRpcError as err:
            assert err.code() == PRECONDITION and "disabled" in err.details()
            break
        assert time.monotonic() < deadline, "version 1 still readable 30 s after its overlap"
        await asyncio.sleep(0.05)
    await rotate(h, name, password=admin_pb.PasswordGenerator(), overlap=Duration(seconds=0))
    await rpc_error(read(h, name, 2), PRECONDITION, "VERSION_DISABLED")


async def test_generated_values_never_reach_logs_or_spans(
    h: Harness, unique: str, caplog: pytest.LogCaptureFixture, spans: InMemorySpanExporter
) -> None:
    name = f"v/open/{unique}"
    await put(h, name, clearPassword="p")
    caplog.set_level(logging.DEBUG)
    spans.clear()
    reply = await rotate(h, name, password=admin_pb.PasswordGenerator(length=64))
    await rpc_error(
        rotate(h, name, password=admin_pb.PasswordGenerator(), expected_version=1),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    generated = (await read(h, name)).secret.values["clearPassword"]
    assert len(generated) == 64
    assert generated not in str(reply) and generated not in caplog.text
    for span in spans.get_finished_spans():
        assert generated not in repr(dict(span.attributes or {})), span.name
    assert datetime.now(UTC).year >= 2025  # the clock the overlap relies on is sane
