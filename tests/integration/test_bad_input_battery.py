"""The bad-input battery: every text field of every RPC that names something, fed the
inputs an attacker or a broken client sends (NUL, controls, bidi overrides, look-alikes,
``..``, oversize), over real mutual TLS. Each case asserts its exact status, reason and
field, and the broker serves another caller and health afterwards. Results go to the
reliability report (battery ``bad-input``)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import grpc
import pytest
from google.protobuf.message import Message
from google.rpc import error_details_pb2
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from tests.conftest import Harness
from tests.integration.abuse import still_serves
from tests.integration.helpers import detail, rich_status, rpc_error
from tests.reliability import Recorder

BATTERY = "bad-input"
INVALID = grpc.StatusCode.INVALID_ARGUMENT

# Inputs refused in every name (secret, collection, prefix): the name rules are an
# ASCII allow-list (resources.proto).
NAMES = {
    "NUL": "connectors/a\x00b",
    "C0 control": "connectors/a\x07b",
    "C1 control": "connectors/a\x85b",
    "DEL": "connectors/a\x7fb",
    "newline": "connectors/a\nb",
    "bidi override": "connectors/\u202egnp.exe",
    "zero-width space": "connectors/ad\u200bmin",
    "Cyrillic look-alike": "connectors/\u0430dmin",
    "fullwidth solidus": "connectors\uff0fadmin",
    "dot-dot segment": "connectors/../admin",
    "dot segment": "connectors/./admin",
    "empty segment": "connectors//admin",
    "leading slash": "/connectors/admin",
    "trailing space": "connectors/admin ",
    "backslash": "connectors\\admin",
    "reserved prefix": "sys/collections/x",
    "513 bytes": "x" * 513,
    "33 segments": "/".join(["s"] * 33),
    "empty": "",
}
# Inputs refused in a user id or list/control name, which may be any printable text.
ENTITIES = {
    "NUL": "alice\x00",
    "C1 control": "alice\x85",
    "bidi override": "\u202eecila",
    "zero-width space": "ali\u200bce",
    "line separator": "alice\u2028bob",
    "257 bytes": "a" * 257,
}


@dataclass(frozen=True)
class Field:
    """One field of one RPC: how to build a request that puts ``value`` in it."""

    rpc: str
    name: str
    call: Callable[[Harness, str], Awaitable[Message]]
    reason: str


def _fields() -> list[Field]:
    def get(h: Harness, v: str) -> Awaitable[Message]:
        return h.broker_stub("client").GetSecret(pb.GetSecretRequest(name=v), timeout=10)

    def directory(field: str) -> Callable[[Harness, str], Awaitable[Message]]:
        def call(h: Harness, v: str) -> Awaitable[Message]:
            request = pb.GetUserDirectoryRequest(collection="corp/people")
            if field == "user_ids":
                request.user_ids.append(v)
            else:
                setattr(request, field, v)
            return h.broker_stub("authn").GetUserDirectory(request, timeout=10)

        return call

    def access(field: str) -> Callable[[Harness, str], Awaitable[Message]]:
        def call(h: Harness, v: str) -> Awaitable[Message]:
            request = pb.GetAccessListRequest(collection="corp/people", list_name="admins")
            setattr(request, field, v)
            return h.broker_stub("authn").GetAccessList(request, timeout=10)

        return call

    def put(h: Harness, v: str) -> Awaitable[Message]:
        request = admin_pb.PutSecretRequest(name=v, values={"k": "v"})
        return h.admin_stub().PutSecret(request, timeout=10)

    def delete(h: Harness, v: str) -> Awaitable[Message]:
        return h.admin_stub().DeleteSecret(admin_pb.DeleteSecretRequest(name=v), timeout=10)

    def listing(h: Harness, v: str) -> Awaitable[Message]:
        return h.admin_stub().ListSecrets(admin_pb.ListSecretsRequest(prefix=v), timeout=10)

    return [
        Field("GetSecret", "name", get, "NAME_INVALID"),
        Field("GetUserDirectory", "collection", directory("collection"), "NAME_INVALID"),
        Field("GetUserDirectory", "member_of", directory("member_of"), "FIELD_INVALID"),
        Field("GetUserDirectory", "user_ids", directory("user_ids"), "FIELD_INVALID"),
        Field("GetAccessList", "collection", access("collection"), "NAME_INVALID"),
        Field("GetAccessList", "list_name", access("list_name"), "FIELD_INVALID"),
        Field("GetAccessList", "control_name", access("control_name"), "FIELD_INVALID"),
        Field("PutSecret", "name", put, "NAME_INVALID"),
        Field("DeleteSecret", "name", delete, "NAME_INVALID"),
        Field("ListSecrets", "prefix", listing, "NAME_INVALID"),
    ]


FIELDS = _fields()


def _inputs(field: Field) -> dict[str, str]:
    inputs = dict(NAMES if field.reason == "NAME_INVALID" else ENTITIES)
    if field.rpc == "ListSecrets":
        del inputs["empty"]  # an empty prefix lists everything the caller may see
        inputs.pop("trailing space")  # a prefix may end anywhere, even in a segment
        inputs.pop("reserved prefix")  # admins may list sys/ (the collections' documents)
    if field.name in ("member_of", "list_name", "control_name", "user_ids"):
        inputs.pop("empty", None)
    return inputs


@pytest.mark.parametrize("field", FIELDS, ids=[f"{f.rpc}.{f.name}" for f in FIELDS])
async def test_every_bad_input_is_refused_with_its_field_named(
    harness: Harness, field: Field, reliability: Recorder
) -> None:
    for what, value in _inputs(field).items():
        err = await rpc_error(field.call(harness, value), INVALID, field.reason)
        violations = detail(rich_status(err), error_details_pb2.BadRequest)
        assert isinstance(violations, error_details_pb2.BadRequest), what
        reported = violations.field_violations[0].field
        assert reported == field.name or reported.startswith(f"{field.name}["), (what, reported)
        assert not value or value not in err.details(), what  # the input is not echoed
        reliability.record(
            BATTERY,
            f"{field.rpc}.{field.name}/{what}",
            f"INVALID_ARGUMENT/{field.reason}",
            inputs=1,
        )
    await still_serves(harness)


async def test_a_megabyte_name_is_message_too_large(
    harness: Harness, reliability: Recorder
) -> None:
    name = "connectors/" + "x" * (1024 * 1024)
    await rpc_error(
        harness.broker_stub("client").GetSecret(pb.GetSecretRequest(name=name), timeout=10),
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        "MESSAGE_TOO_LARGE",
    )
    reliability.record(
        BATTERY, "GetSecret.name/1 MiB", "RESOURCE_EXHAUSTED/MESSAGE_TOO_LARGE", inputs=1
    )
    await still_serves(harness)


async def test_a_batch_of_bad_names_answers_each_name(
    harness: Harness, reliability: Recorder
) -> None:
    names = list(NAMES.values())
    reply = await harness.broker_stub("client").BatchGetSecrets(
        pb.BatchGetSecretsRequest(names=names), timeout=10
    )
    assert [r.name for r in reply.results] == names
    assert {r.error.code for r in reply.results} == {INVALID.value[0]}
    reliability.record(
        BATTERY,
        f"BatchGetSecrets.names/{len(names)} bad names in one batch",
        "one INVALID_ARGUMENT/NAME_INVALID result per name",
        inputs=len(names),
    )
    await still_serves(harness)
