"""Secrets collections: user directories, named lists and access controls.

Membership has one meaning everywhere (GetAccessList with resolve, GetUserDirectory's
member_of filter and UserAccount.member_of): a list's members are the user members of
every list reachable from it through list members, itself included, that name a user
of the collection. Members that name no user are reported, never resolved. ``ListGraph``
computes it; a cycle among lists is walked once and reported with its path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from secrets_broker.domain.graph import ListGraph, Resolution
from secrets_broker.domain.model import SecretValue, TokenApi

__all__ = ["ListGraph", "Resolution"]

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
    # A value that is a list or a mapping in the source is kept as its JSON text.
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
    other_properties: Mapping[str, str] = field(default_factory=dict)


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
    display_name: str = ""
    description: str = ""

    @cached_property
    def graph(self) -> ListGraph:
        """The membership graph, built once per collection (linear in its size)."""
        return ListGraph(
            {n: (lst.user_members, lst.list_members) for n, lst in self.lists.items()},
            frozenset(self.users),
        )

    def resolve(self, list_name: str) -> Resolution:
        """Every defined user and every list reachable from ``list_name`` (itself excluded)."""
        return self.graph.resolve((list_name,))

    def resolve_many(self, list_names: tuple[str, ...]) -> Resolution:
        """The union of what each of ``list_names`` resolves to."""
        return self.graph.resolve(list_names)

    def memberships(self, user_ids: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        """For each of ``user_ids``, the lists it belongs to directly or transitively, sorted."""
        return self.graph.memberships(user_ids)
