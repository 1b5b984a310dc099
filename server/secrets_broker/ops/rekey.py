"""``secrets-broker rekey``: rotates a store's KEK and re-wraps its data keys, online.

Each step can be killed and resumed by running the command again; brokers keep serving
throughout (a re-wrapped data key is the same key, so what they hold stays valid).

1. Rotate: unless ``--no-rotate`` or the provider is a key file, the provider makes a
   new KEK version. The version before it is recorded in the store first
   (``rekey_from``), so a resumed run rotates only if the first one never did.
2. A new data key under the new KEK version, so new records use it once brokers
   re-read their current data key (within ``dek_cache_seconds``).
3. Re-wrap every data key under another KEK version (two provider calls each, written
   with compare-and-set): the records are not touched.
4. Re-encrypt the records an older broker sealed directly under the master key file
   (afterwards that file is no longer needed) and, with ``--reencrypt``, every record
   not under the newest data key.

``--max-rate`` paces provider calls and writes (KMS request quotas); the report
counts data keys and records under each KEK version. Nothing here logs a value.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TextIO, runtime_checkable

from secrets_broker.domain.crypto import associated_data
from secrets_broker.domain.errors import ConfigError, Unavailable
from secrets_broker.keys.keyring import Keyring, KeyTable, sealed_error
from secrets_broker.ops.config import Config
from secrets_broker.ops.migrate import open_configured

_BATCH = 200
_PASSES = 10  # re-wrap passes before giving up (each pass re-reads the KEK version)
_MARKER = "rekey_from"


@runtime_checkable
class RekeyTable(KeyTable, Protocol):
    async def get_meta(self, key: str) -> bytes | None: ...
    async def set_meta(self, key: str, value: bytes | None) -> None: ...
    async def key_report(self) -> list[tuple[str | None, int, int]]: ...
    async def records_to_reseal(
        self, after: tuple[str, int], limit: int, keep: int | None
    ) -> list[tuple[str, int, bytes]]: ...
    async def reseal(
        self, name: str, version: int, old: bytes, new: bytes, key_id: int
    ) -> bool: ...


@dataclass(frozen=True, slots=True)
class RekeyProgress:
    store: str
    phase: str  # "re-wrap" or "re-encrypt"
    done: int
    total: int
    finished: bool = False


@dataclass(slots=True)
class RekeyReport:
    store: str
    target: str = ""
    rotated_from: str | None = None
    new_data_key: bool = False
    rewrapped: int = 0
    reencrypted: int = 0
    counts: list[tuple[str | None, int, int]] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = f"rekey {self.store}: KEK {self.target}"
        if self.rotated_from:
            head += f" (rotated from {self.rotated_from})"
        head += (
            f" | new data key {'yes' if self.new_data_key else 'no'}"
            f" | re-wrapped {self.rewrapped} data keys | re-encrypted {self.reencrypted} records"
        )
        rows = [head]
        for kek, deks, records in sorted(self.counts, key=lambda c: c[0] or ""):
            if kek is None and not records:
                continue
            name = kek or "master key file (records from before data keys)"
            rows.append(f"{self.store}\t{name}\tdata_keys={deks}\trecords={records}")
        return rows


class _Pacer:
    """At most ``per_second`` steps a second (None: no limit)."""

    def __init__(self, per_second: float | None) -> None:
        self._gap = 1.0 / per_second if per_second else 0.0
        self._next = time.monotonic()

    async def wait(self) -> None:
        if not self._gap:
            return
        now = time.monotonic()
        if now < self._next:
            await asyncio.sleep(self._next - now)
        self._next = max(now, self._next) + self._gap


class _Rekey:
    def __init__(
        self,
        name: str,
        store: object,
        max_rate: float | None,
        progress: Callable[[RekeyProgress], None],
    ) -> None:
        keyring = getattr(store, "keyring", None)
        if not isinstance(keyring, Keyring) or not isinstance(keyring.table, RekeyTable):
            raise ConfigError(f"store {name!r} does not seal its records with data keys")
        self.keyring, self.table = keyring, keyring.table
        self.report = RekeyReport(name)
        self._pace = _Pacer(max_rate)
        self._progress = progress

    async def rotate(self, wanted: bool) -> str:
        """The KEK version to re-wrap to, rotating first when asked (once, resumably)."""
        current = await self.keyring.current_kek()
        marker = await self.table.get_meta(_MARKER)
        if marker is not None and marker.decode() != current:
            return current  # a killed run rotated already: re-wrap to what it made
        if not wanted or not self.keyring.providers[0].can_rotate:
            return current
        await self.table.set_meta(_MARKER, current.encode())
        self.report.rotated_from = current
        return await self.keyring.rotate()

    async def fresh_key(self, target: str, force: bool) -> int:
        """The data key new records should use: the newest if it is under ``target`` (and
        not ``force``), else a new one."""
        rows = await self.table.deks()
        newest = max(rows, key=lambda r: r.created, default=None)
        if newest is not None and newest.kek == target and not force:
            return newest.key_id
        self.report.new_data_key = True
        return (await self.keyring.new_key()).key_id

    async def rewrap(self, target: str) -> str:
        for _ in range(_PASSES):
            stale = [r for r in await self.table.deks() if r.kek != target]
            if not stale:
                return target
            for done, row in enumerate(stale):
                self._progress(RekeyProgress(self.report.store, "re-wrap", done, len(stale)))
                await self._pace.wait()
                if await self.keyring.rewrap(row):
                    self.report.rewrapped += 1
            self._progress(
                RekeyProgress(self.report.store, "re-wrap", len(stale), len(stale), True)
            )
            target = await self.keyring.current_kek()  # rotated meanwhile? then again
        raise Unavailable(
            f"store {self.report.store}: data keys still not under {target} after"
            f" {_PASSES} passes (the KEK keeps changing?)",
            reason="KEY_UNAVAILABLE",
        )

    async def reencrypt(self, keep: int, everything: bool) -> None:
        """Re-seals records under ``keep`` (a new data key each ``dek_max_records``)."""
        key, used = await self.keyring.key(keep), 0
        total = sum(
            records
            for kek, _, records in await self.table.key_report()
            if kek is None or everything
        )
        after, done = ("", 0), 0
        while batch := await self.table.records_to_reseal(
            after, _BATCH, keep if everything else None
        ):
            for name, version, sealed in batch:
                self._progress(RekeyProgress(self.report.store, "re-encrypt", done, total))
                await self._pace.wait()
                if used >= self.keyring.settings.max_records:
                    key, used = await self.keyring.key((await self.keyring.new_key()).key_id), 0
                aad = associated_data(name, version)
                fresh = key.seal(await self.keyring.open(sealed, aad), aad)
                if await self.table.reseal(name, version, sealed, fresh, key.key_id):
                    self.report.reencrypted += 1
                    used += 1
                after, done = (name, version), done + 1
        self._progress(RekeyProgress(self.report.store, "re-encrypt", done, max(total, done), True))


async def rekey_store(
    name: str,
    store: object,
    *,
    rotate: bool,
    reencrypt: bool,
    max_rate: float | None = None,
    progress: Callable[[RekeyProgress], None] = lambda p: None,
    report_only: bool = False,
) -> RekeyReport:
    """Runs the steps of the module docstring on one opened store."""
    run = _Rekey(name, store, max_rate, progress)
    if not await run.keyring.try_unseal():
        raise sealed_error(run.keyring.label)
    if not report_only:
        target = await run.rotate(rotate)
        keep = await run.fresh_key(target, force=reencrypt)
        target = await run.rewrap(target)
        await run.reencrypt(keep, reencrypt)
        if not any(kek is None and records for kek, _, records in await run.table.key_report()):
            await run.table.set_meta("keycheck", None)  # no record needs the key file now
        await run.table.set_meta(_MARKER, None)
        run.report.target = target
    else:
        run.report.target = await run.keyring.current_kek()
    run.report.counts = await run.table.key_report()
    return run.report


def keyed_store_names(config: Config, only: str | None) -> list[str]:
    if only is not None:
        if only not in config.stores:
            raise ConfigError(
                f"no store named {only!r} in the config (it has: {sorted(config.stores)})"
            )
        return [only]
    names = [n for n, s in config.stores.items() if s.get("type") in ("sqlite", "postgres")]
    if not names:
        raise ConfigError("the config has no store that seals its records (sqlite, postgres)")
    return names


async def rekey_configured(
    config: Config,
    only: str | None,
    *,
    rotate: bool,
    reencrypt: bool,
    max_rate: float | None,
    progress: Callable[[RekeyProgress], None],
    report_only: bool = False,
) -> list[RekeyReport]:
    reports = []
    for name in keyed_store_names(config, only):
        store = open_configured(config, name)
        try:
            reports.append(
                await rekey_store(
                    name,
                    store,
                    rotate=rotate,
                    reencrypt=reencrypt,
                    max_rate=max_rate,
                    progress=progress,
                    report_only=report_only,
                )
            )
        finally:
            await store.close()
    return reports


class RekeyPrinter:
    """A bar redrawn in place on a terminal; otherwise a line at each tenth of a phase
    and at least every ``interval_seconds`` (the style of ``migrate``)."""

    def __init__(self, stream: TextIO, *, interval_seconds: float = 10.0) -> None:
        self._stream, self._interval = stream, interval_seconds
        self._tty = stream.isatty()
        self._last = float("-inf")
        self._tenth: tuple[str, int] = ("", -1)

    def __call__(self, p: RekeyProgress) -> None:
        now = time.monotonic()
        what = f"{p.store} {p.phase} {p.done}/{p.total}"
        if self._tty:
            if p.finished or now - self._last >= 0.1:
                filled = 24 * p.done // p.total if p.total else 24
                bar = f"[{'#' * filled}{'-' * (24 - filled)}]"
                self._stream.write(f"\r{bar} {what}" + ("\n" if p.finished else ""))
                self._stream.flush()
                self._last = now
            return
        tenth = (p.phase, 10 * p.done // p.total if p.total else 10)
        if tenth != self._tenth or p.finished or now - self._last >= self._interval:
            percent = 100 * p.done // p.total if p.total else 100
            print(f"rekey: {percent}% {what}", file=self._stream, flush=True)
            self._tenth, self._last = tenth, now
