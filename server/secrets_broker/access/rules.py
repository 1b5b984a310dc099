"""The parts of a policy: patterns, grant and deny rules, bindings, decisions.

In patterns ``*`` matches within one path segment and ``**`` across segments; identity
patterns are matched against an identity's canonical string (``spiffe://...``,
``cn:name`` or ``oidc:<issuer>#<subject>``) and, for people, against each of their groups
(``oidc-group:<issuer>#<group>``). A name pattern may hold ``{identity}``, the caller's
private-space segment (see Identity.segment), matched literally.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from secrets_broker.access.identity import Identity

READ_RPCS = frozenset(
    {"GetSecret", "BatchGetSecrets", "GetUserDirectory", "GetAccessList", "WatchSecret"}
)
ADMIN_RPCS = frozenset(
    {
        "PutSecret",
        "DeleteSecret",
        "ListSecrets",
        "ImportCollections",
        "ListSecretVersions",
        "DisableSecretVersion",
        "EnableSecretVersion",
        "DestroySecretVersion",
        "RotateSecret",
    }
)
RIGHTS = READ_RPCS | ADMIN_RPCS | {"ReadCredentials"}
IDENTITY_PLACEHOLDER = "{identity}"


def _glob_body(pattern: str) -> str:
    parts = re.split(r"(\*\*|\*)", pattern)
    return "".join(".*" if p == "**" else "[^/]*" if p == "*" else re.escape(p) for p in parts)


@lru_cache(maxsize=4096)
def glob_regex(pattern: str, segment: str = "") -> re.Pattern[str]:
    """The pattern as a regex; ``{identity}`` becomes ``segment``, literally."""
    pieces = pattern.split(IDENTITY_PLACEHOLDER)
    return re.compile(re.escape(segment).join(_glob_body(p) for p in pieces), re.DOTALL)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a rule was written, for explanations and audit records."""

    section: str  # "grants", "deny" or "bindings"
    index: int
    source: str
    line: int

    def __str__(self) -> str:
        return f"{self.section}[{self.index}] at {self.source}:{self.line}"


def _matches_identity(patterns: tuple[str, ...], identity: Identity) -> bool:
    return any(glob_regex(p).fullmatch(who) for p in patterns for who in identity.principals)


@dataclass(frozen=True, slots=True)
class Rule:
    """A grant or a deny: these identities, these rights, these names."""

    identities: tuple[str, ...]
    rights: frozenset[str]
    names: tuple[str, ...]
    where: Location

    def covers(self, identity: Identity, right: str) -> bool:
        return right in self.rights and _matches_identity(self.identities, identity)

    def admits(self, identity: Identity, name: str) -> bool:
        segment = identity.segment
        return any(glob_regex(p, segment).fullmatch(name) for p in self.names)


@dataclass(frozen=True, slots=True)
class Binding:
    """For these identities, declared names that stand for real secret names."""

    identities: tuple[str, ...]
    targets: Mapping[str, str]
    where: Location

    def target(self, identity: Identity, declared: str) -> str | None:
        target = self.targets.get(declared)
        if target is None or not _matches_identity(self.identities, identity):
            return None
        return target


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a call is allowed, and the rule that decided (``str`` of its Location, or
    ``default deny`` when no rule matched)."""

    allowed: bool
    rule: str


DEFAULT_DENY = "default deny"
