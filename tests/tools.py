"""Locates the operator tools (grpcurl, grpc-health-probe, ghz) that `make tools` installs."""

import os
import shutil
import subprocess
from pathlib import Path


def go_bin() -> Path:
    gopath = subprocess.run(["go", "env", "GOPATH"], capture_output=True, text=True, check=True)
    return Path(gopath.stdout.strip()) / "bin"


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(go_bin()))
    if found is None:
        raise AssertionError(f"{name} is not installed: run `make tools` (tools/install-tools.sh)")
    return found


def env_with_tools() -> dict[str, str]:
    return {**os.environ, "PATH": f"{os.environ.get('PATH', '')}{os.pathsep}{go_bin()}"}
