"""Application logging that never blocks the event loop: text or JSON lines on stderr.

Log calls put the record on a bounded queue and return; one thread formats and writes
them to stderr. If stderr is a full disk or a pipe nobody reads, that thread stalls and,
once the queue is full, further lines are dropped (and counted) instead of stalling the
server. The audit trail is not a log: it has its own writer (access/audit/).

With ``log: {format: json}`` every line is one JSON object with the same keys, in order:

    time      RFC 3339, UTC, milliseconds: "2026-11-29T21:49:43.123Z"
    level     DEBUG, INFO, WARNING, ERROR or CRITICAL
    logger    the logger's name: secrets_broker.rpc for the per-RPC lines
    message   the text
    trace_id  32 hex digits, span_id 16: the span the line was written in (absent
              outside any span; a caller's ``traceparent`` sets the trace)
    ...       the line's fields: a record's ``fields`` mapping (logging's
              ``extra={"fields": {...}}``); they never replace the keys above
    exception the traceback, when the line reports one

The per-RPC line (api/observe.py) has message ``rpc`` and the fields method,
identity, code, reason, duration_ms and cache. In text, fields follow the message as
``key=value``. No line ever holds a secret value: the broker logs names and outcomes.
"""

from __future__ import annotations

import atexit
import copy
import json
import logging
import queue
import sys
import threading
import time
from logging.handlers import QueueHandler
from typing import Any

from opentelemetry import trace

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
QUEUE_MAX = 10_000
RPC_LOGGER = "secrets_broker.rpc"
_Queue = queue.Queue[logging.LogRecord | None] | queue.SimpleQueue[logging.LogRecord | None]
_FIXED = ("time", "level", "logger", "message", "trace_id", "span_id", "exception")


class DroppingQueueHandler(QueueHandler):
    """A QueueHandler that drops a record rather than wait for room."""

    def __init__(self, log_queue: _Queue, limit: int = QUEUE_MAX) -> None:
        super().__init__(log_queue)
        self._queue = log_queue
        self.dropped = 0
        self._limit = limit
        self._render = logging.Formatter()

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        """What the writer thread needs, taken here: the message and traceback as text
        (as QueueHandler does) and the ids of the span the line is written in, which
        only this thread knows."""
        record = copy.copy(record)  # other handlers see the record as it was
        record.message = record.getMessage()
        record.msg, record.args = record.message, None
        if record.exc_info:
            record.exc_text = self._render.formatException(record.exc_info)
            record.exc_info = None
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            record.trace_id = format(span.trace_id, "032x")
            record.span_id = format(span.span_id, "016x")
        return record

    def enqueue(self, record: logging.LogRecord) -> None:
        # The bound is counted here: a SimpleQueue (C, no condition variable to notify
        # under a Python lock) is the cheapest hand-over for a line per RPC.
        if self._queue.qsize() >= self._limit:
            self.dropped += 1
            return
        try:
            self.queue.put_nowait(record)
        except queue.Full:
            self.dropped += 1


def _fields(record: logging.LogRecord) -> dict[str, Any] | None:
    fields = getattr(record, "fields", None)
    return fields if isinstance(fields, dict) else None


class _SecondCache:
    """A timestamp's seconds part, formatted once a second (only the writer formats)."""

    def __init__(self, fmt: str, convert: Any) -> None:
        self._fmt, self._convert = fmt, convert
        self._second, self._text = -1, ""

    def __call__(self, created: float) -> str:
        second = int(created)
        if second != self._second:
            self._second, self._text = second, time.strftime(self._fmt, self._convert(second))
        return self._text


class JsonFormatter(logging.Formatter):
    """One JSON object per line (the schema in the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._seconds = _SecondCache("%Y-%m-%dT%H:%M:%S", time.gmtime)

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "time": f"{self._seconds(record.created)}.{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        trace_id = getattr(record, "trace_id", None)
        if trace_id is None:  # not through the queue: the span is this thread's
            span = trace.get_current_span().get_span_context()
            if span.is_valid:
                doc["trace_id"] = format(span.trace_id, "032x")
                doc["span_id"] = format(span.span_id, "016x")
        else:
            doc["trace_id"], doc["span_id"] = trace_id, getattr(record, "span_id", "")
        fields = _fields(record)
        if fields:
            for key, value in fields.items():
                if key not in _FIXED:
                    doc[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            doc["exception"] = record.exc_text
        return json.dumps(doc, default=str)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger message key=value ...``."""

    def __init__(self) -> None:
        super().__init__(FORMAT)
        self._seconds = _SecondCache("%Y-%m-%d %H:%M:%S", time.localtime)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return f"{self._seconds(record.created)},{int(record.msecs):03d}"

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        fields = _fields(record)
        if fields:
            line += "".join(f" {key}={value}" for key, value in fields.items())
        return line


def _drain(log_queue: _Queue, out: logging.Handler, pause_seconds: float = 0.02) -> None:
    """Writes what is queued, then pauses: lines logged meanwhile wait for the next round,
    so a busy server wakes this thread about 1/``pause_seconds`` times a second rather
    than once per line (each wake-up costs the event loop's thread a futex call and the
    GIL hand-over). A None record ends it."""
    while True:
        record = log_queue.get()
        while record is not None:
            out.handle(record)
            try:
                record = log_queue.get_nowait()
            except queue.Empty:
                break
        if record is None:
            return
        time.sleep(pause_seconds)


def setup_logging(
    level: str, fmt: str = "text", rpc_lines: bool = True, flush_seconds: float = 2.0
) -> DroppingQueueHandler:
    """Routes the root logger through a bounded queue to stderr, in ``fmt`` (text or
    json). ``rpc_lines``: one line per RPC at INFO (secrets_broker.rpc); off, that
    logger only warns."""
    # No line carries thread or process names: LogRecord need not look them up.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    log_queue: _Queue = queue.SimpleQueue()
    handler = DroppingQueueHandler(log_queue)
    out = logging.StreamHandler(sys.stderr)
    out.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    writer = threading.Thread(target=_drain, args=(log_queue, out), name="log-writer", daemon=True)
    writer.start()
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger(RPC_LOGGER).setLevel(logging.NOTSET if rpc_lines else logging.WARNING)

    def flush_at_exit() -> None:
        log_queue.put(None)
        writer.join(flush_seconds)  # bounded: a blocked stderr must not hang the exit

    atexit.register(flush_at_exit)
    return handler
