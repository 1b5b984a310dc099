"""The Python runner of the client conformance vectors (tests/conformance/clients).

    SB_CONFORMANCE_ADDRESS=host:port SB_CONFORMANCE_TLS_DIR=dir \
    SB_CONFORMANCE_VECTORS=vectors.json python -m secretsbroker.conformance

Each vector is one call through this client's public API, as the identity it names
(TLS_DIR/ca.pem, TLS_DIR/<as>.pem, TLS_DIR/<as>-key.pem). The response is printed as
proto3 JSON and matched against the vector's pattern (objects: every key of the pattern,
recursively; arrays: same length, element-wise; scalars: equal); an error must surface as
the client's typed error with the expected code and ErrorInfo reason (``transport``:
that code without ErrorInfo). Prints failing vectors with why, then
``conformance python: P/N passed``; exits 0 only if all passed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message

from secretsbroker.client import BrokerClient
from secretsbroker.errors import CLASS_OF_REASON, BrokerError
from secretsbroker.retry import RetryPolicy
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as broker_pb

JSON = Any


def match(pattern: JSON, actual: JSON, path: str = "$") -> str | None:
    """Why ``actual`` does not match ``pattern``, or None if it does."""
    if isinstance(pattern, dict):
        if not isinstance(actual, dict):
            return f"{path}: expected an object, got {json.dumps(actual)}"
        for key, sub in pattern.items():
            if key not in actual:
                return f"{path}.{key}: missing (expected {json.dumps(sub)})"
            why = match(sub, actual[key], f"{path}.{key}")
            if why:
                return why
        return None
    if isinstance(pattern, list):
        if not isinstance(actual, list) or len(actual) != len(pattern):
            return f"{path}: expected {len(pattern)} elements, got {json.dumps(actual)}"
        for i, (sub, item) in enumerate(zip(pattern, actual, strict=True)):
            why = match(sub, item, f"{path}[{i}]")
            if why:
                return why
        return None
    numbers = (int, float)
    same_kind = (
        isinstance(pattern, bool) == isinstance(actual, bool)
        and isinstance(pattern, numbers) == isinstance(actual, numbers)
        and isinstance(pattern, str) == isinstance(actual, str)
    )
    if same_kind and pattern == actual:
        return None
    return f"{path}: expected {json.dumps(pattern)}, got {json.dumps(actual)}"


def _parse(request: JSON, message: Message) -> Any:
    return json_format.ParseDict(request, message)


def _get_secret(client: BrokerClient, request: JSON) -> Message:
    req = _parse(request, broker_pb.GetSecretRequest())
    secret = client.get_secret(req.name, version=req.version, keys=list(req.keys))
    return broker_pb.GetSecretResponse(secret=secret.proto)


def _batch(client: BrokerClient, request: JSON) -> Message:
    req = _parse(request, broker_pb.BatchGetSecretsRequest())
    items = client.batch_get_secrets(list(req.names), keys=list(req.keys))
    return broker_pb.BatchGetSecretsResponse(results=[item.proto for item in items])


def _directory(client: BrokerClient, request: JSON) -> Message:
    req = _parse(request, broker_pb.GetUserDirectoryRequest())
    page = client.get_user_directory(
        req.collection,
        page_size=req.page_size,
        page_token=req.page_token,
        user_ids=list(req.user_ids),
        member_of=req.member_of,
        include_credentials=req.include_credentials,
    )
    return page.proto


def _access_list(client: BrokerClient, request: JSON) -> Message:
    req = _parse(request, broker_pb.GetAccessListRequest())
    result = client.get_access_list(
        req.collection,
        list_name=req.list_name,
        control_name=req.control_name,
        resolve=req.resolve,
    )
    return result.proto


def _put(client: BrokerClient, request: JSON) -> Message:
    req = _parse(request, admin_pb.PutSecretRequest())
    meta = client.put_secret(
        req.name,
        dict(req.values),
        expected_version=req.expected_version if req.HasField("expected_version") else None,
        expected_etag=req.expected_etag,
        refresh_after_seconds=req.refresh_after.seconds if req.HasField("refresh_after") else None,
        labels=dict(req.labels),
        token_api=req.token_api if req.HasField("token_api") else None,
    )
    return admin_pb.PutSecretResponse(metadata=meta.proto)


def _list(client: BrokerClient, request: JSON) -> Message:
    req = _parse(request, admin_pb.ListSecretsRequest())
    page, token = client.list_secrets_page(
        req.prefix, page_size=req.page_size, page_token=req.page_token
    )
    return admin_pb.ListSecretsResponse(secrets=[m.proto for m in page], next_page_token=token)


RPCS: dict[str, Callable[[BrokerClient, JSON], Message]] = {
    "GetSecret": _get_secret,
    "BatchGetSecrets": _batch,
    "GetUserDirectory": _directory,
    "GetAccessList": _access_list,
    "PutSecret": _put,
    "ListSecrets": _list,
}


def check_error(expected: Mapping[str, Any], err: BrokerError) -> str | None:
    got = f"{err.code.name} {err.reason or '(no ErrorInfo)'} ({type(err).__name__}: {err.message})"
    if err.code.name != expected["code"]:
        return f"expected error {expected['code']}, got {got}"
    if expected.get("transport"):
        return None if not err.reason else f"expected a status without ErrorInfo, got {got}"
    if err.reason != expected.get("reason"):
        return f"expected reason {expected.get('reason')}, got {got}"
    family = CLASS_OF_REASON.get(err.reason)
    if family is not None and not isinstance(err, family):
        return f"reason {err.reason} surfaced as {type(err).__name__}, not {family.__name__}"
    return None


def run_vector(client: BrokerClient, vector: Mapping[str, Any]) -> str | None:
    """Why the vector failed, or None."""
    call = RPCS.get(vector["rpc"])
    if call is None:
        return f"unknown rpc {vector['rpc']!r}"
    expect = vector["expect"]
    try:
        response = call(client, vector["request"])
    except BrokerError as err:
        if "error" not in expect:
            return f"expected a response, got {err.code.name} {err.reason}: {err.message}"
        return check_error(expect["error"], err)
    actual = json_format.MessageToDict(response)
    if "error" in expect:
        return f"expected error {expect['error']}, got response {json.dumps(actual)}"
    return match(expect["response"], actual)


class Clients:
    """One client per identity, made on first use."""

    def __init__(self, address: str, tls: Path) -> None:
        self._address, self._tls = address, tls
        self._clients: dict[str, BrokerClient] = {}

    def __call__(self, who: str) -> BrokerClient:
        if who not in self._clients:
            self._clients[who] = BrokerClient.connect(
                self._address,
                ca=self._tls / "ca.pem",
                cert=self._tls / f"{who}.pem",
                key=self._tls / f"{who}-key.pem",
                retry=RetryPolicy(max_attempts=2),
            )
        return self._clients[who]

    def close(self) -> None:
        for client in self._clients.values():
            client.close()


def main() -> int:
    try:
        address = os.environ["SB_CONFORMANCE_ADDRESS"]
        tls = Path(os.environ["SB_CONFORMANCE_TLS_DIR"])
        vectors = json.loads(Path(os.environ["SB_CONFORMANCE_VECTORS"]).read_text())["vectors"]
    except (KeyError, OSError, ValueError) as exc:
        print(f"conformance python: cannot start: {exc!r}", file=sys.stderr)
        return 2
    clients = Clients(address, tls)
    passed = 0
    try:
        for vector in vectors:
            why = run_vector(clients(vector["as"]), vector)
            if why is None:
                passed += 1
            else:
                print(f"FAIL {vector['id']}: {why}")
    finally:
        clients.close()
    print(f"conformance python: {passed}/{len(vectors)} passed")
    return 0 if passed == len(vectors) else 1


if __name__ == "__main__":
    sys.exit(main())
