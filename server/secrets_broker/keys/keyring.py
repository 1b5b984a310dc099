"""A store's data keys (DEKs), wrapped by key providers, cached, sealed or not.

Granularity: a store seals its records under a few data keys, not one per record or
per secret. A DEK serves new records until it has sealed ``max_records`` of them (AES-GCM
with random nonces stays far below its 2**32-message bound) or is ``max_age_seconds``
old; then a new one is made (one provider call). Reading a record needs its DEK: an
unwrapped DEK is cached for ``cache_seconds`` (at most ``cache_max_entries``), and the
misses of one DEK share one provider call, so a cache miss pays at most one provider
call per DEK per cache period, whatever the number of secrets. With a DEK per record
every store miss would be a network round trip to the KMS, and a re-wrap would touch
every record; here ``rekey`` re-wraps a handful of DEK rows and never the records.

KEK rotation leaves the DEKs as they are: ``rekey`` re-wraps each under the new KEK
version (the DEK row names the version that wrapped it). A KEK version disabled in the
provider stops new unwraps once the cached DEKs expire, within ``cache_seconds``; the
current DEK is re-read from the store at the same pace, so brokers pick up the DEK a
rekey made.

Sealed: a keyring whose provider does not answer at start is sealed. Every use raises
UNAVAILABLE / BROKER_SEALED and a background probe (exponential backoff up to
``probe_max_interval_seconds``) unseals it when the provider answers. A provider that
answers but cannot open the data keys (a wrong KEK) stops start-up instead.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from secrets_broker.domain.crypto import DataKey, Envelope, record_key_id
from secrets_broker.domain.errors import BrokerError, ConfigError, DataLoss, KeyUnavailable
from secrets_broker.keys.provider import KeyProvider, KeyRefused, KeyUnreachable, Wrapped
from secrets_broker.keys.table import DekRow, KeyringSettings, KeySetup, KeyTable

__all__ = ["DekRow", "KeySetup", "KeyTable", "Keyring", "KeyringSettings", "sealed_error"]

T = TypeVar("T")
log = logging.getLogger("secrets_broker.keys")

_FIRST_PROBE_SECONDS = 0.2


@dataclass(slots=True)
class _Current:
    key: DataKey
    kek: str
    created: float
    uses: int
    expires: float


def sealed_error(label: str, retry_after_seconds: float = 1.0) -> KeyUnavailable:
    return KeyUnavailable(
        f"the broker is sealed: store {label} cannot reach its key provider",
        reason="BROKER_SEALED",
        retry_after_seconds=retry_after_seconds,
    )


class Keyring:
    def __init__(
        self,
        label: str,
        setup: KeySetup,
        table: KeyTable,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.label = label
        self.providers = setup.providers
        self.settings = setup.settings
        self.table = table
        self.store_id = ""
        self.provider_calls = 0  # for tests and benchmarks: every wrap/unwrap/current
        # Public, so that a test can move time: monotonic for the cache, wall for DEK age.
        self.clock, self.wall = clock, wall
        self._cache: OrderedDict[int, tuple[DataKey, float]] = OrderedDict()
        self._inflight: dict[int, asyncio.Future[DataKey]] = {}
        self._current: _Current | None = None
        self._current_lock: asyncio.Lock | None = None
        legacy = next((k for p in self.providers if (k := p.legacy_key()) is not None), None)
        self._legacy = Envelope(legacy) if legacy is not None else None
        self._sealed: str | None = None
        self._probe: asyncio.Task[None] | None = None
        self._listeners: list[Callable[[], None]] = []

    # -- start and seal ----------------------------------------------------------------

    def start(self, store_id: str, rows: list[DekRow], legacy_check: bytes | None) -> DekRow | None:
        """Checks the keys at start-up (blocking). Returns a first data key for the store
        to insert when it has none. A wrong key is a ConfigError; a provider that does
        not answer leaves the keyring sealed."""
        self.store_id = store_id
        if legacy_check is not None:
            if self._legacy is None:
                raise ConfigError(
                    f"store {self.label} holds records sealed under a master key file: list "
                    "that file as a key provider (type: file) under previous_key_providers"
                )
            if not self._legacy.matches(legacy_check):
                raise ConfigError(f"the master key does not match the store {self.label}")
        try:
            return self._verify(rows)
        except KeyUnreachable as exc:
            self._sealed = str(exc)
            log.error("store %s starts sealed: %s; probing until it answers", self.label, exc)
            return None
        except KeyRefused as exc:
            raise ConfigError(
                f"the master key does not match the store {self.label}: {exc} (wrong key?)"
            ) from None

    def _verify(self, rows: list[DekRow]) -> DekRow | None:
        """Opens the newest data key (blocking; raises KeyUnreachable or KeyRefused)."""
        if rows:
            newest = max(rows, key=lambda r: r.created)
            self._remember(DataKey(newest.key_id, self._unwrap_now(newest)))
            return None
        key, row = self._make_key_now()
        self._remember(key)
        return row

    @property
    def sealed(self) -> bool:
        return self._sealed is not None

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Called (on the event loop) when the keyring unseals."""
        self._listeners.append(listener)

    def check(self) -> None:
        """Raises BROKER_SEALED while sealed (and makes sure the probe runs)."""
        if self._sealed is not None:
            self.ensure_probe()
            raise sealed_error(self.label)

    def ensure_probe(self) -> None:
        if self._sealed is not None and (self._probe is None or self._probe.done()):
            self._probe = asyncio.get_running_loop().create_task(self._probe_until_unsealed())

    async def _probe_until_unsealed(self) -> None:
        delay = _FIRST_PROBE_SECONDS
        cap = self.settings.probe_max_interval_seconds
        while self._sealed is not None:
            await asyncio.sleep(delay * random.uniform(0.8, 1.2))  # noqa: S311 (jitter)
            if await self.try_unseal():
                return
            delay = min(delay * 2, cap)

    async def try_unseal(self) -> bool:
        """One attempt; True when the keyring is (now) unsealed."""
        if self._sealed is None:
            return True
        try:
            rows = await self.table.deks()
            row = await asyncio.to_thread(self._verify, rows)
            if row is not None:
                await self.table.add_dek(row)
        except (KeyUnreachable, BrokerError) as exc:
            log.info("store %s still sealed: %s", self.label, exc)
            return False
        except KeyRefused as exc:
            log.error("store %s still sealed: its provider refuses the key: %s", self.label, exc)
            return False
        self._sealed = None
        log.warning("store %s unsealed: its key provider answers", self.label)
        for listener in self._listeners:
            listener()
        return True

    # -- data keys ---------------------------------------------------------------------

    def _context(self, key_id: int) -> dict[str, str]:
        return {"secrets-broker-store": self.store_id, "secrets-broker-data-key": str(key_id)}

    def owner(self, kek: str) -> KeyProvider:
        for provider in self.providers:
            if provider.owns(kek):
                return provider
        raise KeyRefused(f"no configured key provider holds KEK version {kek}")

    def _unwrap_now(self, row: DekRow) -> bytes:
        provider = self.owner(row.kek)
        self.provider_calls += 1
        return provider.unwrap(Wrapped(row.kek, row.wrapped), self._context(row.key_id))

    def _make_key_now(self) -> tuple[DataKey, DekRow]:
        key_id = secrets.randbelow(2**32 - 1) + 1
        key = AESGCM.generate_key(bit_length=256)
        self.provider_calls += 1
        wrapped = self.providers[0].wrap(key, self._context(key_id))
        return DataKey(key_id, key), DekRow(key_id, wrapped.kek, wrapped.blob, self.wall())

    async def _provider(self, call: Callable[[], T]) -> T:
        """A blocking provider call in a thread; failures become KEY_UNAVAILABLE."""
        try:
            return await asyncio.to_thread(call)
        except (KeyUnreachable, KeyRefused) as exc:
            raise KeyUnavailable(str(exc)) from None

    def cached(self, key_id: int) -> DataKey | None:
        entry = self._cache.get(key_id)
        if entry is None:
            return None
        if self.clock() >= entry[1]:
            del self._cache[key_id]
            return None
        self._cache.move_to_end(key_id)
        return entry[0]

    def _remember(self, key: DataKey) -> None:
        self._cache[key.key_id] = (key, self.clock() + self.settings.cache_seconds)
        self._cache.move_to_end(key.key_id)
        while len(self._cache) > self.settings.cache_max_entries:
            self._cache.popitem(last=False)

    async def key(self, key_id: int) -> DataKey:
        """The data key ``key_id``: from the cache, or one provider call shared by every
        concurrent miss of it."""
        self.check()
        hit = self.cached(key_id)
        if hit is not None:
            return hit
        pending = self._inflight.get(key_id)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[DataKey] = asyncio.get_running_loop().create_future()
        self._inflight[key_id] = future
        try:
            row = await self.table.dek(key_id)
            if row is None:
                raise DataLoss(f"a record names data key {key_id}, which the store does not hold")
            key = DataKey(key_id, await self._provider(lambda: self._unwrap_now(row)))
            self._remember(key)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # waiters re-raise it; no warning when there are none
            raise
        else:
            future.set_result(key)
            return key
        finally:
            del self._inflight[key_id]

    async def open(self, sealed: bytes, aad: bytes) -> bytes:
        """Opens a record (SB2 under its data key; SB1 under the master key file)."""
        key_id = record_key_id(sealed)
        if key_id is None:
            if self._legacy is None:
                raise DataLoss("record sealed under a master key file no key provider holds")
            return self._legacy.open(sealed, aad)
        key = self.cached(key_id) or await self.key(key_id)
        return key.open(sealed, aad)

    async def current(self) -> DataKey:
        """The data key new records are sealed under (counted as one use)."""
        self.check()
        now = self.clock()
        c = self._current
        if c is None or not self._usable(c.created, c.uses) or now >= c.expires:
            if self._current_lock is None:
                self._current_lock = asyncio.Lock()
            async with self._current_lock:
                c = self._current
                if c is None or not self._usable(c.created, c.uses) or now >= c.expires:
                    c = self._current = await self._load_current(now)
        c.uses += 1
        return c.key

    def _usable(self, created: float, uses: int) -> bool:
        s = self.settings
        return uses < s.max_records and self.wall() - created < s.max_age_seconds

    async def _load_current(self, now: float) -> _Current:
        """The newest data key under the current provider, or a new one when it is full
        or old (re-read every cache period, so a key made by ``rekey`` is picked up)."""
        rows = [r for r in await self.table.deks() if self.providers[0].owns(r.kek)]
        newest = max(rows, key=lambda r: r.created, default=None)
        expires = now + self.settings.cache_seconds
        if newest is not None and self._usable(newest.created, newest.uses):
            key = await self.key(newest.key_id)
            return _Current(key, newest.kek, newest.created, newest.uses, expires)
        row = await self.new_key()
        key = self.cached(row.key_id) or await self.key(row.key_id)
        return _Current(key, row.kek, row.created, 0, expires)

    async def new_key(self) -> DekRow:
        """Makes, wraps (current provider) and stores a new data key."""
        for _ in range(3):  # a random 32-bit id: a clash is rare, three in a row absurd
            key, row = await self._provider(self._make_key_now)
            if await self.table.add_dek(row):
                self._remember(key)
                return row
        raise AssertionError("three data key ids taken in a row")

    # -- rekey -------------------------------------------------------------------------

    async def current_kek(self) -> str:
        self.provider_calls += 1
        return await self._provider(self.providers[0].current)

    async def rotate(self) -> str:
        self.provider_calls += 1
        return await self._provider(self.providers[0].rotate)

    async def rewrap(self, row: DekRow) -> bool:
        """Re-wraps one data key under the current provider's current KEK version (two
        provider calls); False when another process re-wrapped it first."""
        key = await self._provider(lambda: self._unwrap_now(row))
        self.provider_calls += 1
        wrapped = await self._provider(
            lambda: self.providers[0].wrap(key, self._context(row.key_id))
        )
        return await self.table.rewrap_dek(row.key_id, row.kek, wrapped.kek, wrapped.blob)

    async def close(self) -> None:
        if self._probe is not None:
            self._probe.cancel()
        for provider in self.providers:
            await asyncio.to_thread(provider.close)
