"""Plans an ImportCollections call: parse, check and encode, in a worker process.

The work is CPU-bound and sized by the caller's document. In a thread it would hold the
GIL against every other RPC; in one dedicated worker process it costs the serving
process only the transfer of the result (the encoded documents and a summary), and
imports queue behind each other. The format's caps (format.CAPS) bound each document,
and a worker that dies (killed, out of memory) is replaced and the import refused.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from secrets_broker.collections.document import CollectionObjects, collection_objects
from secrets_broker.collections.format import parse_collections
from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.graph import MAX_WARNINGS, cap_warnings


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """The objects each usable collection writes, in document order, and the warnings."""

    objects: list[CollectionObjects]
    warnings: list[str]


@dataclass(frozen=True, slots=True)
class _Refusal:
    """An InvalidArgument, as data: exceptions do not cross processes faithfully."""

    field: str
    problem: str
    reason: str


def plan_import(text: str) -> ImportPlan:
    """Synchronous: raises InvalidArgument (IMPORT_INVALID) for an unusable document."""
    collections, warnings = parse_collections(text)
    planned = []
    for coll in collections:
        objects = collection_objects(coll, warnings)
        if objects is not None:
            planned.append(objects)
    return ImportPlan(planned, cap_warnings(warnings, MAX_WARNINGS))


def _plan_in_worker(text: str) -> ImportPlan | _Refusal:
    try:
        return plan_import(text)
    except InvalidArgument as exc:
        return _Refusal(exc.field, exc.problem, exc.reason)


class _Worker:
    """One worker process, started on first use ("spawn": the server has threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool

    def discard(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)


_worker = _Worker()


async def plan_import_off_loop(text: str) -> ImportPlan:
    loop = asyncio.get_running_loop()
    pool = _worker.pool()
    try:
        future = loop.run_in_executor(pool, _plan_in_worker, text)
    except BrokenProcessPool:  # the idle worker died since the last import: start anew
        _worker.discard(pool)
        pool = _worker.pool()
        future = loop.run_in_executor(pool, _plan_in_worker, text)
    try:
        result = await future
    except BrokenProcessPool:  # it died on this document
        _worker.discard(pool)
        raise InvalidArgument(
            "yaml", "stopped the parser (its worker process died)", reason="IMPORT_INVALID"
        ) from None
    if isinstance(result, _Refusal):
        raise InvalidArgument(result.field, result.problem, reason=result.reason)
    return result
