"""The caller's identity: its verified client certificate, and nothing else."""

from __future__ import annotations

from functools import lru_cache

from cryptography import x509
from cryptography.x509.oid import NameOID

from secrets_broker.domain.errors import Unauthenticated


@lru_cache(maxsize=4096)
def identity_of_pem(pem: bytes) -> str:
    """The certificate's SPIFFE ID (a ``spiffe://`` URI SAN), else its subject CN."""
    cert = x509.load_pem_x509_certificate(pem)
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        for uri in sans.get_values_for_type(x509.UniformResourceIdentifier):
            if uri.startswith("spiffe://"):
                return uri
    except x509.ExtensionNotFound:
        pass
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if not names:
        raise Unauthenticated(
            "client certificate has neither a SPIFFE ID nor a common name",
            reason="IDENTITY_INVALID",
        )
    value = names[0].value
    return value if isinstance(value, str) else value.decode()
