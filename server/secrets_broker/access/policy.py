"""Who may call what: a deny-by-default policy of grants, loaded from a YAML file.

    grants:
      - identities: ["spiffe://example.org/connector/*", "admin"]
        rpcs: [GetSecret, BatchGetSecrets]       # or "*"; ReadCredentials is a right too
        names: ["connectors/**", "demo/*"]       # secret or collection names

In patterns ``*`` matches within one path segment and ``**`` across segments. A name
pattern may hold ``{identity}``, the caller's identity as one name segment (see
identity_segment), which gives every identity a private space no other identity sees::

      - identities: ["spiffe://example.org/**"]
        rpcs: [GetSecret, PutSecret, DeleteSecret, ListSecrets]
        names: ["private/{identity}/**"]   # spiffe://example.org/app: private/example.org~app/
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from secrets_broker.domain.errors import ConfigError

READ_RPCS = frozenset({"GetSecret", "BatchGetSecrets", "GetUserDirectory", "GetAccessList"})
ADMIN_RPCS = frozenset({"PutSecret", "DeleteSecret", "ListSecrets", "ImportCollections"})
RIGHTS = READ_RPCS | ADMIN_RPCS | {"ReadCredentials"}


def _glob_body(pattern: str) -> str:
    parts = re.split(r"(\*\*|\*)", pattern)
    return "".join(".*" if p == "**" else "[^/]*" if p == "*" else re.escape(p) for p in parts)


_SEGMENT_SAFE = re.compile(r"[A-Za-z0-9 \-_.:@+=,()#!&]+")
_NEVER = re.compile(r"(?!)")


def identity_segment(identity: str) -> str | None:
    """One name segment that stands for ``identity`` and for no other identity.

    ``spiffe://example.org/ns/app`` -> ``example.org~ns~app`` (SPIFFE IDs never hold
    ``~`` or ``=``); a common name ``job`` -> ``cn=job``. A common name that cannot be
    written so without ambiguity has no private space (None)."""
    if identity.startswith("spiffe://"):
        segment = identity.removeprefix("spiffe://").replace("/", "~")
    elif _SEGMENT_SAFE.fullmatch(identity) and identity == identity.strip():
        segment = "cn=" + identity
    else:
        return None
    return segment if _SEGMENT_SAFE.fullmatch(segment.replace("~", "-")) else None


@lru_cache(maxsize=4096)
def glob_regex(pattern: str, identity: str = "") -> re.Pattern[str]:
    """The pattern as a regex; ``{identity}`` becomes the identity's segment, literally."""
    pieces = pattern.split("{identity}")
    if len(pieces) == 1:
        return re.compile(_glob_body(pattern), re.DOTALL)
    own = identity_segment(identity)
    if own is None:
        return _NEVER
    return re.compile(re.escape(own).join(_glob_body(p) for p in pieces), re.DOTALL)


@dataclass(frozen=True, slots=True)
class Grant:
    identities: tuple[str, ...]
    rights: frozenset[str]
    names: tuple[str, ...]

    def covers(self, identity: str, right: str) -> bool:
        return right in self.rights and any(
            glob_regex(p).fullmatch(identity) for p in self.identities
        )

    def admits(self, identity: str, name: str) -> bool:
        return any(glob_regex(p, identity).fullmatch(name) for p in self.names)


def _strings(where: str, raw: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and x for x in raw):
        raise ConfigError(f"{where}: must be a non-empty list of non-empty strings")
    return tuple(raw)


class Policy:
    """Answers whether an identity may use a right, and on which names."""

    def __init__(self, grants: Iterable[Grant]) -> None:
        self._grants = tuple(grants)

    @classmethod
    def from_mapping(cls, doc: Mapping[str, Any], source: str = "policy") -> Policy:
        if not isinstance(doc, Mapping) or set(doc) - {"grants"}:
            extra = sorted(set(doc) - {"grants"}) if isinstance(doc, Mapping) else ["?"]
            raise ConfigError(f"{source}: unknown key {extra[0]!r} (expected only 'grants')")
        grants = []
        for i, raw in enumerate(doc.get("grants") or []):
            where = f"{source}: grants[{i}]"
            if not isinstance(raw, Mapping):
                raise ConfigError(f"{where}: must be a mapping")
            unknown = set(raw) - {"identities", "rpcs", "names"}
            if unknown:
                raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r}")
            rpcs = _strings(f"{where}.rpcs", raw.get("rpcs"))
            rights = RIGHTS if "*" in rpcs else frozenset(rpcs)
            bad = rights - RIGHTS
            if bad:
                raise ConfigError(f"{where}.rpcs: unknown right {sorted(bad)[0]!r}")
            grants.append(
                Grant(
                    _strings(f"{where}.identities", raw.get("identities")),
                    rights,
                    _strings(f"{where}.names", raw.get("names", ["**"])),
                )
            )
        return cls(grants)

    @classmethod
    def load(cls, path: Path) -> Policy:
        try:
            doc = yaml.safe_load(path.read_text())
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"policy file {path}: {exc}") from None
        return cls.from_mapping(doc or {}, str(path))

    def holds(self, identity: str, right: str) -> bool:
        """Whether any grant gives ``identity`` this right at all."""
        return any(g.covers(identity, right) for g in self._grants)

    def allows(self, identity: str, right: str, name: str) -> bool:
        """Whether ``identity`` may use ``right`` on ``name``."""
        return any(g.covers(identity, right) and g.admits(identity, name) for g in self._grants)
