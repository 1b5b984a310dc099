"""The base of every config section (ops/config.py holds the schema)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Section(BaseModel):
    """A config section: unknown keys are errors, values are checked strictly."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def check_listen(value: str) -> str:
    """``value`` if it is HOST:PORT, else a ValueError naming it."""
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(f"must be HOST:PORT, got {value!r}")
    return value
