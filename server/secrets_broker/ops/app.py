"""Assembles a broker from its configuration and runs it."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from secrets_broker.access.audit.record import NameHasher
from secrets_broker.access.audit.sink import AuditSettings, AuditSink
from secrets_broker.access.audit.targets import FileTarget, StderrTarget, Target
from secrets_broker.access.policy import Policy
from secrets_broker.api.health import HealthBoard, store_service
from secrets_broker.api.page_tokens import PageTokens
from secrets_broker.api.transport import certificates, serve_until_signalled, start_server
from secrets_broker.api.workload import WorkloadCertificates
from secrets_broker.broker import Broker
from secrets_broker.cache import SecretCache
from secrets_broker.domain.crypto import load_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.keys.keyring import Keyring
from secrets_broker.metrics import AUDIT_WRITE_DURATION, REGISTRY, Registry
from secrets_broker.ops import replicas
from secrets_broker.ops.config import AuditConfig, Config
from secrets_broker.ops.metric_sources import (
    file_leaf,
    watch_audit,
    watch_cache,
    watch_certificate,
    watch_limits,
    watch_store,
)
from secrets_broker.ops.telemetry import MetricsExport, configure_tracing, start_metrics
from secrets_broker.ops.tokens import build_tokens
from secrets_broker.ops.workers import (
    WorkerRole,
    label_telemetry,
    stop_with_supervisor,
    worker_config,
)
from secrets_broker.stores.base import Store
from secrets_broker.stores.guard import GuardedStore, GuardSettings
from secrets_broker.stores.registry import open_store
from secrets_broker.stores.router import RoutedStore

log = logging.getLogger("secrets_broker")


def open_stores(
    config: Config,
    health: HealthBoard | None = None,
    metrics: Registry | None = None,
    opened: dict[str, GuardedStore] | None = None,
) -> Store:
    """One store per config section, each guarded (time limit, circuit breaker, safe
    retries; its health reported as ``secretsbroker.store.<name>``, its calls measured
    in ``metrics``), behind a router when there are several. ``opened``, if given,
    receives them by section name."""
    opened = {} if opened is None else opened
    for name in config.stores:
        inner = open_store(config.store_type(name), config.store_options(name))
        settings = GuardSettings(**config.store_resilience(name).model_dump())
        on_health = health.store_health if health is not None else None
        guarded = GuardedStore(inner, name, settings, on_health=on_health, metrics=metrics)
        opened[name] = guarded
        if health is not None:
            health.register(store_service(name))
        if metrics is not None:
            watch_store(metrics, guarded)
    if len(opened) == 1 and set(config.routes) == {""}:
        return next(iter(opened.values()))
    return RoutedStore({prefix: opened[target] for prefix, target in config.routes.items()})


def open_audit(audit: AuditConfig, metrics: Registry | None = None) -> AuditSink:
    """The audit sink of the config (its backlog and write times in ``metrics``); call
    inside the running event loop."""
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
    write_seconds = metrics.histogram(AUDIT_WRITE_DURATION).series() if metrics else None
    try:
        sink = AuditSink(target, settings, NameHasher(key), write_seconds=write_seconds)
    except OSError as exc:
        raise ConfigError(f"audit: cannot write to {target.describe()}: {exc.strerror}") from None
    if metrics is not None:
        watch_audit(metrics, sink)
    return sink


def build_broker(
    config: Config,
    clock: Callable[[], float] = time.monotonic,
    health: HealthBoard | None = None,
    metrics: Registry | None = None,
    stores: dict[str, GuardedStore] | None = None,
    worker: WorkerRole | None = None,
) -> Broker:
    """The broker of ``config``; ``stores``, if given, receives the guarded stores by name;
    ``worker``: this process is one of several (``--workers``) that share their changes."""
    policy = Policy.load(config.policy_file)
    audit = open_audit(config.audit, metrics)
    opened: dict[str, GuardedStore] = {}
    store = open_stores(config, health, metrics, opened)
    cache = SecretCache(
        store,
        default_ttl_seconds=config.cache.default_ttl_seconds,
        max_entries=config.cache.max_entries,
        stale_on_error_seconds=config.cache.stale_on_error_seconds,
        refresh_ahead_fraction=config.cache.refresh_ahead_fraction,
        clock=clock,
    )
    if metrics is not None:
        watch_cache(metrics, cache)
    broker = Broker(store, cache, policy, audit, replicas.change_bus(config, opened, worker))
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


def keyrings(store: Store) -> list[Keyring]:
    """The keyrings of the stores that seal their records (sqlite, postgres)."""
    stores = store.backends() if isinstance(store, RoutedStore) else [store]
    stores = [s.inner if isinstance(s, GuardedStore) else s for s in stores]
    return [k for s in stores if isinstance(k := getattr(s, "keyring", None), Keyring)]


class SealState:
    """Whether the broker is sealed: some store's key provider has not answered yet.
    Each sealed keyring probes its provider (with backoff) and unseals by itself."""

    def __init__(self, rings: list[Keyring]) -> None:
        self._rings = rings
        self._changed = asyncio.Event()
        for ring in rings:
            ring.subscribe(self._changed.set)

    @property
    def sealed(self) -> bool:
        return any(ring.sealed for ring in self._rings)

    async def changed(self) -> None:
        await self._changed.wait()
        self._changed.clear()

    def start_probes(self) -> None:
        for ring in self._rings:
            ring.ensure_probe()


SEALED = "sealed"


async def health_follows_seal(seal: SealState, board: HealthBoard) -> None:
    """Holds health NOT_SERVING (reason ``sealed``) until every store unseals."""
    seal.start_probes()
    while seal.sealed:
        board.hold(SEALED)
        await seal.changed()
    board.release(SEALED)


async def run(
    config: Config,
    on_ready: Callable[[Broker, int, str | None], Awaitable[None]],
    worker: WorkerRole | None = None,
) -> None:
    """Starts the server, calls ``on_ready`` with its port and the metrics URL (None
    without a metrics listener), serves until signalled. As one of ``--workers``
    (``worker``), it shares its port with its siblings and stops when its supervisor goes."""
    if worker is not None:
        config = worker_config(config, worker)
        label_telemetry(worker)
        stop_with_supervisor()
    configure_tracing(config.tracing)
    certs = certificates(config.tls)
    own_id = certs.spiffe_id if isinstance(certs, WorkloadCertificates) else ""
    tokens = build_tokens(config.tokens, own_id, config.tls.socket)
    health = HealthBoard()
    stores: dict[str, GuardedStore] = {}
    broker = build_broker(config, health=health, metrics=REGISTRY, stores=stores, worker=worker)
    if isinstance(certs, WorkloadCertificates):
        watch_certificate(REGISTRY, certs.leaf)
    elif config.tls.cert_file is not None:
        watch_certificate(REGISTRY, file_leaf(config.tls.cert_file))
    watcher = None
    metrics: MetricsExport | None = None
    if config.policy_reload_interval_seconds > 0:
        watcher = asyncio.create_task(watch_policy(broker, config))
    seal = SealState(keyrings(broker.store))
    sealed_health = None
    if seal.sealed:
        health.hold(SEALED)  # before the port opens: no caller ever sees SERVING
        sealed_health = asyncio.create_task(health_follows_seal(seal, health))
    await replicas.start(broker, config, stores)
    try:
        metrics = start_metrics(config.metrics, REGISTRY)
        running = await start_server(
            broker,
            config.tls,
            config.listen,
            config.limits,
            config.identity,
            health,
            page_tokens=page_tokens(config),
            tokens=tokens.verifier,
            token_listen=config.tokens.listen,
            certs=certs,
            metrics=REGISTRY,
            share_port=worker is not None,
        )
        if running.token_port is not None:
            log.info("token listener on port %d", running.token_port)
        watch_limits(REGISTRY, running.guard)
        await on_ready(broker, running.port, metrics.url if metrics else None)
        await serve_until_signalled(
            running, config.shutdown_grace_seconds, lambda: reload_policy(broker, config)
        )
    finally:
        for task in (watcher, sealed_health):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await replicas.stop(broker)
        await broker.audit.aclose()
        await broker.store.close()
        tokens.close()
        if isinstance(certs, WorkloadCertificates):
            certs.close()
        if metrics is not None:
            metrics.close()
    log.info("stopped")
