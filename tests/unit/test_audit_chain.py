"""The audit trail's hash chain: every edit, removal, insertion or swap of one record is
found by `audit verify`, which names the exact record; rotation and restarts keep the chain."""

import asyncio
import hashlib
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secrets_broker.access.audit.record import (
    AuditEvent,
    Chain,
    NameHasher,
    fields_of,
    parse_record,
)
from secrets_broker.access.audit.sink import AuditSettings, AuditSink
from secrets_broker.access.audit.targets import FileTarget, audit_files
from secrets_broker.access.audit.verify import verify
from secrets_broker.domain.errors import ConfigError

SETTINGS = AuditSettings(fsync="none", checkpoint_every_records=10)
CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]


async def write_trail(directory: Path, count: int, rotate_bytes: int = 1 << 30) -> list[Path]:
    """``count`` access records (plus start/checkpoint/stop records) by the real sink."""
    sink = AuditSink(FileTarget(directory, rotate_bytes), SETTINGS)
    for i in range(count):
        await sink.record(AuditEvent("spiffe://t/job", "GetSecret", "allow", "secret", f"n/{i}"))
    await sink.aclose()
    return audit_files(directory)


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def rewrite(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(lines))


def reseal(line: bytes, **changes: object) -> bytes:
    """The line with ``changes`` applied and its own hash recomputed (a careful forger)."""
    body = json.loads(line)
    del body["hash"]
    body.update(changes)
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=True).encode()
    digest = hashlib.sha256(text).hexdigest()
    return text[:-1] + b',"hash":"' + digest.encode() + b'"}\n'


def problem(*paths: Path, **kwargs: object) -> str:
    report = verify(list(paths), **kwargs)  # type: ignore[arg-type]
    assert report.problem is not None, "verify found nothing wrong"
    return report.problem


async def test_an_untouched_trail_verifies(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 25)
    report = verify([tmp_path])
    assert report.ok, report.problem
    # 25 access records, a start, a stop and two checkpoints
    assert report.records == 29 and report.first_seq == 1
    kinds = [json.loads(line)["type"] for line in lines_of(path)]
    assert kinds[0] == "start" and kinds[-1] == "stop" and kinds.count("checkpoint") == 2


async def test_an_edited_record_is_named(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 20)
    lines = lines_of(path)
    lines[6] = lines[6].replace(b'"name":"n/5"', b'"name":"n/X"')
    rewrite(path, lines)
    assert problem(path) == f"{path}:7: record damaged: the record does not match its hash (edited)"


async def test_an_edited_and_rehashed_record_is_named(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 20)
    lines = lines_of(path)
    lines[6] = reseal(lines[6], identity="spiffe://t/someone-else")
    rewrite(path, lines)
    assert problem(path).startswith(f"{path}:7: record seq 7 was edited (and re-hashed)")


async def test_a_removed_record_is_named(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 20)
    lines = lines_of(path)
    del lines[6]
    rewrite(path, lines)
    assert problem(path) == (f"{path}:7: record seq 7 removed before this record (after {path}:6)")


async def test_an_inserted_copy_is_named(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 20)
    lines = lines_of(path)
    lines.insert(7, lines[6])
    rewrite(path, lines)
    assert problem(path) == f"{path}:8: inserted: a copy of record seq 7 ({path}:7)"


async def test_an_inserted_forgery_with_a_valid_hash_is_named(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 20)
    lines = lines_of(path)
    forged = reseal(lines[7], name="n/forged")  # seq 8, chained to record 7: looks right
    lines.insert(7, forged)
    rewrite(path, lines)
    assert problem(path) == (
        f"{path}:8: record seq 8 was inserted: the record after it ({path}:9) is chained "
        "to the one before it"
    )


async def test_an_old_record_replayed_later_is_named(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 20)
    lines = lines_of(path)
    lines.insert(15, lines[3])
    rewrite(path, lines)
    assert problem(path) == f"{path}:16: record seq 4 inserted or out of order (after seq 15)"


async def test_swapped_records_are_named(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 20)
    lines = lines_of(path)
    lines[6], lines[7] = lines[7], lines[6]
    rewrite(path, lines)
    assert problem(path) == (
        f"{path}:7: record seq 8 is out of order: seq 7 comes after it, at {path}:8"
    )


async def test_rotation_keeps_one_chain_across_files(tmp_path: Path) -> None:
    files = await write_trail(tmp_path, 120, rotate_bytes=4096)
    assert len(files) > 3
    report = verify([tmp_path])
    assert report.ok and report.files == len(files), report.problem
    for path in files:  # each file is named after the seq of its first record
        first = parse_record(lines_of(path)[0].rstrip(b"\n"))
        assert path.name == f"audit-{first.seq:012d}.jsonl"


async def test_a_record_removed_at_a_file_boundary_is_named(tmp_path: Path) -> None:
    files = await write_trail(tmp_path, 120, rotate_bytes=4096)
    second = files[1]
    lines = lines_of(second)
    del lines[0]
    rewrite(second, lines)
    seq = int(second.name[6:18])
    assert problem(tmp_path) == (
        f"{second}:1: record seq {seq} removed before this record "
        f"(after {files[0]}:{len(lines_of(files[0]))})"
    )


async def test_a_removed_file_is_found(tmp_path: Path) -> None:
    files = await write_trail(tmp_path, 120, rotate_bytes=4096)
    files[2].unlink()
    assert " removed before this record" in problem(tmp_path)
    files[0].unlink()
    assert problem(tmp_path).startswith(f"{files[1]}:1: the trail starts at seq ")
    assert verify([files[1]], partial=True).ok  # a suffix, once asked for
    assert " removed before this record" in problem(files[1], files[3], partial=True)


async def test_removing_the_tail_is_found_against_a_logged_checkpoint(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="secrets_broker.audit")
    (path,) = await write_trail(tmp_path, 25)
    anchors = dict(
        (int(m[1]), m[2])
        for m in re.finditer(r"audit checkpoint seq=(\d+) hash=([0-9a-f]{64})", caplog.text)
    )
    assert sorted(anchors) == [12, 22]
    assert verify([path], anchors=anchors).ok
    rewrite(path, lines_of(path)[:20])  # the last records are gone: the files look fine
    assert verify([path]).ok
    assert problem(path, anchors=anchors) == (
        "anchor seq 22 is not in the trail (it ends at seq 20): removed"
    )


def test_cli_verify_exits_non_zero_and_prints_the_record(tmp_path: Path) -> None:
    (path,) = asyncio.run(write_trail(tmp_path, 10))
    ok = subprocess.run([*CLI, "audit", "verify", str(tmp_path)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 13 records (seq 1..13) in 1 files")
    lines = lines_of(path)
    del lines[4]
    rewrite(path, lines)
    bad = subprocess.run([*CLI, "audit", "verify", str(path)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stdout == f"{path}:5: record seq 5 removed before this record (after {path}:4)\n"


async def test_a_restart_continues_the_chain(tmp_path: Path) -> None:
    await write_trail(tmp_path, 5)
    (path,) = await write_trail(tmp_path, 5)
    records = [json.loads(line) for line in lines_of(path)]
    assert [r["seq"] for r in records] == list(range(1, 15))
    assert records[7]["type"] == "start" and records[7]["resumed_at_seq"] == 7
    assert verify([tmp_path]).ok


async def test_half_a_record_left_by_a_crash_is_dropped_at_start(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 5)
    whole = path.read_bytes()
    path.write_bytes(whole + b'{"seq":9,"time":"2026-')  # never acknowledged: torn write
    await write_trail(tmp_path, 5)
    assert path.read_bytes().startswith(whole)
    assert verify([tmp_path]).ok


async def test_a_damaged_last_record_stops_start_up(tmp_path: Path) -> None:
    (path,) = await write_trail(tmp_path, 5)
    lines = lines_of(path)
    lines[-1] = lines[-1].replace(b'"type":"stop"', b'"type":"stap"')
    rewrite(path, lines)
    with pytest.raises(ConfigError, match=r"the last record of .* is damaged"):
        AuditSink(FileTarget(tmp_path, 1 << 30), SETTINGS)


async def test_two_brokers_cannot_share_an_audit_directory(tmp_path: Path) -> None:
    first = AuditSink(FileTarget(tmp_path, 1 << 30), SETTINGS)
    try:
        with pytest.raises(ConfigError, match="in use by another broker"):
            FileTarget(tmp_path, 1 << 30)
    finally:
        await first.aclose()


# Detail keys are the broker's own (count, users, entry...), never a record field's name.
RECORD_KEYS = {"seq", "time", "type", "identity", "rpc", "kind", "name", "name_hmac", "decision"}
RECORD_KEYS |= {"rule", "outcome", "version", "cache", "prev", "hash"}
DETAIL_KEYS = st.text(max_size=8).filter(lambda key: key not in RECORD_KEYS)


@given(
    identity=st.text(),
    name=st.text(),
    outcome=st.text(max_size=20),
    version=st.none() | st.integers(min_value=0, max_value=2**62),
    detail=st.none() | st.dictionaries(DETAIL_KEYS, st.text() | st.booleans() | st.integers()),
    hashed=st.booleans(),
)
def test_the_fast_access_record_is_the_generic_one_byte_for_byte(
    identity: str,
    name: str,
    outcome: str,
    version: int | None,
    detail: dict[str, str | int | bool] | None,
    hashed: bool,
) -> None:
    names = NameHasher(b"k" * 32 if hashed else None)
    event = AuditEvent(identity, "GetSecret", "allow", "secret", name, outcome, version, "hit",
                       "rule-1", detail)  # fmt: skip
    fast, generic = Chain(5, "ab" * 32), Chain(5, "ab" * 32)
    line = fast.seal_access(event, names, 1764446460.5)
    assert line == generic.seal(fields_of(event, names), 1764446460.5)
    assert line.count(b"\n") == 1 and line.isascii()  # one line, whatever the strings hold
    assert parse_record(line.rstrip(b"\n")).hash == fast.head == generic.head
