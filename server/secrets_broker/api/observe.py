"""What each RPC leaves behind: its latency in a series by method and status code, a
span that continues the caller's trace, and one log line (``_serve`` in handlers.py).

The per-call work is kept to a dictionary lookup and a bucket increment; the log line
is built only when ``secrets_broker.rpc`` logs at INFO. None of it ever holds a request
field: the caller's identity, the method, the outcome and the time are all there is.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import grpc
from opentelemetry.context import Context
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from secrets_broker.metrics import RPC_DURATION, Registry, Series

rpc_log = logging.getLogger("secrets_broker.rpc")
_PROPAGATOR = TraceContextTextMapPropagator()
_TRACE_KEYS = frozenset(("traceparent", "tracestate"))


def caller_trace(context: Any) -> Context | None:
    """The caller's trace from W3C ``traceparent``/``tracestate`` metadata, or None (the
    span then starts a trace of its own). A malformed header is ignored, as the W3C
    recommendation says."""
    carrier: dict[str, str] | None = None
    for key, value in context.invocation_metadata() or ():
        if key in _TRACE_KEYS:
            if carrier is None:
                carrier = {}
            carrier[key] = value
    if carrier is None or "traceparent" not in carrier:
        return None
    return _PROPAGATOR.extract(carrier)


class RpcMetrics:
    """Records each RPC's latency (its count comes with it) and writes its log line."""

    def __init__(self, registry: Registry) -> None:
        self._family = registry.histogram(RPC_DURATION)
        self._series: dict[tuple[str, grpc.StatusCode], Series] = {}

    def finish(
        self,
        rpc: str,
        code: grpc.StatusCode,
        reason: str,
        identity: str,
        started: float,
        cache: str,
    ) -> None:
        """Records one RPC that began at ``started`` (time.perf_counter)."""
        elapsed = time.perf_counter() - started
        series = self._series.get((rpc, code))
        if series is None:
            series = self._series[(rpc, code)] = self._family.series(rpc, code.name)
        series.observe(elapsed)
        if rpc_log.isEnabledFor(logging.INFO):
            log_rpc(rpc, code, reason, identity, elapsed, cache)


def log_rpc(
    rpc: str, code: grpc.StatusCode, reason: str, identity: str, elapsed: float, cache: str
) -> None:
    """The RPC's log line: message ``rpc`` with its fields (ops/logsetup.py renders them as
    JSON keys or as ``key=value`` text)."""
    fields = {
        "method": rpc,
        "identity": identity,
        "code": code.name,
        "reason": reason,
        "duration_ms": round(elapsed * 1000, 3),
        "cache": cache,
    }
    # makeRecord + handle: Logger.info would also walk the stack for the caller's file.
    record = rpc_log.makeRecord(
        rpc_log.name, logging.INFO, "", 0, "rpc", (), None, extra={"fields": fields}
    )
    rpc_log.handle(record)
