"""Server reflection that every tool understands: grpc.reflection.v1 and v1alpha, with
file-containing-symbol answers for methods, as the Go and C++ servers give.

grpcio-reflection 1.85 serves only v1alpha and looks symbols up in the descriptor pool,
which knows services, messages, fields and enums but not methods: ghz asks for the file
of ``pkg.Service.Method`` and got "Symbol not found". The v1 service is wire-identical
to v1alpha (same messages and field numbers under another package), so it is registered
with v1alpha's message classes, and its descriptor (v1alpha's, renamed) is added to the
pool so that the reflection service can describe itself under both names.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from grpc_reflection.v1alpha import reflection_pb2 as v1alpha_pb2
from grpc_reflection.v1alpha._async import ReflectionServicer

V1ALPHA = "grpc.reflection.v1alpha.ServerReflection"
V1 = "grpc.reflection.v1.ServerReflection"
_V1_FILE = "grpc/reflection/v1/reflection.proto"


def _add_v1_descriptor(pool: descriptor_pool.DescriptorPool) -> None:
    """Adds grpc/reflection/v1/reflection.proto to ``pool``, made from v1alpha's file."""
    try:
        pool.FindFileByName(_V1_FILE)
        return
    except KeyError:
        pass
    proto = descriptor_pb2.FileDescriptorProto()
    v1alpha_pb2.DESCRIPTOR.CopyToProto(proto)
    proto.name, proto.package = _V1_FILE, "grpc.reflection.v1"
    old, new = ".grpc.reflection.v1alpha.", ".grpc.reflection.v1."
    for message in proto.message_type:
        for field in message.field:
            if field.type_name.startswith(old):
                field.type_name = new + field.type_name.removeprefix(old)
    for service in proto.service:
        for method in service.method:
            method.input_type = method.input_type.replace(old, new)
            method.output_type = method.output_type.replace(old, new)
    pool.Add(proto)


class _Servicer(ReflectionServicer):  # type: ignore[misc]  # grpcio-reflection ships no types
    """v1alpha's servicer, also answering file-containing-symbol for a method."""

    def _file_containing_symbol(self, request: Any, fully_qualified_name: str) -> Any:
        reply = super()._file_containing_symbol(request, fully_qualified_name)
        if not reply.HasField("error_response"):
            return reply
        parent, _, method = fully_qualified_name.rpartition(".")
        try:
            found = method in self._pool.FindServiceByName(parent).methods_by_name
        except KeyError:
            found = False
        return super()._file_containing_symbol(request, parent) if found else reply


def enable_reflection(server: grpc.aio.Server, service_names: Iterable[str]) -> None:
    """Serves reflection v1 and v1alpha for ``service_names`` (reflection included)."""
    pool = descriptor_pool.Default()
    _add_v1_descriptor(pool)
    servicer = _Servicer((*service_names, V1, V1ALPHA), pool=pool)
    handler = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        request_deserializer=v1alpha_pb2.ServerReflectionRequest.FromString,
        response_serializer=v1alpha_pb2.ServerReflectionResponse.SerializeToString,
    )
    for name in (V1, V1ALPHA):
        server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler(name, {"ServerReflectionInfo": handler}),)
        )
