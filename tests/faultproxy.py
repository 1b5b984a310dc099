"""A TCP fault proxy for tests: sits between the broker and a real server on loopback.

``FaultProxy(host, port)`` listens on 127.0.0.1 on a free port and forwards to the
server; ``set_mode`` switches what it does, for new and open connections alike:

- ``pass``: forward bytes both ways.
- ``delay``: forward each chunk after ``delay_seconds``.
- ``drop``: close every connection (a new one is closed as soon as it is accepted).
- ``reset``: the same with a TCP RST (SO_LINGER 0) instead of an orderly close.
- ``blackhole``: accept, never answer, forward nothing (a server that hangs, or a
  network that eats packets). Connections that swallowed bytes are closed on the way
  out of this mode, since their streams lost data.

It runs its own event loop in a thread, so synchronous clients (hvac, psycopg's
start-up connection) and the broker's loop can both use it. ``faults`` counts the
faults injected: connections closed, reset or held, and chunks delayed.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

MODES = ("pass", "delay", "drop", "reset", "blackhole")
_CHUNK = 65536


@dataclass(eq=False)
class _Link:
    client: asyncio.StreamWriter
    upstream: asyncio.StreamWriter | None = None
    swallowed: bool = False
    tasks: list[asyncio.Task[None]] = field(default_factory=list)


def _kill(writer: asyncio.StreamWriter | None, *, rst: bool) -> None:
    if writer is None or writer.transport.is_closing():
        return
    if rst:
        sock = writer.transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()
    else:
        writer.close()


class FaultProxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.mode = "pass"
        self.delay_seconds = 0.0
        self.faults = 0
        self.connections = 0
        self._links: set[_Link] = set()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fault-proxy", daemon=True)
        self._server: asyncio.Server | None = None
        self.port = 0

    # -- control (from any thread) ----------------------------------------------------

    def start(self) -> FaultProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self

    def set_mode(self, mode: str, delay_seconds: float = 0.0) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        done = asyncio.run_coroutine_threadsafe(self._apply(mode, delay_seconds), self._loop)
        done.result(timeout=10)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    # -- the proxy's own loop ---------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(
            asyncio.start_server(self._accept, "127.0.0.1", 0)
        )
        self.port = int(self._server.sockets[0].getsockname()[1])
        self._ready.set()
        self._loop.run_forever()
        self._loop.close()

    async def _apply(self, mode: str, delay_seconds: float) -> None:
        leaving_blackhole = self.mode == "blackhole" and mode != "blackhole"
        self.mode, self.delay_seconds = mode, delay_seconds
        for link in list(self._links):
            if mode in ("drop", "reset") or (leaving_blackhole and link.swallowed):
                self._end(link, rst=mode == "reset")

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for link in list(self._links):
            self._end(link, rst=False)

    def _end(self, link: _Link, *, rst: bool) -> None:
        self.faults += 1
        _kill(link.client, rst=rst)
        _kill(link.upstream, rst=rst)
        for task in link.tasks:
            task.cancel()
        self._links.discard(link)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        link = _Link(writer)
        if self.mode in ("drop", "reset"):
            self.faults += 1
            _kill(writer, rst=self.mode == "reset")
            return
        self._links.add(link)
        if self.mode == "blackhole":
            self.faults += 1
            link.swallowed = True
            await self._swallow(reader)
            return
        try:
            up_reader, link.upstream = await asyncio.open_connection(*self.target)
        except OSError:
            self._end(link, rst=True)
            return
        link.tasks = [
            asyncio.create_task(self._pump(reader, link.upstream, link)),
            asyncio.create_task(self._pump(up_reader, writer, link)),
        ]
        await asyncio.gather(*link.tasks, return_exceptions=True)
        if link in self._links:
            self._links.discard(link)
            _kill(writer, rst=False)
            _kill(link.upstream, rst=False)

    async def _swallow(self, reader: asyncio.StreamReader) -> None:
        while await reader.read(_CHUNK):
            pass

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: _Link
    ) -> None:
        try:
            while data := await reader.read(_CHUNK):
                if self.mode == "blackhole":
                    link.swallowed = True
                    continue
                if self.mode == "delay":
                    self.faults += 1
                    await asyncio.sleep(self.delay_seconds)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            if not writer.transport.is_closing():
                writer.close()


@contextmanager
def fault_proxy(host: str, port: int) -> Iterator[FaultProxy]:
    proxy = FaultProxy(host, port).start()
    try:
        yield proxy
    finally:
        proxy.close()
