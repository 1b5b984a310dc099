"""Caller identities: SPIFFE IDs parsed strictly, certificate common names (optional),
and people signed in at an OpenID Provider.

An identity is a value object with one canonical string: ``spiffe://trust.domain/path``,
``cn:name`` or ``oidc:<issuer>#<subject>``. The forms live in separate namespaces, so
none can equal, prefix or collide with another, and policy patterns say which they mean.
An OIDC identity may carry the provider's groups, matched by ``oidc-group:<issuer>#<group>``
patterns.

SPIFFE IDs follow the SPIFFE ID specification (SPIFFE-ID.md): scheme ``spiffe``, a trust
domain of ``[a-z0-9._-]`` (at most 255 bytes), a path of ``/``-separated segments of
``[a-zA-Z0-9._-]`` with no empty, ``.`` or ``..`` segment and no trailing ``/``; no
percent-encoding, query, fragment, port or userinfo; at most 2048 bytes. We parse it
ourselves: py-spiffe 0.3.2's SpiffeId accepts a trailing newline (its ``$`` anchors),
upper-case schemes and trust domains (lower-casing them) and IDs of any length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

SCHEME = "spiffe://"
CN_PREFIX = "cn:"
OIDC_PREFIX = "oidc:"
GROUP_PREFIX = "oidc-group:"
ISSUER_SCHEME = "https://"
MAX_ISSUER = 255
MAX_SUBJECT = 255  # OpenID Connect Core 1.0, section 2: sub is at most 255 ASCII characters
MAX_GROUPS = 256
MAX_SPIFFE_ID_BYTES = 2048
MAX_TRUST_DOMAIN_BYTES = 255
MAX_COMMON_NAME = 64  # X.520 ub-common-name

_TRUST_DOMAIN = re.compile(r"[a-z0-9._-]+")
_PATH_SEGMENT = re.compile(r"[a-zA-Z0-9._-]+")
# Letters, digits, '.', '_', '-', '@', starting with a letter or digit: never ':' or '/',
# so never URI-like, and always usable as a secret-name segment.
_COMMON_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")
# The private-space segment separates SPIFFE path segments with '~' (never in a SPIFFE
# ID) and marks common names with '=' (never in a trust domain): see Identity.segment.
_SEGMENT_SEPARATOR = "~"
_CN_SEGMENT_PREFIX = "cn="
# OIDC segments: 'oidc=' + escaped issuer (without https://) + '#' + escaped subject;
# everything outside [A-Za-z0-9._-] is '!' and two hex digits, so '#' splits them.
_OIDC_SEGMENT_PREFIX = "oidc="
_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
_ESCAPED = re.compile(r"(?:[A-Za-z0-9._-]|![0-9A-F]{2})+")


class IdentityError(ValueError):
    """A string that is not a valid SPIFFE ID, common-name identity or identity."""


@dataclass(frozen=True, slots=True)
class SpiffeId:
    """A SPIFFE ID: trust domain and path (``""`` or ``/seg/seg``)."""

    trust_domain: str
    path: str = ""

    @classmethod
    def parse(cls, raw: str) -> SpiffeId:
        if len(raw.encode("utf-8", "surrogatepass")) > MAX_SPIFFE_ID_BYTES:
            raise IdentityError(f"a SPIFFE ID is at most {MAX_SPIFFE_ID_BYTES} bytes")
        if not raw.startswith(SCHEME):
            raise IdentityError("a SPIFFE ID starts with 'spiffe://' (lower case)")
        domain, slash, path = raw[len(SCHEME) :].partition("/")
        _check_trust_domain(domain)
        if not slash:
            return cls(domain)
        for segment in path.split("/"):
            _check_path_segment(segment)
        return cls(domain, "/" + path)

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(self.path.split("/")[1:]) if self.path else ()

    def __str__(self) -> str:
        return f"{SCHEME}{self.trust_domain}{self.path}"


def _check_trust_domain(domain: str) -> None:
    if not domain:
        raise IdentityError("the trust domain is empty")
    if len(domain) > MAX_TRUST_DOMAIN_BYTES:
        raise IdentityError(f"the trust domain is longer than {MAX_TRUST_DOMAIN_BYTES} bytes")
    if not _TRUST_DOMAIN.fullmatch(domain):
        raise IdentityError(
            "the trust domain may hold only a-z, 0-9, '.', '-' and '_' "
            "(no upper case, port, userinfo, query or fragment)"
        )


def _check_path_segment(segment: str) -> None:
    if not segment:
        raise IdentityError("the path has an empty segment (double or trailing '/')")
    if segment in (".", ".."):
        raise IdentityError("the path has a '.' or '..' segment")
    if not _PATH_SEGMENT.fullmatch(segment):
        raise IdentityError(
            "a path segment may hold only a-z, A-Z, 0-9, '.', '-' and '_' "
            "(no percent-encoding, query or fragment)"
        )


def check_common_name(name: str) -> str:
    """A common name usable as an identity: 1..64 of letters, digits, '.', '_', '-', '@',
    starting with a letter or digit. Anything URI-like (':' or '/') is refused."""
    if not name:
        raise IdentityError("the common name is empty")
    if ":" in name or "/" in name:
        raise IdentityError("a common name that looks like a URI (':' or '/') is refused")
    if len(name) > MAX_COMMON_NAME:
        raise IdentityError(f"the common name is longer than {MAX_COMMON_NAME} characters")
    if not _COMMON_NAME.fullmatch(name):
        raise IdentityError(
            "a common name may hold only letters, digits, '.', '_', '-' and '@', "
            "starting with a letter or digit"
        )
    return name


def _printable(text: str) -> bool:
    return all(" " < c <= "~" for c in text)


def check_issuer(issuer: str) -> str:
    """An OpenID Provider's issuer: an https URL without query or fragment (OIDC
    Discovery 1.0, section 2), printable ASCII, at most 255 characters."""
    if not issuer.startswith(ISSUER_SCHEME) or len(issuer) <= len(ISSUER_SCHEME):
        raise IdentityError("an issuer is an https:// URL")
    if len(issuer) > MAX_ISSUER or not _printable(issuer):
        raise IdentityError(f"an issuer is at most {MAX_ISSUER} printable ASCII characters")
    if "#" in issuer or "?" in issuer:
        raise IdentityError("an issuer has no query or fragment")
    return issuer


def check_subject(subject: str, what: str = "subject") -> str:
    """A token subject or group: 1..255 printable ASCII characters (no spaces)."""
    if not subject or len(subject) > MAX_SUBJECT or not _printable(subject):
        raise IdentityError(f"a {what} is 1 to {MAX_SUBJECT} printable ASCII characters")
    return subject


def _escape(text: str) -> str:
    return "".join(c if c in _PLAIN else f"!{ord(c):02X}" for c in text)


def _unescape(text: str) -> str:
    if not _ESCAPED.fullmatch(text):
        raise IdentityError("not an escaped OIDC segment")
    out = re.sub(r"!([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), text)
    if _escape(out) != text:  # one spelling per string: '!41' for 'A' is refused
        raise IdentityError("not the canonical escaping")
    return out


@dataclass(frozen=True, slots=True)
class Identity:
    """A verified caller: a SPIFFE ID with a path, a common name (``cn:`` namespace), or a
    person at an OpenID Provider (``oidc:`` namespace, with the provider's groups).

    Compares and hashes by its canonical string and groups; ``str()`` gives the string."""

    canonical: str
    spiffe_id: SpiffeId | None = field(default=None, compare=False, repr=False)
    groups: frozenset[str] = field(default=frozenset(), repr=False)
    segment: str = field(default="", init=False, compare=False, repr=False)
    principals: tuple[str, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Computed once: every policy decision on a private space needs it.
        object.__setattr__(self, "segment", _segment_of(self))
        issuer = self.canonical.removeprefix(OIDC_PREFIX).partition("#")[0]
        groups = sorted(f"{GROUP_PREFIX}{issuer}#{g}" for g in self.groups)
        object.__setattr__(self, "principals", (self.canonical, *groups))

    def __hash__(self) -> int:
        return hash((self.canonical, self.groups))

    @classmethod
    def of_oidc(cls, issuer: str, subject: str, groups: tuple[str, ...] = ()) -> Identity:
        """A person signed in at ``issuer``: ``oidc:<issuer>#<subject>``."""
        check_issuer(issuer)
        check_subject(subject)
        if len(groups) > MAX_GROUPS:
            raise IdentityError(f"more than {MAX_GROUPS} groups")
        for group in groups:
            check_subject(group, "group")
        return cls(f"{OIDC_PREFIX}{issuer}#{subject}", groups=frozenset(groups))

    @classmethod
    def of_spiffe_id(cls, raw: str) -> Identity:
        spiffe_id = SpiffeId.parse(raw)
        if not spiffe_id.path:
            raise IdentityError("a trust domain's own ID names no workload (the path is empty)")
        return cls(str(spiffe_id), spiffe_id)

    @classmethod
    def of_common_name(cls, name: str) -> Identity:
        return cls(CN_PREFIX + check_common_name(name))

    @classmethod
    def parse(cls, raw: str) -> Identity:
        """An identity from its canonical string (``spiffe://...`` or ``cn:name``)."""
        return _parse_canonical(raw)

    @property
    def common_name(self) -> str | None:
        if self.spiffe_id or not self.canonical.startswith(CN_PREFIX):
            return None
        return self.canonical.removeprefix(CN_PREFIX)

    @classmethod
    def from_segment(cls, segment: str) -> Identity:
        """The identity whose ``segment`` this is (IdentityError if there is none)."""
        if segment.startswith(_OIDC_SEGMENT_PREFIX):
            issuer, sep, subject = segment.removeprefix(_OIDC_SEGMENT_PREFIX).partition("#")
            if not sep:
                raise IdentityError("an OIDC segment has a '#'")
            return cls.of_oidc(ISSUER_SCHEME + _unescape(issuer), _unescape(subject))
        if segment.startswith(_CN_SEGMENT_PREFIX):
            return cls.of_common_name(segment.removeprefix(_CN_SEGMENT_PREFIX))
        domain, *path = segment.split(_SEGMENT_SEPARATOR)
        return cls.of_spiffe_id(SCHEME + "/".join((domain, *path)))

    def __str__(self) -> str:
        return self.canonical


def _segment_of(identity: Identity) -> str:
    """The identity as one secret-name segment, for ``{identity}`` in name patterns.

    ``spiffe://example.org/ns/app`` -> ``example.org~ns~app``; ``cn:job`` -> ``cn=job``.
    ``oidc:https://login.example.org/x#alice`` -> ``oidc=login.example.org!2Fx#alice``.
    Injective (``Identity.from_segment`` inverts it): '~' never occurs in a SPIFFE ID,
    every path segment is non-empty, '=' never occurs in a trust domain, and an escaped
    OIDC part never holds '#'. Groups are not part of it: a person's space is theirs."""
    if identity.canonical.startswith(OIDC_PREFIX):
        issuer, _, subject = identity.canonical.removeprefix(OIDC_PREFIX).partition("#")
        host_path = _escape(issuer.removeprefix(ISSUER_SCHEME))
        return f"{_OIDC_SEGMENT_PREFIX}{host_path}#{_escape(subject)}"
    if identity.spiffe_id is None:
        return _CN_SEGMENT_PREFIX + identity.canonical.removeprefix(CN_PREFIX)
    spiffe_id = identity.spiffe_id
    return _SEGMENT_SEPARATOR.join((spiffe_id.trust_domain, *spiffe_id.segments))


@lru_cache(maxsize=4096)
def _parse_canonical(raw: str) -> Identity:
    if raw.startswith(CN_PREFIX):
        return Identity.of_common_name(raw.removeprefix(CN_PREFIX))
    if raw.startswith(SCHEME):
        return Identity.of_spiffe_id(raw)
    if raw.startswith(OIDC_PREFIX):
        issuer, sep, subject = raw.removeprefix(OIDC_PREFIX).partition("#")
        if not sep:
            raise IdentityError("an OIDC identity is 'oidc:<issuer>#<subject>'")
        return Identity.of_oidc(issuer, subject)
    raise IdentityError(
        "an identity is 'spiffe://trust.domain/path', 'cn:name' or 'oidc:<issuer>#<subject>'"
    )
