"""The server configuration file (YAML). Unknown keys and out-of-range values stop
start-up with a message naming the key. Relative paths are relative to the file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.telemetry import EXPORTERS


@dataclass(frozen=True, slots=True)
class TlsConfig:
    cert_file: Path
    key_file: Path
    client_ca_file: Path


@dataclass(frozen=True, slots=True)
class CacheConfig:
    default_ttl_seconds: float = 300.0
    max_entries: int = 10_000
    stale_on_error_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class LimitsConfig:
    max_receive_message_bytes: int = 1024 * 1024
    max_send_message_bytes: int = 8 * 1024 * 1024
    max_concurrent_rpcs: int = 1000


@dataclass(frozen=True, slots=True)
class Config:
    listen: str
    tls: TlsConfig
    policy_file: Path
    stores: Mapping[str, Mapping[str, Any]]
    routes: Mapping[str, str]
    cache: CacheConfig = field(default_factory=CacheConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    shutdown_grace_seconds: float = 10.0
    log_level: str = "INFO"
    tracing_exporter: str = "none"


def _section(where: str, raw: Any, allowed: set[str], required: set[str]) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: must be a mapping")
    for key in raw:
        if key not in allowed:
            raise ConfigError(f"{where}: unknown key {key!r}")
    for key in sorted(required - set(raw)):
        raise ConfigError(f"{where}: key {key!r} is required")
    return dict(raw)


def _number(where: str, raw: Any, low: float, high: float, integer: bool = False) -> Any:
    kinds = (int,) if integer else (int, float)
    if isinstance(raw, bool) or not isinstance(raw, kinds) or not low <= raw <= high:
        kind = "an integer" if integer else "a number"
        raise ConfigError(f"{where}: must be {kind} within [{low}, {high}], got {raw!r}")
    return raw


def parse_config(doc: Any, base: Path) -> Config:
    top = _section(
        "config",
        doc,
        {
            "listen",
            "tls",
            "policy_file",
            "stores",
            "routes",
            "cache",
            "limits",
            "shutdown_grace_seconds",
            "log_level",
            "tracing",
        },
        {"listen", "tls", "policy_file", "stores"},
    )

    def path(where: str, raw: Any) -> Path:
        if not isinstance(raw, str) or not raw:
            raise ConfigError(f"{where}: must be a path")
        return (base / raw).resolve()

    tls = _section(
        "tls",
        top["tls"],
        {"cert_file", "key_file", "client_ca_file"},
        {"cert_file", "key_file", "client_ca_file"},
    )
    stores = _section("stores", top["stores"], set(top["stores"] or {}), set())
    if not stores:
        raise ConfigError("stores: at least one store is required")
    resolved_stores: dict[str, dict[str, Any]] = {}
    for name, raw in stores.items():
        section = dict(_section(f"stores.{name}", raw, set(raw or {}), {"type"}))
        for key, value in section.items():
            if key.endswith(("_file", "path", "_dir")) and isinstance(value, str):
                section[key] = str(path(f"stores.{name}.{key}", value))
            elif key.endswith(("_files", "paths")) and isinstance(value, list):
                section[key] = [str(path(f"stores.{name}.{key}", v)) for v in value]
        resolved_stores[str(name)] = section
    routes_raw = top.get("routes")
    if routes_raw is None:
        if len(resolved_stores) != 1:
            raise ConfigError("routes: required when more than one store is configured")
        routes = {"": next(iter(resolved_stores))}
    else:
        routes = {
            str(k): str(v)
            for k, v in _section("routes", routes_raw, set(routes_raw or {}), set()).items()
        }
        for prefix, target in routes.items():
            if target not in resolved_stores:
                raise ConfigError(f"routes.{prefix!r}: names unknown store {target!r}")
        if "" not in routes:
            raise ConfigError("routes: a default route '' is required")
    cache = _section(
        "cache",
        top.get("cache", {}),
        {"default_ttl_seconds", "max_entries", "stale_on_error_seconds"},
        set(),
    )
    limits = _section(
        "limits",
        top.get("limits", {}),
        {"max_receive_message_bytes", "max_send_message_bytes", "max_concurrent_rpcs"},
        set(),
    )
    level = top.get("log_level", "INFO")
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"log_level: must be DEBUG, INFO, WARNING or ERROR, got {level!r}")
    tracing = _section("tracing", top.get("tracing", {}), {"exporter"}, set())
    exporter = tracing.get("exporter", "none")
    if exporter not in EXPORTERS:
        raise ConfigError(
            f"tracing.exporter: must be one of {', '.join(EXPORTERS)}, got {exporter!r}"
        )
    listen = top["listen"]
    if not isinstance(listen, str) or ":" not in listen:
        raise ConfigError(f"listen: must be HOST:PORT, got {listen!r}")
    return Config(
        listen=listen,
        tls=TlsConfig(
            *(path(f"tls.{k}", tls[k]) for k in ("cert_file", "key_file", "client_ca_file"))
        ),
        policy_file=path("policy_file", top["policy_file"]),
        stores=resolved_stores,
        routes=routes,
        cache=CacheConfig(
            default_ttl_seconds=_number(
                "cache.default_ttl_seconds", cache.get("default_ttl_seconds", 300.0), 0, 86_400
            ),
            max_entries=_number(
                "cache.max_entries", cache.get("max_entries", 10_000), 0, 10_000_000, integer=True
            ),
            stale_on_error_seconds=_number(
                "cache.stale_on_error_seconds", cache.get("stale_on_error_seconds", 60.0), 0, 86_400
            ),
        ),
        limits=LimitsConfig(
            max_receive_message_bytes=_number(
                "limits.max_receive_message_bytes",
                limits.get("max_receive_message_bytes", 1024 * 1024),
                4096,
                64 * 1024 * 1024,
                integer=True,
            ),
            max_send_message_bytes=_number(
                "limits.max_send_message_bytes",
                limits.get("max_send_message_bytes", 8 * 1024 * 1024),
                4096,
                256 * 1024 * 1024,
                integer=True,
            ),
            max_concurrent_rpcs=_number(
                "limits.max_concurrent_rpcs",
                limits.get("max_concurrent_rpcs", 1000),
                1,
                100_000,
                integer=True,
            ),
        ),
        shutdown_grace_seconds=_number(
            "shutdown_grace_seconds", top.get("shutdown_grace_seconds", 10.0), 0, 3600
        ),
        log_level=level,
        tracing_exporter=exporter,
    )


def load_config(path: Path) -> Config:
    try:
        doc = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"config file {path}: {exc}") from None
    return parse_config(doc, path.parent)
