"""The supervisor with real child processes (a tiny stand-in worker, not the broker): its
start-up failure, its restart backoff and its stop on SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import time
from collections.abc import Callable

import pytest

from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.supervisor import Ready, Supervisor

# argv: <mode> --ready-fd N. "crash": says ready, exits 3; "early": exits 3 at once;
# "serve": says ready, exits 0 on SIGTERM.
WORKER = """
import os, signal, sys
mode, fd = sys.argv[1], int(sys.argv[3])
if mode == "early":
    sys.exit(3)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
os.write(fd, f"ready 4242 -\\n".encode())
os.close(fd)
if mode == "crash":
    sys.exit(3)
signal.pause()
"""


def command(modes: list[str]) -> Callable[[int], list[str]]:
    def build(index: int) -> list[str]:
        return [sys.executable, "-c", WORKER, modes[index]]

    return build


async def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)  # polling the condition, with the deadline above


async def test_a_worker_that_dies_before_it_serves_stops_the_start() -> None:
    supervisor = Supervisor(2, command(["serve", "early"]), grace_seconds=5)
    with pytest.raises(ConfigError, match=r"workers: worker 1 did not start \(exit code 3\)"):
        await supervisor.run(lambda ready: None)


async def test_a_crashing_worker_is_restarted_with_a_growing_backoff_and_sigterm_stops_all(
    caplog: pytest.LogCaptureFixture,
) -> None:
    supervisor = Supervisor(2, command(["serve", "crash"]), grace_seconds=5)
    started: list[list[Ready]] = []
    with caplog.at_level(logging.INFO, "secrets_broker.supervisor"):
        running = asyncio.get_running_loop().create_task(supervisor.run(started.append))
        await until(lambda: supervisor.restarts >= 2, "two restarts")
        os.kill(os.getpid(), signal.SIGTERM)  # the supervisor's own handler
        assert await asyncio.wait_for(running, 30) == 0
    assert [[(r.index, r.port, r.metrics_url) for r in ready] for ready in started] == [
        [(0, 4242, None), (1, 4242, None)]
    ]
    delays = [
        r.getMessage().rsplit(" ", 1)[1]
        for r in caplog.records
        if r.getMessage().startswith("worker 1 (pid")
    ]
    assert delays[:2] == ["0.5s", "1.0s"], delays  # doubling while it keeps dying
    assert all(
        "(exit code 3)" in r.getMessage() for r in caplog.records if "exited" in r.getMessage()
    )
    assert "signal received: stopping 2 workers" in caplog.text
