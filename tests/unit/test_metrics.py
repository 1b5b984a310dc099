"""The metrics registry and its export: buckets, watchers, the histogram bridge, the
catalogue against the README, and the log formats."""

import io
import json
import logging
import queue
import re
import sys
import time
from pathlib import Path

import grpc
import pytest
from opentelemetry import trace
from opentelemetry.sdk.metrics.export import HistogramDataPoint
from opentelemetry.sdk.resources import Resource
from opentelemetry.trace import NonRecordingSpan, SpanContext
from prometheus_client import CollectorRegistry, generate_latest

from secrets_broker import metrics
from secrets_broker.api.observe import RpcMetrics, log_rpc
from secrets_broker.domain.errors import ConfigError
from secrets_broker.metrics import CATALOGUE, Registry, Series, begin_call, end_call, note_cache
from secrets_broker.ops.config import parse_config
from secrets_broker.ops.logsetup import (
    DroppingQueueHandler,
    JsonFormatter,
    TextFormatter,
    setup_logging,
)
from secrets_broker.ops.metrics_export import InMemoryReader, PrometheusReader, meter_provider

README = Path(__file__).parents[2] / "README.md"


def test_a_bucket_includes_its_upper_bound() -> None:
    series = Series((0.1, 1.0))
    for v in (0.05, 0.1, 0.5, 1.0, 7.0):
        series.observe(v)
    assert series.counts == [2, 2, 1]
    assert series.total == pytest.approx(8.65)
    assert (series.min, series.max) == (0.05, 7.0)


def test_a_series_needs_one_value_per_label() -> None:
    family = Registry().histogram(metrics.RPC_DURATION)
    assert family.series("GetSecret", "OK") is family.series("GetSecret", "OK")
    with pytest.raises(ValueError, match="labels are"):
        family.series("GetSecret")
    with pytest.raises(ValueError, match="not a histogram"):
        Registry().histogram(metrics.CACHE_HITS)


def test_a_failing_watcher_is_left_out_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    registry = Registry()
    registry.watch(metrics.CACHE_HITS, lambda: [(1.0, ())])

    def broken() -> list[metrics.Reading]:
        raise OSError("gone")

    registry.watch(metrics.CACHE_HITS, broken)
    assert registry.readings(metrics.CACHE_HITS) == [(1.0, ())]
    assert "a watcher failed" in caplog.text


def test_histograms_join_the_sdks_scope_in_every_collection() -> None:
    registry = Registry()
    registry.watch(metrics.CACHE_HITS, lambda: [(5.0, ())])
    series = registry.histogram(metrics.STORE_DURATION).series("main", "get", "ok")
    for v in (0.0002, 0.003, 0.003):
        series.observe(v)
    registry.histogram(metrics.RPC_DURATION).series("GetSecret", "OK")  # never observed
    reader = InMemoryReader(registry)
    provider = meter_provider(registry, [reader], Resource.create({}))
    data = reader.get_metrics_data()
    provider.shutdown()
    assert data is not None
    (resource,) = data.resource_metrics
    (scope,) = resource.scope_metrics  # one scope: an exporter may key scopes by name
    by_name = {m.name: m for m in scope.metrics}
    assert by_name["secretsbroker.cache.hits"].data.data_points[0].value == 5
    assert "secretsbroker.rpc.duration" not in by_name
    (point,) = by_name["secretsbroker.store.duration"].data.data_points
    assert isinstance(point, HistogramDataPoint)
    assert dict(point.attributes) == {"store": "main", "operation": "get", "outcome": "ok"}
    assert (point.count, point.min, point.max) == (3, 0.0002, 0.003)
    assert point.bucket_counts[1] == 1 and point.bucket_counts[5] == 2  # (0.0001, 0.00025]...
    assert list(point.explicit_bounds) == list(metrics.LATENCY_BOUNDS)


def test_prometheus_names_follow_the_catalogue() -> None:
    registry = Registry()
    registry.histogram(metrics.RPC_DURATION).series("GetSecret", "OK").observe(0.001)
    registry.watch(metrics.CACHE_HITS, lambda: [(2.0, ())])
    registry.watch(metrics.STORE_BREAKER_STATE, lambda: [(2.0, ("pg",))])
    target = CollectorRegistry()
    provider = meter_provider(registry, [PrometheusReader(registry, target)], Resource.create({}))
    text = generate_latest(target).decode()
    provider.shutdown()
    for spec in (metrics.RPC_DURATION, metrics.CACHE_HITS, metrics.STORE_BREAKER_STATE):
        assert re.search(rf"^{spec.prometheus_name}(_count)?{{?", text, re.M), spec.name
    assert 'secretsbroker_store_breaker_state{store="pg"} 2.0' in text
    assert "otel_scope_name" not in text


def test_the_readme_lists_every_metric() -> None:
    readme = README.read_text()
    names = [spec.name for spec in CATALOGUE]
    assert len(set(names)) == len(names)
    for spec in CATALOGUE:
        assert f"`{spec.prometheus_name}`" in readme, spec.prometheus_name


def test_a_note_is_mixed_once_outcomes_differ() -> None:
    note_cache("hit")  # outside any RPC: ignored
    note, token = begin_call()
    try:
        note_cache("hit")
        note_cache("hit")
        assert note.cache == "hit"
        note_cache("miss")
        assert note.cache == "mixed"
    finally:
        end_call(token)


def _record(fields: dict[str, object] | None = None, exc: bool = False) -> logging.LogRecord:
    record = logging.LogRecord("secrets_broker.x", logging.WARNING, "", 0, "a %s", ("b",), None)
    if fields is not None:
        record.fields = fields
    if exc:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            record.exc_info = sys.exc_info()
    return record


def test_json_lines_follow_the_schema() -> None:
    line = json.loads(JsonFormatter().format(_record({"k": 1, "level": "forged"}, exc=True)))
    assert list(line) == ["time", "level", "logger", "message", "k", "exception"]
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", line["time"])
    assert (line["level"], line["logger"], line["message"]) == (
        "WARNING",
        "secrets_broker.x",
        "a b",
    )
    assert line["k"] == 1  # a field never replaces a fixed key
    assert "RuntimeError: boom" in line["exception"]


def test_text_lines_append_fields() -> None:
    text = TextFormatter().format(_record({"method": "GetSecret", "code": "OK"}))
    assert text.endswith(" WARNING secrets_broker.x a b method=GetSecret code=OK")


def test_rpc_lines_follow_the_configured_switch() -> None:
    buffer = io.StringIO()
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    capture = logging.StreamHandler(buffer)
    capture.setFormatter(JsonFormatter())
    calls = RpcMetrics(Registry())
    try:
        for rpc_lines in (False, True):
            setup_logging("INFO", "json", rpc_lines=rpc_lines)
            root.handlers[:] = [capture]  # synchronous, to read the lines back at once
            calls.finish(
                "GetSecret", grpc.StatusCode.OK, "", "spiffe://a/b", time.perf_counter(), ""
            )
        log_rpc("GetSecret", grpc.StatusCode.OK, "", "spiffe://a/b", 0.0012345, "hit")
        first, second = (json.loads(line) for line in buffer.getvalue().splitlines())
        assert first["cache"] == "" and first["duration_ms"] >= 0
        assert (second["method"], second["duration_ms"], second["cache"]) == (
            "GetSecret",
            1.234,
            "hit",
        )
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
        logging.getLogger("secrets_broker.rpc").setLevel(logging.NOTSET)


def test_the_queue_keeps_the_callers_trace_ids_and_traceback() -> None:
    """Lines are formatted in the writer thread, which has no span: the ids are taken
    when the line is logged."""
    handler = DroppingQueueHandler(queue.Queue())
    context = SpanContext(0xAB, 0xCD, is_remote=False)
    original = _record({"k": 1}, exc=True)
    with trace.use_span(NonRecordingSpan(context)):
        queued = handler.prepare(original)
    assert original.exc_info is not None and not hasattr(original, "trace_id")
    line = json.loads(JsonFormatter().format(queued))  # outside the span
    assert (line["trace_id"], line["span_id"]) == (f"{0xAB:032x}", f"{0xCD:016x}")
    assert line["message"] == "a b" and "RuntimeError: boom" in line["exception"]
    assert list(line) == [
        "time", "level", "logger", "message", "trace_id", "span_id", "k", "exception",
    ]  # fmt: skip


BASE = {
    "listen": "127.0.0.1:0",
    "tls": {"cert_file": "s.pem", "key_file": "k.pem", "client_ca_file": "ca.pem"},
    "policy_file": "p.yaml",
    "stores": {"main": {"type": "sqlite", "path": "db"}},
}


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        ({"metrics": {"listen": "9464"}}, "metrics.listen: must be HOST:PORT, got '9464'"),
        ({"metrics": {"otlp_interval_seconds": 0}}, "metrics.otlp_interval_seconds: must be"),
        ({"tracing": {"exporter": "otlp"}}, "tracing: endpoint: required with exporter otlp"),
        ({"tracing": {"sample_ratio": 2}}, "tracing.sample_ratio: must be less than or equal"),
        ({"log": {"format": "xml"}}, "log.format: "),
        ({"log": {"colour": True}}, "log: unknown key 'colour'"),
    ],
)
def test_telemetry_settings_are_checked(
    tmp_path: Path, section: dict[str, object], problem: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(problem)):
        parse_config({**BASE, **section}, tmp_path)


def test_telemetry_settings_parse(tmp_path: Path) -> None:
    config = parse_config(
        {
            **BASE,
            "metrics": {"listen": "[::1]:9464", "otlp_endpoint": "http://c:4317"},
            "tracing": {"exporter": "otlp", "endpoint": "http://c:4317", "sample_ratio": 0.1},
            "log": {"format": "json", "rpc_lines": False},
        },
        tmp_path,
    )
    assert config.metrics.listen == "[::1]:9464" and config.tracing.sample_ratio == 0.1
    assert config.log.format == "json" and not config.log.rpc_lines
    defaults = parse_config(BASE, tmp_path)
    assert defaults.metrics.listen == "" and defaults.tracing.exporter == "none"
    assert defaults.log.format == "text" and defaults.log.rpc_lines
