"""Makes generated messages honour ``debug_redact`` when printed.

protobuf-python (upb, 7.x) ignores the ``debug_redact`` field option in ``str()`` and
``repr()``: a logged ``Secret`` would show its values. ``install`` gives every message
class with a redacted field (directly or in a nested message) a ``__str__``/``__repr__``
that prints ``[REDACTED]`` in place of those fields' values. Serialization, JSON and
field access are untouched: only the debug text changes.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from google.protobuf import text_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import Message

MARK = "[REDACTED]"


def _redacted_fields(desc: Descriptor, seen: set[str] | None = None) -> bool:
    """Whether ``desc`` or a message it contains has a debug_redact field."""
    seen = set() if seen is None else seen
    if desc.full_name in seen:
        return False
    seen.add(desc.full_name)
    for field in desc.fields:
        if field.GetOptions().debug_redact:
            return True
        if field.message_type is not None and _redacted_fields(field.message_type, seen):
            return True
    return False


def _map_value(field: FieldDescriptor) -> FieldDescriptor | None:
    """The value field of a map field's entry type; None if ``field`` is not a map."""
    entry = field.message_type
    if entry is None or not entry.GetOptions().map_entry:
        return None
    return entry.fields_by_name["value"]


def _scrub(msg: Message) -> None:
    for field, value in msg.ListFields():
        map_value = _map_value(field)
        if field.GetOptions().debug_redact:
            if map_value is not None and map_value.type == FieldDescriptor.TYPE_STRING:
                for key in list(value):
                    value[key] = MARK
            elif field.type == FieldDescriptor.TYPE_STRING and not field.is_repeated:
                setattr(msg, field.name, MARK)
            else:
                msg.ClearField(field.name)
        elif map_value is not None:
            if map_value.type == FieldDescriptor.TYPE_MESSAGE:
                for item in value.values():
                    _scrub(item)
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            for item in value if field.is_repeated else (value,):
                _scrub(item)


def redacted_text(msg: Message) -> str:
    """The text format of ``msg`` with every debug_redact field's value hidden."""
    copy = type(msg)()
    copy.CopyFrom(msg)
    _scrub(copy)
    return text_format.MessageToString(copy)


def _str(self: Message) -> str:
    return redacted_text(self)


def _repr(self: Message) -> str:
    return f"<{type(self).DESCRIPTOR.full_name} {redacted_text(self).strip()}>"


def install(*modules: ModuleType) -> None:
    """Patches the message classes defined in ``modules`` that carry redacted data."""
    for module in modules:
        desc: Any = module.DESCRIPTOR
        for msg_desc in desc.message_types_by_name.values():
            if _redacted_fields(msg_desc):
                cls = getattr(module, msg_desc.name)
                cls.__str__ = _str
                cls.__repr__ = _repr
