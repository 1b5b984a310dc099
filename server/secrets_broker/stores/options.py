"""Reads a store's config section: the checks every store makes, written once.

Every error is a ConfigError reading ``<kind> store: option 'key' ...``: it names the
option, never its value (values may be credentials). A text or path option set to null
counts as not given; a number or flag set to null is refused like any other non-number.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, overload

from secrets_broker.domain.errors import ConfigError, Unavailable


class Options:
    """One store's options; a key outside ``allowed`` is refused on construction.

    With ``trim``, text and path values lose surrounding whitespace. ``label`` names the
    section in errors (default ``<kind> store``; key providers use their own).
    """

    def __init__(
        self,
        kind: str,
        raw: Mapping[str, Any],
        allowed: Iterable[str],
        *,
        trim: bool = False,
        label: str | None = None,
    ) -> None:
        self.kind = kind
        self.label = label or f"{kind} store"
        self._raw = raw
        self._trim = trim
        unknown = sorted(set(raw) - set(allowed))
        if unknown:
            raise self.fail(f"unknown option {unknown[0]!r}")

    def fail(self, problem: str) -> ConfigError:
        """An error about the section as a whole (e.g. options that exclude each other)."""
        return ConfigError(f"{self.label}: {problem}")

    def error(self, key: str, problem: str) -> ConfigError:
        return self.fail(f"option {key!r} {problem}")

    def given(self, key: str) -> bool:
        return self._raw.get(key) is not None

    def get(self, key: str, default: Any) -> Any:
        """The value as written, for checks only one store makes."""
        return self._raw.get(key, default)

    @overload
    def text(self, key: str, *, required: Literal[True], empty_is_unset: bool = ...) -> str: ...
    @overload
    def text(self, key: str, *, required: bool = ..., empty_is_unset: bool = ...) -> str | None: ...
    def text(self, key: str, *, required: bool = False, empty_is_unset: bool = False) -> str | None:
        """A string with more than whitespace in it; with ``empty_is_unset``, '' is not given."""
        value = self._raw.get(key)
        if value is None or (empty_is_unset and value == ""):
            if required:
                raise self.error(key, "is required")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, "must be a non-empty string")
        return value.strip() if self._trim else value

    @overload
    def path(self, key: str, *, required: Literal[True], must_exist: bool = ...) -> Path: ...
    @overload
    def path(self, key: str, *, required: bool = ..., must_exist: bool = ...) -> Path | None: ...
    def path(self, key: str, *, required: bool = False, must_exist: bool = False) -> Path | None:
        """A file name (text or a path object); with ``must_exist``, a file that is there."""
        value = self._raw.get(key)
        if isinstance(value, os.PathLike):
            path = Path(value)
        else:
            text = self.text(key, required=required)
            if text is None:
                return None
            path = Path(text)
        if must_exist and not path.is_file():
            raise self.error(key, "names no readable file")
        return path

    def secret_file(self, key: str) -> Path | None:
        """A credential file, read once now so that a missing or empty one stops start-up;
        the store reads it again at each use (see ``read_secret_file``)."""
        path = self.path(key, must_exist=True)
        if path is not None:
            try:
                read_secret_file(self.kind, path, key)
            except Unavailable as exc:
                raise ConfigError(str(exc)) from None
        return path

    def integer(self, key: str, default: int, low: int, high: int | None = None) -> int:
        value = self._raw.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < low
            or (high is not None and value > high)
        ):
            bounds = f">= {low}" if high is None else f"in [{low}, {high}]"
            raise self.error(key, f"must be an integer {bounds}")
        return value

    def number(
        self, key: str, default: float, low: float, high: float, *, above_low: bool = False
    ) -> float:
        """An int or float within [low, high], or (low, high] with ``above_low``."""
        value = self._raw.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (low < value if above_low else low <= value)
            or not value <= high
        ):
            raise self.error(key, f"must be a number in {'(' if above_low else '['}{low}, {high}]")
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self._raw.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "must be true or false")
        return value


def read_secret_file(kind: str, path: Path, key: str) -> str:
    """The stripped text of the credential file named by option ``key``; Unavailable when
    it cannot be read or is empty (logged with the path, never the content)."""
    log = logging.getLogger(f"secrets_broker.stores.{kind}")
    try:
        text = path.read_text().strip()
    except OSError as exc:
        log.error("%s store: cannot read %s %s: %s", kind, key, path, type(exc).__name__)
        raise Unavailable(f"{kind} store: cannot read the file named by option {key!r}") from None
    if not text:
        log.error("%s store: %s %s is empty", kind, key, path)
        raise Unavailable(f"{kind} store: the file named by option {key!r} is empty")
    return text
