"""The caller's deadline, carried from the service layer down to the store calls.

The gRPC layer opens ``deadline_in(context.time_remaining())`` around each RPC; code
below reads ``remaining()`` without knowing about gRPC. Tasks inherit it (contextvars),
so work shared by several callers (a single-flight load) opens ``detached()`` first: one
caller's short deadline must not cut the load short for the others.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("secrets_broker_deadline", default=None)


def remaining() -> float | None:
    """Seconds left before the caller's deadline (may be negative), None without one."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


@contextmanager
def deadline_in(seconds: float | None) -> Iterator[None]:
    """Runs the block under a deadline ``seconds`` from now (None: no new bound); an
    enclosing, earlier deadline still wins."""
    outer = _deadline.get()
    new = None if seconds is None else time.monotonic() + seconds
    if outer is not None and (new is None or outer < new):
        new = outer
    token = _deadline.set(new)
    try:
        yield
    finally:
        _deadline.reset(token)


@contextmanager
def detached() -> Iterator[None]:
    """Runs the block (and the tasks it creates) with no caller deadline."""
    token = _deadline.set(None)
    try:
        yield
    finally:
        _deadline.reset(token)
