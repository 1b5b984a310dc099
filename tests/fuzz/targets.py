"""Fuzz targets: the code that first touches untrusted bytes, as the server runs it.

Each target takes arbitrary bytes and must end in a success or in the domain error the
broker turns into a clear status (INVALID_ARGUMENT, RESOURCE_EXHAUSTED); anything else
(a crash, RecursionError, MemoryError, a parser's own exception) is a finding. Used by
the atheris driver (tests/fuzz/run.py, `make fuzz`) and, over the committed corpus, by
pytest (tests/unit/test_fuzz_corpus.py).
"""

from __future__ import annotations

from google.protobuf.message import Message
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.api import convert
from secrets_broker.api.limits import parse_request
from secrets_broker.collections.format import parse_collections
from secrets_broker.domain.errors import InvalidArgument, ResourceExhausted
from secrets_broker.domain.model import validate_content
from secrets_broker.domain.names import SecretName, check_entity_id, check_prefix

MAX_BYTES = 64 * 1024
REQUESTS: tuple[type[Message], ...] = (
    pb.GetSecretRequest,
    pb.BatchGetSecretsRequest,
    pb.GetUserDirectoryRequest,
    pb.GetAccessListRequest,
    admin_pb.PutSecretRequest,
    admin_pb.DeleteSecretRequest,
    admin_pb.ListSecretsRequest,
    admin_pb.ImportCollectionsRequest,
)
EXPECTED = (InvalidArgument, ResourceExhausted)


def _validate(request: Message) -> None:
    """The field checks the handlers run on a decoded request, in their order."""
    if isinstance(request, pb.GetSecretRequest):
        SecretName.parse(request.name)
        convert.check_version("version", request.version)
        convert.check_keys(request.keys)
    elif isinstance(request, pb.BatchGetSecretsRequest):
        for i, name in enumerate(request.names):
            SecretName.parse(name, f"names[{i}]")
        convert.check_keys(request.keys)
    elif isinstance(request, pb.GetUserDirectoryRequest):
        SecretName.parse(request.collection, "collection")
        convert.page_size(request.page_size)
        convert.check_user_ids(request.user_ids)
        if request.member_of:
            check_entity_id(request.member_of, "member_of")
    elif isinstance(request, pb.GetAccessListRequest):
        SecretName.parse(request.collection, "collection")
        target = request.WhichOneof("target")
        if target is not None:
            check_entity_id(getattr(request, target), target)
    elif isinstance(request, admin_pb.PutSecretRequest):
        SecretName.parse(request.name)
        validate_content(convert.content_from_put(request))
    elif isinstance(request, admin_pb.DeleteSecretRequest):
        SecretName.parse(request.name)
    elif isinstance(request, admin_pb.ListSecretsRequest):
        check_prefix(request.prefix)
        convert.page_size(request.page_size)


def decode_requests(data: bytes) -> None:
    """The first byte picks a request type; the rest is the message on the wire."""
    if not data:
        return
    request = REQUESTS[data[0] % len(REQUESTS)]()
    try:
        parse_request(request, data[1:], MAX_BYTES)
        _validate(request)
    except EXPECTED:
        return


def import_yaml(data: bytes) -> None:
    """An ImportCollections document (or a file store file), as text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # the RPC carries a proto3 string: it is UTF-8 by the time it is parsed
    try:
        parse_collections(text)
    except EXPECTED:
        return


TARGETS = {"requests": decode_requests, "yaml": import_yaml}
