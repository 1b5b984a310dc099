"""The health board: several reasons can hold the broker down; each store has its own
service; liveness is never held down; the gRPC health servicer follows the board."""

import asyncio

from grpc_health.v1 import health_pb2
from grpc_health.v1._async import HealthServicer

from secrets_broker.api.health import HealthBoard, store_service

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


async def status(servicer: HealthServicer, service: str) -> int:
    reply = await servicer.Check(health_pb2.HealthCheckRequest(service=service), None)
    return int(reply.status)


async def settled(board: HealthBoard) -> None:
    """Waits for the board's pushes (tasks of its own) to reach the servicer."""
    while board._pushes:
        await asyncio.gather(*board._pushes)


async def test_two_reasons_hold_the_broker_down_until_both_release() -> None:
    board, servicer = HealthBoard(), HealthServicer()
    board.register("secretsbroker.v1.SecretsBrokerService", follows_overall=True)
    board.register("secretsbroker.liveness")
    board.register(store_service("pg"))
    board.register(store_service("bao"))
    await board.attach(servicer)
    board.store_health("pg", serving=False)
    board.hold("audit sink failing")
    await settled(board)
    assert await status(servicer, "") == NOT_SERVING
    assert await status(servicer, "secretsbroker.v1.SecretsBrokerService") == NOT_SERVING
    assert await status(servicer, store_service("pg")) == NOT_SERVING
    assert await status(servicer, store_service("bao")) == SERVING
    assert await status(servicer, "secretsbroker.liveness") == SERVING
    assert board.reasons() == ["audit sink failing", "store pg unreachable"]

    board.store_health("pg", serving=True)
    await settled(board)
    assert await status(servicer, store_service("pg")) == SERVING
    assert await status(servicer, "") == NOT_SERVING  # the audit sink still holds it
    board.release("audit sink failing")
    await settled(board)
    assert await status(servicer, "") == SERVING

    await board.stop()
    for service in ("", store_service("pg"), "secretsbroker.liveness"):
        assert await status(servicer, service) == NOT_SERVING
