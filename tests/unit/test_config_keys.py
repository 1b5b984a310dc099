"""Key provider configuration: named providers, the older master_key_file, and every
bad option refused at start with a message naming the store, the provider and the key."""

from pathlib import Path
from typing import Any

import pytest

from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import env_overrides, parse_config
from secrets_broker.stores.postgres import PostgresStore
from secrets_broker.stores.sqlite import SqliteStore

BASE: dict[str, Any] = {
    "listen": "127.0.0.1:0",
    "tls": {"cert_file": "s.pem", "key_file": "s-key.pem", "client_ca_file": "ca.pem"},
    "policy_file": "policy.yaml",
    "key_providers": {
        "transit": {
            "type": "vault-transit",
            "url": "https://bao:8200",
            "key": "broker",
            "token_file": "bao.token",
            "ca_file": "bao-ca.pem",
        },
        "old": {"type": "file", "key_file": "master.key"},
    },
    "stores": {
        "main": {
            "type": "sqlite",
            "path": "db",
            "key_provider": "transit",
            "previous_key_providers": ["old"],
        },
    },
}


def test_a_store_names_its_providers_which_config_resolves(tmp_path: Path) -> None:
    config = parse_config(BASE, tmp_path)
    main = config.stores["main"]
    assert main["key_provider"] == {
        "type": "vault-transit",
        "url": "https://bao:8200",
        "key": "broker",
        "token_file": str(tmp_path / "bao.token"),
        "ca_file": str(tmp_path / "bao-ca.pem"),
        "name": "transit",
    }
    assert main["previous_key_providers"] == [
        {"type": "file", "key_file": str(tmp_path / "master.key"), "name": "old"}
    ]


def test_environment_variables_reach_a_named_provider(tmp_path: Path) -> None:
    doc = env_overrides(BASE, {"SECRETS_BROKER_KEY_PROVIDERS__TRANSIT__KEY": "rotated"})
    assert parse_config(doc, tmp_path).stores["main"]["key_provider"]["key"] == "rotated"


@pytest.mark.parametrize(
    ("stores", "providers", "message"),
    [
        ({"key_provider": "nope"}, None, "stores.main.key_provider: names unknown key provider 'nope'"),
        ({"previous_key_providers": ["transit", "gone"]}, None,
         "stores.main.previous_key_providers[1]: names unknown key provider 'gone'"),
        ({}, {"bad": {"url": "x"}}, "key provider 'bad' must be a mapping with a 'type'"),
    ],
)  # fmt: skip
def test_bad_references_name_the_key(
    tmp_path: Path, stores: dict[str, Any], providers: dict[str, Any] | None, message: str
) -> None:
    doc = {**BASE, "stores": {"main": {**BASE["stores"]["main"], **stores}}}
    if providers is not None:
        doc["key_providers"] = providers
    with pytest.raises(ConfigError) as err:
        parse_config(doc, tmp_path)
    assert message in str(err.value)


@pytest.fixture
def key(tmp_path: Path) -> str:
    create_master_key(tmp_path / "k")
    return str(tmp_path / "k")


TRANSIT = {"type": "vault-transit", "url": "http://127.0.0.1:1", "token": "t", "key": "k"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "sqlite store: option 'key_provider' (or 'master_key_file') is required"),
        ({"master_key_file": "KEY", "key_provider": TRANSIT},
         "give option 'key_provider' or 'master_key_file', not both"),
        ({"key_provider": "transit"}, "option 'key_provider' must be a key provider section"),
        ({"key_provider": {"url": "x"}}, "option 'key_provider': key 'type' is required"),
        ({"key_provider": {"type": "hsm"}}, "key provider type 'hsm' is not installed"),
        ({"key_provider": {**TRANSIT, "key": None}},
         "sqlite store: vault-transit key provider: option 'key' is required"),
        ({"key_provider": {**TRANSIT, "name": "t1", "url": "ftp://x"}},
         "vault-transit key provider 't1': option 'url' must be an http:// or https:// URL"),
        ({"key_provider": {**TRANSIT, "token_file": "f"}},
         "set exactly one of the options 'token', 'token_file', 'role_id'"),
        ({"key_provider": {**TRANSIT, "colour": "red"}}, "unknown option 'colour'"),
        ({"key_provider": {"type": "aws-kms", "region": "eu-west-1"}},
         "aws-kms key provider: option 'key_id' is required"),
        ({"key_provider": {"type": "file"}}, "file key provider: option 'key_file' is required"),
        ({"key_provider": {"type": "file", "key_file": "/absent"}}, "does not exist"),
        ({"master_key_file": "KEY", "previous_key_providers": {"type": "file"}},
         "option 'previous_key_providers' must be a list"),
        ({"master_key_file": "KEY", "dek_cache_seconds": -1},
         "option 'dek_cache_seconds' must be a number in [0, 86400]"),
        ({"master_key_file": "KEY", "dek_max_records": 0},
         "option 'dek_max_records' must be an integer in [1, 4294967296]"),
    ],
)  # fmt: skip
def test_bad_key_options_name_the_store_provider_and_option(
    tmp_path: Path, key: str, options: dict[str, Any], message: str
) -> None:
    options = {k: key if v == "KEY" else v for k, v in options.items()}
    with pytest.raises(ConfigError) as err:
        SqliteStore.from_config({"path": str(tmp_path / "db"), **options})
    assert message in str(err.value)
    assert "'t'" not in str(err.value)  # never a value (the token)


def test_postgres_takes_the_same_key_options(key: str) -> None:
    with pytest.raises(ConfigError, match="postgres store: option 'dek_max_age_seconds'"):
        PostgresStore.from_config(
            {"dsn": "host=x", "master_key_file": key, "dek_max_age_seconds": 0}
        )
