"""Config and policy files refuse nonsense with a message naming the key."""

from pathlib import Path

import pytest

from secrets_broker.access.identity import Identity
from secrets_broker.access.policy import Policy
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops import cli
from secrets_broker.ops.config import check_config, env_overrides, parse_config

BASE = {
    "listen": "127.0.0.1:0",
    "tls": {"cert_file": "s.pem", "key_file": "s-key.pem", "client_ca_file": "ca.pem"},
    "policy_file": "policy.yaml",
    "stores": {"main": {"type": "sqlite", "path": "db", "master_key_file": "k"}},
    "audit": {"dir": "audit"},
}


def test_minimal_config_resolves_paths_relative_to_the_file(tmp_path: Path) -> None:
    config = parse_config(BASE, tmp_path)
    assert config.tls.cert_file == tmp_path / "s.pem"
    assert config.stores["main"]["path"] == str(tmp_path / "db")
    assert config.routes == {"": "main"}
    assert config.cache.default_ttl_seconds == 300


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"bogus": 1}, "config: unknown key 'bogus'"),
        (
            {"tls": {"cert_file": "a", "key_file": "b", "client_ca_file": "c", "x": 1}},
            "tls: unknown key 'x'",
        ),
        ({"cache": {"default_ttl_ms": 5}}, "cache: unknown key 'default_ttl_ms'"),
        ({"cache": {"default_ttl_seconds": -1}}, "cache.default_ttl_seconds: must be"),
        ({"cache": {"max_entries": 1.5}}, "cache.max_entries: must be a valid integer, got 1.5"),
        ({"limits": {"max_receive_message_bytes": 10}}, "limits.max_receive_message_bytes"),
        ({"log_level": "LOUD"}, "log_level"),
        ({"listen": "nowhere"}, "listen: must be HOST:PORT"),
        ({"stores": {}}, "stores: at least one store"),
        ({"routes": {"": "missing"}}, "names unknown store 'missing'"),
        ({"routes": {"a/": "main"}}, "a default route '' is required"),
        ({"audit": {"sink": "stderr", "dir": "a"}}, "audit: key 'dir' is only for sink: file"),
        ({"audit": {"dir": "a", "hash_names": True}}, "audit: key 'key_file' is required"),
        ({"audit": {"dir": "a", "fsync": "always"}}, "audit.fsync: Input should be 'none'"),
        ({"audit": {"dir": "a", "write_timeout_seconds": 0}}, "audit.write_timeout_seconds"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, patch: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config({**BASE, **patch}, tmp_path)
    assert message in str(err.value)


def test_missing_required_key(tmp_path: Path) -> None:
    doc = {k: v for k, v in BASE.items() if k != "policy_file"}
    with pytest.raises(ConfigError, match="key 'policy_file' is required"):
        parse_config(doc, tmp_path)


def test_audit_is_on_by_default_beside_the_config_file(tmp_path: Path) -> None:
    doc = {k: v for k, v in BASE.items() if k != "audit"}
    assert parse_config(doc, tmp_path).audit.dir == tmp_path / "audit"
    assert parse_config({**BASE, "audit": {}}, tmp_path).audit.dir == tmp_path / "audit"
    config = parse_config(BASE, tmp_path)
    assert config.audit.dir == tmp_path / "audit" and config.audit.fsync == "interval"
    assert config.audit.write_timeout_seconds == 1.0
    assert parse_config({**BASE, "audit": {"sink": "stderr"}}, tmp_path).audit.dir is None


def test_policy_is_deny_by_default_and_globs_by_segment() -> None:
    policy = Policy.from_mapping(
        {
            "grants": [
                {
                    "identities": ["spiffe://org/app/*"],
                    "rpcs": ["GetSecret"],
                    "names": ["apps/*/db", "shared/**"],
                },
            ]
        }
    )
    assert policy.allows("spiffe://org/app/one", "GetSecret", "apps/x/db")
    assert not policy.allows("spiffe://org/app/one", "GetSecret", "apps/x/y/db")
    assert policy.allows("spiffe://org/app/one", "GetSecret", "shared/a/b/c")
    assert not policy.allows("spiffe://org/app/one/deeper", "GetSecret", "shared/a")
    assert not policy.allows("spiffe://org/app/one", "PutSecret", "shared/a")
    assert not policy.allows("spiffe://org/other", "GetSecret", "shared/a")
    assert not Policy.from_mapping({"allow_empty": True}).holds("cn:anyone", "GetSecret")


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"grant": []}, "unknown key 'grant'"),
        (
            {"grants": [{"identities": ["cn:a"], "rpcs": ["GetSecrets"], "names": ["x"]}]},
            "unknown RPC or right 'GetSecrets'",
        ),
        (
            {"grants": [{"identities": [], "rpcs": ["GetSecret"], "names": ["x"]}]},
            "identities: must be a non-empty list",
        ),
        (
            {"grants": [{"identities": ["cn:a"], "rpcs": ["*"], "name": ["x"]}]},
            "unknown key 'name'",
        ),
    ],
)
def test_bad_policy_names_the_problem(doc: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Policy.from_mapping(doc)


def test_path_lists_in_store_options_resolve_too(tmp_path: Path) -> None:
    doc = {**BASE, "stores": {"f": {"type": "file", "paths": ["a.yaml", "/abs/b.yaml"]}}}
    config = parse_config(doc, tmp_path)
    assert config.stores["f"]["paths"] == [str(tmp_path / "a.yaml"), "/abs/b.yaml"]


def test_tracing_exporter_is_checked(tmp_path: Path) -> None:
    assert (
        parse_config({**BASE, "tracing": {"exporter": "console"}}, tmp_path).tracing.exporter
        == "console"
    )
    with pytest.raises(ConfigError, match=r"tracing\.exporter: must be one of none, console"):
        parse_config({**BASE, "tracing": {"exporter": "jaeger"}}, tmp_path)


def test_identity_placeholder_gives_each_identity_a_private_space() -> None:
    policy = Policy.from_mapping(
        {
            "grants": [
                {
                    "identities": ["spiffe://org/**", "cn:job*"],
                    "rpcs": ["GetSecret"],
                    "names": ["private/{identity}/**"],
                }
            ]
        }
    )
    assert policy.allows("spiffe://org/app/a", "GetSecret", "private/org~app~a/db")
    assert not policy.allows("spiffe://org/app/b", "GetSecret", "private/org~app~a/db")
    # a parent identity does not see its children's space, nor they its own
    assert not policy.allows("spiffe://org/app", "GetSecret", "private/org~app~a/db")
    assert policy.allows("spiffe://org/app", "GetSecret", "private/org~app/db")
    assert not policy.allows("spiffe://org/app/a", "GetSecret", "private/org~app/db")
    assert policy.allows("cn:job1", "GetSecret", "private/cn=job1/x")
    assert not policy.allows("cn:job1", "GetSecret", "private/cn=job2/x")


def test_identity_segments_are_unambiguous() -> None:
    assert Identity.parse("spiffe://example.org/ns/app").segment == "example.org~ns~app"
    assert Identity.parse("cn:legacy-job").segment == "cn=legacy-job"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    doc = {**BASE, "listen": "x", "cache": {"default_ttl_seconds": -3, "bogus": 1}}
    del doc["policy_file"]
    _, problems = check_config(doc, tmp_path)
    assert problems == [
        "listen: must be HOST:PORT, got 'x'",
        "config: key 'policy_file' is required",
        "cache.default_ttl_seconds: must be greater than or equal to 0, got -3",
        "cache: unknown key 'bogus'",
    ]


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    env = {
        "SECRETS_BROKER_CACHE__DEFAULT_TTL_SECONDS": "60",
        "SECRETS_BROKER_LISTEN": "0.0.0.0:7000",
        "SECRETS_BROKER_STORES__MAIN__PATH": "other.db",
        "SECRETS_BROKER_CA": "client-side variable, not a config key",
    }
    config = parse_config(env_overrides(BASE, env), tmp_path)
    assert config.cache.default_ttl_seconds == 60
    assert config.listen == "0.0.0.0:7000"
    assert config.stores["main"]["path"] == str(tmp_path / "other.db")
    with pytest.raises(ConfigError, match="config: unknown key 'cahce'"):
        parse_config(env_overrides(BASE, {"SECRETS_BROKER_CAHCE__X": "1"}), tmp_path)


def test_config_example_passes_config_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["config", "example"]) == 0
    text = capsys.readouterr().out
    path = tmp_path / "broker.yaml"
    path.write_text(text)
    assert cli.main(["config", "check", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: ok\n"
    monkeypatch.setenv("SECRETS_BROKER_LIMITS__MAX_CONCURRENT_RPCS", "0")
    assert cli.main(["config", "check", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"{path}: limits.max_concurrent_rpcs: must be greater than or equal to 1, got 0\n"
    )
