"""The registry (metrics.py) as OpenTelemetry metrics: a Prometheus endpoint on an HTTP
listener of its own, and optionally an OTLP push.

Counters and gauges are OpenTelemetry observable instruments whose callbacks read the
registry's watchers. Histograms are recorded by the broker itself (metrics.Series, far
cheaper per call than the SDK's synchronous instruments) and added to each collection
by the readers below as OpenTelemetry histogram points (explicit buckets, cumulative),
so every exporter sees them as it sees the SDK's own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Sequence
from typing import Any

from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.metrics import CallbackOptions, Observation
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import (
    AggregationTemporality,
    Histogram,
    HistogramDataPoint,
    InMemoryMetricReader,
    Metric,
    MetricExporter,
    MetricReader,
    MetricsData,
    PeriodicExportingMetricReader,
    ResourceMetrics,
    ScopeMetrics,
)
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector

from secrets_broker.domain.errors import ConfigError
from secrets_broker.metrics import CATALOGUE, Registry, Spec

log = logging.getLogger("secrets_broker.ops.metrics")
SCOPE = "secrets_broker"


def histogram_metrics(registry: Registry) -> list[Metric]:
    """The registry's histograms as OpenTelemetry metrics (series never observed left out)."""
    now = time.time_ns()
    out = []
    for family in registry.families():
        spec = family.spec
        points = []
        for values, series in family.snapshot():
            counts = list(series.counts)
            count = sum(counts)
            if count:
                points.append(
                    HistogramDataPoint(
                        attributes=dict(zip(spec.labels, values, strict=True)),
                        start_time_unix_nano=series.start_ns,
                        time_unix_nano=now,
                        count=count,
                        sum=series.total,
                        bucket_counts=counts,
                        explicit_bounds=list(spec.bounds),
                        min=series.min,
                        max=series.max,
                    )
                )
        if points:
            data = Histogram(points, AggregationTemporality.CUMULATIVE)
            out.append(Metric(spec.name, spec.description, spec.unit, data))
    return out


def with_histograms(data: MetricsData, registry: Registry) -> MetricsData:
    """``data`` (one collection of the SDK) with the registry's histograms added. The
    SDK delivers no collection at all when it has no data point: the registry's
    always-reported gauge (metrics.UPTIME) sees to it that it always has one."""
    metrics = histogram_metrics(registry)
    if not metrics or not data.resource_metrics:
        return data
    first, *rest = data.resource_metrics
    # Into the SDK's own scope of the same name: an exporter may key scopes by name
    # (OTLP's encoder does), and a second one would replace the first.
    scopes = [s for s in first.scope_metrics if s.scope.name != SCOPE]
    ours = [m for s in first.scope_metrics if s.scope.name == SCOPE for m in s.metrics]
    scopes.append(ScopeMetrics(InstrumentationScope(SCOPE), [*ours, *metrics], ""))
    merged = ResourceMetrics(first.resource, scopes, first.schema_url)
    return MetricsData([merged, *rest])


# The readers below are the SDK's, with the registry's histograms added to each
# collection they receive (``_receive_metrics`` is the method a reader implements).


class PrometheusReader(PrometheusMetricReader):
    def __init__(self, registry: Registry, target: CollectorRegistry) -> None:
        self._broker_metrics = registry
        # No otel_scope_* labels: every metric here has the one scope.
        super().__init__(scope_info_enabled=False, registry=target)

    def _receive_metrics(
        self, metrics_data: MetricsData, timeout_millis: float = 10_000, **kwargs: Any
    ) -> None:
        data = with_histograms(metrics_data, self._broker_metrics)
        super()._receive_metrics(data, timeout_millis, **kwargs)


class PeriodicReader(PeriodicExportingMetricReader):
    def __init__(self, registry: Registry, exporter: MetricExporter, interval_ms: float) -> None:
        self._broker_metrics = registry
        super().__init__(exporter, export_interval_millis=interval_ms)

    def _receive_metrics(
        self, metrics_data: MetricsData, timeout_millis: float = 10_000, **kwargs: Any
    ) -> None:
        data = with_histograms(metrics_data, self._broker_metrics)
        super()._receive_metrics(data, timeout_millis, **kwargs)


class InMemoryReader(InMemoryMetricReader):
    """The SDK's in-memory reader with the registry's histograms (for tests)."""

    def __init__(self, registry: Registry) -> None:
        self._broker_metrics = registry
        super().__init__()

    def _receive_metrics(
        self, metrics_data: MetricsData, timeout_millis: float = 10_000, **kwargs: Any
    ) -> None:
        data = with_histograms(metrics_data, self._broker_metrics)
        super()._receive_metrics(data, timeout_millis, **kwargs)


def _observer(registry: Registry, spec: Spec) -> Any:
    def observe(_options: CallbackOptions) -> Iterable[Observation]:
        for value, labels in registry.readings(spec):
            yield Observation(value, dict(zip(spec.labels, labels, strict=True)))

    return observe


def meter_provider(
    registry: Registry, readers: Sequence[MetricReader], resource: Resource
) -> MeterProvider:
    """A meter provider (not the global one) whose readers see every metric of the
    catalogue: observable instruments for counters and gauges, histograms bridged."""
    provider = MeterProvider(metric_readers=readers, resource=resource)
    meter = provider.get_meter(SCOPE)
    for spec in CATALOGUE:
        callbacks = [_observer(registry, spec)]
        if spec.kind == "counter":
            meter.create_observable_counter(spec.name, callbacks, spec.unit, spec.description)
        elif spec.kind == "gauge":
            meter.create_observable_gauge(spec.name, callbacks, spec.unit, spec.description)
    return provider


class PrometheusEndpoint:
    """``/metrics`` on ``listen`` (plain HTTP, in a thread of prometheus_client's own),
    with the process collectors (CPU, memory, open files, GC) alongside."""

    def __init__(self, listen: str, registry: Registry) -> None:
        host, _, port = listen.rpartition(":")
        self.collectors = CollectorRegistry()
        for collector in (ProcessCollector, PlatformCollector, GCCollector):
            collector(registry=self.collectors)
        self.reader = PrometheusReader(registry, self.collectors)
        try:
            self._server, self._thread = start_http_server(
                int(port), addr=host.strip("[]"), registry=self.collectors
            )
        except OSError as exc:
            raise ConfigError(f"metrics.listen: cannot bind {listen}: {exc.strerror}") from None
        self.host = host
        self.port: int = self._server.server_port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/metrics"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
