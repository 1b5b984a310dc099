"""A TTL cache in front of the store: bounded, single-flight, stale-on-error.

Entries are kept sealed with a process-local key, so a heap dump or core file does
not show cached values in clear. Errors are never cached; DATA_LOSS in particular
is reported on every read until the store is repaired.

A miss starts one load in a task of its own, free of any caller's deadline; every
caller of that key waits for it only until its own deadline (domain/deadline.py), so
a caller that gives up cannot poison the load for the others. When the store fails,
an expired entry is served for up to ``stale_on_error_seconds``, marked: the Secret's
``stale_seconds`` says how old it is, a warning is logged and ``stale_served`` counts
it; never once a newer version of that name has been seen. TTLs get +-10% jitter so
that entries cached together do not all expire together. Each read's outcome (hit,
miss, stale) is also noted for the RPC's log line (metrics.note_cache).

Ahead of expiry: a hit on a latest-version entry past ``refresh_ahead_fraction`` of its
TTL starts one background load that replaces it, so readers of a hot name never wait
on the store. An entry never outlives its version's scheduled disable time.

Replicas (replication/): ``observe`` applies a change notice (made here or by a peer):
the entry it makes stale is dropped, and the announced version becomes a floor that a
latest-version read never goes below (an older answer is loaded again). While notices
may be missing (``suspend``), hits are not served: every read goes to the store, until
the replicator has compared versions and calls ``resume``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from secrets_broker.domain import deadline
from secrets_broker.domain.crypto import Envelope
from secrets_broker.domain.errors import Unavailable
from secrets_broker.domain.model import Secret
from secrets_broker.domain.names import SecretName
from secrets_broker.metrics import note_cache
from secrets_broker.stores.base import Store
from secrets_broker.stores.codec import decode_content, encode_content

Clock = Callable[[], float]
_Key = tuple[str, int]
log = logging.getLogger("secrets_broker.cache")

TTL_JITTER = 0.1  # each TTL is drawn from [0.9, 1.1] x its nominal value
# A caller still waiting on a load answers this long before its deadline, so that the
# answer (a stale value or UNAVAILABLE) reaches it in time.
ANSWER_MARGIN_SECONDS = 0.05
# A latest-version read that meets an answer older than the announced version loads
# again, at most this many times (a store cannot stay behind its own commit for long).
FLOOR_RELOADS = 3


# Encodings kept per cached version (one per key subset asked): a bound, since a caller
# chooses the subsets.
MAX_RENDERINGS = 8


class _Renderings:
    """Encodings of one cached version (domain/model.py ``Renderings``), sealed with the
    cache's key and bound to the name, version and view, like the entry itself."""

    __slots__ = ("_aad", "_seal", "_sealed")

    def __init__(self, seal: Envelope, aad: bytes) -> None:
        self._seal = seal
        self._aad = aad
        self._sealed: dict[str, bytes] = {}

    def get(self, view: str) -> bytes | None:
        sealed = self._sealed.get(view)
        return None if sealed is None else self._seal.open(sealed, self._aad + view.encode())

    def put(self, view: str, data: bytes) -> None:
        if view in self._sealed or len(self._sealed) < MAX_RENDERINGS:
            self._sealed[view] = self._seal.seal(data, self._aad + view.encode())


@dataclass(slots=True)
class _Entry:
    sealed: bytes
    version: int
    create_time: datetime
    update_time: datetime
    expires_at: float
    fetched_at: float
    refresh_at: float
    disable_time: datetime | None
    renderings: _Renderings


def _due(entry: _Entry) -> bool:
    """Whether the entry's version has reached its scheduled disable (wall-clock time,
    as the store judges it): then it is read from the store again."""
    return entry.disable_time is not None and datetime.now(UTC) >= entry.disable_time


class SecretCache:
    """Reads through to ``store``; a hit never touches it."""

    def __init__(
        self,
        store: Store,
        *,
        default_ttl_seconds: float,
        max_entries: int,
        stale_on_error_seconds: float = 0.0,
        refresh_ahead_fraction: float = 1.0,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self._store = store
        self._ttl = default_ttl_seconds
        self._max = max_entries
        self._stale = stale_on_error_seconds
        self._refresh_fraction = refresh_ahead_fraction
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311 -- jitter, not secrecy
        self._seal = Envelope.ephemeral()
        self._entries: OrderedDict[_Key, _Entry] = OrderedDict()
        self._inflight: dict[_Key, asyncio.Task[Secret]] = {}
        self._generation: dict[str, int] = {}
        self._versions: dict[str, set[int]] = {}  # name -> cached versions, for invalidate
        self._newest: dict[str, int] = {}  # name -> newest version seen, while cached
        self._floor: OrderedDict[str, int] = OrderedDict()  # name -> announced version
        self._suspended = False
        # Read by ops/metrics_export.py when metrics are collected.
        self.hits = 0
        self.misses = 0
        self.joins = 0  # misses that waited for a load already in flight
        self.stale_served = 0
        self.refreshes = 0
        self.evictions = 0

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        return (await self.lookup(name, version))[0]

    async def lookup(self, name: SecretName, version: int = 0) -> tuple[Secret, str]:
        """The secret and how the cache served it: ``hit``, ``miss`` (loaded from the
        store, or from a load already in flight) or ``stale`` (expired, store failing;
        the secret then has ``stale_seconds``)."""
        key = (name.value, version)
        entry = self._entries.get(key)
        if entry is not None and not self._suspended:
            now = self._clock()
            if now < entry.expires_at and not _due(entry):
                self._entries.move_to_end(key)
                self.hits += 1
                if now >= entry.refresh_at and key not in self._inflight:
                    self.refreshes += 1
                    self._start_load(name, version)  # in the background: this reader goes on
                note_cache("hit")
                return self._unseal(name, entry), "hit"
        self.misses += 1
        outcome = "miss"
        try:
            for _ in range(FLOOR_RELOADS):
                task = self._inflight.get(key)
                if task is None or task.done():
                    task = self._start_load(name, version)
                else:
                    self.joins += 1
                secret = await self._wait(name, key, task)
                if version or secret.version >= self._floor.get(name.value, 0):
                    break  # else an answer older than announced (loaded before it): again
            else:
                raise Unavailable(f"the store is behind the announced version of {name}")
            if secret.stale_seconds is not None:
                self.stale_served += 1
                outcome = "stale"
            return secret, outcome
        finally:
            note_cache(outcome)

    def _start_load(self, name: SecretName, version: int) -> asyncio.Task[Secret]:
        key = (name.value, version)
        with deadline.detached():
            task = asyncio.get_running_loop().create_task(self._load(name, version))
        self._inflight[key] = task
        task.add_done_callback(lambda done: self._loaded(key, done))
        return task

    async def _wait(self, name: SecretName, key: _Key, task: asyncio.Task[Secret]) -> Secret:
        """The load's outcome, or, once this caller's deadline is near, a stale value."""
        left = deadline.remaining()
        if left is None:
            return await asyncio.shield(task)
        try:
            async with asyncio.timeout(max(left - ANSWER_MARGIN_SECONDS, 0.0)) as bound:
                return await asyncio.shield(task)
        except TimeoutError:
            if not bound.expired():
                raise
        stale = self._stale_copy(name, key, self._entries.get(key), "the caller's deadline")
        if stale is None:
            raise Unavailable(f"the store did not answer for {name} before the caller's deadline")
        return stale

    def _loaded(self, key: _Key, task: asyncio.Task[Secret]) -> None:
        if self._inflight.get(key) is task:
            del self._inflight[key]
        if not task.cancelled():
            task.exception()  # waiters that gave up may leave it unretrieved

    async def _load(self, name: SecretName, version: int) -> Secret:
        key = (name.value, version)
        generation = self._generation.get(name.value, 0)
        old = self._entries.get(key)
        try:
            secret = await self._store.get(name, version)
        except Unavailable as exc:
            stale = self._stale_copy(name, key, old, str(exc))
            if stale is None:
                raise
            return stale
        if self._generation.get(name.value, 0) == generation:
            renderings = self._remember(key, secret)
            if renderings is not None:  # the first answer's encoding is kept too
                secret = dataclasses.replace(secret, renderings=renderings)
        if name.value in self._versions:
            self._newest[name.value] = max(self._newest.get(name.value, 0), secret.version)
        return secret

    def _stale_copy(
        self, name: SecretName, key: _Key, entry: _Entry | None, why: str
    ) -> Secret | None:
        """The expired ``entry`` marked with its age, if it may still be served."""
        now = self._clock()
        if entry is None or now >= entry.expires_at + self._stale:
            return None
        newest = max(self._newest.get(name.value, 0), self._floor.get(name.value, 0))
        if entry.version < newest or _due(entry):
            return None  # a newer version exists: an old value would be wrong, not stale
        age = now - entry.fetched_at
        log.warning(
            "serving a stale value: name=%s version=%d age=%.1fs (%s)",
            name,
            entry.version,
            age,
            why,
        )
        return dataclasses.replace(self._unseal(name, entry), stale_seconds=age)

    def _remember(self, key: _Key, secret: Secret) -> _Renderings | None:
        ttl = secret.content.refresh_after_seconds or self._ttl
        if ttl <= 0 or self._max <= 0:
            return None
        ttl *= self._rng.uniform(1 - TTL_JITTER, 1 + TTL_JITTER)
        sealed = self._seal.seal(encode_content(secret.content), key[0].encode())
        now = self._clock()
        renderings = _Renderings(self._seal, f"{key[0]}\0{key[1]}\0{secret.version}\0".encode())
        self._entries[key] = _Entry(
            sealed,
            secret.version,
            secret.create_time,
            secret.update_time,
            now + ttl,
            now,
            now + ttl * self._refresh_fraction if key[1] == 0 else now + ttl,
            secret.disable_time,
            renderings,
        )
        self._entries.move_to_end(key)
        self._versions.setdefault(key[0], set()).add(key[1])
        while len(self._entries) > self._max:
            (name, version), _ = self._entries.popitem(last=False)
            self.evictions += 1
            versions = self._versions.get(name)
            if versions is not None:
                versions.discard(version)
                if not versions:
                    del self._versions[name]
                    self._newest.pop(name, None)
        return renderings

    def _unseal(self, name: SecretName, entry: _Entry) -> Secret:
        content = decode_content(self._seal.open(entry.sealed, name.value.encode()))
        return Secret(
            name,
            entry.version,
            content,
            entry.create_time,
            entry.update_time,
            disable_time=entry.disable_time,
            renderings=entry.renderings,
        )

    def invalidate(self, name: SecretName) -> None:
        """Drops every cached version of ``name``; loads already in flight are not kept."""
        self._generation[name.value] = self._generation.get(name.value, 0) + 1
        self._newest.pop(name.value, None)
        for version in self._versions.pop(name.value, ()):
            self._entries.pop((name.value, version), None)

    # -- replicas (replication/replicator.py) ----------------------------------------

    def observe(self, name: SecretName, version: int, *, deleted: bool = False) -> None:
        """A change of ``name`` was announced: ``version`` was written or changed state
        (or, ``deleted``, the secret is gone). Drops what it makes stale; a written
        version becomes the floor of latest-version reads."""
        if deleted:
            self._floor.pop(name.value, None)
            self.invalidate(name)
            return
        if version > self._floor.get(name.value, 0):
            self._floor[name.value] = version
            self._floor.move_to_end(name.value)
            while len(self._floor) > max(self._max, 1):
                self._floor.popitem(last=False)
        self._generation[name.value] = self._generation.get(name.value, 0) + 1
        latest = self._entries.get((name.value, 0))
        if latest is not None and latest.version <= version:
            self._drop((name.value, 0))
        self._drop((name.value, version))

    def _drop(self, key: _Key) -> None:
        if self._entries.pop(key, None) is not None:
            versions = self._versions.get(key[0])
            if versions is not None:
                versions.discard(key[1])
                if not versions:
                    del self._versions[key[0]]

    def latest_version(self, name: str) -> int | None:
        """The version cached as the latest of ``name`` (expired or not), if any."""
        entry = self._entries.get((name, 0))
        return None if entry is None else entry.version

    def cached_names(self) -> set[str]:
        """Names with a latest version in the cache (what a resync must compare)."""
        return {name for name, version in self._entries if version == 0}

    @property
    def suspended(self) -> bool:
        return self._suspended

    def suspend(self) -> None:
        """Serve no hits until ``resume``: notices may have been missed."""
        self._suspended = True

    def resume(self) -> None:
        self._suspended = False
