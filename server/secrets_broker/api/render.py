"""Answers for cached secrets, encoded once per cached version and key subset.

A cache hit answers with the bytes encoded for the first caller of that version (the
cache keeps them sealed with the entry, cache.py): no etag, CRC32C, timestamp or
protobuf encoding per call. The handlers return such bytes in place of a message; the
serializer the transport registers passes bytes through (``serializer``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from google.protobuf.message import Message
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.v1 import resources_pb2 as pb

from secrets_broker.api import convert
from secrets_broker.domain.model import Secret


def serializer(message_type: type[Message]) -> Callable[[Any], bytes]:
    """The response serializer for ``message_type`` that also accepts encoded bytes."""
    encode = message_type.SerializeToString

    def serialize(response: Any) -> bytes:
        return response if isinstance(response, bytes) else encode(response)

    return serialize


def _view(kind: str, keys: frozenset[str]) -> str:
    return kind + "\0" + "\0".join(sorted(keys)) if keys else kind


def get_secret_response(secret: Secret, keys: frozenset[str]) -> bytes:
    """The encoded GetSecretResponse for ``secret`` (``keys``: the subset asked)."""
    kept = secret.renderings
    view = _view("GetSecretResponse", keys)
    if kept is not None:
        found = kept.get(view)
        if found is not None:
            return found
    response = broker_pb.GetSecretResponse(
        secret=convert.secret_to_pb(secret, keys), resolved_name=secret.name.value
    )
    if secret.disable_time is not None:  # superseded by a rotation, in its overlap
        response.previous_version = True
        response.scheduled_disable_time.CopyFrom(convert.timestamp(secret.disable_time))
    data = response.SerializeToString()
    if kept is not None:
        kept.put(view, data)
    return data


def secret_message(secret: Secret, keys: frozenset[str]) -> pb.Secret:
    """``secret`` as a message, from its kept encoding when there is one."""
    kept = secret.renderings
    if kept is None:
        return convert.secret_to_pb(secret, keys)
    view = _view("Secret", keys)
    found = kept.get(view)
    if found is not None:
        return pb.Secret.FromString(found)
    message = convert.secret_to_pb(secret, keys)
    kept.put(view, message.SerializeToString())
    return message
