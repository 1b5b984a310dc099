"""Where audit records go: files in a directory (rotated by size) or the process's stderr.

Only the audit writer thread calls ``begin``/``write``/``rollback``/``commit``/``sync``;
they raise OSError and the writer retries. A failed batch is rolled back (a file is
truncated to its last complete record), so a full disk never leaves half a record
that later records would be appended after.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import stat
import sys
from pathlib import Path
from typing import Protocol

from secrets_broker.access.audit.record import BadRecord, Parsed, parse_record
from secrets_broker.domain.errors import ConfigError

log = logging.getLogger("secrets_broker.audit")

FILE_PATTERN = re.compile(r"^audit-(\d{12})\.jsonl$")
_TAIL_BYTES = 256 * 1024  # far more than the longest record
_OPEN_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC


def file_name(first_seq: int) -> str:
    """Files are named by their first record's seq, so name order is chain order."""
    return f"audit-{first_seq:012d}.jsonl"


def audit_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if FILE_PATTERN.match(p.name))


class Target(Protocol):
    def resume(self) -> Parsed | None:
        """The last record already written (the chain continues from it), if any."""

    def begin(self, first_seq: int) -> None:
        """Prepares to write a batch whose first record has ``first_seq``."""

    def write(self, data: bytes, offset: int) -> int:
        """Writes some of ``data`` from ``offset`` on; returns how much."""

    def rollback(self, written: int) -> int:
        """After a failed write of ``written`` bytes: how many of them stay written."""

    def commit(self, size: int) -> None:
        """The batch of ``size`` bytes is completely written."""

    def sync(self) -> None:
        """Makes what was written durable on disk (fdatasync)."""

    def close(self) -> None: ...

    def describe(self) -> str: ...


class FileTarget:
    """``audit-<first seq>.jsonl`` files in one directory, a new one past ``rotate_bytes``."""

    def __init__(self, directory: Path, rotate_bytes: int) -> None:
        self.directory = directory
        self._rotate = rotate_bytes
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._lock = os.open(directory / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise ConfigError(f"audit.dir: cannot use {directory}: {exc.strerror}") from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._lock)
            raise ConfigError(f"audit.dir: {directory} is in use by another broker") from None
        self._fd: int | None = None
        self._path: Path | None = None
        self._size = 0  # bytes of complete records in the active file

    def resume(self) -> Parsed | None:
        files = audit_files(self.directory)
        for i, path in enumerate(reversed(files)):
            size, last = self._last_record(path)
            if i == 0:
                self._path, self._size = path, size  # appended to until it is full
            if last is not None:
                return last
        return None

    def _last_record(self, path: Path) -> tuple[int, Parsed | None]:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"audit.dir: {path} is not a regular file")
        size = info.st_size
        with path.open("rb") as f:
            f.seek(max(0, size - _TAIL_BYTES))
            tail = f.read()
        end = tail.rfind(b"\n") + 1
        if end < len(tail):
            # Half a record from a crash mid-write: it was never acknowledged (a call is
            # answered only after its whole record is written), so it is dropped.
            log.warning("audit: dropping %d bytes of an incomplete record at the end of %s",
                        len(tail) - end, path)  # fmt: skip
            os.truncate(path, size - (len(tail) - end))
            size -= len(tail) - end
        lines = tail[:end].splitlines()
        if not lines:
            return size, None
        try:
            return size, parse_record(lines[-1])
        except BadRecord as exc:
            raise ConfigError(
                f"audit.dir: the last record of {path} is damaged ({exc}); run "
                "'secrets-broker audit verify' and move the file aside to go on"
            ) from None

    def begin(self, first_seq: int) -> None:
        if self._path is None or self._size >= self._rotate:
            self._close_active()
            self._path, self._size = self.directory / file_name(first_seq), 0
        if self._fd is None:
            self._fd = os.open(self._path, _OPEN_FLAGS, 0o600)
            if os.fstat(self._fd).st_size > self._size:
                os.ftruncate(self._fd, self._size)  # a batch that failed before we reopened
            if self._size == 0:
                self._sync_directory()

    def write(self, data: bytes, offset: int) -> int:
        assert self._fd is not None
        return os.write(self._fd, memoryview(data)[offset:])

    def rollback(self, written: int) -> int:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, self._size)
            except OSError:
                self._close_active()  # begin() truncates when it reopens the file
        return 0

    def commit(self, size: int) -> None:
        self._size += size

    def sync(self) -> None:
        if self._fd is not None:
            os.fdatasync(self._fd)

    def _sync_directory(self) -> None:
        """A new file's directory entry must be durable too."""
        fd = os.open(self.directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def _close_active(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def close(self) -> None:
        """Closes the active file and releases the directory."""
        self._close_active()
        if self._lock >= 0:
            lock, self._lock = self._lock, -1
            os.close(lock)

    def describe(self) -> str:
        return str(self.directory)


class StderrTarget:
    """The process's stderr (fd 2), for deployments that collect it. Each record is its
    own write, so log lines from other threads fall between records, never inside one.
    A new chain starts at every start-up (there is nothing to read back)."""

    def __init__(self) -> None:
        self._fd = sys.stderr.fileno()

    def resume(self) -> Parsed | None:
        return None

    def begin(self, first_seq: int) -> None:
        return None

    def write(self, data: bytes, offset: int) -> int:
        end = data.find(b"\n", offset) + 1 or len(data)
        return os.write(self._fd, memoryview(data)[offset:end])

    def rollback(self, written: int) -> int:
        return written  # a stream cannot take bytes back: go on after them

    def commit(self, size: int) -> None:
        return None

    def sync(self) -> None:
        try:
            os.fdatasync(self._fd)
        except OSError:
            pass  # pipes and terminals have nothing to sync

    def close(self) -> None:
        return None

    def describe(self) -> str:
        return "stderr"
