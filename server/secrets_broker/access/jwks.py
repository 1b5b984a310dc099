"""Where token signing keys come from: an OpenID Provider's JWKS, or a SPIFFE JWT bundle.

Every source answers ``await keys.get(kid)`` with a JWK (a dict) or None when it has no
such key. The OpenID Provider's keys are fetched (discovery, then ``jwks_uri``) in a
thread with a timeout, never on the event loop; cached; refetched when a token names an
unknown ``kid``, at most once per ``min_refresh_seconds`` (one fetch at a time, callers
share it); and refreshed when older than ``max_age_seconds``. While the provider cannot
be reached, keys already known keep working; anything else is UNAVAILABLE at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import time
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

from secrets_broker.domain.errors import Unavailable

log = logging.getLogger("secrets_broker.access.jwks")

MAX_DOCUMENT_BYTES = 1024 * 1024
Jwk = dict[str, Any]


class KeySource(Protocol):
    async def get(self, kid: str | None) -> Jwk | None: ...


def usable_keys(doc: object) -> dict[str | None, Jwk]:
    """The signature keys of a JWKS document, by ``kid`` (encryption keys are skipped)."""
    keys = doc.get("keys") if isinstance(doc, Mapping) else None
    if not isinstance(keys, list):
        raise ValueError("a JWKS document has a 'keys' list")
    out: dict[str | None, Jwk] = {}
    for key in keys:
        if isinstance(key, dict) and key.get("use", "sig") == "sig" and "kty" in key:
            kid = key.get("kid")
            out[kid if isinstance(kid, str) else None] = key
    return out


def _get_json(url: str, context: ssl.SSLContext, timeout: float) -> object:
    if not url.startswith("https://"):
        raise ValueError(f"{url}: only https is used to fetch keys")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
        body = response.read(MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise ValueError(f"{url}: larger than {MAX_DOCUMENT_BYTES} bytes")
    return json.loads(body)


class OidcKeys:
    """The signing keys of one OpenID Provider (see the module docstring)."""

    def __init__(
        self,
        issuer: str,
        *,
        ca_file: Path | None = None,
        jwks_uri: str = "",
        timeout_seconds: float = 5.0,
        min_refresh_seconds: float = 30.0,
        max_age_seconds: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.issuer = issuer
        self._context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        self._jwks_uri = jwks_uri
        self._timeout = timeout_seconds
        self._min_refresh = min_refresh_seconds
        self._max_age = max_age_seconds
        self._clock = clock
        self._keys: dict[str | None, Jwk] = {}
        self._fetched_at: float | None = None
        self._attempted_at: float | None = None
        self._failed = False
        self._lock = asyncio.Lock()

    async def get(self, kid: str | None) -> Jwk | None:
        now = self._clock()
        fresh = self._fetched_at is not None and now - self._fetched_at < self._max_age
        if kid in self._keys and fresh:
            return self._keys[kid]
        if self._may_refresh(now):
            async with self._lock:
                if self._attempted_at is None or self._attempted_at < now:  # no one else did
                    await self._refresh()
        if kid in self._keys:
            return self._keys[kid]
        if self._failed:
            raise Unavailable(
                f"the OpenID Provider {self.issuer} cannot be reached for its keys",
                reason="IDENTITY_PROVIDER_UNAVAILABLE",
                retry_after_seconds=max(self._min_refresh, 1.0),
            )
        return None

    def _may_refresh(self, now: float) -> bool:
        return self._attempted_at is None or now - self._attempted_at >= self._min_refresh

    async def _refresh(self) -> None:
        self._attempted_at = self._clock()
        try:
            keys = await asyncio.wait_for(asyncio.to_thread(self._fetch), self._timeout * 2 + 1)
        except (OSError, ValueError, TimeoutError) as exc:
            self._failed = True
            log.warning("keys of %s not fetched: %s", self.issuer, exc)
            return
        self._keys, self._fetched_at, self._failed = keys, self._clock(), False
        log.info("keys of %s fetched: %d signing keys", self.issuer, len(keys))

    def _fetch(self) -> dict[str | None, Jwk]:
        """Discovery (once), then the JWKS; runs in a thread, each request time-bounded."""
        if not self._jwks_uri:
            url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
            meta = _get_json(url, self._context, self._timeout)
            if not isinstance(meta, Mapping) or meta.get("issuer") != self.issuer:
                raise ValueError(f"{url}: its 'issuer' is not {self.issuer}")
            uri = meta.get("jwks_uri")
            if not isinstance(uri, str):
                raise ValueError(f"{url}: no jwks_uri")
            self._jwks_uri = uri
        return usable_keys(_get_json(self._jwks_uri, self._context, self._timeout))


def jwk_of(kid: str, public_key: Any) -> Jwk:
    """A public key object (as py-spiffe hands them over) as a JWK."""
    for algorithm in (RSAAlgorithm, ECAlgorithm, OKPAlgorithm):
        try:
            jwk: Jwk = algorithm.to_jwk(public_key, as_dict=True)
        except Exception:  # noqa: S112 - not this algorithm family; try the next
            continue
        return {**jwk, "kid": kid}
    raise ValueError(f"key {kid}: unsupported key type {type(public_key).__name__}")


class BundleFileKeys:
    """A SPIFFE trust domain's JWT authorities from a bundle file (a JWKS document, as
    ``spire-server bundle show -format spiffe`` writes it), re-read when it changes."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._seen = b""
        self._keys: dict[str | None, Jwk] = {}
        self._load()

    def _load(self) -> None:
        raw = self._path.read_bytes()
        if raw != self._seen:
            doc = json.loads(raw)
            keys = usable_keys(doc)
            # SPIFFE bundles mark JWT authorities with use "jwt-svid".
            for key in doc["keys"]:
                if isinstance(key, dict) and key.get("use") == "jwt-svid" and "kid" in key:
                    keys[key["kid"]] = key
            self._keys, self._seen = keys, raw

    async def get(self, kid: str | None) -> Jwk | None:
        if kid not in self._keys:
            try:
                self._load()
            except (OSError, ValueError) as exc:
                log.warning("JWT bundle %s not re-read, keeping the previous: %s", self._path, exc)
        return self._keys.get(kid)


class AuthorityKeys:
    """JWT authorities handed over as public key objects, by a callable that always
    answers with the current ones (a Workload API JwtSource's bundle)."""

    def __init__(self, authorities: Callable[[], Mapping[str, Any]]) -> None:
        self._authorities = authorities

    async def get(self, kid: str | None) -> Jwk | None:
        key = self._authorities().get(kid) if kid else None
        return None if key is None else jwk_of(kid or "", key)
