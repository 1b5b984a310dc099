"""Assembles a broker from its configuration and runs it."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from secrets_broker.access.audit.record import NameHasher
from secrets_broker.access.audit.sink import AuditSettings, AuditSink
from secrets_broker.access.audit.targets import FileTarget, StderrTarget, Target
from secrets_broker.access.policy import Policy
from secrets_broker.api.transport import serve_until_signalled, start_server
from secrets_broker.broker import Broker
from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import load_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import AuditConfig, Config
from secrets_broker.ops.telemetry import configure_tracing
from secrets_broker.stores.base import Store
from secrets_broker.stores.registry import open_store
from secrets_broker.stores.router import RoutedStore

log = logging.getLogger("secrets_broker")


def open_stores(config: Config) -> Store:
    """One store per config section, behind a router when there are several."""
    opened = {
        name: open_store(str(section["type"]), {k: v for k, v in section.items() if k != "type"})
        for name, section in config.stores.items()
    }
    if len(opened) == 1 and set(config.routes) == {""}:
        return next(iter(opened.values()))
    return RoutedStore({prefix: opened[target] for prefix, target in config.routes.items()})


def open_audit(audit: AuditConfig) -> AuditSink:
    """The audit sink of the config; call inside the running event loop."""
    target: Target
    if audit.sink == "stderr":
        target = StderrTarget()
    else:
        assert audit.dir is not None  # the schema requires it for sink: file
        target = FileTarget(audit.dir, audit.rotate_bytes)
    key = None
    if audit.hash_names and audit.key_file is not None:
        try:
            key = load_master_key(audit.key_file)
        except ConfigError as exc:
            raise ConfigError(f"audit.key_file: {exc}") from None
    settings = AuditSettings(
        write_timeout_seconds=audit.write_timeout_seconds,
        queue_max_records=audit.queue_max_records,
        fsync=audit.fsync,
        fsync_interval_seconds=audit.fsync_interval_seconds,
        checkpoint_every_records=audit.checkpoint_every_records,
    )
    try:
        return AuditSink(target, settings, NameHasher(key))
    except OSError as exc:
        raise ConfigError(f"audit: cannot write to {target.describe()}: {exc.strerror}") from None


def build_broker(config: Config, clock: Callable[[], float] = time.monotonic) -> Broker:
    policy = Policy.load(config.policy_file)
    audit = open_audit(config.audit)
    store = open_stores(config)
    cache = SecretCache(
        store,
        default_ttl_seconds=config.cache.default_ttl_seconds,
        max_entries=config.cache.max_entries,
        stale_on_error_seconds=config.cache.stale_on_error_seconds,
        clock=clock,
    )
    return Broker(store, cache, policy, audit)


def reload_policy(broker: Broker, config: Config) -> None:
    """Re-reads the policy file (on SIGHUP); a broken file keeps the policy in force."""
    try:
        broker.policy = Policy.load(config.policy_file)
    except ConfigError as exc:
        log.error("policy not reloaded, the previous one stays in force: %s", exc)
        return
    log.info("policy reloaded from %s", config.policy_file)


async def run(
    config: Config,
    on_ready: Callable[[Broker, int], Awaitable[None]],
) -> None:
    """Starts the server, calls ``on_ready`` with its port, serves until signalled."""
    configure_tracing(config.tracing.exporter)
    broker = build_broker(config)
    try:
        running = await start_server(broker, config.tls, config.listen, config.limits)
        await on_ready(broker, running.port)
        await serve_until_signalled(
            running, config.shutdown_grace_seconds, lambda: reload_policy(broker, config)
        )
    finally:
        await broker.audit.aclose()
        await broker.store.close()
    log.info("stopped")
