"""Serialises a version's content to bytes for stores that seal or keep it whole."""

from __future__ import annotations

import json
from typing import Any

from secrets_broker.domain.errors import DataLoss
from secrets_broker.domain.model import SecretContent, SecretValue, TokenApi


def encode_content(content: SecretContent) -> bytes:
    doc: dict[str, Any] = {"values": {k: v.reveal() for k, v in content.values.items()}}
    if content.refresh_after_seconds is not None:
        doc["refreshAfterSeconds"] = content.refresh_after_seconds
    if content.token_api is not None:
        doc["tokenApi"] = content.token_api.to_json()
    if content.labels:
        doc["labels"] = dict(content.labels)
    return json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()


def decode_content(data: bytes) -> SecretContent:
    try:
        doc = json.loads(data)
        values = {str(k): SecretValue(str(v)) for k, v in doc["values"].items()}
        token = doc.get("tokenApi")
        return SecretContent(
            values=values,
            refresh_after_seconds=doc.get("refreshAfterSeconds"),
            token_api=TokenApi.from_json(token) if isinstance(token, dict) else None,
            labels={str(k): str(v) for k, v in doc.get("labels", {}).items()},
        )
    except DataLoss:
        raise
    except Exception as exc:  # any malformed document is data loss, never a crash
        raise DataLoss(f"stored record is undecodable ({type(exc).__name__})") from None
