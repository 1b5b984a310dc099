"""The seam between a store's data keys and the root of trust that wraps them.

A key provider holds a key-encryption key (KEK) that never leaves it (a key file, a
Vault/OpenBao Transit key, an AWS KMS key) and wraps and unwraps data keys with it.
Providers are plugins found by entry point (group ``secrets_broker.key_providers``), as
stores are: a class with ``from_config(options) -> KeyProvider``.

Every wrapped key names the KEK version that wrapped it (``Wrapped.kek``, e.g.
``vault-transit:transit/broker:v2``), so old data keys stay readable after a rotation
and ``rekey`` can find those still under an old version. Provider calls are blocking
(hvac, boto3): the keyring runs them in worker threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from secrets_broker.domain.errors import ConfigError

GROUP = "secrets_broker.key_providers"


class KeyUnreachable(Exception):
    """The provider did not answer (network, timeout, a 5xx, a sealed Vault): retry later.
    The message names the provider, never key material."""


class KeyRefused(Exception):
    """The provider answered and refused: a wrong or missing key, a disabled key version,
    denied credentials, a wrapped key that is not its own."""


@dataclass(frozen=True, slots=True)
class Wrapped:
    """A data key wrapped by a provider: ``kek`` names the KEK version, ``blob`` is opaque."""

    kek: str
    blob: bytes


@runtime_checkable
class KeyProvider(Protocol):
    """What a keyring needs of a root of trust."""

    label: str  # for messages: "vault-transit key provider 'transit'"
    can_rotate: bool  # whether ``rotate`` makes a new KEK version (a key file cannot)

    def owns(self, kek: str) -> bool:
        """Whether a key wrapped under KEK version ``kek`` is this provider's to unwrap."""
        ...

    def current(self) -> str:
        """The KEK version new wraps use; a provider call (it checks the key exists)."""
        ...

    def wrap(self, key: bytes, context: Mapping[str, str]) -> Wrapped:
        """Wraps ``key`` under the current KEK version, bound to ``context``."""
        ...

    def unwrap(self, wrapped: Wrapped, context: Mapping[str, str]) -> bytes:
        """The key ``wrap`` was given, with the same ``context``."""
        ...

    def rotate(self) -> str:
        """Makes a new KEK version current (older ones still unwrap) and returns it."""
        ...

    def legacy_key(self) -> bytes | None:
        """The raw master key, for records sealed before data keys (the file provider)."""
        ...

    def close(self) -> None: ...


def context_bytes(context: Mapping[str, str]) -> bytes:
    """A canonical encoding of a wrap context, for providers that take bytes."""
    return b"\0".join(f"{k}={context[k]}".encode() for k in sorted(context))


def available() -> list[str]:
    return sorted(ep.name for ep in entry_points(group=GROUP))


def open_provider(section: Mapping[str, Any], where: str) -> KeyProvider:
    """Builds a provider from its config section (``type`` and an optional ``name``, which
    labels messages, then the provider's own options). ``where`` names the section."""
    if not isinstance(section, Mapping):
        raise ConfigError(f"{where}: must be a mapping with a 'type'")
    kind = section.get("type")
    if not isinstance(kind, str) or not kind:
        raise ConfigError(f"{where}: key 'type' is required (one of {available()})")
    found = entry_points(group=GROUP, name=kind)
    if not found:
        raise ConfigError(f"{where}: key provider type {kind!r} is not installed ({available()})")
    options = {k: v for k, v in section.items() if k != "type"}
    provider = next(iter(found)).load().from_config(options)
    if not isinstance(provider, KeyProvider):
        raise ConfigError(f"{where}: key provider type {kind!r} does not implement KeyProvider")
    return provider


def provider_label(kind: str, options: Mapping[str, Any]) -> str:
    name = options.get("name")
    return f"{kind} key provider" + (f" {name!r}" if isinstance(name, str) and name else "")
