"""The broker as its own process (`secrets-broker serve --config`), for tests that kill it.

``BrokerProcess(config_file)`` starts it and waits for its "listening on" line; its log
(stderr) goes to a file next to the config, so a chatty broker never blocks on a full
pipe. ``kill()`` is SIGKILL: no cleanup of any kind runs in the broker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import yaml
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from tests.pki import Pki

CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]


def write_config(
    directory: Path, pki: Pki, policy_file: Path, stores: dict[str, Any], **extra: Any
) -> Path:
    config = {
        "listen": "127.0.0.1:0",
        "tls": {
            "cert_file": str(pki.path("server")),
            "key_file": str(pki.key("server")),
            "client_ca_file": str(pki.path("ca")),
        },
        "policy_file": str(policy_file),
        "stores": stores,
        "log_level": "WARNING",
        **extra,
    }
    path = directory / "broker.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


class BrokerProcess:
    def __init__(
        self, config: Path, pki: Pki, preexec_fn: Callable[[], None] | None = None
    ) -> None:
        self.pki = pki
        self.log_file = config.parent / "broker.log"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        with self.log_file.open("ab") as log:
            self.proc = subprocess.Popen(
                [*CLI, "serve", "--config", str(config)],
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                env=env,
                preexec_fn=preexec_fn,  # the child's own limits only
            )
        assert self.proc.stdout is not None
        first = self.proc.stdout.readline()  # the broker prints it once it serves
        if not first.startswith("listening on "):
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"broker did not start: {first!r}\n{self.log_text()}")
        self.address = first.split()[-1]
        self._channels: list[grpc.aio.Channel] = []

    def log_text(self) -> str:
        return self.log_file.read_text(errors="replace")

    def channel(self, who: str = "admin") -> grpc.aio.Channel:
        creds = grpc.ssl_channel_credentials(
            root_certificates=self.pki.ca.cert_pem,
            private_key=self.pki.clients[who].key_pem,
            certificate_chain=self.pki.clients[who].cert_pem,
        )
        channel = grpc.aio.secure_channel(self.address, creds)
        self._channels.append(channel)
        return channel

    def admin(self) -> admin_grpc.SecretsAdminServiceStub:
        return admin_grpc.SecretsAdminServiceStub(self.channel())

    def reader(self) -> broker_grpc.SecretsBrokerServiceStub:
        return broker_grpc.SecretsBrokerServiceStub(self.channel())

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    async def close(self) -> None:
        for channel in self._channels:
            await channel.close(None)
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
