"""Generated Python messages never print a debug_redact field's value."""

import pytest
from google.protobuf import json_format
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb
from secretsbroker.v1 import resources_pb2 as rpb

CANARY = "canary-Zx9-value"


def _samples() -> list[object]:
    secret = rpb.Secret(name="a/b", values={"clearPassword": CANARY}, version=2)
    user = rpb.UserAccount(user_id="u", credentials={"clearPassword": CANARY})
    return [
        secret,
        pb.GetSecretResponse(secret=secret),
        pb.BatchGetSecretsResponse(results=[pb.BatchGetSecretsResult(name="a/b", secret=secret)]),
        pb.GetUserDirectoryResponse(users=[user]),
        admin_pb.PutSecretRequest(name="a/b", values={"clearPassword": CANARY}),
    ]


@pytest.mark.parametrize("message", _samples(), ids=lambda m: type(m).__name__)
def test_str_and_repr_hide_redacted_values(message: object) -> None:
    for text in (str(message), repr(message), f"{message}", f"{message!r}"):
        assert CANARY not in text
        assert "[REDACTED]" in text


def test_only_redacted_fields_are_hidden_and_data_is_untouched() -> None:
    secret = rpb.Secret(name="a/b", values={"clearPassword": CANARY}, version=2, etag='"2-x"')
    text = str(secret)
    assert 'name: "a/b"' in text and "version: 2" in text and 'key: "clearPassword"' in text
    assert secret.values["clearPassword"] == CANARY
    copy = rpb.Secret.FromString(secret.SerializeToString())
    assert copy.values["clearPassword"] == CANARY
    assert json_format.MessageToDict(secret)["values"] == {"clearPassword": CANARY}


def test_messages_without_secret_fields_print_as_usual() -> None:
    request = pb.GetSecretRequest(name="a/b", keys=["userId"])
    assert str(request) == 'name: "a/b"\nkeys: "userId"\n'
