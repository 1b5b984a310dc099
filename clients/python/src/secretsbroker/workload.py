"""Dialing the broker with an SVID from the SPIFFE Workload API (a SPIRE agent), no
certificate files: ``pip install 'secrets-broker-client[workload]'`` (py-spiffe).

    from secretsbroker.workload import connect_workload_api

    with connect_workload_api("broker.internal:50051", socket="unix:///run/spire/agent.sock") as b:
        b.get_secret("connectors/pg")

The SVID and the trust bundle are fetched when the client is made, and kept for its
channel's life: a process living longer than its SVID makes a new client (SPIRE rotates
SVIDs at half their lifetime, so a client made after a rotation is always current).
gRPC Python checks the broker's certificate against the bundle and a DNS name
(``server_name``, default the address's host); give the broker's registration entry that
DNS name. ``jwt_svid`` fetches a JWT-SVID for ``connect_with_token`` instead.
"""

from __future__ import annotations

from typing import Any, Unpack

import grpc
from cryptography.hazmat.primitives import serialization
from spiffe import JwtSource, SpiffeId, X509Source

from secretsbroker.client import BrokerClient, Options

PEM = serialization.Encoding.PEM
DEFAULT_TIMEOUT_SECONDS = 30.0


def _pick(spiffe_id: str | None) -> Any:
    if not spiffe_id:
        return None

    def pick(svids: list[Any]) -> Any:
        for svid in svids:
            if str(svid.spiffe_id) == spiffe_id:
                return svid
        raise LookupError(f"the agent gives no SVID for {spiffe_id}")

    return pick


def workload_credentials(
    socket: str | None = None,
    spiffe_id: str | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> grpc.ChannelCredentials:
    """Channel credentials from the current X.509-SVID (``spiffe_id`` picks one when the
    agent gives several) and every trust bundle the agent knows."""
    with X509Source(
        socket_path=socket, timeout_in_seconds=timeout_seconds, svid_picker=_pick(spiffe_id)
    ) as source:
        context = source.get_x509_context()
    svid = context.default_svid
    key = svid.private_key.private_bytes(
        PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    chain = b"".join(cert.public_bytes(PEM) for cert in svid.cert_chain)
    roots = b"".join(
        cert.public_bytes(PEM)
        for bundle in context.x509_bundle_set.bundles
        for cert in bundle.x509_authorities
    )
    return grpc.ssl_channel_credentials(roots, key, chain)


def connect_workload_api(
    address: str,
    *,
    socket: str | None = None,
    spiffe_id: str | None = None,
    server_name: str | None = None,
    **options: Unpack[Options],
) -> BrokerClient:
    """A client for ``address`` presenting this workload's X.509-SVID (see above)."""
    creds = workload_credentials(socket, spiffe_id)
    channel_options = [("grpc.ssl_target_name_override", server_name)] if server_name else []
    return BrokerClient(grpc.secure_channel(address, creds, channel_options), **options)


def jwt_svid(
    audience: str,
    socket: str | None = None,
    spiffe_id: str | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> str:
    """A JWT-SVID for ``audience`` (the broker's SPIFFE ID), as a bearer token."""
    with JwtSource(socket_path=socket, timeout_in_seconds=timeout_seconds) as source:
        subject = SpiffeId(spiffe_id) if spiffe_id else None
        return str(source.fetch_svid({audience}, subject).token)
