"""Finds store implementations by entry point (group ``secrets_broker.stores``).

A third-party store is a class with ``from_config(options) -> Store``, declared as
``[project.entry-points."secrets_broker.stores"] mystore = "pkg.mod:MyStore"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import entry_points
from typing import Any

from secrets_broker.domain.errors import ConfigError
from secrets_broker.stores.base import Store

GROUP = "secrets_broker.stores"


def available() -> list[str]:
    return sorted(ep.name for ep in entry_points(group=GROUP))


def open_store(kind: str, options: Mapping[str, Any]) -> Store:
    """Builds the store named ``kind`` from its config section (``type`` removed)."""
    found = entry_points(group=GROUP, name=kind)
    if not found:
        raise ConfigError(f"store type {kind!r} is not installed (available: {available()})")
    cls = next(iter(found)).load()
    store = cls.from_config(options)
    if not isinstance(store, Store):
        raise ConfigError(f"store type {kind!r} does not implement the Store protocol")
    return store
