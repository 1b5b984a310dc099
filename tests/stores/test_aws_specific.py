"""What the AWS Secrets Manager store does beyond the Store contract: secrets written by
other tools, AWS's staging labels, names AWS cannot spell, failures and configuration.

Runs against moto's standalone server (see tests/conformance/backends/aws.py).
"""

from __future__ import annotations

import base64
import json
import logging
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from botocore.stub import Stubber

from secrets_broker.domain.errors import (
    Aborted,
    ConfigError,
    DataLoss,
    InvalidArgument,
    NotFound,
    Unavailable,
)
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.aws import (
    AwsSecretsManagerStore,
    decode_name,
    encode_name,
    token_version,
    version_token,
)
from secrets_broker.stores.registry import open_store
from tests.conformance.backends.aws import (
    boto_client,
    moto_endpoint,  # noqa: F401 -- the session fixture
    store_options,
    unique_prefix,
)

N = SecretName.parse
LOGGER = "secrets_broker.stores.aws"


def content(**values: str) -> SecretContent:
    return SecretContent(values={k: SecretValue(v) for k, v in values.items()})


def plain(secret: Any) -> dict[str, str]:
    return {k: v.reveal() for k, v in secret.content.values.items()}


class Env:
    """A store under a fresh prefix, and a raw boto3 client on the same server."""

    def __init__(self, endpoint: str) -> None:
        self.prefix = unique_prefix()
        self.store = AwsSecretsManagerStore.from_config(store_options(endpoint, self.prefix))
        self.boto = boto_client(endpoint)

    def aws(self, name: str) -> str:
        return self.prefix + encode_name(name)


@pytest.fixture
async def env(moto_endpoint: str) -> AsyncIterator[Env]:  # noqa: F811
    e = Env(moto_endpoint)
    yield e
    await e.store.close()
    e.boto.close()


# --- secrets written by other tools ---------------------------------------------------


async def test_reads_a_plain_json_object_and_stringifies_non_strings(env: Env) -> None:
    rds = {"username": "app", "password": "pw", "port": 5432, "ssl": True, "opts": {"a": 1}}
    env.boto.create_secret(Name=env.aws("db/rds"), SecretString=json.dumps(rds))
    got = await env.store.get(N("db/rds"))
    assert got.version == 1 and got.create_time == got.update_time
    assert plain(got) == {
        "username": "app",
        "password": "pw",
        "port": "5432",
        "ssl": "true",
        "opts": '{"a":1}',
    }
    assert await env.store.versions(N("db/rds")) == [1]
    assert (await env.store.get(N("db/rds"), 1)).etag == got.etag
    [meta] = await env.store.list("db/", 10)
    assert meta.keys == ("opts", "password", "port", "ssl", "username")


@pytest.mark.parametrize("text", ["hunter2", "not {json", "[1, 2]", '"quoted"', "null"])
async def test_reads_non_object_text_as_one_value(env: Env, text: str) -> None:
    env.boto.create_secret(Name=env.aws("legacy/token"), SecretString=text)
    assert plain(await env.store.get(N("legacy/token"))) == {"value": text}


async def test_reads_secret_binary_as_base64(env: Env) -> None:
    blob = bytes(range(256))
    env.boto.create_secret(Name=env.aws("certs/keystore"), SecretBinary=blob)
    got = await env.store.get(N("certs/keystore"))
    assert plain(got) == {"binary": base64.b64encode(blob).decode()}
    assert base64.b64decode(got.content.values["binary"].reveal()) == blob


async def test_broker_writes_over_a_foreign_secret(env: Env) -> None:
    env.boto.create_secret(Name=env.aws("mixed"), SecretString='{"k": "foreign"}')
    meta = await env.store.put(N("mixed"), content(k="broker"), expected_version=1)
    assert meta.version == 2
    assert plain(await env.store.get(N("mixed"), 2)) == {"k": "broker"}
    assert await env.store.versions(N("mixed")) == [2]  # the foreign one has no number now


# --- versions and staging labels ------------------------------------------------------


async def test_staging_labels_binary_on_top_and_numbering(env: Env) -> None:
    for value in ("one", "two", "three"):
        await env.store.put(N("labels"), content(k=value))
    listed = env.boto.list_secret_version_ids(SecretId=env.aws("labels"), IncludeDeprecated=True)
    stages = {
        token_version(env.aws("labels"), v["VersionId"]): v.get("VersionStages", [])
        for v in listed["Versions"]
    }
    assert stages == {3: ["AWSCURRENT"], 2: ["AWSPREVIOUS"], 1: []}
    assert plain(await env.store.get(N("labels"), 1)) == {"k": "one"}  # unlabelled, kept

    # Another tool puts a binary version: the broker numbers it past its own.
    env.boto.put_secret_value(SecretId=env.aws("labels"), SecretBinary=b"\x00\xff")
    current = await env.store.get(N("labels"))
    assert current.version == 4 and plain(current) == {"binary": "AP8="}
    assert (await env.store.get(N("labels"), 4)).etag == current.etag
    assert plain(await env.store.get(N("labels"), 3)) == {"k": "three"}
    assert await env.store.versions(N("labels")) == [1, 2, 3, 4]

    meta = await env.store.put(N("labels"), content(k="five"), expected_version=4)
    assert meta.version == 5
    previous = env.boto.get_secret_value(SecretId=env.aws("labels"), VersionStage="AWSPREVIOUS")
    assert previous["SecretBinary"] == b"\x00\xff"
    with pytest.raises(NotFound):
        await env.store.get(N("labels"), 4)
    assert await env.store.versions(N("labels")) == [1, 2, 3, 5]


def test_version_tokens_are_uuids_that_name_their_version() -> None:
    token = version_token("p/name", 7)
    assert len(token) == 36 and token.endswith("000000000007")
    assert token == version_token("p/name", 7) != version_token("p/other", 7)
    assert token_version("p/name", token) == 7
    assert token_version("p/other", token) is None
    assert token_version("p/name", "a1b2c3d4-0000-4000-8000-000000000007") is None
    assert token_version("p/name", "not-a-uuid") is None


async def test_version_ids_are_the_deterministic_tokens(env: Env) -> None:
    await env.store.put(N("tok"), content(k="1"))
    got = env.boto.get_secret_value(SecretId=env.aws("tok"))
    assert got["VersionId"] == version_token(env.aws("tok"), 1)
    assert json.loads(got["SecretString"])["brokerVersion"] == 1


# --- deletion -------------------------------------------------------------------------


async def test_name_scheduled_for_deletion_by_others_is_absent_then_restored(env: Env) -> None:
    await env.store.put(N("soft"), content(k="1"))
    await env.store.put(N("soft"), content(k="2"))
    env.boto.delete_secret(SecretId=env.aws("soft"), RecoveryWindowInDays=7)
    with pytest.raises(NotFound):
        await env.store.get(N("soft"))
    with pytest.raises(NotFound):
        await env.store.get(N("soft"), 1)
    with pytest.raises(NotFound):
        await env.store.versions(N("soft"))
    with pytest.raises(NotFound):
        await env.store.delete(N("soft"))
    assert await env.store.list("", 10) == []
    with pytest.raises(Aborted):  # absent to the caller, so not at version 2
        await env.store.put(N("soft"), content(k="x"), expected_version=2)

    meta = await env.store.put(N("soft"), content(k="3"), expected_version=0)
    assert meta.version == 3  # restored, numbering goes on
    assert plain(await env.store.get(N("soft"))) == {"k": "3"}
    assert await env.store.versions(N("soft")) == [1, 2, 3]


async def test_delete_is_immediate_and_a_new_put_starts_afresh(env: Env) -> None:
    await env.store.put(N("hard"), content(k="1"))
    await env.store.delete(N("hard"))
    assert env.boto.list_secrets(IncludePlannedDeletion=True, Filters=[
        {"Key": "name", "Values": [env.aws("hard")]}
    ])["SecretList"] == []  # fmt: skip
    meta = await env.store.put(N("hard"), content(k="again"), expected_version=0)
    assert meta.version == 1 and await env.store.versions(N("hard")) == [1]


# --- integrity ------------------------------------------------------------------------


async def test_tampered_or_copied_records_are_data_loss(env: Env) -> None:
    await env.store.put(N("orig"), content(k="right"))
    record = json.loads(env.boto.get_secret_value(SecretId=env.aws("orig"))["SecretString"])
    record["doc"]["values"]["k"] = "wrong-but-secret"
    env.boto.put_secret_value(
        SecretId=env.aws("orig"),
        SecretString=json.dumps(record),
        ClientRequestToken=version_token(env.aws("orig"), 2),
    )
    with pytest.raises(DataLoss) as failed:
        await env.store.get(N("orig"))
    assert "wrong-but-secret" not in str(failed.value)

    good = env.boto.get_secret_value(
        SecretId=env.aws("orig"), VersionId=version_token(env.aws("orig"), 1)
    )
    env.boto.create_secret(Name=env.aws("copy"), SecretString=good["SecretString"])
    with pytest.raises(DataLoss):
        await env.store.get(N("copy"))

    env.boto.create_secret(
        Name=env.aws("broken"),
        SecretString='{"brokerVersion": 1, "doc": {"values": 5}}',
        ClientRequestToken=version_token(env.aws("broken"), 1),
    )
    with pytest.raises(DataLoss):
        await env.store.get(N("broken"))


async def test_content_over_the_aws_size_limit_is_invalid(env: Env) -> None:
    with pytest.raises(InvalidArgument):
        await env.store.put(N("huge"), content(a="x" * 40_000, b="y" * 40_000))
    with pytest.raises(NotFound):
        await env.store.get(N("huge"))


# --- names ----------------------------------------------------------------------------


def test_name_encoding_is_reversible_and_keeps_prefixes() -> None:
    raw = "PostgreSQL Server:LocalPostgreSQL1/a=b (x)#!&~,"
    encoded = encode_name(raw)
    assert set(encoded) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+=.@-"
    )
    assert decode_name(encoded) == SecretName.parse(raw)
    assert encoded.startswith(encode_name("PostgreSQL Server:"))
    assert encode_name("connectors/postgres-prod") == "connectors/postgres-prod"
    for foreign in ("a=4", "a=zz", "a=41", "a b", "a//b", "=2E=2E/x"):
        assert decode_name(foreign) is None


async def test_names_outside_the_aws_alphabet_roundtrip_and_list(env: Env) -> None:
    names = ["PostgreSQL Server:LocalPostgreSQL1", "PostgreSQL Server:Local(2)", "plain/x"]
    for name in names:
        await env.store.put(N(name), content(k=name))
    assert [m.name.value for m in await env.store.list("PostgreSQL Server:", 10)] == sorted(
        names[:2]
    )
    assert plain(await env.store.get(N(names[1]))) == {"k": names[1]}
    env.boto.describe_secret(SecretId=env.aws(names[0]))  # stored under the escaped name


async def test_list_skips_names_the_broker_cannot_address_and_other_prefixes(
    env: Env,
    moto_endpoint: str,  # noqa: F811
) -> None:
    env.boto.create_secret(Name=env.prefix + "odd=zz", SecretString="x")
    env.boto.create_secret(Name=unique_prefix() + "elsewhere", SecretString="x")
    await env.store.put(N("mine"), content(k="1"))
    assert [m.name.value for m in await env.store.list("", 100)] == ["mine"]
    unprefixed = AwsSecretsManagerStore.from_config(store_options(moto_endpoint, ""))
    try:
        assert N(env.prefix + "mine") in {m.name for m in await unprefixed.list(env.prefix, 10)}
    finally:
        await unprefixed.close()


# --- failures -------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_unreachable_endpoint_is_unavailable(caplog: pytest.LogCaptureFixture) -> None:
    options = store_options(f"http://127.0.0.1:{closed_port()}", "", connect_timeout_ms=500)
    store = AwsSecretsManagerStore.from_config(options)
    caplog.set_level(logging.WARNING, LOGGER)
    try:
        with pytest.raises(Unavailable):
            await store.get(N("any"))
        with pytest.raises(Unavailable):
            await store.put(N("any"), content(k="never-logged"))
        with pytest.raises(Unavailable):
            await store.list("", 10)
    finally:
        await store.close()
    assert any("unreachable" in r.getMessage() for r in caplog.records)
    assert "never-logged" not in caplog.text


@pytest.mark.parametrize(
    "code", ["AccessDeniedException", "UnrecognizedClientException", "ExpiredTokenException"]
)
async def test_refused_credentials_are_unavailable_and_logged(
    code: str, caplog: pytest.LogCaptureFixture
) -> None:
    client = boto_client(f"http://127.0.0.1:{closed_port()}")
    store = AwsSecretsManagerStore(client)
    stub = Stubber(client)
    stub.add_client_error("get_secret_value", service_error_code=code, http_status_code=400)
    caplog.set_level(logging.ERROR, LOGGER)
    with stub, pytest.raises(Unavailable) as failed:
        await store.get(N("conn/x"))
    assert "credentials" in str(failed.value) and code not in str(failed.value)
    assert [r.name for r in caplog.records if code in r.getMessage()] == [LOGGER]
    await store.close()


# --- configuration --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"region": "us-east-1", "bucket": "x"}, "bucket"),
        ({"region": "us-east-1", "max_attempts": 0}, "max_attempts"),
        ({"region": "us-east-1", "read_timeout_ms": "5"}, "read_timeout_ms"),
        ({"region": 5}, "region"),
        ({"region": "us-east-1", "access_key_id": "a"}, "secret_access_key"),
        ({"region": "us-east-1", "name_prefix": "bad prefix/"}, "name_prefix"),
        ({"region": "us-east-1", "profile": "no-such-profile-here"}, "no-such-profile-here"),
    ],
)
def test_bad_options_stop_start_up_naming_the_option(options: dict[str, Any], named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        AwsSecretsManagerStore.from_config(options)


async def test_registered_under_its_entry_point() -> None:
    store = open_store("aws", store_options(f"http://127.0.0.1:{closed_port()}", "p/"))
    assert isinstance(store, AwsSecretsManagerStore)
    await store.close()
    with pytest.raises(ConfigError, match="'colour'"):
        open_store("aws", {"colour": "blue"})
