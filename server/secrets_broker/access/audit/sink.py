"""The audit sink: records sealed on the event loop, made durable by one writer thread.

``record()`` seals the record into the hash chain (on the loop, so chain order is call
order) and waits for the writer to say it is written. The records sealed in one loop
iteration go to the writer together, through a queue bounded by ``queue_max_records``.
The writer drains the queue, writes the whole batch in one go, optionally fdatasyncs
once, and completes every waiter with one ``call_soon_threadsafe`` (group commit). The
loop never touches the file system, so a full disk or a stderr nobody reads cannot block it.

Fail closed: a record not written within ``write_timeout_seconds`` (one watchdog checks
four times per timeout, rather than a timer per call) fails its call with
UNAVAILABLE / AUDIT_UNAVAILABLE, and the sink is *failing*: further calls fail at once
(their records still queue, room permitting, and are written on recovery) and health
reports NOT_SERVING. The writer keeps retrying; its first complete batch ends the failure.
A record may therefore exist for a call that was answered UNAVAILABLE, never the reverse.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from secrets_broker.access.audit.record import (
    CHECKPOINT,
    START,
    STOP,
    AuditEvent,
    Chain,
    NameHasher,
)
from secrets_broker.access.audit.targets import Target
from secrets_broker.domain.errors import Unavailable
from secrets_broker.metrics import Series

log = logging.getLogger("secrets_broker.audit")

FsyncMode = Literal["none", "interval", "batch"]
MAX_BATCH = 512
RETRY_SECONDS = 0.2  # how often a failing writer tries again
_STOP = object()


@dataclass(frozen=True, slots=True)
class AuditSettings:
    write_timeout_seconds: float = 1.0
    queue_max_records: int = 10_000
    fsync: FsyncMode = "interval"
    fsync_interval_seconds: float = 1.0
    checkpoint_every_records: int = 1000


@dataclass(slots=True)
class _Item:
    line: bytes
    seq: int
    checkpoint: bool = False


def audit_unavailable() -> Unavailable:
    return Unavailable(
        "the audit trail cannot record this call; nothing was served",
        reason="AUDIT_UNAVAILABLE",
    )


class AuditSink:
    """Create inside the running event loop; ``record`` only from that loop."""

    def __init__(
        self,
        target: Target,
        settings: AuditSettings,
        names: NameHasher | None = None,
        clock: Callable[[], float] = time.time,
        write_seconds: Series | None = None,
    ) -> None:
        self._target = target
        self._write_seconds = write_seconds  # each batch's write time (metrics), if given
        self._settings = settings
        self._names = names or NameHasher()
        self._clock = clock
        self._loop = asyncio.get_running_loop()
        # SimpleQueue (C, unbounded) is the cheapest hand-over; the loop bounds it by
        # counting what it queued and what the writer reported done.
        self._queue: queue.SimpleQueue[list[_Item] | object] = queue.SimpleQueue()
        self._pending: list[_Item] = []  # sealed this loop iteration, not yet handed over
        self._waiting: collections.deque[tuple[float, asyncio.Future[None] | None]] = (
            collections.deque()
        )  # every record handed over and not yet written, oldest first
        self._expired = 0  # how many of the oldest waiting records are past their deadline
        self._failing = False
        self._listeners: list[Callable[[bool], None]] = []
        self._closing = threading.Event()
        self._closed = False
        self._started_seq = 0
        last = target.resume()
        self._chain = Chain(last.seq, last.hash) if last else Chain()
        # Written before serving: an audit target that cannot be written stops start-up.
        self._write_now(self._seal_control(START, {"resumed_at_seq": self._chain.seq}))
        self._started_seq = self._chain.seq
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()
        self._loop.call_later(settings.write_timeout_seconds / 4, self._watchdog)

    @property
    def serving(self) -> bool:
        return not self._failing

    @property
    def where(self) -> str:
        return self._target.describe()

    @property
    def backlog(self) -> int:
        """Records accepted and not yet written (read by the metrics, from any thread)."""
        return len(self._waiting) + len(self._pending)

    def watch(self, listener: Callable[[bool], None]) -> None:
        """``listener(serving)`` is called on the loop whenever the sink fails or recovers."""
        self._listeners.append(listener)

    async def record(self, event: AuditEvent) -> None:
        """Returns once the record is written; raises AUDIT_UNAVAILABLE otherwise."""
        if self._closed:
            raise audit_unavailable()
        if self._failing:
            self._enqueue(event, None)  # written on recovery
            raise audit_unavailable()
        future = self._loop.create_future()
        self._enqueue(event, future)
        await future

    def _enqueue(self, event: AuditEvent, future: asyncio.Future[None] | None) -> None:
        # A record is sealed into the chain only once it is sure to be queued: a refused
        # one leaves no gap.
        if len(self._waiting) >= self._settings.queue_max_records:
            raise audit_unavailable()
        self._add(self._chain.seal_access(event, self._names, self._clock()), future)
        since_start = self._chain.seq - self._started_seq
        if since_start % self._settings.checkpoint_every_records == 0:
            mark = self._seal_control(CHECKPOINT, {"since_start": since_start})
            self._add(mark, None, checkpoint=True)

    def _add(
        self, line: bytes, future: asyncio.Future[None] | None, checkpoint: bool = False
    ) -> None:
        deadline = self._loop.time() + self._settings.write_timeout_seconds
        self._waiting.append((deadline, future))
        self._pending.append(_Item(line, self._chain.seq, checkpoint))
        if len(self._pending) == 1:  # one hand-over per loop iteration, not per record
            self._loop.call_soon(self._flush)

    def _flush(self) -> None:
        if self._pending:
            batch, self._pending = self._pending, []
            self._queue.put(batch)

    def _seal_control(self, kind: str, extra: Mapping[str, Any]) -> bytes:
        return self._chain.seal({"type": kind, **extra}, self._clock())

    def _watchdog(self) -> None:
        """Fails calls whose record is overdue (one timer for all, not one per call)."""
        now = self._loop.time()
        for deadline, future in itertools.islice(self._waiting, self._expired, None):
            if deadline > now:
                break
            self._expired += 1
            if future is not None and not future.done():
                future.set_exception(audit_unavailable())
                self._set_failing(True)
        if not self._closed:
            self._loop.call_later(self._settings.write_timeout_seconds / 4, self._watchdog)

    def _fail(self, count: int) -> None:
        for _, future in itertools.islice(self._waiting, count):
            if future is not None and not future.done():
                future.set_exception(audit_unavailable())
        self._set_failing(True)

    def _set_failing(self, failing: bool) -> None:
        if failing == self._failing:
            return
        self._failing = failing
        for listener in self._listeners:
            listener(not failing)

    def _complete(self, written: int) -> None:
        """The writer wrote the ``written`` oldest records: their calls may answer."""
        waiting = self._waiting
        for _ in range(written):
            _, future = waiting.popleft()
            if future is not None and not future.done():
                future.set_result(None)
        self._expired = max(0, self._expired - written)
        self._set_failing(False)

    def _to_loop(self, callback: Callable[..., None], *args: Any) -> None:
        try:
            self._loop.call_soon_threadsafe(callback, *args)
        except RuntimeError:  # the loop is closed: nobody waits any more
            pass

    # --- the writer thread -------------------------------------------------------------

    def _write_now(self, data: bytes) -> None:
        """Start-up only (before the writer thread runs), on the calling thread."""
        self._target.begin(self._chain.seq)
        written = 0
        while written < len(data):
            written += self._target.write(data, written)
        self._target.commit(len(data))
        if self._settings.fsync != "none":
            self._target.sync()

    def _next_batch(self, timeout: float | None) -> tuple[list[_Item], bool]:
        """The records waiting (none if ``timeout`` passed first), and whether to stop."""
        items: list[_Item] = []
        try:
            item = self._queue.get(timeout=timeout)
            while True:
                if item is _STOP:
                    return items, True
                assert isinstance(item, list)
                items.extend(item)
                if len(items) >= MAX_BATCH:
                    return items, False
                item = self._queue.get_nowait()
        except queue.Empty:
            return items, False

    def _run(self) -> None:
        interval = self._settings.fsync_interval_seconds
        periodic = self._settings.fsync == "interval"
        dirty, last_sync, stopping = False, time.monotonic(), False
        while not stopping:
            wait = max(0.0, last_sync + interval - time.monotonic()) if dirty else None
            batch, stopping = self._next_batch(wait)
            if batch:
                if not self._write_batch(batch):
                    return
                self._to_loop(self._complete, len(batch))
                self._log_checkpoints(batch)
                dirty = periodic
            if dirty and time.monotonic() - last_sync >= interval:
                dirty, last_sync = not self._sync(), time.monotonic()
        if dirty:
            self._sync()

    def _write_batch(self, batch: list[_Item]) -> bool:
        """Writes the batch, retrying until it is written; False if closed meanwhile."""
        data = b"".join(i.line for i in batch)
        written, failed = 0, False
        started = time.perf_counter()
        while True:
            try:
                if written == 0:
                    self._target.begin(batch[0].seq)
                while written < len(data):
                    written += self._target.write(data, written)
                if self._settings.fsync == "batch":
                    self._target.sync()
                self._target.commit(len(data))
            except OSError as exc:
                written = self._target.rollback(written)
                if not failed:
                    failed = True
                    log.error("audit: cannot write to %s (%s); calls fail until it recovers",
                              self._target.describe(), exc.strerror)  # fmt: skip
                    # Its callers need not wait for the timeout: the batch stays queued.
                    self._to_loop(self._fail, len(batch))
                if self._closing.wait(RETRY_SECONDS):
                    log.error("audit: stopping with %d records unwritten", len(batch))
                    return False
                continue
            if failed:
                log.warning("audit: writing to %s again", self._target.describe())
            if self._write_seconds is not None:  # only this thread records into it
                self._write_seconds.observe(time.perf_counter() - started)
            return True

    def _sync(self) -> bool:
        try:
            self._target.sync()
            return True
        except OSError as exc:
            log.error("audit: fdatasync of %s failed (%s)", self._target.describe(), exc.strerror)
            return False

    def _log_checkpoints(self, batch: list[_Item]) -> None:
        # An anchor kept outside the audit files: `audit verify --anchor SEQ:HASH` checks it.
        for item in batch:
            if item.checkpoint:
                head = item.line[-67:-3].decode()
                log.info("audit checkpoint seq=%d hash=%s", item.seq, head)

    async def aclose(self, timeout_seconds: float = 5.0) -> None:
        """Writes what is queued (and a stop record), then stops the writer."""
        if self._closed:
            return
        self._closed = True
        stop = self._seal_control(STOP, {"since_start": self._chain.seq - self._started_seq})
        self._add(stop, None)
        self._flush()
        self._queue.put(_STOP)
        self._closing.set()  # a failing writer gives up; a working one drains the queue
        await asyncio.to_thread(self._thread.join, timeout_seconds)
        if not self._thread.is_alive():
            self._target.close()
