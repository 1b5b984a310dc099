"""An AWS Secrets Manager store, through boto3 (synchronous, run in threads).

Options (``from_config``): ``region``; ``endpoint_url`` (e.g. a moto server); ``name_prefix``
(default empty, e.g. ``secrets-broker/``); credentials from ``profile``, or from
``access_key_id`` with ``secret_access_key`` (and ``session_token``), else boto3's default
chain; ``kms_key_id`` for new secrets; ``connect_timeout_ms`` (default 2000),
``read_timeout_ms`` (default 10000) and ``max_attempts`` (default 3, botocore's retries).

The IAM actions used: GetSecretValue, BatchGetSecretValue, CreateSecret, PutSecretValue,
DeleteSecret, RestoreSecret, DescribeSecret, ListSecrets, ListSecretVersionIds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from secrets_broker.domain.errors import (
    Aborted,
    ConfigError,
    InvalidArgument,
    NotFound,
    VersionStateUnsupported,
)
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName
from secrets_broker.domain.versions import VersionChange, VersionInfo, VersionState
from secrets_broker.stores.aws_codec import (
    MAX_AWS_NAME,
    NAME_CHARS,
    AwsVersion,
    decode_name,
    decode_version,
    encode_name,
    token_version,
    version_token,
    wrap_version,
)
from secrets_broker.stores.aws_config import AWS_TEXTS, aws_client, aws_ints, read_aws_options
from secrets_broker.stores.aws_errors import Conflict, MarkedDeleted, translate
from secrets_broker.stores.base import MetadataList, VersionInfoList, VersionList, check_cas
from secrets_broker.stores.options import Options

__all__ = [  # the codec's names stay importable from here, where callers found them
    "AwsSecretsManagerStore",
    "decode_name",
    "encode_name",
    "token_version",
    "version_token",
]

T = TypeVar("T")
Json = dict[str, Any]

_log = logging.getLogger("secrets_broker.stores.aws")

_PUT_ATTEMPTS = 10
_BATCH = 20  # BatchGetSecretValue takes at most 20 ids
_TEXTS = (*AWS_TEXTS, "name_prefix", "kms_key_id")
_INTS = aws_ints(read_timeout_ms=10_000)


def _ts(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _pause(attempt: int) -> None:
    time.sleep(min(2.0, 0.05 * 2**attempt) * random.random())  # noqa: S311 -- jitter only


class AwsSecretsManagerStore:
    """Store protocol over AWS Secrets Manager: one AWS secret per broker secret.

    Each broker version is one AWS version whose VersionId is ``version_token(name, n)``
    and whose SecretString wraps the codec document with ``brokerVersion``, times, CRC32C
    and a random nonce. Reads take foreign secrets too (see ``decode_version``); a foreign
    current version is numbered one past the highest broker version the secret lists.
    The AWS name is ``name_prefix`` + ``encode_name(name)``: characters AWS names cannot
    hold (space ``:,()#!&~`` and ``=`` itself) become ``=XX``.

    Old versions: AWS labels the latest AWSCURRENT and the one before AWSPREVIOUS; older
    ones lose their labels ("deprecated") but stay readable by VersionId until the secret
    holds more than 100 versions, when AWS removes outdated ones created over 24 hours ago.
    So the last 100 versions (and all of the last day's) stay readable by number; moto
    removes none. ``versions()`` lists what AWS still lists. AWS advises against more than
    one PutSecretValue per secret every 10 minutes, sustained (a version quota).

    Compare-and-set: AWS has none. A put reads the current version N, checks the caller's
    condition, then writes N+1 with N+1's deterministic token. Racing writers of N+1 share
    that token; AWS refuses a token reused with other content (the nonce makes every
    writer's content differ), so one wins and the others re-read: a conditional put then
    fails its check (ABORTED), an unconditional one retries. Delete has no such guard: its
    etag check and the delete are two calls.

    Delete is DeleteSecret without recovery. A put on a name scheduled for deletion (by
    someone else) restores it first and continues its numbering: its old versions come back.

    List: AWS returns secrets in no useful order, so a list pages through every secret
    under the prefix (one ListSecrets call per 100), sorts the names, then reads the page's
    values (one BatchGetSecretValue per 20 entries, plus one ListSecretVersionIds for each
    entry written outside the broker). Its cost grows with the secrets under the prefix,
    not with ``limit``.

    Consistency: AWS calls its operations eventually consistent (ListSecrets may lag by
    minutes; moto never lags). A stale read cannot make a put overwrite: AWS checks the
    version's token when writing, so the put re-reads, or fails with ABORTED.
    """

    def __init__(
        self,
        client: Any,
        *,
        name_prefix: str = "",
        kms_key_id: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if any(c not in NAME_CHARS and c != "=" for c in name_prefix) or len(name_prefix) > 256:
            raise ConfigError("aws store: option 'name_prefix' may hold only A-Z a-z 0-9 /_+=.@-")
        self._client = client
        self._prefix = name_prefix
        self._kms = {"KmsKeyId": kms_key_id} if kms_key_id else {}
        self._clock = clock

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> AwsSecretsManagerStore:
        """Entry-point constructor; every option is optional (see the module docstring)."""
        opts = Options("aws", options, (*_TEXTS, *_INTS))
        opt, ints = read_aws_options(opts, _TEXTS, _INTS)
        client = aws_client(opts, "secretsmanager", opt, ints)
        return cls(client, name_prefix=opt.get("name_prefix", ""), kms_key_id=opt.get("kms_key_id"))

    # --- plumbing -------------------------------------------------------------------

    def _call(self, op: str, name: object, **params: Any) -> Json:
        try:
            result: Json = getattr(self._client, op)(**params)
        except (ClientError, BotoCoreError) as exc:
            raise translate(exc, op, str(name)) from None
        return result

    def _aws_name(self, name: SecretName) -> str:
        aws_name = self._prefix + encode_name(name.value)
        if len(aws_name) > MAX_AWS_NAME:
            raise InvalidArgument("name", f"is longer than {MAX_AWS_NAME} characters in aws")
        return aws_name

    @staticmethod
    async def _run(fn: Callable[[], T]) -> T:
        return await asyncio.to_thread(fn)

    def _version_ids(self, name: SecretName, aws_name: str) -> list[Json]:
        found: list[Json] = []
        params: Json = {"SecretId": aws_name, "IncludeDeprecated": True, "MaxResults": 100}
        while True:
            page = self._call("list_secret_version_ids", name, **params)
            found.extend(page.get("Versions", []))
            if not page.get("NextToken"):
                return found
            params["NextToken"] = page["NextToken"]

    def _number(self, name: SecretName, aws_name: str, version: AwsVersion) -> int:
        if version.number is not None:
            return version.number
        ids = self._version_ids(name, aws_name)
        return 1 + max((token_version(aws_name, v["VersionId"]) or 0 for v in ids), default=0)

    def _secret(self, name: SecretName, aws_name: str, version: AwsVersion) -> Secret:
        number = self._number(name, aws_name, version)
        return Secret(name, number, version.content, _ts(version.created), _ts(version.updated))

    # --- reads ----------------------------------------------------------------------

    def _read(self, name: SecretName, aws_name: str, version_id: str | None = None) -> AwsVersion:
        """One version (the current one without version_id); raises MarkedDeleted."""
        params: Json = {"SecretId": aws_name}
        if version_id:
            params["VersionId"] = version_id
        return decode_version(name, aws_name, self._call("get_secret_value", name, **params))

    def _get(self, name: SecretName, version: int) -> Secret:
        aws_name = self._aws_name(name)
        if version:
            try:
                found = self._read(name, aws_name, version_token(aws_name, version))
                return self._secret(name, aws_name, found)
            except NotFound:
                pass  # the number may still be a foreign current version's
        current = self._secret(name, aws_name, self._read(name, aws_name))
        if version and current.version != version:
            raise NotFound(f"secret {name} version {version} not found")
        return current

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        return await self._run(lambda: self._get(name, version))

    def _versions(self, name: SecretName) -> VersionList:
        aws_name = self._aws_name(name)
        if self._call("describe_secret", name, SecretId=aws_name).get("DeletedDate"):
            raise NotFound(f"secret {name} not found")
        ids = self._version_ids(name, aws_name)
        numbers = sorted({n for v in ids if (n := token_version(aws_name, v["VersionId"]))})
        current = [v for v in ids if "AWSCURRENT" in v.get("VersionStages", [])]
        if current and token_version(aws_name, current[0]["VersionId"]) is None:
            numbers.append(1 + max(numbers, default=0))
        return numbers

    async def versions(self, name: SecretName) -> VersionList:
        return await self._run(lambda: self._versions(name))

    def _version_info(self, name: SecretName) -> VersionInfoList:
        aws_name = self._aws_name(name)
        if self._call("describe_secret", name, SecretId=aws_name).get("DeletedDate"):
            raise NotFound(f"secret {name} not found")
        ids = self._version_ids(name, aws_name)
        numbered = [(token_version(aws_name, v["VersionId"]), v) for v in ids]
        highest = max((n for n, _ in numbered if n), default=0)
        found: dict[int, VersionInfo] = {}
        for number, v in numbered:
            if number is None and "AWSCURRENT" in v.get("VersionStages", []):
                number = highest + 1  # a foreign current version, numbered as get() does
            if number:
                created = v.get("CreatedDate") or datetime.fromtimestamp(0, UTC)
                found[number] = VersionInfo(name, number, created, VersionState.ENABLED)
        return [found[n] for n in sorted(found)]

    async def version_info(self, name: SecretName) -> VersionInfoList:
        return await self._run(lambda: self._version_info(name))

    async def set_version_state(
        self,
        name: SecretName,
        version: int,
        change: VersionChange,
        *,
        at: datetime | None = None,
    ) -> VersionInfo:
        """AWS Secrets Manager has no per-version state: every version stays readable by
        its VersionId until AWS drops it, and values are erased only with the secret."""
        raise VersionStateUnsupported(
            "aws store: AWS Secrets Manager cannot disable, enable or destroy one version "
            f"of a secret (secret {name}): delete the secret, or rotate it",
            metadata={"secret": name.value},
        )

    # --- writes ---------------------------------------------------------------------

    def _state(self, name: SecretName, aws_name: str) -> AwsVersion | str | None:
        """The current version; the AWSCURRENT VersionId of a deleted secret; or None."""
        try:
            return self._read(name, aws_name)
        except MarkedDeleted:
            pass
        except NotFound:
            return None
        try:
            described = self._call("describe_secret", name, SecretId=aws_name)
        except NotFound:
            return None
        stages: Json = described.get("VersionIdsToStages", {})
        return next((vid for vid, s in stages.items() if "AWSCURRENT" in s), "")

    def _restore(self, name: SecretName, aws_name: str, attempt: int) -> bool:
        try:
            self._call("restore_secret", name, SecretId=aws_name)
            return True
        except NotFound:  # AWS may still be removing a force-deleted secret
            _pause(attempt)
            return False

    def _put(
        self,
        name: SecretName,
        content: SecretContent,
        expected_version: int | None,
        expected_etag: str | None,
    ) -> SecretMetadata:
        aws_name = self._aws_name(name)
        conditional = expected_version is not None or bool(expected_etag)
        restored: str | None = None  # the VersionId a restore of ours brought back
        for attempt in range(_PUT_ATTEMPTS):
            try:
                state = self._state(name, aws_name)
                if isinstance(state, str):  # scheduled for deletion: absent to the caller
                    check_cas(name, None, expected_version, expected_etag)
                    restored = state if self._restore(name, aws_name, attempt) else None
                    continue
                base = None if state is None else self._secret(name, aws_name, state)
                seen = None if state is None or state.version_id == restored else base
                meta = None if seen is None else SecretMetadata.of(seen)
                check_cas(name, meta, expected_version, expected_etag)
                return self._write(name, aws_name, content, base, seen)
            except Conflict:  # another writer took this version: look again
                if not conditional:
                    _pause(attempt)
            except NotFound:  # deleted meanwhile, or still being deleted
                _pause(attempt)
        raise Aborted(
            f"secret {name} kept changing while being written: try again", subject=name.value
        )

    def _write(
        self,
        name: SecretName,
        aws_name: str,
        content: SecretContent,
        base: Secret | None,
        seen: Secret | None,
    ) -> SecretMetadata:
        """Creates the version after base (the first when None); seen is what the caller
        could have seen, whose create time carries over."""
        number = 1 if base is None else base.version + 1
        now = self._clock()
        created = now if seen is None else seen.create_time.timestamp()
        params: Json = {
            "SecretString": wrap_version(number, content, created, now),
            "ClientRequestToken": version_token(aws_name, number),
        }
        if base is None:
            self._call("create_secret", name, Name=aws_name, **self._kms, **params)
        else:
            self._call("put_secret_value", name, SecretId=aws_name, **params)
        return SecretMetadata.of(Secret(name, number, content, _ts(created), _ts(now)))

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        return await self._run(lambda: self._put(name, content, expected_version, expected_etag))

    def _delete(self, name: SecretName, expected_etag: str | None) -> None:
        aws_name = self._aws_name(name)
        current = self._secret(name, aws_name, self._read(name, aws_name))
        check_cas(name, SecretMetadata.of(current), None, expected_etag)
        self._call("delete_secret", name, SecretId=aws_name, ForceDeleteWithoutRecovery=True)

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        await self._run(lambda: self._delete(name, expected_etag))

    # --- listing --------------------------------------------------------------------

    def _names(self, prefix: str, after: str) -> list[tuple[SecretName, str]]:
        """Every live name under prefix sorting after ``after``: AWS lists in no useful
        order, so this pages through all of the prefix's secrets (100 per call)."""
        aws_prefix = self._prefix + encode_name(prefix)
        params: Json = {"MaxResults": 100}
        if aws_prefix:
            params["Filters"] = [{"Key": "name", "Values": [aws_prefix[:MAX_AWS_NAME]]}]
        found: list[tuple[SecretName, str]] = []
        while True:
            page = self._call("list_secrets", prefix, **params)
            for entry in page.get("SecretList", []):
                aws_name = str(entry.get("Name", ""))
                if not aws_name.startswith(aws_prefix) or entry.get("DeletedDate"):
                    continue
                name = decode_name(aws_name[len(self._prefix) :])
                if name is not None and name.value > after:
                    found.append((name, aws_name))
            if not page.get("NextToken"):
                return sorted(found)
            params["NextToken"] = page["NextToken"]

    def _batch(self, names: list[tuple[SecretName, str]]) -> list[Secret]:
        """The current versions of up to 20 secrets in one call; vanished ones are skipped."""
        page = self._call("batch_get_secret_value", "", SecretIdList=[a for _, a in names])
        for error in page.get("Errors", []):
            failure = {"Code": error.get("ErrorCode", ""), "Message": error.get("Message", "")}
            signal = translate(
                ClientError({"Error": failure}, "BatchGetSecretValue"),
                "batch_get_secret_value",
                str(error.get("SecretId", "")),
            )
            if not isinstance(signal, NotFound):
                raise signal
        by_name = {str(v.get("Name")): v for v in page.get("SecretValues", [])}
        found: list[Secret] = []
        for name, aws_name in names:
            if aws_name in by_name:
                version = decode_version(name, aws_name, by_name[aws_name])
                with contextlib.suppress(NotFound):  # a foreign one deleted meanwhile
                    found.append(self._secret(name, aws_name, version))
        return found

    def _list(self, prefix: str, limit: int, after: str) -> MetadataList:
        names = self._names(prefix, after) if limit > 0 else []
        found: list[Secret] = []
        while names and len(found) < limit:
            size = min(_BATCH, limit - len(found))
            found.extend(self._batch(names[:size]))
            names = names[size:]
        return [SecretMetadata.of(s) for s in found]

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        return await self._run(lambda: self._list(prefix, limit, after))

    async def close(self) -> None:
        await self._run(self._client.close)
