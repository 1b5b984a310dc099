"""The AWS options the Secrets Manager store and the KMS key provider share: credentials
(a profile, or an access key pair, or the environment's), region, endpoint, timeouts and
retries, read and checked once, and the boto3 client built from them."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import NoRegionError, ProfileNotFound

from secrets_broker.stores.options import Options

AWS_TEXTS = (
    "region", "endpoint_url", "profile", "access_key_id", "secret_access_key", "session_token",
)  # fmt: skip


def aws_ints(read_timeout_ms: int) -> dict[str, tuple[int, int, int]]:
    """The integer options (default, lowest, highest) with this read timeout default."""
    return {
        "connect_timeout_ms": (2000, 1, 600_000),
        "read_timeout_ms": (read_timeout_ms, 1, 600_000),
        "max_attempts": (3, 1, 10),
    }


def read_aws_options(
    opts: Options, texts: tuple[str, ...], ints: dict[str, tuple[int, int, int]]
) -> tuple[dict[str, str], dict[str, int]]:
    """The set text options and every integer option; credentials that cannot go
    together stop start-up."""
    found = {k: v for k in texts if (v := opts.text(k, empty_is_unset=True)) is not None}
    numbers = {k: opts.integer(k, default, low, high) for k, (default, low, high) in ints.items()}
    if ("access_key_id" in found) != ("secret_access_key" in found):
        raise opts.fail("options 'access_key_id' and 'secret_access_key' go together")
    if "profile" in found and "access_key_id" in found:
        raise opts.error("profile", "excludes 'access_key_id'")
    return found, numbers


def aws_client(opts: Options, service: str, texts: dict[str, str], ints: dict[str, int]) -> Any:
    """A boto3 client of ``service``; a missing profile or region, or a malformed
    endpoint, is a ConfigError naming the option."""
    config = Config(
        connect_timeout=ints["connect_timeout_ms"] / 1000,
        read_timeout=ints["read_timeout_ms"] / 1000,
        retries={"max_attempts": ints["max_attempts"], "mode": "standard"},
    )
    try:
        session = boto3.session.Session(
            profile_name=texts.get("profile"),
            region_name=texts.get("region"),
            aws_access_key_id=texts.get("access_key_id"),
            aws_secret_access_key=texts.get("secret_access_key"),
            aws_session_token=texts.get("session_token"),
        )
        return session.client(service, endpoint_url=texts.get("endpoint_url"), config=config)
    except ProfileNotFound:
        raise opts.error(
            "profile", f"names no AWS profile ({texts['profile']!r} not found)"
        ) from None
    except NoRegionError:
        raise opts.error("region", "is required (no default region is configured)") from None
    except ValueError as exc:  # e.g. a malformed endpoint_url
        raise opts.error("endpoint_url", f"is not usable: {exc}") from None
