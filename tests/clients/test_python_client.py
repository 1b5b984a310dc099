"""The Python client against a real broker over mTLS: typed results, typed errors,
hidden values, deadlines and retries. Sync calls run in a worker thread, so the
in-process broker keeps serving on the event loop."""

import asyncio
import datetime
import random
import socket
from collections.abc import AsyncIterator
from datetime import timedelta

import grpc
import pytest
import secretsbroker
from google.protobuf.json_format import MessageToDict
from secretsbroker import (
    BrokerError,
    CasMismatch,
    CollectionNotFound,
    DataCorrupt,
    DeadlineExceeded,
    EntryNotFound,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    RetryPolicy,
    SecretNotFound,
    Unavailable,
)
from secretsbroker.crc import data_crc32c
from secretsbroker.v1 import resources_pb2 as pb
from secretsbroker.values import Secret

from tests.clients.conftest import CANARY, Counter, MakeClient
from tests.conftest import Harness

FAST = RetryPolicy(max_attempts=3, initial_backoff_seconds=0.001, max_backoff_seconds=0.005)


def closed_port() -> str:
    """An address where nothing listens (connections are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{s.getsockname()[1]}"


async def test_get_secret_is_typed_and_hides_its_values(
    make_client: MakeClient, seeded: str
) -> None:
    secret = await make_client().get_secret(seeded)
    assert secret.name == seeded and secret.version == 1
    assert secret.reveal("clearPassword") == CANARY
    assert secret.values["userId"].reveal() == "svc"
    assert secret.refresh_after == timedelta(seconds=600)
    assert secret.labels == {"team": "data"}
    assert secret.create_time is not None and secret.create_time.tzinfo == datetime.UTC
    plain = {k: v.reveal() for k, v in secret.values.items()}
    assert secret.data_crc32c == data_crc32c(plain) != 0
    for text in (repr(secret), str(secret), f"{secret}", str(secret.values), str(secret.proto)):
        assert CANARY not in text
    assert str(secret.values["clearPassword"]) == "***"
    assert f"{secret.values['clearPassword']:>10}" == "***"


async def test_key_subset_and_older_version(make_client: MakeClient, seeded: str) -> None:
    admin, client = make_client("admin"), make_client()
    await admin.put_secret(seeded, {"userId": "svc2"}, expected_version=1)
    latest = await client.get_secret(seeded, keys=["userId", "noSuchKey"])
    assert {k: v.reveal() for k, v in latest.values.items()} == {"userId": "svc2"}
    first = await client.get_secret(seeded, version=1, keys=["clearPassword"])
    assert first.version == 1 and first.reveal("clearPassword") == CANARY


async def test_sync_client_reads_the_same(harness: Harness, seeded: str) -> None:
    pki = harness.pki

    def read() -> Secret:
        with secretsbroker.connect(
            harness.address, ca=pki.path("ca"), cert=pki.path("client"), key=pki.key("client")
        ) as client:
            return client.get_secret(seeded)

    secret = await asyncio.to_thread(read)
    assert secret.reveal("clearPassword") == CANARY and secret.version == 1


@pytest.mark.parametrize(
    ("who", "name", "keys", "cls", "code", "reason", "field"),
    [
        ("client", "connectors/none-here", (), SecretNotFound, "NOT_FOUND", "SECRET_NOT_FOUND", ""),
        # exists (seeded below) but "client" may only read connectors/** and shared/*
        ("client", "elsewhere/hidden", (), SecretNotFound, "NOT_FOUND", "SECRET_NOT_FOUND", ""),
        ("client", "a//b", (), InvalidArgument, "INVALID_ARGUMENT", "NAME_INVALID", "name"),
        (
            "client",
            "connectors/x",
            ("bad key!",),
            InvalidArgument,
            "INVALID_ARGUMENT",
            "FIELD_INVALID",
            "keys",
        ),
        (
            "stranger",
            "connectors/x",
            (),
            PermissionDenied,
            "PERMISSION_DENIED",
            "RPC_NOT_GRANTED",
            "",
        ),
    ],
)
async def test_errors_are_typed_by_reason(
    make_client: MakeClient,
    who: str,
    name: str,
    keys: tuple[str, ...],
    cls: type[BrokerError],
    code: str,
    reason: str,
    field: str,
) -> None:
    await make_client("admin").put_secret("elsewhere/hidden", {"clearPassword": CANARY})
    with pytest.raises(cls) as caught:
        await make_client(who).get_secret(name, keys=keys)
    err = caught.value
    assert (err.code.name, err.reason, err.field) == (code, reason, field)
    assert err.from_broker and isinstance(err, BrokerError)
    assert CANARY not in str(err) and CANARY not in repr(err)


async def test_directory_and_access_list_errors(make_client: MakeClient) -> None:
    authn, client = make_client("authn"), make_client()
    with pytest.raises(CollectionNotFound) as missing:
        await authn.get_user_directory("corp/none-here")
    assert missing.value.reason == "COLLECTION_NOT_FOUND" and isinstance(missing.value, NotFound)
    await make_client("admin").import_collections(
        "secretsCollections:\n  corp/typed:\n    users: {ann: {userName: ann}}\n"
    )
    with pytest.raises(EntryNotFound):
        await authn.get_access_list("corp/typed", list_name="none-here")
    with pytest.raises(PermissionDenied) as denied:
        await client.get_user_directory("corp/typed", include_credentials=True)
    assert denied.value.reason == "RPC_NOT_GRANTED"
    page = await authn.get_user_directory("corp/typed")
    assert [u.user_id for u in page.users] == ["ann"] and page.total_size == 1


async def test_stale_put_is_cas_mismatch(make_client: MakeClient, seeded: str) -> None:
    with pytest.raises(CasMismatch) as caught:
        await make_client("admin").put_secret(seeded, {"userId": "x"}, expected_version=7)
    assert caught.value.code == grpc.StatusCode.ABORTED and caught.value.reason == "CAS_MISMATCH"
    assert (await make_client().get_secret(seeded)).version == 1  # nothing written


async def test_batch_items_carry_typed_errors(make_client: MakeClient, seeded: str) -> None:
    items = await make_client().batch_get_secrets([seeded, "connectors/none-here", "x//y"])
    assert [i.name for i in items] == [seeded, "connectors/none-here", "x//y"]
    assert items[0].secret is not None and items[0].secret.reveal("clearPassword") == CANARY
    assert isinstance(items[1].error, SecretNotFound)
    assert isinstance(items[2].error, InvalidArgument) and items[2].error.field == "names[2]"
    assert CANARY not in repr(items)


async def test_unavailable_is_retried_then_raised(make_client: MakeClient) -> None:
    counter = Counter()
    client = make_client(address=closed_port(), retry=FAST, interceptors=[counter])
    with pytest.raises(Unavailable) as caught:
        await client.get_secret("connectors/x")
    assert counter.calls == 3
    assert caught.value.reason == "" and not caught.value.from_broker


async def test_writes_are_retried_only_when_asked(make_client: MakeClient) -> None:
    address = closed_port()
    once, thrice = Counter(), Counter()
    with pytest.raises(Unavailable):
        await make_client("admin", address, retry=FAST, interceptors=[once]).put_secret(
            "a/b", {"k": "v"}
        )
    with pytest.raises(Unavailable):
        await make_client(
            "admin", address, retry=FAST, retry_writes=True, interceptors=[thrice]
        ).put_secret("a/b", {"k": "v"})
    assert (once.calls, thrice.calls) == (1, 3)


async def test_other_codes_are_not_retried(make_client: MakeClient) -> None:
    counter = Counter()
    with pytest.raises(SecretNotFound):
        await make_client(retry=FAST, interceptors=[counter]).get_secret("connectors/none")
    assert counter.calls == 1


@pytest.fixture
async def silent_server() -> AsyncIterator[str]:
    """Accepts TCP connections and never answers the TLS handshake."""
    held: list[asyncio.StreamWriter] = []

    async def hold(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    yield f"127.0.0.1:{server.sockets[0].getsockname()[1]}"
    for writer in held:
        writer.close()
    server.close()
    await server.wait_closed()


async def test_every_call_has_a_deadline(make_client: MakeClient, silent_server: str) -> None:
    client = make_client(address=silent_server, timeout_seconds=0.3)
    with pytest.raises(DeadlineExceeded) as caught:
        await client.get_secret("connectors/x")  # no timeout given: the client's default
    assert caught.value.code == grpc.StatusCode.DEADLINE_EXCEEDED


def test_backoff_is_jittered_bounded_and_honours_retry_info() -> None:
    rng = random.Random(7)  # noqa: S311 - jitter, not a secret
    policy = RetryPolicy(initial_backoff_seconds=0.1, max_backoff_seconds=0.3, rng=rng)
    plain = BrokerError(grpc.StatusCode.UNAVAILABLE, "down")
    for attempt, ceiling in ((1, 0.1), (2, 0.2), (3, 0.3), (4, 0.3)):
        waits = [policy.backoff(attempt, plain) for _ in range(200)]
        assert all(0 <= w <= ceiling for w in waits) and len(set(waits)) > 100
    told = BrokerError(grpc.StatusCode.UNAVAILABLE, "down", retry_delay=timedelta(seconds=5))
    assert policy.backoff(1, told) == 5.0


def test_a_corrupt_secret_is_data_corrupt() -> None:
    """A broker cannot be made to send one; a tampered message stands in."""
    values = {"userId": "u", "clearPassword": CANARY}
    message = pb.Secret(name="a/b", values=values, version=1, data_crc32c=data_crc32c(values) ^ 1)
    with pytest.raises(DataCorrupt) as caught:
        Secret.from_proto(message, complete=True)
    assert caught.value.reason == "DATA_CORRUPT" and CANARY not in str(caught.value)
    assert Secret.from_proto(message, complete=False).version == 1  # a subset cannot be checked


def test_the_error_table_covers_the_broker_catalogue() -> None:
    from secretsbroker.errors import CLASS_OF_REASON

    from secrets_broker.api.status import STATUS_OF
    from secrets_broker.domain import errors as domain

    assert set(CLASS_OF_REASON) == set(domain.REASONS)
    codes = {cls.__name__: code for cls, code in STATUS_OF.items()}
    codes["BrokerError"] = grpc.StatusCode.INTERNAL
    for reason, family in domain.REASONS.items():
        assert CLASS_OF_REASON[reason].family_code == codes[family], reason


async def test_from_env_reads_the_cli_variables(
    harness: Harness, seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pki = harness.pki
    monkeypatch.setenv("SECRETS_BROKER_ADDRESS", harness.address)
    monkeypatch.setenv("SECRETS_BROKER_CA", str(pki.path("ca")))
    monkeypatch.setenv("SECRETS_BROKER_CERT", str(pki.path("client")))
    monkeypatch.setenv("SECRETS_BROKER_KEY", str(pki.key("client")))
    async with secretsbroker.aio.from_env() as client:
        assert (await client.get_secret(seeded)).reveal("userId") == "svc"
    monkeypatch.delenv("SECRETS_BROKER_KEY")
    with pytest.raises(ValueError, match="SECRETS_BROKER_KEY"):
        secretsbroker.from_env()


async def test_results_keep_their_message(make_client: MakeClient, seeded: str) -> None:
    secret = await make_client().get_secret(seeded)
    assert MessageToDict(secret.proto)["values"]["clearPassword"] == CANARY
