"""Runs the one conformance suite against every backend in backends/."""

import importlib
from types import ModuleType

import pytest

from secrets_broker.stores.base import Store
from tests.conformance.backends import KINDS


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


# The write half of the contract runs only where writes exist (read-only stores are
# covered by test_store_read_conformance.py and their own tests), so nothing is skipped.
WRITABLE_KINDS = [kind for kind in KINDS if not backend(kind).READ_ONLY]
