"""The reliability report turns battery results (JSON lines) into docs/reliability.md."""

import json
from pathlib import Path

from tools.reliability_report import main


def test_report_counts_cases_failures_and_sums(tmp_path: Path) -> None:
    results = tmp_path / "results"
    results.mkdir()
    lines = [
        {
            "battery": "crash",
            "case": "a",
            "outcome": "ok",
            "details": {"crashes": 3, "lost": 0, "test": "passed"},
        },
        {
            "battery": "crash",
            "case": "b|c",
            "outcome": "ok",
            "details": {"crashes": 2, "lost": 1, "test": "failed"},
        },
        {
            "battery": "bad-input",
            "case": "x",
            "outcome": "refused",
            "details": {"inputs": 40, "test": "passed"},
        },
    ]
    (results / "results.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    out = tmp_path / "report.md"
    assert main(["report", str(results), str(out)]) == 0
    text = out.read_text()
    assert "| crash | 2 | 1 | 0 | 0 | 5 | 0 | 0 | 1 | 0 |" in text
    assert "| bad-input | 1 | 1 | 40 |" in text
    assert "**3 cases, 1 failed; 1 writes lost, 0 torn.**" in text
    assert "| b\\|c | ok | failed | crashes=2, lost=1 |" in text


def test_no_results_is_an_error(tmp_path: Path) -> None:
    assert main(["report", str(tmp_path), str(tmp_path / "r.md")]) == 1
