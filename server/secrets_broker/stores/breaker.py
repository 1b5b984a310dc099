"""A circuit breaker: after repeated failures, stop waiting on a store that is down.

closed --(failure_threshold failures in a row)--> open --(open_seconds)--> half-open
half-open: one call (the probe) goes through; success closes, failure re-opens.
The clock is injectable, so tests drive the cycle without sleeping.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

from secrets_broker.domain.errors import NotApplied

Clock = Callable[[], float]


class CircuitOpen(NotApplied):
    """The breaker is open: the call was not sent to the store."""


class State(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitBreaker:
    """State only; the caller reports each outcome with ``success``/``failure``, or
    ``abandon`` when an admitted call ended without one (e.g. the caller went away)."""

    def __init__(
        self,
        failure_threshold: int,
        open_seconds: float,
        *,
        clock: Clock = time.monotonic,
        on_change: Callable[[State, State], None] | None = None,
    ) -> None:
        self._threshold = failure_threshold
        self._open_seconds = open_seconds
        self._clock = clock
        self._on_change = on_change
        self.state = State.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._probing = False

    def allow(self) -> bool:
        """Whether a call may go to the store now; in half-open, only the probe may."""
        if self.state is State.CLOSED:
            return True
        if self.state is State.OPEN:
            if self._clock() < self._opened_at + self._open_seconds:
                return False
            self._set(State.HALF_OPEN)
        if self._probing:
            return False
        self._probing = True
        return True

    def retry_after(self) -> float:
        """Seconds until the breaker lets a probe through (0 when it would now)."""
        if self.state is not State.OPEN:
            return 0.0
        return max(0.0, self._opened_at + self._open_seconds - self._clock())

    def success(self) -> None:
        self._failures = 0
        self._probing = False
        if self.state is not State.CLOSED:
            self._set(State.CLOSED)

    def failure(self) -> None:
        self._failures += 1
        if self.state is State.HALF_OPEN or (
            self.state is State.CLOSED and self._failures >= self._threshold
        ):
            self._probing = False
            self._opened_at = self._clock()
            self._set(State.OPEN)

    def abandon(self) -> None:
        """An admitted call ended with no verdict: a pending probe slot is freed."""
        self._probing = False

    def _set(self, state: State) -> None:
        old, self.state = self.state, state
        if old is not state and self._on_change is not None:
            self._on_change(old, state)
