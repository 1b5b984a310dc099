"""From a verified client certificate to a caller identity, or a refusal.

The TLS handshake already refused certificates from another CA, expired or not yet
valid ones, and those whose extended key usage excludes client authentication. What it
lets through is checked here, once per distinct certificate (memoized per CRL
generation), and refused with UNAUTHENTICATED:

* CERTIFICATE_REJECTED: a CA certificate (CA:TRUE, or key usage keyCertSign/cRLSign),
  no clientAuth extended key usage (an absent extension counts as missing);
* CERTIFICATE_REVOKED: listed in a configured CRL;
* IDENTITY_INVALID: more than one URI SAN, a URI SAN that is not a SPIFFE ID with a
  path, several common names, or a common name that is not a valid CN identity;
* IDENTITY_MISSING: no URI SAN, and no common name or common names not enabled.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from secrets_broker.access.identity import Identity, IdentityError
from secrets_broker.access.revocation import RevocationList
from secrets_broker.domain.errors import Unauthenticated

MEMO_SIZE = 4096


class _Refusal(NamedTuple):
    reason: str
    message: str


def _rejected(message: str) -> _Refusal:
    return _Refusal("CERTIFICATE_REJECTED", message)


def _leaf_problem(cert: x509.Certificate) -> _Refusal | None:
    extensions = cert.extensions
    try:
        if extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return _rejected("a CA certificate (CA:TRUE) cannot identify a caller")
    except x509.ExtensionNotFound:
        pass
    try:
        usage = extensions.get_extension_for_class(x509.KeyUsage).value
        if usage.key_cert_sign or usage.crl_sign:
            return _rejected("a certificate that may sign certificates or CRLs is not a leaf")
    except x509.ExtensionNotFound:
        pass
    try:
        purposes = extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return _rejected("the certificate has no extended key usage; clientAuth is required")
    if ExtendedKeyUsageOID.CLIENT_AUTH not in purposes:
        return _rejected("the certificate's extended key usage does not include clientAuth")
    return None


def _identity(cert: x509.Certificate, allow_common_name: bool) -> Identity | _Refusal:
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        uris = sans.get_values_for_type(x509.UniformResourceIdentifier)
    except x509.ExtensionNotFound:
        uris = []
    if len(uris) > 1:
        return _Refusal(
            "IDENTITY_INVALID", f"the certificate has {len(uris)} URI SANs; exactly one is allowed"
        )
    if uris:
        try:
            return Identity.of_spiffe_id(uris[0])
        except IdentityError as exc:
            return _Refusal("IDENTITY_INVALID", f"the URI SAN is not a valid SPIFFE ID: {exc}")
    if not allow_common_name:
        return _Refusal(
            "IDENTITY_MISSING",
            "the certificate has no SPIFFE ID (URI SAN); common-name identities are disabled",
        )
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not names:
        return _Refusal("IDENTITY_MISSING", "the certificate has neither a SPIFFE ID nor a CN")
    if len(names) > 1:
        return _Refusal("IDENTITY_INVALID", "the certificate has more than one common name")
    value = names[0].value
    try:
        return Identity.of_common_name(value if isinstance(value, str) else value.decode())
    except (IdentityError, UnicodeDecodeError) as exc:
        return _Refusal("IDENTITY_INVALID", f"the common name is not a valid identity: {exc}")


class PeerIdentities:
    """Resolves a client certificate (PEM, as gRPC hands it over) to an Identity."""

    def __init__(
        self, *, allow_common_name: bool = False, revocation: RevocationList | None = None
    ) -> None:
        self._allow_common_name = allow_common_name
        self._revocation = revocation
        self._memo = lru_cache(maxsize=MEMO_SIZE)(self._resolve)

    def _resolve(self, pem: bytes, generation: int) -> Identity | _Refusal:
        # Refusals are memoized as data: re-raising one exception object would grow
        # its traceback on every call.
        try:
            cert = x509.load_pem_x509_certificate(pem)
            problem = _leaf_problem(cert)
        except ValueError:
            return _rejected("the client certificate or one of its extensions is malformed")
        if problem is not None:
            return problem
        if self._revocation is not None and self._revocation.is_revoked(cert):
            return _Refusal("CERTIFICATE_REVOKED", "the client certificate has been revoked")
        try:
            return _identity(cert, self._allow_common_name)
        except ValueError:
            return _rejected("the client certificate's names are malformed")

    def identity_of_pem(self, pem: bytes) -> Identity:
        """The certificate's identity; Unauthenticated (with a reason) if refused."""
        generation = 0
        if self._revocation is not None:
            self._revocation.refresh()
            generation = self._revocation.generation
        outcome = self._memo(pem, generation)
        if isinstance(outcome, Identity):
            return outcome
        raise Unauthenticated(outcome.message, reason=outcome.reason)
