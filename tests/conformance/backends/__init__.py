"""One module per store backend. Each defines a function-scoped pytest fixture
``store_<kind>`` yielding a fresh, empty Store talking to a real server (started by
its own session fixture), and the capability flags below.

    READ_ONLY = False        # True: put/delete raise; the suite seeds data via seed()
    KEEPS_VERSIONS = True    # older versions stay readable after a new put
    VERSION_STATES = True    # (writable stores) versions can be disabled, enabled,
                             # destroyed and scheduled; False: VersionStateUnsupported

and, optionally, the way the read-path suite (test_store_read_conformance.py) fills it:

    async def seed(store, tmp_path: Path, secrets: dict[str, dict[str, str]]) -> None
        # makes ``store`` serve each name with exactly the given values (a new version
        # when the name already holds other values); names not given keep theirs;
        # returns once every read sees them. tmp_path is the test's own tmp_path.

A backend without ``seed`` is seeded through ``store.put`` unless it is READ_ONLY. A
store may also serve broker-owned names under the reserved ``sys/`` prefix (the file
store keeps collection directories there); the read suite ignores them.
"""

import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from tests.servers import ServerError

KINDS = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@contextmanager
def failing_on_server_error() -> Iterator[None]:
    """A server that cannot start (tests/servers.py) fails the test with its reason."""
    try:
        yield
    except ServerError as exc:
        pytest.fail(str(exc), pytrace=False)
