"""The yardstick: a bare grpc.aio server answering GetSecret with a fixed response.

Same TLS (mutual), same messages, same process count as the broker; no authorization,
cache, store or audit. ``python bench/echo_server.py TLS_DIR [--broker-options]`` prints
``listening on PORT``; ``--broker-options`` gives it the gRPC core options the broker
sets with its default limits (api/limits.py ``core_options``).
"""

import asyncio
import sys
from pathlib import Path

import grpc
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import broker_service_pb2_grpc as broker_grpc
from secretsbroker.v1 import resources_pb2 as rpb

RESPONSE = pb.GetSecretResponse(
    secret=rpb.Secret(
        name="bench/db",
        values={"userId": "bench", "clearPassword": "x" * 32},
        version=1,
        etag='"1-0000000000000000"',
    )
)


class Echo(broker_grpc.SecretsBrokerServiceServicer):
    async def GetSecret(
        self, request: pb.GetSecretRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetSecretResponse:
        return RESPONSE


async def main(tls: Path, broker_options: bool) -> None:
    options = []
    if broker_options:
        from secrets_broker.api.limits import core_options
        from secrets_broker.ops.config import LimitsConfig

        options = core_options(LimitsConfig())
    server = grpc.aio.server(options=options)
    broker_grpc.add_SecretsBrokerServiceServicer_to_server(Echo(), server)
    creds = grpc.ssl_server_credentials(
        [((tls / "server-key.pem").read_bytes(), (tls / "server.pem").read_bytes())],
        root_certificates=(tls / "ca.pem").read_bytes(),
        require_client_auth=True,
    )
    port = server.add_secure_port("127.0.0.1:0", creds)
    await server.start()
    print(f"listening on 127.0.0.1:{port}", flush=True)
    await server.wait_for_termination()


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]), "--broker-options" in sys.argv[2:]))
