"""The parent of ``--workers N``: starts the workers, restarts one that dies, drains all.

Each worker is this CLI again (``_worker``, ops/cli.py) in its own session, so a
terminal's Ctrl-C reaches the supervisor only, which then stops the workers in order.
A worker writes ``ready <port> <metrics url or ->`` on a pipe of its own (``--ready-fd``)
once it serves; its stdout and stderr are the supervisor's; its stdin is a pipe
from the supervisor that nothing is written to: when the supervisor dies, even by
SIGKILL, the worker reads EOF and stops gracefully, so no worker outlives it.

Workers start one after the other (the first seeds a dev broker's demo data alone). A
worker that fails before it serves at start-up stops the whole group (exit 2: its own
message is on stderr, e.g. a bad config); one that dies later is started again after a
backoff (0.5 s doubling to 30 s while it keeps dying within 10 s of its start), logged.
SIGTERM or SIGINT sends SIGTERM to every worker, which drains (shutdown_grace_seconds)
and exits; the supervisor then exits 0. SIGHUP is passed on (each reloads its policy).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import Config
from secrets_broker.ops.workers import PortGuard, check_workers

log = logging.getLogger("secrets_broker.supervisor")

BACKOFF_FIRST_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 30.0
STABLE_SECONDS = 10.0  # a worker that lived this long resets the backoff
START_TIMEOUT_SECONDS = 120.0
KILL_MARGIN_SECONDS = 15.0  # past the grace period, a worker still running is killed

WORKER_COMMAND = (sys.executable, "-m", "secrets_broker.ops.cli", "_worker")

Process = asyncio.subprocess.Process


@dataclass(frozen=True, slots=True)
class Ready:
    index: int
    pid: int
    port: int
    metrics_url: str | None

    def line(self) -> str:
        metrics = f" metrics on {self.metrics_url}" if self.metrics_url else ""
        return f"worker {self.index} pid {self.pid} ready{metrics}"


class Supervisor:
    def __init__(
        self, count: int, command: Callable[[int], list[str]], grace_seconds: float
    ) -> None:
        self._count = count
        self._command = command
        self._grace = grace_seconds
        self._stop = asyncio.Event()
        self._stopping = False
        self._all: set[Process] = set()
        self.restarts = 0

    async def run(self, on_ready: Callable[[list[Ready]], None]) -> int:
        """Runs the group until SIGTERM/SIGINT; ``on_ready`` once every worker serves."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._stop.set)
        loop.add_signal_handler(signal.SIGHUP, lambda: self._signal_all(signal.SIGHUP))
        ready: list[Ready] = []
        keepers: list[asyncio.Task[None]] = []
        try:
            for index in range(self._count):
                if self._stop.is_set():
                    return 0  # signalled while starting: the finally stops those started
                proc, started = await self._spawn(index)
                if started is None:
                    code = proc.returncode
                    raise ConfigError(f"workers: worker {index} did not start (exit code {code})")
                ready.append(started)
                keepers.append(loop.create_task(self._keep(index, proc)))
            on_ready(ready)
            await self._stop.wait()
            log.info("signal received: stopping %d workers", self._count)
        finally:
            self._stopping = True
            self._stop.set()
            self._signal_all(signal.SIGTERM)
            await self._drain(keepers)
        return 0

    async def _spawn(self, index: int) -> tuple[Process, Ready | None]:
        """Starts worker ``index``; its Ready once it serves, None if it died first."""
        loop = asyncio.get_running_loop()
        read_end, write_end = os.pipe()
        try:
            proc = await asyncio.create_subprocess_exec(
                *self._command(index),
                "--ready-fd",
                str(write_end),
                stdin=asyncio.subprocess.PIPE,  # stdout and stderr: the supervisor's own
                pass_fds=(write_end,),
                start_new_session=True,
            )
        finally:
            os.close(write_end)
        self._all.add(proc)
        reader = asyncio.StreamReader()
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(read_end, "rb", buffering=0)
        )
        line = b""
        try:
            async with asyncio.timeout(START_TIMEOUT_SECONDS):
                line = await reader.readline()
        except TimeoutError:
            _signal(proc, signal.SIGKILL)
        finally:
            transport.close()
        words = line.decode(errors="replace").split()
        if len(words) != 3 or words[0] != "ready":
            await proc.wait()  # it closed the pipe without a word: it is exiting
            return proc, None
        metrics = None if words[2] == "-" else words[2]
        return proc, Ready(index, proc.pid, int(words[1]), metrics)

    async def _keep(self, index: int, proc: Process) -> None:
        """Waits for worker ``index`` to exit and starts it again, until the group stops."""
        failures = 0
        started = time.monotonic()
        while True:
            code = await proc.wait()
            self._all.discard(proc)
            if self._stopping:
                return
            failures = 0 if time.monotonic() - started >= STABLE_SECONDS else failures + 1
            delay = min(BACKOFF_MAX_SECONDS, BACKOFF_FIRST_SECONDS * 2 ** (failures - 1))
            log.error(
                "worker %d (pid %d) exited (%s); restarting in %.1fs",
                index,
                proc.pid,
                _describe(code),
                max(delay, 0.0),
            )
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(max(delay, 0.0)):
                    await self._stop.wait()
            if self._stopping:
                return
            started = time.monotonic()
            proc, ready = await self._spawn(index)
            if ready is not None:
                self.restarts += 1
                log.warning("worker %d restarted (pid %d)", index, ready.pid)
                print(ready.line(), flush=True)
                if self._stopping:
                    _signal(proc, signal.SIGTERM)

    def _signal_all(self, sig: signal.Signals) -> None:
        for proc in self._all:
            _signal(proc, sig)

    async def _drain(self, keepers: list[asyncio.Task[None]]) -> None:
        """Waits for every worker's graceful stop; kills those that overstay."""
        try:
            async with asyncio.timeout(self._grace + KILL_MARGIN_SECONDS):
                await asyncio.gather(*keepers)
        except TimeoutError:
            for proc in self._all:
                if proc.returncode is None:
                    log.error("worker pid %d did not stop in time: killed", proc.pid)
                    _signal(proc, signal.SIGKILL)
            await asyncio.gather(*keepers)


def _signal(proc: Process, sig: signal.Signals) -> None:
    """os.kill, not Process.send_signal: that polls (reaps) the child first, racing the
    event loop's child watcher, which then reports exit code 255 for it."""
    if proc.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, sig)


def _describe(code: int) -> str:
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"signal {signal.Signals(-code).name}"
    return f"exit code {code}"


def print_ready(listen_host: str, ready: list[Ready]) -> None:
    """The lines a caller (or a test) waits for on stdout."""
    print(f"listening on {listen_host}:{ready[0].port}", flush=True)
    for worker in ready:
        print(worker.line(), flush=True)


def serve_workers(
    config: Config,
    config_path: Path,
    count: int,
    announce: Callable[[list[Ready]], None],
    *,
    seed: bool = False,
) -> int:
    """Guards the ports, runs ``count`` workers of ``config_path`` until signalled;
    ``announce`` once all serve. ``seed``: the first worker seeds the dev demo data."""
    check_workers(config, count)
    guard = PortGuard()
    runtime = Path(tempfile.mkdtemp(prefix="secrets-broker-"))  # mode 0700
    try:
        port = guard.hold("listen", config.listen)
        tokens = config.tokens.listen
        tokens_port = guard.hold("tokens.listen", tokens) if tokens else 0
        if config.page_token_key_file is None:
            create_master_key(runtime / "page-token.key")

        def command(index: int) -> list[str]:
            return [
                *WORKER_COMMAND,
                "--config", str(config_path.resolve()),
                "--index", str(index),
                "--count", str(count),
                "--runtime-dir", str(runtime),
                "--listen-port", str(port),
                "--tokens-port", str(tokens_port),
                *(["--seed"] if seed and index == 0 else []),
            ]  # fmt: skip

        supervisor = Supervisor(count, command, config.shutdown_grace_seconds)
        return asyncio.run(supervisor.run(announce))
    finally:
        guard.close()
        shutil.rmtree(runtime, ignore_errors=True)
