"""``secrets-broker login``: a person signs in at their OpenID Provider with the device
authorization grant (RFC 8628) and the access token is kept for the CLI, mode 0600.

The CLI prints a URL and a code; the person opens it in any browser (on any device),
signs in with their home organisation's credentials and confirms the code; the CLI polls
the token endpoint meanwhile. Nothing here needs a browser on the same machine or a
redirect listener. The token file holds the access token, its issuer and expiry.
"""

from __future__ import annotations

import json
import os
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secrets_broker.domain.errors import ConfigError

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
HTTP_TIMEOUT_SECONDS = 10.0
MAX_RESPONSE_BYTES = 1024 * 1024


def default_token_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "secrets-broker" / "token.json"


@dataclass(frozen=True)
class DeviceCode:
    device_code: str
    user_code: str
    verification_uri: str
    verification_uri_complete: str
    interval: float
    expires_in: float


class Provider:
    """An OpenID Provider's endpoints, from its discovery document."""

    def __init__(self, issuer: str, ca_file: Path | None = None) -> None:
        if not issuer.startswith("https://"):
            raise ConfigError(f"--issuer: {issuer!r} is not an https:// URL")
        self.issuer = issuer
        self._context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
        meta = self._request(issuer.rstrip("/") + "/.well-known/openid-configuration")
        if meta.get("issuer") != issuer:
            raise ConfigError(f"{issuer}: its discovery document names another issuer")
        try:
            self.device_endpoint = str(meta["device_authorization_endpoint"])
            self.token_endpoint = str(meta["token_endpoint"])
        except KeyError as exc:
            raise ConfigError(f"{issuer}: no {exc.args[0]} (device flow not offered)") from None

    def _request(self, url: str, form: Mapping[str, str] | None = None) -> dict[str, Any]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})  # noqa: S310
        try:
            with urllib.request.urlopen(  # noqa: S310 - https only, checked above
                request, timeout=HTTP_TIMEOUT_SECONDS, context=self._context
            ) as response:
                body = response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as exc:  # OAuth errors come as 400 with a JSON body
            body = exc.read(MAX_RESPONSE_BYTES)
        except OSError as exc:
            raise ConfigError(f"{url}: {exc}") from None
        doc = json.loads(body or b"{}")
        if not isinstance(doc, dict):
            raise ConfigError(f"{url}: the answer is not a JSON object")
        return doc

    def start(self, client_id: str, scope: str, resource: str = "") -> DeviceCode:
        form = {"client_id": client_id, "scope": scope}
        if resource:
            form["resource"] = resource
        doc = self._request(self.device_endpoint, form)
        if "error" in doc:
            detail = doc.get("error_description", "")
            raise ConfigError(f"device authorization refused: {doc['error']} {detail}".strip())
        return DeviceCode(
            device_code=str(doc["device_code"]),
            user_code=str(doc["user_code"]),
            verification_uri=str(doc["verification_uri"]),
            verification_uri_complete=str(doc.get("verification_uri_complete", "")),
            interval=float(doc.get("interval", 5)),
            expires_in=float(doc.get("expires_in", 600)),
        )

    def wait_for_token(
        self,
        client_id: str,
        code: DeviceCode,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> dict[str, Any]:
        """Polls the token endpoint as RFC 8628 section 3.5 says, until the person has
        signed in (the token response), refused, or the code expired (ConfigError)."""
        interval, deadline = code.interval, clock() + code.expires_in
        form = {"grant_type": DEVICE_GRANT, "device_code": code.device_code, "client_id": client_id}
        while clock() < deadline:
            sleep(interval)
            doc = self._request(self.token_endpoint, form)
            error = doc.get("error")
            if error is None and "access_token" in doc:
                return doc
            if error == "slow_down":
                interval += 5
            elif error != "authorization_pending":
                raise ConfigError(f"sign-in not completed: {error or 'no access token'}")
        raise ConfigError("sign-in not completed: the code expired")


def save_token(path: Path, issuer: str, response: Mapping[str, Any]) -> None:
    """Writes the token file with mode 0600 (created so, never widened on the way)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    record = {
        "issuer": issuer,
        "access_token": response["access_token"],
        "expires_at": time.time() + float(response.get("expires_in", 0)),
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        os.fchmod(out.fileno(), 0o600)
        json.dump(record, out)


def load_token(path: Path) -> str:
    """The saved access token; ConfigError if there is none or it has expired."""
    try:
        record = json.loads(path.read_text())
    except (OSError, ValueError):
        raise ConfigError(f"no saved sign-in in {path}: run 'secrets-broker login'") from None
    if float(record.get("expires_at", 0)) <= time.time():
        raise ConfigError("the saved sign-in has expired: run 'secrets-broker login' again")
    return str(record["access_token"])


def cmd_login(args: Any) -> int:
    provider = Provider(args.issuer, Path(args.ca_file) if args.ca_file else None)
    code = provider.start(args.client_id, args.scope, args.resource)
    where = code.verification_uri_complete or code.verification_uri
    print(f"To sign in, open {where} and confirm the code {code.user_code}", flush=True)
    response = provider.wait_for_token(args.client_id, code)
    path = Path(args.token_file) if args.token_file else default_token_file()
    save_token(path, args.issuer, response)
    print(f"signed in; token saved to {path} (mode 0600)", flush=True)
    return 0


def add_commands(sub: Any) -> None:
    """The ``login`` subcommand."""
    cmd = sub.add_parser("login", help="sign in at an OpenID Provider (device flow)")
    issuer = os.environ.get("SECRETS_BROKER_ISSUER")
    cmd.add_argument("--issuer", required=not issuer, default=issuer)
    cmd.add_argument("--client-id", default="secrets-broker-cli")
    cmd.add_argument("--scope", default="openid")
    cmd.add_argument("--resource", default="", help="the broker's audience (RFC 8707)")
    cmd.add_argument("--ca-file", help="CA(s) for the provider's https (default: system)")
    cmd.add_argument(
        "--token-file",
        default=os.environ.get("SECRETS_BROKER_TOKEN_FILE"),
        help=f"where to keep the token (default {default_token_file()})",
    )
    cmd.set_defaults(func=cmd_login)
