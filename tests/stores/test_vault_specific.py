"""What the Vault store does beyond the Store contract, against a real OpenBao: AppRole
and token-file logins, refused and unreachable Vaults, data written by plain Vault users,
cas_required mounts, TLS, a sealed Vault, and its configuration."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import hvac
import pytest

from secrets_broker.domain.errors import (
    Aborted,
    ConfigError,
    DataLoss,
    NotFound,
    Unavailable,
    VersionDestroyed,
    VersionDisabled,
)
from secrets_broker.domain.model import SecretContent, SecretValue, TokenApi
from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionChange
from secrets_broker.stores.base import Store
from secrets_broker.stores.registry import open_store
from secrets_broker.stores.vault import META_KEY, VaultStore
from tests.conformance.backends import vault as backend
from tests.conformance.backends.vault import VaultServer

N = SecretName.parse
LOGGER = "secrets_broker.stores.vault"
READY_TIMEOUT_SECONDS = 30.0


def content(**values: str) -> SecretContent:
    return SecretContent(values={k: SecretValue(v) for k, v in values.items()})


def plain(secret: Any) -> dict[str, str]:
    return {k: v.reveal() for k, v in secret.content.values.items()}


def unique(stem: str) -> str:
    return f"{stem}-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultServer]:
    with backend.shared_server(tmp_path_factory.mktemp("openbao")) as server:
        yield server


@pytest.fixture
def root(vault: VaultServer) -> hvac.Client:
    return vault.client()


def kv_policy(root: hvac.Client, prefix: str, mount: str = "secret") -> str:
    """A policy granting the broker's KV paths under ``prefix`` and nothing else."""
    name = unique("broker")
    root.sys.create_or_update_policy(
        name,
        f'path "{mount}/data/{prefix}/*" {{ capabilities = ["create", "read", "update"] }}\n'
        f'path "{mount}/metadata/{prefix}/*" {{ capabilities = ["read", "list", "delete"] }}\n',
    )
    return name


async def exercise(store: VaultStore) -> None:
    """A round of every operation: about a dozen requests to Vault."""
    await store.put(N("conn/pg"), content(userId="svc", clearPassword="one"))
    await store.put(N("conn/pg"), content(userId="svc", clearPassword="two"), expected_version=1)
    assert plain(await store.get(N("conn/pg"))) == {"userId": "svc", "clearPassword": "two"}
    assert plain(await store.get(N("conn/pg"), 1))["clearPassword"] == "one"
    assert await store.versions(N("conn/pg")) == [1, 2]
    assert [m.name.value for m in await store.list("conn/", 10)] == ["conn/pg"]
    await store.delete(N("conn/pg"))
    with pytest.raises(NotFound):
        await store.get(N("conn/pg"))


# -- authentication --------------------------------------------------------------------


@pytest.mark.parametrize("secret_id_option", ["secret_id", "secret_id_file"])
async def test_approle_login_reads_writes_and_logs_in_again_when_the_token_runs_out(
    vault: VaultServer, root: hvac.Client, tmp_path: Path, secret_id_option: str
) -> None:
    mount, role, prefix = unique("approle"), unique("role"), unique("approle-test")
    root.sys.enable_auth_method("approle", path=mount)
    # Three uses per token: the round below needs several logins, so it fails without them.
    root.auth.approle.create_or_update_approle(
        role, token_policies=[kv_policy(root, prefix)], token_num_uses=3, mount_point=mount
    )
    role_id = root.auth.approle.read_role_id(role, mount_point=mount)["data"]["role_id"]
    secret_id = root.auth.approle.generate_secret_id(role, mount_point=mount)["data"]["secret_id"]
    options: dict[str, Any] = {"role_id": role_id, "approle_mount": mount, "path_prefix": prefix}
    if secret_id_option == "secret_id_file":
        (tmp_path / "secret-id").write_text(secret_id + "\n")
        options["secret_id_file"] = str(tmp_path / "secret-id")
    else:
        options["secret_id"] = secret_id
    store = vault.store(**options)
    try:
        await exercise(store)
    finally:
        await store.close()


async def test_approle_login_refused_is_unavailable(
    vault: VaultServer, root: hvac.Client, caplog: pytest.LogCaptureFixture
) -> None:
    mount, role = unique("approle"), unique("role")
    root.sys.enable_auth_method("approle", path=mount)
    root.auth.approle.create_or_update_approle(role, token_policies=["default"], mount_point=mount)
    role_id = root.auth.approle.read_role_id(role, mount_point=mount)["data"]["role_id"]
    wrong = str(uuid.uuid4())
    store = vault.store(role_id=role_id, secret_id=wrong, approle_mount=mount)
    caplog.set_level(logging.INFO, logger=LOGGER)
    with pytest.raises(Unavailable) as caught:
        await store.get(N("any"))
    assert type(caught.value) is Unavailable
    assert wrong not in str(caught.value) and wrong not in caplog.text
    assert any(r.name == LOGGER and r.levelno == logging.ERROR for r in caplog.records)
    await store.close()


async def test_token_without_access_is_unavailable_and_never_shown(
    vault: VaultServer, root: hvac.Client, caplog: pytest.LogCaptureFixture
) -> None:
    token = root.auth.token.create(policies=["default"], ttl="1h")["auth"]["client_token"]
    root.secrets.kv.v2.create_or_update_secret(f"{unique('x')}/present", {"k": "v"})
    store = vault.store(token=token)
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    calls = [
        store.get(N("present")),
        store.put(N("present"), content(k="v")),
        store.list("", 10),
        store.versions(N("present")),
        store.delete(N("present")),
    ]
    for call in calls:
        with pytest.raises(Unavailable) as caught:
            await call
        assert type(caught.value) is Unavailable
        assert token not in str(caught.value)
    assert token not in caplog.text
    refusals = [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.ERROR]
    assert len(refusals) == len(calls)
    assert all("refused" in r.getMessage() for r in refusals)
    await store.close()


async def test_token_file_is_read_again_when_vault_refuses_the_token(
    vault: VaultServer, root: hvac.Client, tmp_path: Path
) -> None:
    prefix = unique("token-file")
    policy = kv_policy(root, prefix)
    first, second = (
        root.auth.token.create(policies=[policy], ttl="1h")["auth"]["client_token"]
        for _ in range(2)
    )
    token_file = tmp_path / "token"
    token_file.write_text(first)
    store = vault.store(token_file=str(token_file), path_prefix=prefix)
    await store.put(N("rotating"), content(k="1"))
    root.auth.token.revoke(first)
    token_file.write_text(second + "\n")  # as an agent rotating the sink file would
    assert plain(await store.get(N("rotating"))) == {"k": "1"}
    await store.close()


# -- data written by others --------------------------------------------------------------


async def test_reads_secrets_written_by_plain_vault_users(
    vault: VaultServer, root: hvac.Client
) -> None:
    prefix = unique("plain")
    kv = root.secrets.kv.v2
    kv.create_or_update_secret(
        f"{prefix}/db",
        {"user": "bob", "port": 5432, "tls": True, "extra": {"a": [1, 2]}, "none": None},
    )
    store = vault.store(path_prefix=prefix)
    got = await store.get(N("db"))
    assert got.version == 1
    assert plain(got) == {
        "user": "bob",
        "port": "5432",
        "tls": "true",
        "extra": '{"a":[1,2]}',
        "none": "null",
    }
    assert got.content.refresh_after_seconds is None and dict(got.content.labels) == {}
    [meta] = await store.list("", 10)
    assert meta.name == N("db") and meta.keys == ("extra", "none", "port", "tls", "user")
    assert meta.etag == got.etag
    await store.close()


async def test_writes_values_vault_users_can_read(vault: VaultServer, root: hvac.Client) -> None:
    prefix = unique("visible")
    store = vault.store(path_prefix=prefix)
    api = TokenApi("POST", "https://auth.example/token", "application/json", {}, {"t": "token"})
    await store.put(N("only-values"), content(userId="svc", clearPassword="pw"))
    await store.put(
        N("with-meta"),
        SecretContent({"k": SecretValue("v")}, 60, api, {"team": "data"}),
    )
    kv = root.secrets.kv.v2
    bare = kv.read_secret_version(f"{prefix}/only-values", raise_on_deleted_version=True)
    assert bare["data"]["data"] == {"userId": "svc", "clearPassword": "pw"}
    rich = kv.read_secret_version(f"{prefix}/with-meta", raise_on_deleted_version=True)
    data = rich["data"]["data"]
    assert data["k"] == "v"
    assert json.loads(data[META_KEY]) == {
        "refreshAfterSeconds": 60,
        "tokenApi": api.to_json(),
        "labels": {"team": "data"},
    }
    await store.close()


async def test_malformed_broker_metadata_is_data_loss(
    vault: VaultServer, root: hvac.Client
) -> None:
    prefix = unique("malformed")
    root.secrets.kv.v2.create_or_update_secret(f"{prefix}/bad", {"k": "v", META_KEY: "[1]"})
    store = vault.store(path_prefix=prefix)
    with pytest.raises(DataLoss):
        await store.get(N("bad"))
    await store.close()


async def test_versions_deleted_or_destroyed_in_vault_read_as_disabled_or_destroyed(
    vault: VaultServer, root: hvac.Client
) -> None:
    prefix = unique("deleted")
    store = vault.store(path_prefix=prefix)
    for value in ("1", "2", "3"):
        await store.put(N("s"), content(k=value))
    kv = root.secrets.kv.v2
    kv.delete_secret_versions(f"{prefix}/s", [1])
    kv.destroy_secret_versions(f"{prefix}/s", [2])
    assert await store.versions(N("s")) == [3]
    with pytest.raises(VersionDisabled):
        await store.get(N("s"), 1)
    with pytest.raises(VersionDestroyed):
        await store.get(N("s"), 2)
    kv.delete_latest_version_of_secret(f"{prefix}/s")  # `vault kv delete`: a soft delete
    with pytest.raises(VersionDisabled):
        await store.get(N("s"))
    assert await store.versions(N("s")) == []
    states = [(v.version, v.state.value) for v in await store.version_info(N("s"))]
    assert states == [(1, "disabled"), (2, "destroyed"), (3, "disabled")]
    assert [m.version for m in await store.list("", 10)] == [3]  # listed, not readable
    meta = await store.put(N("s"), content(k="4"))  # a new version is readable again
    assert meta.version == 4 and [m.version for m in await store.list("", 10)] == [4]
    kv.undelete_secret_versions(f"{prefix}/s", [1])
    assert (await store.get(N("s"), 1)).content.values["k"].reveal() == "1"
    await store.close()


async def test_a_scheduled_disable_becomes_a_vault_soft_delete_at_the_next_change(
    vault: VaultServer, root: hvac.Client
) -> None:
    prefix = unique("schedule")
    store = vault.store(path_prefix=prefix)
    for value in ("1", "2", "3"):
        await store.put(N("s"), content(k=value))
    past = datetime.now(UTC) - timedelta(seconds=1)
    await store.set_version_state(N("s"), 1, VersionChange.SCHEDULE_DISABLE, at=past)
    kv = root.secrets.kv.v2
    key = "secrets_broker:disable_at:1"
    assert key in kv.read_secret_metadata(f"{prefix}/s")["data"]["custom_metadata"]
    read = kv.read_secret_version(f"{prefix}/s", version=1, raise_on_deleted_version=True)
    assert read["data"]["data"] == {"k": "1"}
    with pytest.raises(VersionDisabled):  # the broker honours it already
        await store.get(N("s"), 1)
    later = datetime.now(UTC) + timedelta(hours=1)
    await store.set_version_state(N("s"), 2, VersionChange.SCHEDULE_DISABLE, at=later)
    meta = kv.read_secret_metadata(f"{prefix}/s")["data"]
    assert meta["versions"]["1"]["deletion_time"]  # now soft-deleted in Vault too
    assert key not in (meta["custom_metadata"] or {})
    assert "secrets_broker:disable_at:2" in meta["custom_metadata"]
    await store.close()


async def test_list_walks_nested_folders_in_name_order(vault: VaultServer) -> None:
    # '-' < '/' < '0': a folder's names fall between its siblings, not after them.
    names = ["a/d", "a/d-x", "a/d/e", "a/d/f/g", "a/d0", "a/e", "ab", "b/c/d/e"]
    store = vault.store()
    for name in reversed(names):
        await store.put(N(name), content(k=name))
    assert [m.name.value for m in await store.list("", 100)] == names
    paged: list[str] = []
    while page := await store.list("a", 1, after=paged[-1] if paged else ""):
        paged += [m.name.value for m in page]
    assert paged == names[:7]
    assert [m.name.value for m in await store.list("a/d", 10, after="a/d/e")] == [
        "a/d/f/g",
        "a/d0",
    ]
    assert [m.name.value for m in await store.list("a/d/", 10)] == ["a/d/e", "a/d/f/g"]
    assert [m.name.value for m in await store.list("b/c/", 10)] == ["b/c/d/e"]
    assert await store.list("a/d/f/g/", 10) == []
    assert await store.list("", 0) == []
    await store.close()


# -- check-and-set -----------------------------------------------------------------------


async def test_version_and_etag_conditions_must_both_hold(vault: VaultServer) -> None:
    store = vault.store()
    first = await store.put(N("both"), content(k="1"))
    with pytest.raises(Aborted):
        await store.put(N("both"), content(k="2"), expected_version=5, expected_etag=first.etag)
    meta = await store.put(N("both"), content(k="2"), expected_version=1, expected_etag=first.etag)
    assert meta.version == 2
    await store.close()


def wait_for_kv(root: hvac.Client, mount: str) -> None:
    """A fresh KV v2 mount refuses requests while it sets itself up: poll, bounded."""
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while True:
        try:
            root.secrets.kv.v2.read_configuration(mount_point=mount)
            root.secrets.kv.v2.list_secrets("", mount_point=mount)
        except hvac.exceptions.InvalidPath:
            return  # an empty mount answers the listing with 404: it is serving
        except hvac.exceptions.VaultError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        else:
            return


async def test_cas_required_mount_accepts_every_kind_of_put(
    vault: VaultServer, root: hvac.Client
) -> None:
    mount = unique("kv-cas")
    root.sys.enable_secrets_engine("kv", path=mount, options={"version": "2"})
    wait_for_kv(root, mount)
    root.secrets.kv.v2.configure(cas_required=True, mount_point=mount)
    with pytest.raises(hvac.exceptions.InvalidRequest, match="check-and-set"):
        root.secrets.kv.v2.create_or_update_secret("probe", {"k": "v"}, mount_point=mount)
    store = vault.store(mount=mount)
    first = await store.put(N("c"), content(k="1"))
    second = await store.put(N("c"), content(k="2"))
    third = await store.put(N("c"), content(k="3"), expected_version=2)
    fourth = await store.put(N("c"), content(k="4"), expected_etag=third.etag)
    assert [m.version for m in (first, second, third, fourth)] == [1, 2, 3, 4]
    with pytest.raises(Aborted):
        await store.put(N("c"), content(k="x"), expected_version=3)
    assert plain(await store.get(N("c"))) == {"k": "4"}
    await store.delete(N("c"))
    assert (await store.put(N("c"), content(k="again"), expected_version=0)).version == 1
    # unconditional puts racing on a cas_required mount: each re-reads and retries
    await asyncio.gather(*(store.put(N("race"), content(k=str(i))) for i in range(6)))
    assert await store.versions(N("race")) == [1, 2, 3, 4, 5, 6]
    await store.close()


async def test_concurrent_puts_on_one_etag_admit_exactly_one(vault: VaultServer) -> None:
    store = vault.store()
    first = await store.put(N("race"), content(k="0"))
    outcomes = await asyncio.gather(
        *(store.put(N("race"), content(k=str(i)), expected_etag=first.etag) for i in range(8)),
        return_exceptions=True,
    )
    assert len([o for o in outcomes if not isinstance(o, BaseException)]) == 1
    assert all(isinstance(o, Aborted) for o in outcomes if isinstance(o, BaseException))
    assert await store.versions(N("race")) == [1, 2]
    await store.close()


async def test_concurrent_unconditional_puts_all_land(vault: VaultServer) -> None:
    store = vault.store()
    await asyncio.gather(*(store.put(N("busy"), content(k=str(i))) for i in range(6)))
    assert await store.versions(N("busy")) == [1, 2, 3, 4, 5, 6]
    await store.close()


# -- unreachable, misconfigured, TLS, sealed ---------------------------------------------


async def test_unreachable_vault_is_unavailable(caplog: pytest.LogCaptureFixture) -> None:
    url = f"http://127.0.0.1:{backend.free_port()}"  # bound then closed: nothing listens
    store = VaultStore.from_config({"url": url, "token": "t0ken-value", "timeout_seconds": 2})
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    for call in (store.get(N("a")), store.put(N("a"), content(k="v")), store.list("", 5)):
        with pytest.raises(Unavailable):
            await call
    assert "t0ken-value" not in caplog.text
    await store.close()


async def test_missing_mount_is_unavailable_not_not_found(vault: VaultServer) -> None:
    store = vault.store(mount=unique("no-such-mount"))
    with pytest.raises(Unavailable):
        await store.get(N("a"))
    with pytest.raises(Unavailable):
        await store.list("", 5)
    await store.close()


@pytest.fixture(scope="module")
def tls_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VaultServer]:
    """A server of its own: it serves https with its own CA, and a test seals it."""
    with backend.running_server(tmp_path_factory.mktemp("openbao-tls"), tls=True) as server:
        yield server


@pytest.mark.slow
async def test_https_with_ca_file_and_verification(tls_vault: VaultServer) -> None:
    assert tls_vault.url.startswith("https://") and tls_vault.ca_file is not None
    store = tls_vault.store(ca_file=str(tls_vault.ca_file))
    await store.put(N("tls"), content(k="v"))
    assert plain(await store.get(N("tls"))) == {"k": "v"}
    unverified = tls_vault.store()  # the system CAs do not know the dev CA
    with pytest.raises(Unavailable):
        await unverified.get(N("tls"))
    for closing in (store, unverified):
        await closing.close()


@pytest.mark.slow
async def test_sealed_vault_is_unavailable(tls_vault: VaultServer) -> None:
    store = tls_vault.store(ca_file=str(tls_vault.ca_file))
    await store.put(N("before-seal"), content(k="v"))
    tls_vault.client().sys.seal()
    with pytest.raises(Unavailable):
        await store.get(N("before-seal"))
    await store.close()


# -- configuration -----------------------------------------------------------------------


def test_unknown_option_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match="'tokn'"):
        VaultStore.from_config({"url": "http://127.0.0.1:8200", "tokn": "x"})


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"token": "s3cr3t-token"}, "url"),
        ({"url": "ftp://vault", "token": "s3cr3t-token"}, "url"),
        ({"url": "http://v", "token": "s3cr3t-token", "role_id": "r"}, "token"),
        ({"url": "http://v"}, "role_id"),
        ({"url": "http://v", "token": "s3cr3t-token", "secret_id": "s"}, "secret_id"),
        ({"url": "http://v", "token": "s3cr3t-token", "timeout_seconds": 0}, "timeout_seconds"),
        ({"url": "http://v", "token": "s3cr3t-token", "timeout_seconds": "5"}, "timeout_seconds"),
        ({"url": "http://v", "token": "s3cr3t-token", "verify": "no"}, "verify"),
        ({"url": "http://v", "token_file": "/nonexistent/token"}, "token_file"),
        ({"url": "http://v", "token": "s3cr3t-token", "mount": "a/../b"}, "mount"),
        ({"url": "http://v", "token": "s3cr3t-token", "path_prefix": "x//y"}, "path_prefix"),
        (
            {"url": "http://v", "role_id": "r", "secret_id": "s", "secret_id_file": "/f"},
            "secret_id",
        ),
    ],
)
def test_nonsense_options_are_refused(options: dict[str, Any], named: str) -> None:
    with pytest.raises(ConfigError, match=f"'{named}'") as caught:
        VaultStore.from_config(options)
    assert "s3cr3t-token" not in str(caught.value)


def test_tls_options_need_https(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("not checked before use\n")
    with pytest.raises(ConfigError, match="'ca_file'"):
        VaultStore.from_config({"url": "http://v", "token": "t", "ca_file": str(ca)})
    with pytest.raises(ConfigError, match="'ca_file'"):
        VaultStore.from_config(
            {"url": "https://v", "token": "t", "ca_file": str(ca), "verify": False}
        )
    with pytest.raises(ConfigError, match="'client_key_file'"):
        VaultStore.from_config({"url": "https://v", "token": "t", "client_key_file": str(ca)})


def test_settings_repr_hides_credentials() -> None:
    store = VaultStore.from_config(
        {"url": "http://v", "role_id": "r", "secret_id": "s3cr3t-id", "timeout_seconds": 1.5}
    )
    assert "s3cr3t-id" not in repr(store._settings)


def test_found_by_entry_point() -> None:
    store = open_store("vault", {"url": "https://vault.example:8200", "token": "t"})
    assert isinstance(store, VaultStore) and isinstance(store, Store)
