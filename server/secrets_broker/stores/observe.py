"""Spans and timings of the calls to one store, for the guard (stores/guard.py).

Each guarded operation (get, list, versions, put, delete; retries included) runs in a
child span of the RPC that caused it, named ``store <operation>``, with the store's
config name, the operation and its outcome; its time goes into the
``secretsbroker.store.duration`` series of that store, operation and outcome.
Outcomes: ``ok``, ``not_found``, ``circuit_open``, ``unavailable`` (timeouts
included), ``cancelled``, another error's reason in lower case (``cas_mismatch``,
``data_corrupt``, ``store_full``...), or ``error`` for anything unexpected.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from opentelemetry import trace

from secrets_broker.domain.errors import BrokerError, NotFound, Unavailable
from secrets_broker.metrics import STORE_DURATION, Registry, Series
from secrets_broker.stores.breaker import CircuitOpen

T = TypeVar("T")
_tracer = trace.get_tracer("secrets_broker.stores")
# Outcomes that mark the span as failed: the store (not the request) is at fault.
_FAULTS = frozenset({"unavailable", "circuit_open", "data_corrupt", "error"})


def outcome_of(exc: BaseException) -> str:
    if isinstance(exc, NotFound):
        return "not_found"
    if isinstance(exc, CircuitOpen):
        return "circuit_open"
    if isinstance(exc, Unavailable):
        return "unavailable"
    if isinstance(exc, asyncio.CancelledError):
        return "cancelled"
    if isinstance(exc, BrokerError):
        return exc.reason.lower()
    return "error"


class StoreCalls:
    """Spans and timings for the store named ``store``."""

    def __init__(self, store: str, registry: Registry) -> None:
        self._store = store
        self._family = registry.histogram(STORE_DURATION)
        self._series: dict[tuple[str, str], Series] = {}

    async def run(self, operation: str, call: Callable[[], Awaitable[T]]) -> T:
        """``call`` in a span of its own; its time recorded by operation and outcome."""
        started = time.perf_counter()
        outcome = "ok"
        with _tracer.start_as_current_span(
            f"store {operation}",
            kind=trace.SpanKind.CLIENT,
            attributes={
                "secretsbroker.store.name": self._store,
                "secretsbroker.store.operation": operation,
            },
            record_exception=False,  # an exception's text may name what it was about
            set_status_on_exception=False,
        ) as span:
            try:
                return await call()
            except BaseException as exc:
                outcome = outcome_of(exc)
                raise
            finally:
                span.set_attribute("secretsbroker.store.outcome", outcome)
                if outcome in _FAULTS:
                    span.set_status(trace.StatusCode.ERROR, outcome)
                self._timing(operation, outcome).observe(time.perf_counter() - started)

    def _timing(self, operation: str, outcome: str) -> Series:
        key = (operation, outcome)
        series = self._series.get(key)
        if series is None:
            series = self._series[key] = self._family.series(self._store, operation, outcome)
        return series
