"""Assembles a broker from its configuration and runs it."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from secrets_broker.access.policy import Policy
from secrets_broker.api.health import HealthBoard, store_service
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.api.transport import serve_until_signalled, start_server
from secrets_broker.broker import Broker
from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import load_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops import replicas
from secrets_broker.ops.config import Config
from secrets_broker.ops.telemetry import configure_tracing
from secrets_broker.stores.base import Store
from secrets_broker.stores.guard import GuardedStore, GuardSettings
from secrets_broker.stores.registry import open_store
from secrets_broker.stores.router import RoutedStore

log = logging.getLogger("secrets_broker")


def open_stores(
    config: Config,
    health: HealthBoard | None = None,
    opened: dict[str, GuardedStore] | None = None,
) -> Store:
    """One store per config section, each guarded (time limit, circuit breaker, safe
    retries; its health reported as ``secretsbroker.store.<name>``), behind a router
    when there are several. ``opened``, if given, receives them by section name."""
    opened = {} if opened is None else opened
    for name in config.stores:
        inner = open_store(config.store_type(name), config.store_options(name))
        settings = GuardSettings(**config.store_resilience(name).model_dump())
        on_health = health.store_health if health is not None else None
        opened[name] = GuardedStore(inner, name, settings, on_health=on_health)
        if health is not None:
            health.register(store_service(name))
    if len(opened) == 1 and set(config.routes) == {""}:
        return next(iter(opened.values()))
    return RoutedStore({prefix: opened[target] for prefix, target in config.routes.items()})


def build_broker(
    config: Config,
    clock: Callable[[], float] = time.monotonic,
    health: HealthBoard | None = None,
    stores: dict[str, GuardedStore] | None = None,
) -> Broker:
    """The broker of ``config``; ``stores``, if given, receives the guarded stores by name."""
    policy = Policy.load(config.policy_file)
    opened: dict[str, GuardedStore] = {}
    store = open_stores(config, health, opened)
    cache = SecretCache(
        store,
        default_ttl_seconds=config.cache.default_ttl_seconds,
        max_entries=config.cache.max_entries,
        stale_on_error_seconds=config.cache.stale_on_error_seconds,
        refresh_ahead_fraction=config.cache.refresh_ahead_fraction,
        clock=clock,
    )
    broker = Broker(store, cache, policy, replicas.change_bus(config, opened))
    replicas.configure(broker, config)
    if stores is not None:
        stores.update(opened)
    return broker


def page_tokens(config: Config) -> PageTokens:
    """Signs page tokens with the configured key file, else with a key of this process."""
    if config.page_token_key_file is None:
        log.warning("page_token_key_file is not set: page tokens are valid in this process only")
        return PageTokens.ephemeral()
    return PageTokens(load_master_key(config.page_token_key_file, "page token key"))


def reload_policy(broker: Broker, config: Config) -> None:
    """Re-reads the policy file (on SIGHUP); a broken file keeps the policy in force."""
    try:
        broker.policy = Policy.load(config.policy_file)
    except ConfigError as exc:
        log.error("policy not reloaded, the previous one stays in force: %s", exc)
        return
    log.info("policy reloaded from %s", config.policy_file)


def _digest(path: Path) -> bytes | None:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


async def watch_policy(broker: Broker, config: Config) -> None:
    """Reloads the policy whenever its file's contents change (polled; contents, not
    mtimes, so a quick second edit is not missed). A broken file is logged once."""
    seen = _digest(config.policy_file)
    while True:
        await asyncio.sleep(config.policy_reload_interval_seconds)
        digest = _digest(config.policy_file)
        if digest is not None and digest != seen:
            seen = digest
            reload_policy(broker, config)


async def run(
    config: Config,
    on_ready: Callable[[Broker, int], Awaitable[None]],
) -> None:
    """Starts the server, calls ``on_ready`` with its port, serves until signalled."""
    configure_tracing(config.tracing.exporter)
    health = HealthBoard()
    stores: dict[str, GuardedStore] = {}
    broker = build_broker(config, health=health, stores=stores)
    watcher = None
    if config.policy_reload_interval_seconds > 0:
        watcher = asyncio.create_task(watch_policy(broker, config))
    await replicas.start(broker, config, stores)
    try:
        running = await start_server(
            broker,
            config.tls,
            config.listen,
            config.limits,
            config.identity,
            health,
            page_tokens=page_tokens(config),
        )
        await on_ready(broker, running.port)
        await serve_until_signalled(
            running, config.shutdown_grace_seconds, lambda: reload_policy(broker, config)
        )
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        await replicas.stop(broker)
        await broker.store.close()
    log.info("stopped")
