"""WatchSecret through the real broker over mutual TLS (embedded store, one process)."""

import asyncio
from collections.abc import AsyncIterator

import grpc
import pytest
import yaml
from google.protobuf.duration_pb2 import Duration
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.ops.config import LimitsConfig
from tests.conftest import Harness, start_harness
from tests.integration.helpers import error_info, rich_status, rpc_error
from tests.pki import ADMIN_ID, CLIENT_ID, Pki

WAIT = 20.0  # seconds any single event may take on a loaded machine
MAX_WATCHES = 3
POLICY = {
    "grants": [
        {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
        {
            "identities": [CLIENT_ID],
            "rpcs": ["GetSecret", "WatchSecret"],
            "names": ["w/open/**", "myWatched"],
        },
    ],
    "bindings": [{"identities": [CLIENT_ID], "bind": {"myWatched": "w/open/bound"}}],
}


@pytest.fixture(scope="module")
async def h(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    data = tmp_path_factory.mktemp("watch")
    (data / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    limits = LimitsConfig(max_watches_per_identity=MAX_WATCHES)
    harness = await start_harness(pki, data, data / "policy.yaml", limits=limits)
    yield harness
    await harness.stop()


async def put(h: Harness, name: str, **values: str) -> int:
    reply = await h.admin_stub().PutSecret(admin_pb.PutSecretRequest(name=name, values=values))
    return reply.metadata.version


class Stream:
    """One WatchSecret call and the events read from it."""

    def __init__(self, h: Harness, who: str = "client", **fields: object) -> None:
        self.call = h.broker_stub(who).WatchSecret(pb.WatchSecretRequest(**fields))

    async def next(self, skip_heartbeats: bool = True) -> pb.WatchSecretResponse:
        while True:
            event = await asyncio.wait_for(self.call.read(), WAIT)
            assert event is not grpc.aio.EOF, "the stream ended"
            if not (skip_heartbeats and event.HasField("heartbeat")):
                return event

    async def until_synced(self) -> list[str]:
        """The initial events, described as 'name@version' or 'name:absent'."""
        seen = []
        while not (event := await self.next()).HasField("synced"):
            seen.append(describe(event))
        return seen

    def cancel(self) -> None:
        self.call.cancel()


def describe(event: pb.WatchSecretResponse) -> str:
    if event.HasField("version"):
        v = event.version
        return f"{v.name}@{v.secret.version}={','.join(sorted(v.secret.values.values()))}"
    if event.HasField("absent"):
        return f"{event.absent.name}:absent"
    return event.WhichOneof("event") or "?"


async def test_current_version_then_every_new_one_in_order(h: Harness, unique: str) -> None:
    a = f"w/open/{unique}/a"
    await put(h, a, k="1")
    stream = Stream(h, names=[a])
    assert await stream.until_synced() == [f"{a}@1=1"]
    for i in range(2, 6):
        await put(h, a, k=str(i))
    await h.admin_stub().RotateSecret(
        admin_pb.RotateSecretRequest(
            name=a, supplied=admin_pb.SuppliedValues(values={"k": "rotated"})
        )
    )
    got = [describe(await stream.next()) for _ in range(5)]
    assert got == [f"{a}@{i}={i}" for i in range(2, 6)] + [f"{a}@6=rotated"]
    await h.admin_stub().DeleteSecret(admin_pb.DeleteSecretRequest(name=a))
    assert describe(await stream.next()) == f"{a}:absent"
    await put(h, a, k="again")
    assert describe(await stream.next()) == f"{a}@7=again"
    stream.cancel()


async def test_forbidden_names_are_indistinguishable_from_missing_ones(
    h: Harness, unique: str
) -> None:
    opened, closed, missing = f"w/open/{unique}", f"w/closed/{unique}", f"w/open/{unique}-none"
    await put(h, opened, k="o1")
    await put(h, closed, k="c1")
    stream = Stream(h, names=[closed, opened, missing])
    assert await stream.until_synced() == [
        f"{closed}:absent",
        f"{opened}@1=o1",
        f"{missing}:absent",
    ]
    await put(h, closed, k="c2")  # never reported
    await h.admin_stub().DeleteSecret(admin_pb.DeleteSecretRequest(name=closed))
    await put(h, missing, k="m1")  # a missing name appears once it exists
    await put(h, opened, k="o2")
    assert [describe(await stream.next()) for _ in range(2)] == [
        f"{missing}@1=m1",
        f"{opened}@2=o2",
    ]
    stream.cancel()


async def test_resume_sends_every_version_after_the_last_one_received(
    h: Harness, unique: str
) -> None:
    a = f"w/open/{unique}"
    for i in range(1, 5):
        await put(h, a, k=str(i))
    stream = Stream(h, names=[a], resume_after={a: 1})
    assert await stream.until_synced() == [f"{a}@{i}={i}" for i in (2, 3, 4)]
    stream.cancel()
    stream = Stream(h, names=[a], resume_after={a: 4})  # up to date: nothing to send
    assert await stream.until_synced() == []
    await put(h, a, k="5")
    assert describe(await stream.next()) == f"{a}@5=5"
    stream.cancel()


async def test_prefix_watch_includes_names_created_later(h: Harness, unique: str) -> None:
    base = f"w/open/{unique}/"
    await put(h, base + "x", k="x1")
    await put(h, f"w/closed/{unique}/y", k="y1")
    stream = Stream(h, prefix=base)
    assert await stream.until_synced() == [f"{base}x@1=x1"]
    await put(h, f"{base}new", k="n1")
    await put(h, f"w/open/{unique}-sibling", k="s1")  # outside the prefix
    await put(h, base + "x", k="x2")
    assert [describe(await stream.next()) for _ in range(2)] == [f"{base}new@1=n1", f"{base}x@2=x2"]
    stream.cancel()


async def test_bindings_and_value_keys(h: Harness) -> None:
    await put(h, "w/open/bound", userId="u", clearPassword="p1")
    stream = Stream(h, names=["myWatched"], keys=["clearPassword"])
    first = await stream.next()
    assert first.version.name == "myWatched" and first.version.secret.name == "w/open/bound"
    assert dict(first.version.secret.values) == {"clearPassword": "p1"}
    stream.cancel()


async def test_heartbeats_while_nothing_changes(h: Harness, unique: str) -> None:
    a = f"w/open/{unique}"
    await put(h, a, k="1")
    stream = Stream(h, names=[a], heartbeat_interval=Duration(seconds=1))
    await stream.until_synced()
    beat = await stream.next(skip_heartbeats=False)
    assert beat.HasField("heartbeat") and beat.heartbeat.time.seconds > 0
    stream.cancel()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "names"),
        ({"names": ["a//b"]}, "names[0]"),
        ({"names": [f"n{i}" for i in range(101)]}, "names"),
        ({"names": ["w/open/a"], "resume_after": {"w/open/b": 1}}, "resume_after"),
        ({"names": ["w/open/a"], "resume_after": {"w/open/a": -1}}, "resume_after"),
        ({"names": ["w/open/a"], "heartbeat_interval": Duration(nanos=500)}, "heartbeat_interval"),
        (
            {"names": ["w/open/a"], "heartbeat_interval": Duration(seconds=301)},
            "heartbeat_interval",
        ),
        ({"names": ["w/open/a"], "keys": ["bad key"]}, "keys"),
    ],
)
async def test_requests_are_validated(h: Harness, fields: dict[str, object], field: str) -> None:
    stream = Stream(h, **fields)
    err = await rpc_error(stream.next(), grpc.StatusCode.INVALID_ARGUMENT, "NAME_INVALID"
                          if field == "names[0]" else "FIELD_INVALID")  # fmt: skip
    assert error_info(rich_status(err)).metadata["field"] == field


async def test_rights_and_limits(h: Harness, unique: str) -> None:
    stranger = Stream(h, who="stranger", names=["w/open/x"])
    await rpc_error(stranger.next(), grpc.StatusCode.PERMISSION_DENIED, "RPC_NOT_GRANTED")
    a = f"w/open/{unique}"
    await put(h, a, k="1")
    streams = [Stream(h, names=[a]) for _ in range(MAX_WATCHES)]
    for stream in streams:
        await stream.until_synced()
    extra = Stream(h, names=[a])
    err = await rpc_error(extra.next(), grpc.StatusCode.RESOURCE_EXHAUSTED, "CONCURRENCY_LIMITED")
    assert "watch streams" in err.details()
    streams.pop().cancel()
    deadline = asyncio.get_running_loop().time() + WAIT
    while h.running.guard.watches.open >= MAX_WATCHES:  # the server sees the cancel
        assert asyncio.get_running_loop().time() < deadline
        await asyncio.sleep(0.01)
    again = Stream(h, names=[a])
    assert await again.until_synced() == [f"{a}@1=1"]
    for stream in (*streams, again):
        stream.cancel()


async def test_a_stream_outlives_the_rpc_ceiling_and_holds_no_call_slot(
    pki: Pki, tmp_path_factory: pytest.TempPathFactory, unique: str
) -> None:
    data = tmp_path_factory.mktemp("ceiling")
    (data / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    limits = LimitsConfig(max_rpc_seconds=1.0)
    h = await start_harness(pki, data, data / "policy.yaml", limits=limits)
    try:
        a = f"w/open/{unique}"
        await put(h, a, k="1")
        stream = Stream(h, names=[a], heartbeat_interval=Duration(seconds=1))
        await stream.until_synced()
        for _ in range(3):  # three heartbeats: past the 1 s ceiling
            assert (await stream.next(skip_heartbeats=False)).HasField("heartbeat")
        assert h.running.guard.callers.in_flight == 0
        await put(h, a, k="2")
        assert describe(await stream.next()) == f"{a}@2=2"
        stream.cancel()
    finally:
        await h.stop()


async def test_server_stop_ends_streams_with_unavailable(
    pki: Pki, tmp_path_factory: pytest.TempPathFactory, unique: str
) -> None:
    data = tmp_path_factory.mktemp("stop")
    (data / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    h = await start_harness(pki, data, data / "policy.yaml")
    a = f"w/open/{unique}"
    await put(h, a, k="1")
    stream = Stream(h, names=[a])
    await stream.until_synced()
    stopping = asyncio.create_task(h.running.stop(30))
    await rpc_error(stream.next(), grpc.StatusCode.UNAVAILABLE, "SHUTTING_DOWN")
    await asyncio.wait_for(stopping, WAIT)  # well before the 30 s grace
    await h.close()
    await h.broker.store.close()
