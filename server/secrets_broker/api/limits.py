"""Limits that keep one caller from starving the others, and the server from being held.

Three layers, each with its own job:

* gRPC core (``core_options``): per-connection stream cap, header and message size,
  TLS handshake timeout, idle and maximum connection age, keepalive and ping abuse,
  new streams per read (rapid reset).
* Per call (``CallGuard``): the broker's methods are registered as stream-unary on raw
  bytes (``guarded_handlers``), so a call reaches ``_serve`` as soon as its headers
  arrive and before its request message. ``_serve`` then admits the caller (per-identity
  in-flight cap and token bucket, server-wide in-flight cap), gives the request message
  ``receive_timeout_seconds`` to arrive, decodes it itself (undecodable bytes are
  INVALID_ARGUMENT, never the parser's text; a message over the configured size is
  MESSAGE_TOO_LARGE) and stops the call at ``max_rpc_seconds``.
* A server-streaming method (WatchSecret) is registered stream-stream on raw bytes, and
  its call is admitted like any other for its start (receive, validation, opening the
  stream); the open stream then holds a watch slot (``WatchSlots``: per identity and
  server-wide) instead of an in-flight call, and no RPC ceiling applies to it (it ends
  after ``watch.max_stream_seconds``; clients resume).
* Health is registered outside the caller limits (``time_limited_handlers``): it gets the
  receive timeout and safe decoding, but no identity or server-wide cap ever rejects it.

gRPC's own server-wide ``maximum_concurrent_rpcs`` is not used: it counts every stream,
health included, so streams that never send their request could exhaust it for everyone.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import grpc
from google.protobuf.descriptor import ServiceDescriptor
from google.protobuf.message import DecodeError, Message
from google.protobuf.message_factory import GetMessageClass

from secrets_broker.api.render import serializer
from secrets_broker.domain.errors import (
    BrokerError,
    DeadlineExceeded,
    InvalidArgument,
    ResourceExhausted,
)
from secrets_broker.ops.config import CallerLimitsConfig, LimitsConfig

T = TypeVar("T")
Ctx = Any  # grpc.aio.ServicerContext; the stubs do not type read()
Behavior = Callable[[Any, Ctx], Awaitable[Any]]
_SWEEP_FLOOR = 1024
# How long a caller at its in-flight cap is told to wait before retrying.
_IN_FLIGHT_RETRY_SECONDS = 0.5


def core_options(limits: LimitsConfig) -> list[tuple[str, int]]:
    """The gRPC core channel arguments for ``limits`` (names from grpc's channel_arg_names.h)."""

    def ms(seconds: float) -> int:
        return max(1, round(seconds * 1000))

    return [
        ("grpc.max_receive_message_length", core_receive_limit(limits)),
        ("grpc.max_send_message_length", limits.max_send_message_bytes),
        # Soft and hard limit alike: between the two, core rejects a random sample.
        ("grpc.max_metadata_size", limits.max_metadata_bytes),
        ("grpc.absolute_max_metadata_size", limits.max_metadata_bytes),
        ("grpc.max_concurrent_streams", limits.max_streams_per_connection),
        ("grpc.http2.max_requests_per_read", limits.max_new_streams_per_read),
        ("grpc.server_handshake_timeout_ms", ms(limits.handshake_timeout_seconds)),
        ("grpc.max_connection_idle_ms", ms(limits.connection_idle_seconds)),
        ("grpc.max_connection_age_ms", ms(limits.connection_max_age_seconds)),
        ("grpc.max_connection_age_grace_ms", ms(limits.connection_age_grace_seconds)),
        ("grpc.keepalive_time_ms", ms(limits.keepalive_time_seconds)),
        ("grpc.keepalive_timeout_ms", ms(limits.keepalive_timeout_seconds)),
        ("grpc.keepalive_permit_without_calls", 1),
        (
            "grpc.http2.min_ping_interval_without_data_ms",
            ms(limits.min_client_ping_interval_seconds),
        ),
        ("grpc.http2.max_ping_strikes", limits.max_ping_strikes),
        # gRPC shares ports by default: a second process (a stale broker, or anyone
        # able to bind) would silently take half of the connections.
        ("grpc.so_reuseport", 0),
    ]


def core_receive_limit(limits: LimitsConfig) -> int:
    """gRPC core's own cut-off, a quarter above the configured limit: a request between
    the two reaches the broker and is answered MESSAGE_TOO_LARGE with details; beyond it
    core answers a bare RESOURCE_EXHAUSTED without reading the rest."""
    return limits.max_receive_message_bytes + limits.max_receive_message_bytes // 4


class _Caller:
    __slots__ = ("in_flight", "stamp", "tokens")

    def __init__(self, tokens: float, stamp: float) -> None:
        self.tokens = tokens
        self.stamp = stamp
        self.in_flight = 0


@dataclass(slots=True)
class _Held:
    """The call ``CallGuard.run`` is running in this task (for ``release_ceiling``)."""

    caller: _Caller
    timer: asyncio.Timeout | None = None
    released: bool = False


_HELD: contextvars.ContextVar[_Held | None] = contextvars.ContextVar("held_call", default=None)


class CallerLimiter:
    """Per-identity in-flight cap and token bucket, plus a server-wide in-flight cap.

    O(1) per call and lock-free: it runs on the event loop thread only. Callers idle
    long enough for a full bucket are forgotten when the table doubles in size.
    """

    def __init__(
        self,
        limits: CallerLimitsConfig,
        max_total: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_in_flight = limits.max_in_flight
        self._rate = limits.rate_per_second
        self._burst = float(limits.burst)
        self._max_total = max_total
        self._clock = clock
        self._callers: dict[str, _Caller] = {}
        self._sweep_at = _SWEEP_FLOOR
        self.in_flight = 0

    def admit(self, identity: str) -> _Caller:
        """Counts a call in, or raises ResourceExhausted (with a retry delay)."""
        if self.in_flight >= self._max_total:
            raise ResourceExhausted(
                f"the server is serving its limit of {self._max_total} calls",
                retry_after_seconds=_IN_FLIGHT_RETRY_SECONDS,
            )
        now = self._clock()
        caller = self._callers.get(identity)
        if caller is None:
            caller = self._callers[identity] = _Caller(self._burst, now)
            if len(self._callers) > self._sweep_at:
                self._sweep(now)
        if caller.in_flight >= self._max_in_flight:
            raise ResourceExhausted(
                f"this caller already has {self._max_in_flight} calls in progress",
                reason="CONCURRENCY_LIMITED",
                retry_after_seconds=_IN_FLIGHT_RETRY_SECONDS,
            )
        if self._rate:
            tokens = min(self._burst, caller.tokens + (now - caller.stamp) * self._rate)
            if tokens < 1.0:
                raise ResourceExhausted(
                    f"this caller is over its rate of {self._rate:g} calls per second",
                    reason="RATE_LIMITED",
                    retry_after_seconds=(1.0 - tokens) / self._rate,
                )
            caller.tokens = tokens - 1.0
            caller.stamp = now
        caller.in_flight += 1
        self.in_flight += 1
        return caller

    def release(self, caller: _Caller) -> None:
        caller.in_flight -= 1
        self.in_flight -= 1

    def tracked(self) -> int:
        return len(self._callers)

    def _sweep(self, now: float) -> None:
        def idle(c: _Caller) -> bool:
            full = not self._rate or c.tokens + (now - c.stamp) * self._rate >= self._burst
            return c.in_flight == 0 and full

        self._callers = {k: c for k, c in self._callers.items() if not idle(c)}
        self._sweep_at = max(_SWEEP_FLOOR, 2 * len(self._callers))


class WatchSlots:
    """Open WatchSecret streams, per identity and server-wide."""

    def __init__(self, per_identity: int, total: int) -> None:
        self._per_identity = per_identity
        self._total = total
        self._open: dict[str, int] = {}
        self.open = 0

    def admit(self, identity: str) -> None:
        if self.open >= self._total:
            raise ResourceExhausted(
                f"the server has its limit of {self._total} watch streams open",
                retry_after_seconds=_IN_FLIGHT_RETRY_SECONDS,
            )
        held = self._open.get(identity, 0)
        if held >= self._per_identity:
            raise ResourceExhausted(
                f"this caller already has {self._per_identity} watch streams open",
                reason="CONCURRENCY_LIMITED",
                retry_after_seconds=_IN_FLIGHT_RETRY_SECONDS,
            )
        self._open[identity] = held + 1
        self.open += 1

    def release(self, identity: str) -> None:
        held = self._open.pop(identity, 0) - 1
        if held > 0:
            self._open[identity] = held
        self.open -= 1


class CallGuard:
    """Applies the per-call limits around one RPC (see the module docstring)."""

    def __init__(self, limits: LimitsConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self.callers = CallerLimiter(limits.per_identity, limits.max_concurrent_rpcs, clock)
        self.watches = WatchSlots(limits.max_watches_per_identity, limits.max_watches)
        self._receive_seconds = min(limits.receive_timeout_seconds, limits.max_rpc_seconds)
        self._max_rpc_seconds = limits.max_rpc_seconds
        self._max_bytes = limits.max_receive_message_bytes
        # Calls refused by a limit (admission, receive timeout, size, time ceiling), by reason.
        self.rejected: Counter[str] = Counter()

    async def run(
        self, identity: str, request: Message, context: Ctx, work: Callable[[], Awaitable[T]]
    ) -> T:
        """Admits ``identity``, fills ``request`` from the wire, then runs ``work``."""
        try:
            caller = self.callers.admit(identity)
        except ResourceExhausted as exc:
            self.rejected[exc.reason] += 1
            raise
        held = _Held(caller)
        token = _HELD.set(held)
        received = False
        try:
            async with asyncio.timeout(self._receive_seconds) as timer:
                await self.receive(request, context)
                received = True
                timer.reschedule(self._rpc_deadline(timer))
                held.timer = timer
                return await work()
        except TimeoutError:
            if not timer.expired():  # raised by the work itself, not our timer
                raise
            raise self._expired(received) from None
        finally:
            _HELD.reset(token)
            if not held.released:
                self.callers.release(caller)

    def admit_watch(self, identity: str) -> None:
        """Takes a watch slot for ``identity`` (refusals counted like the others)."""
        try:
            self.watches.admit(identity)
        except ResourceExhausted as exc:
            self.rejected[exc.reason] += 1
            raise

    def release_ceiling(self) -> None:
        """For a stream past its start: lifts the RPC ceiling and gives back the call's
        in-flight slot (the stream holds a watch slot instead)."""
        held = _HELD.get()
        if held is None or held.released:
            return
        if held.timer is not None:
            held.timer.reschedule(None)
        held.released = True
        self.callers.release(held.caller)

    def _expired(self, received: bool) -> DeadlineExceeded:
        exc = _expired(received)
        self.rejected[exc.reason] += 1
        return exc

    def _rpc_deadline(self, timer: asyncio.Timeout) -> float:
        when = timer.when()
        assert when is not None
        return when - self._receive_seconds + self._max_rpc_seconds

    async def receive_within_timeout(self, request: Message, context: Ctx) -> None:
        """``receive`` bounded by the receive timeout alone (for calls outside the limits)."""
        try:
            async with asyncio.timeout(self._receive_seconds):
                await self.receive(request, context)
        except TimeoutError:
            raise self._expired(False) from None

    async def receive(self, request: Message, context: Ctx) -> None:
        """Reads the one request message of a unary call into ``request``."""
        raw = await context.read()
        if not isinstance(raw, bytes):  # grpc.aio.EOF: half-closed with no message
            raise InvalidArgument("request", "no request message", reason="REQUEST_MALFORMED")
        try:
            parse_request(request, raw, self._max_bytes)
        except ResourceExhausted as exc:  # MESSAGE_TOO_LARGE
            self.rejected[exc.reason] += 1
            raise


def parse_request(request: Message, raw: bytes, max_bytes: int) -> None:
    """Fills ``request`` from ``raw``: RESOURCE_EXHAUSTED past ``max_bytes``,
    INVALID_ARGUMENT (a fixed message, never the parser's) if it is not such a message."""
    if len(raw) > max_bytes:
        raise ResourceExhausted(
            f"the request is larger than {max_bytes} bytes",
            reason="MESSAGE_TOO_LARGE",
            metadata={"limit_bytes": str(max_bytes)},
        )
    try:
        request.ParseFromString(raw)
    except DecodeError:
        name = request.DESCRIPTOR.name
        raise InvalidArgument(
            "request", f"is not a valid {name} message", reason="REQUEST_MALFORMED"
        ) from None


def _expired(received: bool) -> DeadlineExceeded:
    if received:
        return DeadlineExceeded("the call ran longer than the server allows")
    return DeadlineExceeded("the request message did not arrive in time", reason="REQUEST_TIMEOUT")


def guarded_handlers(
    service: ServiceDescriptor, servicer: object
) -> dict[str, grpc.RpcMethodHandler[Any, Any]]:
    """The unary methods of ``service`` as stream-unary handlers on raw bytes: the
    servicer method is called at once with an empty request, which its ``_serve`` fills
    after admitting the caller (see ``CallGuard.run``)."""
    handlers = {}
    for method in service.methods:
        request_type = GetMessageClass(method.input_type)
        response_type = GetMessageClass(method.output_type)
        behavior = _deferred(getattr(servicer, method.name), request_type)
        serialize = serializer(response_type)
        if method.server_streaming:  # the servicer writes its responses itself
            handlers[method.name] = grpc.stream_stream_rpc_method_handler(
                behavior, response_serializer=serialize
            )
        else:
            handlers[method.name] = grpc.stream_unary_rpc_method_handler(
                behavior, response_serializer=serialize
            )
    return handlers


def _deferred(impl: Behavior, request_type: type[Message]) -> Behavior:
    async def behavior(_requests: object, context: Ctx) -> Any:
        return await impl(request_type(), context)

    return behavior


def time_limited_handlers(
    service: ServiceDescriptor,
    servicer: object,
    guard: CallGuard,
    abort: Callable[[Ctx, BrokerError], Awaitable[Any]],
) -> dict[str, grpc.RpcMethodHandler[Any, Any]]:
    """The methods of a service outside the caller limits (health): unary ones read
    their request within the receive timeout and decode it safely; streaming ones are
    registered as they are."""
    handlers = {}
    for method in service.methods:
        request_type = GetMessageClass(method.input_type)
        serialize = GetMessageClass(method.output_type).SerializeToString
        impl = getattr(servicer, method.name)
        if method.server_streaming:
            handlers[method.name] = grpc.unary_stream_rpc_method_handler(
                impl, request_deserializer=request_type.FromString, response_serializer=serialize
            )
            continue
        handlers[method.name] = grpc.stream_unary_rpc_method_handler(
            _received(impl, request_type, guard, abort), response_serializer=serialize
        )
    return handlers


def _received(
    impl: Behavior,
    request_type: type[Message],
    guard: CallGuard,
    abort: Callable[[Ctx, BrokerError], Awaitable[Any]],
) -> Behavior:
    async def behavior(_requests: object, context: Ctx) -> Any:
        request = request_type()
        try:
            await guard.receive_within_timeout(request, context)
        except BrokerError as exc:
            await abort(context, exc)
        return await impl(request, context)

    return behavior


def add_handlers(
    server: grpc.aio.Server, service: ServiceDescriptor, handlers: Mapping[str, Any]
) -> None:
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(service.full_name, dict(handlers)),)
    )
    # Registered methods are matched by gRPC core, without a Python lookup per call.
    server.add_registered_method_handlers(service.full_name, dict(handlers))  # type: ignore[attr-defined]
