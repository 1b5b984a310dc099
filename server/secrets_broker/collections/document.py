"""The objects a collection becomes in a store, and the directory document's encoding.

A collection yields the directory document ``sys/collections/<name>`` (users with their
credentials, lists and controls, as one JSON value that GetUserDirectory and
GetAccessList read) and, when it has secrets or a token API, a secret object named after
the collection that GetSecret serves. Imports and the file store both produce exactly
these, through ``collection_objects``. Depends on the domain only, so stores may use it.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, Field, dataclass, fields, is_dataclass
from typing import Any

from secrets_broker.domain.directory import AccessControl, Collection, NamedList, UserAccount
from secrets_broker.domain.errors import DataLoss, InvalidArgument
from secrets_broker.domain.model import SecretContent, SecretValue, TokenApi, validate_content
from secrets_broker.domain.names import SecretName

PREFIX = "sys/collections/"
DOC_KEY = "collection"
LABELS = {"kind": "secrets-collection"}


def collection_secret_name(collection: str) -> SecretName:
    """Where a collection's directory document lives."""
    return SecretName.internal(PREFIX + collection)


# Per dataclass: each field with its default. A field at its default is left out of the
# document (a directory of 100k lists is a third of the size) and read back as it.
_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _default(f: Field[Any]) -> Any:
    if f.default_factory is not MISSING:
        return f.default_factory()
    return f.default  # MISSING for a required field, which equals no value


def _defaults(cls: type) -> tuple[tuple[str, Any], ...]:
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple((f.name, _default(f)) for f in fields(cls))
    return found


def _plain(obj: Any) -> Any:
    """JSON-ready data; the document's depth is fixed (collection, entry, field, item)."""
    if isinstance(obj, str) or obj is None:
        return obj
    if isinstance(obj, SecretValue):
        return obj.reveal()
    if isinstance(obj, tuple | list):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, TokenApi):
        return obj.to_json()
    if is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for name, default in _defaults(type(obj)):
            value = getattr(obj, name)
            if value != default:
                out[name] = _plain(value)
        return out
    return obj


def _tuples(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in doc.items()}


def encode_collection(coll: Collection) -> str:
    return json.dumps(_plain(coll), sort_keys=True, separators=(",", ":"))


def decode_collection(text: str) -> Collection:
    """The stored directory document; a field it leaves out (at its default, or written
    before the field existed) reads as its default."""
    try:
        doc = json.loads(text)
        users = {}
        for uid, raw in doc.get("users", {}).items():
            creds = raw.get("credentials", {})
            raw["credentials"] = {k: SecretValue(v) for k, v in creds.items()}
            users[uid] = UserAccount(**_tuples(raw))
        controls = {}
        for name, raw in doc.get("controls", {}).items():
            raw["operations"] = {op: tuple(v) for op, v in raw.get("operations", {}).items()}
            controls[name] = AccessControl(**_tuples(raw))
        token = doc.get("token_api")
        return Collection(
            name=doc["name"],
            refresh_minutes=doc.get("refresh_minutes"),
            secrets={k: SecretValue(v) for k, v in doc.get("secrets", {}).items()},
            token_api=TokenApi.from_json(token) if token else None,
            users=users,
            lists={n: NamedList(**_tuples(raw)) for n, raw in doc.get("lists", {}).items()},
            controls=controls,
            display_name=doc.get("display_name", ""),
            description=doc.get("description", ""),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataLoss(f"stored collection is undecodable ({type(exc).__name__})") from None


@dataclass(frozen=True, slots=True)
class CollectionSummary:
    """What an import reports about a collection (small: it crosses a process boundary)."""

    name: str
    display_name: str
    description: str
    users: int
    lists: int
    controls: int

    @classmethod
    def of(cls, coll: Collection) -> CollectionSummary:
        return cls(
            coll.name,
            coll.display_name,
            coll.description,
            len(coll.users),
            len(coll.lists),
            len(coll.controls),
        )


@dataclass(frozen=True, slots=True)
class CollectionObjects:
    """What one collection writes: its directory document, and its secret if any."""

    summary: CollectionSummary
    name: SecretName
    directory: SecretContent
    secret: SecretContent | None


def collection_objects(coll: Collection, warnings: list[str]) -> CollectionObjects | None:
    """The objects of ``coll``; None (with a warning) if its name is unusable. Secrets
    that break the value limits are left out with a warning, the directory kept."""
    try:
        name = SecretName.parse(coll.name, f"collection {coll.name!r}")
    except InvalidArgument as exc:
        warnings.append(f"{exc}; the collection is skipped")
        return None
    directory = SecretContent(
        values={DOC_KEY: SecretValue(encode_collection(coll))}, labels=dict(LABELS)
    )
    secret: SecretContent | None = None
    if coll.secrets or coll.token_api is not None:
        secret = SecretContent(
            values=dict(coll.secrets),
            refresh_after_seconds=coll.refresh_minutes * 60 if coll.refresh_minutes else None,
            token_api=coll.token_api,
            labels=dict(LABELS),
        )
        try:
            validate_content(secret)
        except InvalidArgument as exc:
            warnings.append(f"collection {coll.name!r}: secrets not written ({exc})")
            secret = None
    return CollectionObjects(CollectionSummary.of(coll), name, directory, secret)
