"""A real OpenID Provider (npm oidc-provider, run by node) and a person's browser.

``running_provider`` starts tests/identities/provider/provider.mjs on a free loopback
port over https (the test PKI's server certificate), with static users and public
device-flow clients. ``Browser.sign_in`` does what a person does with the URL that
``secrets-broker login`` prints: open it, confirm the code, sign in with a password.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import shutil
import ssl
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.pki import Pki
from tests.servers import ServerError, _wait, free_port

PROVIDER_DIR = Path(__file__).resolve().parent / "provider"
BROKER_AUDIENCE = "https://secrets-broker.test"
OTHER_AUDIENCE = "https://other-service.test"
CLI_CLIENT = "secrets-broker-cli"
MAX_PAGES = 6
SHORT_CLIENT = "short-lived-cli"  # its access tokens live 1 second
USERS = {
    "alice": {"password": "alice-password", "groups": ["physics"]},
    "bob": {"password": "bob-password", "groups": ["chemistry"]},
}


def node_modules() -> Path:
    modules = PROVIDER_DIR / "node_modules" / "oidc-provider"
    if not modules.is_dir():
        raise ServerError(f"run 'npm ci' in {PROVIDER_DIR} (tools/install-tools.sh does)")
    return modules


@dataclass
class Provider:
    issuer: str
    base: Path
    ca_file: Path
    config: dict[str, Any]
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def log_file(self) -> Path:
        return self.base / "provider.log"

    def start(self) -> None:
        (self.base / "config.json").write_text(json.dumps(self.config))
        node = shutil.which("node")
        if node is None:
            raise ServerError("node not found (Node 20 runs the OpenID Provider)")
        node_modules()
        with self.log_file.open("ab") as log:
            self.proc = subprocess.Popen(
                [node, str(PROVIDER_DIR / "provider.mjs"), str(self.base / "config.json")],
                stdout=log, stderr=subprocess.STDOUT, cwd=PROVIDER_DIR,
            )  # fmt: skip
        _wait(self.proc, self._ready, "oidc-provider", self.log_file)

    def _ready(self) -> bool:
        try:
            self.discovery()
            return True
        except OSError:
            return False

    def discovery(self) -> dict[str, Any]:
        return self.get_json(self.issuer + "/.well-known/openid-configuration")

    def jwks(self) -> dict[str, Any]:
        return self.get_json(self.discovery()["jwks_uri"])

    def get_json(self, url: str) -> dict[str, Any]:
        context = ssl.create_default_context(cafile=str(self.ca_file))
        with urllib.request.urlopen(url, timeout=5, context=context) as response:  # noqa: S310
            doc: dict[str, Any] = json.load(response)
        return doc

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def rotate(self, new_kid: str) -> None:
        """A key rotation: restarted with ``new_kid`` signing, the old keys still published."""
        self.stop()
        self.config["kids"] = [new_kid, *self.config["kids"]]
        self.start()


@contextmanager
def running_provider(base: Path, pki: Pki, kids: tuple[str, ...] = ("k1",)) -> Iterator[Provider]:
    port = free_port()
    issuer = f"https://127.0.0.1:{port}"
    config = {
        "issuer": issuer,
        "port": port,
        "cert": str(pki.path("server")),
        "key": str(pki.key("server")),
        "keys_file": str(base / "keys.json"),
        "kids": list(kids),
        "users": USERS,
        "clients": [
            {"client_id": CLI_CLIENT, "access_token_ttl": 600},
            {"client_id": SHORT_CLIENT, "access_token_ttl": 1},
        ],
        "resources": [BROKER_AUDIENCE, OTHER_AUDIENCE],
        "default_resource": BROKER_AUDIENCE,
    }
    provider = Provider(issuer, base, pki.path("ca"), config)
    provider.start()
    try:
        yield provider
    finally:
        provider.stop()


class Browser:
    """A person's browser: cookies, redirects, forms; trusts the test CA."""

    def __init__(self, ca_file: Path) -> None:
        context = ssl.create_default_context(cafile=str(ca_file))
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        )

    def _open(self, url: str, form: dict[str, str] | None = None) -> tuple[str, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        with self._opener.open(url, data=data, timeout=10) as response:
            return response.geturl(), response.read().decode()

    def sign_in(self, verification_url: str, login: str, password: str) -> str:
        """Does what a person does at the provider: submits each page's form (the code
        confirmation, then the sign-in form with login and password); the last page."""
        url, page = self._open(verification_url)
        for _ in range(MAX_PAGES):
            if "<form" not in page:
                return page
            form = _hidden_fields(page)
            if 'name="password"' in page:
                form.update(login=login, password=password)
            url, page = self._open(urllib.parse.urljoin(url, _action(page)), form)
        raise AssertionError(f"still a form after {MAX_PAGES} pages: {page[:300]}")


def _action(page: str) -> str:
    found = re.search(r'<form[^>]*action="([^"]+)"', page)
    if not found:
        raise AssertionError(f"no form on the page: {page[:300]}")
    return found.group(1)


def _hidden_fields(page: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
