"""Results of the reliability batteries, for docs/reliability.md (tools/reliability_report.py).

A test that belongs to a battery takes the ``reliability`` fixture and records each case
it tried: ``reliability.record(battery, case, outcome, **details)``. After the test, its
records are appended to ``$RELIABILITY_RESULTS_DIR/results.jsonl`` (default
``build/reliability``), one JSON object a line:

    {"battery": "store-faults", "case": "postgres/blackhole", "outcome": "stale, then recovered",
     "details": {"faults_injected": 3, ..., "test": "passed"}}

``details["test"]`` is the pytest outcome of the test that recorded the case; a test that
failed before recording anything still leaves one line (outcome "test failed"), so the
report never shows fewer failures than pytest did. ``make test`` empties the directory
before pytest runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
_KEY = pytest.StashKey["Recorder"]()


def results_dir() -> Path:
    return Path(os.environ.get("RELIABILITY_RESULTS_DIR", ROOT / "build" / "reliability"))


class Recorder:
    def __init__(self, battery: str, test: str) -> None:
        self.battery = battery
        self.test = test
        self.records: list[dict[str, Any]] = []

    def record(self, battery: str, case: str, outcome: str, **details: Any) -> None:
        self.records.append(
            {"battery": battery, "case": case, "outcome": outcome, "details": details}
        )

    def flush(self, passed: bool) -> None:
        result = "passed" if passed else "failed"
        lines = self.records or [
            {"battery": self.battery, "case": self.test, "outcome": "test failed", "details": {}}
        ]
        if not self.records and passed:
            return
        path = results_dir() / "results.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as out:
            for line in lines:
                line["details"] = {**line["details"], "test": result}
                out.write(json.dumps(line, sort_keys=True) + "\n")


@pytest.fixture
def reliability(request: pytest.FixtureRequest) -> Iterator[Recorder]:
    """Records battery cases; the module's BATTERY names the battery of a failed test."""
    battery = getattr(request.module, "BATTERY", request.module.__name__)
    recorder = Recorder(battery, request.node.name)
    request.node.stash[_KEY] = recorder
    yield recorder


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    recorder = item.stash.get(_KEY, None)
    if recorder is None:
        return
    # Flush once: after the call, or at setup/teardown when that is where it failed.
    if report.when == "call" or (report.failed and report.when == "setup"):
        recorder.flush(report.passed)
        item.stash[_KEY] = Recorder(recorder.battery, recorder.test)  # nothing twice
