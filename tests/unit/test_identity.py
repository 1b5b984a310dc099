"""SPIFFE IDs are parsed strictly, common names live apart, private spaces never collide."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from secrets_broker.access.identity import Identity, IdentityError, SpiffeId
from secrets_broker.access.policy import Policy
from secrets_broker.domain.names import SecretName

# The SPIFFE ID specification's rules (SPIFFE-ID.md sections 2 and 2.3), one case each.
VALID = [
    "spiffe://trustdomain",
    "spiffe://trustdomain/path",
    "spiffe://trustdomain/path/element",
    "spiffe://example.org/ns/prod/sa/api-server_v2",
    "spiffe://td-with_under.score/Mixed.Case-Path_1",
    "spiffe://1.2.3.4/ip-like-trust-domain",
    "spiffe://td/...",  # only '.' and '..' are special, not other dot runs
    "spiffe://td/.hidden/a..b",
    "spiffe://td/" + "a" * (2048 - len("spiffe://td/")),  # exactly 2048 bytes
    "spiffe://" + "t" * 255 + "/x",
]
INVALID = [
    ("", "starts with 'spiffe://'"),
    ("spiffe://", "trust domain is empty"),
    ("spiffe:///path", "trust domain is empty"),
    ("SPIFFE://td/path", "starts with 'spiffe://'"),
    ("Spiffe://td/path", "starts with 'spiffe://'"),
    ("https://td/path", "starts with 'spiffe://'"),
    ("spiffe:/td/path", "starts with 'spiffe://'"),
    ("spiffe:td/path", "starts with 'spiffe://'"),
    ("spiffe://TD/path", "trust domain may hold only"),
    ("spiffe://Example.org/path", "trust domain may hold only"),
    ("spiffe://td:8080/path", "trust domain may hold only"),
    ("spiffe://user@td/path", "trust domain may hold only"),
    ("spiffe://user:pass@td/path", "trust domain may hold only"),
    ("spiffe://td?query", "trust domain may hold only"),
    ("spiffe://td#fragment", "trust domain may hold only"),
    ("spiffe://t%64/path", "trust domain may hold only"),
    ("spiffe://td\n/path", "trust domain may hold only"),
    ("spiffe://tdé/path", "trust domain may hold only"),
    ("spiffe://td/", "empty segment"),
    ("spiffe://td/path/", "empty segment"),
    ("spiffe://td//path", "empty segment"),
    ("spiffe://td/./path", "'.' or '..' segment"),
    ("spiffe://td/../path", "'.' or '..' segment"),
    ("spiffe://td/path/.", "'.' or '..' segment"),
    ("spiffe://td/path/..", "'.' or '..' segment"),
    ("spiffe://td/p%61th", "path segment may hold only"),
    ("spiffe://td/path?query", "path segment may hold only"),
    ("spiffe://td/path#fragment", "path segment may hold only"),
    ("spiffe://td/pa th", "path segment may hold only"),
    ("spiffe://td/b~c", "path segment may hold only"),
    ("spiffe://td/a=b", "path segment may hold only"),
    ("spiffe://td/path\n", "path segment may hold only"),  # py-spiffe 0.3.2 accepts this
    ("spiffe://td/pätn", "path segment may hold only"),
    ("spiffe://td/" + "a" * (2049 - len("spiffe://td/")), "at most 2048 bytes"),
    ("spiffe://" + "t" * 256 + "/x", "longer than 255 bytes"),
]


@pytest.mark.parametrize("raw", VALID)
def test_valid_spiffe_ids_parse_unchanged(raw: str) -> None:
    assert str(SpiffeId.parse(raw)) == raw


@pytest.mark.parametrize(("raw", "problem"), INVALID)
def test_invalid_spiffe_ids_are_refused(raw: str, problem: str) -> None:
    with pytest.raises(IdentityError, match=problem.replace(".", r"\.").replace("?", r"\?")):
        SpiffeId.parse(raw)


def test_a_trust_domain_alone_is_no_caller_identity() -> None:
    assert SpiffeId.parse("spiffe://example.org").path == ""
    with pytest.raises(IdentityError, match="names no workload"):
        Identity.of_spiffe_id("spiffe://example.org")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("spiffe://secrets-broker.dev/admin", "looks like a URI"),
        ("a/b", "looks like a URI"),
        ("job:1", "looks like a URI"),
        ("", "empty"),
        ("-job", "starting with a letter or digit"),
        ("job one", "may hold only"),
        ("job~1", "may hold only"),
        ("x" * 65, "longer than 64"),
    ],
)
def test_common_names_that_could_confuse_are_refused(name: str, problem: str) -> None:
    with pytest.raises(IdentityError, match=problem):
        Identity.of_common_name(name)


def test_canonical_strings_keep_the_namespaces_apart() -> None:
    assert Identity.of_common_name("legacy-job").canonical == "cn:legacy-job"
    assert Identity.parse("cn:legacy-job") == Identity.of_common_name("legacy-job")
    assert Identity.parse("spiffe://td/app") == Identity.of_spiffe_id("spiffe://td/app")
    assert Identity.of_common_name("td") != Identity.of_spiffe_id("spiffe://td/x")
    for raw in ("legacy-job", "cn=job", "spiffe://cn=job/x", "cn:spiffe://td/x"):
        with pytest.raises(IdentityError):
            Identity.parse(raw)


def test_the_colliding_pairs_of_the_old_encoding_are_gone() -> None:
    # spiffe://a/b~c and spiffe://a/b/c shared a space; now the first is no SPIFFE ID
    assert Identity.parse("spiffe://a/b/c").segment == "a~b~c"
    with pytest.raises(IdentityError):
        Identity.parse("spiffe://a/b~c")
    # spiffe://cn=job shared CN job's space; now '=' is no trust-domain character
    assert Identity.parse("cn:job").segment == "cn=job"
    with pytest.raises(IdentityError):
        Identity.parse("spiffe://cn=job/x")


_TD = st.text(string.ascii_lowercase + string.digits + ".-_", min_size=1, max_size=12)
_SEGMENT = st.text(string.ascii_letters + string.digits + ".-_", min_size=1, max_size=6).filter(
    lambda s: s not in (".", "..")
)
SPIFFE_IDS = st.builds(
    lambda td, path: Identity.of_spiffe_id(f"spiffe://{td}/{'/'.join(path)}"),
    _TD,
    st.lists(_SEGMENT, min_size=1, max_size=5),
)
COMMON_NAMES = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,12}", fullmatch=True).map(
    Identity.of_common_name
)
_PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F))
OIDC_IDS = st.builds(
    lambda issuer, sub: Identity.of_oidc("https://" + issuer, sub),
    st.text(_PRINTABLE.replace("#", "").replace("?", ""), min_size=1, max_size=20),
    st.text(_PRINTABLE, min_size=1, max_size=20),
)
IDENTITIES = st.one_of(SPIFFE_IDS, COMMON_NAMES, OIDC_IDS)
PRIVATE = Policy.from_mapping(
    {
        "grants": [
            {
                "identities": ["spiffe://**", "cn:*", "oidc:https://**#**"],
                "rpcs": ["GetSecret", "ListSecrets"],
                "names": ["private/{identity}/**"],
            }
        ]
    }
)


@given(IDENTITIES)
def test_the_private_space_segment_is_invertible(identity: Identity) -> None:
    # an inverse exists, so no two identities share a segment
    assert Identity.from_segment(identity.segment) == identity
    SecretName.parse(f"private/{identity.segment}/db")  # and it is a usable name segment


@given(IDENTITIES, IDENTITIES)
def test_no_identity_reaches_another_private_space(a: Identity, b: Identity) -> None:
    name = f"private/{a.segment}/db"
    assert PRIVATE.allows(a, "GetSecret", name)
    assert PRIVATE.allows(b, "GetSecret", name) == (a == b)
    assert (a.segment == b.segment) == (a == b)


_TRICKY = st.text(string.ascii_letters + string.digits + "./-_~=:%@?#\n é", max_size=20)


@given(
    st.sampled_from(["spiffe://", "cn:", "spiffe://td/", "", "oidc:", "oidc:https://i#"]), _TRICKY
)
def test_parsing_never_normalises(prefix: str, rest: str) -> None:
    raw = prefix + rest
    try:
        identity = Identity.parse(raw)
    except IdentityError:
        return
    assert identity.canonical == raw
    assert Identity.from_segment(identity.segment) == identity
