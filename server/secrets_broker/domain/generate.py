"""Values for a rotation: passwords and random bytes from the operating system's CSPRNG.

Everything random here comes from the ``secrets`` module (os.urandom underneath); the
``random`` module is never used. A generated value goes straight into the new
version's content: it is never logged, traced or put in an error message.
"""

from __future__ import annotations

import base64
import secrets
import string
from dataclasses import dataclass
from typing import Literal

from secrets_broker.domain.errors import InvalidArgument

DEFAULT_LENGTH = 32
MAX_PASSWORD_LENGTH = 4096
MAX_RANDOM_BYTES = 4096
MAX_EXCLUDED_BYTES = 256
PUNCTUATION = string.punctuation  # the 32 printable ASCII symbols
Encoding = Literal["base64", "base64url", "hex"]
_REDRAWS = 1000


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """What a generated password may contain (the fields of PasswordGenerator)."""

    length: int = DEFAULT_LENGTH
    exclude_uppercase: bool = False
    exclude_lowercase: bool = False
    exclude_numbers: bool = False
    exclude_punctuation: bool = False
    exclude_characters: str = ""
    require_each_included_type: bool = False

    def kinds(self) -> list[str]:
        """The character classes left after the exclusions, each non-empty."""
        classes = (
            (self.exclude_uppercase, string.ascii_uppercase),
            (self.exclude_lowercase, string.ascii_lowercase),
            (self.exclude_numbers, string.digits),
            (self.exclude_punctuation, PUNCTUATION),
        )
        excluded = set(self.exclude_characters)
        kept = [
            "".join(c for c in chars if c not in excluded) for skip, chars in classes if not skip
        ]
        return [k for k in kept if k]


def check_password_policy(policy: PasswordPolicy, field: str) -> None:
    """INVALID_ARGUMENT naming the field of a policy that cannot produce a password."""
    if not 1 <= policy.length <= MAX_PASSWORD_LENGTH:
        raise InvalidArgument(f"{field}.length", f"must be within 1..{MAX_PASSWORD_LENGTH}")
    if len(policy.exclude_characters.encode()) > MAX_EXCLUDED_BYTES:
        raise InvalidArgument(
            f"{field}.exclude_characters", f"is longer than {MAX_EXCLUDED_BYTES} bytes"
        )
    kinds = policy.kinds()
    if not kinds:
        raise InvalidArgument(field, "the exclusions leave no character to draw from")
    if policy.require_each_included_type and policy.length < len(kinds):
        raise InvalidArgument(
            f"{field}.length",
            f"must be at least {len(kinds)} to hold one character of each included type",
        )


def password(policy: PasswordPolicy) -> str:
    """A password drawn uniformly from the policy's alphabet; with
    require_each_included_type, redrawn until every class appears (rejection sampling
    keeps the result uniform over the passwords that qualify). Should a policy make
    that unlikely, one character of each class is placed and the rest drawn, shuffled."""
    check_password_policy(policy, "password")
    kinds = policy.kinds()
    alphabet = "".join(kinds)
    for _ in range(_REDRAWS):
        drawn = "".join(secrets.choice(alphabet) for _ in range(policy.length))
        if not policy.require_each_included_type or all(
            any(c in kind for c in drawn) for kind in kinds
        ):
            return drawn
    chars = [secrets.choice(kind) for kind in kinds]
    chars += [secrets.choice(alphabet) for _ in range(policy.length - len(kinds))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def random_bytes(length: int, encoding: Encoding, field: str) -> str:
    """``length`` random bytes, written as text in ``encoding``."""
    if not 1 <= length <= MAX_RANDOM_BYTES:
        raise InvalidArgument(f"{field}.length", f"must be within 1..{MAX_RANDOM_BYTES}")
    raw = secrets.token_bytes(length)
    if encoding == "hex":
        return raw.hex()
    if encoding == "base64url":
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    return base64.b64encode(raw).decode()
