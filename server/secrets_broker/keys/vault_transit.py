"""The ``vault-transit`` key provider: a Vault/OpenBao Transit key wraps the data keys.

The key never leaves Vault: the broker sends a data key to ``transit/encrypt/<key>`` and
keeps the ciphertext (``vault:v2:...``), whose version is the KEK version
(``vault-transit:<mount>/<key>:v2``). ``rotate`` is ``transit/keys/<key>/rotate``; raising
the key's ``min_decryption_version`` disables old versions. The wrap context travels as
Transit's ``associated_data`` (an AES-GCM key type, the default ``aes256-gcm96``).

Options: ``url`` (required), ``key`` (required: the Transit key, created beforehand with
``bao write -f transit/keys/<key>``), ``mount`` (default ``transit``); authentication by
exactly one of ``token``, ``token_file`` or AppRole (``role_id`` with ``secret_id`` or
``secret_id_file``, ``approle_mount``); TLS with ``ca_file``, ``client_cert_file``/
``client_key_file`` and ``verify``; ``namespace``; ``timeout_seconds`` (default 5); ``name``.
The policy needs ``update`` on ``<mount>/encrypt/<key>`` and ``<mount>/decrypt/<key>``,
``read`` on ``<mount>/keys/<key>``, and for ``rekey`` ``update`` on its ``rotate``.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

import hvac
import hvac.exceptions as vault_errors
import requests

from secrets_broker.domain.errors import Unavailable
from secrets_broker.keys.provider import (
    KeyRefused,
    KeyUnreachable,
    Wrapped,
    context_bytes,
    provider_label,
)
from secrets_broker.stores.options import Options, read_secret_file
from secrets_broker.stores.vault_config import _check_auth, _tls  # the vault store's rules

T = TypeVar("T")
log = logging.getLogger("secrets_broker.keys.vault_transit")

_OPTIONS = (
    "url", "key", "mount", "token", "token_file", "role_id", "secret_id", "secret_id_file",
    "approle_mount", "ca_file", "client_cert_file", "client_key_file", "verify", "namespace",
    "timeout_seconds", "name",
)  # fmt: skip
# Vault answers these when it cannot serve now (sealed, standby, overloaded): retry later.
_DOWN = (
    vault_errors.VaultDown,
    vault_errors.InternalServerError,
    vault_errors.BadGateway,
    vault_errors.RateLimitExceeded,
)


class VaultTransitProvider:
    """One hvac client, one request at a time (provider calls are rare: see the keyring)."""

    can_rotate = True

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.label = provider_label("vault-transit", options)
        opts = Options("vault-transit", options, _OPTIONS, trim=True, label=self.label)
        self._url = opts.text("url", required=True)
        parts = urlsplit(self._url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise opts.error("url", "must be an http:// or https:// URL")
        verify, cert = _tls(opts, parts.scheme)
        _check_auth(opts)
        self._key = opts.text("key", required=True).strip("/")
        self._mount = (opts.text("mount") or "transit").strip("/")
        if not self._key or "/" in self._key:
            raise opts.error("key", "must be one Transit key name")
        self._token = opts.text("token")
        self._token_file = opts.secret_file("token_file")
        self._role_id = opts.text("role_id")
        self._secret_id = opts.text("secret_id")
        self._secret_id_file = opts.secret_file("secret_id_file")
        self._approle_mount = opts.text("approle_mount") or "approle"
        timeout = opts.number("timeout_seconds", 5, 0, 300, above_low=True)
        self._client = hvac.Client(
            url=self._url,
            token="",  # never the ambient VAULT_TOKEN or ~/.vault-token
            verify=verify,
            cert=cert,
            timeout=timeout,
            namespace=opts.text("namespace"),
        )
        self._lock = threading.Lock()
        self._logged_in = False
        self._prefix = f"vault-transit:{self._mount}/{self._key}:"

    @classmethod
    def from_config(cls, options: Mapping[str, Any]) -> VaultTransitProvider:
        return cls(options)

    # -- requests --------------------------------------------------------------------

    def _login(self) -> None:
        if self._role_id is None:
            token = self._token
            if self._token_file is not None:
                token = read_secret_file("vault-transit", self._token_file, "token_file")
            self._client.token = token or ""
        else:
            secret_id = self._secret_id
            if self._secret_id_file is not None:
                secret_id = read_secret_file(
                    "vault-transit", self._secret_id_file, "secret_id_file"
                )
            self._client.token = ""
            reply = self._client.auth.approle.login(
                self._role_id, secret_id, use_token=False, mount_point=self._approle_mount
            )
            self._client.token = str(reply["auth"]["client_token"])
        self._logged_in = True

    def _call(self, what: str, call: Callable[[hvac.Client], T]) -> T:
        """One request; a refused token is replaced once (a rotated token file, an expired
        AppRole login). Errors become KeyUnreachable or KeyRefused, logged with Vault's
        own words (they never hold key material)."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    if not self._logged_in:
                        self._login()
                    return call(self._client)
                except (requests.RequestException, *_DOWN) as exc:
                    log.warning("%s: %s: Vault unreachable: %s", self.label, what, _why(exc))
                    raise KeyUnreachable(
                        f"{self.label}: Vault at {self._url} is unreachable"
                    ) from None
                except Unavailable as exc:  # a credential file missing or empty (mid-rotation?)
                    raise KeyUnreachable(str(exc)) from None
                except vault_errors.Forbidden as exc:
                    self._logged_in = False
                    if attempt == 2:
                        log.error("%s: %s: refused: %s", self.label, what, _why(exc))
                        raise KeyRefused(
                            f"{self.label}: Vault refused the broker's credentials"
                        ) from None
                except (vault_errors.VaultError, KeyError, TypeError, ValueError) as exc:
                    log.error("%s: %s: refused: %s", self.label, what, _why(exc))
                    raise KeyRefused(f"{self.label}: Vault refused to {what}") from None
            raise AssertionError("unreachable")

    # -- the provider ----------------------------------------------------------------

    def owns(self, kek: str) -> bool:
        return kek.startswith(self._prefix)

    def current(self) -> str:
        reply = self._call(
            "read the key",
            lambda c: c.secrets.transit.read_key(self._key, mount_point=self._mount),
        )
        return f"{self._prefix}v{int(reply['data']['latest_version'])}"

    def wrap(self, key: bytes, context: Mapping[str, str]) -> Wrapped:
        reply = self._call(
            "wrap a data key",
            lambda c: c.secrets.transit.encrypt_data(
                self._key,
                base64.b64encode(key).decode(),
                associated_data=_b64(context),
                mount_point=self._mount,
            ),
        )
        ciphertext = str(reply["data"]["ciphertext"])
        version = ciphertext.split(":")[1]  # vault:v2:...
        if not version.startswith("v") or not version[1:].isdigit():
            raise KeyRefused(f"{self.label}: Transit returned an unknown ciphertext format")
        return Wrapped(self._prefix + version, ciphertext.encode())

    def unwrap(self, wrapped: Wrapped, context: Mapping[str, str]) -> bytes:
        if not self.owns(wrapped.kek):
            raise KeyRefused(f"{self.label}: the data key is wrapped under {wrapped.kek}")
        reply = self._call(
            "unwrap a data key",
            lambda c: c.secrets.transit.decrypt_data(
                self._key,
                wrapped.blob.decode(),
                associated_data=_b64(context),
                mount_point=self._mount,
            ),
        )
        return base64.b64decode(reply["data"]["plaintext"])

    def rotate(self) -> str:
        self._call(
            "rotate the key",
            lambda c: c.secrets.transit.rotate_key(self._key, mount_point=self._mount),
        )
        return self.current()

    def legacy_key(self) -> bytes | None:
        return None

    def close(self) -> None:
        with self._lock:
            self._client.adapter.close()


def _b64(context: Mapping[str, str]) -> str:
    return base64.b64encode(context_bytes(context)).decode()


def _why(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    return f"{type(exc).__name__} {errors}" if errors else type(exc).__name__
