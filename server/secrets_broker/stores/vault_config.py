"""The vault store's options, checked once at start-up into VaultSettings.

Options: ``url`` (http or https, required); authentication by exactly one of ``token``,
``token_file`` (re-read when Vault refuses the token, so an agent may rotate it) or
AppRole (``role_id`` with ``secret_id`` or ``secret_id_file``, ``approle_mount`` default
``approle``); TLS with ``ca_file``, ``client_cert_file``/``client_key_file`` and ``verify``
(default true); ``mount`` (default ``secret``), ``path_prefix`` (default empty),
``namespace`` and ``timeout_seconds`` (default 10, at most 300). Text values lose
surrounding whitespace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.names import SecretName
from secrets_broker.stores.options import Options, read_secret_file

_OPTIONS = (
    "url", "token", "token_file", "role_id", "secret_id", "secret_id_file",
    "approle_mount", "mount", "path_prefix", "ca_file", "client_cert_file",
    "client_key_file", "verify", "timeout_seconds", "namespace",
)  # fmt: skip
_MAX_TIMEOUT_SECONDS = 300


@dataclass(frozen=True, slots=True)
class VaultSettings:
    """Validated options; credentials are kept out of the repr."""

    url: str
    mount: str = "secret"
    path_prefix: str = ""
    token: str | None = field(default=None, repr=False)
    token_file: Path | None = None
    role_id: str | None = None
    secret_id_text: str | None = field(default=None, repr=False)
    secret_id_file: Path | None = None
    approle_mount: str = "approle"
    verify: bool | str = True
    cert: tuple[str, str] | str | None = None
    timeout_seconds: float = 10.0
    namespace: str | None = None

    @property
    def can_login_again(self) -> bool:
        return self.role_id is not None or self.token_file is not None

    def static_token(self) -> str | None:
        """The configured token (re-read from token_file); None for AppRole."""
        if self.token_file is not None:
            return read_secret_file("vault", self.token_file, "token_file")
        return self.token

    def secret_id(self) -> str | None:
        if self.secret_id_file is not None:
            return read_secret_file("vault", self.secret_id_file, "secret_id_file")
        return self.secret_id_text


def parse_options(options: Mapping[str, Any]) -> VaultSettings:
    """Validates a store config section; every error names the option (never its value)."""
    opts = Options("vault", options, _OPTIONS, trim=True)
    url = opts.text("url", required=True)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise opts.error("url", "must be an http:// or https:// URL")
    verify, cert = _tls(opts, parts.scheme)
    timeout = opts.number("timeout_seconds", 10, 0, _MAX_TIMEOUT_SECONDS, above_low=True)
    _check_auth(opts)
    return VaultSettings(
        url=url,
        mount=_kv_path(opts, "mount", "secret") or "secret",
        path_prefix=_kv_path(opts, "path_prefix", ""),
        token=opts.text("token"),
        token_file=opts.secret_file("token_file"),
        role_id=opts.text("role_id"),
        secret_id_text=opts.text("secret_id"),
        secret_id_file=opts.secret_file("secret_id_file"),
        approle_mount=_kv_path(opts, "approle_mount", "approle") or "approle",
        verify=verify,
        cert=cert,
        timeout_seconds=timeout,
        namespace=opts.text("namespace"),
    )


def _tls(opts: Options, scheme: str) -> tuple[bool | str, tuple[str, str] | str | None]:
    """The ``verify`` and ``cert`` arguments of the HTTP client."""
    verify = opts.flag("verify", True)
    ca_file, cert_file, key_file = (
        opts.path(key, must_exist=True)
        for key in ("ca_file", "client_cert_file", "client_key_file")
    )
    for key, given in (("ca_file", ca_file), ("client_cert_file", cert_file)):
        if given is not None and scheme != "https":
            raise opts.error(key, "needs an https:// url")
    if ca_file is not None and not verify:
        raise opts.error("ca_file", "contradicts 'verify: false'")
    if key_file is not None and cert_file is None:
        raise opts.error("client_key_file", "needs 'client_cert_file'")
    cert = (str(cert_file), str(key_file)) if key_file else str(cert_file) if cert_file else None
    return (str(ca_file) if ca_file is not None else verify), cert


def _check_auth(opts: Options) -> None:
    """Exactly one way to log in; the AppRole options only with ``role_id``."""
    methods = [key for key in ("token", "token_file", "role_id") if opts.given(key)]
    if len(methods) != 1:
        raise opts.fail(
            f"set exactly one of the options 'token', 'token_file', 'role_id' (found {methods})"
        )
    if methods != ["role_id"]:
        for key in ("secret_id", "secret_id_file", "approle_mount"):
            if opts.given(key):
                raise opts.error(key, "needs 'role_id'")
    if opts.given("secret_id") and opts.given("secret_id_file"):
        raise opts.fail("options 'secret_id' and 'secret_id_file' exclude each other")


def _kv_path(opts: Options, key: str, default: str) -> str:
    """A KV path without its outer slashes; '' or a valid secret name."""
    raw = opts.get(key, default)
    if not isinstance(raw, str):
        raise opts.error(key, "must be a string")
    path = raw.strip("/")
    if path:
        try:
            SecretName.internal(path)
        except InvalidArgument as exc:
            raise opts.fail(f"option {key!r}: {exc}") from None
    return path
