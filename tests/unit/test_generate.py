"""Rotation's value generators: policies, encodings, and the randomness they draw on."""

import ast
import base64
import string
from pathlib import Path

import pytest

from secrets_broker.domain import generate
from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.generate import PasswordPolicy, password, random_bytes

SOURCE = Path(generate.__file__)


def test_a_default_password_has_32_characters_from_every_class() -> None:
    value = password(PasswordPolicy())
    assert len(value) == 32
    assert set(value) <= set(string.ascii_letters + string.digits + string.punctuation)


def test_exclusions_shape_the_alphabet() -> None:
    policy = PasswordPolicy(
        length=2000, exclude_punctuation=True, exclude_uppercase=True, exclude_characters="0lo1"
    )
    value = password(policy)
    allowed = set(string.ascii_lowercase + string.digits) - set("0lo1")
    assert set(value) == allowed  # 2000 draws from 32 characters: every one appears


def test_require_each_included_type_even_when_it_is_unlikely() -> None:
    policy = PasswordPolicy(
        length=4, exclude_characters=string.digits[1:], require_each_included_type=True
    )
    for _ in range(50):
        value = password(policy)
        assert "0" in value and any(c in string.punctuation for c in value)
        assert any(c.islower() for c in value) and any(c.isupper() for c in value)


@pytest.mark.parametrize(
    ("policy", "field"),
    [
        (PasswordPolicy(length=0), "password.length"),
        (PasswordPolicy(length=4097), "password.length"),
        (PasswordPolicy(exclude_characters="x" * 257), "password.exclude_characters"),
        (
            PasswordPolicy(
                exclude_lowercase=True,
                exclude_uppercase=True,
                exclude_numbers=True,
                exclude_characters=string.punctuation,
            ),
            "password",
        ),
        (PasswordPolicy(length=3, require_each_included_type=True), "password.length"),
    ],
)
def test_impossible_policies_name_their_field(policy: PasswordPolicy, field: str) -> None:
    with pytest.raises(InvalidArgument) as caught:
        password(policy)
    assert caught.value.field == field


def test_random_bytes_encodings() -> None:
    assert len(bytes.fromhex(random_bytes(16, "hex", "f"))) == 16
    assert len(base64.b64decode(random_bytes(32, "base64", "f"))) == 32
    url = random_bytes(32, "base64url", "f")
    assert "=" not in url and len(base64.urlsafe_b64decode(url + "=")) == 32
    assert random_bytes(32, "hex", "f") != random_bytes(32, "hex", "f")
    for bad in (0, 4097):
        with pytest.raises(InvalidArgument) as caught:
            random_bytes(bad, "hex", "random_bytes")
        assert caught.value.field == "random_bytes.length"


def test_only_the_csprng_is_used() -> None:
    tree = ast.parse(SOURCE.read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert "secrets" in imported and "random" not in imported and "os" not in imported
