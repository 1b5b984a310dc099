"""Certificate revocation lists, re-read when their files change.

Each file holds one CRL (PEM or DER) that a CA of the client CA file must have signed;
a CRL no CA vouches for is refused (at start: the broker does not start; later: the
previous lists stay in force and the reason is logged). ``generation`` grows with every
accepted change, so callers can memoize answers per generation.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa

from secrets_broker.domain.errors import ConfigError

log = logging.getLogger("secrets_broker.access.revocation")

_RevokedKey = tuple[bytes, int]  # (issuer name, DER) and serial number


def _load_crl(data: bytes) -> x509.CertificateRevocationList:
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)


def _signed_by_a_ca(crl: x509.CertificateRevocationList, cas: Sequence[x509.Certificate]) -> bool:
    for ca in cas:
        if ca.subject != crl.issuer:
            continue
        key = ca.public_key()
        if isinstance(
            key,
            ec.EllipticCurvePublicKey
            | rsa.RSAPublicKey
            | ed25519.Ed25519PublicKey
            | ed448.Ed448PublicKey,
        ) and crl.is_signature_valid(key):
            return True
    return False


class RevocationList:
    """The serial numbers revoked by the configured CRL files, per issuer."""

    def __init__(
        self,
        crl_files: Sequence[Path],
        client_ca_file: Path,
        reload_interval_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._files = tuple(crl_files)
        self._ca_file = client_ca_file
        self._interval = reload_interval_seconds
        self._clock = clock
        self.generation = 0
        self._revoked: frozenset[_RevokedKey] = frozenset()
        self._signature = b""
        self._rejected = b""
        self._checked_at = clock()
        if self._files:
            self._signature, self._revoked = self._load()

    def _read(self) -> tuple[bytes, list[bytes]]:
        try:
            contents = [path.read_bytes() for path in self._files]
        except OSError as exc:
            raise ConfigError(
                f"identity.crl_files: cannot read {exc.filename}: {exc.strerror}"
            ) from None
        # Contents, not mtimes: coarse file timestamps can hide a quick second change.
        digest = hashlib.sha256()
        for data in contents:
            digest.update(hashlib.sha256(data).digest())
        return digest.digest(), contents

    def _load(self) -> tuple[bytes, frozenset[_RevokedKey]]:
        signature, contents = self._read()
        try:
            cas = x509.load_pem_x509_certificates(self._ca_file.read_bytes())
        except (OSError, ValueError) as exc:
            raise ConfigError(f"identity.crl_files: unusable client CA file: {exc}") from None
        revoked: set[_RevokedKey] = set()
        now = datetime.datetime.now(datetime.UTC)
        for path, data in zip(self._files, contents, strict=True):
            try:
                crl = _load_crl(data)
            except ValueError:
                raise ConfigError(f"identity.crl_files: {path} is not a PEM or DER CRL") from None
            if not _signed_by_a_ca(crl, cas):
                raise ConfigError(f"identity.crl_files: {path} is not signed by a client CA")
            if crl.next_update_utc is not None and crl.next_update_utc < now:
                log.warning("CRL %s is past its next update (%s)", path, crl.next_update_utc)
            issuer = crl.issuer.public_bytes()
            revoked.update((issuer, entry.serial_number) for entry in crl)
        return signature, frozenset(revoked)

    def refresh(self) -> None:
        """Re-reads the files if they changed and the reload interval has passed."""
        if not self._files:
            return
        now = self._clock()
        if now - self._checked_at < self._interval:
            return
        self._checked_at = now
        try:
            signature, _ = self._read()
        except ConfigError as exc:
            log.error("CRL files not readable, keeping the previous ones: %s", exc)
            return
        if signature in (self._signature, self._rejected):
            return
        try:
            self._signature, self._revoked = self._load()
        except ConfigError as exc:
            self._rejected = signature  # logged once per bad version, not every interval
            log.error("CRL files changed but are not usable, keeping the previous ones: %s", exc)
            return
        self.generation += 1
        log.info("CRL files reloaded: %d revoked certificates", len(self._revoked))

    def is_revoked(self, cert: x509.Certificate) -> bool:
        return (cert.issuer.public_bytes(), cert.serial_number) in self._revoked
