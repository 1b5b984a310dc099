"""``secrets-broker config example``: a commented config with every key, from the schema.

Generated from the pydantic models in ops/config.py (defaults and descriptions), so a
key added there shows up here; ``config example | config check -`` is tested.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from secrets_broker.ops.config import Config

# Values for the required keys and the store sections, which have no defaults.
_REQUIRED: dict[str, Any] = {
    "listen": "0.0.0.0:50051",
    "tls.cert_file": "tls/server.pem",
    "tls.key_file": "tls/server-key.pem",
    "tls.client_ca_file": "tls/ca.pem",
    "policy_file": "policy.yaml",
    "audit.dir": "audit",
}
_STORES = """\
# Stores are plugins (entry point group secrets_broker.stores); each checks its own
# options (see the docstrings in server/secrets_broker/stores/).
# sqlite and postgres seal records under data keys wrapped by a key provider:
# key_provider (a name from key_providers below) or, as before, master_key_file.
stores:
  embedded: {type: sqlite, path: data/store.db, master_key_file: master.key}
  # shared: {type: postgres, dsn: "host=db dbname=secrets user=broker", key_provider: transit}
  # vault: {type: vault, url: "https://vault:8200", role_id: ..., secret_id_file: approle.secret}
  # aws: {type: aws, region: eu-west-1, name_prefix: secrets-broker/}
  # files: {type: file, paths: [collections.yaml], reload_interval_seconds: 5}
  # any store may override the resilience keys above for itself, e.g.
  #   shared: {type: postgres, ..., resilience: {call_timeout_seconds: 1}}
# Key providers are plugins too (entry point group secrets_broker.key_providers):
# file, vault-transit, aws-kms (see server/secrets_broker/keys/).
key_providers: {}
  # transit: {type: vault-transit, url: "https://vault:8200", key: broker, token_file: vault.token}
  # kms: {type: aws-kms, key_id: alias/secrets-broker, region: eu-west-1}
# Longest prefix wins; "" is the default route (optional with a single store).
routes:
  "": embedded
"""


def _scalar(value: Any) -> str:
    return json.dumps(value) if isinstance(value, str) else json.dumps(value).lower()


def _lines(model: type[BaseModel], prefix: str, indent: str) -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        if key in ("stores", "routes", "key_providers"):
            continue
        described = f"  # {info.description}" if info.description else ""
        nested = _model_of(info)
        if nested is not None:
            out.append(f"{indent}{name}:{described}")
            out.extend(_lines(nested, f"{key}.", indent + "  "))
            continue
        value = _REQUIRED[key] if key in _REQUIRED else _default(info)
        out.append(f"{indent}{name}: {_scalar(value)}{described}")
    return out


def _model_of(info: FieldInfo) -> type[BaseModel] | None:
    kind = info.annotation
    return kind if isinstance(kind, type) and issubclass(kind, BaseModel) else None


def _default(info: FieldInfo) -> Any:
    if info.default is not PydanticUndefined:
        return info.default
    if info.default_factory is not None:
        return info.default_factory()  # type: ignore[call-arg]
    raise KeyError(f"no example value for required key {info!r}")


def example() -> str:
    head = (
        "# secrets-broker configuration: every key with its default. Unknown keys and\n"
        "# out-of-range values stop start-up naming the key. Relative paths are relative\n"
        "# to this file. Any key can be overridden by SECRETS_BROKER_<KEY> (nested keys\n"
        "# joined by __, e.g. SECRETS_BROKER_CACHE__DEFAULT_TTL_SECONDS=60).\n"
    )
    return head + "\n".join(_lines(Config, "", "")) + "\n" + _STORES
