"""Change notices between replicas over PostgreSQL LISTEN/NOTIFY.

Every replica keeps one connection that LISTENs on the channel and one it NOTIFYs on;
a notice is delivered to this process's listeners first, then sent (``pg_notify``)
before the write is acknowledged to its caller. PostgreSQL delivers notifications to
every listening session in commit order and never replays them, so a listener that
loses its connection may have missed some: it says ``lost()`` at once, reconnects with
capped backoff, LISTENs again and only then says ``restored()``, and its listeners
compare versions with the store before trusting their caches again. A connection that
goes silent is found by a ``SELECT 1`` every ``check_seconds``.

The listening session is named ``secrets-broker-listen <replica>`` (application_name),
so an operator can tell the replicas' sessions apart in ``pg_stat_activity``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

from secrets_broker.replication.bus import ChangeNotice, LocalBus

log = logging.getLogger("secrets_broker.replication.postgres")

Conn = psycopg.AsyncConnection[TupleRow]
LISTEN_APPLICATION = "secrets-broker-listen"
_MAX_CHANNEL_BYTES = 63  # PostgreSQL's identifier limit


def channel_for(schema: str) -> str:
    """The channel of a store's schema: replicas sharing the schema share it."""
    return f"secrets_broker:{schema}".encode()[:_MAX_CHANNEL_BYTES].decode(errors="ignore")


class PostgresBus(LocalBus):
    def __init__(
        self,
        conninfo: str,
        channel: str,
        replica: str,
        *,
        check_seconds: float = 5.0,
        reconnect_max_seconds: float = 5.0,
        publish_timeout_seconds: float = 2.0,
    ) -> None:
        super().__init__(replica)
        self._conninfo = conninfo
        self._channel = channel
        self._check = check_seconds
        self._reconnect_max = reconnect_max_seconds
        self._publish_timeout = publish_timeout_seconds
        self._listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._publisher: Conn | None = None
        self._publish_lock = asyncio.Lock()
        self.reconnects = 0
        self.publish_failures = 0

    @property
    def listening(self) -> bool:
        return self._listening.is_set()

    async def start(self, wait_seconds: float = 5.0) -> None:
        """Starts listening; waits up to ``wait_seconds`` for the first LISTEN. Until it
        succeeds, listeners are in the ``lost()`` state."""
        self.deliver_lost()
        self._task = asyncio.get_running_loop().create_task(self._listen_forever())
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(wait_seconds):
                await self._listening.wait()
        if not self.listening:
            log.error("change notices: not listening yet on %s; retrying", self._channel)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._publisher is not None:
            await self._publisher.close()

    async def publish(self, notice: ChangeNotice) -> None:
        self.deliver(notice)
        payload = notice.encode()
        for attempt in (1, 2):  # a pooled-style retry: the first connection may be stale
            try:
                async with asyncio.timeout(self._publish_timeout), self._publish_lock:
                    conn = await self._publishing_connection()
                    await conn.execute("SELECT pg_notify(%s, %s)", (self._channel, payload))
                return
            except (psycopg.Error, OSError, TimeoutError) as exc:
                await self._drop_publisher()
                if attempt == 2:
                    self.publish_failures += 1
                    log.error(
                        "change notices: could not announce a change of %s (%s); peers "
                        "catch up at their next resync",
                        notice.name,
                        type(exc).__name__,
                    )

    async def _publishing_connection(self) -> Conn:
        if self._publisher is None or self._publisher.closed:
            self._publisher = await psycopg.AsyncConnection.connect(
                self._conninfo, autocommit=True, application_name="secrets-broker-notify"
            )
        return self._publisher

    async def _drop_publisher(self) -> None:
        conn, self._publisher = self._publisher, None
        if conn is not None:
            with contextlib.suppress(psycopg.Error, OSError):
                await conn.close()

    async def _listen_forever(self) -> None:
        failures = 0
        while True:
            try:
                await self._listen_once()
            except (psycopg.Error, OSError, TimeoutError) as exc:
                log.warning("change notices: listening connection lost (%s)", type(exc).__name__)
            if self.listening:
                self._listening.clear()
                self.deliver_lost()
                failures = 0
            failures += 1
            cap = min(self._reconnect_max, 0.05 * 2**failures)
            await asyncio.sleep(random.uniform(cap / 2, cap))  # noqa: S311 -- jitter only
            self.reconnects += 1

    async def _listen_once(self) -> None:
        application = f"{LISTEN_APPLICATION} {self.replica}"[:_MAX_CHANNEL_BYTES]
        conn = await psycopg.AsyncConnection.connect(
            self._conninfo, autocommit=True, application_name=application
        )
        async with conn:
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
            self._listening.set()
            log.info("change notices: listening on %s", self._channel)
            self.deliver_restored()
            while True:
                async for message in conn.notifies(timeout=self._check):
                    self._received(message.payload)
                async with asyncio.timeout(self._check):
                    await conn.execute("SELECT 1")  # a silent dead connection shows here

    def _received(self, payload: str) -> None:
        notice = ChangeNotice.decode(payload)
        if notice is not None and notice.origin != self.replica:
            self.deliver(notice)
