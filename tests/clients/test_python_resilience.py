"""Retries against a real store outage, and the client-side cache's refresh_after."""

import socket
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from secretsbroker import RetryPolicy, SecretCache, Unavailable

from secrets_broker.api.transport import start_server
from secrets_broker.domain.crypto import create_master_key
from secrets_broker.ops.app import build_broker
from secrets_broker.ops.config import parse_config
from tests.clients.conftest import CANARY, Counter, MakeClient
from tests.conftest import POLICY, FakeClock, Harness
from tests.pki import Pki


def refused_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


@pytest.fixture
async def outage(pki: Pki, tmp_path: Path) -> AsyncIterator[Harness]:
    """A broker whose connectors/ route goes to a Vault that refuses connections."""
    create_master_key(tmp_path / "a.key")
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    doc = {
        "listen": "127.0.0.1:0",
        "tls": {
            "cert_file": str(pki.path("server")),
            "key_file": str(pki.key("server")),
            "client_ca_file": str(pki.path("ca")),
        },
        "policy_file": "policy.yaml",
        "stores": {
            "general": {"type": "sqlite", "path": "a.db", "master_key_file": "a.key"},
            "down": {"type": "vault", "url": refused_url(), "token": "t", "timeout_seconds": 5},
        },
        "routes": {"": "general", "connectors/": "down"},
        # These tests are about the client honouring the store's 1 s RetryInfo; an open
        # circuit breaker would answer with its own (the seconds until its next probe).
        "resilience": {"failure_threshold": 1000},
    }
    config = parse_config(doc, tmp_path)
    broker = build_broker(config)
    running = await start_server(broker, config.tls, config.listen, config.limits)
    h = Harness(pki, running, broker, clock=None)
    yield h
    await h.stop()


async def test_store_unavailable_is_retried_after_retry_info(
    outage: Harness, make_client: MakeClient
) -> None:
    counter = Counter()
    policy = RetryPolicy(max_attempts=2, initial_backoff_seconds=0.001)
    client = make_client(address=outage.address, retry=policy, interceptors=[counter])
    with pytest.raises(Unavailable) as caught:
        await client.get_secret("connectors/pg")
    err = caught.value
    assert (err.reason, err.retry_delay, err.from_broker) == (
        "STORE_UNAVAILABLE",
        timedelta(seconds=1),
        True,
    )
    assert counter.calls == 2  # the second attempt came after the broker's RetryInfo


async def test_no_retry_when_retry_info_outlasts_the_deadline(
    outage: Harness, make_client: MakeClient
) -> None:
    counter = Counter()
    client = make_client(address=outage.address, timeout_seconds=0.5, interceptors=[counter])
    with pytest.raises(Unavailable):
        await client.get_secret("connectors/pg")
    assert counter.calls == 1  # waiting the 1 s RetryInfo would pass the 0.5 s deadline


async def test_cache_keeps_a_secret_for_its_refresh_after(
    make_client: MakeClient, seeded: str
) -> None:
    clock, counter = FakeClock(), Counter()
    cache = SecretCache(clock=clock)
    client = make_client(cache=cache, interceptors=[counter])
    first = await client.get_secret(seeded)
    again = await client.get_secret(seeded)
    assert again is first and counter.calls == 1 and cache.hits == 1
    await make_client("admin").put_secret(seeded, {"userId": "v2"}, refresh_after_seconds=600)
    clock.advance(599)
    assert (await client.get_secret(seeded)).version == 1 and counter.calls == 1
    clock.advance(2)  # past refresh_after: ask the broker again
    assert (await client.get_secret(seeded)).version == 2 and counter.calls == 2
    # keys and versions are separate entries
    await client.get_secret(seeded, keys=["userId"])
    await client.get_secret(seeded, version=1)
    assert counter.calls == 4 and len(cache) == 3


async def test_cache_skips_secrets_without_a_refresh_hint(
    make_client: MakeClient, unique: str
) -> None:
    name = f"connectors/{unique}"
    await make_client("admin").put_secret(name, {"clearPassword": CANARY})
    counter = Counter()
    client = make_client(cache=SecretCache(clock=FakeClock()), interceptors=[counter])
    await client.get_secret(name)
    await client.get_secret(name)
    assert counter.calls == 2
    defaulted = make_client(cache=SecretCache(default_ttl_seconds=30, clock=FakeClock()))
    await defaulted.get_secret(name)
    assert defaulted.cache is not None and len(defaulted.cache) == 1
    assert CANARY not in repr(defaulted.cache.get((name, 0, ())))


async def test_writes_through_the_client_drop_its_cached_entries(
    make_client: MakeClient, seeded: str
) -> None:
    client = make_client("admin", cache=SecretCache(clock=FakeClock()))
    assert (await client.get_secret(seeded)).version == 1
    await client.put_secret(seeded, {"userId": "v2"}, refresh_after_seconds=600)
    assert (await client.get_secret(seeded)).version == 2
