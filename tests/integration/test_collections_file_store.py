"""Collections served by the read-only file store, over real mTLS: a token-API-only
collection and a 100,000-deep nesting of lists (too large for a default-sized import)."""

from collections.abc import AsyncIterator

import pytest
import yaml
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.api.transport import start_server
from secrets_broker.domain.crypto import create_master_key
from secrets_broker.ops.app import build_broker
from secrets_broker.ops.config import parse_config
from tests.conftest import POLICY, Harness
from tests.pki import Pki

VIEW = "View Server:view-server[5f1c8a52-3b7e-4c1d-9a0e-2f6b7d8c9e01]"
DEPTH = 100_000
TOKEN_ONLY = f"""secretsCollections:
  "{VIEW}":
    refreshTimeInterval: 50
    tokenAPI:
      httpRequestType: POST
      url: https://platform.example:9443/api/token
      requestBody: {{userId: viewnpa, password: file-canary-3}}
"""


def deep_lists() -> str:
    lines = [
        "secretsCollections:",
        "  static/deep:",
        "    users: {u0: {userAccountStatus: AVAILABLE}, u1: {userAccountStatus: AVAILABLE}}",
        "    namedLists:",
        "      l0: {userMembers: u1, listMembers: l1}",
    ]
    lines += [f"      l{i}: {{listMembers: l{i + 1}}}" for i in range(1, DEPTH - 1)]
    lines.append(f"      l{DEPTH - 1}: {{userMembers: u0}}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
async def files(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    tmp = tmp_path_factory.mktemp("file-store")
    create_master_key(tmp / "a.key")
    (tmp / "view.yaml").write_text(TOKEN_ONLY)
    (tmp / "deep.yaml").write_text(deep_lists())
    (tmp / "policy.yaml").write_text(yaml.safe_dump(POLICY))
    routes = {"": "general"}
    for prefix in (VIEW[:12], "static/"):
        routes[prefix] = routes[f"sys/collections/{prefix}"] = "files"
    doc = {
        "listen": "127.0.0.1:0",
        "tls": {
            "cert_file": str(pki.path("server")),
            "key_file": str(pki.key("server")),
            "client_ca_file": str(pki.path("ca")),
        },
        "policy_file": "policy.yaml",
        "stores": {
            "general": {"type": "sqlite", "path": "a.db", "master_key_file": "a.key"},
            "files": {"type": "file", "paths": ["view.yaml", "deep.yaml"]},
        },
        "routes": routes,
    }
    config = parse_config(doc, tmp)
    broker = build_broker(config)
    running = await start_server(broker, config.tls, config.listen, config.limits)
    h = Harness(pki, running, broker, clock=None)
    yield h
    await h.stop()


async def test_token_api_only_collection_from_a_file_is_served(files: Harness) -> None:
    got = await files.broker_stub("admin").GetSecret(pb.GetSecretRequest(name=VIEW), timeout=5)
    secret = got.secret
    assert dict(secret.values) == {} and secret.version == 1
    assert secret.refresh_after.seconds == 3000
    assert (secret.token_api.http_method, secret.token_api.content_type) == (
        "POST",
        "application/json",
    )
    assert dict(secret.token_api.request_body) == {"userId": "viewnpa", "password": "file-canary-3"}


@pytest.mark.slow
async def test_100k_deep_nested_lists_resolve_on_every_read(files: Harness) -> None:
    stub = files.broker_stub("admin")
    for _ in range(2):  # the second read comes from the decoded, cached collection
        reply = await stub.GetAccessList(
            pb.GetAccessListRequest(collection="static/deep", list_name="l0", resolve=True),
            timeout=120,
        )
        assert list(reply.named_list.resolved_user_ids) == ["u0", "u1"]
        assert len(reply.named_list.resolved_list_names) == DEPTH - 1
        assert not reply.warnings
    members = await stub.GetUserDirectory(
        pb.GetUserDirectoryRequest(collection="static/deep", member_of=f"l{DEPTH - 1}"),
        timeout=120,
    )
    assert [u.user_id for u in members.users] == ["u0"]
    assert len(members.users[0].member_of) == DEPTH
    assert list(members.users[0].member_of[:3]) == ["l0", "l1", "l10"]
