"""Coverage-guided fuzzing with atheris (libFuzzer) of tests/fuzz/targets.py.

    .venv/bin/python -m tests.fuzz.run requests|yaml [--seconds 30]

Seeds come from tests/fuzz/corpus/<target>/ (committed, read only); new inputs go to
build/fuzz/<target>/corpus and findings to build/fuzz/<target>/ (crash-*, the input that
failed). Exits non-zero on a finding. `make fuzz` runs every target for a bounded time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[2]

with atheris.instrument_imports(include=["secrets_broker", "yaml", "google.protobuf"]):
    from tests.fuzz.targets import TARGETS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--max-len", type=int, default=8192)
    args = parser.parse_args()
    seeds = ROOT / "tests/fuzz/corpus" / args.target
    work = ROOT / "build/fuzz" / args.target
    (work / "corpus").mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        f"-max_total_time={args.seconds}",
        f"-max_len={args.max_len}",
        f"-artifact_prefix={work}/",
        "-print_final_stats=1",
        str(work / "corpus"),
        str(seeds),
    ]
    atheris.Setup(argv, TARGETS[args.target])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
