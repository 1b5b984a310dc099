"""Who is calling: the verified client certificate, or a bearer token on the channel.

On the mutual-TLS listener every call has a certificate that passed the handshake; it
is checked by the certificate rules (access/certificates.py) on every call, and names
the caller unless the call carries ``authorization: Bearer <JWT>``, which then does
(access/tokens.py). On the token listener (``tokens.listen``: server-authenticated TLS,
no client certificate) only a bearer token names the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from secrets_broker.access.certificates import PeerIdentities
from secrets_broker.access.identity import Identity
from secrets_broker.access.tokens import TokenVerifier
from secrets_broker.domain.errors import Unauthenticated

AUTHORIZATION = "authorization"


def bearer_token(metadata: Iterable[Any] | None) -> str | None:
    """The token of the call's one ``authorization: Bearer`` header, or None."""
    values = [v for k, v in (metadata or ()) if k == AUTHORIZATION]
    if not values:
        return None
    if len(values) > 1:
        raise Unauthenticated("more than one authorization header", reason="TOKEN_MALFORMED")
    scheme, _, token = str(values[0]).partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated(
            "the authorization header is not 'Bearer <token>'", reason="TOKEN_MALFORMED"
        )
    return token.strip()


class Authenticator:
    """Resolves a call's caller (see the module docstring)."""

    def __init__(self, peers: PeerIdentities, tokens: TokenVerifier | None = None) -> None:
        self.peers = peers
        self.tokens = tokens

    async def identify(self, context: Any) -> Identity:
        certs = list(context.auth_context().get("x509_pem_cert", ()))
        certified = self.peers.identity_of_pem(certs[0]) if certs else None
        token = bearer_token(context.invocation_metadata())
        if token is None:
            if certified is None:
                raise Unauthenticated("a verified client certificate or a bearer token is required")
            return certified
        if self.tokens is None:
            raise Unauthenticated(
                "this broker accepts no bearer tokens (no tokens section in its config)",
                reason="TOKEN_ISSUER_UNKNOWN",
            )
        return await self.tokens.identity(token)
