"""A raw HTTP/2 client over mutual TLS (the `h2` package), for abuse that a gRPC client
will not send: streams that never send their request, rapid resets, bytes that are not
a message, idle connections.

Each connection runs a reader task that feeds the server's frames to the h2 state
machine and records, per stream, the response headers, trailers, and how it ended.
"""

from __future__ import annotations

import asyncio
import base64
import ssl
import struct
from dataclasses import dataclass, field

import h2.config
import h2.connection
import h2.events
import h2.exceptions
from google.rpc import error_details_pb2, status_pb2

from tests.pki import Pki


def grpc_frame(payload: bytes) -> bytes:
    """One gRPC length-prefixed message (uncompressed)."""
    return struct.pack(">BI", 0, len(payload)) + payload


def tls_context(pki: Pki, who: str | None) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(pki.path("ca")))
    if who is not None:
        ctx.load_cert_chain(pki.path(who), pki.key(who))
    ctx.set_alpn_protocols(["h2"])
    return ctx


@dataclass
class Stream:
    headers: dict[str, str] = field(default_factory=dict)
    trailers: dict[str, str] = field(default_factory=dict)
    reset_code: int | None = None
    ended: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def grpc_status(self) -> int | None:
        """The grpc-status of the answer (in trailers, or headers for trailers-only)."""
        raw = self.trailers.get("grpc-status") or self.headers.get("grpc-status")
        return None if raw is None else int(raw)

    def metadata(self) -> dict[str, str]:
        return {**self.headers, **self.trailers}

    @property
    def reason(self) -> str | None:
        """The ErrorInfo reason in the grpc-status-details-bin trailer, if any."""
        raw = self.trailers.get("grpc-status-details-bin") or self.headers.get(
            "grpc-status-details-bin"
        )
        if raw is None:
            return None
        status = status_pb2.Status.FromString(base64.b64decode(raw + "=" * (-len(raw) % 4)))
        for detail in status.details:
            info = error_details_pb2.ErrorInfo()
            if detail.Unpack(info):
                return str(info.reason)
        return None


class H2Connection:
    """One client HTTP/2 connection; streams are opened and reset by hand."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self.h2 = h2.connection.H2Connection(
            h2.config.H2Configuration(client_side=True, header_encoding="utf-8")
        )
        self.streams: dict[int, Stream] = {}
        self.closed = asyncio.Event()
        self.settled = asyncio.Event()  # the server's SETTINGS arrived
        self.goaway = asyncio.Event()
        self.goaway_code: int | None = None
        self.goaway_data = b""
        self._task: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, port: int, pki: Pki, who: str | None = "client") -> H2Connection:
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", port, ssl=tls_context(pki, who), server_hostname="localhost"
        )
        conn = cls(reader, writer)
        conn.h2.initiate_connection()
        await conn.flush()
        conn._task = asyncio.create_task(conn._read_loop())
        await asyncio.wait_for(conn.settled.wait(), 30)
        return conn

    @property
    def max_streams(self) -> int:
        """The server's SETTINGS_MAX_CONCURRENT_STREAMS as last received."""
        return int(self.h2.remote_settings.max_concurrent_streams)

    async def flush(self) -> None:
        data = self.h2.data_to_send()
        if data and not self._writer.is_closing():
            self._writer.write(data)
            await self._writer.drain()

    def start(
        self,
        method: str,
        *,
        body: bytes | None = None,
        end: bool = False,
        metadata: tuple[tuple[str, str], ...] = (),
    ) -> int:
        """Sends HEADERS for ``method`` (and ``body``, a whole gRPC frame, if given);
        ``end`` half-closes the stream. Call ``flush`` to put it on the wire."""
        sid = self.h2.get_next_available_stream_id()
        headers = [
            (":method", "POST"),
            (":scheme", "https"),
            (":path", method),
            (":authority", "localhost"),
            ("content-type", "application/grpc"),
            ("te", "trailers"),
            *metadata,
        ]
        self.streams[sid] = Stream()
        self.h2.send_headers(sid, headers, end_stream=end and body is None)
        if body is not None:
            self.h2.send_data(sid, body, end_stream=end)
        return sid

    def reset(self, sid: int) -> None:
        self.h2.reset_stream(sid)

    async def finished(self, sid: int, timeout: float) -> Stream:
        stream = self.streams[sid]
        await asyncio.wait_for(stream.ended.wait(), timeout)
        return stream

    def open_count(self) -> int:
        return sum(1 for s in self.streams.values() if not s.ended.is_set())

    async def _read_loop(self) -> None:
        buffer = b""
        try:
            while data := await self._reader.read(65536):
                buffer += data
                # One frame at a time: h2 refuses frames after a GOAWAY (grpc sends a
                # PING with it) and would drop the GOAWAY's event with the whole batch.
                while len(buffer) >= 9 and len(buffer) >= 9 + int.from_bytes(buffer[:3], "big"):
                    size = 9 + int.from_bytes(buffer[:3], "big")
                    frame, buffer = buffer[:size], buffer[size:]
                    try:
                        events = self.h2.receive_data(frame)
                    except h2.exceptions.ProtocolError:
                        continue  # after a GOAWAY: nothing more to learn from the frame
                    for event in events:
                        self._on_event(event)
                await self.flush()
        except (ConnectionError, ssl.SSLError):
            pass
        finally:
            for stream in self.streams.values():
                stream.ended.set()
            self.closed.set()

    def _on_event(self, event: h2.events.Event) -> None:
        sid = getattr(event, "stream_id", 0)
        stream = self.streams.get(sid)
        if isinstance(event, h2.events.ResponseReceived) and stream is not None:
            stream.headers = {str(k): str(v) for k, v in event.headers or ()}
        elif isinstance(event, h2.events.TrailersReceived) and stream is not None:
            stream.trailers = {str(k): str(v) for k, v in event.headers or ()}
        elif isinstance(event, h2.events.DataReceived):
            self.h2.acknowledge_received_data(event.flow_controlled_length, sid)
        elif isinstance(event, h2.events.StreamEnded) and stream is not None:
            stream.ended.set()
        elif isinstance(event, h2.events.StreamReset) and stream is not None:
            stream.reset_code = int(event.error_code or 0)
            stream.ended.set()
        elif isinstance(event, h2.events.RemoteSettingsChanged):
            self.settled.set()
        elif isinstance(event, h2.events.ConnectionTerminated):
            self.goaway_code = int(event.error_code or 0)
            self.goaway_data = event.additional_data or b""
            self.goaway.set()

    async def close(self) -> None:
        """Drops the connection at once (no TLS close_notify exchange)."""
        if self._task is not None:
            self._task.cancel()
        self._writer.transport.abort()
