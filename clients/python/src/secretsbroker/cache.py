"""An optional client-side cache of secrets that honours each secret's refresh_after.

A secret is kept for as long as the broker's refresh hint (Secret.refresh_after) says,
and not at all when it carries none, unless ``default_ttl_seconds`` is set. Entries are
keyed by name, version and the key subset asked for; writes through the same client
drop the name. The cache holds SecretValues, which print as ``***``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

from secretsbroker.values import Secret

CacheKey = tuple[str, int, tuple[str, ...]]


def cache_key(name: str, version: int, keys: Sequence[str]) -> CacheKey:
    return (name, version, tuple(sorted(set(keys))))


class SecretCache:
    """Thread-safe and bounded (least recently used goes first)."""

    def __init__(
        self,
        max_entries: int = 1000,
        default_ttl_seconds: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        if default_ttl_seconds < 0:
            raise ValueError("default_ttl_seconds must not be negative")
        self._max = max_entries
        self._default_ttl = default_ttl_seconds
        self._clock = clock
        self._entries: OrderedDict[CacheKey, tuple[float, Secret]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: CacheKey) -> Secret | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] <= self._clock():
                if entry is not None:
                    del self._entries[key]
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[1]

    def put(self, key: CacheKey, secret: Secret) -> None:
        ttl = (
            secret.refresh_after.total_seconds()
            if secret.refresh_after is not None
            else self._default_ttl
        )
        if ttl <= 0:
            return
        with self._lock:
            self._entries[key] = (self._clock() + ttl, secret)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max:
                self._entries.popitem(last=False)

    def invalidate(self, name: str) -> None:
        with self._lock:
            for key in [k for k in self._entries if k[0] == name]:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
