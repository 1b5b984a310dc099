"""Vault announces nothing: a broker polls the KV metadata of the names it caches or
watches (replication.poll_interval_seconds), so a version written by a plain Vault
user reaches its cache and its watchers."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

import pytest
import yaml
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from tests.brokerproc import BrokerProcess, write_config
from tests.pki import Pki
from tests.replicas import POLICY
from tests.servers import VaultServer

pytestmark = pytest.mark.slow
WAIT = 60.0


async def test_a_version_written_in_vault_reaches_cache_and_watchers(
    vault_server: VaultServer, pki: Pki, tmp_path: Path
) -> None:
    prefix = f"poll/{uuid.uuid4().hex}"
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    store = {"type": "vault", "url": vault_server.url, "token": vault_server.root_token,
             "path_prefix": prefix}  # fmt: skip
    config = write_config(
        tmp_path,
        pki,
        tmp_path / "policy.yaml",
        {"vault": store},
        cache={"default_ttl_seconds": 3600},
        replication={"poll_interval_seconds": {"vault": 0.5}},
    )
    broker = BrokerProcess(config, pki)
    try:
        admin = broker.admin()
        await admin.PutSecret(admin_pb.PutSecretRequest(name="rot/v", values={"k": "1"}))
        reader = broker_grpc.SecretsBrokerServiceStub(broker.channel("client"))
        first = await reader.GetSecret(pb.GetSecretRequest(name="rot/v"), timeout=WAIT)
        assert first.secret.version == 1  # cached for an hour
        stream = reader.WatchSecret(pb.WatchSecretRequest(names=["rot/v"]))
        event = await asyncio.wait_for(stream.read(), WAIT)
        assert event.version.secret.version == 1
        assert (await asyncio.wait_for(stream.read(), WAIT)).HasField("synced")

        kv = vault_server.client().secrets.kv.v2
        kv.create_or_update_secret(f"{prefix}/rot/v", {"k": "2"})  # a Vault user's write

        while not (event := await asyncio.wait_for(stream.read(), WAIT)).HasField("version"):
            pass
        assert event.version.secret.version == 2 and event.version.secret.values["k"] == "2"
        deadline = time.monotonic() + WAIT
        while (await reader.GetSecret(pb.GetSecretRequest(name="rot/v"))).secret.version != 2:
            assert time.monotonic() < deadline, "the cache kept version 1"
            await asyncio.sleep(0.05)
        stream.cancel()
    finally:
        await broker.close()
