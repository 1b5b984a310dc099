"""``secrets-broker rotate|versions|disable|enable|destroy|watch``: versions from the shell.

None of them prints a secret value: ``rotate`` shows the new version's metadata (read the
values with ``get``), ``watch`` one line per version or absence.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

from google.protobuf.json_format import MessageToDict
from secretsbroker.client import BrokerClient

from secrets_broker.domain.errors import ConfigError

ClientFactory = Callable[[argparse.Namespace], BrokerClient]
Values = Callable[[argparse.Namespace], dict[str, str]]
_ENCODINGS = {"bytes": "base64", "base64": "base64", "base64url": "base64url", "hex": "hex"}


def parse_generate(text: str) -> dict[str, Any]:
    """``password[:LEN]``, or ``bytes|base64|base64url|hex[:LEN]`` (random bytes)."""
    kind, _, length = text.partition(":")
    if length and not length.isdigit():
        raise ConfigError(f"--generate: length {length!r} is not a number")
    size = int(length) if length else None
    if kind == "password":
        return {"password_length": size}
    if kind in _ENCODINGS:
        return {"random_bytes": (size or 32, _ENCODINGS[kind])}
    raise ConfigError("--generate: expected password[:LEN] or bytes|base64url|hex[:LEN]")


def _when(at: datetime | None) -> str:
    return "-" if at is None else f"{at:%Y-%m-%dT%H:%M:%SZ}"


def run(args: argparse.Namespace, client: BrokerClient, values: Values) -> None:
    if args.command == "rotate":
        generated = parse_generate(args.generate)
        supplied = values(args) if args.json else None
        done = client.rotate_secret(
            args.name,
            values=supplied,
            key=args.value_key,
            expected_version=args.expected_version,
            overlap_seconds=args.overlap_seconds,
            **({} if supplied else generated),
        )
        print(json.dumps(MessageToDict(done.proto), indent=2, sort_keys=True))
    elif args.command == "versions":
        token = ""
        while True:
            page, token = client.list_secret_versions_page(args.name, page_token=token)
            for v in page:
                line = f"v{v.version}\t{v.state}\t{_when(v.create_time)}"
                if v.scheduled_disable_time is not None:
                    line += f"\tdisable at {_when(v.scheduled_disable_time)}"
                print(line)
            if not token:
                break
    elif args.command in ("disable", "enable", "destroy"):
        change = getattr(client, f"{args.command}_secret_version")
        info = change(args.name, args.version)
        print(f"v{info.version}\t{info.state}")
    elif args.command == "watch":
        try:
            for event in client.watch(args.names, prefix=args.prefix or ""):
                if event.kind == "version" and event.secret is not None:
                    print(f"{event.name}\tv{event.secret.version}", flush=True)
                elif event.kind == "absent":
                    print(f"{event.name}\tabsent", flush=True)
        except KeyboardInterrupt:
            sys.exit(0)


def add_commands(client_command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    rotate = client_command("rotate", "write a new version with generated (or given) values")
    rotate.add_argument("name")
    rotate.add_argument(
        "--generate",
        default="password",
        metavar="KIND[:LEN]",
        help="password[:LEN] (default, 32 characters) or bytes|base64url|hex[:LEN] bytes",
    )
    rotate.add_argument(
        "--value-key", dest="value_key", default="", help="the value to rotate (clearPassword)"
    )
    rotate.add_argument("--json", help="supplied values instead: a JSON object, file or -")
    rotate.add_argument("--expected-version", type=int)
    rotate.add_argument(
        "--overlap-seconds", type=int, help="keep the previous version readable this long"
    )
    rotate.set_defaults(values=[])  # supplied values come from --json only
    versions = client_command("versions", "list a secret's versions and their states")
    versions.add_argument("name")
    for verb, text in (
        ("disable", "make one version unreadable (kept)"),
        ("enable", "make a disabled version readable again"),
        ("destroy", "erase one version's values for good"),
    ):
        cmd = client_command(verb, text)
        cmd.add_argument("name")
        cmd.add_argument("version", type=int)
    watch = client_command("watch", "print each new version of secrets as it is written")
    watch.add_argument("names", nargs="*")
    watch.add_argument("--prefix", help="also every name under this prefix")
