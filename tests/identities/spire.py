"""A real SPIRE server and agent (tools/build-spire.sh builds them, cached), for tests.

The server listens on a free loopback port with an in-memory key manager and SQLite; the
agent attests with a join token and serves the Workload API on a unix socket. Workloads
are told apart by SPIFFE ID: every test process runs as one uid, so each entry has the
same ``unix:uid`` selector and a workload picks its SVID by ID (as a deployment with
distinct selectors would not need to).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from spiffe import WorkloadApiClient

from tests.servers import BUILD_TIMEOUT_SECONDS, ROOT, ServerError, _wait, free_port

TRUST_DOMAIN = "identities.test"
AGENT_ALIAS = f"spiffe://{TRUST_DOMAIN}/agent"
READY_TIMEOUT_SECONDS = 90.0

SERVER_CONF = """
server {{
  bind_address = "127.0.0.1"
  bind_port = "{port}"
  socket_path = "{base}/server.sock"
  trust_domain = "{td}"
  data_dir = "{base}/server-data"
  log_level = "INFO"
  ca_ttl = "24h"
  default_x509_svid_ttl = "1h"
  default_jwt_svid_ttl = "5m"
}}
plugins {{
  DataStore "sql" {{
    plugin_data {{
      database_type = "sqlite3"
      connection_string = "{base}/server-data/datastore.sqlite3"
    }}
  }}
  NodeAttestor "join_token" {{ plugin_data {{}} }}
  KeyManager "memory" {{ plugin_data {{}} }}
}}
"""

AGENT_CONF = """
agent {{
  data_dir = "{base}/agent-data"
  log_level = "INFO"
  server_address = "127.0.0.1"
  server_port = "{port}"
  socket_path = "{base}/agent.sock"
  trust_domain = "{td}"
  insecure_bootstrap = true
}}
plugins {{
  NodeAttestor "join_token" {{ plugin_data {{}} }}
  KeyManager "memory" {{ plugin_data {{}} }}
  WorkloadAttestor "unix" {{ plugin_data {{}} }}
}}
"""


def spire_binaries() -> Path:
    script = ROOT / "tools/build-spire.sh"
    done = subprocess.run(
        [str(script)], capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS, check=False
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not Path(lines[-1]).is_dir():
        raise ServerError(f"{script} failed: {done.stderr.strip()[-2000:]}")
    return Path(lines[-1])


@dataclass
class Spire:
    bin_dir: Path
    base: Path

    @property
    def socket(self) -> str:
        """The Workload API address, as SPIFFE_ENDPOINT_SOCKET spells it."""
        return f"unix://{self.base}/agent.sock"

    def id(self, name: str) -> str:
        return f"spiffe://{TRUST_DOMAIN}/{name}"

    def server_cli(self, *args: str) -> str:
        done = subprocess.run(
            [str(self.bin_dir / "spire-server"), *args, "-socketPath", f"{self.base}/server.sock"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise ServerError(f"spire-server {args[0]} {args[1]}: {done.stdout}{done.stderr}")
        return done.stdout

    def register(self, name: str, *extra: str) -> str:
        """An entry for this test process's uid with the SPIFFE ID spiffe://td/NAME."""
        spiffe_id = self.id(name)
        self.server_cli(
            "entry", "create", "-parentID", AGENT_ALIAS, "-spiffeID", spiffe_id,
            "-selector", f"unix:uid:{os.getuid()}", *extra,
        )  # fmt: skip
        return spiffe_id

    def wait_for_svids(self, *spiffe_ids: str) -> None:
        """Until the agent hands this process an SVID for each ID (it syncs every 5 s)."""
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        client = WorkloadApiClient(self.socket)
        try:
            while True:
                try:
                    have = {str(s.spiffe_id) for s in client.fetch_x509_svids()}
                except Exception:
                    have = set()
                if set(spiffe_ids) <= have:
                    return
                if time.monotonic() > deadline:
                    raise ServerError(f"agent gave {sorted(have)}, not {sorted(spiffe_ids)}")
                time.sleep(0.5)  # polling the agent, which has no change notification here
        finally:
            client.close()


def _healthy(binary: Path, socket: str) -> bool:
    done = subprocess.run(
        [str(binary), "healthcheck", "-socketPath", socket],
        capture_output=True, timeout=30, check=False,
    )  # fmt: skip
    return done.returncode == 0


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def running_spire(base: Path) -> Iterator[Spire]:
    """A SPIRE server and an agent attested with a join token (aliased AGENT_ALIAS)."""
    spire = Spire(spire_binaries(), base)
    port = free_port()
    values = {"port": port, "base": base, "td": TRUST_DOMAIN}
    (base / "server.conf").write_text(SERVER_CONF.format(**values))
    (base / "agent.conf").write_text(AGENT_CONF.format(**values))
    server_bin, agent_bin = spire.bin_dir / "spire-server", spire.bin_dir / "spire-agent"
    with (base / "server.log").open("ab") as log:
        server = subprocess.Popen(
            [str(server_bin), "run", "-config", str(base / "server.conf")],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait(server, lambda: _healthy(server_bin, f"{base}/server.sock"), "spire-server",
              base / "server.log")  # fmt: skip
        out = spire.server_cli("token", "generate", "-spiffeID", AGENT_ALIAS)
        token = re.search(r"Token: (\S+)", out)
        if token is None:
            raise ServerError(f"no join token in {out!r}")
        with (base / "agent.log").open("ab") as log:
            agent = subprocess.Popen(
                [str(agent_bin), "run", "-config", str(base / "agent.conf"),
                 "-joinToken", token.group(1)],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        try:
            _wait(agent, lambda: _healthy(agent_bin, f"{base}/agent.sock"), "spire-agent",
                  base / "agent.log")  # fmt: skip
            yield spire
        finally:
            _stop(agent)
    finally:
        _stop(server)
