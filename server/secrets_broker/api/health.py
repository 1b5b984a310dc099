"""The health board: which reasons hold the broker's health services down.

Several parts of the broker can make it unfit to serve (a store beyond its circuit
breaker, an audit sink that fails, ...). Each holds the board down under a reason of
its own and releases it when it recovers; a service is SERVING only while no reason
holds it. The overall service ``""`` (and the broker's RPC services, which follow it)
is down while any reason holds anything down, so a load balancer probing ``""`` sees
every cause. Per-store services are named ``secretsbroker.store.<name>``.

Callers are synchronous (a breaker flips inside a store call); the board pushes the
new statuses to the gRPC health servicer in a task of its own, in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from grpc_health.v1 import health_pb2
from grpc_health.v1._async import HealthServicer

OVERALL = ""
STORE_SERVICE_PREFIX = "secretsbroker.store."
_SERVING = health_pb2.HealthCheckResponse.SERVING
_NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


def store_service(store: str) -> str:
    return STORE_SERVICE_PREFIX + store


class HealthBoard:
    def __init__(self, followers: Iterable[str] = ()) -> None:
        self._services: set[str] = {OVERALL}
        self._followers: set[str] = set(followers)  # services that report the overall state
        self._holds: dict[str, set[str]] = {}  # reason -> services it holds down
        self._stopping = False
        self._servicer: HealthServicer | None = None
        self._lock = asyncio.Lock()
        self._pushes: set[asyncio.Task[None]] = set()

    def register(self, service: str, *, follows_overall: bool = False) -> None:
        """A service to report (SERVING until something holds it down)."""
        (self._followers if follows_overall else self._services).add(service)
        self._changed()

    def hold(self, reason: str, service: str = OVERALL) -> None:
        """Holds ``service`` (and so the overall service) down for ``reason``."""
        self._services.add(service)
        self._holds.setdefault(reason, set()).add(service)
        self._changed()

    def release(self, reason: str, service: str = OVERALL) -> None:
        services = self._holds.get(reason)
        if services is not None:
            services.discard(service)
            if not services:
                del self._holds[reason]
        self._changed()

    def store_health(self, store: str, serving: bool) -> None:
        """The stores' callback (stores/guard.py): a store's breaker opened or closed."""
        reason = f"store {store} unreachable"
        if serving:
            self.release(reason, store_service(store))
        else:
            self.hold(reason, store_service(store))

    def serving(self, service: str = OVERALL) -> bool:
        if self._stopping:
            return False
        if service == OVERALL or service in self._followers:
            return not self._holds
        return not any(service in held for held in self._holds.values())

    def reasons(self) -> list[str]:
        return sorted(self._holds)

    async def attach(self, servicer: HealthServicer) -> None:
        """Starts reporting to ``servicer`` (the server's health service)."""
        self._servicer = servicer
        await self._push()

    async def stop(self) -> None:
        """Everything NOT_SERVING from now on (the server is draining)."""
        self._stopping = True
        await self._push()

    def _changed(self) -> None:
        if self._servicer is None:
            return
        try:
            task = asyncio.get_running_loop().create_task(self._push())
        except RuntimeError:  # no loop running: attach() pushes the state later
            return
        self._pushes.add(task)
        task.add_done_callback(self._pushes.discard)

    async def _push(self) -> None:
        # Each push sends the state as it is when it runs, under the lock: the last
        # one to run leaves the servicer matching the board.
        async with self._lock:
            if self._servicer is None:
                return
            for service in sorted(self._services | self._followers):
                status = _SERVING if self.serving(service) else _NOT_SERVING
                await self._servicer.set(service, status)
