"""People at an OpenID Provider: their own namespace, groups in policy, strict parsing."""

import pytest

from secrets_broker.access.identity import Identity, IdentityError
from secrets_broker.access.policy import Policy
from secrets_broker.domain.errors import ConfigError

ISSUER = "https://login.example.org/realms/egi"


def test_canonical_form_and_private_space_segment() -> None:
    alice = Identity.of_oidc(ISSUER, "alice@egi.eu")
    assert alice.canonical == "oidc:https://login.example.org/realms/egi#alice@egi.eu"
    assert alice.segment == "oidc=login.example.org!2Frealms!2Fegi#alice!40egi.eu"
    assert Identity.parse(alice.canonical) == alice
    assert Identity.from_segment(alice.segment) == alice
    assert alice.spiffe_id is None and alice.common_name is None


@pytest.mark.parametrize(
    ("issuer", "subject", "problem"),
    [
        ("http://login.example.org", "alice", "https://"),
        ("https://", "alice", "https://"),
        ("https://login.example.org#frag", "alice", "no query or fragment"),
        ("https://login.example.org?x=1", "alice", "no query or fragment"),
        ("https://login example.org", "alice", "printable ASCII"),
        ("https://" + "a" * 250, "alice", "at most 255"),
        (ISSUER, "", "1 to 255 printable"),
        (ISSUER, "al ice", "1 to 255 printable"),
        (ISSUER, "alice\n", "1 to 255 printable"),
        (ISSUER, "é", "1 to 255 printable"),
        (ISSUER, "a" * 256, "1 to 255 printable"),
    ],
)
def test_refused_issuers_and_subjects(issuer: str, subject: str, problem: str) -> None:
    with pytest.raises(IdentityError, match=problem):
        Identity.of_oidc(issuer, subject)


@pytest.mark.parametrize(
    "segment",
    ["oidc=login.example.org", "oidc=a#!41", "oidc=a#b!2", "oidc=a#b c", "oidc=a!23b#c#d"],
)
def test_segments_that_are_no_identity(segment: str) -> None:
    with pytest.raises(IdentityError):
        Identity.from_segment(segment)


def test_the_namespaces_never_meet() -> None:
    person = Identity.of_oidc("https://example.org", "spiffe")
    workload = Identity.of_spiffe_id("spiffe://example.org/spiffe")
    legacy = Identity.of_common_name("spiffe")
    assert len({person, workload, legacy}) == 3
    assert len({person.segment, workload.segment, legacy.segment}) == 3


def test_groups_are_part_of_the_identity_a_policy_decides_on() -> None:
    policy = Policy.from_mapping(
        {
            "grants": [
                {
                    "identities": [f"oidc-group:{ISSUER}#physics"],
                    "rpcs": ["GetSecret"],
                    "names": ["groups/physics/**"],
                },
                {
                    "identities": [f"oidc:{ISSUER}#*"],
                    "rpcs": ["GetSecret", "PutSecret"],
                    "names": ["private/{identity}/**"],
                },
            ]
        }
    )
    physicist = Identity.of_oidc(ISSUER, "alice", ("physics",))
    chemist = Identity.of_oidc(ISSUER, "alice", ("chemistry",))
    assert physicist != chemist  # the decision cache must not mix them up
    assert policy.allows(physicist, "GetSecret", "groups/physics/run1")
    assert not policy.allows(chemist, "GetSecret", "groups/physics/run1")
    # A group of another issuer with the same name is another group.
    stranger = Identity.of_oidc("https://other.example.org", "alice", ("physics",))
    assert not policy.allows(stranger, "GetSecret", "groups/physics/run1")
    assert policy.allows(chemist, "PutSecret", f"private/{physicist.segment}/db")
    assert not policy.allows(stranger, "PutSecret", f"private/{physicist.segment}/db")


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("oidc:https://login.example.org", "'oidc:<issuer>#<sub>'"),
        ("oidc:http://login.example.org#*", "https://"),
        ("oidc-group:https://login.example.org#a b", "printable"),
        ("group:physics", "starts with 'spiffe://', 'cn:', 'oidc:' or 'oidc-group:'"),
    ],
)
def test_oidc_patterns_that_can_never_match_are_refused(pattern: str, problem: str) -> None:
    doc = {"grants": [{"identities": [pattern], "rpcs": ["GetSecret"], "names": ["**"]}]}
    with pytest.raises(ConfigError, match="can never match") as caught:
        Policy.from_mapping(doc)
    assert problem in str(caught.value)
