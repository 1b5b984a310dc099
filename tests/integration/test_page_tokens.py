"""Page tokens are HMAC-signed: forged, edited, foreign (another query, caller or key)
tokens are INVALID_ARGUMENT / PAGE_TOKEN_INVALID; replicas sharing the key accept each
other's tokens."""

import base64
import hashlib
import json
import secrets
from pathlib import Path

import grpc
from secretsbroker.v1 import admin_service_pb2 as admin_pb
from secretsbroker.v1 import broker_service_pb2 as pb

from secrets_broker.api.page_tokens import PageTokens
from tests.conftest import Harness
from tests.integration.abuse import DEADLINE, broker_with, still_serves
from tests.integration.helpers import rpc_error
from tests.pki import ADMIN_ID, Pki

PREFIX = "paging/"
NAMES = [f"{PREFIX}a", f"{PREFIX}b", f"{PREFIX}c", f"{PREFIX}d"]
CORP = (Path(__file__).parent.parent / "data" / "corp-collections.yaml").read_text()
INVALID = "page_token: is not a token this server issued for this query"


async def _seed(h: Harness) -> None:
    for name in NAMES:
        await h.admin_stub().PutSecret(
            admin_pb.PutSecretRequest(name=name, values={"k": "v"}), timeout=DEADLINE
        )


async def _list(h: Harness, token: str = "", prefix: str = PREFIX) -> admin_pb.ListSecretsResponse:
    request = admin_pb.ListSecretsRequest(prefix=prefix, page_size=1, page_token=token)
    reply: admin_pb.ListSecretsResponse = await h.admin_stub().ListSecrets(
        request, timeout=DEADLINE
    )
    return reply


async def _refused(h: Harness, token: str, prefix: str = PREFIX) -> None:
    err = await rpc_error(
        _list(h, token, prefix), grpc.StatusCode.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"
    )
    assert err.details() == INVALID


def _unsigned(after: str, query: list[object]) -> str:
    """A token as the unkeyed scheme made them: anyone could recompute its hash."""
    bound = hashlib.sha256(json.dumps(query, default=str).encode()).hexdigest()[:16]
    doc = json.dumps({"a": after, "q": bound}).encode()
    return base64.urlsafe_b64encode(doc).decode().rstrip("=")


async def test_forged_and_edited_tokens_are_refused(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    async with broker_with(pki, policy_file, tmp_path) as h:
        await _seed(h)
        first = await _list(h)
        assert [s.name for s in first.secrets] == [NAMES[0]]
        second = await _list(h, first.next_page_token)  # a genuine token works
        assert [s.name for s in second.secrets] == [NAMES[1]]
        # Skip ahead with a forged cursor, hash recomputed (with and without identity).
        for query in ([PREFIX], [ADMIN_ID, PREFIX]):
            await _refused(h, _unsigned(NAMES[2], query))
        raw = bytearray(base64.urlsafe_b64decode(first.next_page_token + "=="))
        raw[-1] ^= 1  # the cursor's last byte
        await _refused(h, base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("="))
        for junk in ("!!", "AAAA", "A" * 3000):
            await _refused(h, junk)
        await still_serves(h)


async def test_tokens_of_another_query_caller_or_key_are_refused(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    async with broker_with(pki, policy_file, tmp_path) as h:
        await _seed(h)
        token = (await _list(h)).next_page_token
        await _refused(h, token, prefix="paging/a")  # another query
        other_key = PageTokens(secrets.token_bytes(32)).encode(NAMES[0], (ADMIN_ID, PREFIX))
        await _refused(h, other_key)
        await h.admin_stub().ImportCollections(
            admin_pb.ImportCollectionsRequest(yaml=CORP), timeout=DEADLINE
        )
        request = pb.GetUserDirectoryRequest(collection="corp/people", page_size=1)
        admins = await h.broker_stub("admin").GetUserDirectory(request, timeout=DEADLINE)
        request.page_token = admins.next_page_token
        await rpc_error(  # the admin's token, replayed by another caller
            h.broker_stub("authn").GetUserDirectory(request, timeout=DEADLINE),
            grpc.StatusCode.INVALID_ARGUMENT,
            "PAGE_TOKEN_INVALID",
        )
        await h.broker_stub("admin").GetUserDirectory(request, timeout=DEADLINE)


async def test_replicas_sharing_the_key_accept_each_others_tokens(
    pki: Pki, policy_file: Path, tmp_path: Path
) -> None:
    key = secrets.token_bytes(32)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    async with (
        broker_with(pki, policy_file, tmp_path / "one", page_tokens=PageTokens(key)) as one,
        broker_with(pki, policy_file, tmp_path / "two", page_tokens=PageTokens(key)) as two,
    ):
        for replica in (one, two):
            await _seed(replica)
        token = (await _list(one)).next_page_token
        assert [s.name for s in (await _list(two, token)).secrets] == [NAMES[1]]
