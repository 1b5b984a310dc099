"""The command line of ``--workers``: the supervisor's start and the internal ``_worker``
command it runs once per worker (ops/supervisor.py, ops/workers.py)."""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
from pathlib import Path

from secrets_broker.broker import Broker
from secrets_broker.ops import devmode
from secrets_broker.ops.app import run
from secrets_broker.ops.config import Config, load_config
from secrets_broker.ops.logsetup import setup_logging
from secrets_broker.ops.supervisor import Ready, print_ready, serve_workers
from secrets_broker.ops.workers import WorkerRole

WORKERS_HELP = "processes serving the one port (default 1)"


def worker_count(text: str) -> int:
    count = int(text)
    if not 1 <= count <= 64:
        raise argparse.ArgumentTypeError("must be between 1 and 64")
    return count


def add_worker_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = sub.add_parser("_worker", help="(internal) one of --workers, run by the supervisor")
    worker.add_argument("--config", required=True)
    for flag in ("--index", "--count", "--listen-port", "--tokens-port", "--ready-fd"):
        worker.add_argument(flag, type=int, required=True)
    worker.add_argument("--runtime-dir", required=True)
    worker.add_argument("--seed", action="store_true")
    worker.set_defaults(func=cmd_worker)


def supervise(config: Config, banner: Path | None, config_path: Path, count: int) -> int:
    def announce(ready: list[Ready]) -> None:
        print_ready(config.listen.rsplit(":", 1)[0], ready)
        if banner is not None:
            print(devmode.grpcurl_command(banner, ready[0].port), flush=True)
            print(f"audit trail in {config.audit.dir}/w<i>/", flush=True)

    return serve_workers(config, config_path, count, announce, seed=banner is not None)


def cmd_worker(args: argparse.Namespace) -> int:
    """One of ``--workers`` (ops/supervisor.py starts it): serves, says ``ready``."""
    config = load_config(Path(args.config))
    setup_logging(config.log_level, config.log.format, config.log.rpc_lines)
    role = WorkerRole(
        args.index, args.count, Path(args.runtime_dir), args.listen_port, args.tokens_port
    )

    async def ready(broker: Broker, port: int, metrics_url: str | None) -> None:
        if args.seed:
            await devmode.seed(broker)
        os.write(args.ready_fd, f"ready {port} {metrics_url or '-'}\n".encode())
        os.close(args.ready_fd)

    supervisor = os.getppid()
    asyncio.run(run(config, ready, role))
    if os.getppid() != supervisor:  # it died first (SIGKILL?): its directory is left over
        shutil.rmtree(role.runtime_dir, ignore_errors=True)  # the shared page token key too
    return 0
