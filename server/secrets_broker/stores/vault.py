"""A HashiCorp Vault / OpenBao KV version 2 store, through hvac (synchronous, run in threads).

Options: see vault_config.py; the KV data layout: see vault_codec.py.

The requests run in a thread pool of this store's own, so a Vault that hangs (each
request bounded by ``timeout_seconds``) cannot take the threads other stores need. A
request that could not even connect raises NotApplied (a write retry is safe).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, TypeVar

import hvac
import hvac.exceptions as vault_errors
import requests
import urllib3.exceptions

from secrets_broker.domain.errors import (
    Aborted,
    BrokerError,
    InvalidArgument,
    NotApplied,
    NotFound,
    Unavailable,
)
from secrets_broker.domain.model import Secret, SecretContent, SecretMetadata
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.base import MetadataList, VersionList, check_cas
from secrets_broker.stores.vault_codec import META_KEY, from_kv_data, to_kv_data
from secrets_broker.stores.vault_config import VaultSettings, parse_options

__all__ = ["META_KEY", "VaultStore"]  # META_KEY stays importable from here, as before

T = TypeVar("T")
Json = dict[str, Any]

_log = logging.getLogger("secrets_broker.stores.vault")

_PUT_ATTEMPTS = 20
_THREADS = 8
_REFUSED = (vault_errors.Forbidden, vault_errors.Unauthorized)


def _time(text: str) -> datetime:
    """Vault's RFC 3339 timestamps (nanoseconds are cut to microseconds)."""
    return datetime.fromisoformat(text).astimezone(UTC)


def _not_sent(exc: requests.RequestException) -> bool:
    """Whether the request never left: no connection to Vault could be made."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)  # urllib3's MaxRetryError wraps the cause
    return isinstance(exc, requests.ConnectionError) and isinstance(
        reason, urllib3.exceptions.NewConnectionError
    )


def _is_missing(exc: vault_errors.InvalidPath) -> bool:
    # A missing secret is a bare 404; a missing mount says "no handler for route".
    return not exc.errors


def _is_cas_mismatch(exc: vault_errors.InvalidRequest) -> bool:
    return any("check-and-set parameter did not match" in str(e) for e in exc.errors or ())


def _is_cas_required(exc: vault_errors.InvalidRequest) -> bool:
    return any("check-and-set parameter required" in str(e) for e in exc.errors or ())


def _live(info: Mapping[str, Any], now: datetime) -> bool:
    deleted = info.get("deletion_time") or ""
    return not info.get("destroyed") and (not deleted or _time(deleted) > now)


class VaultStore:
    """Store protocol over a Vault/OpenBao KV v2 mount.

    Mapping: broker secret ``<name>`` is the KV v2 secret ``<path_prefix>/<name>``; broker
    versions are KV versions. The KV data holds each value under its own key, so Vault
    users read them as usual; the refresh hint, token API and labels, when present, live
    as JSON text under the reserved key ``secrets_broker:meta`` (codec field names). A
    secret written by plain Vault users reads back with every key as a value; a value
    that is not a string becomes its JSON text. Versions deleted or destroyed in Vault
    are not readable; a secret whose latest version is deleted is not found.

    Writes always carry Vault's check-and-set parameter (so ``cas_required`` mounts work):
    ``expected_version`` N is sent as cas=N; ``expected_etag`` is checked against the
    latest version, whose number is then sent as cas, so a racing writer loses with
    ABORTED; an unconditional put sends the version it just read and retries on a race.
    ``delete`` removes the metadata and every version; with ``expected_etag`` it checks
    then deletes (Vault offers no check-and-set on delete).

    Cost: ``get`` is two requests (data, metadata). ``list`` walks KV folders depth first
    in name order, one LIST per folder visited, plus a ``get`` per name returned; it stops
    as soon as ``limit`` names are found and skips folders that sort before ``after``.
    """

    def __init__(self, settings: VaultSettings) -> None:
        self._settings = settings
        self._kv_base = settings.path_prefix + "/" if settings.path_prefix else ""
        self._token = settings.static_token()
        self._auth_lock = threading.Lock()  # one login at a time
        self._clients_lock = threading.Lock()
        self._local = threading.local()
        self._clients: list[hvac.Client] = []
        self._threads = ThreadPoolExecutor(_THREADS, thread_name_prefix="vault-store")

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> VaultStore:
        """Entry-point constructor; unknown or malformed options raise ConfigError."""
        return cls(parse_options(options))

    # -- transport: one hvac client per worker thread, shared token, errors mapped --------

    def _client(self) -> hvac.Client:
        client: hvac.Client | None = getattr(self._local, "client", None)
        if client is None:
            s = self._settings
            client = hvac.Client(
                url=s.url,
                token="",  # never the ambient VAULT_TOKEN or ~/.vault-token
                cert=s.cert,
                verify=s.verify,
                timeout=s.timeout_seconds,
                namespace=s.namespace,
            )
            self._local.client = client
            with self._clients_lock:
                self._clients.append(client)
        return client

    def _login(self, stale: str | None) -> str:
        """A usable token: the current one unless it is ``stale``, else a fresh login."""
        with self._auth_lock:
            if self._token is not None and self._token != stale:
                return self._token
            s = self._settings
            if s.role_id is None:
                self._token = s.static_token()
                if self._token is None:
                    raise Unavailable("vault store: no token configured")
                return self._token
            client = self._client()
            client.token = ""
            try:
                reply = client.auth.approle.login(
                    s.role_id, s.secret_id(), use_token=False, mount_point=s.approle_mount
                )
            except vault_errors.VaultError as exc:
                _log.error(
                    "vault store: AppRole login at %r failed: %s %s",
                    s.approle_mount,
                    type(exc).__name__,
                    exc.errors,
                )
                raise Unavailable(
                    "vault store: login to Vault failed; see the server log"
                ) from None
            token = str(reply["auth"]["client_token"])
            self._token = token
            return token

    def _request(self, call: Callable[[hvac.Client], Any]) -> Any:
        """One HTTP request; on a refusal, logs in again once and retries it."""
        client = self._client()
        token = self._login(None)
        for attempt in (1, 2):
            client.token = token
            try:
                return call(client)
            except _REFUSED as exc:
                if attempt == 2 or not self._settings.can_login_again:
                    _log.error(
                        "vault store: Vault refused the broker's credentials: %s %s on %s %s",
                        type(exc).__name__,
                        exc.errors,
                        exc.method,
                        exc.url,
                    )
                    raise Unavailable(
                        "vault store: Vault refused the broker's credentials; see the server log"
                    ) from None
                token = self._login(stale=token)
        raise AssertionError("unreachable")

    async def _run(self, op: Callable[[], T]) -> T:
        def guarded() -> T:
            try:
                return op()
            except BrokerError:
                raise
            except vault_errors.VaultError as exc:
                _log.error(
                    "vault store: Vault answered %s %s on %s %s",
                    type(exc).__name__,
                    exc.errors,
                    exc.method,
                    exc.url,
                )
                raise Unavailable(
                    "vault store: Vault failed the request; see the server log"
                ) from None
            except requests.RequestException as exc:
                _log.error(
                    "vault store: cannot reach %s: %s", self._settings.url, type(exc).__name__
                )
                unreachable = NotApplied if _not_sent(exc) else Unavailable
                raise unreachable("vault store: Vault is unreachable") from None
            except (KeyError, TypeError, ValueError) as exc:  # a reply not shaped like KV v2
                _log.error("vault store: unexpected reply from Vault: %s", type(exc).__name__)
                raise Unavailable("vault store: unexpected reply from Vault") from None

        call = functools.partial(contextvars.copy_context().run, guarded)
        return await asyncio.get_running_loop().run_in_executor(self._threads, call)

    # -- KV v2 requests ------------------------------------------------------------------

    def _kv_path(self, name: SecretName) -> str:
        return self._kv_base + name.value

    def _metadata(self, path: str) -> Json | None:
        mount = self._settings.mount
        try:
            reply = self._request(
                lambda c: c.secrets.kv.v2.read_secret_metadata(path, mount_point=mount)
            )
        except vault_errors.InvalidPath as exc:
            if _is_missing(exc):
                return None
            raise
        data: Json = reply["data"]
        return data

    def _keys(self, folder: str) -> list[str]:
        mount = self._settings.mount
        path = self._kv_base + folder
        try:
            reply = self._request(lambda c: c.secrets.kv.v2.list_secrets(path, mount_point=mount))
        except vault_errors.InvalidPath as exc:
            if _is_missing(exc):
                return []
            raise
        return [str(k) for k in reply["data"]["keys"]]

    def _get(self, name: SecretName, version: int) -> Secret:
        mount, path = self._settings.mount, self._kv_path(name)
        try:
            reply = self._request(
                lambda c: c.secrets.kv.v2.read_secret_version(
                    path, version=version or None, mount_point=mount, raise_on_deleted_version=True
                )
            )
        except vault_errors.InvalidPath as exc:
            if _is_missing(exc):
                raise NotFound(f"secret {name} not found") from None
            raise
        meta = self._metadata(path)
        body = reply["data"]
        if meta is None or body.get("data") is None:
            raise NotFound(f"secret {name} not found")
        return Secret(
            name,
            int(body["metadata"]["version"]),
            from_kv_data(body["data"]),
            _time(meta["created_time"]),
            _time(body["metadata"]["created_time"]),
        )

    def _current(self, name: SecretName) -> SecretMetadata | None:
        try:
            return SecretMetadata.of(self._get(name, 0))
        except NotFound:
            return None

    def _write(self, path: str, data: Json, cas: int | None) -> Json:
        mount = self._settings.mount
        reply: Json = self._request(
            lambda c: c.secrets.kv.v2.create_or_update_secret(
                path, data, cas=cas, mount_point=mount
            )
        )
        return reply

    def _put(
        self,
        name: SecretName,
        content: SecretContent,
        expected_version: int | None,
        expected_etag: str | None,
    ) -> SecretMetadata:
        path, data = self._kv_path(name), to_kv_data(content)
        conditional = bool(expected_etag) or expected_version is not None
        # An unconditional put needs no check-and-set, unless the mount demands one
        # (cas_required): then it reads the version and retries when it loses a race.
        use_cas = conditional
        for attempt in range(_PUT_ATTEMPTS):
            meta = self._metadata(path) if use_cas else None
            cas: int | None = None
            if expected_etag:
                current = self._current(name)
                check_cas(name, current, expected_version, expected_etag)
                cas = current.version if current else 0
            elif expected_version is not None:
                cas = expected_version
            elif use_cas:
                cas = int(meta["current_version"]) if meta else 0
            try:
                reply = self._write(path, data, cas)
            except vault_errors.InvalidRequest as exc:
                if _is_cas_required(exc) and not use_cas:
                    use_cas = True
                    continue
                if not _is_cas_mismatch(exc):
                    raise
                if conditional:
                    raise Aborted(
                        f"secret {name} changed since the expected version", subject=name.value
                    ) from None
                time.sleep(random.uniform(0, 0.01 * (attempt + 1)))  # noqa: S311 - jitter
                continue
            written = reply["data"]
            version, updated = int(written["version"]), _time(written["created_time"])
            if version > 1 and meta is None:
                meta = self._metadata(path)
            created = _time(meta["created_time"]) if version > 1 and meta else updated
            return SecretMetadata.of(Secret(name, version, content, created, updated))
        raise Aborted(
            f"secret {name} kept changing during an unconditional put", subject=name.value
        )

    def _delete(self, name: SecretName, expected_etag: str | None) -> None:
        mount, path = self._settings.mount, self._kv_path(name)
        if self._metadata(path) is None:
            raise NotFound(f"secret {name} not found")
        if expected_etag:
            check_cas(name, self._current(name), None, expected_etag)
        self._request(
            lambda c: c.secrets.kv.v2.delete_metadata_and_all_versions(path, mount_point=mount)
        )

    def _walk(self, folder: str, match: str, after: str) -> Iterator[str]:
        """Names under ``folder`` whose next part starts with ``match``, ascending, > after.

        Entries sort as strings with a folder's trailing '/', which orders every name in a
        folder exactly where it belongs among its siblings ("d" < "d-x" < "d/e" < "d0").
        """
        for entry in sorted(self._keys(folder)):
            if not entry.startswith(match):
                continue
            full = folder + entry
            if entry.endswith("/"):
                if after >= full and not after.startswith(full):
                    continue  # every name in this folder sorts before ``after``
                yield from self._walk(full, "", after)
            elif full > after:
                yield full

    def _list(self, prefix: str, limit: int, after: str) -> MetadataList:
        folder, _, match = prefix.rpartition("/")
        if folder:
            try:
                SecretName.internal(folder)
            except InvalidArgument:
                return []  # no stored name can start with it
            folder += "/"
        found: MetadataList = []
        if limit <= 0:
            return found
        for raw in self._walk(folder, match, after):
            try:
                name = SecretName.internal(raw)
            except InvalidArgument:
                _log.debug("vault store: skipping a KV key that is not a valid secret name")
                continue
            current = self._current(name)
            if current is not None:
                found.append(current)
                if len(found) >= limit:
                    break
        return found

    def _versions(self, name: SecretName) -> VersionList:
        meta = self._metadata(self._kv_path(name))
        now = datetime.now(UTC)
        live = sorted(
            int(v) for v, info in (meta or {}).get("versions", {}).items() if _live(info, now)
        )
        if not live:
            raise NotFound(f"secret {name} not found")
        return live

    # -- the Store protocol --------------------------------------------------------------

    async def get(self, name: SecretName, version: int = 0) -> Secret:
        return await self._run(lambda: self._get(name, version))

    async def put(
        self,
        name: SecretName,
        content: SecretContent,
        *,
        expected_version: int | None = None,
        expected_etag: str | None = None,
    ) -> SecretMetadata:
        return await self._run(lambda: self._put(name, content, expected_version, expected_etag))

    async def delete(self, name: SecretName, *, expected_etag: str | None = None) -> None:
        await self._run(lambda: self._delete(name, expected_etag))

    async def list(self, prefix: str, limit: int, after: str = "") -> MetadataList:
        return await self._run(lambda: self._list(prefix, limit, after))

    async def versions(self, name: SecretName) -> VersionList:
        return await self._run(lambda: self._versions(name))

    async def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
        with self._clients_lock:
            clients, self._clients = self._clients, []
        for client in clients:
            client.adapter.close()
