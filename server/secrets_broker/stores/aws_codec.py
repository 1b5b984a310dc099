"""How broker names and versions are written to AWS Secrets Manager, and read back.

Names: ``encode_name`` keeps AWS's name characters and writes every other byte as
``=XX``. Versions: broker version n of a secret is the AWS version whose VersionId is
``version_token(aws_name, n)`` and whose SecretString is ``wrap_version``'s document.
``decode_version`` reads those and secrets written by other tools alike.
"""

from __future__ import annotations

import base64
import json
import string
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from secrets_broker.domain.errors import DataLoss, InvalidArgument
from secrets_broker.domain.model import SecretContent, SecretValue
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.codec import decode_content, encode_content

Json = dict[str, Any]

MAX_SECRET_BYTES = 65_536
MAX_AWS_NAME = 512
NAME_CHARS = frozenset(string.ascii_letters + string.digits + "/_+.@-")
_HEX = frozenset("0123456789ABCDEF")
_TOKEN_NAMESPACE = uuid.UUID("62ff9da6-4ee5-40b6-82bd-e044ee635701")  # fixed forever


def encode_name(raw: str) -> str:
    """An AWS secret name for a broker name: characters outside AWS's set become ``=XX``.

    Char-wise, so it keeps prefixes; ``=`` itself is escaped, so it is reversible.
    """
    return "".join(c if c in NAME_CHARS else "".join(f"={b:02X}" for b in c.encode()) for c in raw)


def decode_name(encoded: str) -> SecretName | None:
    """The broker name an AWS name encodes, or None for a name the broker never writes."""
    out, i = bytearray(), 0
    while i < len(encoded):
        c = encoded[i]
        if c == "=" and len(encoded) >= i + 3 and set(encoded[i + 1 : i + 3]) <= _HEX:
            out.append(int(encoded[i + 1 : i + 3], 16))
            i += 3
        elif c in NAME_CHARS:
            out.extend(c.encode())
            i += 1
        else:
            return None
    try:
        raw = out.decode()
        return SecretName.internal(raw) if encode_name(raw) == encoded else None
    except (UnicodeDecodeError, InvalidArgument):
        return None


def version_token(aws_name: str, version: int) -> str:
    """The VersionId (ClientRequestToken) of a broker version: a UUID5 of name and version
    whose last 12 hex digits carry the version, so a listed VersionId reads back as one."""
    digest = uuid.uuid5(_TOKEN_NAMESPACE, f"{aws_name}\0{version}").hex
    return str(uuid.UUID(hex=f"{digest[:20]}{version:012x}"))


def token_version(aws_name: str, version_id: str) -> int | None:
    """The broker version a VersionId names, or None for one written outside the broker."""
    try:
        number = int(uuid.UUID(version_id).hex[20:], 16)
    except ValueError:
        return None
    return number if number > 0 and version_token(aws_name, number) == version_id else None


@dataclass(frozen=True, slots=True)
class AwsVersion:
    """One AWS version as read: number is None when it was written outside the broker."""

    version_id: str
    number: int | None
    content: SecretContent
    created: float
    updated: float


def _plain_content(data: Json) -> SecretContent:
    text = {
        k: v if isinstance(v, str) else json.dumps(v, separators=(",", ":"))
        for k, v in data.items()
    }
    return SecretContent(values={str(k): SecretValue(v) for k, v in text.items()})


def _unwrap(name: SecretName, aws_name: str, version_id: str, doc: Json) -> AwsVersion:
    try:
        number = doc["brokerVersion"]
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise TypeError("brokerVersion")
        content = decode_content(json.dumps(doc["doc"]).encode())
        crc, created, updated = (
            int(doc["crc32c"]),
            float(doc["createTime"]),
            float(doc["updateTime"]),
        )
    except DataLoss:
        raise
    except Exception as exc:  # any malformed wrapper is data loss, never a crash
        raise DataLoss(
            f"secret {name} holds an undecodable record ({type(exc).__name__})"
        ) from None
    if version_token(aws_name, number) != version_id:
        raise DataLoss(f"secret {name} version {number} is stored under a foreign version id")
    if content.crc32c() != crc:
        raise DataLoss(f"secret {name} version {number} failed its checksum")
    return AwsVersion(version_id, number, content, created, updated)


def decode_version(name: SecretName, aws_name: str, entry: Mapping[str, Any]) -> AwsVersion:
    """Reads a GetSecretValue answer: the broker's wrapper, a JSON object, text or binary."""
    version_id = str(entry.get("VersionId", ""))
    created_date = entry.get("CreatedDate")
    when = created_date.timestamp() if isinstance(created_date, datetime) else 0.0
    if "SecretString" in entry:
        text = str(entry["SecretString"])
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
        if isinstance(doc, dict) and "brokerVersion" in doc and isinstance(doc.get("doc"), dict):
            return _unwrap(name, aws_name, version_id, doc)
        content = _plain_content(doc) if isinstance(doc, dict) else _single("value", text)
    elif isinstance(entry.get("SecretBinary"), bytes | bytearray):
        content = _single("binary", base64.b64encode(entry["SecretBinary"]).decode())
    else:
        raise DataLoss(f"secret {name} has neither a string nor a binary value")
    return AwsVersion(version_id, None, content, when, when)


def _single(key: str, value: str) -> SecretContent:
    return SecretContent(values={key: SecretValue(value)})


def wrap_version(number: int, content: SecretContent, created: float, updated: float) -> str:
    """The SecretString of broker version ``number``: the codec document with the version,
    times, CRC32C and a nonce that makes racing writers' content differ, even if equal."""
    doc = {
        "brokerVersion": number,
        "createTime": created,
        "updateTime": updated,
        "crc32c": content.crc32c(),
        "nonce": uuid.uuid4().hex,
        "doc": json.loads(encode_content(content)),
    }
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if len(body.encode()) > MAX_SECRET_BYTES:
        raise InvalidArgument("values", f"encode to more than aws's {MAX_SECRET_BYTES} bytes")
    return body
