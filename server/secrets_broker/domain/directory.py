"""Secrets collections: user directories, named lists and access controls.

Resolution follows nested lists transitively; a cycle is followed once and reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from secrets_broker.domain.model import SecretValue, TokenApi

ACCOUNT_TYPES = ("EMPLOYEE", "CONTRACTOR", "EXTERNAL", "DIGITAL")
ACCOUNT_STATUSES = ("AVAILABLE", "LOCKED", "CREDENTIALS_EXPIRED", "DISABLED")
LIST_TYPES = ("SecurityGroup", "SecurityRole")
CONTROL_TYPES = ("ServiceAccessControl", "GovernanceZone")


@dataclass(frozen=True, slots=True)
class UserAccount:
    user_id: str
    user_name: str = ""
    display_name: str = ""
    given_name: str = ""
    surname: str = ""
    email: str = ""
    employee_number: str = ""
    employee_type: str = ""
    manager: str = ""
    distinguished_name: str = ""
    account_type: str = ""
    account_status: str = "DISABLED"
    description: str = ""
    security_roles: tuple[str, ...] = ()
    security_groups: tuple[str, ...] = ()
    other_properties: Mapping[str, str] = field(default_factory=dict)
    credentials: Mapping[str, SecretValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class NamedList:
    name: str
    display_name: str = ""
    description: str = ""
    distinguished_name: str = ""
    list_type: str = ""
    user_members: tuple[str, ...] = ()
    list_members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AccessControl:
    name: str
    display_name: str = ""
    description: str = ""
    control_type: str = ""
    mapping_properties: Mapping[str, str] = field(default_factory=dict)
    operations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    security_labels: tuple[str, ...] = ()
    security_properties: Mapping[str, str] = field(default_factory=dict)
    other_properties: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Resolution:
    user_ids: frozenset[str]
    list_names: frozenset[str]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Collection:
    """One secrets collection, as imported."""

    name: str
    refresh_minutes: int | None = None
    secrets: Mapping[str, SecretValue] = field(default_factory=dict)
    token_api: TokenApi | None = None
    users: Mapping[str, UserAccount] = field(default_factory=dict)
    lists: Mapping[str, NamedList] = field(default_factory=dict)
    controls: Mapping[str, AccessControl] = field(default_factory=dict)

    def resolve(self, list_name: str) -> Resolution:
        """Every user and list reachable from ``list_name`` (itself excluded)."""
        users: set[str] = set()
        seen: set[str] = set()
        warnings: list[str] = []

        def walk(name: str, path: tuple[str, ...]) -> None:
            lst = self.lists[name]
            users.update(lst.user_members)
            for member in lst.list_members:
                if member not in self.lists:
                    warnings.append(f"list {name!r} names a list {member!r} that does not exist")
                elif member in path:
                    cycle = " -> ".join((*path[path.index(member) :], member))
                    warnings.append(f"cycle among lists: {cycle}")
                elif member not in seen:
                    seen.add(member)
                    walk(member, (*path, member))

        if list_name in self.lists:
            walk(list_name, (list_name,))
        seen.discard(list_name)
        return Resolution(frozenset(users), frozenset(seen), tuple(warnings))

    def resolve_many(self, list_names: tuple[str, ...]) -> Resolution:
        users: set[str] = set()
        lists: set[str] = set()
        warnings: list[str] = []
        for name in list_names:
            if name not in self.lists:
                warnings.append(f"list {name!r} does not exist")
                continue
            r = self.resolve(name)
            users |= r.user_ids
            lists |= r.list_names | {name}
            warnings.extend(w for w in r.warnings if w not in warnings)
        return Resolution(frozenset(users), frozenset(lists), tuple(warnings))

    @cached_property
    def memberships(self) -> Mapping[str, tuple[str, ...]]:
        """For each user id, the lists it belongs to directly or transitively, sorted."""
        member_of: dict[str, set[str]] = {}
        for name in self.lists:
            for user in self.resolve(name).user_ids:
                member_of.setdefault(user, set()).add(name)
        return {user: tuple(sorted(names)) for user, names in member_of.items()}
