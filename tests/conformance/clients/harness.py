"""One broker, four clients, one set of vectors: `make conformance`.

Starts a real broker (port 0, mutual TLS, its own policy and identities), seeds it from
seed.yaml through the admin API, runs each language's conformance runner against it
with SB_CONFORMANCE_ADDRESS / SB_CONFORMANCE_TLS_DIR / SB_CONFORMANCE_VECTORS, and
prints one line per language:

    conformance <language>: P/N passed

It fails unless every runner exists, exits 0 and passes all N vectors, and unless the
broker's state (every secret's version and etag) is the same after the runners as
before them: vectors only ever make failing writes, so runners can share one broker.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from secretsbroker import BrokerClient

from secrets_broker.ops.certs import issue_ca, issue_leaf, write_pair

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
VECTORS = HERE / "vectors.json"
SEED = HERE / "seed.yaml"
TRUST_DOMAIN = "conformance.example"
IDENTITIES = ("client", "admin", "authn", "stranger")
LANGUAGES = ("python", "go", "java", "typescript")
RUNNER_TIMEOUT_SECONDS = 1800  # a first Maven or npm run fetches its dependencies
SUMMARY = re.compile(r"^conformance (\S+): (\d+)/(\d+) passed$")


@dataclass(frozen=True)
class Runner:
    argv: tuple[str, ...]
    cwd: Path
    needs: Path  # the file whose absence means "this language has no runner yet"


RUNNERS = {
    "python": Runner(
        (sys.executable, "-m", "secretsbroker.conformance"),
        ROOT,
        ROOT / "clients/python/src/secretsbroker/conformance.py",
    ),
    "go": Runner(
        ("go", "run", "./cmd/conformance"), ROOT / "clients/go", ROOT / "clients/go/cmd/conformance"
    ),
    "java": Runner(
        (str(ROOT / "clients/java/conformance.sh"),), ROOT, ROOT / "clients/java/conformance.sh"
    ),
    "typescript": Runner(
        (str(ROOT / "clients/typescript/conformance.sh"),),
        ROOT,
        ROOT / "clients/typescript/conformance.sh",
    ),
}


def make_tls(directory: Path) -> None:
    """ca.pem, server.pem, <identity>.pem for each identity, and foreign-ca.pem: a client
    certificate with the client's SPIFFE ID signed by another CA."""
    ca = issue_ca("conformance CA")
    write_pair(directory, "ca", ca)
    server = issue_leaf(ca, "localhost", server=True, hosts=("localhost", "127.0.0.1"))
    write_pair(directory, "server", server)
    for who in IDENTITIES:
        spiffe = f"spiffe://{TRUST_DOMAIN}/{who}"
        write_pair(directory, who, issue_leaf(ca, who, server=False, spiffe_id=spiffe))
    other = issue_ca("another CA")
    spiffe = f"spiffe://{TRUST_DOMAIN}/client"
    write_pair(directory, "foreign-ca", issue_leaf(other, "client", server=False, spiffe_id=spiffe))


def write_config(work: Path, seed: dict[str, object]) -> Path:
    (work / "policy.yaml").write_text(yaml.safe_dump(seed["policy"]))
    (work / "master.key").write_bytes(os.urandom(32))
    (work / "master.key").chmod(0o600)
    config = {
        "listen": "127.0.0.1:0",
        "tls": {
            "cert_file": "tls/server.pem",
            "key_file": "tls/server-key.pem",
            "client_ca_file": "tls/ca.pem",
        },
        "policy_file": "policy.yaml",
        "stores": {"main": {"type": "sqlite", "path": "store.db", "master_key_file": "master.key"}},
        "log_level": "WARNING",
    }
    path = work / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


@contextlib.contextmanager
def running_broker(config: Path) -> Iterator[str]:
    """A `secrets-broker serve` subprocess; yields its address once it listens."""
    log = (config.parent / "broker.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "secrets_broker.ops.cli", "serve", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # printed once serving; EOF if it died
        if not first.startswith("listening on "):
            log.flush()
            raise SystemExit(f"broker did not start:\n{(config.parent / 'broker.log').read_text()}")
        yield first.split()[-1]
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def admin(address: str, tls: Path) -> BrokerClient:
    return BrokerClient.connect(
        address, ca=tls / "ca.pem", cert=tls / "admin.pem", key=tls / "admin-key.pem"
    )


def seed_broker(address: str, tls: Path, seed: dict[str, object]) -> None:
    with admin(address, tls) as client:
        for secret in seed["secrets"]:  # type: ignore[attr-defined]
            for number, version in enumerate(secret["versions"]):
                client.put_secret(
                    secret["name"],
                    version["values"],
                    expected_version=number,
                    refresh_after_seconds=version.get("refresh_after_seconds"),
                    labels=version.get("labels"),
                )
        client.import_collections(str(seed["collections"]))


def state(address: str, tls: Path) -> list[tuple[str, int, str]]:
    with admin(address, tls) as client:
        return [(m.name, m.version, m.etag) for m in client.list_secrets("", 1000)]


@dataclass(frozen=True)
class Outcome:
    language: str
    ok: bool
    line: str


def run_one(language: str, address: str, tls: Path, vectors: Path, total: int) -> Outcome:
    runner = RUNNERS[language]
    if not runner.needs.exists():
        rel = runner.needs.relative_to(ROOT)
        return Outcome(language, False, f"conformance {language}: missing ({rel} not found)")
    env = {
        **os.environ,
        "SB_CONFORMANCE_ADDRESS": address,
        "SB_CONFORMANCE_TLS_DIR": str(tls),
        "SB_CONFORMANCE_VECTORS": str(vectors),
    }
    try:
        done = subprocess.run(
            runner.argv,
            cwd=runner.cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=RUNNER_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Outcome(language, False, f"conformance {language}: runner failed ({exc})")
    lines = done.stdout.strip().splitlines()
    summary = SUMMARY.match(lines[-1]) if lines else None
    if summary is None or summary.group(1) != language:
        sys.stderr.write(done.stdout + done.stderr)
        return Outcome(
            language, False, f"conformance {language}: no summary line (exit {done.returncode})"
        )
    passed, count = int(summary.group(2)), int(summary.group(3))
    ok = done.returncode == 0 and passed == count == total
    if not ok:
        sys.stderr.write("".join(f"  {language}: {line}\n" for line in lines[:-1]))
        sys.stderr.write(done.stderr[-4000:])
    note = "" if count == total else f" (the vector file has {total})"
    return Outcome(language, ok, f"conformance {language}: {passed}/{count} passed{note}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--languages",
        default=",".join(LANGUAGES),
        help=f"comma-separated subset of {','.join(LANGUAGES)} (default: all; all must pass)",
    )
    parser.add_argument("--vectors", type=Path, default=VECTORS)
    args = parser.parse_args(argv)
    languages = [lang for lang in args.languages.split(",") if lang]
    unknown = set(languages) - set(LANGUAGES)
    if unknown:
        parser.error(f"unknown language(s): {', '.join(sorted(unknown))}")
    seed = yaml.safe_load(SEED.read_text())
    total = len(json.loads(args.vectors.read_text())["vectors"])
    with tempfile.TemporaryDirectory(prefix="sb-conformance-") as tmp:
        work = Path(tmp)
        make_tls(work / "tls")
        with running_broker(write_config(work, seed)) as address:
            seed_broker(address, work / "tls", seed)
            before = state(address, work / "tls")
            outcomes = [
                run_one(lang, address, work / "tls", args.vectors.resolve(), total)
                for lang in languages
            ]
            after = state(address, work / "tls")
    for outcome in outcomes:
        print(outcome.line, flush=True)
    if before != after:
        print("conformance: the runners changed the broker's state (a vector wrote)")
        return 1
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
