"""A thin, typed client for secrets-broker over mutual TLS.

with BrokerClient.connect("127.0.0.1:50051", ca="ca.pem", cert="client.pem",
                          key="client-key.pem") as broker:
    password = broker.get_secret("demo/database").values["clearPassword"]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import grpc
from google.protobuf.duration_pb2 import Duration

from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import admin_service_pb2_grpc as admin_grpc
from secretsbroker.v1 import broker_service_pb2 as broker_pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc
from secretsbroker.v1 import resources_pb2 as pb

DEFAULT_TIMEOUT_SECONDS = 10.0


def channel_credentials(
    ca: Path | str, cert: Path | str, key: Path | str
) -> grpc.ChannelCredentials:
    return grpc.ssl_channel_credentials(
        root_certificates=Path(ca).read_bytes(),
        private_key=Path(key).read_bytes(),
        certificate_chain=Path(cert).read_bytes(),
    )


class BrokerClient:
    """Both services on one channel; every call has a deadline."""

    def __init__(self, channel: grpc.Channel, timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS):
        self._channel = channel
        self._timeout = timeout_seconds
        self.broker = broker_grpc.SecretsBrokerServiceStub(channel)
        self.admin = admin_grpc.SecretsAdminServiceStub(channel)

    @classmethod
    def connect(
        cls,
        address: str,
        *,
        ca: Path | str,
        cert: Path | str,
        key: Path | str,
        server_name: str | None = None,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> BrokerClient:
        options = [("grpc.ssl_target_name_override", server_name)] if server_name else []
        channel = grpc.secure_channel(address, channel_credentials(ca, cert, key), options)
        return cls(channel, timeout_seconds)

    def __enter__(self) -> BrokerClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    def get_secret(self, name: str, version: int = 0, keys: Sequence[str] = ()) -> pb.Secret:
        request = broker_pb.GetSecretRequest(name=name, version=version, keys=list(keys))
        return self.broker.GetSecret(request, timeout=self._timeout).secret

    def put_secret(
        self,
        name: str,
        values: Mapping[str, str],
        *,
        expected_version: int | None = None,
        expected_etag: str = "",
        refresh_after_seconds: int | None = None,
        labels: Mapping[str, str] | None = None,
    ) -> admin_pb.SecretMetadata:
        request = admin_pb.PutSecretRequest(
            name=name, values=dict(values), expected_etag=expected_etag, labels=labels or {}
        )
        if expected_version is not None:
            request.expected_version = expected_version
        if refresh_after_seconds is not None:
            request.refresh_after.CopyFrom(Duration(seconds=refresh_after_seconds))
        return self.admin.PutSecret(request, timeout=self._timeout).metadata

    def delete_secret(self, name: str, expected_etag: str = "") -> None:
        request = admin_pb.DeleteSecretRequest(name=name, expected_etag=expected_etag)
        self.admin.DeleteSecret(request, timeout=self._timeout)

    def list_secrets(
        self, prefix: str = "", page_size: int = 0
    ) -> Iterator[admin_pb.SecretMetadata]:
        """Every entry under ``prefix``, following page tokens."""
        token = ""
        while True:
            request = admin_pb.ListSecretsRequest(
                prefix=prefix, page_size=page_size, page_token=token
            )
            response = self.admin.ListSecrets(request, timeout=self._timeout)
            yield from response.secrets
            token = response.next_page_token
            if not token:
                return

    def import_collections(
        self, yaml_text: str, dry_run: bool = False
    ) -> admin_pb.ImportCollectionsResponse:
        request = admin_pb.ImportCollectionsRequest(yaml=yaml_text, dry_run=dry_run)
        return self.admin.ImportCollections(request, timeout=self._timeout)
