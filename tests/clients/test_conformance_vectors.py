"""The conformance vector file is well-formed and agrees with its seed and the broker's
error catalogue; the Python runner's matcher follows the spec every runner shares."""

import json
from pathlib import Path

import grpc
import pytest
import yaml
from secretsbroker.conformance import match
from secretsbroker.crc import data_crc32c

from secrets_broker.api.status import STATUS_OF
from secrets_broker.domain.errors import REASONS

HERE = Path(__file__).resolve().parents[1] / "conformance" / "clients"
VECTORS = json.loads((HERE / "vectors.json").read_text())
SEED = yaml.safe_load((HERE / "seed.yaml").read_text())
RPCS = {
    "GetSecret",
    "BatchGetSecrets",
    "GetUserDirectory",
    "GetAccessList",
    "PutSecret",
    "ListSecrets",
}
IDENTITIES = {"client", "admin", "authn", "stranger", "foreign-ca"}


def test_vectors_are_well_formed() -> None:
    assert VECTORS["version"] == 1
    ids = [v["id"] for v in VECTORS["vectors"]]
    assert len(ids) == len(set(ids))
    for v in VECTORS["vectors"]:
        assert set(v) == {"id", "description", "as", "rpc", "request", "expect"}, v["id"]
        assert v["as"] in IDENTITIES and v["rpc"] in RPCS, v["id"]
        assert len(v["expect"]) == 1 and set(v["expect"]) <= {"response", "error"}, v["id"]


def test_error_vectors_use_the_catalogue() -> None:
    code_of = {cls.__name__: code.name for cls, code in STATUS_OF.items()}
    code_of["BrokerError"] = grpc.StatusCode.INTERNAL.name
    for v in VECTORS["vectors"]:
        error = v["expect"].get("error")
        if error is None:
            continue
        assert error["code"] in grpc.StatusCode.__members__, v["id"]
        if error.get("transport"):
            assert "reason" not in error, v["id"]
        else:
            assert code_of[REASONS[error["reason"]]] == error["code"], v["id"]


def test_writes_only_ever_fail() -> None:
    """Four runners share one broker: a vector must not change its state."""
    for v in VECTORS["vectors"]:
        if v["rpc"] == "PutSecret":
            assert "error" in v["expect"], v["id"]


def _crcs(value: object) -> set[str]:
    if isinstance(value, dict):
        found = {value["dataCrc32c"]} if "dataCrc32c" in value else set()
        return found.union(*(_crcs(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_crcs(v) for v in value))
    return set()


def test_crcs_agree_with_the_seed() -> None:
    seeded = {
        str(data_crc32c(version["values"]))
        for secret in SEED["secrets"]
        for version in secret["versions"]
    }
    named = _crcs([v["expect"] for v in VECTORS["vectors"]])
    assert named and named <= seeded


def test_the_required_cases_are_covered() -> None:
    ids = {v["id"] for v in VECTORS["vectors"]}
    assert {
        "get-secret-found",
        "get-secret-key-subset",
        "get-secret-missing",
        "get-secret-forbidden",
        "get-secret-bad-name-empty-segment",
        "batch-mixed",
        "directory-first-page",
        "directory-member-of",
        "access-list-resolved",
        "put-stale-version",
        "get-secret-foreign-ca",
    } <= ids


@pytest.mark.parametrize(
    ("pattern", "actual", "ok"),
    [
        ({"a": "1"}, {"a": "1", "b": 2}, True),  # extra actual keys are ignored
        ({"a": "1", "c": True}, {"a": "1"}, False),  # a pattern key must be there
        ({"a": {"b": [1, 2]}}, {"a": {"b": [1, 2]}}, True),
        ([1, 2], [1, 2, 3], False),  # arrays: same length
        ([{"x": 1}], [{"x": 1, "y": 2}], True),  # element-wise patterns
        ("2", 2, False),  # int64 prints as a string
        (True, 1, False),
        (1, 1.0, True),
        ([], [], True),
    ],
)
def test_matcher(pattern: object, actual: object, ok: bool) -> None:
    assert (match(pattern, actual) is None) is ok
