"""``secrets-broker dev``: a ready-to-use broker with generated certificates and demo data."""

from __future__ import annotations

import json
import secrets
import shlex
from importlib import resources
from pathlib import Path

import yaml

from secrets_broker.access.identity import Identity
from secrets_broker.broker import Broker
from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.errors import NotFound
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.certs import issue_ca, issue_leaf, read_pair, write_pair
from secrets_broker.ops.config import Config, load_config

TRUST_DOMAIN = "secrets-broker.dev"
CLIENT_ID = f"spiffe://{TRUST_DOMAIN}/client"
ADMIN_ID = f"spiffe://{TRUST_DOMAIN}/admin"
DEMO_SECRET = "demo/database"  # noqa: S105 - a name, not a value


def _policy() -> dict[str, object]:
    return {
        "grants": [
            {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
            {
                "identities": [CLIENT_ID],
                "rpcs": [
                    "GetSecret",
                    "BatchGetSecrets",
                    "GetUserDirectory",
                    "GetAccessList",
                    "WatchSecret",
                ],
                "names": ["demo/**"],
            },
        ]
    }


def prepare(data_dir: Path, port: int, metrics_port: int = 0) -> Config:
    """Creates whatever is missing under ``data_dir`` and returns the dev config
    (metrics on ``127.0.0.1:metrics_port``; 0 picks a free port)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    tls = data_dir / "tls"
    if not (tls / "ca.pem").exists():
        ca = issue_ca()
        write_pair(tls, "ca", ca)
        write_pair(
            tls,
            "server",
            issue_leaf(ca, "localhost", server=True, hosts=("localhost", "127.0.0.1", "::1")),
        )
        write_pair(tls, "client", issue_leaf(ca, "client", server=False, spiffe_id=CLIENT_ID))
        write_pair(tls, "admin", issue_leaf(ca, "admin", server=False, spiffe_id=ADMIN_ID))
    key = data_dir / "master.key"
    if not key.exists():
        create_master_key(key)
    if not (data_dir / "page-token.key").exists():
        create_master_key(data_dir / "page-token.key")  # 32 random bytes, mode 0600
    (data_dir / "policy.yaml").write_text(yaml.safe_dump(_policy(), sort_keys=False))
    config = {
        "listen": f"127.0.0.1:{port}",
        "tls": {
            "cert_file": "tls/server.pem",
            "key_file": "tls/server-key.pem",
            "client_ca_file": "tls/ca.pem",
        },
        "policy_file": "policy.yaml",
        "page_token_key_file": "page-token.key",
        "stores": {
            "embedded": {"type": "sqlite", "path": "store.db", "master_key_file": "master.key"}
        },
        "audit": {"dir": "audit"},
        "log_level": "INFO",
        "metrics": {"listen": f"127.0.0.1:{metrics_port}"},
    }
    path = data_dir / "config.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    read_pair(tls, "ca")  # fail early if the CA files are damaged
    return load_config(path)


async def seed(broker: Broker) -> None:
    """Writes the demo secret and demo collections once, through the admin identity."""
    name = SecretName.parse(DEMO_SECRET)
    try:
        await broker.store.get(name)
        return
    except NotFound:
        pass
    text = resources.files("secrets_broker").joinpath("data/demo-collections.yaml").read_text()
    admin = Identity.of_spiffe_id(ADMIN_ID)
    await broker.import_collections(admin, text, dry_run=False)
    content = SecretContent(
        values={
            "userId": SecretValue("demo"),
            "clearPassword": SecretValue(secrets.token_urlsafe(24)),
        },
        refresh_after_seconds=600,
        labels={"env": "dev"},
    )
    await broker.put_secret(admin, name, content, expected_version=0, expected_etag=None)


def grpcurl_command(data_dir: Path, port: int, identity: str = "client") -> str:
    tls = data_dir.resolve() / "tls"
    return " ".join(
        [
            "grpcurl",
            "-cacert",
            shlex.quote(str(tls / "ca.pem")),
            "-cert",
            shlex.quote(str(tls / f"{identity}.pem")),
            "-key",
            shlex.quote(str(tls / f"{identity}-key.pem")),
            "-d",
            shlex.quote(json.dumps({"name": DEMO_SECRET})),
            f"127.0.0.1:{port}",
            "secretsbroker.v1.SecretsBrokerService/GetSecret",
        ]
    )
