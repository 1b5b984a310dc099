"""The gRPC transport: mutual TLS only, reflection, health, limits, graceful stop."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import grpc
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection
from secretsbroker.v1 import admin_service_pb2, broker_service_pb2
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.access.audit.sink import AuditSink
from secrets_broker.api.handlers import AdminServicer, BrokerServicer
from secrets_broker.broker import Broker
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import LimitsConfig, TlsConfig

log = logging.getLogger("secrets_broker.api.transport")

BROKER_SERVICE = broker_service_pb2.DESCRIPTOR.services_by_name["SecretsBrokerService"].full_name
ADMIN_SERVICE = admin_service_pb2.DESCRIPTOR.services_by_name["SecretsAdminService"].full_name
SERVICES = ("", BROKER_SERVICE, ADMIN_SERVICE)


class CertificateReloader:
    """Serves the TLS files as they are now: gRPC calls this before every handshake, and
    a rotated certificate, key or client CA is picked up without a restart. A half-done
    rotation (a key that does not match its certificate) keeps the previous files."""

    def __init__(self, tls: TlsConfig) -> None:
        self._tls = tls
        self._signature = self._stat()
        self.initial = self._load()

    def _paths(self) -> tuple[Path, Path, Path]:
        return (self._tls.key_file, self._tls.cert_file, self._tls.client_ca_file)

    def _stat(self) -> bytes:
        # Contents, not mtimes: coarse file timestamps can hide a quick second rotation.
        digest = hashlib.sha256()
        for path in self._paths():
            digest.update(path.read_bytes())
        return digest.digest()

    def _load(self) -> grpc.ServerCertificateConfiguration:
        try:
            key, cert, ca = (p.read_bytes() for p in self._paths())
        except OSError as exc:
            raise ConfigError(f"tls: cannot read {exc.filename}: {exc.strerror}") from None
        try:
            private = serialization.load_pem_private_key(key, password=None)
            leaf = x509.load_pem_x509_certificate(cert)
            x509.load_pem_x509_certificates(ca)
        except ValueError:
            raise ConfigError("tls: a key or certificate file is not valid PEM") from None
        if private.public_key() != leaf.public_key():
            raise ConfigError("tls: the key file does not match the certificate file")
        return grpc.ssl_server_certificate_configuration([(key, cert)], root_certificates=ca)

    def __call__(self) -> grpc.ServerCertificateConfiguration | None:
        try:
            signature = self._stat()
            if signature == self._signature:
                return None
            config = self._load()
        except (OSError, ConfigError) as exc:
            log.warning("tls files changed but are not usable yet, keeping the old ones: %s", exc)
            return None
        self._signature = signature
        log.info("tls files reloaded")
        return config


def server_credentials(tls: TlsConfig) -> grpc.ServerCredentials:
    """Credentials that require a client certificate signed by the client CA, reloaded
    when the files change."""
    reloader = CertificateReloader(tls)
    return grpc.dynamic_ssl_server_credentials(
        reloader.initial,
        reloader,  # type: ignore[arg-type]  # grpc-stubs omit the documented "None: no change"
        require_client_authentication=True,
    )


@dataclass
class RunningServer:
    server: grpc.aio.Server
    port: int
    health: HealthServicer

    async def stop(self, grace_seconds: float) -> None:
        """Stops accepting calls, lets in-flight ones finish within the grace period."""
        await self.health.enter_graceful_shutdown()  # NOT_SERVING from now on, for good
        await self.server.stop(grace_seconds)


def follow_audit(health_servicer: HealthServicer, audit: AuditSink) -> set[asyncio.Task[None]]:
    """Health follows the audit sink: NOT_SERVING while it cannot record calls."""
    pending: set[asyncio.Task[None]] = set()

    def changed(serving: bool) -> None:
        status = health_pb2.HealthCheckResponse.SERVING
        if not serving:
            status = health_pb2.HealthCheckResponse.NOT_SERVING
            log.error("audit trail failing: NOT_SERVING until it recovers")
        for service in SERVICES:
            task = asyncio.ensure_future(health_servicer.set(service, status))
            pending.add(task)
            task.add_done_callback(pending.discard)

    audit.watch(changed)
    return pending


async def start_server(
    broker: Broker, tls: TlsConfig, listen: str, limits: LimitsConfig
) -> RunningServer:
    server = grpc.aio.server(
        options=[
            ("grpc.max_receive_message_length", limits.max_receive_message_bytes),
            ("grpc.max_send_message_length", limits.max_send_message_bytes),
            ("grpc.max_concurrent_streams", 100),
            # gRPC shares ports by default: a second process (a stale broker, or anyone
            # able to bind) would silently take half of the connections.
            ("grpc.so_reuseport", 0),
            ("grpc.keepalive_permit_without_calls", 1),
            ("grpc.http2.min_ping_interval_without_data_ms", 10_000),
        ],
        maximum_concurrent_rpcs=limits.max_concurrent_rpcs,
    )
    broker_grpc.add_SecretsBrokerServiceServicer_to_server(BrokerServicer(broker), server)
    admin_grpc.add_SecretsAdminServiceServicer_to_server(AdminServicer(broker), server)
    health_servicer = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    reflection.enable_server_reflection(
        (BROKER_SERVICE, ADMIN_SERVICE, health.SERVICE_NAME, reflection.SERVICE_NAME), server
    )
    try:
        port = server.add_secure_port(listen, server_credentials(tls))
    except RuntimeError:  # grpc's own text only says where to look
        port = 0
    if port == 0:
        raise ConfigError(f"listen: cannot bind {listen} (address in use or not local?)")
    await server.start()
    follow_audit(health_servicer, broker.audit)
    serving = health_pb2.HealthCheckResponse.SERVING
    if not broker.audit.serving:
        serving = health_pb2.HealthCheckResponse.NOT_SERVING
    for service in SERVICES:
        await health_servicer.set(service, serving)
    return RunningServer(server, port, health_servicer)


async def serve_until_signalled(
    running: RunningServer, grace_seconds: float, on_hangup: Callable[[], None] | None = None
) -> None:
    """Serves until SIGTERM or SIGINT, then stops gracefully; SIGHUP calls ``on_hangup``."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if on_hangup is not None:
        loop.add_signal_handler(signal.SIGHUP, on_hangup)
    await stop.wait()
    log.info("signal received: draining for up to %.1fs", grace_seconds)
    await running.stop(grace_seconds)
