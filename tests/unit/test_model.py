"""Value objects and integrity data."""

import google_crc32c
import pytest

from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.model import SecretValue, canonical_encoding, data_crc32c
from secrets_broker.domain.names import SecretName


def test_secret_value_never_shows_itself() -> None:
    value = SecretValue("hunter2")
    assert "hunter2" not in repr(value) and "hunter2" not in str(value)
    assert "hunter2" not in f"{value} {value!r} {[value]} { ({'k': value}) }"
    assert value.reveal() == "hunter2"


def test_canonical_encoding_is_documented_layout() -> None:
    values = {"b": SecretValue("2"), "a": SecretValue("\u00e9")}
    assert canonical_encoding(values) == (
        b"\x00\x00\x00\x01a\x00\x00\x00\x02\xc3\xa9\x00\x00\x00\x01b\x00\x00\x00\x012"
    )
    assert data_crc32c(values) == google_crc32c.value(canonical_encoding(values))


@pytest.mark.parametrize(
    "good",
    [
        "a",
        "connectors/postgres-prod",
        "PostgreSQL Server:LocalPostgreSQL1",
        "user/alice@corp/token",
        "View Server:view-server[5f1c8a52-3b7e-4c1d-9a0e-2f6b7d8c9e01]",
        "Integration Daemon:[x]/[]",
        "a" * 512,
    ],
)
def test_good_names(good: str) -> None:
    assert SecretName.parse(good).value == good


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("", "is required"),
        ("a/../b", "has a '.' or '..' segment"),
        ("a//b", "has an empty segment"),
        ("view[\x00]", "outside the allowed set"),
        ("view[\n]", "outside the allowed set"),
        ("view[\x7f]", "outside the allowed set"),
        ("a{b}", "outside the allowed set"),
        ("a*b", "outside the allowed set"),
        (" [x]", "starting or ending with a space"),
    ],
)
def test_bad_names(bad: str, problem: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        SecretName.parse(bad.encode().decode("unicode_escape"))
    assert caught.value.reason == "NAME_INVALID" and problem in caught.value.problem


def test_reserved_prefix_is_internal_only() -> None:
    with pytest.raises(InvalidArgument, match="reserved"):
        SecretName.parse("sys/x")
    assert SecretName.internal("sys/collections/x").value == "sys/collections/x"
    assert SecretName.parse("system/x").value == "system/x"
