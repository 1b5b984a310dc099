"""Several broker processes over one PostgreSQL database, announcing their writes to each
other with LISTEN/NOTIFY (replication.postgres_store): for tests and bench/replicas.py.

``start_replicas(server, dbname, base, pki, names)`` starts one ``secrets-broker serve``
per name (its replica_id), in order (the first one migrates the schema), sharing a
master key, a page-token key and a policy where the admin may do anything and the
``client`` identity may read and watch everything under ``rot/``. Per-caller rate
limits are off: the tests drive hundreds of readers from one identity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from secrets_broker.domain.crypto import create_master_key
from tests.brokerproc import BrokerProcess, write_config
from tests.pki import ADMIN_ID, CLIENT_ID, Pki
from tests.servers import PgServer

POLICY = {
    "grants": [
        {"identities": [ADMIN_ID], "rpcs": ["*"], "names": ["**"]},
        {"identities": [CLIENT_ID], "rpcs": ["GetSecret", "WatchSecret"], "names": ["rot/**"]},
    ]
}
LISTEN_APPLICATION = "secrets-broker-listen"


def replica_config(base: Path, pki: Pki, dsn: str, replica: str, **extra: Any) -> Path:
    """A config directory for one replica under ``base``."""
    shared = base / "shared"
    if not (shared / "master.key").exists():
        shared.mkdir(parents=True, exist_ok=True)
        create_master_key(shared / "master.key")
        create_master_key(shared / "page-token.key")
        (shared / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    here = base / replica
    here.mkdir(parents=True, exist_ok=True)
    stores = {
        "shared": {"type": "postgres", "dsn": dsn, "master_key_file": str(shared / "master.key")}
    }
    settings: dict[str, Any] = {
        "replication": {"postgres_store": "shared", "replica_id": replica, "check_seconds": 2.0},
        "limits": {
            "per_identity": {"rate_per_second": 0, "max_in_flight": 10_000, "burst": 10_000},
            "max_concurrent_rpcs": 10_000,
        },
        "page_token_key_file": str(shared / "page-token.key"),
        "cache": {"default_ttl_seconds": 300},
        **extra,
    }
    return write_config(here, pki, shared / "policy.yaml", stores, **settings)


def start_replicas(
    server: PgServer, dbname: str, base: Path, pki: Pki, names: list[str], **extra: Any
) -> list[BrokerProcess]:
    started: list[BrokerProcess] = []
    try:
        for name in names:
            config = replica_config(base, pki, server.dsn(dbname), name, **extra)
            started.append(BrokerProcess(config, pki))
    except BaseException:
        for proc in started:
            proc.kill()
        raise
    return started
