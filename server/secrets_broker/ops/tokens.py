"""Assembles the bearer-token verifier from the ``tokens`` config section."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from spiffe import JwtSource, TrustDomain
from spiffe.errors import PySpiffeError

from secrets_broker.access.jwks import AuthorityKeys, BundleFileKeys, KeySource, OidcKeys
from secrets_broker.access.tokens import OidcIssuer, SvidTrust, TokenVerifier
from secrets_broker.domain.errors import ConfigError, Unavailable
from secrets_broker.ops.config import JwtSvidConfig, TokensConfig

WORKLOAD_API_TIMEOUT_SECONDS = 30.0


@dataclass
class Tokens:
    """The verifier (None: no tokens accepted) and what to close at shutdown."""

    verifier: TokenVerifier | None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for close in self.closers:
            with contextlib.suppress(Exception):
                close()


def build_tokens(config: TokensConfig, broker_id: str = "", tls_socket: str = "") -> Tokens:
    """``broker_id``: the broker's own SPIFFE ID (its SVID), the JWT-SVID audience
    unless the config names one."""
    issuers = {
        oidc.issuer: OidcIssuer(
            issuer=oidc.issuer,
            audiences=tuple(oidc.audiences),
            algorithms=frozenset(oidc.algorithms),
            groups_claim=oidc.groups_claim,
            keys=OidcKeys(
                oidc.issuer,
                ca_file=oidc.ca_file,
                jwks_uri=oidc.jwks_uri,
                timeout_seconds=config.jwks_timeout_seconds,
                min_refresh_seconds=config.jwks_refresh_min_interval_seconds,
                max_age_seconds=config.jwks_max_age_seconds,
            ),
        )
        for oidc in config.oidc
    }
    tokens = Tokens(None)
    svids = None
    if config.jwt_svid is not None:
        svids = _svid_trust(config.jwt_svid, broker_id, tls_socket, tokens)
    if issuers or svids:
        tokens.verifier = TokenVerifier(issuers, svids, config.leeway_seconds)
    return tokens


def _svid_trust(
    config: JwtSvidConfig, broker_id: str, tls_socket: str, tokens: Tokens
) -> SvidTrust:
    audience = config.audience or broker_id
    if not audience:
        raise ConfigError("tokens.jwt_svid.audience: required unless tls.source is workload_api")
    if config.bundle_source == "files":
        if not config.bundle_files:
            raise ConfigError("tokens.jwt_svid.bundle_files: required with bundle_source files")
        try:
            files: dict[str, KeySource] = {
                td: BundleFileKeys(path) for td, path in config.bundle_files.items()
            }
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(f"tokens.jwt_svid.bundle_files: {exc}") from None
        return SvidTrust(audience, files.get)
    try:
        source = JwtSource(
            socket_path=config.socket or tls_socket or None,
            timeout_in_seconds=WORKLOAD_API_TIMEOUT_SECONDS,
        )
    except (PySpiffeError, OSError, ValueError) as exc:
        raise ConfigError(f"tokens.jwt_svid: no JWT bundles from the Workload API: {exc}") from None
    tokens.closers.append(source.close)

    def keys_for(trust_domain: str) -> KeySource | None:
        try:
            bundle = source.get_bundle_for_trust_domain(TrustDomain(trust_domain))
        except PySpiffeError as exc:
            raise Unavailable(
                f"no JWT bundles from the Workload API: {exc}",
                reason="IDENTITY_PROVIDER_UNAVAILABLE",
            ) from None
        return None if bundle is None else AuthorityKeys(lambda: bundle.jwt_authorities)

    return SvidTrust(audience, keys_for)
