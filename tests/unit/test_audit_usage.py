"""`audit usage`: who used which name, how often, when: from records the real sink wrote."""

import calendar
from pathlib import Path

import pytest

from secrets_broker.access.audit.record import AuditEvent
from secrets_broker.access.audit.sink import AuditSettings, AuditSink
from secrets_broker.access.audit.targets import FileTarget
from secrets_broker.access.audit.usage import UsageQuery, collect, parse_since, render_table

JOB, OPS = "spiffe://t/job", "spiffe://t/ops"
T0 = calendar.timegm((2026, 3, 1, 9, 0, 0))


class Clock:
    def __init__(self) -> None:
        self.now = float(T0)

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def trail(tmp_path: Path) -> Path:
    clock = Clock()
    sink = AuditSink(FileTarget(tmp_path, 1 << 20), AuditSettings(fsync="none"), clock=clock)
    events = [
        (0, AuditEvent(JOB, "GetSecret", "allow", "secret", "db/a", version=1, cache="miss")),
        (60, AuditEvent(JOB, "GetSecret", "allow", "secret", "db/a", version=2, cache="hit")),
        (3600, AuditEvent(JOB, "GetSecret", "allow", "secret", "db/a", version=2, cache="hit")),
        (3600, AuditEvent(JOB, "GetSecret", "deny", "secret", "db/b", "SECRET_NOT_FOUND")),
        (7200, AuditEvent(OPS, "GetSecret", "allow", "secret", "db/a", "STORE_UNAVAILABLE")),
        (7200, AuditEvent(OPS, "PutSecret", "allow", "secret", "db/a", version=3)),
    ]
    for offset, event in events:
        clock.now = T0 + offset
        await sink.record(event)
    await sink.aclose()
    return tmp_path


async def test_one_row_per_identity_rpc_and_name(trail: Path) -> None:
    rows, damaged = collect([trail], UsageQuery())
    assert damaged == 0
    table = [(r.identity, r.rpc, r.name, r.allowed, r.denied, r.failed) for r in rows]
    assert table == [
        (JOB, "GetSecret", "db/a", 3, 0, 0),
        (JOB, "GetSecret", "db/b", 0, 1, 0),
        (OPS, "GetSecret", "db/a", 0, 0, 1),
        (OPS, "PutSecret", "db/a", 1, 0, 0),
    ]
    assert rows[0].first == "2026-03-01T09:00:00.000000Z"
    assert rows[0].last == "2026-03-01T10:00:00.000000Z"
    assert rows[0].versions == {1, 2}


async def test_filters_by_name_identity_and_time(trail: Path) -> None:
    by_name, _ = collect([trail], UsageQuery(name="db/b"))
    assert [(r.identity, r.denied) for r in by_name] == [(JOB, 1)]
    by_identity, _ = collect([trail], UsageQuery(identity=OPS))
    assert {r.rpc for r in by_identity} == {"GetSecret", "PutSecret"}
    since, _ = collect([trail], UsageQuery(since=parse_since("2026-03-01T09:30:00Z")))
    assert [(r.identity, r.name, r.rpc, r.allowed) for r in since] == [
        (JOB, "db/a", "GetSecret", 1),
        (JOB, "db/b", "GetSecret", 0),
        (OPS, "db/a", "GetSecret", 0),
        (OPS, "db/a", "PutSecret", 1),
    ]
    relative, _ = collect([trail], UsageQuery(since=parse_since("1h", now=T0 + 7200)))
    assert {r.identity for r in relative} == {JOB, OPS} and len(relative) == 4


async def test_table_output(trail: Path) -> None:
    rows, _ = collect([trail], UsageQuery(identity=JOB))
    assert render_table(rows).splitlines() == [
        "IDENTITY        RPC        NAME  ALLOWED  DENIED  FAILED  FIRST                 LAST",
        "spiffe://t/job  GetSecret  db/a  3        0       0       2026-03-01T09:00:00Z  2026-03-01T10:00:00Z",
        "spiffe://t/job  GetSecret  db/b  0        1       0       2026-03-01T10:00:00Z  2026-03-01T10:00:00Z",
    ]


def test_since_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="--since: expected 15m, 2h, 7d"):
        parse_since("yesterday")
