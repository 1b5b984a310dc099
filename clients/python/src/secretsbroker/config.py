"""Where the broker is and who the caller is: mTLS files, from arguments or environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import grpc

ENV_ADDRESS = "SECRETS_BROKER_ADDRESS"
ENV_CA = "SECRETS_BROKER_CA"
ENV_CERT = "SECRETS_BROKER_CERT"
ENV_KEY = "SECRETS_BROKER_KEY"
DEFAULT_ADDRESS = "127.0.0.1:50051"


@dataclass(frozen=True, slots=True)
class Target:
    """A broker address and the caller's mutual-TLS identity (PEM file paths)."""

    address: str
    ca: Path
    cert: Path
    key: Path
    server_name: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Target:
        """From SECRETS_BROKER_ADDRESS (default 127.0.0.1:50051), SECRETS_BROKER_CA,
        SECRETS_BROKER_CERT and SECRETS_BROKER_KEY, as the admin CLI reads them."""
        env = os.environ if environ is None else environ
        missing = [v for v in (ENV_CA, ENV_CERT, ENV_KEY) if not env.get(v)]
        if missing:
            raise ValueError(f"environment variable(s) not set: {', '.join(missing)}")
        return cls(
            env.get(ENV_ADDRESS) or DEFAULT_ADDRESS,
            Path(env[ENV_CA]),
            Path(env[ENV_CERT]),
            Path(env[ENV_KEY]),
        )

    def credentials(self) -> grpc.ChannelCredentials:
        """Reads the files now: a missing or unreadable file fails here, naming it."""
        return channel_credentials(self.ca, self.cert, self.key)

    def options(self) -> list[tuple[str, str]]:
        return [("grpc.ssl_target_name_override", self.server_name)] if self.server_name else []


def channel_credentials(
    ca: Path | str, cert: Path | str, key: Path | str
) -> grpc.ChannelCredentials:
    return grpc.ssl_channel_credentials(
        root_certificates=Path(ca).read_bytes(),
        private_key=Path(key).read_bytes(),
        certificate_chain=Path(cert).read_bytes(),
    )
