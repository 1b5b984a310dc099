"""Telemetry set-up: the tracer provider and the metrics exporters.

The broker instruments with the OpenTelemetry API; this module installs the SDK.
Tracing is always on the SDK, so every RPC has trace and span ids for its log lines
and continues a caller's ``traceparent``; with ``exporter: none`` nothing is recorded
(the sampler drops every span: ids only, at the cost of a few microseconds per RPC),
``console`` writes spans to stderr and ``otlp`` sends them to a collector (the
``otel`` extra). Metrics go to a Prometheus endpoint and/or an OTLP collector
(ops/metrics_export.py).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, ParentBased, TraceIdRatioBased

from secrets_broker.domain.errors import ConfigError
from secrets_broker.metrics import Registry
from secrets_broker.ops.config_telemetry import MetricsConfig, TracingConfig
from secrets_broker.ops.metrics_export import PeriodicReader, PrometheusEndpoint, meter_provider

SERVICE_NAME = "secrets-broker"
_OTEL_EXTRA = "needs the otel extra (pip install 'secrets-broker[otel]')"


def resource() -> Resource:
    try:
        version = metadata.version("secrets-broker")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return Resource.create({"service.name": SERVICE_NAME, "service.version": version})


def configure_tracing(tracing: TracingConfig) -> None:
    """Installs the global tracer provider ``tracing`` describes."""
    if tracing.exporter == "none":
        provider = TracerProvider(resource=resource(), sampler=ALWAYS_OFF)
    else:
        # A caller's sampling decision is followed; new traces are sampled at the ratio.
        sampler = ParentBased(TraceIdRatioBased(tracing.sample_ratio))
        provider = TracerProvider(resource=resource(), sampler=sampler)
        provider.add_span_processor(BatchSpanProcessor(_span_exporter(tracing)))
    trace.set_tracer_provider(provider)


def _span_exporter(tracing: TracingConfig) -> SpanExporter:
    if tracing.exporter == "console":
        return ConsoleSpanExporter(out=sys.stderr)
    try:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
    except ImportError:
        raise ConfigError(f"tracing.exporter: otlp {_OTEL_EXTRA}") from None
    return OTLPSpanExporter(endpoint=tracing.endpoint, insecure=_plaintext(tracing.endpoint))


def _plaintext(endpoint: str) -> bool:
    return endpoint.startswith("http://")


@dataclass
class MetricsExport:
    """The running metrics exporters; ``close`` flushes and stops them."""

    provider: MeterProvider
    endpoint: PrometheusEndpoint | None

    @property
    def url(self) -> str | None:
        return self.endpoint.url if self.endpoint is not None else None

    def close(self) -> None:
        self.provider.shutdown()
        if self.endpoint is not None:
            self.endpoint.close()


def start_metrics(config: MetricsConfig, registry: Registry) -> MetricsExport | None:
    """Starts the Prometheus endpoint and the OTLP push that ``config`` asks for."""
    res = resource()
    readers: list[MetricReader] = []
    exporter = _otlp_metric_exporter(config) if config.otlp_endpoint else None
    endpoint = PrometheusEndpoint(config.listen, registry) if config.listen else None
    if endpoint is not None:
        readers.append(endpoint.reader)
    if exporter is not None:
        interval_ms = config.otlp_interval_seconds * 1000
        readers.append(PeriodicReader(registry, exporter, interval_ms))
    if not readers:
        return None
    return MetricsExport(meter_provider(registry, readers, res), endpoint)


def _otlp_metric_exporter(config: MetricsConfig) -> Any:
    try:
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
    except ImportError:
        raise ConfigError(f"metrics.otlp_endpoint {_OTEL_EXTRA}") from None
    endpoint = config.otlp_endpoint
    return OTLPMetricExporter(endpoint=endpoint, insecure=_plaintext(endpoint))
