"""A TTL cache in front of the store: bounded, single-flight, stale-on-error.

Entries are kept sealed with a process-local key, so a heap dump or core file does
not show cached values in clear. Errors are never cached; DATA_LOSS in particular
is reported on every read until the store is repaired.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from secrets_broker.domain.crypto import Envelope
from secrets_broker.domain.errors import Unavailable
from secrets_broker.domain.model import Secret
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.base import Store
from secrets_broker.stores.codec import decode_content, encode_content

Clock = Callable[[], float]
_Key = tuple[str, int]


@dataclass(slots=True)
class _Entry:
    sealed: bytes
    version: int
    create_time: datetime
    update_time: datetime
    expires_at: float


class SecretCache:
    """Reads through to ``store``; a hit never touches it."""

    def __init__(
        self,
        store: Store,
        *,
        default_ttl_seconds: float,
        max_entries: int,
        stale_on_error_seconds: float = 0.0,
        clock: Clock = time.monotonic,
    ) -> None:
        self._store = store
        self._ttl = default_ttl_seconds
        self._max = max_entries
        self._stale = stale_on_error_seconds
        self._clock = clock
        self._seal = Envelope.ephemeral()
        self._entries: OrderedDict[_Key, _Entry] = OrderedDict()
        self._inflight: dict[_Key, asyncio.Future[tuple[Secret, str]]] = {}
        self._generation: dict[str, int] = {}
        self._versions: dict[str, set[int]] = {}  # name -> cached versions, for invalidate
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        return (await self.lookup(name, version))[0]

    async def lookup(self, name: SecretName, version: int = 0) -> tuple[Secret, str]:
        """The secret and how the cache served it: ``hit``, ``miss`` (loaded from the
        store, or from a load already in flight) or ``stale`` (expired, store failing)."""
        key = (name.value, version)
        entry = self._entries.get(key)
        now = self._clock()
        if entry is not None and now < entry.expires_at:
            self._entries.move_to_end(key)
            self.hits += 1
            return self._unseal(name, entry), "hit"
        self.misses += 1
        pending = self._inflight.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[tuple[Secret, str]] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            loaded = await self._load(name, version, entry, now)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # waiters re-raise it; do not warn if there are none
            raise
        else:
            future.set_result(loaded)
            return loaded
        finally:
            del self._inflight[key]

    async def _load(
        self, name: SecretName, version: int, old: _Entry | None, now: float
    ) -> tuple[Secret, str]:
        generation = self._generation.get(name.value, 0)
        try:
            secret = await self._store.get(name, version)
        except Unavailable:
            if old is not None and now < old.expires_at + self._stale:
                return self._unseal(name, old), "stale"
            raise
        if self._generation.get(name.value, 0) == generation:
            self._remember((name.value, version), secret)
        return secret, "miss"

    def _remember(self, key: _Key, secret: Secret) -> None:
        ttl = secret.content.refresh_after_seconds or self._ttl
        if ttl <= 0 or self._max <= 0:
            return
        sealed = self._seal.seal(encode_content(secret.content), key[0].encode())
        self._entries[key] = _Entry(
            sealed, secret.version, secret.create_time, secret.update_time, self._clock() + ttl
        )
        self._entries.move_to_end(key)
        self._versions.setdefault(key[0], set()).add(key[1])
        while len(self._entries) > self._max:
            (name, version), _ = self._entries.popitem(last=False)
            versions = self._versions.get(name)
            if versions is not None:
                versions.discard(version)
                if not versions:
                    del self._versions[name]

    def _unseal(self, name: SecretName, entry: _Entry) -> Secret:
        content = decode_content(self._seal.open(entry.sealed, name.value.encode()))
        return Secret(name, entry.version, content, entry.create_time, entry.update_time)

    def invalidate(self, name: SecretName) -> None:
        """Drops every cached version of ``name``; loads already in flight are not kept."""
        self._generation[name.value] = self._generation.get(name.value, 0) + 1
        for version in self._versions.pop(name.value, ()):
            self._entries.pop((name.value, version), None)
