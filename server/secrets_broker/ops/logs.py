"""Log lines on stderr: text (the default) or JSON lines (``log: {format: json}``).

Every JSON line is one object with the same keys, in this order:

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

import json
import logging
import sys
import time
from typing import Any

from opentelemetry import trace

RPC_LOGGER = "secrets_broker.rpc"
_FIXED = ("time", "level", "logger", "message", "trace_id", "span_id", "exception")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def _fields(record: logging.LogRecord) -> dict[str, Any] | None:
    fields = getattr(record, "fields", None)
    return fields if isinstance(fields, dict) else None


class JsonFormatter(logging.Formatter):
    """One JSON object per line (the schema in the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._second = -1
        self._prefix = ""

    def _time(self, created: float) -> str:
        second = int(created)
        if second != self._second:  # the handler's lock serialises format()
            self._second = second
            self._prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        return f"{self._prefix}.{int((created - second) * 1000):03d}Z"

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "time": self._time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            doc["trace_id"] = format(span.trace_id, "032x")
            doc["span_id"] = format(span.span_id, "016x")
        fields = _fields(record)
        if fields:
            for key, value in fields.items():
                if key not in _FIXED:
                    doc[key] = value
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        return json.dumps(doc, default=str)


class TextFormatter(logging.Formatter):
    """``time LEVEL logger message key=value ...``."""

    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)
        self._second = -1
        self._prefix = ""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        # logging's own format (local time, ",ms"), the seconds part made once a second.
        second = int(record.created)
        if second != self._second:
            self._second = second
            self._prefix = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second))
        return f"{self._prefix},{int(record.msecs):03d}"

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        fields = _fields(record)
        if fields:
            line += "".join(f" {key}={value}" for key, value in fields.items())
        return line


def setup_logging(level: str, fmt: str = "text", rpc_lines: bool = True) -> None:
    """Logs at ``level`` to stderr in ``fmt`` (text or json). ``rpc_lines``: one line
    per RPC at INFO (logger secrets_broker.rpc); off, that logger only warns."""
    # No line carries thread or process names: LogRecord need not look them up.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger(RPC_LOGGER).setLevel(logging.NOTSET if rpc_lines else logging.WARNING)
