"""Application logging that never blocks the event loop.

Log calls put the record on a bounded queue and return; one thread writes them to
stderr. If stderr is a full disk or a pipe nobody reads, that thread stalls and, once
the queue is full, further lines are dropped (and counted) instead of stalling the
server. The audit trail is not a log: it has its own writer (access/audit/).
"""

from __future__ import annotations

import atexit
import logging
import queue
import sys
import threading
from logging.handlers import QueueHandler

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
QUEUE_MAX = 10_000


class DroppingQueueHandler(QueueHandler):
    """A QueueHandler that drops a record rather than wait for room."""

    def __init__(self, log_queue: queue.Queue[logging.LogRecord | None]) -> None:
        super().__init__(log_queue)
        self.dropped = 0

    def enqueue(self, record: logging.LogRecord) -> None:
        try:
            self.queue.put_nowait(record)
        except queue.Full:
            self.dropped += 1


def _drain(log_queue: queue.Queue[logging.LogRecord | None], out: logging.Handler) -> None:
    while (record := log_queue.get()) is not None:
        out.handle(record)


def setup_logging(level: str, flush_seconds: float = 2.0) -> DroppingQueueHandler:
    """Routes the root logger through a bounded queue to stderr."""
    log_queue: queue.Queue[logging.LogRecord | None] = queue.Queue(QUEUE_MAX)
    handler = DroppingQueueHandler(log_queue)
    out = logging.StreamHandler(sys.stderr)
    out.setFormatter(logging.Formatter(FORMAT))
    writer = threading.Thread(target=_drain, args=(log_queue, out), name="log-writer", daemon=True)
    writer.start()
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)

    def flush_at_exit() -> None:
        try:
            log_queue.put(None, timeout=flush_seconds)
        except queue.Full:
            return
        writer.join(flush_seconds)  # bounded: a blocked stderr must not hang the exit

    atexit.register(flush_at_exit)
    return handler
