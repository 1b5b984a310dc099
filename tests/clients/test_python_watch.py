"""The Python client's watch: an iterator that resumes by itself after the broker
restarts, with no version missed or repeated; and the version/rotation calls."""

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yaml
from secretsbroker import RetryPolicy, VersionDisabled, WatchEvent, aio, connect

from secrets_broker.domain.crypto import Envelope, load_master_key
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.sqlite import SqliteStore
from tests.conftest import Harness, start_harness
from tests.pki import ADMIN_ID, CLIENT_ID, Pki

WAIT = 30.0
POLICY = {
    "grants": [
        {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
        {"identities": [CLIENT_ID], "rpcs": ["GetSecret", "WatchSecret"], "names": ["w/**"]},
    ]
}


@pytest.fixture
async def data(tmp_path: Path) -> Path:
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    return tmp_path


def tls(pki: Pki, who: str) -> dict[str, Path]:
    return {"ca": pki.path("ca"), "cert": pki.path(who), "key": pki.key(who)}


async def next_version(events: AsyncIterator[WatchEvent]) -> int:
    async with asyncio.timeout(WAIT):
        async for event in events:
            if event.kind == "version" and event.secret is not None:
                return event.secret.version
    raise AssertionError("the iterator ended")


async def test_the_async_watch_resumes_across_a_broker_restart(data: Path, pki: Pki) -> None:
    h: Harness = await start_harness(pki, data, data / "policy.yaml")
    address = h.address
    admin = aio.connect(address, **tls(pki, "admin"))
    client = aio.connect(address, **tls(pki, "client"))
    quick = RetryPolicy(max_attempts=100, initial_backoff_seconds=0.05, max_backoff_seconds=0.2)
    try:
        await admin.put_secret("w/x", {"k": "1"})
        events = client.watch(["w/x"], reconnect=quick)
        assert await next_version(events) == 1
        await admin.put_secret("w/x", {"k": "2"})
        assert await next_version(events) == 2
        await h.stop()  # the stream breaks (UNAVAILABLE); the client keeps trying
        key = Envelope(load_master_key(data / "master.key"))
        store = SqliteStore(data / "store.db", key)
        for value in ("3", "4"):  # written while no broker runs: no notice anywhere
            await store.put(SecretName.parse("w/x"), SecretContent({"k": SecretValue(value)}))
        await store.close()
        h = await start_harness(pki, data, data / "policy.yaml", listen=address)
        await admin.put_secret("w/x", {"k": "5"})
        got = [await next_version(events) for _ in range(3)]
        assert got == [3, 4, 5]  # resumed after 2: nothing missed, nothing twice
        await events.aclose()
    finally:
        await admin.close()
        await client.close()
        await h.stop()


async def test_errors_that_a_reconnect_cannot_fix_end_the_iteration(data: Path, pki: Pki) -> None:
    from secretsbroker import PermissionDenied

    h = await start_harness(pki, data, data / "policy.yaml")
    stranger = aio.connect(h.address, **tls(pki, "stranger"))
    try:
        with pytest.raises(PermissionDenied):
            await anext(stranger.watch(["w/x"]))
    finally:
        await stranger.close()
        await h.stop()


async def test_sync_client_versions_rotation_and_watch(data: Path, pki: Pki) -> None:
    h = await start_harness(pki, data, data / "policy.yaml")
    address = h.address

    def scenario() -> list[int]:
        with (
            connect(address, **tls(pki, "admin")) as admin,
            connect(address, **tls(pki, "client")) as client,
        ):
            admin.put_secret("w/s", {"userId": "u", "clearPassword": "p"})
            rotation = admin.rotate_secret("w/s", password_length=20, overlap_seconds=0)
            assert rotation.metadata.version == 2 and rotation.previous_version == 1
            assert rotation.previous_disable_time is not None
            with pytest.raises(VersionDisabled):
                client.get_secret("w/s", version=1)
            assert len(client.get_secret("w/s").reveal("clearPassword")) == 20
            states = [(v.version, v.state) for v in admin.list_secret_versions_page("w/s")[0]]
            assert states == [(2, "enabled"), (1, "disabled")]
            assert admin.enable_secret_version("w/s", 1).state == "enabled"
            assert admin.destroy_secret_version("w/s", 1).state == "destroyed"
            seen = []
            for event in client.watch(["w/s"]):
                if event.kind == "version" and event.secret is not None:
                    seen.append(event.secret.version)
                    if len(seen) == 1:
                        admin.rotate_secret("w/s", random_bytes=(16, "hex"), key="apiKey")
                    else:
                        return seen
            return seen

    result: list[list[int]] = []
    thread = threading.Thread(target=lambda: result.append(scenario()))
    thread.start()
    try:
        async with asyncio.timeout(WAIT * 2):
            while thread.is_alive():
                await asyncio.sleep(0.05)
    finally:
        thread.join(WAIT)
        await h.stop()
    assert result == [[2, 3]]
