"""Who may call what: a deny-by-default policy of grants, denies and bindings (YAML).

The file format and what it refuses are in policy_file.py. A deny beats every grant;
without a matching grant a call is refused. ``{identity}`` in a name pattern gives
every identity a private space no other identity sees::

      - identities: ["spiffe://example.org/**"]
        rpcs: [GetSecret, PutSecret, DeleteSecret, ListSecrets]
        names: ["private/{identity}/**"]   # spiffe://example.org/app: private/example.org~app/
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from secrets_broker.access.identity import Identity
from secrets_broker.access.policy_file import parse_policy
from secrets_broker.access.rules import (
    ADMIN_RPCS,
    DEFAULT_DENY,
    READ_RPCS,
    RIGHTS,
    Binding,
    Decision,
    Rule,
)
from secrets_broker.domain.errors import ConfigError

__all__ = ["ADMIN_RPCS", "READ_RPCS", "RIGHTS", "Decision", "Policy", "check_policy_file"]

IdentityLike = Identity | str
DECISION_CACHE_SIZE = 16_384


def _identity(identity: IdentityLike) -> Identity:
    return identity if type(identity) is Identity else Identity.parse(str(identity))


class Policy:
    """Answers whether an identity may use a right (on a name), and which rule decided."""

    def __init__(
        self,
        grants: Iterable[Rule],
        denies: Iterable[Rule] = (),
        bindings: Iterable[Binding] = (),
    ) -> None:
        self._grants = tuple(grants)
        self._denies = tuple(denies)
        self._bindings = tuple(bindings)
        # A policy never changes (a reload makes a new one), so its answers can be kept:
        # the hot path is then one cache lookup.
        self._decide = lru_cache(maxsize=DECISION_CACHE_SIZE)(self._decide_uncached)

    @classmethod
    def from_text(cls, text: str, source: str = "policy") -> Policy:
        parts = parse_policy(text, source)
        if parts.problems:
            raise ConfigError("; ".join(parts.problems))
        return cls(parts.grants, parts.denies, parts.bindings)

    @classmethod
    def from_mapping(cls, doc: Mapping[str, Any], source: str = "policy") -> Policy:
        return cls.from_text(yaml.safe_dump(dict(doc), sort_keys=False), source)

    @classmethod
    def load(cls, path: Path) -> Policy:
        """The policy in ``path``; ConfigError listing every problem if it has any."""
        try:
            text = path.read_text()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"policy file {path}: {exc}") from None
        return cls.from_text(text, str(path))

    def decide(self, identity: IdentityLike, right: str, name: str | None = None) -> Decision:
        """Whether ``identity`` may use ``right`` on ``name`` and the rule that decided;
        without a name, whether any grant gives it the right at all."""
        return self._decide(_identity(identity), right, name)

    def _decide_uncached(self, who: Identity, right: str, name: str | None) -> Decision:
        if name is not None:
            for deny in self._denies:
                if deny.covers(who, right) and deny.admits(who, name):
                    return Decision(False, str(deny.where))
        for grant in self._grants:
            if grant.covers(who, right) and (name is None or grant.admits(who, name)):
                return Decision(True, str(grant.where))
        return Decision(False, DEFAULT_DENY)

    def holds(self, identity: IdentityLike, right: str) -> bool:
        """Whether any grant gives ``identity`` this right at all."""
        return self.decide(identity, right).allowed

    def allows(self, identity: IdentityLike, right: str, name: str) -> bool:
        """Whether ``identity`` may use ``right`` on ``name``."""
        return self.decide(identity, right, name).allowed

    def binding(self, identity: IdentityLike, declared: str) -> tuple[str, str] | None:
        """The real secret name that ``declared`` stands for, for this identity, and the
        binding that says so (the first in the file that binds it); None if unbound."""
        who = _identity(identity)
        for binding in self._bindings:
            target = binding.target(who, declared)
            if target is not None:
                return target, str(binding.where)
        return None


def check_policy_file(path: Path) -> list[str]:
    """Every problem of the policy file (empty when it is usable)."""
    try:
        return parse_policy(path.read_text(), str(path)).problems
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{path}: cannot read: {exc}"]
