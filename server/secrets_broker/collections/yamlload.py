"""Reads YAML from outside the broker within fixed caps, without recursion.

PyYAML's composer recurses once per nesting level (100k nested brackets end in
RecursionError) and shares aliased nodes, which a reader then expands (a 0.5 KiB
"billion laughs" document becomes gigabytes). This reader walks libyaml's event stream
and builds the document with an explicit stack instead, refusing what the secrets
collections format never needs: anchors, aliases, tags other than YAML's standard
scalar ones, keys that are not text, and more than one document. Over a cap it raises
InvalidArgument (reason IMPORT_INVALID) naming the cap.

Plain scalars keep the text as written (``clearPassword: 0755`` stays "0755", as a Java
String field receives it); those YAML 1.1 reads as a number, boolean or timestamp are a
``PlainScalar``, whose ``value`` is that typed reading, used only to write JSON text.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from secrets_broker.domain.errors import InvalidArgument

# libyaml's parser when PyYAML was built with it (its wheels are), else the pure one;
# both are iterative state machines.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STD = "tag:yaml.org,2002:"
_TYPED = frozenset(_STD + t for t in ("int", "float", "bool", "timestamp"))
_COLLECTION_TAGS = frozenset({None, "!", _STD + "map", _STD + "seq"})
# Longer plain scalars are text: a typed reading of a long "number" (a 100k-digit
# integer, a sexagesimal one) costs quadratic time and means nothing in this format.
_MAX_TYPED_CHARS = 64
_CHECK_EVERY = 1024  # events between two looks at the clock


@dataclass(frozen=True, slots=True)
class Caps:
    max_bytes: int
    max_depth: int
    max_nodes: int
    budget_seconds: float


class PlainScalar(str):
    """A plain scalar that YAML 1.1 reads as a number, boolean or timestamp."""

    value: object


class YamlMap(dict[str, Any]):
    """A mapping, with the keys that appeared more than once (the last one wins)."""

    duplicates: list[str]


def refuse(problem: str) -> InvalidArgument:
    return InvalidArgument("yaml", problem, reason="IMPORT_INVALID")


def _line(event: Any) -> str:
    mark = getattr(event, "start_mark", None)
    return f" at line {mark.line + 1}" if mark is not None else ""


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, caps: Caps) -> None:
        self.loader = loader
        self.caps = caps
        self.nodes = 0
        self.documents = 0
        self.root: Any = None
        # Open collections, innermost last; for a mapping, the key awaiting its value.
        self.stack: list[tuple[YamlMap | list[Any], str | None]] = []

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None:
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        if tag in ("!", _STD + "str"):
            return event.value
        if tag == _STD + "null":
            return None
        if tag not in _TYPED:
            raise refuse(f"uses the tag {tag!r}{_line(event)}; only standard scalar tags are read")
        out = PlainScalar(event.value)
        out.value = event.value
        if len(event.value) <= _MAX_TYPED_CHARS:
            try:
                node = yaml.ScalarNode(tag, event.value)
                out.value = self.loader.yaml_constructors[tag](self.loader, node)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError):
                pass  # not a valid typed value after all: its text stands
        return out

    def attach(self, value: Any, event: Any) -> None:
        if not self.stack:
            self.root = value
            return
        container, key = self.stack[-1]
        if isinstance(container, list):
            container.append(value)
        elif key is None:
            if not isinstance(event, yaml.ScalarEvent):
                raise refuse(f"has a mapping key that is not text{_line(event)}")
            self.stack[-1] = (container, event.value)
        else:
            if key in container:
                container.duplicates.append(key)
            container[key] = value
            self.stack[-1] = (container, None)

    def node(self, event: Any) -> None:
        if event.anchor is not None:
            raise refuse(f"uses an anchor (&{event.anchor}){_line(event)}; anchors are not read")
        self.nodes += 1
        if self.nodes > self.caps.max_nodes:
            raise refuse(f"has more than {self.caps.max_nodes} nodes (the node cap)")
        if isinstance(event, yaml.ScalarEvent):
            self.attach(self.scalar(event), event)
            return
        if event.tag not in _COLLECTION_TAGS:
            raise refuse(f"uses the tag {event.tag!r}{_line(event)}; only plain maps and lists")
        container: YamlMap | list[Any]
        if isinstance(event, yaml.MappingStartEvent):
            container = YamlMap()
            container.duplicates = []
        else:
            container = []
        self.attach(container, event)
        self.stack.append((container, None))
        if len(self.stack) > self.caps.max_depth:
            raise refuse(f"nests deeper than {self.caps.max_depth} levels (the depth cap)")

    def end(self, event: Any) -> None:
        self.stack.pop()

    def alias(self, event: Any) -> None:
        raise refuse(f"uses an alias (*{event.anchor}){_line(event)}; aliases are not read")

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise refuse(f"holds more than one document{_line(event)}")

    def ignore(self, event: Any) -> None:
        pass


# One handler per event class (StreamStart, DocumentEnd and StreamEnd need nothing).
_HANDLERS: dict[type, Callable[[_Builder, Any], None]] = {
    yaml.ScalarEvent: _Builder.node,
    yaml.MappingStartEvent: _Builder.node,
    yaml.SequenceStartEvent: _Builder.node,
    yaml.MappingEndEvent: _Builder.end,
    yaml.SequenceEndEvent: _Builder.end,
    yaml.AliasEvent: _Builder.alias,
    yaml.DocumentStartEvent: _Builder.document,
}


def load(text: str, caps: Caps) -> Any:
    """The document in ``text`` as dicts (YamlMap), lists, str and None."""
    if len(text) > caps.max_bytes or len(text.encode()) > caps.max_bytes:
        raise refuse(f"is larger than {caps.max_bytes} bytes (the size cap)")
    # CPU time of this thread: the budget measures the document's cost, not how busy
    # the machine or the other threads are (the caller's RPC deadline bounds wall time).
    deadline = time.thread_time() + caps.budget_seconds
    loader = _Loader(text)
    builder = _Builder(loader, caps)
    handlers, ignore = _HANDLERS, _Builder.ignore
    try:
        count = 0
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            handlers.get(type(event), ignore)(builder, event)
            count += 1
            if count % _CHECK_EVERY == 0 and time.thread_time() > deadline:
                raise refuse(f"took longer than {caps.budget_seconds:g} s to read (the time cap)")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise refuse(f"is not valid YAML{at}") from None
    finally:
        loader.dispose()
    return builder.root
