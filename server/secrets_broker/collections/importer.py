"""Reads secrets collections from the YAML format Egeria deployments keep.

Real files are hand-written: members that name no user, duplicates, empty lists and
keys with stray spaces are imported faithfully and reported as warnings. Warnings
never quote a secret value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from secrets_broker.domain.directory import (
    ACCOUNT_STATUSES,
    ACCOUNT_TYPES,
    CONTROL_TYPES,
    LIST_TYPES,
    AccessControl,
    Collection,
    NamedList,
    UserAccount,
)
from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.model import SecretValue, TokenApi

MAX_YAML_BYTES = 4 * 1024 * 1024

_USER_FIELDS = {
    "userName": "user_name",
    "displayName": "display_name",
    "givenName": "given_name",
    "surname": "surname",
    "email": "email",
    "employeeNumber": "employee_number",
    "employeeType": "employee_type",
    "manager": "manager",
    "distinguishedName": "distinguished_name",
    "description": "description",
}


class _Reader:
    """Collects warnings while turning loosely typed YAML into domain objects."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def warn(self, where: str, problem: str) -> None:
        self.warnings.append(f"{where}: {problem}")

    def mapping(self, where: str, raw: Any) -> dict[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            self.warn(where, f"expected a mapping, found {type(raw).__name__}; ignored")
            return {}
        out: dict[str, Any] = {}
        for key, value in raw.items():
            text = str(key)
            clean = text.strip()
            if clean != text:
                self.warn(where, f"key {text!r} has stray spaces; read as {clean!r}")
            if clean in out:
                self.warn(where, f"key {clean!r} appears twice; the last one wins")
            out[clean] = value
        return out

    def text(self, raw: Any) -> str:
        return "" if raw is None else str(raw)

    def strings(self, where: str, raw: Any) -> tuple[str, ...]:
        if raw is None:
            return ()
        if isinstance(raw, str | int | float):
            raw = [raw]
        if not isinstance(raw, list):
            self.warn(where, "expected a list; ignored")
            return ()
        out: list[str] = []
        for item in raw:
            text = self.text(item).strip()
            if not text:
                self.warn(where, "an empty entry; ignored")
            elif text in out:
                self.warn(where, f"{text!r} appears twice; kept once")
            else:
                out.append(text)
        return tuple(out)

    def text_map(self, where: str, raw: Any) -> dict[str, str]:
        return {k: self.text(v) for k, v in self.mapping(where, raw).items()}

    def secret_map(self, where: str, raw: Any) -> dict[str, SecretValue]:
        return {k: SecretValue(self.text(v)) for k, v in self.mapping(where, raw).items()}

    def choice(self, where: str, raw: Any, allowed: tuple[str, ...], default: str) -> str:
        text = self.text(raw).strip()
        if not text:
            return default
        for option in allowed:
            if option.lower() == text.lower():
                return option
        self.warn(where, f"unknown value {text!r}; read as {default or 'unspecified'}")
        return default

    def user(self, where: str, user_id: str, raw: Any) -> UserAccount:
        doc = self.mapping(where, raw)
        known = {
            *_USER_FIELDS,
            "userAccountType",
            "userAccountStatus",
            "securityRoles",
            "securityGroups",
            "otherProperties",
            "secrets",
            "userId",
        }
        for key in sorted(set(doc) - known):
            self.warn(where, f"unknown field {key!r}; ignored")
        fields = {attr: self.text(doc.get(key)) for key, attr in _USER_FIELDS.items()}
        if "userAccountStatus" not in doc:
            self.warn(where, "no userAccountStatus; the account is DISABLED")
        return UserAccount(
            user_id=user_id,
            account_type=self.choice(
                f"{where}.userAccountType", doc.get("userAccountType"), ACCOUNT_TYPES, ""
            ),
            account_status=self.choice(
                f"{where}.userAccountStatus",
                doc.get("userAccountStatus"),
                ACCOUNT_STATUSES,
                "DISABLED",
            ),
            security_roles=self.strings(f"{where}.securityRoles", doc.get("securityRoles")),
            security_groups=self.strings(f"{where}.securityGroups", doc.get("securityGroups")),
            other_properties=self.text_map(f"{where}.otherProperties", doc.get("otherProperties")),
            credentials=self.secret_map(f"{where}.secrets", doc.get("secrets")),
            **fields,
        )

    def named_list(self, where: str, name: str, raw: Any) -> NamedList:
        doc = self.mapping(where, raw)
        return NamedList(
            name=name,
            display_name=self.text(doc.get("displayName")),
            description=self.text(doc.get("description")),
            distinguished_name=self.text(doc.get("distinguishedName")),
            list_type=self.choice(f"{where}.listTypeName", doc.get("listTypeName"), LIST_TYPES, ""),
            user_members=self.strings(f"{where}.userMembers", doc.get("userMembers")),
            list_members=self.strings(f"{where}.listMembers", doc.get("listMembers")),
        )

    def control(self, where: str, name: str, raw: Any) -> AccessControl:
        doc = self.mapping(where, raw)
        lists = self.mapping(f"{where}.associatedSecurityList", doc.get("associatedSecurityList"))
        return AccessControl(
            name=name,
            display_name=self.text(doc.get("controlDisplayName") or doc.get("displayName")),
            description=self.text(doc.get("description")),
            control_type=self.choice(
                f"{where}.controlTypeName", doc.get("controlTypeName"), CONTROL_TYPES, ""
            ),
            mapping_properties=self.text_map(
                f"{where}.mappingProperties", doc.get("mappingProperties")
            ),
            operations={
                op: self.strings(f"{where}.associatedSecurityList.{op}", names)
                for op, names in lists.items()
            },
            security_labels=self.strings(f"{where}.securityLabels", doc.get("securityLabels")),
            security_properties=self.text_map(
                f"{where}.securityProperties", doc.get("securityProperties")
            ),
            other_properties=self.text_map(f"{where}.otherProperties", doc.get("otherProperties")),
        )

    def collection(self, name: str, raw: Any) -> Collection:
        where = f"collection {name!r}"
        doc = self.mapping(where, raw)
        refresh = doc.get("refreshTimeInterval")
        minutes: int | None = None
        if refresh is not None:
            try:
                minutes = int(refresh)
                if minutes <= 0:
                    raise ValueError
            except (TypeError, ValueError):
                self.warn(where, "refreshTimeInterval is not a positive number; ignored")
                minutes = None
        token = self.mapping(f"{where}.tokenAPI", doc.get("tokenAPI"))
        users = {
            uid: self.user(f"{where}.users[{uid!r}]", uid, u)
            for uid, u in self.mapping(f"{where}.users", doc.get("users")).items()
        }
        lists = {
            n: self.named_list(f"{where}.namedLists[{n!r}]", n, v)
            for n, v in self.mapping(f"{where}.namedLists", doc.get("namedLists")).items()
        }
        controls = {
            n: self.control(f"{where}.securityAccessControls[{n!r}]", n, v)
            for n, v in self.mapping(
                f"{where}.securityAccessControls", doc.get("securityAccessControls")
            ).items()
        }
        coll = Collection(
            name=name,
            refresh_minutes=minutes,
            secrets=self.secret_map(f"{where}.secrets", doc.get("secrets")),
            token_api=TokenApi.from_json(token) if token else None,
            users=users,
            lists=lists,
            controls=controls,
        )
        self.check_references(where, coll)
        return coll

    def check_references(self, where: str, coll: Collection) -> None:
        for lst in coll.lists.values():
            for uid in lst.user_members:
                if uid not in coll.users:
                    self.warn(f"{where}.namedLists[{lst.name!r}]", f"member {uid!r} names no user")
            for member in lst.list_members:
                if member not in coll.lists:
                    self.warn(
                        f"{where}.namedLists[{lst.name!r}]", f"list member {member!r} names no list"
                    )
            if not lst.user_members and not lst.list_members:
                self.warn(f"{where}.namedLists[{lst.name!r}]", "the list is empty")
        for ctl in coll.controls.values():
            for op, names in ctl.operations.items():
                for n in names:
                    if n not in coll.lists:
                        self.warn(
                            f"{where}.securityAccessControls[{ctl.name!r}]",
                            f"operation {op!r} names no list {n!r}",
                        )


def parse_collections(text: str) -> tuple[list[Collection], list[str]]:
    """Parses a secretsCollections document; raises InvalidArgument if unusable."""
    if len(text.encode()) > MAX_YAML_BYTES:
        raise InvalidArgument(
            "yaml", f"is larger than {MAX_YAML_BYTES} bytes", reason="IMPORT_INVALID"
        )
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise InvalidArgument("yaml", f"is not valid YAML{at}", reason="IMPORT_INVALID") from None
    if not isinstance(doc, Mapping) or "secretsCollections" not in doc:
        raise InvalidArgument(
            "yaml", "has no top-level 'secretsCollections' mapping", reason="IMPORT_INVALID"
        )
    reader = _Reader()
    raw = reader.mapping("secretsCollections", doc["secretsCollections"])
    collections = [reader.collection(name, body) for name, body in raw.items()]
    return collections, reader.warnings
