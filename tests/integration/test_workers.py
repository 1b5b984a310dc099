"""``serve --workers 2``: real worker processes on one port, over real mutual TLS.

Which worker answered a call is read from the workers' own Prometheus endpoints (each
worker has its own, printed by the supervisor): the test makes one call per new
connection and sees whose GetSecret count moved. The kernel spreads connections over
the workers, so the tests open connections until both have answered (with a deadline).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import psycopg
import pytest
import yaml
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.domain.crypto import create_master_key
from tests.brokerproc import CLI, BrokerProcess, write_config
from tests.integration.helpers import reason_of
from tests.pki import STRANGER_ID, Pki
from tests.replicas import replica_config
from tests.servers import PgServer
from tests.tools import env_with_tools, tool

DEADLINE_SECONDS = 60.0
MAX_CONNECTIONS = 200  # far more than two workers need to both be hit
NAME = "app/db"
COUNT = re.compile(r'^secretsbroker_rpc_duration_seconds_count\{code="OK",method="(\w+)"\} (\S+)$')
LOOKUPS = re.compile(r"^secretsbroker_cache_(?:hits|misses)_total (\S+)$")
READY = re.compile(r"^worker (\d+) pid (\d+) ready metrics on (\S+)$")


@dataclass
class Worker:
    pid: int
    metrics: str


def config_for(
    directory: Path, pki: Pki, policy_file: Path, listen: str = "127.0.0.1:0", **extra: object
) -> Path:
    directory.mkdir(exist_ok=True)
    create_master_key(directory / "master.key")
    store = {
        "type": "sqlite",
        "path": str(directory / "store.db"),
        "master_key_file": str(directory / "master.key"),
    }
    settings = {"workers": 2, "metrics": {"listen": "127.0.0.1:0"}, "listen": listen, **extra}
    return write_config(directory, pki, policy_file, {"main": store}, **settings)


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def read_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    return proc.stdout.readline()


async def next_ready(proc: subprocess.Popen[str]) -> tuple[int, Worker]:
    """The supervisor's next ``worker i pid P ready`` line (a blocking read in a thread)."""
    async with asyncio.timeout(DEADLINE_SECONDS):
        line = await asyncio.to_thread(read_line, proc)
    match = READY.match(line.strip())
    assert match, f"not a ready line: {line!r}"
    return int(match[1]), Worker(int(match[2]), match[3])


def ok_counts(worker: Worker) -> dict[str, float]:
    with urllib.request.urlopen(worker.metrics, timeout=10) as reply:  # noqa: S310 -- local
        text = reply.read().decode()
    return {m[1]: float(m[2]) for line in text.splitlines() if (m := COUNT.match(line))}


def lookups(worker: Worker) -> float:
    """The worker's cache lookups so far (a watch's first read is one)."""
    with urllib.request.urlopen(worker.metrics, timeout=10) as reply:  # noqa: S310 -- local
        text = reply.read().decode()
    return sum(float(m[1]) for line in text.splitlines() if (m := LOOKUPS.match(line)))


def answered(workers: dict[int, Worker], before: dict[int, dict[str, float]], rpc: str) -> int:
    """The one worker whose count of ``rpc`` moved since ``before``."""
    moved = [i for i, w in workers.items() if ok_counts(w).get(rpc, 0) > before[i].get(rpc, 0)]
    assert len(moved) == 1, moved
    return moved[0]


class Group:
    def __init__(self, broker: BrokerProcess) -> None:
        self.broker = broker
        self.workers: dict[int, Worker] = {}

    async def start(self) -> None:
        for _ in range(2):
            index, worker = await next_ready(self.broker.proc)
            self.workers[index] = worker

    def connection(self, who: str = "admin") -> grpc.aio.Channel:
        """A channel of its own (no subchannel shared with the others): a new connection."""
        pki = self.broker.pki
        creds = grpc.ssl_channel_credentials(
            root_certificates=pki.ca.cert_pem,
            private_key=pki.clients[who].key_pem,
            certificate_chain=pki.clients[who].cert_pem,
        )
        options = [("grpc.use_local_subchannel_pool", 1)]
        return grpc.aio.secure_channel(self.broker.address, creds, options=options)

    async def call(self, rpc: str, request: object, who: str = "admin") -> tuple[int, object]:
        """``rpc`` on a new connection; which worker answered, and the reply."""
        before = {i: ok_counts(w) for i, w in self.workers.items()}
        async with self.connection(who) as channel:
            admin = admin_grpc.SecretsAdminServiceStub(channel)
            reader = broker_grpc.SecretsBrokerServiceStub(channel)
            method = getattr(reader if rpc == "GetSecret" else admin, rpc)
            reply = await method(request, timeout=30)
        return answered(self.workers, before, rpc), reply

    async def on(self, worker: int, rpc: str, request: object) -> object:
        """``rpc`` on new connections until ``worker`` answers it; its reply."""
        for _ in range(MAX_CONNECTIONS):
            answering, reply = await self.call(rpc, request)
            if answering == worker:
                return reply
        raise AssertionError(f"worker {worker} answered none of {MAX_CONNECTIONS} connections")

    async def read_on_each(self, name: str, wanted: set[int]) -> dict[int, dict[str, str]]:
        """GetSecret of ``name`` on new connections until each worker in ``wanted`` has
        answered; the values each answered with (every answer of a worker must agree)."""
        seen: dict[int, dict[str, str]] = {}
        for _ in range(MAX_CONNECTIONS):
            worker, reply = await self.call("GetSecret", pb.GetSecretRequest(name=name))
            assert isinstance(reply, pb.GetSecretResponse)
            values = dict(reply.secret.values)
            assert seen.setdefault(worker, values) == values
            if wanted <= set(seen):
                return seen
        raise AssertionError(f"only workers {sorted(seen)} answered {MAX_CONNECTIONS} connections")


@pytest.fixture
async def group(pki: Pki, policy_file: Path, tmp_path: Path) -> AsyncIterator[Group]:
    # INFO: each worker logs "stopped" at the end of its graceful stop.
    broker = BrokerProcess(config_for(tmp_path / "a", pki, policy_file, log_level="INFO"), pki)
    group = Group(broker)
    try:
        await group.start()
        yield group
    finally:
        await broker.close()


async def test_over_postgres_replication_the_siblings_still_answer_after_the_write(
    postgres_server: PgServer, pki: Pki, tmp_path: Path
) -> None:
    async with postgres_server.database() as dbname:
        dsn = postgres_server.dsn(dbname)
        config = replica_config(
            tmp_path, pki, dsn, "east", workers=2, metrics={"listen": "127.0.0.1:0"}
        )
        group = Group(BrokerProcess(config, pki))
        try:
            await group.start()
            # Each worker is a replica of its own on the PostgreSQL bus.
            async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
                rows = await conn.execute(
                    "SELECT application_name FROM pg_stat_activity WHERE datname = %s "
                    "AND application_name LIKE 'secrets-broker-listen%%' ORDER BY 1",
                    (dbname,),
                )
                names = [row[0] for row in await rows.fetchall()]
            assert names == ["secrets-broker-listen east/w0", "secrets-broker-listen east/w1"]
            await put(group, {"password": "pg1"})
            await group.read_on_each(NAME, {0, 1})
            for round_ in (2, 3):
                writer, _ = await put(group, {"password": f"pg{round_}"})
                seen = await group.read_on_each(NAME, {1 - writer})
                assert all(v == {"password": f"pg{round_}"} for v in seen.values()), seen
        finally:
            await group.broker.close()


async def put(group: Group, values: dict[str, str]) -> tuple[int, int]:
    worker, reply = await group.call(
        "PutSecret", admin_pb.PutSecretRequest(name=NAME, values=values)
    )
    assert isinstance(reply, admin_pb.PutSecretResponse)
    return worker, reply.metadata.version


async def test_two_workers_serve_and_a_write_through_one_is_read_through_the_other(
    group: Group,
) -> None:
    pids = {w.pid for w in group.workers.values()}
    assert len(pids) == 2 and group.broker.proc.pid not in pids
    await put(group, {"password": "v1"})
    # Both workers now hold version 1 in their caches (TTL 300 s).
    assert await group.read_on_each(NAME, {0, 1}) == {0: {"password": "v1"}, 1: {"password": "v1"}}
    writers: set[int] = set()
    for round_ in range(2, 6):
        writer, version = await put(group, {"password": f"v{round_}"})
        assert version == round_
        writers.add(writer)
        seen = await group.read_on_each(NAME, {1 - writer})
        assert all(values == {"password": f"v{round_}"} for values in seen.values()), seen
    assert writers  # which worker took each write is the kernel's choice


async def test_a_watch_on_either_worker_hears_of_a_write_through_the_other(
    group: Group,
) -> None:
    await put(group, {"password": "w1"})
    request = pb.WatchSecretRequest(names=[NAME])
    watches: dict[int, Any] = {}
    channels = []
    try:
        for _ in range(MAX_CONNECTIONS):  # a watch per worker: its first read shows where
            before = {i: lookups(w) for i, w in group.workers.items()}
            channels.append(channel := group.connection())
            call = broker_grpc.SecretsBrokerServiceStub(channel).WatchSecret(request)
            first = await asyncio.wait_for(call.read(), DEADLINE_SECONDS)
            assert first.version.secret.version == 1
            assert (await asyncio.wait_for(call.read(), DEADLINE_SECONDS)).HasField("synced")
            [worker] = [i for i, w in group.workers.items() if lookups(w) > before[i]]
            if worker in watches:
                call.cancel()
            watches.setdefault(worker, call)
            if len(watches) == 2:
                break
        assert sorted(watches) == [0, 1]
        _, version = await put(group, {"password": "w2"})
        for call in watches.values():
            async with asyncio.timeout(DEADLINE_SECONDS):
                event = await call.read()
                while event.HasField("heartbeat"):  # a quiet stream's, every 15 s
                    event = await call.read()
            assert event.version.secret.version == version == 2
            assert dict(event.version.secret.values) == {"password": "w2"}
    finally:
        for call in watches.values():
            call.cancel()
        for channel in channels:
            await channel.close(None)


async def test_a_page_token_from_one_worker_is_honoured_by_the_other(group: Group) -> None:
    for n in range(4):
        await group.call(
            "PutSecret", admin_pb.PutSecretRequest(name=f"page/{n}", values={"k": "v"})
        )
    first, reply = await group.call(
        "ListSecrets", admin_pb.ListSecretsRequest(prefix="page/", page_size=2)
    )
    assert isinstance(reply, admin_pb.ListSecretsResponse)
    assert [m.name for m in reply.secrets] == ["page/0", "page/1"]
    request = admin_pb.ListSecretsRequest(
        prefix="page/", page_size=2, page_token=reply.next_page_token
    )
    rest = await group.on(1 - first, "ListSecrets", request)
    assert isinstance(rest, admin_pb.ListSecretsResponse)
    assert [m.name for m in rest.secrets] == ["page/2", "page/3"]


async def test_a_killed_worker_is_restarted_and_serves_again(group: Group) -> None:
    await put(group, {"password": "before"})
    victim = group.workers[1]
    os.kill(victim.pid, signal.SIGKILL)
    index, restarted = await next_ready(group.broker.proc)
    assert index == 1 and restarted.pid != victim.pid
    group.workers[1] = restarted
    seen = await group.read_on_each(NAME, {0, 1})
    assert seen == {0: {"password": "before"}, 1: {"password": "before"}}
    # The restarted worker takes part in invalidation like the first one did.
    writer, _ = await put(group, {"password": "after"})
    seen = await group.read_on_each(NAME, {1 - writer})
    assert all(values == {"password": "after"} for values in seen.values()), seen
    wanted = f"worker 1 (pid {victim.pid}) exited (signal SIGKILL); restarting"
    assert wanted in group.broker.log_text()


async def test_sighup_reloads_the_policy_in_every_worker(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    policy = yaml.safe_load(policy_file.read_text())
    mine = tmp_path / "policy.yaml"
    mine.write_text(yaml.safe_dump(policy))
    config = config_for(tmp_path, pki, mine, policy_reload_interval_seconds=0)  # SIGHUP only
    group = Group(BrokerProcess(config, pki))
    try:
        await group.start()
        await put(group, {"password": "granted"})
        request = pb.GetSecretRequest(name=NAME)
        with pytest.raises(grpc.aio.AioRpcError) as denied:
            await group.call("GetSecret", request, who="stranger")
        assert denied.value.code() is grpc.StatusCode.PERMISSION_DENIED
        assert reason_of(denied.value) == "RPC_NOT_GRANTED"
        policy["grants"].append(
            {"identities": [STRANGER_ID], "rpcs": ["GetSecret"], "names": ["app/**"]}
        )
        mine.write_text(yaml.safe_dump(policy))
        group.broker.proc.send_signal(signal.SIGHUP)
        allowed: dict[int, object] = {}
        deadline = time.monotonic() + DEADLINE_SECONDS
        while set(allowed) != {0, 1} and time.monotonic() < deadline:
            with contextlib.suppress(grpc.aio.AioRpcError):  # that worker not reloaded yet
                worker, reply = await group.call("GetSecret", request, who="stranger")
                allowed[worker] = reply
        assert sorted(allowed) == [0, 1]
        for reply in allowed.values():
            assert isinstance(reply, pb.GetSecretResponse)
            assert dict(reply.secret.values) == {"password": "granted"}
    finally:
        await group.broker.close()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


async def test_a_foreign_broker_cannot_take_the_workers_port(
    group: Group, pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    port = group.broker.address.rsplit(":", 1)[1]
    other = config_for(tmp_path / "b", pki, policy_file, listen=f"127.0.0.1:{port}")
    with_workers = run_cli("serve", "--config", str(other))
    assert with_workers.returncode == 2, with_workers.stderr
    assert with_workers.stdout == ""
    wanted = (
        f"secrets-broker: listen: port {port} is already served by another secrets-broker's workers"
    )
    assert wanted in with_workers.stderr
    single = run_cli("serve", "--config", str(other), "--workers", "1")
    assert single.returncode == 2, single.stderr
    assert f"secrets-broker: listen: cannot bind 127.0.0.1:{port}" in single.stderr
    # The group still serves, on both workers.
    await put(group, {"password": "still"})
    assert await group.read_on_each(NAME, {0, 1}) == {
        0: {"password": "still"},
        1: {"password": "still"},
    }


async def test_sigterm_drains_every_worker_and_the_audit_chains_verify(
    group: Group, tmp_path: Path
) -> None:
    await put(group, {"password": "audited"})
    await group.read_on_each(NAME, {0, 1})
    proc = group.broker.proc
    proc.send_signal(signal.SIGTERM)
    assert await asyncio.to_thread(proc.wait, DEADLINE_SECONDS) == 0
    assert not any(alive(w.pid) for w in group.workers.values())
    log = group.broker.log_text()
    assert "secrets_broker.supervisor signal received: stopping 2 workers" in log
    assert log.count("secrets_broker stopped") == 2  # each worker's graceful stop ran
    audit = tmp_path / "a" / "audit"
    assert sorted(p.name for p in audit.iterdir()) == ["w0", "w1"]
    checked = run_cli("audit", "verify", str(audit))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    chains = re.findall(r"^chain (\S+):\nok: (\d+) records", checked.stdout, re.MULTILINE)
    assert [Path(c).name for c, _ in chains] == ["w0", "w1"]
    assert all(int(records) >= 2 for _, records in chains), checked.stdout


async def test_a_supervisor_killed_outright_takes_its_workers_with_it(group: Group) -> None:
    argv = Path(f"/proc/{group.workers[0].pid}/cmdline").read_bytes().split(b"\0")
    runtime = Path(argv[argv.index(b"--runtime-dir") + 1].decode())
    assert (runtime / "page-token.key").exists()
    group.broker.kill()  # SIGKILL: the workers see their stdin pipe close
    deadline = time.monotonic() + DEADLINE_SECONDS
    running = set(group.workers)
    while running and time.monotonic() < deadline:
        running = {i for i in running if alive(group.workers[i].pid)}
        await asyncio.sleep(0.05)  # polling the condition, with the deadline above
    assert not running, f"workers {sorted(running)} outlived their supervisor"
    assert not runtime.exists()  # its private directory (and key) went with the workers


async def test_a_worker_that_cannot_start_stops_the_group_with_its_reason(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = config_for(tmp_path, pki, policy_file, metrics={"listen": f"127.0.0.1:{port}"})
        result = run_cli("serve", "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert f"metrics.listen: cannot bind 127.0.0.1:{port}" in result.stderr
    assert "secrets-broker: workers: worker 0 did not start (exit code 2)" in result.stderr


async def test_dev_with_two_workers_serves_the_demo_secret(tmp_path: Path) -> None:
    env = {**env_with_tools(), "PYTHONPATH": os.pathsep.join(sys.path)}
    argv = [*CLI, "dev", "--workers", "2", "--port", "0", "--data-dir", str(tmp_path)]
    with (tmp_path / "log").open("wb") as log:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    try:
        lines = [await asyncio.wait_for(asyncio.to_thread(read_line, proc), 60) for _ in range(5)]
        assert lines[0].startswith("listening on 127.0.0.1:"), lines
        assert [READY.match(line.strip()) is not None for line in lines[1:3]] == [True, True]
        assert lines[4].strip() == f"audit trail in {tmp_path.resolve() / 'audit'}/w<i>/"
        pasted = shlex.split(lines[3])
        assert pasted[0] == "grpcurl"
        for _ in range(4):  # new connections: the kernel picks a worker each time
            out = subprocess.run(
                [tool("grpcurl"), *pasted[1:]], capture_output=True, text=True, timeout=60
            )
            assert out.returncode == 0, out.stderr
            assert json.loads(out.stdout)["secret"]["values"]["userId"] == "demo"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(proc.wait, DEADLINE_SECONDS) == 0
