"""``secrets-broker audit verify``: walk the hash chain and name the first broken record.

Each record must match its own hash, follow the record before it (``seq`` one higher,
``prev`` equal to its hash) and the trail must start at seq 1. What breaks tells what
happened: a record that fails its own hash was edited; a record whose successor links to
a different hash was edited and re-hashed; a gap in ``seq`` is a removal (or, when the
missing record turns up later, a reordering); a repeated or backward ``seq`` an insertion.
Removing records from the end leaves no trace in the files themselves: compare with an
anchor (``--anchor SEQ:HASH``, from the checkpoint lines in the server log).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from secrets_broker.access.audit.record import (
    GENESIS,
    RECORD_PREFIX,
    START,
    BadRecord,
    Parsed,
    parse_record,
)
from secrets_broker.access.audit.targets import audit_files

LOOKAHEAD = 100_000  # records searched for a missing one that may only be out of order


@dataclass(frozen=True, slots=True)
class Located:
    where: str
    record: Parsed


@dataclass
class Report:
    records: int = 0
    files: int = 0
    first_seq: int | None = None
    last: Located | None = None
    problem: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem is None


WORKER_DIR = re.compile(r"^w\d+$")  # one chain per worker (``--workers``): audit/w<i>/


def chains(paths: Sequence[Path]) -> list[list[Path]]:
    """The hash chains in ``paths``: the files given, in order, are one; a directory
    stands for its audit files in chain order, and each of its worker directories
    (``w<i>/``, ``--workers``) holds a chain of its own."""
    given: list[Path] = []
    found: list[list[Path]] = []
    for path in paths:
        if not path.is_dir():
            given.append(path)
            continue
        own = audit_files(path)
        found.extend([own] if own else [])
        workers = sorted(p for p in path.iterdir() if p.is_dir() and WORKER_DIR.match(p.name))
        found.extend(files for w in workers if (files := audit_files(w)))
    return ([given] if given else []) + found


def expand(paths: Sequence[Path]) -> list[Path]:
    """Every audit file in ``paths`` (see ``chains``), chain after chain."""
    return [file for chain in chains(paths) for file in chain]


def _lines(files: Sequence[Path], mixed: bool) -> Iterator[tuple[str, bytes, bool]]:
    """(where, line, is_last_line_of_last_file) for every record line."""
    for i, path in enumerate(files):
        with path.open("rb") as f:
            lineno = 0
            for raw in f:
                lineno += 1
                if mixed and not raw.startswith(RECORD_PREFIX):
                    continue  # a log line between records (a captured stderr)
                torn = not raw.endswith(b"\n")
                yield f"{path}:{lineno}", raw.rstrip(b"\n"), torn and i == len(files) - 1


def verify(
    paths: Sequence[Path],
    *,
    anchors: Mapping[int, str] | None = None,
    partial: bool = False,
    mixed: bool = False,
) -> Report:
    files = expand(paths)
    report = Report(files=len(files))
    anchors = dict(anchors or {})
    before: Located | None = None  # the record before ``report.last``
    lines = _lines(files, mixed)
    for where, line, torn_tail in lines:
        try:
            record = Located(where, parse_record(line))
        except BadRecord as exc:
            if torn_tail:
                report.notes.append(f"{where}: incomplete last line (being written?) not checked")
                break
            report.problem = f"{where}: record damaged: {exc}"
            return report
        problem = _link(report, before, record, lines, partial)
        if problem:
            report.problem = problem
            return report
        expected = anchors.pop(record.record.seq, None)
        if expected is not None and expected != record.record.hash:
            report.problem = f"{where}: record seq {record.record.seq} differs from its anchor"
            return report
        report.records += 1
        before, report.last = report.last, record
    if anchors:
        seq = min(anchors)
        end = report.last.record.seq if report.last else 0
        report.problem = f"anchor seq {seq} is not in the trail (it ends at seq {end}): removed"
    return report


def _link(
    report: Report,
    before: Located | None,
    now: Located,
    rest: Iterator[tuple[str, bytes, bool]],
    partial: bool,
) -> str | None:
    """The problem with ``now`` following ``report.last`` (None if it follows it)."""
    rec, last = now.record, report.last
    if last is None:
        report.first_seq = rec.seq
        if rec.seq == 1 and rec.prev == GENESIS:
            return None
        if partial:
            report.notes.append(f"{now.where}: the given files start at seq {rec.seq}")
            return None
        return (
            f"{now.where}: the trail starts at seq {rec.seq}, not 1: earlier records are "
            "missing (--partial verifies a trail whose older files were archived)"
        )
    prior = last.record
    if rec.seq == prior.seq + 1:
        if rec.prev == prior.hash:
            return None
        following = _next_record(rest)
        if following is not None and following.prev == prior.hash:
            return f"{now.where}: record seq {rec.seq} was inserted: the next record skips it"
        return (
            f"{last.where}: record seq {prior.seq} was edited (and re-hashed): the next "
            f"record, {now.where}, was chained to a different record"
        )
    if rec.seq == 1 and rec.prev == GENESIS and rec.body.get("type") == START:
        report.notes.append(f"{now.where}: a new chain starts here (a broker on stderr restarted)")
        return None
    if rec.seq > prior.seq + 1:
        wanted = prior.seq + 1
        for where, line, _ in _bounded(rest):
            try:
                if parse_record(line).seq == wanted:
                    return (
                        f"{now.where}: record seq {rec.seq} is out of order: seq {wanted} "
                        f"comes after it, at {where}"
                    )
            except BadRecord:
                continue
        missing = f"seq {wanted}" if wanted == rec.seq - 1 else f"seq {wanted}..{rec.seq - 1}"
        return f"{now.where}: record {missing} removed before this record (after {last.where})"
    if rec.hash == prior.hash:
        return f"{now.where}: inserted: a copy of record seq {prior.seq} ({last.where})"
    if before is not None and rec.seq == prior.seq and rec.prev == before.record.hash:
        return (
            f"{last.where}: record seq {prior.seq} was inserted: the record after it "
            f"({now.where}) is chained to the one before it"
        )
    return f"{now.where}: record seq {rec.seq} inserted or out of order (after seq {prior.seq})"


def _next_record(rest: Iterator[tuple[str, bytes, bool]]) -> Parsed | None:
    for _, line, _ in rest:
        try:
            return parse_record(line)
        except BadRecord:
            return None
    return None


def _bounded(rest: Iterator[tuple[str, bytes, bool]]) -> Iterator[tuple[str, bytes, bool]]:
    for count, item in enumerate(rest):
        if count >= LOOKAHEAD:
            return
        yield item
