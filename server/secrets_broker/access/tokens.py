"""From a bearer token to a caller identity, or a refusal with a reason.

Two kinds of JWT are accepted:

* an OpenID Provider's access token, for people: ``iss`` is a configured issuer, the
  signature verifies with one of its published keys, ``aud`` holds a configured
  audience, ``exp``/``nbf``/``iat`` hold within ``leeway_seconds``; the caller is
  ``oidc:<iss>#<sub>`` with the groups of the configured claim;
* a JWT-SVID (SPIFFE), for workloads: ``sub`` is a SPIFFE ID of a configured trust
  domain, the signature verifies with that trust domain's JWT bundle, ``aud`` holds the
  broker's SPIFFE ID; the caller is the SPIFFE ID.

Only asymmetric algorithms in the configured list are accepted, never ``none`` or an
HMAC (so a public key can never be used as an HMAC secret), and a key is used only for
the one algorithm the token names, if the key says it is for that algorithm. Tokens are
verified with PyJWT (which py-spiffe also uses), the keys come from access/jwks.py.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jwt

from secrets_broker.access.identity import SCHEME, Identity, IdentityError, SpiffeId
from secrets_broker.access.jwks import KeySource
from secrets_broker.domain.errors import Unauthenticated

# RFC 7518 asymmetric signatures and EdDSA (RFC 8037): what a configuration may allow.
ASYMMETRIC = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
# The JWT-SVID specification, section 3: RS, ES and PS families.
JWT_SVID_ALGORITHMS = ASYMMETRIC - {"EdDSA"}
MAX_TOKEN_BYTES = 16 * 1024
# Verified tokens kept (until they expire): a caller sends the same token on every call.
VERIFIED_CACHE_SIZE = 4096

_REASONS: tuple[tuple[type[jwt.PyJWTError], str], ...] = (
    (jwt.ExpiredSignatureError, "TOKEN_EXPIRED"),
    (jwt.ImmatureSignatureError, "TOKEN_NOT_YET_VALID"),
    (jwt.InvalidAudienceError, "TOKEN_AUDIENCE_MISMATCH"),
    (jwt.InvalidIssuerError, "TOKEN_ISSUER_UNKNOWN"),
    (jwt.InvalidSignatureError, "TOKEN_SIGNATURE_INVALID"),
    (jwt.InvalidAlgorithmError, "TOKEN_ALGORITHM_REFUSED"),
    (jwt.MissingRequiredClaimError, "TOKEN_CLAIM_INVALID"),
    (jwt.DecodeError, "TOKEN_MALFORMED"),
)


def _refused(reason: str, message: str) -> Unauthenticated:
    return Unauthenticated(message, reason=reason)


@dataclass(frozen=True)
class OidcIssuer:
    """A trusted OpenID Provider: the audiences its tokens must name for us."""

    issuer: str
    audiences: tuple[str, ...]
    algorithms: frozenset[str]
    keys: KeySource
    groups_claim: str = ""


@dataclass(frozen=True)
class SvidTrust:
    """Trusted JWT-SVID issuers: the key source of a trust domain (None: not trusted),
    and the audience a JWT-SVID must name (the broker's own SPIFFE ID)."""

    audience: str
    keys_for: Callable[[str], KeySource | None]
    algorithms: frozenset[str] = JWT_SVID_ALGORITHMS


class TokenVerifier:
    def __init__(
        self,
        issuers: Mapping[str, OidcIssuer],
        svids: SvidTrust | None = None,
        leeway_seconds: float = 30.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        for config in issuers.values():
            if not config.algorithms <= ASYMMETRIC:
                raise ValueError(f"{config.issuer}: only asymmetric algorithms may be allowed")
        self._issuers = dict(issuers)
        self._svids = svids
        self._leeway = leeway_seconds
        self._clock = clock
        self._verified: OrderedDict[str, tuple[Identity, float]] = OrderedDict()

    async def identity(self, token: str) -> Identity:
        """The verified caller the token names; Unauthenticated (with a reason) if not,
        Unavailable if the keys to decide cannot be had. A token verified once is
        believed until it expires (a signing key removed from the provider's set does
        not recall tokens it already signed: they are short-lived)."""
        known = self._verified.get(token)
        if known is not None and self._clock() < known[1] + self._leeway:
            self._verified.move_to_end(token)
            return known[0]
        identity, expires = await self._verify_token(token)
        self._verified[token] = (identity, expires)
        if len(self._verified) > VERIFIED_CACHE_SIZE:
            self._verified.popitem(last=False)
        return identity

    async def _verify_token(self, token: str) -> tuple[Identity, float]:
        if len(token) > MAX_TOKEN_BYTES:
            raise _refused("TOKEN_MALFORMED", f"the bearer token is longer than {MAX_TOKEN_BYTES}")
        try:
            parts = jwt.api_jwt.decode_complete(token, options={"verify_signature": False})
            header, unverified = parts["header"], parts["payload"]
        except jwt.PyJWTError:
            raise _refused("TOKEN_MALFORMED", "the bearer token is not a signed JWT") from None
        alg, kid = header.get("alg"), header.get("kid")
        issuer = self._issuers.get(unverified.get("iss"))
        if issuer is not None:
            claims = await self._verify(
                token, alg, kid, issuer.algorithms, issuer.keys, issuer.audiences, issuer.issuer
            )
            return self._person(issuer, claims), float(claims["exp"])
        subject = unverified.get("sub")
        if self._svids is not None and isinstance(subject, str) and subject.startswith(SCHEME):
            return await self._workload(token, alg, kid, subject, self._svids)
        raise _refused("TOKEN_ISSUER_UNKNOWN", "the bearer token's issuer is not trusted")

    async def _workload(
        self, token: str, alg: object, kid: object, subject: str, trust: SvidTrust
    ) -> tuple[Identity, float]:
        try:
            spiffe_id = SpiffeId.parse(subject)
        except IdentityError as exc:
            raise _refused("TOKEN_CLAIM_INVALID", f"sub is not a SPIFFE ID: {exc}") from None
        keys = trust.keys_for(spiffe_id.trust_domain)
        if keys is None:
            raise _refused("TOKEN_ISSUER_UNKNOWN", "the JWT-SVID's trust domain is not trusted")
        claims = await self._verify(token, alg, kid, trust.algorithms, keys, (trust.audience,))
        try:
            return Identity.of_spiffe_id(str(claims["sub"])), float(claims["exp"])
        except IdentityError as exc:
            raise _refused("TOKEN_CLAIM_INVALID", f"sub is not a SPIFFE ID: {exc}") from None

    async def _verify(
        self,
        token: str,
        alg: object,
        kid: object,
        algorithms: frozenset[str],
        keys: KeySource,
        audience: tuple[str, ...],
        issuer: str | None = None,
    ) -> dict[str, Any]:
        if not isinstance(alg, str) or alg not in algorithms:
            raise _refused("TOKEN_ALGORITHM_REFUSED", f"the algorithm {alg!r} is not accepted")
        if kid is not None and not isinstance(kid, str):
            raise _refused("TOKEN_MALFORMED", "the token's kid is not a string")
        jwk = await keys.get(kid)
        if jwk is None:
            raise _refused("TOKEN_KEY_UNKNOWN", f"no trusted key has the token's kid {kid!r}")
        if jwk.get("alg", alg) != alg:
            raise _refused("TOKEN_ALGORITHM_REFUSED", f"key {kid!r} is not for {alg}")
        try:
            key = jwt.PyJWK(jwk, algorithm=alg)
        except jwt.PyJWTError:
            raise _refused("TOKEN_SIGNATURE_INVALID", f"key {kid!r} cannot verify {alg}") from None
        required = ["exp", "sub", "aud", *(["iss"] if issuer else [])]
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[alg],
                audience=list(audience),
                issuer=issuer,
                leeway=self._leeway,
                options={"require": required, "strict_aud": False},
            )
        except jwt.PyJWTError as exc:
            message = f"the bearer token is refused: {_describe(exc)}"
            raise _refused(_reason_of(exc), message) from None
        return claims

    @staticmethod
    def _person(issuer: OidcIssuer, claims: Mapping[str, Any]) -> Identity:
        groups: object = claims.get(issuer.groups_claim, []) if issuer.groups_claim else []
        if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
            raise _refused("TOKEN_CLAIM_INVALID", f"{issuer.groups_claim} is not a list of strings")
        try:
            return Identity.of_oidc(issuer.issuer, str(claims["sub"]), tuple(groups))
        except IdentityError as exc:
            raise _refused("TOKEN_CLAIM_INVALID", str(exc)) from None


def _reason_of(exc: jwt.PyJWTError) -> str:
    for kind, reason in _REASONS:
        if isinstance(exc, kind):
            return reason
    return "TOKEN_CLAIM_INVALID"


def _describe(exc: jwt.PyJWTError) -> str:
    # PyJWT's messages name claims and rules, never token contents.
    return str(exc) or type(exc).__name__
