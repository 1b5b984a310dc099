"""Metrics, spans and log lines of real RPCs, read with the OpenTelemetry SDK's
in-memory readers.

One broker, built from a config as ``serve`` builds it (SQLite ``main``, PostgreSQL
``pg`` behind a TCP fault proxy), records into a registry of its own. An InMemoryReader
and a Prometheus reader (the text a scrape gets) read it through one meter provider;
spans come from the session's in-memory exporter (tests/conftest.py); log lines are
written by the broker's JSON formatter into a buffer and parsed back.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from opentelemetry.sdk.metrics.export import HistogramDataPoint, NumberDataPoint
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from prometheus_client import CollectorRegistry, generate_latest
from psycopg.conninfo import make_conninfo
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc

from secrets_broker.api.transport import start_server
from secrets_broker.domain.crypto import create_master_key
from secrets_broker.metrics import Registry
from secrets_broker.ops.app import build_broker
from secrets_broker.ops.config import CallerLimitsConfig, LimitsConfig, TlsConfig, parse_config
from secrets_broker.ops.logsetup import JsonFormatter
from secrets_broker.ops.metric_sources import days_left, file_leaf, watch_certificate, watch_limits
from secrets_broker.ops.metrics_export import InMemoryReader, PrometheusReader, meter_provider
from tests.conftest import FakeClock, Harness
from tests.faultproxy import FaultProxy
from tests.integration.helpers import rpc_error
from tests.pki import ADMIN_ID, CLIENT_ID, Pki
from tests.servers import PgServer

RPC_KEYS = ["time", "level", "logger", "message", "trace_id", "span_id", "method"]
RPC_KEYS += ["identity", "code", "reason", "duration_ms", "cache"]
TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@dataclass
class Observed:
    harness: Harness
    registry: Registry
    reader: InMemoryReader
    prometheus: CollectorRegistry
    proxy: FaultProxy
    logs: io.StringIO
    spans: InMemorySpanExporter

    def points(self) -> dict[str, list[Any]]:
        """Every data point of one collection, by metric name."""
        out: dict[str, list[Any]] = {}
        data = self.reader.get_metrics_data()
        assert data is not None
        for rm in data.resource_metrics:
            for sm in rm.scope_metrics:
                for metric in sm.metrics:
                    out.setdefault(metric.name, []).extend(metric.data.data_points)
        return out

    def log_lines(self, since: int) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.logs.getvalue()[since:].splitlines()]

    def rpc_lines(self, since: int) -> list[dict[str, Any]]:
        return [line for line in self.log_lines(since) if line["logger"] == "secrets_broker.rpc"]

    async def trace(self, trace_id: str, spans: int = 1) -> list[ReadableSpan]:
        """The finished spans of ``trace_id``, once there are ``spans`` of them: the RPC's
        span ends just after its answer is sent, so the caller may see the answer first."""
        give_up = time.monotonic() + 10
        while True:
            found = [
                s
                for s in self.spans.get_finished_spans()
                if s.context is not None and f"{s.context.trace_id:032x}" == trace_id
            ]
            if len(found) >= spans or time.monotonic() > give_up:
                return found
            await asyncio.sleep(0.01)  # a poll interval; the exporter's list is the condition


def value(points: dict[str, list[Any]], name: str, **labels: str) -> float:
    """A counter's or gauge's value (a histogram's count) for exactly ``labels``; 0 if absent."""
    for point in points.get(name, []):
        if dict(point.attributes) == labels:
            if isinstance(point, HistogramDataPoint):
                return float(point.count)
            assert isinstance(point, NumberDataPoint)
            return float(point.value)
    return 0.0


class Delta:
    """Metric values before and after the test's calls."""

    def __init__(self, observed: Observed) -> None:
        self._observed = observed
        self.before = observed.points()

    def of(self, name: str, **labels: str) -> float:
        after = self._observed.points()
        return value(after, name, **labels) - value(self.before, name, **labels)


@pytest.fixture(scope="module")
async def observed(
    pki: Pki,
    policy_file: Path,
    postgres_server: PgServer,
    spans: InMemorySpanExporter,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[Observed]:
    base = tmp_path_factory.mktemp("observed")
    create_master_key(base / "master.key")
    proxy = FaultProxy(postgres_server.host, postgres_server.port).start()
    registry = Registry()
    reader = InMemoryReader(registry)
    prometheus = CollectorRegistry()
    provider = meter_provider(
        registry, [reader, PrometheusReader(registry, prometheus)], Resource.create({})
    )
    logs = io.StringIO()
    handler = logging.StreamHandler(logs)
    handler.setFormatter(JsonFormatter())
    broker_log = logging.getLogger("secrets_broker")
    old_level = broker_log.level
    broker_log.addHandler(handler)
    broker_log.setLevel(logging.INFO)
    async with postgres_server.database() as dbname:
        config = parse_config(
            {
                "listen": "127.0.0.1:0",
                "tls": {
                    "cert_file": str(pki.path("server")),
                    "key_file": str(pki.key("server")),
                    "client_ca_file": str(pki.path("ca")),
                },
                "policy_file": str(policy_file),
                "stores": {
                    "main": {"type": "sqlite", "path": "store.db", "master_key_file": "master.key"},
                    "pg": {
                        "type": "postgres",
                        "dsn": make_conninfo(postgres_server.dsn(dbname), port=proxy.port),
                        "master_key_file": "master.key",
                        "connect_timeout_seconds": 2,
                        "pool_timeout_seconds": 2,
                    },
                },
                "routes": {"": "main", "pg/": "pg"},
                "resilience": {
                    "call_timeout_seconds": 1.0,
                    "failure_threshold": 3,
                    "open_seconds": 0.5,
                },
            },
            base,
        )
        clock = FakeClock()
        broker = build_broker(config, clock=clock, metrics=registry)
        running = await start_server(
            broker, config.tls, config.listen, config.limits, metrics=registry
        )
        watch_limits(registry, running.guard)
        watch_certificate(registry, file_leaf(config.tls.cert_file))
        harness = Harness(pki, running, broker, clock)
        try:
            yield Observed(harness, registry, reader, prometheus, proxy, logs, spans)
        finally:
            await harness.stop()
            provider.shutdown()
            proxy.close()
            broker_log.removeHandler(handler)
            broker_log.setLevel(old_level)


def rpc_span(spans: list[ReadableSpan], method: str) -> ReadableSpan:
    found = [s for s in spans if s.name == f"secretsbroker.v1/{method}"]
    assert len(found) == 1, [s.name for s in spans]
    assert found[0].kind is SpanKind.SERVER
    return found[0]


def ids(span: ReadableSpan) -> tuple[str, str]:
    assert span.context is not None
    return f"{span.context.trace_id:032x}", f"{span.context.span_id:016x}"


def check_rpc_line(line: dict[str, Any]) -> None:
    """The per-RPC line: the documented keys, in order, and nothing else."""
    assert list(line) == RPC_KEYS, list(line)
    assert TIME.match(line["time"]), line["time"]
    assert line["level"] == "INFO" and line["message"] == "rpc"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0


async def test_a_miss_then_a_hit(observed: Observed, unique: str) -> None:
    name = f"connectors/{unique}"
    await observed.harness.admin_stub().PutSecret(
        admin_pb.PutSecretRequest(name=name, values={"k": "v"}), timeout=10
    )
    delta, mark = Delta(observed), observed.logs.tell()
    stub = observed.harness.broker_stub("client")
    for _ in range(2):
        await stub.GetSecret(pb.GetSecretRequest(name=name), timeout=10)

    assert delta.of("secretsbroker.rpc.duration", method="GetSecret", code="OK") == 2
    assert delta.of("secretsbroker.cache.misses") == 1
    assert delta.of("secretsbroker.cache.hits") == 1
    store_get = {"store": "main", "operation": "get", "outcome": "ok"}
    assert delta.of("secretsbroker.store.duration", **store_get) == 1
    assert value(observed.points(), "secretsbroker.cache.entries") >= 1

    miss, hit = observed.rpc_lines(mark)
    for line, cache in ((miss, "miss"), (hit, "hit")):
        check_rpc_line(line)
        assert (line["method"], line["code"], line["reason"]) == ("GetSecret", "OK", "")
        assert (line["identity"], line["cache"]) == (CLIENT_ID, cache)
    # Each line's ids are its RPC's span; only the miss went to the store.
    miss_trace = await observed.trace(miss["trace_id"], spans=2)
    span = rpc_span(miss_trace, "GetSecret")
    assert ids(span) == (miss["trace_id"], miss["span_id"])
    assert span.attributes is not None
    assert span.attributes["rpc.method"] == "GetSecret"
    assert span.attributes["rpc.service"] == "secretsbroker.v1.SecretsBrokerService"
    assert span.attributes["enduser.id"] == CLIENT_ID
    assert span.attributes["rpc.grpc.status_code"] == 0
    (store,) = [s for s in miss_trace if s.name == "store get"]
    assert store.parent is not None and store.parent.span_id == span.context.span_id  # type: ignore[union-attr]
    assert store.kind is SpanKind.CLIENT
    assert dict(store.attributes or {}) == {
        "secretsbroker.store.name": "main",
        "secretsbroker.store.operation": "get",
        "secretsbroker.store.outcome": "ok",
    }
    hit_trace = await observed.trace(hit["trace_id"])
    assert [s.name for s in hit_trace] == ["secretsbroker.v1/GetSecret"]
    assert ids(hit_trace[0]) == (hit["trace_id"], hit["span_id"])


async def test_a_forbidden_call(observed: Observed, unique: str) -> None:
    delta, mark = Delta(observed), observed.logs.tell()
    stub = observed.harness.broker_stub("client")
    admin_as_client = observed.harness.admin_stub("client")
    await rpc_error(
        admin_as_client.ListSecrets(admin_pb.ListSecretsRequest(), timeout=10),
        grpc.StatusCode.PERMISSION_DENIED,
        "RPC_NOT_GRANTED",
    )
    await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name=f"elsewhere/{unique}"), timeout=10),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )

    denied = {"method": "ListSecrets", "code": "PERMISSION_DENIED"}
    assert delta.of("secretsbroker.rpc.duration", **denied) == 1
    hidden = {"method": "GetSecret", "code": "NOT_FOUND"}
    assert delta.of("secretsbroker.rpc.duration", **hidden) == 1
    assert delta.of("secretsbroker.cache.misses") == 0  # refused before the cache
    listing, getting = observed.rpc_lines(mark)
    for line in (listing, getting):
        check_rpc_line(line)
        assert (line["identity"], line["cache"]) == (CLIENT_ID, "")
    assert (listing["code"], listing["reason"]) == ("PERMISSION_DENIED", "RPC_NOT_GRANTED")
    assert (getting["code"], getting["reason"]) == ("NOT_FOUND", "SECRET_NOT_FOUND")
    (span,) = await observed.trace(listing["trace_id"])  # no store was asked
    assert span.attributes is not None
    assert span.attributes["rpc.grpc.status_code"] == grpc.StatusCode.PERMISSION_DENIED.value[0]
    assert span.attributes["secretsbroker.error_reason"] == "RPC_NOT_GRANTED"
    assert span.status.status_code is StatusCode.UNSET  # the caller's fault, not ours


async def test_a_store_failure(observed: Observed, unique: str) -> None:
    delta, mark = Delta(observed), observed.logs.tell()
    stub = observed.harness.broker_stub("admin")

    async def read(n: int) -> None:
        await rpc_error(
            stub.GetSecret(pb.GetSecretRequest(name=f"pg/{unique}-{n}"), timeout=10),
            grpc.StatusCode.UNAVAILABLE,
            "STORE_UNAVAILABLE",
        )

    def breaker() -> float:
        return value(observed.points(), "secretsbroker.store.breaker.state", store="pg")

    observed.proxy.set_mode("reset")
    try:
        failed = 0
        while breaker() != 2:  # failures in a row open the breaker (threshold 3)
            assert failed < 10, "the pg breaker never opened"
            await read(failed)
            failed += 1
        await read(failed)  # refused at once, without trying the store
        assert value(observed.points(), "secretsbroker.store.breaker.state", store="main") == 0
    finally:
        observed.proxy.set_mode("pass")

    refused = {"method": "GetSecret", "code": "UNAVAILABLE"}
    assert delta.of("secretsbroker.rpc.duration", **refused) == failed + 1
    for outcome, count in (("unavailable", failed), ("circuit_open", 1)):
        labels = {"store": "pg", "operation": "get", "outcome": outcome}
        assert delta.of("secretsbroker.store.duration", **labels) == count, outcome
    errors = delta.of("secretsbroker.store.errors", store="pg", kind="unavailable")
    errors += delta.of("secretsbroker.store.errors", store="pg", kind="timeout")
    assert errors >= failed
    assert delta.of("secretsbroker.store.errors", store="pg", kind="circuit_open") == 1
    assert delta.of("secretsbroker.store.breaker.openings", store="pg") == 1

    lines = observed.rpc_lines(mark)
    assert len(lines) == failed + 1
    for line in lines:
        check_rpc_line(line)
        assert (line["code"], line["reason"]) == ("UNAVAILABLE", "STORE_UNAVAILABLE")
        assert line["cache"] == "miss"
    for line, outcome in ((lines[0], "unavailable"), (lines[-1], "circuit_open")):
        trace = await observed.trace(line["trace_id"], spans=2)
        span = rpc_span(trace, "GetSecret")
        assert span.status.status_code is StatusCode.ERROR
        (store,) = [s for s in trace if s.name == "store get"]
        assert store.parent is not None and store.parent.span_id == span.context.span_id  # type: ignore[union-attr]
        assert store.attributes is not None
        assert store.attributes["secretsbroker.store.outcome"] == outcome
        assert store.status.status_code is StatusCode.ERROR
    give_up = time.monotonic() + 30  # the background probe closes the breaker
    while breaker() != 0:
        assert time.monotonic() < give_up, "the pg breaker never closed"
        await asyncio.sleep(0.05)  # a poll interval; the metric is the condition


async def test_a_callers_traceparent_continues_its_trace(observed: Observed) -> None:
    trace_id, parent_id = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    metadata = (
        ("traceparent", f"00-{trace_id}-{parent_id}-01"),
        ("tracestate", "vendor=opaque"),
    )
    mark = observed.logs.tell()
    stub = observed.harness.broker_stub("client")
    await rpc_error(
        stub.GetSecret(pb.GetSecretRequest(name="connectors/none"), metadata=metadata, timeout=10),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    span = rpc_span(await observed.trace(trace_id, spans=2), "GetSecret")
    assert span.parent is not None and f"{span.parent.span_id:016x}" == parent_id
    assert span.parent.is_remote
    assert span.context is not None and span.context.trace_state.get("vendor") == "opaque"
    (line,) = observed.rpc_lines(mark)
    assert (line["trace_id"], line["span_id"]) == ids(span)
    # A malformed header is ignored: the call gets a trace of its own.
    mark = observed.logs.tell()
    await rpc_error(
        stub.GetSecret(
            pb.GetSecretRequest(name="connectors/none"),
            metadata=(("traceparent", f"00-{trace_id}-zz-01"),),
            timeout=10,
        ),
        grpc.StatusCode.NOT_FOUND,
        "SECRET_NOT_FOUND",
    )
    (line,) = observed.rpc_lines(mark)
    assert line["trace_id"] != trace_id
    assert rpc_span(await observed.trace(line["trace_id"], spans=2), "GetSecret").parent is None


async def test_rate_limit_rejections_are_counted(observed: Observed, unique: str) -> None:
    h = observed.harness
    limits = LimitsConfig(per_identity=CallerLimitsConfig(rate_per_second=0.001, burst=1))
    tight = await start_server(h.broker, _tls(h), "127.0.0.1:0", limits, metrics=observed.registry)
    watch_limits(observed.registry, tight.guard)
    delta = Delta(observed)
    channel = grpc.aio.secure_channel(f"127.0.0.1:{tight.port}", _creds(h))
    try:
        reader = broker_grpc.SecretsBrokerServiceStub(channel)
        request = pb.GetSecretRequest(name=f"connectors/{unique}")
        await rpc_error(
            reader.GetSecret(request, timeout=10), grpc.StatusCode.NOT_FOUND, "SECRET_NOT_FOUND"
        )
        await rpc_error(
            reader.GetSecret(request, timeout=10),
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            "RATE_LIMITED",
        )
    finally:
        await channel.close()
        await tight.stop(0)
    assert delta.of("secretsbroker.limits.rejections", reason="RATE_LIMITED") == 1
    limited = {"method": "GetSecret", "code": "RESOURCE_EXHAUSTED"}
    assert delta.of("secretsbroker.rpc.duration", **limited) == 1


def _tls(h: Harness) -> TlsConfig:
    return TlsConfig(
        cert_file=h.pki.path("server"),
        key_file=h.pki.key("server"),
        client_ca_file=h.pki.path("ca"),
    )


def _creds(h: Harness) -> grpc.ChannelCredentials:
    issued = h.pki.clients["client"]
    return grpc.ssl_channel_credentials(
        root_certificates=h.pki.ca.cert_pem,
        private_key=issued.key_pem,
        certificate_chain=issued.cert_pem,
    )


async def test_certificate_expiry_in_days(observed: Observed) -> None:
    reported = value(observed.points(), "secretsbroker.tls.certificate.expiry")
    assert abs(reported - days_left(file_leaf(observed.harness.pki.path("server"))())) < 0.01
    assert 300 < reported < 400  # issued for a year


async def test_a_canary_value_is_in_no_log_line_span_metric_or_label(
    observed: Observed, unique: str
) -> None:
    canary = f"canary-{unique}-Q7w"
    mark = observed.logs.tell()
    span_count = len(observed.spans.get_finished_spans())
    admin = observed.harness.admin_stub()
    name = f"connectors/{unique}"
    await admin.PutSecret(admin_pb.PutSecretRequest(name=name, values={"pw": canary}), timeout=10)
    stub = observed.harness.broker_stub("client")
    for _ in range(2):  # a miss and a hit
        await stub.GetSecret(pb.GetSecretRequest(name=name), timeout=10)
    await stub.BatchGetSecrets(pb.BatchGetSecretsRequest(names=[name, name]), timeout=10)
    await rpc_error(
        admin.PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"pw": canary}, expected_version=9),
            timeout=10,
        ),
        grpc.StatusCode.ABORTED,
        "CAS_MISMATCH",
    )
    await admin.PutSecret(
        admin_pb.PutSecretRequest(name=f"pg/{unique}", values={"pw": canary}), timeout=10
    )

    lines = observed.logs.getvalue()[mark:]
    assert lines.count('"message": "rpc"') == 6
    assert canary not in lines
    new_spans = observed.spans.get_finished_spans()[span_count:]
    assert any(s.name == "store put" for s in new_spans)
    for span in new_spans:
        assert canary not in span.to_json(), span.name
    data = observed.reader.get_metrics_data()
    assert data is not None and canary not in data.to_json()
    assert canary not in generate_latest(observed.prometheus).decode()


def test_the_prometheus_text_has_every_recorded_family(observed: Observed) -> None:
    text = generate_latest(observed.prometheus).decode()
    for family in (
        'secretsbroker_rpc_duration_seconds_bucket{code="OK",le="0.0001",method="GetSecret"}',
        "secretsbroker_cache_hits_total ",
        'secretsbroker_store_duration_seconds_count{operation="get",outcome="ok",store="main"}',
        'secretsbroker_store_breaker_state{store="pg"}',
        "secretsbroker_tls_certificate_expiry_days ",
        "secretsbroker_uptime_seconds ",
    ):
        assert family in text, family
    assert ADMIN_ID not in text and CLIENT_ID not in text  # identities are never labels
