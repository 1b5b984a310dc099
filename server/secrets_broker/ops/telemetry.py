"""Tracing set-up. The broker instruments with the OpenTelemetry API only; an exporter
is installed here when the config asks for one (the SDK is the ``otel`` extra)."""

from __future__ import annotations

import sys

from secrets_broker.domain.errors import ConfigError

EXPORTERS = ("none", "console")


def configure_tracing(exporter: str, service_name: str = "secrets-broker") -> None:
    """Installs a global tracer provider exporting spans to ``exporter``."""
    if exporter == "none":
        return
    try:
        from opentelemetry import trace
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter
    except ImportError:
        raise ConfigError(
            "tracing.exporter: the OpenTelemetry SDK is not installed "
            "(pip install 'secrets-broker[otel]')"
        ) from None
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter(out=sys.stderr)))
    trace.set_tracer_provider(provider)
