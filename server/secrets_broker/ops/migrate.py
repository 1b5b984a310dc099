"""Copies secrets from one store to another, resumably: ``secrets-broker migrate``.

Version numbers are kept. A store numbers versions itself, so version k is written
only with ``expected_version=k-1`` (compare-and-set): a re-run, a resumed run or a
concurrent writer can leave neither a gap nor a duplicate. What the target holds is the
truth about what is done: a version it already has with the source's CRC32C is
skipped; one that differs, or a target past the source's latest, is a conflict,
reported and never overwritten. A source that no longer keeps every version after
what the target has cannot have its numbering copied: then its latest version alone
is copied, and only into a target that lacks the name.

The optional state file lets a resumed run skip names already done (while their
source version and CRC32C are unchanged) without reading the target; losing it costs
time, never correctness. The source is only read. No value is logged or printed.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from secrets_broker.domain.errors import (
    Aborted,
    ConfigError,
    DataLoss,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
)
from secrets_broker.domain.model import SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName, check_prefix
from secrets_broker.ops.config import Config
from secrets_broker.stores.base import Store
from secrets_broker.stores.registry import open_store

CONCURRENCY = 8
PAGE_SIZE = 500
STATE_FORMAT = 1
STATE_FLUSH_SECONDS = 1.0
# Failures confined to one name; anything else (Unavailable above all) stops the run.
_NAME_ERRORS = (DataLoss, InvalidArgument, NotFound, ResourceExhausted)


@dataclass(frozen=True, slots=True)
class MigrationProgress:
    names_total: int
    names_done: int
    versions_copied: int
    versions_skipped: int
    conflicts: int
    verify_failures: int
    errors: int
    finished: bool = False


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with one name: ``kind`` is conflict, verify or error. The detail names
    versions and value keys, never values."""

    name: str
    kind: str
    detail: str


@dataclass(slots=True)
class MigrationReport:
    dry_run: bool
    verify: bool
    names_seen: int = 0
    names_resumed: int = 0  # skipped because the state file had them done
    names_vanished: int = 0  # deleted from the source during the run
    versions_copied: int = 0  # in a dry run: would be copied
    versions_skipped: int = 0  # already in the target with the source's CRC32C
    versions_verified: int = 0
    conflicts: int = 0  # names
    verify_failures: int = 0  # versions
    errors: int = 0  # names
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.conflicts or self.verify_failures or self.errors)

    def summary(self) -> str:
        head = "migrate (dry run, nothing written):" if self.dry_run else "migrate:"
        return (
            f"{head} names={self.names_seen} resumed={self.names_resumed}"
            f" vanished={self.names_vanished} copied={self.versions_copied}"
            f" skipped={self.versions_skipped} verified={self.versions_verified}"
            f" conflicts={self.conflicts} verify_failures={self.verify_failures}"
            f" errors={self.errors}"
        )

    def progress(self, total: int, done: int, finished: bool = False) -> MigrationProgress:
        return MigrationProgress(
            total,
            done,
            self.versions_copied,
            self.versions_skipped,
            self.conflicts,
            self.verify_failures,
            self.errors,
            finished,
        )


class _Conflict(Exception):
    """The target holds something for this name that the source does not."""


class _State:
    """Names done, each with the source version and CRC32C it was done at."""

    def __init__(self, path: Path | None, key: str, writable: bool) -> None:
        self._path, self._key, self._writable = path, key, writable
        self._done: dict[str, tuple[int, int]] = {}
        self._dirty = False
        self._flushed = time.monotonic()
        if path is not None and path.exists():
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            doc = json.loads(path.read_text())
        except (OSError, ValueError) as exc:
            raise ConfigError(f"state file {path}: {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != STATE_FORMAT:
            raise ConfigError(f"state file {path}: not a migration state file")
        if doc.get("key") != self._key:
            raise ConfigError(
                f"state file {path}: records the migration {doc.get('key')!r}, not {self._key!r}"
            )
        done = doc.get("done")
        for name, mark in (done if isinstance(done, dict) else {}).items():
            if isinstance(mark, list) and len(mark) == 2 and all(type(x) is int for x in mark):
                self._done[str(name)] = (mark[0], mark[1])

    def is_done(self, meta: SecretMetadata) -> bool:
        return self._done.get(meta.name.value) == (meta.version, meta.data_crc32c)

    def mark(self, meta: SecretMetadata) -> None:
        self._done[meta.name.value] = (meta.version, meta.data_crc32c)
        self._dirty = True
        if time.monotonic() - self._flushed >= STATE_FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Replaces the file atomically, so a kill at any moment leaves a readable one."""
        if self._path is None or not self._writable or not self._dirty:
            return
        doc = {"format": STATE_FORMAT, "key": self._key, "done": self._done}
        tmp = self._path.with_name(self._path.name + ".tmp")
        with tmp.open("w") as out:
            json.dump(doc, out, separators=(",", ":"), sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self._path)
        self._dirty, self._flushed = False, time.monotonic()


def _faithful(source_versions: list[int], target_latest: int) -> bool:
    """Whether the source still holds every version the target lacks, so numbers match."""
    held = set(source_versions)
    return all(v in held for v in range(target_latest + 1, source_versions[-1] + 1))


def _difference(want: SecretContent, got: SecretContent) -> str | None:
    if got.crc32c() != want.crc32c():
        return "CRC32C differs"
    if set(got.values) != set(want.values):
        return "the value keys differ"
    for key in sorted(want.values):
        if got.values[key].reveal().encode() != want.values[key].reveal().encode():
            return f"value {key!r} differs"
    if (got.refresh_after_seconds, got.token_api, dict(got.labels)) != (
        want.refresh_after_seconds,
        want.token_api,
        dict(want.labels),
    ):
        return "the refresh hint, token API or labels differ"
    return None


async def list_all(store: Store, prefix: str) -> list[SecretMetadata]:
    """Every latest-version entry under prefix, in name order."""
    found: list[SecretMetadata] = []
    while page := await store.list(prefix, PAGE_SIZE, found[-1].name.value if found else ""):
        found.extend(page)
    return found


class _Pair:
    """One name in the source and the target, each version read at most once."""

    def __init__(self, source: Store, target: Store, name: SecretName, versions: list[int]):
        self.name, self.versions = name, versions
        self._source, self._target = source, target
        self._ours: dict[int, SecretContent] = {}
        self._theirs: dict[int, SecretContent] = {}
        self._held: list[int] | None = None

    async def ours(self, version: int) -> SecretContent:
        if version not in self._ours:
            self._ours[version] = (await self._source.get(self.name, version)).content
        return self._ours[version]

    async def theirs(self, version: int) -> SecretContent:
        if version not in self._theirs:
            self._theirs[version] = (await self._target.get(self.name, version)).content
        return self._theirs[version]

    async def held(self) -> list[int]:
        """The target's versions (none when it lacks the name)."""
        if self._held is None:
            try:
                self._held = await self._target.versions(self.name)
            except NotFound:
                self._held = []
        return self._held

    def changed(self) -> None:
        """Forgets the target's version list (a write adds one; existing ones stay)."""
        self._held = None


class _Migration:
    def __init__(
        self,
        source: Store,
        target: Store,
        dry_run: bool,
        verify: bool,
        state: _State,
        progress: Callable[[MigrationProgress], None],
    ) -> None:
        self._source, self._target = source, target
        self._dry_run, self._verify = dry_run, verify
        self._state, self._progress = state, progress
        self.report = MigrationReport(dry_run=dry_run, verify=verify)
        self._done = 0

    async def run(self, prefix: str, concurrency: int) -> MigrationReport:
        metas = await list_all(self._source, prefix)
        self.report.names_seen = len(metas)
        self._progress(self.report.progress(len(metas), 0))
        pending = iter(metas)
        try:
            async with asyncio.TaskGroup() as group:
                for _ in range(max(1, concurrency)):
                    group.create_task(self._work(pending, len(metas)))
        except ExceptionGroup as failed:  # the first failure, as a plain exception
            raise failed.exceptions[0] from None
        finally:
            self._state.flush()
        self._progress(self.report.progress(len(metas), self._done, finished=True))
        return self.report

    async def _work(self, pending: Iterator[SecretMetadata], total: int) -> None:
        for meta in pending:
            await self._one(meta)
            self._done += 1
            self._progress(self.report.progress(total, self._done))

    async def _one(self, meta: SecretMetadata) -> None:
        name, report = meta.name, self.report
        resumed = self._state.is_done(meta)
        if resumed:
            report.names_resumed += 1
            if not self._verify:
                return
        try:
            versions = await self._source.versions(name)
        except NotFound:
            versions = []
        if not versions:
            report.names_vanished += 1
            return
        pair = _Pair(self._source, self._target, name, versions)
        try:
            if not resumed:
                await self._copy(pair)
            failures = await self._check(pair) if self._verify else 0
        except _Conflict as conflict:
            report.conflicts += 1
            report.issues.append(Issue(name.value, "conflict", str(conflict)))
            return
        except _NAME_ERRORS as exc:
            report.errors += 1
            report.issues.append(Issue(name.value, "error", f"{type(exc).__name__}: {exc}"))
            return
        if not resumed and not failures and not self._dry_run:
            self._state.mark(meta)

    async def _copy(self, pair: _Pair) -> None:
        held = await pair.held()
        target_latest, latest = max(held, default=0), pair.versions[-1]
        if not _faithful(pair.versions, target_latest):
            await self._copy_latest(pair, target_latest)
            return
        if target_latest > latest:
            raise _Conflict(f"the target is at version {target_latest}, past the source's {latest}")
        kept = set(pair.versions)
        common = [v for v in held if v in kept]
        for version in common:
            if (await pair.theirs(version)).crc32c() != (await pair.ours(version)).crc32c():
                raise _Conflict(f"version {version} in the target differs from the source's")
        self.report.versions_skipped += len(common)
        for version in range(target_latest + 1, latest + 1):
            await self._write(pair, version, await pair.ours(version))

    async def _copy_latest(self, pair: _Pair, target_latest: int) -> None:
        latest = await pair.ours(pair.versions[-1])
        if target_latest == 0:
            await self._write(pair, 1, latest)
        elif (await pair.theirs(target_latest)).crc32c() == latest.crc32c():
            self.report.versions_skipped += 1
        else:
            raise _Conflict(
                f"the source keeps only some of versions 1..{pair.versions[-1]}, so its "
                f"numbering cannot be copied, and the target's latest differs from its latest"
            )

    async def _write(self, pair: _Pair, version: int, content: SecretContent) -> None:
        if not self._dry_run:
            pair.changed()
            try:
                await self._target.put(pair.name, content, expected_version=version - 1)
            except Aborted:
                raise _Conflict(
                    f"the target changed while version {version} was being written"
                ) from None
        self.report.versions_copied += 1

    async def _check(self, pair: _Pair) -> int:
        """Compares what the target holds with the source; returns the number of failures.

        Versions written by this run are read back; others were read once already."""
        held = await pair.held()
        target_latest = max(held, default=0)
        if _faithful(pair.versions, target_latest):
            # Versions older than the target's oldest are ones it chose not to keep.
            oldest = min(held, default=1)
            pairs = [(v, v) for v in pair.versions if v >= oldest]
        else:
            pairs = [(pair.versions[-1], target_latest)]
        failures = 0
        for ours, theirs in pairs:
            problem: str | None = "is missing from the target"
            if theirs in held:
                problem = _difference(await pair.ours(ours), await pair.theirs(theirs))
            if problem is None:
                self.report.versions_verified += 1
                continue
            failures += 1
            self.report.issues.append(
                Issue(pair.name.value, "verify", f"version {ours}: {problem}")
            )
        self.report.verify_failures += failures
        return failures


async def migrate(
    source: Store,
    target: Store,
    *,
    prefix: str,
    dry_run: bool,
    verify: bool,
    state_path: Path | None,
    progress: Callable[[MigrationProgress], None],
    state_key: str = "",
    concurrency: int = CONCURRENCY,
) -> MigrationReport:
    """Copies every secret under prefix from source to target (see the module notes).

    ``state_key`` names the pair in the state file, so that a file written for another
    migration is refused rather than trusted. Store failures other than those confined
    to one name (Unavailable above all) stop the run and are raised.
    """
    check_prefix(prefix)
    state = _State(state_path, json.dumps([state_key, prefix]), writable=not dry_run)
    run = _Migration(source, target, dry_run, verify, state, progress)
    return await run.run(prefix, concurrency)


def open_configured(config: Config, name: str) -> Store:
    """The store of one section of the server configuration."""
    if name not in config.stores:
        raise ConfigError(
            f"no store named {name!r} in the config (it has: {sorted(config.stores)})"
        )
    return open_store(config.store_type(name), config.store_options(name))


async def migrate_between(
    config: Config,
    source_name: str,
    target_name: str,
    *,
    prefix: str,
    dry_run: bool,
    verify: bool,
    state_path: Path | None,
    progress: Callable[[MigrationProgress], None],
) -> MigrationReport:
    """Opens two stores of the server configuration, runs ``migrate``, closes both."""
    if source_name == target_name:
        raise ConfigError(f"the source and the target are the same store {source_name!r}")
    source = open_configured(config, source_name)
    try:
        target = open_configured(config, target_name)
        try:
            return await migrate(
                source,
                target,
                prefix=prefix,
                dry_run=dry_run,
                verify=verify,
                state_path=state_path,
                progress=progress,
                state_key=f"{source_name} -> {target_name}",
            )
        finally:
            await target.close()
    finally:
        await source.close()


def _counts(p: MigrationProgress) -> str:
    return (
        f"{p.names_done}/{p.names_total} names | copied {p.versions_copied}"
        f" skipped {p.versions_skipped} | conflicts {p.conflicts}"
        f" verify failures {p.verify_failures} errors {p.errors}"
    )


class ProgressPrinter:
    """Shows progress: a bar redrawn in place on a terminal; otherwise a line at each
    tenth of the names and at least every ``interval_seconds``."""

    def __init__(
        self,
        stream: TextIO,
        *,
        interval_seconds: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream, self._interval, self._clock = stream, interval_seconds, clock
        self._tty = stream.isatty()
        self._last = float("-inf")
        self._tenth = -1

    def __call__(self, p: MigrationProgress) -> None:
        now = self._clock()
        if self._tty:
            if p.finished or now - self._last >= 0.1:
                width = 24
                filled = width * p.names_done // p.names_total if p.names_total else width
                bar = f"[{'#' * filled}{'-' * (width - filled)}]"
                self._stream.write(f"\r{bar} {_counts(p)}" + ("\n" if p.finished else ""))
                self._stream.flush()
                self._last = now
            return
        tenth = 10 * p.names_done // p.names_total if p.names_total else 10
        if tenth > self._tenth or now - self._last >= self._interval:
            percent = 100 * p.names_done // p.names_total if p.names_total else 100
            print(f"migrate: {percent}% {_counts(p)}", file=self._stream, flush=True)
            self._tenth, self._last = tenth, now
