"""The config sections of logs, traces and metrics (part of ops/config.py's schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from secrets_broker.ops.config_base import Section, check_listen

EXPORTERS = ("none", "console", "otlp")  # tracing exporters (ops/telemetry.py)


class TracingConfig(Section):
    exporter: str = Field(
        "none", description=f"one of {', '.join(EXPORTERS)} (otlp needs the otel extra)"
    )
    endpoint: str = Field(
        "", description="otlp: the collector, http://HOST:4317 (plaintext) or https://..."
    )
    sample_ratio: float = Field(
        1.0, ge=0, le=1, description="share of new traces recorded (a caller's choice is kept)"
    )

    @field_validator("exporter")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in EXPORTERS:
            raise ValueError(f"must be one of {', '.join(EXPORTERS)}")
        return value

    @model_validator(mode="after")
    def _endpoint(self) -> TracingConfig:
        if self.exporter == "otlp" and not self.endpoint:
            raise ValueError("endpoint: required with exporter otlp")
        return self


class MetricsConfig(Section):
    listen: str = Field(
        "", description="HOST:PORT of the Prometheus /metrics endpoint (plain HTTP); '': none"
    )
    otlp_endpoint: str = Field(
        "", description="push metrics to this OTLP collector too (http://HOST:4317); '': none"
    )
    otlp_interval_seconds: float = Field(
        60.0, ge=1, le=86_400, description="how often metrics are pushed over OTLP"
    )

    @field_validator("listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        return check_listen(value) if value else value


class LogConfig(Section):
    format: Literal["text", "json"] = Field(
        "text", description="text, or json: one JSON object per line (README: Observing it)"
    )
    rpc_lines: bool = Field(True, description="one INFO line per RPC (secrets_broker.rpc)")
