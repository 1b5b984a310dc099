"""The Egeria secretsCollections format: bounded parsing and conversion to store objects.

Used by ImportCollections and by the file store alike, and so depending on the domain
only (a store may import it). Every key of the format is read into a field, or reported
as a warning naming it and where it was; nothing is dropped silently. Real files are
hand-written: members that name no user, cycles among lists, duplicates, empty lists and
keys with stray spaces are imported faithfully and reported. Warnings never quote a
secret value.

Values are text as written. A value of a free-form property map (otherProperties,
securityProperties, mappingProperties, a token API's requestBody) that is a list or a
mapping is kept as its JSON text, for example ``["egeria-runtime"]``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from secrets_broker.collections.document import (
    DOC_KEY,
    LABELS,
    CollectionObjects,
    collection_objects,
    collection_secret_name,
    decode_collection,
    encode_collection,
)
from secrets_broker.collections.yamlload import Caps, PlainScalar, load, refuse
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
from secrets_broker.domain.graph import ListGraph, cycle_text
from secrets_broker.domain.model import MAX_REFRESH_SECONDS, SecretValue, TokenApi

__all__ = [
    "CAPS",
    "DOC_KEY",
    "LABELS",
    "MAX_YAML_BYTES",
    "CollectionObjects",
    "collection_objects",
    "collection_secret_name",
    "decode_collection",
    "encode_collection",
    "parse_collections",
]

# One set of caps for imports and the file store. An import is also bounded by the
# gRPC receive limit (limits.max_receive_message_bytes, 1 MiB by default).
MAX_YAML_BYTES = 4 * 1024 * 1024
CAPS = Caps(max_bytes=MAX_YAML_BYTES, max_depth=32, max_nodes=500_000, budget_seconds=10.0)

_USER_TEXT = {
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
_USER_KEYS = {*_USER_TEXT, "userAccountType", "userAccountStatus", "securityRoles"}
_USER_KEYS |= {"securityGroups", "otherProperties", "secrets", "userId"}
_LIST_KEYS = {"displayName", "description", "distinguishedName", "listTypeName"}
_LIST_KEYS |= {"userMembers", "listMembers", "otherProperties"}
_CONTROL_KEYS = {"controlDisplayName", "displayName", "controlTypeName", "description"}
_CONTROL_KEYS |= {"controlDescription", "mappingProperties", "associatedSecurityList"}
_CONTROL_KEYS |= {"securityLabels", "securityProperties", "otherProperties"}
_OPERATION_HINT = " (operations belong under associatedSecurityList)"
_TOKEN_KEYS = {"httpRequestType", "url", "contentType", "requestBody", "responseBodyMapping"}
_COLLECTION_KEYS = {"displayName", "description", "refreshTimeInterval", "secrets", "tokenAPI"}
_COLLECTION_KEYS |= {"users", "namedLists", "securityAccessControls"}


def _typed(raw: Any) -> Any:
    """The YAML value with plain scalars read as YAML 1.1 types, for JSON text."""
    if isinstance(raw, PlainScalar):
        return raw.value
    if isinstance(raw, dict):
        return {k: _typed(v) for k, v in raw.items()}  # depth is capped by the loader
    if isinstance(raw, list):
        return [_typed(v) for v in raw]
    return raw


def json_text(raw: Any) -> str:
    return json.dumps(_typed(raw), ensure_ascii=False, default=str)


class _Reader:
    """Collects warnings while turning loosely typed YAML into domain objects."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def warn(self, where: str, problem: str) -> None:
        self.warnings.append(f"{where}: {problem}")

    def mapping(
        self, where: str, raw: Any, known: set[str] | None = None, hint: str = ""
    ) -> dict[str, Any]:
        """``raw`` as a mapping with stripped keys; with ``known``, other keys are reported."""
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            self.warn(where, f"expected a mapping, found {_kind(raw)}; ignored")
            return {}
        for key in getattr(raw, "duplicates", ()):
            self.warn(where, f"key {key!r} appears twice; the last one wins")
        out: dict[str, Any] = {}
        for key, value in raw.items():
            clean = key.strip()
            if clean != key:
                self.warn(where, f"key {key!r} has stray spaces; read as {clean!r}")
            if clean in out:
                self.warn(where, f"key {clean!r} appears twice; the last one wins")
            out[clean] = value
        for key in sorted(set(out) - known) if known is not None else ():
            self.warn(where, f"unknown key {key!r}; ignored{hint if key.isupper() else ''}")
        return out

    def text(self, where: str, raw: Any) -> str:
        if raw is None:
            return ""
        if isinstance(raw, str):
            return str(raw)  # a plain str, also for a PlainScalar
        self.warn(where, f"expected text, found {_kind(raw)}; read as its JSON text")
        return json_text(raw)

    def strings(self, where: str, raw: Any) -> tuple[str, ...]:
        if raw is None:
            return ()
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            self.warn(where, f"expected a list, found {_kind(raw)}; ignored")
            return ()
        out: dict[str, None] = {}
        for item in raw:
            if item is not None and not isinstance(item, str):
                self.warn(where, f"an entry is {_kind(item)}, not text; ignored")
                continue
            text = str(item or "").strip()
            if not text:
                self.warn(where, "an empty entry; ignored")
            elif text in out:
                self.warn(where, f"{text!r} appears twice; kept once")
            else:
                out[text] = None
        return tuple(out)

    def properties(self, where: str, raw: Any) -> dict[str, str]:
        """A free-form map: text as written, a list or mapping as its JSON text."""
        out = {}
        for key, value in self.mapping(where, raw).items():
            if value is None:
                out[key] = ""
            else:
                out[key] = str(value) if isinstance(value, str) else json_text(value)
        return out

    def secrets(self, where: str, raw: Any) -> dict[str, SecretValue]:
        # The where names the key, never the value.
        doc = self.mapping(where, raw)
        return {k: SecretValue(self.text(f"{where}[{k!r}]", v)) for k, v in doc.items()}

    def choice(self, where: str, raw: Any, allowed: tuple[str, ...], default: str) -> str:
        text = self.text(where, raw).strip()
        if not text:
            return default
        for option in allowed:
            if option.lower() == text.lower():
                return option
        self.warn(where, f"unknown value {text!r}; read as {default or 'unspecified'}")
        return default

    def fields(self, where: str, raw: Any, known: set[str], hint: str = "") -> _Fields:
        return _Fields(self, where, self.mapping(where, raw, known, hint))

    def user(self, where: str, user_id: str, raw: Any) -> UserAccount:
        f = self.fields(where, raw, _USER_KEYS)
        declared = f.text("userId").strip()
        if declared and declared != user_id:
            self.warn(where, f"userId {declared!r} differs from the key; the key is the id")
        if "userAccountStatus" not in f.doc:
            self.warn(where, "no userAccountStatus; the account is DISABLED")
        return UserAccount(
            user_id=user_id,
            account_type=f.choice("userAccountType", ACCOUNT_TYPES, ""),
            account_status=f.choice("userAccountStatus", ACCOUNT_STATUSES, "DISABLED"),
            security_roles=f.strings("securityRoles"),
            security_groups=f.strings("securityGroups"),
            other_properties=f.properties("otherProperties"),
            credentials=self.secrets(f"{where}.secrets", f.doc.get("secrets")),
            **{attr: f.text(key) for key, attr in _USER_TEXT.items()},
        )

    def named_list(self, where: str, name: str, raw: Any) -> NamedList:
        f = self.fields(where, raw, _LIST_KEYS)
        return NamedList(
            name=name,
            display_name=f.text("displayName"),
            description=f.text("description"),
            distinguished_name=f.text("distinguishedName"),
            list_type=f.choice("listTypeName", LIST_TYPES, ""),
            user_members=f.strings("userMembers"),
            list_members=f.strings("listMembers"),
            other_properties=f.properties("otherProperties"),
        )

    def control(self, where: str, name: str, raw: Any) -> AccessControl:
        f = self.fields(where, raw, _CONTROL_KEYS, _OPERATION_HINT)
        lists = self.mapping(f"{where}.associatedSecurityList", f.doc.get("associatedSecurityList"))
        other = f.properties("otherProperties")
        description, extra = f.text("description"), f.text("controlDescription")
        if not description:
            description = extra
        elif extra and extra != description:
            other.setdefault("controlDescription", extra)
            self.warn(where, "both description and controlDescription; the latter is kept "
                      "in otherProperties['controlDescription']")  # fmt: skip
        return AccessControl(
            name=name,
            display_name=f.text("controlDisplayName") or f.text("displayName"),
            description=description,
            control_type=f.choice("controlTypeName", CONTROL_TYPES, ""),
            mapping_properties=f.properties("mappingProperties"),
            operations={
                op: self.strings(f"{where}.associatedSecurityList.{op}", names)
                for op, names in lists.items()
            },
            security_labels=f.strings("securityLabels"),
            security_properties=f.properties("securityProperties"),
            other_properties=other,
        )

    def token_api(self, where: str, raw: Any) -> TokenApi | None:
        if raw is None:
            return None
        f = self.fields(where, raw, _TOKEN_KEYS)
        return TokenApi(  # with Egeria's defaults where the file leaves them out
            http_method=f.text("httpRequestType") or "GET",
            url=f.text("url"),
            content_type=f.text("contentType") or "application/json",
            request_body=f.properties("requestBody"),
            response_body_mapping=f.properties("responseBodyMapping"),
        )

    def refresh(self, where: str, raw: Any) -> int | None:
        if raw is None:
            return None
        value = raw.value if isinstance(raw, PlainScalar) else raw
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            self.warn(where, "refreshTimeInterval is not a positive whole number; ignored")
            return None
        if value * 60 > MAX_REFRESH_SECONDS:
            limit = MAX_REFRESH_SECONDS // 60
            self.warn(where, f"refreshTimeInterval {value} is above {limit} minutes; read as that")
            return limit
        return value

    def collection(self, name: str, raw: Any) -> Collection:
        where = f"collection {name!r}"
        f = self.fields(where, raw, _COLLECTION_KEYS)
        doc = f.doc
        coll = Collection(
            name=name,
            display_name=f.text("displayName"),
            description=f.text("description"),
            refresh_minutes=self.refresh(where, doc.get("refreshTimeInterval")),
            secrets=self.secrets(f"{where}.secrets", doc.get("secrets")),
            token_api=self.token_api(f"{where}.tokenAPI", doc.get("tokenAPI")),
            users={
                uid: self.user(f"{where}.users[{uid!r}]", uid, u)
                for uid, u in self.mapping(f"{where}.users", doc.get("users")).items()
            },
            lists={
                n: self.named_list(f"{where}.namedLists[{n!r}]", n, v)
                for n, v in self.mapping(f"{where}.namedLists", doc.get("namedLists")).items()
            },
            controls={
                n: self.control(f"{where}.securityAccessControls[{n!r}]", n, v)
                for n, v in self.mapping(
                    f"{where}.securityAccessControls", doc.get("securityAccessControls")
                ).items()
            },
        )
        self.check_references(where, coll)
        return coll

    def check_references(self, where: str, coll: Collection) -> None:
        graph: ListGraph = coll.graph
        for path in graph.cycles():  # first: a cycle matters more than a stray member
            self.warn(f"{where}.namedLists", f"cycle among lists: {cycle_text(path)}")
        for i, lst in enumerate(coll.lists.values()):
            users, lists = graph.dangling(i)
            at = f"{where}.namedLists[{lst.name!r}]"
            for uid in users:
                self.warn(at, f"member {uid!r} names no user")
            for member in lists:
                self.warn(at, f"list member {member!r} names no list")
            if not lst.user_members and not lst.list_members:
                self.warn(at, "the list is empty")
        for ctl in coll.controls.values():
            for op, names in ctl.operations.items():
                for n in names:
                    if n not in coll.lists:
                        self.warn(
                            f"{where}.securityAccessControls[{ctl.name!r}]",
                            f"operation {op!r} names no list {n!r}",
                        )


class _Fields:
    """The fields of one mapping, each read by the reader with its own ``where``."""

    def __init__(self, reader: _Reader, where: str, doc: dict[str, Any]) -> None:
        self.reader, self.where, self.doc = reader, where, doc

    def text(self, key: str) -> str:
        return self.reader.text(f"{self.where}.{key}", self.doc.get(key))

    def strings(self, key: str) -> tuple[str, ...]:
        return self.reader.strings(f"{self.where}.{key}", self.doc.get(key))

    def properties(self, key: str) -> dict[str, str]:
        return self.reader.properties(f"{self.where}.{key}", self.doc.get(key))

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        return self.reader.choice(f"{self.where}.{key}", self.doc.get(key), allowed, default)


def _kind(raw: Any) -> str:
    if isinstance(raw, Mapping):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    return "text" if isinstance(raw, str) else "nothing" if raw is None else type(raw).__name__


def parse_collections(text: str, caps: Caps = CAPS) -> tuple[list[Collection], list[str]]:
    """Parses a secretsCollections document; raises InvalidArgument (IMPORT_INVALID) if
    it is unusable or over a cap. Synchronous and CPU-bound: run it off the event loop.
    The warnings are all of them; callers cap what they show (graph.cap_warnings)."""
    doc = load(text, caps)
    reader = _Reader()
    top = reader.mapping("document", doc, {"secretsCollections"}) if doc is not None else {}
    if "secretsCollections" not in top:
        raise refuse("has no top-level 'secretsCollections' mapping")
    raw = reader.mapping("secretsCollections", top["secretsCollections"])
    collections = [reader.collection(name, body) for name, body in raw.items()]
    return collections, reader.warnings
