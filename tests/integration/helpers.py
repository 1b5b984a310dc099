"""Small helpers for calling the broker in tests."""

from collections.abc import Awaitable

import grpc
import pytest
from google.protobuf.message import Message
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status


def rich_status(err: grpc.aio.AioRpcError) -> status_pb2.Status:
    """The google.rpc.Status the server sent in the grpc-status-details-bin trailer."""
    status = rpc_status.from_call(err)  # type: ignore[arg-type]
    assert status is not None, f"no rich status in {err.code()} {err.details()!r}"
    return status


def error_info(status: status_pb2.Status) -> error_details_pb2.ErrorInfo:
    found = [d for d in status.details if d.Is(error_details_pb2.ErrorInfo.DESCRIPTOR)]
    assert len(found) == 1, status
    info = error_details_pb2.ErrorInfo()
    found[0].Unpack(info)
    assert info.domain == "secretsbroker"
    return info


def detail(status: status_pb2.Status, kind: type[Message]) -> Message | None:
    """The one detail of type ``kind`` in ``status``, or None."""
    for any_detail in status.details:
        if any_detail.Is(kind.DESCRIPTOR):
            out = kind()
            any_detail.Unpack(out)
            return out
    return None


def reason_of(err: grpc.aio.AioRpcError) -> str:
    return error_info(rich_status(err)).reason


async def rpc_error(
    call: Awaitable[Message], code: grpc.StatusCode, reason: str
) -> grpc.aio.AioRpcError:
    """Awaits a call that must fail with ``code`` and ErrorInfo ``reason``; returns it."""
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    err = caught.value
    assert err.code() == code, f"{err.code()} {err.details()!r}"
    assert reason_of(err) == reason, err.details()
    return err


async def transport_error(call: Awaitable[Message], code: grpc.StatusCode) -> grpc.aio.AioRpcError:
    """Awaits a call that gRPC itself (not the broker) must fail with ``code``: such a
    status carries no rich details."""
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    err = caught.value
    assert err.code() == code, f"{err.code()} {err.details()!r}"
    assert rpc_status.from_call(err) is None  # type: ignore[arg-type]
    return err
