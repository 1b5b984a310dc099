"""Every input in the committed fuzz corpus (tests/fuzz/corpus/<target>/: the seeds, and
any finding once fixed) runs through its target on every `make test`."""

from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS

CORPUS = Path(__file__).resolve().parents[1] / "fuzz" / "corpus"
CASES = sorted((t, p) for t in TARGETS for p in (CORPUS / t).iterdir())


def test_every_target_has_a_corpus() -> None:
    assert {t for t, _ in CASES} == set(TARGETS)


@pytest.mark.parametrize(("target", "path"), CASES, ids=[f"{t}/{p.name[:8]}" for t, p in CASES])
def test_corpus_input_ends_in_a_result_or_a_clear_error(target: str, path: Path) -> None:
    TARGETS[target](path.read_bytes())
