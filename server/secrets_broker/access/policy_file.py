"""Reading a policy file: every problem found at once, each with its file and line.

    grants:                      # deny by default: only what a grant names is allowed
      - identities: ["spiffe://example.org/connectors/*", "cn:legacy-job"]
        rpcs: [GetSecret, BatchGetSecrets]    # or "*"; ReadCredentials is a right too
        names: ["connectors/**", "private/{identity}/**"]   # required
    deny:                        # beats every grant
      - identities: ["spiffe://example.org/connectors/test-*"]
        rpcs: ["*"]
        names: ["connectors/prod/**"]
    bindings:                    # a declared name stands for a real one, per identity
      - identities: ["spiffe://example.org/connectors/pg"]
        bind: {myCloudServiceCred: cloud/xyz/prod}
    allow_empty: false           # a policy without grants refuses everyone: say so

Refused: unknown keys, RPCs or rights; a rule without identities, rpcs or names (a
grant without names used to mean every name); patterns that can never match (an
identity pattern that is not ``spiffe://...``, ``cn:...``, ``oidc:...`` or
``oidc-group:...``, or whose fixed parts
break the SPIFFE ID, OIDC or name rules); and a policy with no grant unless ``allow_empty``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from secrets_broker.access.identity import (
    CN_PREFIX,
    GROUP_PREFIX,
    OIDC_PREFIX,
    SCHEME,
    Identity,
    IdentityError,
    SpiffeId,
    check_common_name,
)
from secrets_broker.access.rules import IDENTITY_PLACEHOLDER, RIGHTS, Binding, Location, Rule
from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.names import SecretName

_Check = Callable[[str], str | None]
TOP_KEYS = ("grants", "deny", "bindings", "allow_empty")
RULE_KEYS = frozenset({"identities", "rpcs", "names"})
BINDING_KEYS = frozenset({"identities", "bind"})


@dataclass
class PolicyParts:
    grants: list[Rule] = field(default_factory=list)
    denies: list[Rule] = field(default_factory=list)
    bindings: list[Binding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def identity_pattern_problem(pattern: str) -> str | None:
    """Why an identity pattern can never match an identity, or None."""
    if IDENTITY_PLACEHOLDER in pattern:
        return "{identity} belongs in name patterns"
    try:
        if pattern.startswith(CN_PREFIX):
            check_common_name(pattern.removeprefix(CN_PREFIX).replace("*", "x"))
        elif pattern.startswith(SCHEME):
            # A sample the pattern matches: '**' may span segments, '*' may not.
            sample = SpiffeId.parse(pattern.replace("**", "x/x").replace("*", "x"))
            Identity.of_spiffe_id(str(sample))
        elif pattern.startswith((OIDC_PREFIX, GROUP_PREFIX)):
            body = pattern.partition(":")[2].replace("*", "x")
            issuer, sep, subject = body.partition("#")
            if not sep:
                return "an OIDC pattern is 'oidc:<issuer>#<sub>' or 'oidc-group:<issuer>#<group>'"
            Identity.of_oidc(issuer, "x", (subject,))
        else:
            return "an identity pattern starts with 'spiffe://', 'cn:', 'oidc:' or 'oidc-group:'"
    except IdentityError as exc:
        return str(exc)
    return None


def name_pattern_problem(pattern: str) -> str | None:
    """Why a name pattern can never match a valid secret name, or None."""
    sample = pattern.replace(IDENTITY_PLACEHOLDER, "x").replace("*", "x")
    try:
        SecretName.internal(sample)
    except InvalidArgument as exc:
        return exc.problem
    return None


class _Reader:
    def __init__(self, source: str, root: yaml.Node | None) -> None:
        self.source = source
        self.root = root
        self.parts = PolicyParts()

    def problem(self, line: int, where: str, text: str) -> None:
        self.parts.problems.append(f"{self.source}:{line}: {where}: {text}")

    def _entry(self, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        for k, v in self.root.value if isinstance(self.root, yaml.MappingNode) else ():
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
        return None

    def key_line(self, key: str) -> int:
        entry = self._entry(key)
        return entry[0].start_mark.line + 1 if entry else 1

    def lines(self, key: str) -> list[int]:
        """The line of each item of the top-level list ``key``."""
        entry = self._entry(key)
        if entry is None:
            return []
        items = entry[1].value if isinstance(entry[1], yaml.SequenceNode) else [entry[1]]
        return [item.start_mark.line + 1 for item in items]

    def strings(self, line: int, where: str, raw: Any) -> tuple[str, ...]:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and x for x in raw):
            self.problem(line, where, "must be a non-empty list of non-empty strings")
            return ()
        return tuple(raw)

    def patterns(self, line: int, where: str, raw: Any, check: _Check) -> tuple[str, ...]:
        patterns = self.strings(line, where, raw)
        for pattern in patterns:
            problem = check(pattern)
            if problem:
                self.problem(line, where, f"{pattern!r} can never match: {problem}")
        return patterns

    def field(
        self, line: int, where: str, raw: Mapping[Any, Any], key: str, check: _Check | None
    ) -> tuple[str, ...]:
        """The strings under ``key`` (checked as patterns), or () when it is missing."""
        if key not in raw:
            return ()
        if check is None:
            return self.strings(line, f"{where}.{key}", raw[key])
        return self.patterns(line, f"{where}.{key}", raw[key], check)

    def keys(self, line: int, where: str, raw: Mapping[Any, Any], known: frozenset[str]) -> bool:
        """Reports unknown and missing keys; whether every required key is there."""
        for key in sorted(set(raw) - known, key=str):
            self.problem(line, where, f"unknown key {key!r} (expected {', '.join(sorted(known))})")
        for key in sorted(known - set(raw)):
            self.problem(line, where, f"key {key!r} is required")
        return not known - set(raw)

    def rule(self, section: str, i: int, line: int, raw: Any) -> Rule | None:
        where = f"{section}[{i}]"
        if not isinstance(raw, Mapping):
            self.problem(line, where, "must be a mapping with identities, rpcs and names")
            return None
        complete = self.keys(line, where, raw, RULE_KEYS)
        identities = self.field(line, where, raw, "identities", identity_pattern_problem)
        rpcs = self.field(line, where, raw, "rpcs", None)
        for bad in sorted(set(rpcs) - RIGHTS - {"*"}):
            self.problem(line, f"{where}.rpcs", f"unknown RPC or right {bad!r}")
        rights = RIGHTS if "*" in rpcs else frozenset(rpcs) & RIGHTS
        names = self.field(line, where, raw, "names", name_pattern_problem)
        if not complete:
            return None
        return Rule(identities, rights, names, Location(section, i, self.source, line))

    def binding(self, i: int, line: int, raw: Any) -> Binding | None:
        where = f"bindings[{i}]"
        if not isinstance(raw, Mapping):
            self.problem(line, where, "must be a mapping with identities and bind")
            return None
        complete = self.keys(line, where, raw, BINDING_KEYS)
        identities = self.field(line, where, raw, "identities", identity_pattern_problem)
        targets = raw.get("bind")
        if "bind" in raw and (not isinstance(targets, Mapping) or not targets):
            self.problem(line, f"{where}.bind", "must map declared names to real secret names")
            return None
        for declared, target in (targets or {}).items():
            for kind, value in (("declared name", declared), ("secret name", target)):
                try:
                    SecretName.parse(value if isinstance(value, str) else "", kind)
                except InvalidArgument as exc:
                    self.problem(line, f"{where}.bind", f"{value!r}: {exc}")
        if not complete or not isinstance(targets, Mapping):
            return None
        return Binding(identities, dict(targets), Location("bindings", i, self.source, line))


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _top_level(reader: _Reader, doc: Any) -> bool:
    if not isinstance(doc, Mapping) or not isinstance(reader.root, yaml.MappingNode):
        reader.problem(1, "policy", f"must be a mapping with keys {', '.join(TOP_KEYS)}")
        return False
    for key in sorted(set(doc) - set(TOP_KEYS), key=str):
        reader.problem(1, "policy", f"unknown key {key!r} (expected {', '.join(TOP_KEYS)})")
    for key in ("grants", "deny", "bindings"):
        if doc.get(key) is not None and not isinstance(doc[key], list):
            reader.problem(reader.key_line(key), key, "must be a list")
    seen = [k.value for k, _ in reader.root.value if isinstance(k, yaml.ScalarNode)]
    for key in sorted({k for k in seen if seen.count(k) > 1}):
        reader.problem(reader.key_line(key), "policy", f"key {key!r} appears more than once")
    if not isinstance(doc.get("allow_empty", False), bool):
        reader.problem(reader.key_line("allow_empty"), "allow_empty", "must be true or false")
    return True


def parse_policy(text: str, source: str) -> PolicyParts:
    """The rules of a policy document, or the problems that keep it from being used."""
    try:
        root, doc = _compose(text)
    except yaml.YAMLError as exc:
        return PolicyParts(problems=[f"{source}: not valid YAML: {exc}"])
    reader = _Reader(source, root)
    if doc is None:
        doc = {}
    elif not _top_level(reader, doc):
        return reader.parts
    parts = reader.parts
    for section, target in (("grants", parts.grants), ("deny", parts.denies)):
        raws = doc.get(section) or []
        lines = reader.lines(section)
        for i, raw in enumerate(raws if isinstance(raws, list) else []):
            rule = reader.rule(section, i, lines[i] if i < len(lines) else 1, raw)
            if rule is not None:
                target.append(rule)
    raws = doc.get("bindings") or []
    lines = reader.lines("bindings")
    for i, raw in enumerate(raws if isinstance(raws, list) else []):
        binding = reader.binding(i, lines[i] if i < len(lines) else 1, raw)
        if binding is not None:
            parts.bindings.append(binding)
    if not doc.get("grants") and doc.get("allow_empty") is not True:
        reader.problem(
            reader.key_line("grants"),
            "grants",
            "no grant: every call would be refused (write allow_empty: true to mean it)",
        )
    return parts
