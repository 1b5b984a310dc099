"""Disk full on the embedded store: a broker process whose file size limit runs out.

No small filesystem can be mounted here, so the broker runs under RLIMIT_FSIZE with
SIGXFSZ ignored: a write past the limit fails as on a full disk. Writes must then fail
with RESOURCE_EXHAUSTED/STORE_FULL and a message that says the store is full, the cause
must be in the log, every older version must stay readable (also after a restart), and
the broker must write again once there is room.
"""

from __future__ import annotations

import resource
import signal
from pathlib import Path

import grpc
import pytest
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.domain.crypto import create_master_key
from tests.brokerproc import BrokerProcess, write_config
from tests.integration.helpers import rpc_error
from tests.pki import Pki
from tests.reliability import Recorder

BATTERY = "disk-full"
LIMIT_BYTES = 3 * 1024 * 1024
MAX_PUTS = 200  # bounded: 200 x 180 KB is far past the limit


def limited() -> None:
    """In the child: a file size limit, and SIGXFSZ ignored so a write past it fails
    with an error (as on a full disk) instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT_BYTES, LIMIT_BYTES))


def big(i: int) -> dict[str, str]:
    return {f"k{j}": f"{i}-{j}-" + "v" * 60_000 for j in range(3)}


@pytest.mark.slow
async def test_full_store_refuses_writes_and_keeps_older_versions(
    pki: Pki, policy_file: Path, tmp_path: Path, reliability: Recorder
) -> None:
    create_master_key(tmp_path / "master.key")
    store = {"type": "sqlite", "path": str(tmp_path / "store.db"), "master_key_file": "master.key"}
    config = write_config(tmp_path, pki, policy_file, {"main": store})
    acked: list[tuple[str, int, int]] = []  # name, version, i
    broker = BrokerProcess(config, pki, preexec_fn=limited)
    try:
        admin = broker.admin()
        refused = None
        for i in range(MAX_PUTS):
            name = f"full/{i % 5}"
            call = admin.PutSecret(admin_pb.PutSecretRequest(name=name, values=big(i)), timeout=30)
            try:
                reply = await call
            except grpc.aio.AioRpcError as err:
                refused = err
                break
            acked.append((name, reply.metadata.version, i))
        assert refused is not None, f"{MAX_PUTS} puts fitted under {LIMIT_BYTES} bytes"
        err = await rpc_error(_again(refused), grpc.StatusCode.RESOURCE_EXHAUSTED, "STORE_FULL")
        assert "store is full" in (err.details() or "")
        again = admin.PutSecret(
            admin_pb.PutSecretRequest(name="full/0", values=big(-1)), timeout=30
        )
        await rpc_error(again, grpc.StatusCode.RESOURCE_EXHAUSTED, "STORE_FULL")
        await read_all(broker, acked)  # the full broker still serves every older version
    finally:
        await broker.close()
    log = broker.log_text()
    assert "is out of space" in log and "disk I/O error" in log, log[-2000:]
    assert "vvvvvvvvvv" not in log  # no value in the log

    broker = BrokerProcess(config, pki)  # restarted with room to write
    try:
        await read_all(broker, acked)
        reply = await broker.admin().PutSecret(
            admin_pb.PutSecretRequest(name="full/0", values=big(10_000)), timeout=30
        )
        assert reply.metadata.version == max(v for n, v, _ in acked if n == "full/0") + 1
    finally:
        await broker.close()
    reliability.record(
        BATTERY,
        f"sqlite/file size limit {LIMIT_BYTES // 1024 // 1024} MiB (RLIMIT_FSIZE)",
        "RESOURCE_EXHAUSTED/STORE_FULL; older versions readable; writes resume with room",
        writes=len(acked) + 2,
        acknowledged=len(acked),
        refused_store_full=2,
        lost=0,
    )


async def _again(err: grpc.aio.AioRpcError) -> None:
    raise err


async def read_all(broker: BrokerProcess, acked: list[tuple[str, int, int]]) -> None:
    reader = broker.reader()
    for name, version, i in acked:
        got = await reader.GetSecret(pb.GetSecretRequest(name=name, version=version), timeout=30)
        assert dict(got.secret.values) == big(i), f"{name} v{version}"
