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
        "a" * 512,
    ],
)
def test_good_names(good: str) -> None:
    assert SecretName.parse(good).value == good


def test_reserved_prefix_is_internal_only() -> None:
    with pytest.raises(InvalidArgument, match="reserved"):
        SecretName.parse("sys/x")
    assert SecretName.internal("sys/collections/x").value == "sys/collections/x"
    assert SecretName.parse("system/x").value == "system/x"
