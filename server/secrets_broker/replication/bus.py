"""The change-notice seam: what changed, and who is told.

A ChangeNotice names a secret and a version, never a value. A ChangeBus delivers each
published notice to every listener of this process at once, and to its peers through a
transport; a transport that may have lost notices (a dropped connection) says so with
``lost()``, and ``restored()`` once it delivers again, so that listeners compare versions
before trusting what they hold. Listeners are plain callbacks run on the event loop;
they must not block.
"""

from __future__ import annotations

import enum
import json
import logging
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger("secrets_broker.replication")


class ChangeKind(enum.Enum):
    WRITTEN = "w"  # a new version (a put or a rotation): ``version`` is it
    STATE = "s"  # one version was disabled, enabled, destroyed or scheduled
    DELETED = "d"  # the secret with all its versions


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    name: str
    version: int
    kind: ChangeKind
    origin: str = ""  # the replica that made the change ("" when unknown)

    def encode(self) -> str:
        """Compact JSON, well under PostgreSQL's 8000-byte NOTIFY payload (names are
        at most 512 bytes)."""
        doc = {"n": self.name, "v": self.version, "k": self.kind.value, "o": self.origin}
        return json.dumps(doc, separators=(",", ":"))

    @classmethod
    def decode(cls, text: str) -> ChangeNotice | None:
        """The notice in ``text``; None (logged) when it is not one of ours."""
        try:
            doc = json.loads(text)
            notice = cls(str(doc["n"]), int(doc["v"]), ChangeKind(doc["k"]), str(doc["o"]))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring a change notice that is not well formed")
            return None
        return notice


class BusListener(Protocol):
    def notice(self, notice: ChangeNotice) -> None:
        """A change, made here or by a peer."""

    def lost(self) -> None:
        """Notices from peers may have been lost: stop trusting what was learnt."""

    def restored(self) -> None:
        """Notices flow again (every one from now on arrives): compare and resync."""


class ChangeBus(Protocol):
    replica: str

    def subscribe(self, listener: BusListener) -> None: ...

    async def publish(self, notice: ChangeNotice) -> None:
        """Tells every listener here at once, then the peers; never raises (a peer that
        misses a notice catches up at its next resync)."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class LocalBus:
    """Listeners in this process only: for a single replica, and the base of transports."""

    def __init__(self, replica: str = "") -> None:
        self.replica = replica
        self._listeners: list[BusListener] = []

    def subscribe(self, listener: BusListener) -> None:
        self._listeners.append(listener)

    def deliver(self, notice: ChangeNotice) -> None:
        for listener in self._listeners:
            listener.notice(notice)

    def deliver_lost(self) -> None:
        for listener in self._listeners:
            listener.lost()

    def deliver_restored(self) -> None:
        for listener in self._listeners:
            listener.restored()

    async def publish(self, notice: ChangeNotice) -> None:
        self.deliver(notice)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None
