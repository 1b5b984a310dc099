"""How one version's content is laid out as Vault KV v2 data, both ways."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from secrets_broker.domain.errors import DataLoss
from secrets_broker.domain.model import SecretContent
from secrets_broker.stores.codec import decode_content, encode_content

Json = dict[str, Any]

META_KEY = "secrets_broker:meta"
"""The one KV key the broker reserves. ':' is outside the value-key alphabet (names.py),
so no broker value can collide with it."""


def to_kv_data(content: SecretContent) -> Json:
    """The KV data of one version: the values as they are, plus META_KEY when needed."""
    doc = json.loads(encode_content(content))
    data: Json = doc.pop("values")
    if doc:
        data[META_KEY] = json.dumps(doc, separators=(",", ":"), sort_keys=True)
    return data


def from_kv_data(data: Mapping[str, Any]) -> SecretContent:
    """Reads broker-written and plain Vault data alike; non-string values become JSON text."""
    doc: Json = {}
    meta = data.get(META_KEY)
    if meta is not None:
        try:
            parsed = json.loads(meta) if isinstance(meta, str) else None
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            raise DataLoss(f"the {META_KEY} entry is not a JSON object")
        doc.update(parsed)
    doc["values"] = {
        k: v if isinstance(v, str) else json.dumps(v, separators=(",", ":"), sort_keys=True)
        for k, v in data.items()
        if k != META_KEY
    }
    return decode_content(json.dumps(doc).encode())
