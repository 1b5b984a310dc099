"""The Python quickstart in clients/python/README.md runs as written against `make run`'s
dev broker (here on a free port, its certificates in a temporary .dev)."""

import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.test_cli_dev import DevBroker

README = Path(__file__).resolve().parents[2] / "clients" / "python" / "README.md"


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevBroker]:
    broker = DevBroker(tmp_path_factory.mktemp("quickstart") / ".dev")
    yield broker
    broker.proc.terminate()
    broker.proc.wait(timeout=60)


def test_python_quickstart(dev: DevBroker) -> None:
    code = re.search(r"```python\n(.*?)```", README.read_text(), re.S)
    assert code is not None
    snippet = code.group(1)
    statements = [n for n in ast.walk(ast.parse(snippet)) if isinstance(n, ast.stmt)]
    assert len(statements) < 10  # "under ten lines of user code", however it is wrapped
    snippet = snippet.replace("127.0.0.1:50051", dev.address)
    out = subprocess.run(
        [sys.executable, "-c", snippet],
        cwd=dev.data_dir.parent,  # the snippet names .dev/tls/... relative to the checkout
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["demo ***", "NOT_FOUND SECRET_NOT_FOUND"]
