"""A store's key options, read the same way by every store that seals its records.

``key_provider`` (a provider section: ``{type: vault-transit, ...}``; the config file may
instead name one of its ``key_providers``) or, as before, ``master_key_file`` (shorthand
for ``{type: file, key_file: ...}``); ``previous_key_providers`` (a list of sections:
providers that only unwrap data keys wrapped before a change of provider); and the
keyring's bounds: ``dek_cache_seconds`` (300), ``dek_cache_max_entries`` (1000),
``dek_max_records`` (1,000,000), ``dek_max_age_seconds`` (30 days) and
``unseal_probe_max_interval_seconds`` (10). See keys/keyring.py for what they bound.
"""

from __future__ import annotations

from collections.abc import Mapping

from secrets_broker.domain.errors import ConfigError
from secrets_broker.keys.file import FileKeyProvider
from secrets_broker.keys.provider import KeyProvider, open_provider
from secrets_broker.keys.table import KeyringSettings, KeySetup
from secrets_broker.stores.options import Options

KEY_OPTIONS = (
    "master_key_file", "key_provider", "previous_key_providers", "dek_cache_seconds",
    "dek_cache_max_entries", "dek_max_records", "dek_max_age_seconds",
    "unseal_probe_max_interval_seconds",
)  # fmt: skip


def _provider(opts: Options, section: object, where: str) -> KeyProvider:
    if not isinstance(section, Mapping):
        raise opts.error(where, "must be a key provider section ({type: ..., ...})")
    try:
        return open_provider(section, f"option {where!r}")
    except ConfigError as exc:
        raise opts.fail(str(exc)) from None


def key_setup(opts: Options) -> KeySetup:
    """The providers (current first) and keyring settings of a store's options."""
    if opts.given("master_key_file") and opts.given("key_provider"):
        raise opts.fail("give option 'key_provider' or 'master_key_file', not both")
    if opts.given("master_key_file"):
        path = opts.path("master_key_file", required=True)
        current = _provider(opts, {"type": "file", "key_file": path}, "master_key_file")
    elif opts.given("key_provider"):
        current = _provider(opts, opts.get("key_provider", None), "key_provider")
    else:
        raise opts.fail("option 'key_provider' (or 'master_key_file') is required")
    previous = opts.get("previous_key_providers", [])
    if not isinstance(previous, list):
        raise opts.error("previous_key_providers", "must be a list of key provider sections")
    providers = (
        current,
        *(_provider(opts, s, f"previous_key_providers[{i}]") for i, s in enumerate(previous)),
    )
    settings = KeyringSettings(
        cache_seconds=opts.number("dek_cache_seconds", 300, 0, 86_400),
        cache_max_entries=opts.integer("dek_cache_max_entries", 1000, 1, 1_000_000),
        max_records=opts.integer("dek_max_records", 1_000_000, 1, 2**32),
        max_age_seconds=opts.number("dek_max_age_seconds", 30 * 86_400, 1, 10 * 365 * 86_400),
        probe_max_interval_seconds=opts.number("unseal_probe_max_interval_seconds", 10, 0.1, 3600),
    )
    return KeySetup(providers, settings)


def envelope_setup(key: bytes) -> KeySetup:
    """A file provider over a raw key (stores built directly, in tests and tools)."""
    return KeySetup((FileKeyProvider(key),))
