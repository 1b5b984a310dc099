"""``secrets-broker audit verify|usage``: check the audit trail's hash chain, report usage."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from secrets_broker.access.audit.record import NameHasher
from secrets_broker.access.audit.usage import (
    UsageQuery,
    collect,
    parse_since,
    render_json,
    render_table,
)
from secrets_broker.access.audit.verify import chains, verify
from secrets_broker.domain.crypto import load_master_key
from secrets_broker.domain.errors import ConfigError


def _anchor(text: str) -> tuple[int, str]:
    seq, sep, digest = text.partition(":")
    if not sep or not seq.isdigit() or len(digest) != 64:
        raise argparse.ArgumentTypeError(f"expected SEQ:HASH (64 hex digits), got {text!r}")
    return int(seq), digest.lower()


def cmd_verify(args: argparse.Namespace) -> int:
    found = chains([Path(p) for p in args.paths])
    if not found:
        print("no audit files found", file=sys.stderr)
        return 1
    if len(found) > 1 and args.anchor:
        raise ConfigError("--anchor: name one chain, e.g. audit/w0 (one per worker)")
    failed = False
    for files in found:
        if len(found) > 1:
            print(f"chain {files[0].parent}:")
        failed |= not _verify_chain(files, args)
    return 1 if failed else 0


def _verify_chain(files: list[Path], args: argparse.Namespace) -> bool:
    report = verify(files, anchors=dict(args.anchor or ()), partial=args.partial, mixed=args.mixed)
    for note in report.notes:
        print(f"note: {note}")
    if not report.ok:
        print(report.problem)
        return False
    last = report.last
    span = f"seq {report.first_seq}..{last.record.seq}" if last else "no records"
    print(f"ok: {report.records} records ({span}) in {report.files} files")
    if last:
        print(f"head: {last.record.seq}:{last.record.hash} ({last.where})")
    return True


def cmd_usage(args: argparse.Namespace) -> int:
    names = NameHasher(load_master_key(Path(args.key_file)) if args.key_file else None)
    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    query = UsageQuery(name=args.name, identity=args.identity, since=since, names=names)
    rows, damaged = collect([Path(p) for p in args.paths], query)
    if damaged:
        print(f"warning: {damaged} damaged records skipped (run 'audit verify')", file=sys.stderr)
    print(render_json(rows) if args.format == "json" else render_table(rows))
    return 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], dev_dir: str) -> None:
    audit = sub.add_parser("audit", help="verify the audit trail, or report who used what")
    actions = audit.add_subparsers(dest="action", required=True)
    default = os.path.join(dev_dir, "audit")

    ver = actions.add_parser("verify", help="check the hash chain; exit 1 at the first break")
    ver.add_argument("paths", nargs="+", metavar="PATH", help="audit files or directories")
    ver.add_argument(
        "--anchor",
        action="append",
        type=_anchor,
        metavar="SEQ:HASH",
        help="a checkpoint from the server log that the trail must contain (repeatable)",
    )
    ver.add_argument("--partial", action="store_true", help="the trail may start after seq 1")
    ver.add_argument(
        "--mixed", action="store_true", help="skip lines that are not records (captured stderr)"
    )
    ver.set_defaults(func=cmd_verify)

    use = actions.add_parser("usage", help="who read what, when, how often")
    use.add_argument(
        "paths", nargs="*", metavar="PATH", default=[default], help=f"default: {default}"
    )
    use.add_argument("--name", help="only this secret or collection name")
    use.add_argument("--identity", help="only this caller identity")
    use.add_argument("--since", help="15m, 2h, 7d, or a UTC date/time (2026-01-31T12:00:00Z)")
    use.add_argument("--format", choices=["table", "json"], default="table")
    use.add_argument("--key-file", help="the audit key file, to find --name in hashed records")
    use.set_defaults(func=cmd_usage)
