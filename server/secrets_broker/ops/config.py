"""The server configuration: a YAML file, overridable by environment variables.

One schema (pydantic models below) checks everything at once: unknown keys, missing
keys, wrong types and out-of-range values are all reported, each naming its key
(``cache.default_ttl_seconds: must be <= 86400``), and start-up stops. Relative paths
are relative to the config file. Store sections are handed to their store plugin, which
checks its own options (stores/options.py).

Environment variables override the file: ``SECRETS_BROKER_<KEY>`` with ``__`` between
nested keys, e.g. ``SECRETS_BROKER_CACHE__DEFAULT_TTL_SECONDS=60`` or
``SECRETS_BROKER_STORES__MAIN__DSN=...``; the value is read as a YAML scalar (numbers,
booleans, ``[a, b]`` lists). Precedence: environment, then file, then defaults.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from secrets_broker.access.identity import check_issuer
from secrets_broker.access.tokens import ASYMMETRIC
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config_base import Section, check_listen
from secrets_broker.ops.config_telemetry import LogConfig, MetricsConfig, TracingConfig

ENV_PREFIX = "SECRETS_BROKER_"
# Variables the admin CLI reads (see ops/cli.py); not config keys.
CLIENT_ENV = frozenset({"ADDRESS", "CA", "CERT", "KEY", "DEV_DIR", "TOKEN_FILE", "ISSUER"})


def _resolve(raw: object, info: ValidationInfo) -> object:
    if isinstance(raw, str):
        if not raw:
            raise ValueError("must be a non-empty path")
        base: Path = (info.context or {}).get("base", Path.cwd())
        return (base / raw).resolve()
    return raw


ConfigPath = Annotated[Path, Field(strict=False)]


class TlsConfig(Section):
    source: Literal["files", "workload_api"] = Field(
        "files", description="files, or workload_api: SVID and bundle from a SPIFFE agent"
    )
    cert_file: ConfigPath | None = Field(None, description="the server certificate chain (PEM)")
    key_file: ConfigPath | None = Field(None, description="its private key (PEM, mode 0600)")
    client_ca_file: ConfigPath | None = Field(
        None, description="CA(s) that sign client certificates"
    )
    socket: str = Field(
        "", description="workload_api: unix:///path of the agent (empty: SPIFFE_ENDPOINT_SOCKET)"
    )
    spiffe_id: str = Field(
        "", description="workload_api: the SVID to serve when there are several (default: first)"
    )

    _paths = field_validator("cert_file", "key_file", "client_ca_file", mode="before")(_resolve)

    @model_validator(mode="after")
    def _source(self) -> TlsConfig:
        files = ("cert_file", "key_file", "client_ca_file")
        if self.source == "files":
            for key in files:
                if getattr(self, key) is None:
                    raise ValueError(f"{key}: required when source is files")
        elif any(getattr(self, key) is not None for key in files):
            raise ValueError("cert_file, key_file, client_ca_file: not with source workload_api")
        return self


class OidcIssuerConfig(Section):
    issuer: str = Field(description="the OpenID Provider's issuer, an https:// URL")
    audiences: list[str] = Field(
        min_length=1, description="a token's aud must hold one of these (this broker's name)"
    )
    algorithms: list[str] = Field(
        default_factory=lambda: ["RS256", "PS256", "ES256", "EdDSA"],
        min_length=1,
        description="accepted signature algorithms (asymmetric only: never none or HS*)",
    )
    groups_claim: str = Field("", description="the claim listing the person's groups")
    ca_file: ConfigPath | None = Field(None, description="CA(s) for the provider's https")
    jwks_uri: str = Field("", description="the provider's keys (default: from discovery)")

    _ca = field_validator("ca_file", mode="before")(_resolve)

    @field_validator("issuer")
    @classmethod
    def _issuer(cls, value: str) -> str:
        check_issuer(value)
        return value

    @field_validator("algorithms")
    @classmethod
    def _asymmetric(cls, value: list[str]) -> list[str]:
        refused = sorted(set(value) - ASYMMETRIC)
        if refused:
            raise ValueError(f"not accepted: {', '.join(refused)} (one of {sorted(ASYMMETRIC)})")
        return value


class JwtSvidConfig(Section):
    bundle_source: Literal["files", "workload_api"] = Field(
        "files", description="files (bundle_files), or workload_api: bundles from the agent"
    )
    bundle_files: dict[str, ConfigPath] = Field(
        default_factory=dict, description="trust domain -> its SPIFFE bundle (JWKS) file"
    )
    socket: str = Field("", description="workload_api: the agent socket (default: tls.socket)")
    audience: str = Field(
        "", description="aud a JWT-SVID must hold (default: the broker's own SPIFFE ID)"
    )

    @field_validator("bundle_files", mode="before")
    @classmethod
    def _bundle_paths(cls, raw: object, info: ValidationInfo) -> object:
        if isinstance(raw, Mapping):
            return {k: _resolve(v, info) for k, v in raw.items()}
        return raw


class TokensConfig(Section):
    listen: str = Field(
        "", description="HOST:PORT of a TLS listener without client certificates (tokens only)"
    )
    oidc: list[OidcIssuerConfig] = Field(
        default_factory=list, description="trusted OpenID Providers (people)"
    )
    jwt_svid: JwtSvidConfig | None = Field(None, description="accept JWT-SVIDs (workloads)")
    leeway_seconds: float = Field(30.0, ge=0, le=300, description="clock skew for exp/nbf/iat")
    jwks_timeout_seconds: float = Field(
        5.0, gt=0, le=60, description="each request for a provider's keys"
    )
    jwks_refresh_min_interval_seconds: float = Field(
        30.0, ge=0, le=3600, description="an unknown kid refetches keys at most this often"
    )
    jwks_max_age_seconds: float = Field(
        3600.0, gt=0, le=86_400, description="keys are refetched when older than this"
    )


class IdentityConfig(Section):
    allow_common_name: bool = Field(
        False,
        description="accept a certificate without a SPIFFE ID by its subject CN, as cn:NAME",
    )
    crl_files: list[ConfigPath] = Field(
        default_factory=list, description="CRLs (PEM or DER) signed by a client CA"
    )
    crl_reload_interval_seconds: float = Field(
        1.0, ge=0, le=3600, description="how often the CRL files are checked for changes"
    )

    @field_validator("crl_files", mode="before")
    @classmethod
    def _crl_paths(cls, raw: object, info: ValidationInfo) -> object:
        return [_resolve(p, info) for p in raw] if isinstance(raw, list) else raw


class CacheConfig(Section):
    default_ttl_seconds: float = Field(
        300.0, ge=0, le=86_400, description="TTL when a secret sets no refresh_after"
    )
    max_entries: int = Field(10_000, ge=0, le=10_000_000, description="cached versions, LRU")
    stale_on_error_seconds: float = Field(
        60.0, ge=0, le=86_400, description="serve an expired value this long if the store fails"
    )
    refresh_ahead_fraction: float = Field(
        0.8,
        ge=0.1,
        le=1.0,
        description="a read after this fraction of an entry's TTL refreshes it in the "
        "background (1: never before expiry)",
    )


class RotationConfig(Section):
    overlap_seconds: float = Field(
        3600.0,
        ge=0,
        le=30 * 86_400,
        description="after a rotation the previous version stays readable this long, then "
        "is disabled (a request's overlap overrides it)",
    )


class WatchConfig(Section):
    heartbeat_seconds: float = Field(
        15.0, ge=1, le=300, description="heartbeat of a quiet WatchSecret stream (default)"
    )
    max_stream_seconds: float = Field(
        3600.0, ge=1, le=7 * 86_400, description="a stream ends after this long; clients resume"
    )
    max_prefix_names: int = Field(
        1000, ge=1, le=100_000, description="names a prefix watch starts with, at most"
    )


class ReplicationConfig(Section):
    """Change notices between broker replicas (replication/)."""

    postgres_store: str | None = Field(
        None,
        description="a postgres store section whose database carries change notices "
        "between replicas (LISTEN/NOTIFY); unset: this process only",
    )
    replica_id: str = Field(
        "", description="this replica's name in notices and pg_stat_activity (default host:pid)"
    )
    check_seconds: float = Field(
        5.0, gt=0, le=300, description="a silent listening connection is tested this often"
    )
    reconnect_max_seconds: float = Field(
        5.0, gt=0, le=300, description="longest pause between reconnection attempts"
    )
    resync_interval_seconds: float = Field(
        300.0,
        ge=0,
        le=86_400,
        description="with peers (postgres_store), compare cached and watched versions with "
        "the stores this often (0: only after a lost connection)",
    )
    poll_interval_seconds: dict[str, float] = Field(
        default_factory=dict,
        description="store name -> seconds: poll the versions of cached and watched names "
        "of a store that announces nothing (vault: its KV metadata)",
    )


class CallerLimitsConfig(Section):
    """Per caller identity (the verified certificate): over a limit the call is
    RESOURCE_EXHAUSTED with a RetryInfo. Health checks are never counted."""

    max_in_flight: int = Field(
        64, ge=1, le=100_000, description="calls one identity may have in progress at once"
    )
    rate_per_second: float = Field(
        200.0, ge=0, le=1_000_000, description="sustained calls per second per identity (0: none)"
    )
    burst: int = Field(400, ge=1, le=10_000_000, description="calls one identity may make at once")


class ResilienceConfig(Section):
    """How the broker treats a failing store (stores/guard.py). The top-level section
    sets the defaults; a store section may override any key under its own
    ``resilience:`` mapping."""

    call_timeout_seconds: float = Field(
        2.0, gt=0, le=300, description="longest a store call may take, retries included"
    )
    failure_threshold: int = Field(
        5, ge=1, le=1000, description="failures in a row that open the circuit breaker"
    )
    open_seconds: float = Field(
        5.0,
        ge=0.1,
        le=3600,
        description="an open breaker fails calls at once this long, then probes",
    )
    read_attempts: int = Field(3, ge=1, le=10, description="tries per read, within the timeout")
    write_attempts: int = Field(
        3, ge=1, le=10, description="tries per write, only when a retry is provably safe"
    )
    backoff_initial_ms: int = Field(20, ge=1, le=60_000, description="first retry pause (jittered)")
    backoff_max_ms: int = Field(500, ge=1, le=60_000, description="longest retry pause (jittered)")


RESILIENCE_KEY = "resilience"  # a store section's overrides of the top-level defaults


class LimitsConfig(Section):
    max_receive_message_bytes: int = Field(
        1024 * 1024, ge=4096, le=64 * 1024 * 1024, description="largest request accepted"
    )
    max_send_message_bytes: int = Field(
        8 * 1024 * 1024, ge=4096, le=256 * 1024 * 1024, description="largest response sent"
    )
    max_metadata_bytes: int = Field(
        16 * 1024, ge=1024, le=1024 * 1024, description="largest request header block"
    )
    max_concurrent_rpcs: int = Field(
        1000, ge=1, le=100_000, description="calls in progress at once, server-wide (not health)"
    )
    max_streams_per_connection: int = Field(
        100, ge=1, le=10_000, description="HTTP/2 streams one connection may have open"
    )
    max_new_streams_per_read: int = Field(
        32, ge=1, le=10_000, description="new streams accepted per socket read (rapid reset)"
    )
    receive_timeout_seconds: float = Field(
        10.0, gt=0, le=3600, description="time a call has to send its request message"
    )
    max_rpc_seconds: float = Field(
        60.0, gt=0, le=86_400, description="longest a call may run, whatever its deadline"
    )
    handshake_timeout_seconds: float = Field(
        10.0, gt=0, le=3600, description="time a new connection has to finish its TLS handshake"
    )
    connection_idle_seconds: float = Field(
        300.0, gt=0, le=86_400, description="close a connection with no call for this long"
    )
    connection_max_age_seconds: float = Field(
        3600.0, gt=0, le=7 * 86_400, description="close any connection after this long (±10%)"
    )
    connection_age_grace_seconds: float = Field(
        30.0, ge=0, le=86_400, description="calls in progress on an aged connection get this long"
    )
    keepalive_time_seconds: float = Field(
        120.0, gt=0, le=86_400, description="ping a quiet client after this long"
    )
    keepalive_timeout_seconds: float = Field(
        20.0, gt=0, le=3600, description="close the connection if the ping is not answered"
    )
    min_client_ping_interval_seconds: float = Field(
        10.0, ge=0, le=3600, description="clients pinging more often than this get strikes"
    )
    max_ping_strikes: int = Field(
        2, ge=0, le=1000, description="strikes before the connection is closed; 0 = never"
    )
    per_identity: CallerLimitsConfig = Field(default_factory=CallerLimitsConfig)
    max_watches_per_identity: int = Field(
        16, ge=1, le=100_000, description="WatchSecret streams one identity may have open"
    )
    max_watches: int = Field(
        1000, ge=1, le=1_000_000, description="WatchSecret streams open at once, server-wide"
    )


class AuditConfig(Section):
    sink: Literal["file", "stderr"] = Field(
        "file", description="file: JSON lines in dir; stderr: the process's stderr"
    )
    dir: ConfigPath | None = Field(
        None, description="directory of the audit files (sink: file); default: audit/"
    )
    fsync: Literal["none", "interval", "batch"] = Field(
        "interval",
        description="none, interval or batch: when records are fdatasync'd (README: Audit)",
    )
    fsync_interval_seconds: float = Field(1.0, gt=0, le=60, description="for fsync: interval")
    write_timeout_seconds: float = Field(
        1.0, gt=0, le=60, description="a call whose record is not written by then: UNAVAILABLE"
    )
    queue_max_records: int = Field(10_000, ge=10, le=1_000_000, description="records waiting")
    rotate_bytes: int = Field(
        64 * 1024 * 1024, ge=4096, le=1 << 40, description="start a new file past this size"
    )
    checkpoint_every_records: int = Field(
        1000, ge=1, le=10_000_000, description="a checkpoint record (and log line) this often"
    )
    hash_names: bool = Field(False, description="write an HMAC of each name, not the name")
    key_file: ConfigPath | None = Field(
        None, description="for hash_names: a file of 32 random bytes, mode 0600"
    )

    _paths = field_validator("dir", "key_file", mode="before")(_resolve)

    @model_validator(mode="after")
    def _complete(self, info: ValidationInfo) -> AuditConfig:
        if self.sink == "file" and self.dir is None:
            # On by default: files in audit/ beside the config file.
            base: Path = (info.context or {}).get("base", Path.cwd())
            object.__setattr__(self, "dir", (base / "audit").resolve())
        if self.sink == "stderr" and self.dir is not None:
            raise ValueError("key 'dir' is only for sink: file")
        if self.hash_names and self.key_file is None:
            raise ValueError("key 'key_file' is required with hash_names: true")
        return self


class Config(Section):
    listen: str = Field(description="HOST:PORT to serve on (port 0 picks a free one)")
    tls: TlsConfig
    identity: IdentityConfig = Field(default_factory=IdentityConfig)
    tokens: TokensConfig = Field(default_factory=TokensConfig)
    policy_file: ConfigPath = Field(description="the policy (grants) file, YAML")
    policy_reload_interval_seconds: float = Field(
        5.0, ge=0, le=3600, description="check the policy file for changes (0: SIGHUP only)"
    )
    stores: dict[str, dict[str, Any]] = Field(
        description="store name -> {type: <plugin>, ...its options}"
    )
    key_providers: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="key provider name -> {type: file|vault-transit|aws-kms, ...its options};"
        " a store names one in key_provider / previous_key_providers",
    )
    routes: dict[str, str] = Field(
        default_factory=dict,
        description="name prefix -> store name; longest prefix wins; '' is the default",
    )
    cache: CacheConfig = Field(default_factory=CacheConfig)
    resilience: ResilienceConfig = Field(default_factory=ResilienceConfig)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
    rotation: RotationConfig = Field(default_factory=RotationConfig)
    watch: WatchConfig = Field(default_factory=WatchConfig)
    replication: ReplicationConfig = Field(default_factory=ReplicationConfig)
    page_token_key_file: ConfigPath | None = Field(
        None,
        description="key signing page tokens (32 bytes, mode 0600; share it between "
        "replicas); unset: a random key per process",
    )
    workers: int = Field(
        1,
        ge=1,
        le=64,
        description="processes serving the one port (README: Workers); 1: this process; "
        "serve --workers overrides it",
    )
    shutdown_grace_seconds: float = Field(
        10.0, ge=0, le=3600, description="SIGTERM: finish in-flight calls for this long"
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="DEBUG, INFO, WARNING or ERROR"
    )
    log: LogConfig = Field(default_factory=LogConfig)
    tracing: TracingConfig = Field(default_factory=TracingConfig)
    metrics: MetricsConfig = Field(default_factory=MetricsConfig)
    audit: AuditConfig = Field(
        default={},  # validated (validate_default): an AuditConfig with its defaults
        validate_default=True,
        description="the audit trail; by default files in audit/ beside this config file",
    )

    _policy = field_validator("policy_file", "page_token_key_file", mode="before")(_resolve)

    @field_validator("listen")
    @classmethod
    def _host_port(cls, value: str) -> str:
        return check_listen(value)

    @field_validator("stores", mode="before")
    @classmethod
    def _store_sections(cls, raw: object, info: ValidationInfo) -> object:
        if not isinstance(raw, Mapping):
            return raw
        if not raw:
            raise ValueError("at least one store is required")
        out: dict[str, object] = {}
        for name, section in raw.items():
            if not isinstance(section, Mapping):
                raise ValueError(f"store {name!r} must be a mapping")
            if "type" not in section:
                raise ValueError(f"store {name!r}: key 'type' is required")
            _check_resilience(str(name), section.get(RESILIENCE_KEY, {}))
            out[str(name)] = {k: _store_path(k, v, info) for k, v in section.items()}
        return out

    def store_type(self, name: str) -> str:
        return str(self.stores[name]["type"])

    def store_options(self, name: str) -> dict[str, Any]:
        """A store section as its plugin gets it: without ``type`` and ``resilience``."""
        return {k: v for k, v in self.stores[name].items() if k not in ("type", RESILIENCE_KEY)}

    def store_resilience(self, name: str) -> ResilienceConfig:
        """The top-level resilience settings with the store's own overrides applied."""
        overrides = self.stores[name].get(RESILIENCE_KEY) or {}
        return ResilienceConfig.model_validate({**self.resilience.model_dump(), **overrides})

    @field_validator("key_providers", mode="before")
    @classmethod
    def _provider_sections(cls, raw: object, info: ValidationInfo) -> object:
        if not isinstance(raw, Mapping):
            return raw
        out: dict[str, object] = {}
        for name, section in raw.items():
            if not isinstance(section, Mapping) or "type" not in section:
                raise ValueError(f"key provider {name!r} must be a mapping with a 'type'")
            out[str(name)] = {k: _store_path(k, v, info) for k, v in section.items()}
        return out

    @model_validator(mode="after")
    def _key_provider_names(self) -> Config:
        """A store's ``key_provider: NAME`` (and ``previous_key_providers: [NAME]``) becomes
        that provider's section, named, for the store plugin to open."""
        stores: dict[str, dict[str, Any]] = {}
        for store, section in self.stores.items():
            resolved = dict(section)
            if isinstance(section.get("key_provider"), str):
                resolved["key_provider"] = self._provider(store, "key_provider", section)
            previous = section.get("previous_key_providers")
            if isinstance(previous, list):
                resolved["previous_key_providers"] = [
                    self._provider(store, f"previous_key_providers[{i}]", {"p": p}, "p")
                    if isinstance(p, str)
                    else p
                    for i, p in enumerate(previous)
                ]
            stores[store] = resolved
        object.__setattr__(self, "stores", stores)
        return self

    def _provider(
        self, store: str, key: str, section: Mapping[str, Any], field: str = "key_provider"
    ) -> dict[str, Any]:
        name = section[field]
        if name not in self.key_providers:
            raise ValueError(f"stores.{store}.{key}: names unknown key provider {name!r}")
        return {**self.key_providers[name], "name": name}

    @model_validator(mode="after")
    def _routes(self) -> Config:
        if not self.routes:
            if len(self.stores) != 1:
                raise ValueError("routes: required when more than one store is configured")
            object.__setattr__(self, "routes", {"": next(iter(self.stores))})
            return self
        for prefix, target in self.routes.items():
            if target not in self.stores:
                raise ValueError(f"routes.{prefix!r}: names unknown store {target!r}")
        if "" not in self.routes:
            raise ValueError("routes: a default route '' is required")
        self._check_replication()
        return self

    def _check_replication(self) -> None:
        replication = self.replication
        target = replication.postgres_store
        if target is not None and self.stores.get(target, {}).get("type") != "postgres":
            raise ValueError(f"replication.postgres_store: {target!r} is not a postgres store")
        for store, seconds in replication.poll_interval_seconds.items():
            if store not in self.stores:
                raise ValueError(f"replication.poll_interval_seconds: unknown store {store!r}")
            if not 0.1 <= seconds <= 86_400:
                raise ValueError(
                    f"replication.poll_interval_seconds.{store}: must be within [0.1, 86400]"
                )


def _check_resilience(store: str, overrides: object) -> None:
    """A store's ``resilience`` overrides, checked like the top-level section."""
    where = f"store {store!r}: {RESILIENCE_KEY}"
    if not isinstance(overrides, Mapping):
        raise ValueError(f"{where} must be a mapping")
    try:
        ResilienceConfig.model_validate(overrides)
    except ValidationError as exc:
        problems = [_problem(e) for e in exc.errors(include_url=False)]
        raise ValueError(
            "; ".join(f"{where}: {p.removeprefix('config: ')}" for p in problems)
        ) from None


def _store_path(key: str, value: object, info: ValidationInfo) -> object:
    """Store options naming files are resolved like every other path."""
    if key.endswith(("_file", "path", "_dir")) and isinstance(value, str) and value:
        return str(_resolve(value, info))
    if key.endswith(("_files", "paths")) and isinstance(value, list):
        return [str(_resolve(v, info)) if isinstance(v, str) and v else v for v in value]
    return value


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "config"


def _problem(error: Mapping[str, Any]) -> str:
    """One pydantic error as ``key: problem``, never echoing a string value."""
    loc: tuple[int | str, ...] = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{_where(loc[:-1])}: unknown key {loc[-1]!r}"
    if kind == "missing":
        return f"{_where(loc[:-1])}: key {loc[-1]!r} is required"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        message = f"must be {message.removeprefix('Input should be ')}"
    elif kind.startswith(("int_", "float_", "bool_", "string_", "dict_", "list_")):
        message = f"must be {message.removeprefix('Input should be ')}"
    value = error.get("input")
    if isinstance(value, int | float) and not isinstance(value, bool):
        message += f", got {value!r}"
    return f"{_where(loc)}: {message}"


def check_config(doc: Any, base: Path) -> tuple[Config | None, list[str]]:
    """The config and every problem found in ``doc`` (no config when there are any)."""
    if not isinstance(doc, Mapping):
        return None, ["config: must be a mapping of keys"]
    try:
        return Config.model_validate(doc, context={"base": base}), []
    except ValidationError as exc:
        return None, [_problem(e) for e in exc.errors(include_url=False)]


def parse_config(doc: Any, base: Path) -> Config:
    config, problems = check_config(doc, base)
    if config is None:
        raise ConfigError("; ".join(problems))
    return config


def env_overrides(doc: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    """``doc`` with SECRETS_BROKER_* variables applied (see the module docstring)."""
    out: dict[str, Any] = _copy(doc)
    for var, raw in sorted(environ.items()):
        if not var.startswith(ENV_PREFIX) or var[len(ENV_PREFIX) :] in CLIENT_ENV:
            continue
        path = [p.lower() for p in var[len(ENV_PREFIX) :].split("__")]
        if not all(path):
            raise ConfigError(f"environment variable {var}: empty key between '__'")
        try:
            value = yaml.safe_load(raw) if raw else ""
        except yaml.YAMLError:
            value = raw
        node = out
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[path[-1]] = value
    return out


def _copy(doc: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _copy(v) if isinstance(v, Mapping) else v for k, v in doc.items()}


def read_config_document(path: Path | None, text: str | None = None) -> Any:
    """The YAML document of a config file (or of ``text``, for ``config check -``)."""
    try:
        if text is None:
            assert path is not None
            text = path.read_text()
        return yaml.safe_load(text) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"config file {path or '-'}: {exc}") from None


def load_config(path: Path, environ: Mapping[str, str] | None = None) -> Config:
    doc = read_config_document(path)
    if isinstance(doc, Mapping):
        doc = env_overrides(doc, os.environ if environ is None else environ)
    return parse_config(doc, path.parent)
