"""Telemetry of a real ``secrets-broker serve`` process: JSON log lines on its stderr,
and traces and metrics pushed over OTLP/gRPC to a collector.

The collector is a gRPC server of the OTLP trace and metrics services (the generated
services of opentelemetry-proto) that keeps what it receives: the broker's exporters
speak the real protocol to it.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import pytest
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2 as metrics_pb
from opentelemetry.proto.collector.metrics.v1 import metrics_service_pb2_grpc as metrics_grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2 as trace_pb
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2_grpc as trace_grpc
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.access.audit.targets import audit_files
from secrets_broker.domain.crypto import create_master_key
from tests.brokerproc import BrokerProcess, write_config
from tests.integration.helpers import rpc_error
from tests.pki import ADMIN_ID, Pki

FIXED_KEYS = ["time", "level", "logger", "message"]


class Collector(trace_grpc.TraceServiceServicer, metrics_grpc.MetricsServiceServicer):
    """Keeps every export request it receives."""

    def __init__(self) -> None:
        self.traces: list[trace_pb.ExportTraceServiceRequest] = []
        self.metrics: list[metrics_pb.ExportMetricsServiceRequest] = []

    def Export(self, request: Any, context: Any) -> Any:  # both services' one method
        if isinstance(request, trace_pb.ExportTraceServiceRequest):
            self.traces.append(request)
            return trace_pb.ExportTraceServiceResponse()
        self.metrics.append(request)
        return metrics_pb.ExportMetricsServiceResponse()

    def spans(self) -> list[Any]:
        return [
            span
            for request in self.traces
            for resource in request.resource_spans
            for scope in resource.scope_spans
            for span in scope.spans
        ]

    def metric_names(self) -> set[str]:
        return {
            metric.name
            for request in self.metrics
            for resource in request.resource_metrics
            for scope in resource.scope_metrics
            for metric in scope.metrics
        }


@pytest.fixture
def collector() -> Iterator[tuple[Collector, int]]:
    # Threads of its own: the test's loop blocks while it waits for the broker to exit,
    # which is when the broker sends its last spans.
    server = grpc.server(ThreadPoolExecutor(max_workers=2))
    kept = Collector()
    trace_grpc.add_TraceServiceServicer_to_server(kept, server)
    metrics_grpc.add_MetricsServiceServicer_to_server(kept, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield kept, port
    server.stop(0)


async def until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    give_up = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < give_up, f"never: {what}"
        await asyncio.sleep(0.1)  # a poll interval; the condition is the test


async def test_json_log_lines_carry_the_callers_trace(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    config = write_config(
        tmp_path,
        pki,
        policy_file,
        {"main": {"type": "sqlite", "path": str(tmp_path / "s.db"), "master_key_file": "k"}},
        log_level="INFO",
        log={"format": "json"},
    )
    _key(tmp_path)
    broker = BrokerProcess(config, pki)
    trace_id, parent = uuid.uuid4().hex, uuid.uuid4().hex[:16]
    canary = f"canary-{uuid.uuid4().hex}"
    try:
        await broker.admin().PutSecret(
            admin_pb.PutSecretRequest(name="apps/x", values={"pw": canary}), timeout=10
        )
        await broker.reader().GetSecret(
            pb.GetSecretRequest(name="apps/x"),
            metadata=(("traceparent", f"00-{trace_id}-{parent}-01"),),
            timeout=10,
        )
        await rpc_error(
            broker.reader().GetSecret(pb.GetSecretRequest(name="apps/none"), timeout=10),
            grpc.StatusCode.NOT_FOUND,
            "SECRET_NOT_FOUND",
        )
    finally:
        await broker.close()
    text = broker.log_text()
    assert canary not in text
    lines = [json.loads(line) for line in text.splitlines()]
    for line in lines:
        assert list(line)[:4] == FIXED_KEYS, line
    rpc = [line for line in lines if line["logger"] == "secrets_broker.rpc"]
    assert [(r["method"], r["code"], r["cache"]) for r in rpc] == [
        ("PutSecret", "OK", ""),
        ("GetSecret", "OK", "miss"),
        ("GetSecret", "NOT_FOUND", "miss"),
    ]
    assert {r["identity"] for r in rpc} == {ADMIN_ID}
    # Tracing is off (exporter none), yet the caller's trace goes on through the broker.
    traced = rpc[1]
    assert traced["trace_id"] == trace_id
    assert len(traced["span_id"]) == 16 and traced["span_id"] not in (parent, "0" * 16)
    assert rpc[2]["trace_id"] not in (trace_id, "0" * 32)
    # The audit trail (audit/ beside the config) names the trace of each recorded call.
    records = [
        json.loads(line)
        for path in audit_files(tmp_path / "audit")
        for line in path.read_text().splitlines()
    ]
    reads = [(r.get("name"), r["outcome"]) for r in records if r.get("trace_id") == trace_id]
    assert reads == [("apps/x", "ok")]
    assert all(len(r["trace_id"]) == 32 for r in records if r.get("type") == "access")


async def test_traces_and_metrics_go_to_an_otlp_collector(
    pki: Pki, policy_file: Path, tmp_path: Path, collector: tuple[Collector, int]
) -> None:
    kept, port = collector
    endpoint = f"http://127.0.0.1:{port}"
    config = write_config(
        tmp_path,
        pki,
        policy_file,
        {"main": {"type": "sqlite", "path": str(tmp_path / "s.db"), "master_key_file": "k"}},
        tracing={"exporter": "otlp", "endpoint": endpoint},
        metrics={"otlp_endpoint": endpoint, "otlp_interval_seconds": 1},
    )
    _key(tmp_path)
    broker = BrokerProcess(config, pki)
    trace_id = uuid.uuid4().hex
    try:
        await rpc_error(
            broker.reader().GetSecret(
                pb.GetSecretRequest(name="apps/none"),
                metadata=(("traceparent", f"00-{trace_id}-{uuid.uuid4().hex[:16]}-01"),),
                timeout=10,
            ),
            grpc.StatusCode.NOT_FOUND,
            "SECRET_NOT_FOUND",
        )
        await until(lambda: "secretsbroker.rpc.duration" in kept.metric_names(), "rpc metrics")
    finally:
        await broker.close()  # SIGTERM: the span batch is flushed on the way out
    await until(lambda: any(s.trace_id.hex() == trace_id for s in kept.spans()), "the spans")
    spans = {s.name: s for s in kept.spans() if s.trace_id.hex() == trace_id}
    assert set(spans) == {"secretsbroker.v1/GetSecret", "store get"}
    rpc, store = spans["secretsbroker.v1/GetSecret"], spans["store get"]
    assert store.parent_span_id == rpc.span_id
    attributes = {a.key: a.value.string_value for a in store.attributes}
    assert attributes["secretsbroker.store.outcome"] == "not_found"
    assert {"secretsbroker.cache.misses", "secretsbroker.store.duration"} <= kept.metric_names(), (
        kept.metric_names()
    )


def _key(directory: Path) -> None:
    create_master_key(directory / "k")
