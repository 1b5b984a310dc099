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
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.api.transport import certificates, serve_until_signalled, start_server
from secrets_broker.api.workload import WorkloadCertificates
from secrets_broker.broker import Broker
from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import load_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import Config
from secrets_broker.ops.telemetry import configure_tracing
from secrets_broker.ops.tokens import build_tokens
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


def build_broker(config: Config, clock: Callable[[], float] = time.monotonic) -> Broker:
    policy = Policy.load(config.policy_file)
    store = open_stores(config)
    cache = SecretCache(
        store,
        default_ttl_seconds=config.cache.default_ttl_seconds,
        max_entries=config.cache.max_entries,
        stale_on_error_seconds=config.cache.stale_on_error_seconds,
        clock=clock,
    )
    return Broker(store, cache, policy)


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
    certs = certificates(config.tls)
    own_id = certs.spiffe_id if isinstance(certs, WorkloadCertificates) else ""
    tokens = build_tokens(config.tokens, own_id, config.tls.socket)
    broker = build_broker(config)
    watcher = None
    if config.policy_reload_interval_seconds > 0:
        watcher = asyncio.create_task(watch_policy(broker, config))
    try:
        running = await start_server(
            broker,
            config.tls,
            config.listen,
            config.limits,
            config.identity,
            page_tokens=page_tokens(config),
            tokens=tokens.verifier,
            token_listen=config.tokens.listen,
            certs=certs,
        )
        if running.token_port is not None:
            log.info("token listener on port %d", running.token_port)
        await on_ready(broker, running.port)
        await serve_until_signalled(
            running, config.shutdown_grace_seconds, lambda: reload_policy(broker, config)
        )
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        await broker.store.close()
        tokens.close()
        if isinstance(certs, WorkloadCertificates):
            certs.close()
    log.info("stopped")
