"""The ``secrets-broker`` command: run the server, issue certificates, administer secrets."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message
from secretsbroker import errors as client_errors
from secretsbroker.client import BrokerClient

from secrets_broker.broker import Broker
from secrets_broker.domain.errors import BrokerError, ConfigError
from secrets_broker.ops import audit_cli, devmode, versions_cli
from secrets_broker.ops.app import run
from secrets_broker.ops.certs import issue_ca, issue_leaf, read_pair, write_pair
from secrets_broker.ops.config import (
    Config,
    check_config,
    env_overrides,
    load_config,
    read_config_document,
)
from secrets_broker.ops.config_example import example
from secrets_broker.ops.login import add_commands as add_login_commands
from secrets_broker.ops.login import default_token_file, load_token
from secrets_broker.ops.logsetup import setup_logging
from secrets_broker.ops.migrate import ProgressPrinter, migrate_between
from secrets_broker.ops.policy_cli import add_commands as add_policy_commands
from secrets_broker.ops.rekey import RekeyPrinter, rekey_configured
from secrets_broker.ops.workers_cli import WORKERS_HELP, add_worker_parser, supervise, worker_count

DEFAULT_DEV_DIR = ".dev"


def _setup_logging(config: Config) -> None:
    # Never blocks the loop, even on a stuck stderr (ops/logsetup.py).
    setup_logging(config.log_level, config.log.format, config.log.rpc_lines)


def _serve(
    config: Config, banner: Path | None, config_path: Path, workers: int | None = None
) -> int:
    _setup_logging(config)
    count = config.workers if workers is None else workers
    if count > 1:
        return supervise(config, banner, config_path, count)

    async def ready(broker: Broker, port: int, metrics_url: str | None) -> None:
        if banner is not None:
            await devmode.seed(broker)
        print(f"listening on {config.listen.rsplit(':', 1)[0]}:{port}", flush=True)
        if banner is not None:
            print(devmode.grpcurl_command(banner, port), flush=True)  # ready to paste
            print(f"audit trail in {broker.audit.where}/", flush=True)
        if metrics_url is not None:
            print(f"metrics on {metrics_url}", flush=True)

    asyncio.run(run(config, ready))
    return 0


def cmd_dev(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    # Next to a fixed gRPC port, the usual Prometheus port; with --port 0, a free one too.
    metrics_port = args.metrics_port if args.metrics_port is not None else (args.port and 9464)
    config = devmode.prepare(data_dir, args.port, metrics_port)
    return _serve(config, data_dir, data_dir / "config.yaml", args.workers)


def cmd_serve(args: argparse.Namespace) -> int:
    return _serve(load_config(Path(args.config)), None, Path(args.config), args.workers)


def cmd_certs(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.kind == "ca":
        write_pair(out, args.name or "ca", issue_ca(args.cn or "secrets-broker CA", args.days))
        return 0
    ca = read_pair(Path(args.ca_dir), "ca")
    server = args.kind == "server"
    hosts = tuple(args.host or (["localhost", "127.0.0.1"] if server else []))
    issued = issue_leaf(
        ca,
        args.cn or args.kind,
        server=server,
        hosts=hosts,
        spiffe_id=args.spiffe_id,
        days=args.days,
    )
    write_pair(out, args.name or args.kind, issued)
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    if args.action == "example":
        sys.stdout.write(example())
        return 0
    stdin = args.file == "-"
    path = None if stdin else Path(args.file)
    doc = read_config_document(path, sys.stdin.read() if stdin else None)
    if isinstance(doc, dict):
        doc = env_overrides(doc, os.environ)
    _, problems = check_config(doc, path.parent if path else Path.cwd())
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.file}: ok")
    return 1 if problems else 0


def cmd_migrate(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))
    _setup_logging(config)
    report = asyncio.run(
        migrate_between(
            config,
            args.from_store,
            args.to_store,
            prefix=args.prefix,
            dry_run=args.dry_run,
            verify=args.verify,
            state_path=Path(args.state) if args.state else None,
            progress=ProgressPrinter(sys.stderr),
        )
    )
    for issue in report.issues:
        print(f"{issue.kind}\t{issue.name}\t{issue.detail}")
    print(report.summary())
    return 0 if report.ok else 1


def cmd_rekey(args: argparse.Namespace) -> int:
    config = load_config(Path(args.config))
    _setup_logging(config)
    reports = asyncio.run(
        rekey_configured(
            config,
            args.store,
            rotate=not args.no_rotate,
            reencrypt=args.reencrypt,
            max_rate=args.max_rate,
            progress=RekeyPrinter(sys.stderr),
            report_only=args.report,
        )
    )
    for report in reports:
        print("\n".join(report.lines()), flush=True)
    return 0


def _client(args: argparse.Namespace) -> BrokerClient:
    tls = Path(args.dev_dir) / "tls"
    if args.token_file or args.signed_in:
        token = load_token(Path(args.token_file) if args.token_file else default_token_file())
        return BrokerClient.with_token(args.address, ca=args.ca or tls / "ca.pem", token=token)
    return BrokerClient.connect(
        args.address,
        ca=args.ca or tls / "ca.pem",
        cert=args.cert or tls / "admin.pem",
        key=args.key or tls / "admin-key.pem",
    )


def _print(message: Message) -> None:
    print(json.dumps(MessageToDict(message), indent=2, sort_keys=True))


def _values(args: argparse.Namespace) -> dict[str, str]:
    values: dict[str, str] = {}
    if args.json:
        text = sys.stdin.read() if args.json == "-" else Path(args.json).read_text()
        doc = json.loads(text)
        if not isinstance(doc, dict):
            raise ConfigError("--json: expected a JSON object of key: value")
        values.update({str(k): str(v) for k, v in doc.items()})
    for pair in args.values:
        key, sep, value = pair.partition("=")
        if not sep:
            raise ConfigError(f"expected KEY=VALUE, got {key!r}")
        values[key] = value
    return values


def cmd_client(args: argparse.Namespace) -> int:
    with _client(args) as client:
        if args.command == "get":
            _print(client.get_secret(args.name, version=args.version, keys=args.only or ()).proto)
        elif args.command == "put":
            meta = client.put_secret(
                args.name,
                _values(args),
                expected_version=args.expected_version,
                refresh_after_seconds=args.refresh_after_seconds,
            )
            _print(meta.proto)
        elif args.command == "list":
            for meta in client.list_secrets(args.prefix):
                print(f"{meta.name}\tv{meta.version}\t{','.join(meta.keys)}")
        elif args.command == "delete":
            client.delete_secret(args.name)
        elif args.command == "import":
            _print(client.import_collections(Path(args.file).read_text(), args.dry_run))
        else:
            versions_cli.run(args, client, _values)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="secrets-broker", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    dev = sub.add_parser("dev", help="run a dev broker on the embedded store (creates certs)")
    dev.add_argument(
        "--data-dir", default=os.environ.get("SECRETS_BROKER_DEV_DIR", DEFAULT_DEV_DIR)
    )
    dev.add_argument("--port", type=int, default=50051, help="0 picks a free port")
    dev.add_argument(
        "--metrics-port",
        type=int,
        help="the Prometheus endpoint's port (default 9464, or a free one with --port 0)",
    )
    dev.add_argument("--workers", type=worker_count, help=WORKERS_HELP)
    dev.set_defaults(func=cmd_dev)

    serve = sub.add_parser("serve", help="run the broker from a config file")
    serve.add_argument("--config", required=True)
    serve.add_argument("--workers", type=worker_count, help=WORKERS_HELP + " (config: workers)")
    serve.set_defaults(func=cmd_serve)

    certs = sub.add_parser("certs", help="issue a CA, server or client certificate")
    certs.add_argument("kind", choices=["ca", "server", "client"])
    certs.add_argument("--out", required=True, help="directory to write NAME.pem, NAME-key.pem")
    certs.add_argument("--ca-dir", help="directory holding ca.pem and ca-key.pem")
    certs.add_argument("--name", help="file stem (default: the kind)")
    certs.add_argument("--cn", help="subject common name")
    certs.add_argument("--host", action="append", help="server DNS name or IP (repeatable)")
    certs.add_argument("--spiffe-id", help="client SPIFFE ID (URI SAN), e.g. spiffe://org/app")
    certs.add_argument("--days", type=int, default=365)
    certs.set_defaults(func=cmd_certs)

    cfg = sub.add_parser("config", help="check a config file, or print a commented example")
    cfg.add_argument("action", choices=["check", "example"])
    cfg.add_argument("file", nargs="?", default="-", help="for check: a file, or - for stdin")
    cfg.set_defaults(func=cmd_config)

    add_policy_commands(sub)
    add_login_commands(sub)

    mig = sub.add_parser("migrate", help="copy secrets between two stores of a config file")
    mig.add_argument("--config", required=True, help="the server config file naming the stores")
    mig.add_argument("--from", dest="from_store", required=True, metavar="STORE")
    mig.add_argument("--to", dest="to_store", required=True, metavar="STORE")
    mig.add_argument("--prefix", default="", help="only names starting with this")
    mig.add_argument("--dry-run", action="store_true", help="compare and count; write nothing")
    mig.add_argument("--verify", action="store_true", help="read every version back and compare")
    mig.add_argument("--state", metavar="FILE", help="resume file: names already done")
    mig.set_defaults(func=cmd_migrate)

    rk = sub.add_parser(
        "rekey", help="rotate a store's KEK and re-wrap its data keys (online, resumable)"
    )
    rk.add_argument("--config", required=True, help="the server config file naming the stores")
    rk.add_argument(
        "--store", metavar="NAME", help="only this store (default: every sqlite/postgres store)"
    )
    rk.add_argument(
        "--no-rotate", action="store_true", help="re-wrap to the current KEK version only"
    )
    rk.add_argument(
        "--reencrypt",
        action="store_true",
        help="also re-encrypt every record under the new data key",
    )
    rk.add_argument(
        "--max-rate", type=float, metavar="N", help="at most N provider calls or writes a second"
    )
    rk.add_argument(
        "--report", action="store_true", help="only count data keys and records per KEK version"
    )
    rk.set_defaults(func=cmd_rekey)
    audit_cli.add_parser(sub, os.environ.get("SECRETS_BROKER_DEV_DIR", DEFAULT_DEV_DIR))

    def client_command(name: str, help_text: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help_text)
        c.add_argument(
            "--address", default=os.environ.get("SECRETS_BROKER_ADDRESS", "127.0.0.1:50051")
        )
        c.add_argument(
            "--dev-dir",
            default=os.environ.get("SECRETS_BROKER_DEV_DIR", DEFAULT_DEV_DIR),
            help="use DIR/tls/admin*.pem unless --ca/--cert/--key are given",
        )
        c.add_argument("--ca", default=os.environ.get("SECRETS_BROKER_CA"))
        c.add_argument("--cert", default=os.environ.get("SECRETS_BROKER_CERT"))
        c.add_argument("--key", default=os.environ.get("SECRETS_BROKER_KEY"))
        c.add_argument(
            "--signed-in", action="store_true", help="call as the person 'login' signed in"
        )
        c.add_argument(
            "--token-file",
            default=os.environ.get("SECRETS_BROKER_TOKEN_FILE"),
            help="call with this saved sign-in (implies --signed-in)",
        )
        c.set_defaults(func=cmd_client)
        return c

    get = client_command("get", "print a secret as JSON")
    get.add_argument("name")
    get.add_argument("--version", type=int, default=0)
    get.add_argument(
        "--only", action="append", metavar="KEY", help="only this value key (repeatable)"
    )
    put = client_command("put", "write a new version (values as KEY=VALUE or --json FILE|-)")
    put.add_argument("name")
    put.add_argument(
        "values",
        nargs="*",
        metavar="KEY=VALUE",
        help="visible in shell history and ps; prefer --json - for real secrets",
    )
    put.add_argument("--json", help="a JSON object of values, from a file or - for stdin")
    put.add_argument("--expected-version", type=int)
    put.add_argument("--refresh-after-seconds", type=int)
    lst = client_command("list", "list secret names and versions")
    lst.add_argument("prefix", nargs="?", default="")
    delete = client_command("delete", "delete a secret with all its versions")
    delete.add_argument("name")
    imp = client_command("import", "import a secretsCollections YAML file")
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true")
    versions_cli.add_commands(client_command)
    add_worker_parser(sub)  # internal, listed last
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except (ConfigError, BrokerError, OSError) as exc:
        _complain(f"secrets-broker: {exc}")
        return 2
    except client_errors.BrokerError as exc:
        _complain(f"secrets-broker: {exc.code.name}: {exc.message}")
        return 1


def _complain(message: str) -> None:
    try:
        print(message, file=sys.stderr, flush=True)
    except OSError:
        pass  # stderr itself is broken (full, closed): the exit code still tells


if __name__ == "__main__":
    sys.exit(main())
