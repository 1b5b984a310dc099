"""Change notices between the worker processes of one broker (``--workers N``).

Each worker binds a Unix datagram socket ``w<i>.sock`` in the supervisor's private
runtime directory (mode 0700). A notice is delivered to this process's listeners first,
then sent to every sibling, and ``publish`` returns once each live sibling has applied it
to its cache and acknowledged it (or ``ack_timeout_seconds`` passed, logged): so a write
made through worker A is answered only after worker B's cache has dropped what the write
made stale. Unix datagrams are never lost or reordered between live sockets; a sibling
that is down (no socket, or a stale one: refused) is skipped, since a worker starts with
an empty cache and binds its socket before it serves. Only a sibling that stays too busy
to read its socket for the whole timeout can miss a notice: its cached entry then lives
until its TTL (the error log says which change).

With ``upstream`` (the PostgreSQL bus, for replicas on other machines), a notice also
goes there and what arrives from there (including the siblings' own notices, a second
time: harmless) is delivered here, as are its ``lost()``/``restored()``.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import socket
import time
from pathlib import Path

from secrets_broker.replication.bus import ChangeBus, ChangeNotice, LocalBus

log = logging.getLogger("secrets_broker.replication.siblings")

_MAX_DATAGRAM = 64 * 1024
_RETRY_SECONDS = 0.002  # a sibling's full receive queue: try again this soon
_GONE = (errno.ENOENT, errno.ECONNREFUSED)


def socket_path(directory: Path, index: int) -> Path:
    return directory / f"w{index}.sock"


class SiblingBus(LocalBus):
    def __init__(
        self,
        directory: Path,
        index: int,
        count: int,
        replica: str,
        *,
        ack_timeout_seconds: float = 2.0,
        upstream: ChangeBus | None = None,
    ) -> None:
        super().__init__(replica)
        self._upstream = upstream
        if upstream is not None:
            upstream.subscribe(_Forward(self))
        self._dir = directory
        self._index = index
        self._siblings = [i for i in range(count) if i != index]
        self._timeout = ack_timeout_seconds
        self._sock: socket.socket | None = None
        self._seq = 0
        self._pending: dict[tuple[int, int], asyncio.Future[None]] = {}
        self.unconfirmed = 0  # notices a live sibling did not acknowledge in time

    async def start(self) -> None:
        if self._upstream is not None:
            await self._upstream.start()
        path = socket_path(self._dir, self._index)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # left by this worker's previous process
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.setblocking(False)
        sock.bind(str(path))
        self._sock = sock
        asyncio.get_running_loop().add_reader(sock.fileno(), self._readable)

    async def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            asyncio.get_running_loop().remove_reader(sock.fileno())
            sock.close()
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        if self._upstream is not None:
            await self._upstream.close()

    async def publish(self, notice: ChangeNotice) -> None:
        if self._upstream is None:
            self.deliver(notice)
        else:
            await self._upstream.publish(notice)  # delivers here first (_Forward)
        if self._sock is None:
            return
        self._seq += 1
        seq = self._seq
        message = json.dumps({"t": "n", "f": self._index, "i": seq, "c": notice.encode()})
        deadline = time.monotonic() + self._timeout
        loop = asyncio.get_running_loop()
        waiting: dict[int, asyncio.Future[None]] = {}
        for sibling in self._siblings:
            future: asyncio.Future[None] = loop.create_future()
            self._pending[(seq, sibling)] = future
            if await self._send(message.encode(), sibling, deadline):
                waiting[sibling] = future
            else:
                self._pending.pop((seq, sibling), None)
        try:
            if waiting:
                await asyncio.wait(waiting.values(), timeout=max(0.0, deadline - time.monotonic()))
        finally:
            for sibling, future in waiting.items():
                self._pending.pop((seq, sibling), None)
                if not future.done():
                    future.cancel()
                    self.unconfirmed += 1
                    log.error(
                        "worker %d did not confirm the change of %s within %.1fs; its "
                        "cached copy may be served until its TTL",
                        sibling,
                        notice.name,
                        self._timeout,
                    )

    async def _send(self, data: bytes, sibling: int, deadline: float) -> bool:
        """True once ``data`` is queued at ``sibling``; False when it is down."""
        assert self._sock is not None
        target = str(socket_path(self._dir, sibling))
        while True:
            try:
                self._sock.sendto(data, target)
                return True
            except OSError as exc:
                if exc.errno in _GONE:
                    return False  # down or restarting: it starts with an empty cache
                if exc.errno != errno.EAGAIN or time.monotonic() >= deadline:
                    log.error("could not tell worker %d of a change (%s)", sibling, exc.strerror)
                    self.unconfirmed += 1
                    return False
            await asyncio.sleep(_RETRY_SECONDS)  # its receive queue is full

    def _readable(self) -> None:
        while self._sock is not None:
            try:
                data = self._sock.recv(_MAX_DATAGRAM)
            except BlockingIOError:
                return
            try:
                doc = json.loads(data)
                kind, sender, seq = str(doc["t"]), int(doc["f"]), int(doc["i"])
            except (ValueError, KeyError, TypeError):
                log.warning("ignoring a datagram that is not a sibling's message")
                continue
            if kind == "a":
                future = self._pending.get((seq, sender))
                if future is not None and not future.done():
                    future.set_result(None)
            elif kind == "n":
                notice = ChangeNotice.decode(str(doc.get("c", "")))
                if notice is not None:
                    self.deliver(notice)  # applied before the acknowledgement leaves
                self._acknowledge(sender, seq)

    def _acknowledge(self, sender: int, seq: int) -> None:
        assert self._sock is not None
        ack = json.dumps({"t": "a", "f": self._index, "i": seq}).encode()
        try:
            self._sock.sendto(ack, str(socket_path(self._dir, sender)))
        except OSError as exc:  # the writer is gone or swamped: it logs the missing ack
            log.warning("could not acknowledge worker %d's change (%s)", sender, exc.strerror)


class _Forward:
    """What the upstream bus says, said to the sibling bus's listeners."""

    def __init__(self, bus: SiblingBus) -> None:
        self._bus = bus

    def notice(self, notice: ChangeNotice) -> None:
        self._bus.deliver(notice)

    def lost(self) -> None:
        self._bus.deliver_lost()

    def restored(self) -> None:
        self._bus.deliver_restored()
