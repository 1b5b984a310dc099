"""The broker's own X.509-SVID and trust bundle from the SPIFFE Workload API (a SPIRE
agent), as gRPC server credentials that follow every rotation without a restart.

py-spiffe's X509Source keeps a stream to the agent open in a thread and always holds the
current SVID and bundles; before each handshake gRPC asks for a new certificate
configuration, made only when the SVID or a bundle changed. Should the source fail (the
agent gone for good), the last SVID keeps being served until it expires, and the failure
is logged. Peers are verified against every trust domain's bundle.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

import grpc
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from spiffe import X509Source
from spiffe.errors import PySpiffeError

from secrets_broker.access.identity import Identity, IdentityError
from secrets_broker.domain.errors import ConfigError

log = logging.getLogger("secrets_broker.api.workload")

PEM = serialization.Encoding.PEM


def _picker(spiffe_id: str) -> Any:
    def pick(svids: list[Any]) -> Any:
        for svid in svids:
            if str(svid.spiffe_id) == spiffe_id:
                return svid
        raise LookupError(f"the agent gives no SVID for {spiffe_id}")

    return pick


class WorkloadCertificates:
    """The current SVID and bundles as a server certificate configuration (see above)."""

    def __init__(self, socket: str, spiffe_id: str = "", timeout_seconds: float = 30.0) -> None:
        try:
            self.source = X509Source(
                socket_path=socket or None,
                timeout_in_seconds=timeout_seconds,
                svid_picker=_picker(spiffe_id) if spiffe_id else None,
            )
        except (PySpiffeError, OSError, ValueError) as exc:
            raise ConfigError(f"tls: no SVID from the Workload API {socket!r}: {exc}") from None
        self._snapshot = self._current()
        # Parsed by our strict rules: py-spiffe's parser is looser (see access/identity.py).
        try:
            self.identity = Identity.of_spiffe_id(self.spiffe_id)
        except IdentityError as exc:
            raise ConfigError(f"tls: the broker's SVID is not a usable SPIFFE ID: {exc}") from None

    @property
    def spiffe_id(self) -> str:
        return str(self.source.get_x509_context().default_svid.spiffe_id)

    def _current(self) -> tuple[bytes, grpc.ServerCertificateConfiguration]:
        context = self.source.get_x509_context()
        svid = context.default_svid
        key = svid.private_key.private_bytes(
            PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        chain = b"".join(cert.public_bytes(PEM) for cert in svid.cert_chain)
        authorities = sorted(
            cert.public_bytes(PEM)
            for bundle in context.x509_bundle_set.bundles
            for cert in bundle.x509_authorities
        )
        roots = b"".join(authorities)
        signature = hashlib.sha256(chain + b"\0" + roots).digest()
        if signature == getattr(self, "_snapshot", (b"",))[0]:
            return self._snapshot
        config = grpc.ssl_server_certificate_configuration([(key, chain)], root_certificates=roots)
        return signature, config

    def snapshot(self) -> tuple[bytes, grpc.ServerCertificateConfiguration]:
        """A digest of the current SVID and bundles, and their certificate configuration."""
        try:
            current = self._current()
        except PySpiffeError as exc:
            log.error("Workload API source failed, serving the last SVID: %s", exc)
            return self._snapshot
        if current[0] != self._snapshot[0]:
            log.info("SVID or trust bundle rotated: serving the new one (%s)", self.spiffe_id)
            self._snapshot = current
        return self._snapshot

    def leaf(self) -> x509.Certificate:
        """The SVID's certificate being served now."""
        leaf: x509.Certificate = self.source.get_x509_context().default_svid.leaf
        return leaf

    def close(self) -> None:
        self.source.close()
