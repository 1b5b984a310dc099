"""Fills a connector's connection from the broker, as Egeria's connector broker does with
its secrets store connector: a connection keeps only the secret's name.

A connection is Egeria's Connection bean as JSON (a dict): ``userId``,
``clearPassword`` and ``encryptedPassword`` fields, ``securedProperties`` and
``embeddedConnections``. The secret is named by

* ``securedProperties.secretsCollectionName`` on the connection itself, or
* ``configurationProperties.secretsCollectionName`` of an embedded connection (Egeria's
  secrets store connector, which this broker stands in for).

Every field that is empty (absent, null or "") is filled from the secret value of the
same key; a field already set is never overwritten. Embedded connections of a virtual
connection are filled the same way, each from its own secret. Only the keys needed are
asked for, so the other values never leave the broker.

    report = fill_connection(broker, connection)
    report.connection   # a filled copy; the argument is left as it was
    report.filled       # e.g. ("userId", "clearPassword")
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from secretsbroker.aio import AsyncBrokerClient
from secretsbroker.client import BrokerClient
from secretsbroker.values import Secret

FIELDS = ("userId", "clearPassword", "encryptedPassword")
NAME_PROPERTY = "secretsCollectionName"


@dataclass(frozen=True, slots=True)
class FillReport:
    """What fill_connection did. Paths name a field inside the connection, for example
    ``clearPassword`` or ``embeddedConnections[0].embeddedConnection.userId``."""

    connection: dict[str, Any] = field(repr=False)  # holds the filled-in passwords
    filled: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # empty fields the secret has no value for
    secrets: tuple[str, ...] = ()  # the secret names read


@dataclass(slots=True)
class _Need:
    path: str
    target: dict[str, Any]
    secret_name: str
    fields: list[str] = field(default_factory=list)


def _empty(value: object) -> bool:
    return value is None or value == ""


def _secret_name(conn: Mapping[str, Any]) -> str:
    secured = conn.get("securedProperties") or {}
    if not _empty(secured.get(NAME_PROPERTY)):
        return str(secured[NAME_PROPERTY])
    for embedded in conn.get("embeddedConnections") or ():
        inner = (embedded or {}).get("embeddedConnection") or {}
        props = inner.get("configurationProperties") or {}
        if not _empty(props.get(NAME_PROPERTY)):
            return str(props[NAME_PROPERTY])
    return ""


def _plan(conn: dict[str, Any], path: str, needs: list[_Need]) -> None:
    name = _secret_name(conn)
    wanted = [f for f in FIELDS if _empty(conn.get(f))]
    if name and wanted:
        needs.append(_Need(path, conn, name, wanted))
    for i, embedded in enumerate(conn.get("embeddedConnections") or ()):
        inner = (embedded or {}).get("embeddedConnection")
        props = (inner or {}).get("configurationProperties") or {}
        if isinstance(inner, dict) and _empty(props.get(NAME_PROPERTY)):
            _plan(inner, f"{path}embeddedConnections[{i}].embeddedConnection.", needs)


def plan(connection: Mapping[str, Any]) -> tuple[dict[str, Any], list[_Need]]:
    """A deep copy of ``connection`` and the fields of it to fill, per secret."""
    filled = copy.deepcopy(dict(connection))
    needs: list[_Need] = []
    _plan(filled, "", needs)
    return filled, needs


def _apply(needs: Sequence[_Need], secrets: Sequence[Secret], conn: dict[str, Any]) -> FillReport:
    filled: list[str] = []
    missing: list[str] = []
    for need, secret in zip(needs, secrets, strict=True):
        for name in need.fields:
            value = secret.values.get(name)
            if value is None:
                missing.append(need.path + name)
            else:
                need.target[name] = value.reveal()
                filled.append(need.path + name)
    names = tuple(dict.fromkeys(n.secret_name for n in needs))
    return FillReport(conn, tuple(filled), tuple(missing), names)


def fill_connection(client: BrokerClient, connection: Mapping[str, Any]) -> FillReport:
    """Fills the empty credential fields of ``connection`` (a copy) from the broker.
    Errors are the client's (SecretNotFound when the secret is missing or forbidden)."""
    conn, needs = plan(connection)
    secrets = [client.get_secret(n.secret_name, keys=n.fields) for n in needs]
    return _apply(needs, secrets, conn)


async def fill_connection_async(
    client: AsyncBrokerClient, connection: Mapping[str, Any]
) -> FillReport:
    """fill_connection for the asyncio client."""
    conn, needs = plan(connection)
    secrets = [await client.get_secret(n.secret_name, keys=n.fields) for n in needs]
    return _apply(needs, secrets, conn)
