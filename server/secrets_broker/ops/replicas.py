"""Wires the change-notice bus and the version checks of replication/ from the config."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

from secrets_broker.broker import Broker
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops.config import Config
from secrets_broker.ops.workers import WorkerRole
from secrets_broker.replication.bus import ChangeBus, LocalBus
from secrets_broker.replication.postgres import PostgresBus, channel_for
from secrets_broker.replication.siblings import SiblingBus
from secrets_broker.stores.guard import GuardedStore
from secrets_broker.stores.postgres import PostgresStore
from secrets_broker.stores.router import RoutedStore


def replica_id(config: Config) -> str:
    return config.replication.replica_id or f"{socket.gethostname()}:{os.getpid()}"


def change_bus(
    config: Config, stores: Mapping[str, GuardedStore], worker: WorkerRole | None = None
) -> ChangeBus:
    """A PostgreSQL bus when ``replication.postgres_store`` names one, else this process's;
    with ``--workers``, wrapped in the sibling workers' bus (which answers a write only
    once every sibling applied it)."""
    replication = config.replication
    replica = replica_id(config)
    bus: ChangeBus | None = None
    if replication.postgres_store is not None:
        inner = stores[replication.postgres_store].inner
        if not isinstance(inner, PostgresStore):
            raise ConfigError("replication.postgres_store: not a postgres store")
        bus = PostgresBus(
            inner.conninfo,
            channel_for(inner.schema),
            replica,
            check_seconds=replication.check_seconds,
            reconnect_max_seconds=replication.reconnect_max_seconds,
        )
    if worker is not None:
        return SiblingBus(worker.runtime_dir, worker.index, worker.count, replica, upstream=bus)
    return bus or LocalBus(replica)


def configure(broker: Broker, config: Config) -> None:
    """The lifecycle's settings (rotation overlap, watch limits)."""
    lifecycle = broker.lifecycle
    lifecycle.overlap_seconds = config.rotation.overlap_seconds
    lifecycle.heartbeat_seconds = config.watch.heartbeat_seconds
    lifecycle.watch_limits.max_prefix_names = config.watch.max_prefix_names
    lifecycle.watch_limits.max_seconds = config.watch.max_stream_seconds


async def start(broker: Broker, config: Config, stores: Mapping[str, GuardedStore]) -> None:
    """Starts the bus, the periodic resync and each polled store's version checks."""
    await broker.changes.start()
    replicator = broker.replicator
    interval = config.replication.resync_interval_seconds
    if interval > 0 and config.replication.postgres_store is not None:  # peers exist
        replicator.every(interval)
    store = broker.store
    for name, seconds in config.replication.poll_interval_seconds.items():
        polled = stores[name]

        def routed_to(secret: str, polled: GuardedStore = polled) -> bool:
            target = store.route(secret) if isinstance(store, RoutedStore) else store
            return target is polled

        replicator.every(seconds, routed_to)


async def stop(broker: Broker) -> None:
    broker.replicator.hub.close()
    await broker.replicator.close()
    await broker.changes.close()
