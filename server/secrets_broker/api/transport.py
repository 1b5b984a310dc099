"""The gRPC transport: mutual TLS only, reflection, health, limits, graceful stop."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import grpc
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from grpc_health.v1 import health, health_pb2
from grpc_health.v1._async import HealthServicer
from secretsbroker.v1 import admin_service_pb2, broker_service_pb2

from secrets_broker.access.audit.sink import AuditSink
from secrets_broker.access.certificates import PeerIdentities
from secrets_broker.access.revocation import RevocationList
from secrets_broker.access.tokens import TokenVerifier
from secrets_broker.api import limits as call_limits
from secrets_broker.api.authn import Authenticator
from secrets_broker.api.handlers import AdminServicer, BrokerServicer, abort_error
from secrets_broker.api.health import HealthBoard
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.api.reflection import enable_reflection
from secrets_broker.api.workload import WorkloadCertificates
from secrets_broker.broker import Broker
from secrets_broker.domain.errors import ConfigError
from secrets_broker.metrics import Registry
from secrets_broker.ops.config import IdentityConfig, LimitsConfig, TlsConfig

log = logging.getLogger("secrets_broker.api.transport")

_BROKER = broker_service_pb2.DESCRIPTOR.services_by_name["SecretsBrokerService"]
_ADMIN = admin_service_pb2.DESCRIPTOR.services_by_name["SecretsAdminService"]
_HEALTH = health_pb2.DESCRIPTOR.services_by_name["Health"]
BROKER_SERVICE = _BROKER.full_name
ADMIN_SERVICE = _ADMIN.full_name
# SERVING from start to stop, whatever the stores or the audit sink do: for liveness
# probes, which must not restart a broker that is only waiting for a store to return.
LIVENESS_SERVICE = "secretsbroker.liveness"


class CertificateReloader:
    """The TLS files as they are now: a rotated certificate, key or client CA is picked
    up without a restart. A half-done rotation (a key that does not match its
    certificate) keeps the previous files."""

    def __init__(self, tls: TlsConfig) -> None:
        self._tls = tls
        self._snapshot = (self._stat(), self._load())

    def _paths(self) -> tuple[Path, Path, Path]:
        tls = self._tls
        assert tls.key_file and tls.cert_file and tls.client_ca_file  # source: files
        return (tls.key_file, tls.cert_file, tls.client_ca_file)

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

    def snapshot(self) -> tuple[bytes, grpc.ServerCertificateConfiguration]:
        """The files' digest and certificate configuration, reloaded if they changed."""
        try:
            signature = self._stat()
            if signature != self._snapshot[0]:
                self._snapshot = (signature, self._load())
                log.info("tls files reloaded")
        except (OSError, ConfigError) as exc:
            log.warning("tls files changed but are not usable yet, keeping the old ones: %s", exc)
        return self._snapshot


class _Fetcher:
    """What gRPC calls before every handshake of one listener: the new configuration
    when the source changed since this listener last saw it, else None."""

    def __init__(self, certs: Certificates) -> None:
        self._certs = certs
        self._seen, self.initial = certs.snapshot()

    def __call__(self) -> grpc.ServerCertificateConfiguration | None:
        signature, config = self._certs.snapshot()
        if signature == self._seen:
            return None
        self._seen = signature
        return config


Certificates = CertificateReloader | WorkloadCertificates


def certificates(tls: TlsConfig) -> Certificates:
    """The server's certificate and client CAs: files re-read when they change, or the
    SVID and bundles of the Workload API, following its rotations."""
    if tls.source == "workload_api":
        return WorkloadCertificates(tls.socket, tls.spiffe_id)
    return CertificateReloader(tls)


def server_credentials(
    source: TlsConfig | Certificates, *, require_client_authentication: bool = True
) -> grpc.ServerCredentials:
    """Credentials that (by default) require a client certificate signed by a client CA,
    following the source's changes."""
    fetcher = _Fetcher(certificates(source) if isinstance(source, TlsConfig) else source)
    return grpc.dynamic_ssl_server_credentials(
        fetcher.initial,
        fetcher,  # type: ignore[arg-type]  # grpc-stubs omit the documented "None: no change"
        require_client_authentication=require_client_authentication,
    )


def peer_identities(identity: IdentityConfig, tls: TlsConfig) -> PeerIdentities:
    """How a verified client certificate becomes an identity (the checks after the
    handshake, see access/certificates.py); CRLs are checked against the client CA."""
    revocation = None
    if identity.crl_files:
        if tls.client_ca_file is None:
            raise ConfigError("identity.crl_files: needs tls.client_ca_file (source: files)")
        revocation = RevocationList(
            identity.crl_files, tls.client_ca_file, identity.crl_reload_interval_seconds
        )
    return PeerIdentities(allow_common_name=identity.allow_common_name, revocation=revocation)


@dataclass
class RunningServer:
    server: grpc.aio.Server
    port: int
    health: HealthServicer
    guard: call_limits.CallGuard
    board: HealthBoard
    token_port: int | None = None
    broker: Broker | None = None

    async def stop(self, grace_seconds: float) -> None:
        """Stops accepting calls, lets in-flight ones finish within the grace period;
        watch streams end at once (UNAVAILABLE), so their clients resume elsewhere."""
        await self.board.stop()
        if self.broker is not None:
            self.broker.replicator.hub.close()
        await self.server.stop(grace_seconds)


AUDIT_FAILING = "audit trail failing"


def follow_audit(board: HealthBoard, audit: AuditSink) -> None:
    """Health follows the audit sink: NOT_SERVING while it cannot record calls."""

    def changed(serving: bool) -> None:
        if serving:
            board.release(AUDIT_FAILING)
        else:
            log.error("audit trail failing: NOT_SERVING until it recovers")
            board.hold(AUDIT_FAILING)

    audit.watch(changed)
    if not audit.serving:
        board.hold(AUDIT_FAILING)


async def start_server(
    broker: Broker,
    tls: TlsConfig,
    listen: str,
    limits: LimitsConfig,
    identity: IdentityConfig | None = None,
    board: HealthBoard | None = None,
    *,
    page_tokens: PageTokens | None = None,
    clock: Callable[[], float] = time.monotonic,
    tokens: TokenVerifier | None = None,
    token_listen: str = "",
    certs: Certificates | None = None,
    metrics: Registry | None = None,
    share_port: bool = False,
) -> RunningServer:
    """Serves ``broker`` with ``limits`` (api/limits.py) on ``listen`` (mutual TLS) and,
    if ``token_listen`` is set, on a TLS listener without client certificates where
    bearer tokens name the callers. ``board`` (which the stores may already report to)
    decides what the health service says; ``clock`` drives the per-caller rate limit;
    ``page_tokens`` defaults to a key of this process only; each RPC's latency goes to
    ``metrics`` (api/observe.py). ``share_port``: SO_REUSEPORT, for sibling workers
    whose supervisor guards the port (ops/workers.py); never otherwise."""
    identities = Authenticator(peer_identities(identity or IdentityConfig(), tls), tokens)
    # No maximum_concurrent_rpcs: gRPC's cap counts health too (see api/limits.py).
    options = call_limits.core_options(limits)
    if share_port:
        options = [(k, 1 if k == "grpc.so_reuseport" else v) for k, v in options]
    server = grpc.aio.server(options=options)
    guard = call_limits.CallGuard(limits, clock)
    pages = page_tokens or PageTokens.ephemeral()
    for descriptor, servicer in (
        (_BROKER, BrokerServicer(broker, guard, pages, identities, metrics)),
        (_ADMIN, AdminServicer(broker, guard, pages, identities, metrics)),
    ):
        handlers = call_limits.guarded_handlers(descriptor, servicer)
        call_limits.add_handlers(server, descriptor, handlers)
    health_servicer = HealthServicer()
    health_handlers = call_limits.time_limited_handlers(
        _HEALTH, health_servicer, guard, abort_error
    )
    call_limits.add_handlers(server, _HEALTH, health_handlers)
    enable_reflection(server, (BROKER_SERVICE, ADMIN_SERVICE, health.SERVICE_NAME))
    certs = certs or certificates(tls)
    port = _bind(server, listen, server_credentials(certs), "listen")
    token_port = None
    if token_listen:
        if tokens is None:
            raise ConfigError("tokens.listen: needs tokens.oidc or tokens.jwt_svid")
        creds = server_credentials(certs, require_client_authentication=False)
        token_port = _bind(server, token_listen, creds, "tokens.listen")
    await server.start()
    board = board or HealthBoard()
    for service in (BROKER_SERVICE, ADMIN_SERVICE):
        board.register(service, follows_overall=True)
    board.register(LIVENESS_SERVICE)  # no reason ever holds it: only stop() ends it
    follow_audit(board, broker.audit)
    await board.attach(health_servicer)
    return RunningServer(server, port, health_servicer, guard, board, token_port, broker)


def _bind(server: grpc.aio.Server, address: str, creds: grpc.ServerCredentials, key: str) -> int:
    try:
        port = server.add_secure_port(address, creds)
    except RuntimeError:  # grpc's own text only says where to look
        port = 0
    if port == 0:
        raise ConfigError(f"{key}: cannot bind {address} (address in use or not local?)")
    return port


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
