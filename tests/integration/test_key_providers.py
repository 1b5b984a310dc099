"""Envelope encryption against the real key services: an OpenBao Transit engine and
moto's KMS server. Write under KEK v1, rotate, re-wrap while reading, kill ``rekey``
halfway and resume it, copy the database away from its provider."""

import asyncio
import os
import re
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml

from secrets_broker.domain.errors import ConfigError, Unavailable
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.rekey import rekey_store
from secrets_broker.stores.postgres import PostgresStore
from secrets_broker.stores.sqlite import SqliteStore
from tests.conformance.backends.vault import running_server
from tests.conftest import FakeClock
from tests.servers import (
    MOTO_CREDENTIALS,
    MOTO_REGION,
    PgServer,
    VaultServer,
    free_port,
    running_openbao,
)

CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]
SECRETS = {f"app/s{i}": 1 + i % 3 for i in range(12)}  # name -> versions (1 to 3)


def canary(name: str, version: int) -> str:
    return f"canary-{name}-v{version}"


def content(name: str, version: int) -> SecretContent:
    return SecretContent(values={"clearPassword": SecretValue(canary(name, version))})


@dataclass
class KeyService:
    """One provider kind on its real server: the section a store names, the KEK version
    the server holds now, and a provider section for a server that lacks the key."""

    kind: str
    section: dict[str, Any]
    current: Callable[[], str]
    elsewhere: Callable[[], AbstractContextManager[dict[str, Any]]]
    unreachable: dict[str, Any]


def transit_service(server: VaultServer) -> KeyService:
    mount = f"transit-{uuid.uuid4().hex[:8]}"
    client = server.client()
    client.sys.enable_secrets_engine("transit", path=mount)
    client.secrets.transit.create_key("broker", mount_point=mount)
    section = {"type": "vault-transit", "url": server.url, "token": server.root_token,
               "mount": mount, "key": "broker", "timeout_seconds": 5}  # fmt: skip

    def current() -> str:
        key = client.secrets.transit.read_key("broker", mount_point=mount)
        return f"vault-transit:{mount}/broker:v{key['data']['latest_version']}"

    @contextmanager
    def elsewhere() -> Iterator[dict[str, Any]]:
        """Another OpenBao with a Transit key of the same mount and name."""
        with running_openbao() as other:
            c = other.client()
            c.sys.enable_secrets_engine("transit", path=mount)
            c.secrets.transit.create_key("broker", mount_point=mount)
            yield {**section, "url": other.url, "token": other.root_token}

    unreachable = {**section, "url": f"http://127.0.0.1:{free_port()}"}
    return KeyService("vault-transit", section, current, elsewhere, unreachable)


def kms_client(endpoint: str, region: str = MOTO_REGION) -> Any:
    return boto3.client(
        "kms",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=MOTO_CREDENTIALS["access_key_id"],
        aws_secret_access_key=MOTO_CREDENTIALS["secret_access_key"],
    )


def kms_section(endpoint: str, alias: str, region: str = MOTO_REGION) -> dict[str, Any]:
    return {"type": "aws-kms", "key_id": alias, "endpoint_url": endpoint, "region": region,
            **MOTO_CREDENTIALS, "connect_timeout_ms": 2000, "max_attempts": 1}  # fmt: skip


def kms_service(endpoint: str) -> KeyService:
    alias = f"alias/sb-{uuid.uuid4().hex[:8]}"
    kms = kms_client(endpoint)
    kms.create_alias(AliasName=alias, TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])

    @contextmanager
    def elsewhere() -> Iterator[dict[str, Any]]:
        """Another KMS (another region: moto keeps one state per process) with a key
        behind the same alias."""
        other = kms_client(endpoint, "eu-west-1")
        other.create_alias(AliasName=alias, TargetKeyId=other.create_key()["KeyMetadata"]["KeyId"])
        yield kms_section(endpoint, alias, "eu-west-1")

    return KeyService(
        "aws-kms",
        kms_section(endpoint, alias),
        lambda: "aws-kms:" + kms.describe_key(KeyId=alias)["KeyMetadata"]["Arn"],
        elsewhere,
        kms_section(f"http://127.0.0.1:{free_port()}", alias),
    )


@pytest.fixture(params=["vault-transit", "aws-kms"])
def service(request: pytest.FixtureRequest) -> KeyService:
    if request.param == "vault-transit":
        return transit_service(request.getfixturevalue("vault_server"))
    return kms_service(request.getfixturevalue("moto_endpoint"))


Opener = Callable[..., SqliteStore | PostgresStore]


@pytest.fixture(params=["sqlite", "postgres"])
async def opener(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Opener]:
    """Opens the same store (a file, or a database) with the given key options."""
    if request.param == "sqlite":
        yield lambda **keys: SqliteStore.from_config({"path": str(tmp_path / "s.db"), **keys})
        return
    server: PgServer = request.getfixturevalue("postgres_server")
    async with server.database() as dbname:
        yield lambda **keys: PostgresStore.from_config({"dsn": server.dsn(dbname), **keys})


async def write_all(store: SqliteStore | PostgresStore) -> None:
    for name, versions in SECRETS.items():
        for version in range(1, versions + 1):
            await store.put(SecretName(name), content(name, version))


async def read_all(store: SqliteStore | PostgresStore) -> int:
    read = 0
    for name, versions in SECRETS.items():
        assert await store.versions(SecretName(name)) == list(range(1, versions + 1))
        for version in range(1, versions + 1):
            secret = await store.get(SecretName(name), version)
            assert secret.content.values["clearPassword"].reveal() == canary(name, version)
            read += 1
    return read


async def test_rotation_rewraps_online_and_every_version_reads(
    service: KeyService, opener: Opener
) -> None:
    broker = opener(key_provider=service.section, dek_max_records=4)
    await write_all(broker)
    v1 = service.current()

    stop, reads = asyncio.Event(), [0]

    async def keep_reading() -> None:  # a broker serving while rekey runs beside it
        while not stop.is_set():
            reads[0] += await read_all(broker)
            await asyncio.sleep(0)

    reader = asyncio.create_task(keep_reading())
    rekeyer = opener(key_provider=service.section)
    report = await rekey_store("main", rekeyer, rotate=True, reencrypt=False)
    await rekeyer.close()
    stop.set()
    await reader
    v2 = service.current()
    assert v2 != v1 and report.rotated_from == v1 and report.target == v2
    assert report.new_data_key and report.rewrapped >= 6  # 24 records / 4 a key, + the first
    assert [(k, r) for k, _, r in report.counts if k] == [(v2, sum(SECRETS.values()))]
    assert reads[0] > 0
    await broker.put(SecretName("app/after"), content("app/after", 1))
    await broker.close()

    fresh = opener(key_provider=service.section)  # a cold cache: every key unwrapped anew
    assert await read_all(fresh) == sum(SECRETS.values())
    await fresh.close()


async def test_a_copied_database_without_its_provider_yields_nothing(
    service: KeyService, tmp_path: Path
) -> None:
    store = SqliteStore.from_config(
        {"path": str(tmp_path / "s.db"), "key_provider": service.section}
    )
    await write_all(store)
    await store.close()
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "s.db").write_bytes((tmp_path / "s.db").read_bytes())
    assert b"canary-" not in (copy / "s.db").read_bytes()

    unreachable = SqliteStore.from_config(
        {"path": str(copy / "s.db"), "key_provider": service.unreachable}
    )
    assert unreachable.keyring.sealed
    with pytest.raises(Unavailable) as err:
        await unreachable.get(SecretName("app/s0"))
    assert err.value.reason == "BROKER_SEALED"
    await unreachable.close()

    with service.elsewhere() as other, pytest.raises(ConfigError, match="does not match"):
        SqliteStore.from_config({"path": str(copy / "s.db"), "key_provider": other})


async def test_a_disabled_kek_version_stops_unwraps_within_the_cache_period(
    vault_server: VaultServer, tmp_path: Path
) -> None:
    service = transit_service(vault_server)
    options = {"path": str(tmp_path / "s.db"), "key_provider": service.section,
               "dek_cache_seconds": 60}  # fmt: skip
    store = SqliteStore.from_config(options)
    await write_all(store)
    clock = FakeClock()
    store.keyring.clock = clock
    store.keyring._cache.clear()
    assert await read_all(store)  # every data key cached for 60 s from now
    client, mount = vault_server.client(), service.section["mount"]
    client.secrets.transit.rotate_key("broker", mount_point=mount)
    client.secrets.transit.update_key_configuration(
        "broker", min_decryption_version=2, mount_point=mount
    )
    clock.advance(59)
    assert await read_all(store)  # within the bound: the cached keys
    clock.advance(2)
    with pytest.raises(Unavailable) as err:
        await store.get(SecretName("app/s0"))
    assert err.value.reason == "KEY_UNAVAILABLE"
    assert "refused" in str(err.value)
    await store.close()


def write_config(tmp_path: Path, section: dict[str, Any], **store: Any) -> Path:
    config = {
        "listen": "127.0.0.1:0",
        "tls": {"cert_file": "x", "key_file": "x", "client_ca_file": "x"},
        "policy_file": "policy.yaml",
        "key_providers": {"kek": section},
        "stores": {"main": {"type": "sqlite", "path": "s.db", "key_provider": "kek", **store}},
    }
    path = tmp_path / "broker.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


@pytest.mark.slow
async def test_rekey_killed_halfway_resumes_and_ends_with_every_data_key_under_v2(
    service: KeyService, tmp_path: Path
) -> None:
    config = write_config(tmp_path, service.section, dek_max_records=1)
    store = SqliteStore.from_config(
        {"path": str(tmp_path / "s.db"), "key_provider": service.section, "dek_max_records": 1}
    )
    for i in range(120):
        await store.put(SecretName(f"many/{i:03}"), content("many", i))
    await store.close()
    v1 = service.current()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [*CLI, "rekey", "--config", str(config), "--max-rate", "40"],
        stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert proc.stderr is not None
    for line in proc.stderr:
        found = re.search(r"re-wrap (\d+)/(\d+)", line)
        if found and int(found[1]) >= 36:
            proc.send_signal(signal.SIGKILL)
            break
    assert proc.wait(timeout=60) == -signal.SIGKILL
    v2 = service.current()
    with sqlite3.connect(tmp_path / "s.db") as db:
        keks = [r[0] for r in db.execute("SELECT kek FROM deks")]
    assert v2 != v1 and 0 < keks.count(v2) < len(keks) and keks.count(v1) > 0  # halfway

    done = subprocess.run([*CLI, "rekey", "--config", str(config)],
                          capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert service.current() == v2  # resumed: no second rotation
    with sqlite3.connect(tmp_path / "s.db") as db:
        assert {r[0] for r in db.execute("SELECT kek FROM deks")} == {v2}
    assert f"main\t{v2}\tdata_keys={len(keks)}\trecords=120" in done.stdout

    store = SqliteStore.from_config(
        {"path": str(tmp_path / "s.db"), "key_provider": service.section}
    )
    for i in range(120):
        got = await store.get(SecretName(f"many/{i:03}"))
        assert got.content.values["clearPassword"].reveal() == canary("many", i)
    await store.close()


async def test_a_wrong_transit_key_refuses_to_start(
    vault_server: VaultServer, tmp_path: Path
) -> None:
    service = transit_service(vault_server)
    store = SqliteStore.from_config(
        {"path": str(tmp_path / "s.db"), "key_provider": service.section}
    )
    await store.close()
    vault_server.client().secrets.transit.create_key("other", mount_point=service.section["mount"])
    with pytest.raises(ConfigError, match="master key does not match"):
        SqliteStore.from_config(
            {"path": str(tmp_path / "s.db"), "key_provider": {**service.section, "key": "other"}}
        )


def approle_login(server: VaultServer, mount: str) -> tuple[str, str]:
    """An AppRole whose policy allows exactly what the provider needs on ``mount``."""
    client = server.client()
    if "approle/" not in client.sys.list_auth_methods()["data"]:
        client.sys.enable_auth_method("approle")
    policy = (
        f'path "{mount}/encrypt/broker" {{ capabilities = ["update"] }}\n'
        f'path "{mount}/decrypt/broker" {{ capabilities = ["update"] }}\n'
        f'path "{mount}/keys/broker" {{ capabilities = ["read"] }}\n'
    )
    client.sys.create_or_update_policy(f"kek-{mount}", policy)
    client.auth.approle.create_or_update_approle(f"kek-{mount}", token_policies=[f"kek-{mount}"])
    role_id = client.auth.approle.read_role_id(f"kek-{mount}")["data"]["role_id"]
    secret_id = client.auth.approle.generate_secret_id(f"kek-{mount}")["data"]["secret_id"]
    return role_id, secret_id


async def test_transit_over_tls_with_approle(tmp_path: Path) -> None:
    with running_server(tmp_path / "bao", tls=True) as server:
        service = transit_service(server)
        role_id, secret_id = approle_login(server, service.section["mount"])
        (tmp_path / "secret-id").write_text(secret_id + "\n")
        section = {k: v for k, v in service.section.items() if k != "token"}
        section.update(role_id=role_id, secret_id_file=str(tmp_path / "secret-id"),
                       ca_file=str(server.ca_file))  # fmt: skip
        store = SqliteStore.from_config({"path": str(tmp_path / "s.db"), "key_provider": section})
        await write_all(store)
        await store.close()
        store = SqliteStore.from_config({"path": str(tmp_path / "s.db"), "key_provider": section})
        assert await read_all(store) == sum(SECRETS.values())
        await store.close()
        with pytest.raises(ConfigError, match="option 'ca_file' names no readable file"):
            SqliteStore.from_config(
                {"path": str(tmp_path / "s.db"),
                 "key_provider": {**section, "ca_file": str(tmp_path / "absent.pem")}}
            )  # fmt: skip
