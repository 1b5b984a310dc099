"""One module per store backend. Each defines a function-scoped pytest fixture
``store_<kind>`` yielding a fresh, empty Store talking to a real server (started by
its own session fixture), and the capability flags below.

    READ_ONLY = False        # True: put/delete raise; the suite seeds data via SEED
    KEEPS_VERSIONS = True    # older versions stay readable after a new put
"""

import pkgutil

KINDS = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
