"""Deadlines and retries shared by the sync and asyncio clients.

Only UNAVAILABLE is retried (the broker or its store could not be reached: nothing was
done), with exponential backoff and full jitter, never past the call's deadline. A
RetryInfo sent by the broker is a floor on the wait. Writes are not retried unless the
client is told to (``retry_writes``): a put whose answer was lost would be applied twice.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import grpc

from secretsbroker.errors import BrokerError

DEFAULT_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently to retry UNAVAILABLE. ``max_attempts=1`` disables it."""

    max_attempts: int = 4
    initial_backoff_seconds: float = 0.1
    max_backoff_seconds: float = 2.0
    multiplier: float = 2.0
    rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.initial_backoff_seconds <= 0 or self.max_backoff_seconds <= 0:
            raise ValueError("backoff times must be positive")
        if self.multiplier < 1:
            raise ValueError("multiplier must be at least 1")

    def backoff(self, attempt: int, error: BrokerError) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(
            self.max_backoff_seconds,
            self.initial_backoff_seconds * self.multiplier ** (attempt - 1),
        )
        wait = self.rng.uniform(0, ceiling)
        if error.retry_delay is not None:
            wait = max(wait, error.retry_delay.total_seconds())
        return wait


NO_RETRY = RetryPolicy(max_attempts=1)


@dataclass(slots=True)
class Attempts:
    """The retry loop's state for one call: what is left of its deadline, and whether
    another attempt is worth it."""

    policy: RetryPolicy
    timeout_seconds: float
    clock: Callable[[], float] = time.monotonic
    attempt: int = 0
    deadline: float = 0.0

    def __post_init__(self) -> None:
        self.deadline = self.clock() + self.timeout_seconds

    def next_timeout(self) -> float:
        """Starts an attempt; returns the seconds it may take."""
        self.attempt += 1
        return max(self.deadline - self.clock(), 0.001)

    def wait_before_retry(self, error: BrokerError) -> float | None:
        """Seconds to sleep before the next attempt, or None to give up with ``error``."""
        if error.code != grpc.StatusCode.UNAVAILABLE or self.attempt >= self.policy.max_attempts:
            return None
        wait = self.policy.backoff(self.attempt, error)
        if self.clock() + wait >= self.deadline:
            return None
        return wait
