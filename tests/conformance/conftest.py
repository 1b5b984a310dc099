"""Runs the one conformance suite against every backend in backends/."""

import importlib
from types import ModuleType

import pytest

from secrets_broker.stores.base import Store
from tests.conformance.backends import KINDS

pytest_plugins = [f"tests.conformance.backends.{kind}" for kind in KINDS]


def backend(kind: str) -> ModuleType:
    return importlib.import_module(f"tests.conformance.backends.{kind}")


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(kind: str, request: pytest.FixtureRequest) -> Store:
    value = request.getfixturevalue(f"store_{kind}")
    assert isinstance(value, Store)
    return value


@pytest.fixture
def writable(kind: str) -> None:
    if backend(kind).READ_ONLY:
        pytest.skip(f"{kind} is read-only: its read paths are covered by test_read_only_*")
