"""A read-only store serving secrets collections from YAML files, reloaded on change.

Each collection in the files (the secretsCollections format that ImportCollections
reads) yields the secret object named after the collection, holding its ``secrets`` and
token API (a collection with only a tokenAPI section yields one with no values), and the
directory document ``sys/collections/<name>`` that GetUserDirectory and GetAccessList
read, both exactly as an import into a writable store would produce: both go through
collections/format.py, which parses within the same caps as an import (at most
MAX_YAML_BYTES, 4 MiB, per file).

Versions live in memory: version 1 is what the process loaded first, and each reload
that changes an object's content adds a version, the older ones staying readable until
the process ends. A collection removed from the files reads as deleted; if it returns,
its numbering continues, so one version number never names two contents.

Files are checked on access, at most every ``reload_interval_seconds``: a stat first,
then a content hash, so touching a file bumps nothing. A file that cannot be read or
parsed keeps serving its last good content and logs an error. Log lines name files and
collections, never values.
"""

from __future__ import annotations

import asyncio
import bisect
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from secrets_broker.collections.format import (
    MAX_YAML_BYTES,
    collection_objects,
    collection_secret_name,
    parse_collections,
)
from secrets_broker.domain.directory import Collection
from secrets_broker.domain.errors import ConfigError, FailedPrecondition, InvalidArgument, NotFound
from secrets_broker.domain.graph import cap_warnings
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.base import MetadataList, VersionList
from secrets_broker.stores.options import Options

log = logging.getLogger(__name__)

MAX_RELOAD_INTERVAL_SECONDS = 86_400
# A stat taken this soon after the file's mtime cannot prove that a same-size edit in
# the same timestamp tick did not happen: such a file is hashed again next time.
_RACY_NS = 2_000_000_000
_MISSING = (-1, -1, -1, -1)
_OPTIONS = ("path", "paths", "reload_interval_seconds")

Signature = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class _FileState:
    signature: Signature | None  # the stat last examined; None: read at the next check
    digest: bytes | None  # SHA-256 of the content last examined, good or bad
    collections: tuple[Collection, ...] | None  # the last good parse; None if never good


@dataclass(slots=True)
class _History:
    latest: int
    live: bool
    versions: dict[int, Secret]


def _value(name: SecretName) -> str:
    return name.value


def _signature(path: Path) -> Signature:
    st = path.stat()
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _load(path: Path, old: _FileState, force: bool) -> tuple[_FileState, str | None]:
    """The file's new state, and a problem newly found in it (None if none is new)."""
    try:
        sig = _signature(path)
    except OSError as exc:
        if old.signature == _MISSING:
            return old, None
        return _FileState(_MISSING, None, old.collections), f"cannot be read ({exc.strerror})"
    if not force and sig == old.signature:
        return old, None
    kept_sig = None if time.time_ns() - sig[0] < _RACY_NS else sig
    if sig[2] > MAX_YAML_BYTES:
        return _FileState(kept_sig, None, old.collections), f"is larger than {MAX_YAML_BYTES} bytes"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _FileState(kept_sig, None, old.collections), f"cannot be read ({exc.strerror})"
    digest = hashlib.sha256(data).digest()
    if digest == old.digest:
        return _FileState(kept_sig, digest, old.collections), None
    try:
        collections, warnings = parse_collections(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _FileState(kept_sig, digest, old.collections), "is not UTF-8 text"
    except InvalidArgument as exc:
        return _FileState(kept_sig, digest, old.collections), str(exc)
    for warning in cap_warnings(warnings):
        log.warning("file store %s: %s", path, warning)
    return _FileState(kept_sig, digest, tuple(collections)), None


def _contents(files: Mapping[Path, _FileState]) -> dict[SecretName, SecretContent]:
    """Every object the files' last good content defines; a later file wins a clash."""
    merged: dict[str, tuple[Path, Collection]] = {}
    for path, state in files.items():
        for coll in state.collections or ():
            if coll.name in merged:
                log.warning(
                    "file store %s: collection %r is also in %s; this one wins",
                    path,
                    coll.name,
                    merged[coll.name][0],
                )
            merged[coll.name] = (path, coll)
    out: dict[SecretName, SecretContent] = {}
    for path, coll in merged.values():
        warnings: list[str] = []
        objects = collection_objects(coll, warnings)
        for warning in warnings:
            log.warning("file store %s: %s", path, warning)
        if objects is not None:
            out[collection_secret_name(coll.name)] = objects.directory
            if objects.secret is not None:
                out[objects.name] = objects.secret
    return out


class FileStore:
    """Store protocol over secretsCollections YAML files; read-only.

    put and delete raise FailedPrecondition (reason STORE_READ_ONLY): the request is
    well-formed, but the route it names cannot take writes.
    """

    def __init__(
        self,
        paths: Sequence[Path],
        reload_interval_seconds: float = 5,
        *,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if not paths:
            raise ConfigError("file store: at least one path is required")
        if len(set(paths)) != len(paths):
            raise ConfigError("file store: a path is listed twice")
        self._interval = reload_interval_seconds
        self._clock = clock
        self._monotonic = monotonic
        self._reload_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._history: dict[SecretName, _History] = {}
        self._names: list[SecretName] = []
        self._files: dict[Path, _FileState] = {}
        for path in paths:
            state, problem = _load(path, _FileState(None, None, None), force=True)
            if state.collections is None:
                raise ConfigError(f"file store: {path} {problem}")
            self._files[path] = state
        self._apply(_contents(self._files))
        self._next_check = monotonic() + reload_interval_seconds

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> FileStore:
        """Entry-point constructor: ``path`` (one file) or ``paths`` (a list of files),
        and optionally ``reload_interval_seconds`` (default 5, within [0, 86400])."""
        opts = Options("file", options, _OPTIONS)
        if opts.given("path") == opts.given("paths"):
            raise opts.fail("give exactly one of the options 'path' and 'paths'")
        if opts.given("path"):
            paths = [opts.path("path", required=True)]
        else:
            raw = opts.get("paths", None)
            if (
                not isinstance(raw, list)
                or not raw
                or not all(isinstance(p, str) and p for p in raw)
            ):
                raise opts.error("paths", "must name one or more files")
            paths = [Path(p) for p in raw]
        interval = opts.number("reload_interval_seconds", 5, 0, MAX_RELOAD_INTERVAL_SECONDS)
        return cls(paths, interval)

    async def reload(self) -> None:
        """Re-reads every file now, regardless of the interval and of unchanged stats."""
        self._next_check = self._monotonic() + self._interval
        await asyncio.to_thread(self._reload, True)

    async def _fresh(self) -> None:
        now = self._monotonic()
        if now < self._next_check:
            return
        self._next_check = now + self._interval
        await asyncio.to_thread(self._reload, False)

    def _reload(self, force: bool) -> None:
        with self._reload_lock:
            changed = False
            for path, old in list(self._files.items()):
                state, problem = _load(path, old, force)
                if problem is not None:
                    log.error("file store %s: %s; serving its last good content", path, problem)
                changed = changed or state.collections is not old.collections
                self._files[path] = state
            if changed:
                self._apply(_contents(self._files))

    def _apply(self, contents: Mapping[SecretName, SecretContent]) -> None:
        stamp = datetime.fromtimestamp(self._clock(), UTC)
        with self._state_lock:
            for name, content in contents.items():
                hist = self._history.get(name)
                if hist is None or not hist.live:
                    hist = _History(hist.latest if hist else 0, True, {})
                    self._history[name] = hist
                    created = stamp
                else:
                    current = hist.versions[hist.latest]
                    if current.content == content:
                        continue
                    created = current.create_time
                hist.latest += 1
                hist.versions[hist.latest] = Secret(name, hist.latest, content, created, stamp)
            for name, hist in self._history.items():
                if hist.live and name not in contents:
                    hist.live = False
                    hist.versions.clear()
            self._names = sorted(name for name, hist in self._history.items() if hist.live)

    def _live(self, name: SecretName) -> _History:
        hist = self._history.get(name)
        if hist is None or not hist.live:
            raise NotFound(f"secret {name} not found")
        return hist

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        await self._fresh()
        with self._state_lock:
            hist = self._live(name)
            found = hist.versions.get(version or hist.latest)
        if found is None:
            raise NotFound(f"secret {name} version {version} not found")
        return found

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        raise FailedPrecondition(
            f"secret {name} is served by a read-only file store", metadata={"name": name.value}
        )

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        raise FailedPrecondition(
            f"secret {name} is served by a read-only file store", metadata={"name": name.value}
        )

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        await self._fresh()
        out: MetadataList = []
        with self._state_lock:
            names = self._names
            start = max(
                bisect.bisect_right(names, after, key=_value),
                bisect.bisect_left(names, prefix, key=_value),
            )
            for name in names[start:]:
                if len(out) >= limit or not name.value.startswith(prefix):
                    break
                hist = self._history[name]
                out.append(SecretMetadata.of(hist.versions[hist.latest]))
        return out

    async def versions(self, name: SecretName) -> VersionList:
        await self._fresh()
        with self._state_lock:
            return sorted(self._live(name).versions)

    async def close(self) -> None:
        """Nothing to release: files are opened only while being read."""
