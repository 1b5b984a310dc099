"""``secrets-broker policy check|explain``: the policy file's problems, and why a call
would be allowed or refused (which grant, deny or binding decided, with its line)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from secrets_broker.access.identity import Identity, IdentityError
from secrets_broker.access.policy import RIGHTS, Policy, check_policy_file
from secrets_broker.domain.errors import ConfigError, InvalidArgument
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.config import load_config

BOUND_RPCS = frozenset({"GetSecret", "BatchGetSecrets"})


def explain(policy: Policy, identity: Identity, right: str, name: str) -> tuple[bool, list[str]]:
    """Whether the call is allowed, and the lines that say why."""
    held = policy.decide(identity, right)
    if not held.allowed:
        return False, [
            f"denied: no grant gives {identity} the right {right} "
            "(default deny; answered PERMISSION_DENIED / RPC_NOT_GRANTED)"
        ]
    steps = [(name, policy.decide(identity, right, name))]
    notes = []
    bound = policy.binding(identity, name) if right in BOUND_RPCS else None
    if bound is not None:
        target, where = bound
        notes.append(f"  {name} is bound to {target} by {where}")
        steps.append((target, policy.decide(identity, right, target)))
    allowed = all(decision.allowed for _, decision in steps)
    verdict = "allowed" if allowed else "denied (answered NOT_FOUND, exactly like a missing name)"
    lines = [f"{verdict}: {identity} {right} {name}", *notes]
    for subject, decision in steps:
        word = "allowed" if decision.allowed else "denied"
        lines.append(f"  {subject}: {word} by {decision.rule}")
    return allowed, lines


def _policy_path(args: argparse.Namespace) -> Path:
    if args.policy:
        return Path(args.policy)
    if args.config:
        return load_config(Path(args.config)).policy_file
    return Path(args.dev_dir) / "policy.yaml"


def cmd_policy(args: argparse.Namespace) -> int:
    if args.action == "check":
        problems = check_policy_file(Path(args.file))
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{args.file}: ok")
        return 1 if problems else 0
    try:
        identity = Identity.parse(args.identity)
    except IdentityError as exc:
        raise ConfigError(f"--identity: {exc}") from None
    if args.rpc not in RIGHTS:
        raise ConfigError(f"--rpc: unknown RPC or right {args.rpc!r} ({', '.join(sorted(RIGHTS))})")
    try:
        name = SecretName.parse(args.name, "--name").value
    except InvalidArgument as exc:
        raise ConfigError(str(exc)) from None
    allowed, lines = explain(Policy.load(_policy_path(args)), identity, args.rpc, name)
    print("\n".join(lines))
    return 0 if allowed else 1


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    policy = sub.add_parser("policy", help="check a policy file, or explain a decision")
    actions = policy.add_subparsers(dest="action", required=True)
    check = actions.add_parser("check", help="list every problem of a policy file (exit 1)")
    check.add_argument("file")
    check.set_defaults(func=cmd_policy)
    why = actions.add_parser(
        "explain", help="allowed or not, and the rule that decided (exit 0 allowed, 1 denied)"
    )
    why.add_argument("--identity", required=True, help="spiffe://trust.domain/path or cn:NAME")
    why.add_argument("--rpc", required=True, help="an RPC name, or ReadCredentials")
    why.add_argument("--name", required=True, help="the secret or collection name")
    where = why.add_mutually_exclusive_group()
    where.add_argument("--policy", help="the policy file (default: DEV_DIR/policy.yaml)")
    where.add_argument("--config", help="a broker config file naming the policy file")
    dev_dir = os.environ.get("SECRETS_BROKER_DEV_DIR", ".dev")
    why.add_argument("--dev-dir", default=dev_dir, help=argparse.SUPPRESS)
    why.set_defaults(func=cmd_policy)
