"""WatchSecret with automatic resume, for both clients.

The iterator yields a ``WatchEvent`` per version (in order per name), per name that has
no readable version (``absent``: missing, deleted, or not readable by this caller), and
``synced`` once the initial state of every name was sent (again after each reconnect).
Heartbeats are consumed here. When the stream breaks (UNAVAILABLE: the broker restarted,
the connection dropped, the stream reached its maximum age) it reconnects with jittered
backoff and ``resume_after`` set to the last version received of each name, so no
version is missed or repeated. Other errors (rights, invalid request) end the iteration.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf.duration_pb2 import Duration

from secretsbroker.errors import BrokerError, error_from_rpc
from secretsbroker.retry import RetryPolicy
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.values import Secret

# Reconnects go on until this many fail in a row with no event received in between.
RECONNECT = RetryPolicy(max_attempts=20, initial_backoff_seconds=0.1, max_backoff_seconds=5.0)
_RESUMABLE = frozenset({grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED})


@dataclass(frozen=True, slots=True)
class WatchEvent:
    kind: str  # "version", "absent" or "synced"
    name: str = ""  # the name as watched ("" for synced)
    secret: Secret | None = None  # set for "version"


class WatchState:
    """The request to (re)open the stream with, and the last version seen per name."""

    def __init__(
        self,
        names: Sequence[str],
        prefix: str,
        keys: Sequence[str],
        heartbeat_seconds: int | None,
        resume_after: dict[str, int] | None,
    ) -> None:
        self.names, self.prefix, self.keys = list(names), prefix, list(keys)
        self.heartbeat = heartbeat_seconds
        self.last: dict[str, int] = dict(resume_after or {})
        self.failures = 0

    def request(self) -> broker_pb.WatchSecretRequest:
        request = broker_pb.WatchSecretRequest(
            names=self.names, prefix=self.prefix, resume_after=self.last, keys=self.keys
        )
        if self.heartbeat is not None:
            request.heartbeat_interval.CopyFrom(Duration(seconds=self.heartbeat))
        return request

    def event(self, response: broker_pb.WatchSecretResponse) -> WatchEvent | None:
        self.failures = 0
        which = response.WhichOneof("event")
        if which == "version":
            item = response.version
            secret = Secret.from_proto(item.secret, complete=not self.keys)
            self.last[item.name] = secret.version
            return WatchEvent("version", item.name, secret)
        if which == "absent":
            self.last.pop(response.absent.name, None)
            return WatchEvent("absent", response.absent.name)
        if which == "synced":
            return WatchEvent("synced")
        return None  # a heartbeat

    def retry_after(self, err: grpc.RpcError, policy: RetryPolicy) -> float:
        """Seconds before reconnecting; raises the typed error when not to."""
        error: BrokerError = error_from_rpc(err)
        self.failures += 1
        if error.code not in _RESUMABLE or self.failures >= policy.max_attempts:
            raise error
        return policy.backoff(self.failures, error)


async def watch_async(
    stub: Any, state: WatchState, policy: RetryPolicy
) -> AsyncIterator[WatchEvent]:
    while True:
        call = stub.WatchSecret(state.request())
        try:
            async for response in call:
                event = state.event(response)
                if event is not None:
                    yield event
            wait = 0.0  # the stream reached its maximum age: resume at once
        except grpc.RpcError as err:
            wait = state.retry_after(err, policy)
        finally:
            call.cancel()
        await asyncio.sleep(wait)


def watch_sync(stub: Any, state: WatchState, policy: RetryPolicy) -> Iterator[WatchEvent]:
    while True:
        call = stub.WatchSecret(state.request())
        try:
            for response in call:
                event = state.event(response)
                if event is not None:
                    yield event
            wait = 0.0
        except grpc.RpcError as err:
            wait = state.retry_after(err, policy)
        finally:
            call.cancel()
        time.sleep(wait)
