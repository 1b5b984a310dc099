"""Revoked client certificates (CRL files) are refused, and CRL changes apply without a
restart, over real mutual TLS."""

import os
import subprocess
import sys
from pathlib import Path

import grpc
import pytest
import yaml
from secretsbroker.v1 import admin_service_pb2 as admin_pb

from secrets_broker.domain.crypto import create_master_key
from secrets_broker.ops.certs import Issued, issue_ca
from secrets_broker.ops.config import IdentityConfig
from tests.conftest import POLICY, Harness, start_harness
from tests.integration.helpers import rpc_error
from tests.pki import ADMIN_ID, Pki, crl, mint


async def _list(harness: Harness, who: Issued) -> None:
    await harness.admin_stub(who).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5)


async def _revoked(harness: Harness, who: Issued) -> None:
    await rpc_error(
        harness.admin_stub(who).ListSecrets(admin_pb.ListSecretsRequest(), timeout=5),
        grpc.StatusCode.UNAUTHENTICATED,
        "CERTIFICATE_REVOKED",
    )


def _identity(*crl_files: Path) -> IdentityConfig:
    # interval 0: the files are compared on every call, so a change shows on the next one
    return IdentityConfig(crl_files=list(crl_files), crl_reload_interval_seconds=0)


async def test_revoked_certificates_are_refused_and_crl_changes_apply(
    pki: Pki, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    first, second, good = (mint(pki.ca, uris=(ADMIN_ID,)) for _ in range(3))
    crl_file = tmp_path / "ca.crl"
    crl_file.write_bytes(crl(pki.ca, (first,)))
    h = await start_harness(pki, tmp_path, tmp_path / "policy.yaml", identity=_identity(crl_file))
    try:
        await _revoked(h, first)
        await _list(h, second)  # resolved (and memoized) before its revocation
        await _list(h, good)
        crl_file.write_bytes(crl(pki.ca, (first, second), der=True))
        await _revoked(h, second)
        await _list(h, good)
        # a CRL no client CA signed, or no CRL at all, keeps the lists in force
        crl_file.write_bytes(crl(issue_ca("another CA"), ()))
        await _revoked(h, second)
        assert "not signed by a client CA" in caplog.text
        crl_file.write_bytes(b"not a CRL")
        await _revoked(h, second)
        assert "is not a PEM or DER CRL" in caplog.text
        crl_file.write_bytes(crl(pki.ca, (first,)))  # second reinstated
        await _list(h, second)
        await _revoked(h, first)
    finally:
        await h.stop()


def test_an_unusable_crl_stops_start_up(pki: Pki, tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    (tmp_path / "ca.crl").write_bytes(crl(issue_ca("test CA"), ()))  # same name, another key
    create_master_key(tmp_path / "master.key")
    tls = pki.directory
    (tmp_path / "config.yaml").write_text(
        yaml.safe_dump(
            {
                "listen": "127.0.0.1:0",
                "tls": {
                    "cert_file": str(tls / "server.pem"),
                    "key_file": str(tls / "server-key.pem"),
                    "client_ca_file": str(tls / "ca.pem"),
                },
                "identity": {"crl_files": ["ca.crl"]},
                "policy_file": "policy.yaml",
                "stores": {
                    "main": {"type": "sqlite", "path": "db", "master_key_file": "master.key"}
                },
            }
        )
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "secrets_broker.ops.cli",
            "serve",
            "--config",
            str(tmp_path / "config.yaml"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=60,
    )
    assert result.returncode == 2
    assert (
        f"identity.crl_files: {tmp_path / 'ca.crl'} is not signed by a client CA" in result.stderr
    )
