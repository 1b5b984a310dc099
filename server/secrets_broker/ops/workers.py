"""What ``--workers N`` shares and what each worker process has of its own.

Shared: the gRPC port (and ``tokens.listen``'s), through SO_REUSEPORT among the workers
only. The supervisor binds each port first with SO_REUSEPORT and keeps that socket (bound,
never listening: the kernel hands connections to listening sockets only), so the port
stays reserved while workers restart. The kernel lets a socket join a reuseport group
only if every socket in it set SO_REUSEPORT and belongs to the same user, so a broker
with one worker (which never sets it, see api/limits.py) or anything of another user is
refused; another *multi-worker* broker of the same user would be let in, so the
supervisor also holds a lock named after the port: an abstract Unix socket, which lives
in the same network namespace as the port and vanishes with its holder.

Per worker: its cache, its audit chain (``<audit.dir>/w<i>/``), its metrics listener
(``metrics.listen``'s port + i, or a free one with port 0), its replica id; the page
token key is shared (a generated one, when the config has none).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
from dataclasses import dataclass
from pathlib import Path

from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import Config

LOCK_PREFIX = "secrets-broker/port/"
ATTRIBUTES_ENV = "OTEL_RESOURCE_ATTRIBUTES"


@dataclass(frozen=True, slots=True)
class WorkerRole:
    index: int
    count: int
    runtime_dir: Path  # the supervisor's private directory (bus sockets, page token key)
    listen_port: int
    tokens_port: int = 0


def _with_port(address: str, port: int) -> str:
    return f"{address.rsplit(':', 1)[0]}:{port}"


def _port(address: str) -> int:
    return int(address.rsplit(":", 1)[1])


def check_workers(config: Config, count: int) -> None:
    """Refuses settings that cannot be split between ``count`` workers."""
    if count > 1 and config.audit.sink == "stderr":
        raise ConfigError(
            "workers: audit.sink stderr would interleave the workers' hash chains on one "
            "stream; use sink: file (one chain per worker under audit.dir)"
        )


def worker_config(config: Config, role: WorkerRole) -> Config:
    """``config`` as worker ``role.index`` runs it."""
    update: dict[str, object] = {"listen": _with_port(config.listen, role.listen_port)}
    if config.tokens.listen:
        tokens_listen = _with_port(config.tokens.listen, role.tokens_port)
        update["tokens"] = config.tokens.model_copy(update={"listen": tokens_listen})
    if config.metrics.listen:
        base = _port(config.metrics.listen)
        listen = _with_port(config.metrics.listen, base + role.index if base else 0)
        update["metrics"] = config.metrics.model_copy(update={"listen": listen})
    if config.audit.sink == "file" and config.audit.dir is not None:
        update["audit"] = config.audit.model_copy(
            update={"dir": config.audit.dir / f"w{role.index}"}
        )
    if config.replication.replica_id:  # else host:pid, which differs already
        replica = f"{config.replication.replica_id}/w{role.index}"
        update["replication"] = config.replication.model_copy(update={"replica_id": replica})
    if config.page_token_key_file is None:
        update["page_token_key_file"] = role.runtime_dir / "page-token.key"
    return config.model_copy(update=update)


class PortGuard:
    """Holds the workers' ports against every other process (see the module's text)."""

    def __init__(self) -> None:
        self._held: list[socket.socket] = []

    def hold(self, key: str, address: str) -> int:
        """Reserves ``address`` (port 0: a free port) for the workers; returns its port."""
        host, _, port_text = address.rpartition(":")
        host = host.strip("[]")
        try:
            infos = socket.getaddrinfo(
                host, int(port_text), type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )
        except socket.gaierror as exc:
            raise ConfigError(f"{key}: cannot resolve {host!r}: {exc.strerror}") from None
        port = int(port_text)
        for family, kind, proto, _, sockaddr in dict.fromkeys(infos):
            sock = socket.socket(family, kind, proto)
            self._held.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # no SO_REUSEADDR
            try:
                sock.bind((sockaddr[0], port, *sockaddr[2:]))
            except OSError as exc:
                self.close()
                raise ConfigError(
                    f"{key}: cannot bind {address} ({exc.strerror}): another process, "
                    "maybe another broker, serves it"
                ) from None
            port = sock.getsockname()[1]
        self._lock(key, port)
        return port

    def _lock(self, key: str, port: int) -> None:
        lock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._held.append(lock)
        try:
            lock.bind(f"\0{LOCK_PREFIX}{port}")
        except OSError:
            self.close()
            raise ConfigError(
                f"{key}: port {port} is already served by another secrets-broker's workers"
            ) from None

    def close(self) -> None:
        for sock in self._held:
            with contextlib.suppress(OSError):
                sock.close()
        self._held.clear()


def stop_with_supervisor() -> None:
    """Stops this worker gracefully (as SIGTERM does) when its supervisor's pipe on stdin
    closes: the supervisor is gone, even if it was killed. Call inside the event loop."""
    loop = asyncio.get_running_loop()
    stdin = 0

    def readable() -> None:
        try:
            data = os.read(stdin, 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            loop.remove_reader(stdin)
            os.kill(os.getpid(), signal.SIGTERM)

    loop.add_reader(stdin, readable)


def label_telemetry(role: WorkerRole) -> None:
    """Sets ``service.instance.id`` (host, supervisor pid, worker index) in the
    OpenTelemetry resource, through OTEL_RESOURCE_ATTRIBUTES, which the SDK reads: the
    workers' OTLP metrics and traces are then told apart, not merged. Call before the
    telemetry starts."""
    instance = f"service.instance.id={socket.gethostname()}-{os.getppid()}-w{role.index}"
    given = os.environ.get(ATTRIBUTES_ENV, "")
    os.environ[ATTRIBUTES_ENV] = f"{given},{instance}" if given else instance
