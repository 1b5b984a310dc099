"""The audit trail fails closed and never hangs the server, under real file-system faults:
a broker process whose audit file hits its size limit (RLIMIT_FSIZE, set from outside
with prlimit), whose stderr is /dev/full, or whose stderr is a pipe nobody reads; and an
in-process broker whose audit directory disappears. Reads answer UNAVAILABLE /
AUDIT_UNAVAILABLE, health answers NOT_SERVING, and both recover without a restart."""

import asyncio
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import IO, Any

import grpc
import yaml
from grpc_health.v1 import health_pb2, health_pb2_grpc
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.access.audit.sink import AuditSettings
from secrets_broker.access.audit.verify import verify
from secrets_broker.api.transport import BROKER_SERVICE
from secrets_broker.domain.crypto import create_master_key
from tests.conftest import start_harness
from tests.integration.helpers import rpc_error
from tests.pki import Pki

CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
SECRET = "connectors/audited"


class ChildBroker:
    """`secrets-broker serve` in its own process, with the test's certificates."""

    def __init__(
        self, pki: Pki, work: Path, policy: Path, audit: dict[str, Any], stderr: Any, **top: Any
    ) -> None:
        self.pki, self.work = pki, work
        create_master_key(work / "master.key")
        config = {
            "listen": "127.0.0.1:0",
            "tls": {
                "cert_file": str(pki.path("server")),
                "key_file": str(pki.key("server")),
                "client_ca_file": str(pki.path("ca")),
            },
            "policy_file": str(policy),
            "stores": {
                "main": {"type": "sqlite", "path": "store.db", "master_key_file": "master.key"}
            },
            "audit": audit,
            **top,
        }
        (work / "config.yaml").write_text(yaml.safe_dump(config))
        self.proc = subprocess.Popen(
            [*CLI, "serve", "--config", str(work / "config.yaml")],
            stdout=subprocess.PIPE,
            stderr=stderr,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        )
        assert self.proc.stdout is not None
        self.first_line = self.proc.stdout.readline().decode()
        self.address = self.first_line.split()[-1] if self.first_line else ""
        self._channels: list[grpc.aio.Channel] = []

    def channel(self, who: str) -> grpc.aio.Channel:
        creds = grpc.ssl_channel_credentials(
            root_certificates=self.pki.ca.cert_pem,
            private_key=self.pki.clients[who].key_pem,
            certificate_chain=self.pki.clients[who].cert_pem,
        )
        channel = grpc.aio.secure_channel(self.address, creds)
        self._channels.append(channel)
        return channel

    async def stop(self) -> int:
        for channel in self._channels:
            await channel.close()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return await asyncio.to_thread(self.proc.wait, 60)


class Clients:
    def __init__(self, channel: Callable[[str], grpc.aio.Channel]) -> None:
        self.reader = broker_grpc.SecretsBrokerServiceStub(channel("client"))
        self.admin = admin_grpc.SecretsAdminServiceStub(channel("admin"))
        self.health = health_pb2_grpc.HealthStub(channel("client"))

    def get(self, name: str = SECRET) -> Awaitable[pb.GetSecretResponse]:
        return self.reader.GetSecret(pb.GetSecretRequest(name=name), timeout=5)

    async def status(self, service: str = "") -> int:
        reply = await self.health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
        return int(reply.status)

    async def first_failure(self, attempts: int) -> grpc.aio.AioRpcError:
        """Reads until one fails (each bounded by its deadline: a hang fails the test)."""
        for _ in range(attempts):
            try:
                await self.get()
            except grpc.aio.AioRpcError as err:
                return err
        raise AssertionError(f"{attempts} reads all succeeded")

    async def fails_closed(self) -> None:
        """Reads of an existing, a missing and a forbidden name all get the same answer."""
        answers = []
        for name in (SECRET, "connectors/missing", "admin-only/anything"):
            err = await rpc_error(self.get(name), grpc.StatusCode.UNAVAILABLE, "AUDIT_UNAVAILABLE")
            answers.append(err.details())
        assert len(set(answers)) == 1
        for service in ("", BROKER_SERVICE):
            assert await self.status(service) == NOT_SERVING

    async def recovers(self, deadline_seconds: float = 60) -> None:
        deadline = time.monotonic() + deadline_seconds
        while True:
            try:
                reply = await self.get()
                break
            except grpc.aio.AioRpcError as err:
                assert err.code() == grpc.StatusCode.UNAVAILABLE, err
                assert time.monotonic() < deadline, "no recovery"
                await asyncio.sleep(0.05)  # polling interval, not a synchronisation
        assert reply.secret.values["k"] == "v1"
        for service in ("", BROKER_SERVICE):
            assert await self.status(service) == SERVING


def drain(stream: IO[bytes], into: list[bytes]) -> threading.Thread:
    thread = threading.Thread(target=lambda: into.extend(iter(stream.readline, b"")), daemon=True)
    thread.start()
    return thread


async def test_full_audit_file_fails_reads_closed_then_recovers(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    logs: list[bytes] = []
    child = ChildBroker(pki, tmp_path, policy_file, {"dir": "audit"}, subprocess.PIPE)
    assert child.proc.stderr is not None
    drain(child.proc.stderr, logs)
    c = Clients(child.channel)
    try:
        await c.admin.PutSecret(admin_pb.PutSecretRequest(name=SECRET, values={"k": "v1"}))
        await c.get()
        (active,) = (tmp_path / "audit").glob("audit-*.jsonl")
        limit = active.stat().st_size + 400  # room for one more record, not two
        resource.prlimit(child.proc.pid, resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        err = await c.first_failure(attempts=20)
        assert err.code() == grpc.StatusCode.UNAVAILABLE, err
        await c.fails_closed()
        await rpc_error(
            c.admin.PutSecret(admin_pb.PutSecretRequest(name=SECRET, values={"k": "v2"})),
            grpc.StatusCode.UNAVAILABLE,
            "AUDIT_UNAVAILABLE",
        )  # refused before the store is touched: still v1 below
        assert active.stat().st_size <= limit  # rolled back to whole records
        unlimited = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
        resource.prlimit(child.proc.pid, resource.RLIMIT_FSIZE, unlimited)
        await c.recovers()
    finally:
        assert await child.stop() == 0
    assert b"audit: cannot write to" in b"".join(logs)
    report = verify([tmp_path / "audit"])  # no half record left behind, no record lost
    assert report.ok, report.problem


async def test_stderr_on_a_full_device_refuses_to_serve(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    with open("/dev/full", "wb") as full:
        child = ChildBroker(pki, tmp_path, policy_file, {"sink": "stderr"}, full)
    assert child.first_line == ""  # never listened, so never served a secret unaudited
    assert await child.stop() == 2


async def test_stderr_pipe_nobody_reads_fails_closed_never_hangs(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    audit = {"sink": "stderr", "write_timeout_seconds": 0.5, "queue_max_records": 50}
    child = ChildBroker(pki, tmp_path, policy_file, audit, subprocess.PIPE)
    assert child.proc.stderr is not None
    c = Clients(child.channel)
    captured: list[bytes] = []
    try:
        await c.admin.PutSecret(admin_pb.PutSecretRequest(name=SECRET, values={"k": "v1"}))
        err = await c.first_failure(attempts=5000)  # a 64 KiB pipe holds a few hundred records
        assert err.code() == grpc.StatusCode.UNAVAILABLE, err
        await c.fails_closed()  # health included: it answers while the writer is stuck
        for _ in range(100):  # the queue overflows: refused at once, nothing sealed
            await rpc_error(c.get(), grpc.StatusCode.UNAVAILABLE, "AUDIT_UNAVAILABLE")
        reader = drain(child.proc.stderr, captured)
        await c.recovers()
    finally:
        assert await child.stop() == 0
    await asyncio.to_thread(reader.join, 30)
    (tmp_path / "stderr.log").write_bytes(b"".join(captured))
    report = verify([tmp_path / "stderr.log"], mixed=True)  # one chain, no gap, no torn line
    assert report.ok and report.first_seq == 1, report.problem


async def test_stderr_pipe_nobody_reads_does_not_stop_a_file_audited_broker(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    # DEBUG logs a line per call: far more than the pipe holds.
    # One caller at full speed: its rate limit lifted (this test is about the logs).
    fast = {"per_identity": {"rate_per_second": 1_000_000, "burst": 1_000_000}}
    child = ChildBroker(
        pki, tmp_path, policy_file, {"dir": "audit"}, subprocess.PIPE, log_level="DEBUG",
        limits=fast,
    )  # fmt: skip
    c = Clients(child.channel)
    try:
        await c.admin.PutSecret(admin_pb.PutSecretRequest(name=SECRET, values={"k": "v1"}))
        for i in range(2000):
            assert (await c.get()).secret.values["k"] == "v1"
            if i % 100 == 0:
                assert await c.status() == SERVING
    finally:
        assert child.proc.stderr is not None
        reader = drain(child.proc.stderr, [])
        assert await child.stop() == 0
        await asyncio.to_thread(reader.join, 30)


async def test_audit_directory_gone_fails_closed_then_recovers(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    settings = AuditSettings(fsync="none", write_timeout_seconds=0.5)
    h = await start_harness(pki, tmp_path, policy_file, audit=settings, audit_rotate_bytes=4096)
    c = Clients(h.channel)
    audit_dir, moved = tmp_path / "audit", tmp_path / "audit-moved"
    try:
        await c.admin.PutSecret(admin_pb.PutSecretRequest(name=SECRET, values={"k": "v1"}))
        await c.get()
        audit_dir.rename(moved)
        audit_dir.write_text("not a directory")  # the next file cannot be created
        err = await c.first_failure(attempts=100)  # at the next rotation
        assert err.code() == grpc.StatusCode.UNAVAILABLE, err
        await c.fails_closed()
        audit_dir.unlink()
        moved.rename(audit_dir)
        await c.recovers()
    finally:
        await h.stop()
    report = verify([audit_dir])
    assert report.ok, report.problem
