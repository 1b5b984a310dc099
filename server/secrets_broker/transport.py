"""The gRPC transport: mutual TLS only, reflection, health, limits, graceful stop."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection
from secretsbroker.v1 import admin_service_pb2, broker_service_pb2
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.broker import Broker
from secrets_broker.config import LimitsConfig, TlsConfig
from secrets_broker.errors import ConfigError
from secrets_broker.service.handlers import AdminServicer, BrokerServicer

log = logging.getLogger("secrets_broker.transport")

BROKER_SERVICE = broker_service_pb2.DESCRIPTOR.services_by_name["SecretsBrokerService"].full_name
ADMIN_SERVICE = admin_service_pb2.DESCRIPTOR.services_by_name["SecretsAdminService"].full_name


def server_credentials(tls: TlsConfig) -> grpc.ServerCredentials:
    """Server credentials that require a client certificate signed by the client CA."""
    try:
        key, cert, ca = (p.read_bytes() for p in (tls.key_file, tls.cert_file, tls.client_ca_file))
    except OSError as exc:
        raise ConfigError(f"tls: cannot read {exc.filename}: {exc.strerror}") from None
    return grpc.ssl_server_credentials(
        [(key, cert)], root_certificates=ca, require_client_auth=True
    )


@dataclass
class RunningServer:
    server: grpc.aio.Server
    port: int
    health: HealthServicer

    async def stop(self, grace_seconds: float) -> None:
        """Stops accepting calls, lets in-flight ones finish within the grace period."""
        for service in ("", BROKER_SERVICE, ADMIN_SERVICE):
            await self.health.set(service, health_pb2.HealthCheckResponse.NOT_SERVING)
        await self.server.stop(grace_seconds)


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
    for service in ("", BROKER_SERVICE, ADMIN_SERVICE):
        await health_servicer.set(service, health_pb2.HealthCheckResponse.SERVING)
    return RunningServer(server, port, health_servicer)


async def serve_until_signalled(running: RunningServer, grace_seconds: float) -> None:
    """Serves until SIGTERM or SIGINT, then stops gracefully."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("signal received: draining for up to %.1fs", grace_seconds)
    await running.stop(grace_seconds)
