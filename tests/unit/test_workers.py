"""``--workers``' pieces on real sockets: the sibling bus, the port guard, each worker's
config, one audit chain per worker (the processes themselves: tests/integration)."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from secrets_broker.access.audit.verify import chains
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import load_config
from secrets_broker.ops.telemetry import resource
from secrets_broker.ops.workers import (
    PortGuard,
    WorkerRole,
    check_workers,
    label_telemetry,
    worker_config,
)
from secrets_broker.replication.bus import ChangeKind, ChangeNotice, LocalBus
from secrets_broker.replication.siblings import SiblingBus, socket_path


class Recorder:
    def __init__(self) -> None:
        self.seen: list[ChangeNotice | str] = []

    def notice(self, notice: ChangeNotice) -> None:
        self.seen.append(notice)

    def lost(self) -> None:
        self.seen.append("lost")

    def restored(self) -> None:
        self.seen.append("restored")


@pytest.fixture
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Short: a Unix socket's path is at most 107 bytes.
    return tmp_path_factory.mktemp("rt")


async def test_a_publish_returns_once_every_sibling_applied_the_notice(runtime: Path) -> None:
    buses = [SiblingBus(runtime, i, 3, f"w{i}") for i in range(3)]
    seen = [Recorder() for _ in buses]
    for bus, recorder in zip(buses, seen, strict=True):
        bus.subscribe(recorder)
        await bus.start()
    try:
        notice = ChangeNotice("app/db", 4, ChangeKind.WRITTEN, "w1")
        await buses[1].publish(notice)
        # No waiting: the acknowledgements came after each sibling's listeners ran.
        assert [r.seen for r in seen] == [[notice], [notice], [notice]]
        assert buses[1].unconfirmed == 0
    finally:
        for bus in buses:
            await bus.close()


async def test_a_sibling_that_is_down_is_skipped_and_one_restarted_is_told(runtime: Path) -> None:
    writer, recorder = SiblingBus(runtime, 0, 2, "w0"), Recorder()
    await writer.start()
    try:
        await writer.publish(ChangeNotice("a", 1, ChangeKind.WRITTEN))  # w1 never started
        stale = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        stale.bind(str(socket_path(runtime, 1)))
        stale.close()  # a crashed worker's socket file: refused
        await writer.publish(ChangeNotice("a", 2, ChangeKind.WRITTEN))
        assert writer.unconfirmed == 0
        restarted = SiblingBus(runtime, 1, 2, "w1")
        restarted.subscribe(recorder)
        await restarted.start()  # replaces the stale file
        await writer.publish(ChangeNotice("a", 3, ChangeKind.DELETED))
        assert recorder.seen == [ChangeNotice("a", 3, ChangeKind.DELETED)]
        await restarted.close()
    finally:
        await writer.close()


async def test_a_sibling_that_never_answers_is_logged_after_the_timeout(
    runtime: Path, caplog: pytest.LogCaptureFixture
) -> None:
    writer = SiblingBus(runtime, 0, 2, "w0", ack_timeout_seconds=0.2)
    mute = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)  # bound, never read
    mute.bind(str(socket_path(runtime, 1)))
    await writer.start()
    try:
        with caplog.at_level(logging.ERROR, "secrets_broker.replication.siblings"):
            await writer.publish(ChangeNotice("app/db", 9, ChangeKind.WRITTEN))
        assert writer.unconfirmed == 1
        assert "worker 1 did not confirm the change of app/db within 0.2s" in caplog.text
        assert len(mute.recv(65536)) > 0  # it was sent; only the answer is missing
    finally:
        mute.close()
        await writer.close()


async def test_an_upstream_bus_carries_notices_both_ways_and_its_losses(runtime: Path) -> None:
    upstream = LocalBus("east/w0")  # stands for the PostgreSQL bus: same interface
    writer, reader = SiblingBus(runtime, 0, 2, "east/w0", upstream=upstream), Recorder()
    sibling, seen = SiblingBus(runtime, 1, 2, "east/w1"), Recorder()
    writer.subscribe(reader)
    sibling.subscribe(seen)
    await writer.start()
    await sibling.start()
    try:
        mine = ChangeNotice("a", 1, ChangeKind.WRITTEN, "east/w0")
        await writer.publish(mine)
        assert reader.seen == [mine]  # once, through the upstream
        assert seen.seen == [mine]
        remote = ChangeNotice("a", 2, ChangeKind.WRITTEN, "west/w0")
        upstream.deliver(remote)  # what a replica elsewhere announced
        upstream.deliver_lost()
        upstream.deliver_restored()
        assert reader.seen == [mine, remote, "lost", "restored"]
    finally:
        await sibling.close()
        await writer.close()


@contextlib.contextmanager
def guarded(address: str) -> Iterator[tuple[PortGuard, int]]:
    guard = PortGuard()
    try:
        yield guard, guard.hold("listen", address)
    finally:
        guard.close()


def test_the_guard_lets_reuseport_siblings_in_and_keeps_everyone_else_out() -> None:
    with guarded("127.0.0.1:0") as (_, port):
        assert port > 0
        sibling = socket.socket()
        sibling.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sibling.bind(("127.0.0.1", port))  # what a worker's gRPC server does
        sibling.listen()
        sibling.close()
        plain = socket.socket()
        plain.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a one-worker broker
        with pytest.raises(OSError):
            plain.bind(("127.0.0.1", port))
        plain.close()
        with (
            pytest.raises(ConfigError, match=f"listen: port {port} is already served by another"),
            guarded(f"127.0.0.1:{port}"),
        ):
            pass  # another supervisor: its reuseport bind succeeds, its lock does not
    with guarded(f"127.0.0.1:{port}") as (_, again):
        assert again == port  # released with its holder


def test_a_port_held_by_a_plain_socket_is_refused_with_its_key() -> None:
    plain = socket.socket()
    plain.bind(("127.0.0.1", 0))
    plain.listen()
    port = plain.getsockname()[1]
    try:
        with (
            pytest.raises(ConfigError, match=f"listen: cannot bind 127.0.0.1:{port}"),
            guarded(f"127.0.0.1:{port}"),
        ):
            pass
    finally:
        plain.close()


def write(tmp_path: Path, **extra: object) -> Path:
    doc = {
        "listen": "127.0.0.1:0",
        "tls": {"cert_file": "c.pem", "key_file": "k.pem", "client_ca_file": "ca.pem"},
        "policy_file": "policy.yaml",
        "stores": {"main": {"type": "sqlite", "path": "s.db", "master_key_file": "m.key"}},
        **extra,
    }
    path = tmp_path / "broker.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def test_each_worker_gets_its_own_metrics_port_audit_chain_and_replica(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            workers=3,
            metrics={"listen": "127.0.0.1:9464"},
            replication={"replica_id": "east"},
            tokens={"listen": "127.0.0.1:0"},
        )
    )
    assert config.workers == 3
    role = WorkerRole(2, 3, tmp_path / "rt", listen_port=50051, tokens_port=50052)
    mine = worker_config(config, role)
    assert mine.listen == "127.0.0.1:50051"
    assert mine.tokens.listen == "127.0.0.1:50052"
    assert mine.metrics.listen == "127.0.0.1:9466"
    assert mine.audit.dir == (tmp_path / "audit" / "w2").resolve()
    assert mine.replication.replica_id == "east/w2"
    assert mine.page_token_key_file == tmp_path / "rt" / "page-token.key"
    free = worker_config(load_config(write(tmp_path, metrics={"listen": "127.0.0.1:0"})), role)
    assert free.metrics.listen == "127.0.0.1:0"
    assert free.replication.replica_id == ""  # host:pid, which differs per worker


def test_workers_refuse_a_shared_stderr_audit_stream(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, audit={"sink": "stderr"}))
    check_workers(config, 1)
    with pytest.raises(ConfigError, match=r"workers: audit\.sink stderr"):
        check_workers(config, 2)


def test_a_directory_of_worker_chains_is_verified_chain_by_chain(tmp_path: Path) -> None:
    for stem in ("audit-000000000001.jsonl", "w0/audit-000000000001.jsonl",
                 "w0/audit-000000000007.jsonl", "w1/audit-000000000001.jsonl",
                 "wx/audit-000000000001.jsonl"):  # fmt: skip
        (tmp_path / stem).parent.mkdir(exist_ok=True)
        (tmp_path / stem).write_text("")
    found = chains([tmp_path])
    assert [[p.relative_to(tmp_path).as_posix() for p in chain] for chain in found] == [
        ["audit-000000000001.jsonl"],
        ["w0/audit-000000000001.jsonl", "w0/audit-000000000007.jsonl"],
        ["w1/audit-000000000001.jsonl"],
    ]
    given = [tmp_path / "w1/audit-000000000001.jsonl", tmp_path / "audit-000000000001.jsonl"]
    assert chains(given) == [given]  # files named one by one: one chain, as given


def test_each_worker_is_its_own_instance_in_the_telemetry_resource(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod")
    label_telemetry(WorkerRole(1, 2, tmp_path, 50051))
    attributes = resource().attributes
    assert attributes["deployment.environment"] == "prod"
    assert str(attributes["service.instance.id"]).endswith(f"-{os.getppid()}-w1")
