"""The tls source and tokens sections refuse nonsense, naming the key."""

from pathlib import Path

import pytest

from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import parse_config
from tests.unit.test_config_policy import BASE

ISSUER = {"issuer": "https://login.example.org", "audiences": ["secrets-broker"]}


def test_tokens_and_workload_api_parse(tmp_path: Path) -> None:
    doc = {
        **BASE,
        "tls": {"source": "workload_api", "socket": "unix:///run/spire/agent.sock"},
        "tokens": {
            "listen": "0.0.0.0:50052",
            "oidc": [{**ISSUER, "groups_claim": "groups", "ca_file": "idp-ca.pem"}],
            "jwt_svid": {"bundle_source": "files", "bundle_files": {"example.org": "b.json"}},
        },
    }
    config = parse_config(doc, tmp_path)
    assert config.tls.cert_file is None
    assert config.tokens.oidc[0].ca_file == tmp_path / "idp-ca.pem"
    assert config.tokens.oidc[0].algorithms == ["RS256", "PS256", "ES256", "EdDSA"]
    assert config.tokens.jwt_svid is not None
    assert config.tokens.jwt_svid.bundle_files == {"example.org": tmp_path / "b.json"}


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (
            {"tls": {"source": "files", "cert_file": "s.pem"}},
            "key_file: required when source is files",
        ),
        (
            {"tls": {"source": "workload_api", "cert_file": "s.pem"}},
            "not with source workload_api",
        ),
        ({"tls": {"source": "vault"}}, "tls.source"),
        ({"tokens": {"oidc": [{**ISSUER, "algorithms": ["HS256"]}]}}, "not accepted: HS256"),
        ({"tokens": {"oidc": [{**ISSUER, "algorithms": ["none", "ES256"]}]}}, "not accepted: none"),
        ({"tokens": {"oidc": [{**ISSUER, "issuer": "http://idp"}]}}, "an https:// URL"),
        ({"tokens": {"oidc": [{**ISSUER, "audiences": []}]}}, "tokens.oidc.0.audiences"),
        ({"tokens": {"leeway_seconds": 3600}}, "tokens.leeway_seconds: must be"),
        ({"tokens": {"jwks_timeout_seconds": 0}}, "tokens.jwks_timeout_seconds: must be"),
        ({"tokens": {"jwt_svid": {"bundle_source": "x"}}}, "tokens.jwt_svid.bundle_source"),
    ],
)
def test_bad_identity_config_names_the_key(
    tmp_path: Path, patch: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config({**BASE, **patch}, tmp_path)
    assert message in str(err.value)
