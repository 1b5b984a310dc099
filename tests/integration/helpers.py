"""Small helpers for calling the broker in tests."""

from collections.abc import Awaitable

import grpc
import pytest
from google.protobuf.message import Message


async def rpc_error(call: Awaitable[Message]) -> grpc.aio.AioRpcError:
    """Awaits a call that must fail and returns its error."""
    with pytest.raises(grpc.aio.AioRpcError) as err:
        await call
    return err.value
