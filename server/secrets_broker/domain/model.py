"""The secret object: values, version, times, refresh hint, token API, integrity data."""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Protocol

import google_crc32c

from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.names import SecretName, check_key

MAX_VALUES = 64
MAX_VALUE_BYTES = 65_536
MAX_TOTAL_BYTES = 262_144
MAX_LABELS = 64
MAX_LABEL_VALUE_BYTES = 256
MAX_REFRESH_SECONDS = 30 * 24 * 3600
WELL_KNOWN_KEYS = ("userId", "clearPassword", "encryptedPassword", "accessToken", "accessTokenURL")


class SecretValue:
    """A secret string that never shows itself in a repr, str, log line or traceback."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "SecretValue(***)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SecretValue) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class TokenApi:
    """How to call the token API that a secret's values unlock."""

    http_method: str = ""
    url: str = ""
    content_type: str = ""
    request_body: Mapping[str, str] = field(default_factory=dict)
    response_body_mapping: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "httpMethod": self.http_method,
            "url": self.url,
            "contentType": self.content_type,
            "requestBody": dict(self.request_body),
            "responseBodyMapping": dict(self.response_body_mapping),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> TokenApi:
        def text(key: str) -> str:
            value = data.get(key, "")
            return value if isinstance(value, str) else str(value)

        def flat(v: object) -> str:
            if v is None:
                return ""
            return v if isinstance(v, str) else json.dumps(v)

        def mapping(key: str) -> dict[str, str]:
            value = data.get(key) or {}
            if not isinstance(value, Mapping):
                return {}
            return {str(k): flat(v) for k, v in value.items()}

        return cls(
            # The collections YAML says httpRequestType; the broker's own JSON httpMethod.
            http_method=text("httpMethod") or text("httpRequestType"),
            url=text("url"),
            content_type=text("contentType"),
            request_body=mapping("requestBody"),
            response_body_mapping=mapping("responseBodyMapping"),
        )


@dataclass(frozen=True)
class SecretContent:
    """What a writer supplies for a new version: everything but version and times."""

    values: Mapping[str, SecretValue]
    refresh_after_seconds: int | None = None
    token_api: TokenApi | None = None
    labels: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def _crc32c(self) -> int:
        return data_crc32c(self.values)

    def crc32c(self) -> int:
        """CRC32C of the canonical encoding of the values (computed once)."""
        return self._crc32c


class Renderings(Protocol):
    """Encodings of one cached version that the service layer keeps to answer again
    without re-encoding (e.g. a serialized response per key subset); ``view`` names the
    encoding. The cache keeps them sealed, like the version itself (cache.py)."""

    def get(self, view: str) -> bytes | None: ...

    def put(self, view: str, data: bytes) -> None: ...


@dataclass(frozen=True)
class Secret:
    """One stored version of a secret object."""

    name: SecretName
    version: int
    content: SecretContent
    create_time: datetime
    update_time: datetime
    # Set by the cache when it serves this version after the store failed: seconds
    # since it was read from the store. The service layer marks such answers.
    stale_seconds: float | None = None
    # When this version is due to be disabled (a rotation superseded it and its overlap
    # runs until then); None when nothing is scheduled.
    disable_time: datetime | None = None
    # Set by the cache: where encodings of this version may be kept while it is cached.
    renderings: Renderings | None = field(default=None, compare=False, repr=False)

    @cached_property
    def etag(self) -> str:
        return make_etag(self.name, self.version, self.content.crc32c())


@dataclass(frozen=True, slots=True)
class SecretMetadata:
    """A secret's latest version described without its values."""

    name: SecretName
    version: int
    create_time: datetime
    update_time: datetime
    refresh_after_seconds: int | None
    data_crc32c: int
    keys: tuple[str, ...]
    labels: Mapping[str, str]

    @property
    def etag(self) -> str:
        return make_etag(self.name, self.version, self.data_crc32c)

    @classmethod
    def of(cls, secret: Secret) -> SecretMetadata:
        return cls(
            name=secret.name,
            version=secret.version,
            create_time=secret.create_time,
            update_time=secret.update_time,
            refresh_after_seconds=secret.content.refresh_after_seconds,
            data_crc32c=secret.content.crc32c(),
            keys=tuple(sorted(secret.content.values)),
            labels=dict(secret.content.labels),
        )


def canonical_encoding(values: Mapping[str, SecretValue]) -> bytes:
    """The byte string that data_crc32c covers (documented in resources.proto)."""
    parts: list[bytes] = []
    for key in sorted(values, key=lambda k: k.encode()):
        k = key.encode()
        v = values[key].reveal().encode()
        parts.append(struct.pack(">I", len(k)) + k + struct.pack(">I", len(v)) + v)
    return b"".join(parts)


def data_crc32c(values: Mapping[str, SecretValue]) -> int:
    return int(google_crc32c.value(canonical_encoding(values)))


def make_etag(name: SecretName, version: int, crc: int) -> str:
    digest = hashlib.sha256(f"{name.value}\0{version}\0{crc}".encode()).hexdigest()
    return f'"{version}-{digest[:16]}"'


def validate_content(content: SecretContent) -> None:
    """Rejects values, labels and hints outside the documented limits.

    Called at the edge on writes only: data already stored stays readable when a
    limit changes.
    """
    # A secret may hold no values only to describe a token API (an Egeria collection
    # holding just a tokenAPI section): the caller then obtains its values from that API.
    if not content.values and content.token_api is None:
        raise InvalidArgument("values", "at least one value is required (or a token_api)")
    if len(content.values) > MAX_VALUES:
        raise InvalidArgument("values", f"more than {MAX_VALUES} entries")
    total = 0
    for key, value in content.values.items():
        check_key(key, f"values[{key!r}]" if len(key) <= 128 else "values")
        size = len(value.reveal().encode())
        if size > MAX_VALUE_BYTES:
            raise InvalidArgument(f"values[{key!r}]", f"is longer than {MAX_VALUE_BYTES} bytes")
        total += size + len(key)
    if total > MAX_TOTAL_BYTES:
        raise InvalidArgument("values", f"keys and values exceed {MAX_TOTAL_BYTES} bytes")
    if len(content.labels) > MAX_LABELS:
        raise InvalidArgument("labels", f"more than {MAX_LABELS} entries")
    for key, label in content.labels.items():
        check_key(key, "labels")
        if len(label.encode()) > MAX_LABEL_VALUE_BYTES:
            raise InvalidArgument(f"labels[{key!r}]", f"longer than {MAX_LABEL_VALUE_BYTES} bytes")
    hint = content.refresh_after_seconds
    if hint is not None and not 0 < hint <= MAX_REFRESH_SECONDS:
        raise InvalidArgument("refresh_after", f"must be within (0, {MAX_REFRESH_SECONDS}] seconds")
