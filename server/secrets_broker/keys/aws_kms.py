"""The ``aws-kms`` key provider: an AWS KMS key wraps the data keys (Encrypt/Decrypt).

The broker makes each data key itself and has KMS encrypt it (one code path for every
provider; GenerateDataKey would save nothing, data keys being rare). The KEK version is
the KMS key's ARN (``aws-kms:arn:aws:kms:...:key/<id>``), which Encrypt reports and the
ciphertext names. The wrap context is KMS's EncryptionContext, so it shows in
CloudTrail and key policies can require it.

Rotation: with ``key_id`` an alias (``alias/secrets-broker``), ``rotate`` creates a new
symmetric key and points the alias at it; old keys stay and still decrypt until they
are disabled (do that after ``rekey``). KMS's own automatic rotation is transparent
(the ARN does not change) and needs no re-wrap.

Options: ``key_id`` (required: an alias, key id or ARN); ``region``; ``endpoint_url``;
credentials from ``profile``, or ``access_key_id`` with ``secret_access_key`` (and
``session_token``), else boto3's default chain; ``connect_timeout_ms`` (default 2000),
``read_timeout_ms`` (default 5000), ``max_attempts`` (default 3); ``name``.
IAM actions: kms:Encrypt, kms:Decrypt, kms:DescribeKey; for ``rekey``: kms:CreateKey,
kms:UpdateAlias.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from secrets_broker.domain.errors import ConfigError
from secrets_broker.keys.provider import KeyRefused, KeyUnreachable, Wrapped, provider_label
from secrets_broker.stores.aws_config import AWS_TEXTS, aws_client, aws_ints, read_aws_options
from secrets_broker.stores.options import Options

T = TypeVar("T")
log = logging.getLogger("secrets_broker.keys.aws_kms")

_TEXTS = ("key_id", *AWS_TEXTS, "name")
_INTS = aws_ints(read_timeout_ms=5000)
# KMS answers these when it cannot serve now; anything else is a refusal.
_RETRYABLE = frozenset(
    {"KMSInternalException", "DependencyTimeoutException", "ThrottlingException",
     "ServiceUnavailableException", "RequestLimitExceeded"}
)  # fmt: skip
PREFIX = "aws-kms:"


class AwsKmsProvider:
    can_rotate = True

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.label = provider_label("aws-kms", options)
        opts = Options("aws-kms", options, (*_TEXTS, *_INTS), label=self.label)
        texts, ints = read_aws_options(opts, _TEXTS, _INTS)
        if "key_id" not in texts:
            raise opts.error("key_id", "is required")
        self._key_id = texts["key_id"]
        self._kms = aws_client(opts, "kms", texts, ints)
        self._lock = threading.Lock()

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> AwsKmsProvider:
        return cls(options)

    def _call(self, what: str, call: Callable[[Any], T]) -> T:
        try:
            return call(self._kms)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))
            if code in _RETRYABLE or status >= 500:
                log.warning("%s: %s: KMS unavailable: %s", self.label, what, code)
                raise KeyUnreachable(f"{self.label}: KMS is unavailable ({code})") from None
            log.error("%s: %s: refused: %s %s", self.label, what, code, error.get("Message"))
            raise KeyRefused(f"{self.label}: KMS refused to {what} ({code})") from None
        except BotoCoreError as exc:
            log.warning("%s: %s: KMS unreachable: %s", self.label, what, type(exc).__name__)
            raise KeyUnreachable(f"{self.label}: KMS is unreachable") from None

    def owns(self, kek: str) -> bool:
        # KMS finds the key from the ciphertext: any KMS key this account may use.
        return kek.startswith(PREFIX)

    def current(self) -> str:
        reply = self._call("describe the key", lambda k: k.describe_key(KeyId=self._key_id))
        return PREFIX + str(reply["KeyMetadata"]["Arn"])

    def wrap(self, key: bytes, context: Mapping[str, str]) -> Wrapped:
        reply = self._call(
            "wrap a data key",
            lambda k: k.encrypt(KeyId=self._key_id, Plaintext=key, EncryptionContext=dict(context)),
        )
        return Wrapped(PREFIX + str(reply["KeyId"]), bytes(reply["CiphertextBlob"]))

    def unwrap(self, wrapped: Wrapped, context: Mapping[str, str]) -> bytes:
        if not self.owns(wrapped.kek):
            raise KeyRefused(f"{self.label}: the data key is wrapped under {wrapped.kek}")
        reply = self._call(
            "unwrap a data key",
            lambda k: k.decrypt(
                CiphertextBlob=wrapped.blob,
                EncryptionContext=dict(context),
                KeyId=wrapped.kek.removeprefix(PREFIX),
            ),
        )
        return bytes(reply["Plaintext"])

    def rotate(self) -> str:
        """A new key behind the alias; the old one keeps decrypting until disabled."""
        alias = self._key_id.split(":")[-1] if ":alias/" in self._key_id else self._key_id
        if not alias.startswith("alias/"):
            raise ConfigError(
                f"{self.label}: key_id names one key, which cannot rotate itself: give an "
                "alias, or point key_id at a new key (the old one stays usable for "
                "decryption) and run rekey --no-rotate"
            )
        with self._lock:
            old = self._call("describe the key", lambda k: k.describe_key(KeyId=self._key_id))
            created = self._call(
                "create a key",
                lambda k: k.create_key(
                    Description=str(old["KeyMetadata"].get("Description") or "secrets-broker KEK"),
                    KeyUsage="ENCRYPT_DECRYPT",
                    KeySpec="SYMMETRIC_DEFAULT",
                ),
            )
            new_id = str(created["KeyMetadata"]["KeyId"])
            self._call(
                "point the alias at the new key",
                lambda k: k.update_alias(AliasName=alias, TargetKeyId=new_id),
            )
        return PREFIX + str(created["KeyMetadata"]["Arn"])

    def legacy_key(self) -> bytes | None:
        return None

    def close(self) -> None:
        self._kms.close()
