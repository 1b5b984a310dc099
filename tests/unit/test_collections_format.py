"""The Egeria format: every key read into a field or warned about, values as written."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from secrets_broker.collections.document import collection_objects, decode_collection
from secrets_broker.collections.format import encode_collection, parse_collections
from secrets_broker.domain.directory import Collection
from secrets_broker.domain.errors import InvalidArgument
from secrets_broker.domain.model import TokenApi

EVERY_KEY = Path(__file__).parents[1] / "data" / "egeria-every-key.yaml"
VIEW = "View Server:view-server[5f1c8a52-3b7e-4c1d-9a0e-2f6b7d8c9e01]"

# The properties of Egeria's own classes (org.odpi.openmetadata.frameworks.connectors.
# properties.users), plus the keys real files add: listTypeName, controlDescription,
# a user's description and userId.
EGERIA_KEYS = {
    "collection": {"displayName", "description", "refreshTimeInterval", "secrets", "tokenAPI"}
    | {"users", "namedLists", "securityAccessControls"},
    "tokenAPI": {"httpRequestType", "url", "contentType", "requestBody", "responseBodyMapping"},
    "user": {"userName", "userAccountType", "employeeNumber", "employeeType", "displayName"}
    | {"givenName", "surname", "email", "manager", "distinguishedName", "securityRoles"}
    | {"securityGroups", "otherProperties", "userAccountStatus", "secrets", "description"}
    | {"userId"},
    "list": {"displayName", "description", "distinguishedName", "userMembers", "listMembers"}
    | {"otherProperties", "listTypeName"},
    "control": {"controlDisplayName", "controlTypeName", "mappingProperties", "description"}
    | {"associatedSecurityList", "securityLabels", "securityProperties", "otherProperties"}
    | {"controlDescription"},
}
UNKNOWN = {"timeoutSeconds", "owner", "badgeColour", "colour", "DEFAULT"}


def parse(text: str) -> tuple[dict[str, Collection], list[str]]:
    colls, warnings = parse_collections(text)
    return {c.name: c for c in colls}, warnings


def test_the_fixture_uses_every_key_of_the_format() -> None:
    doc = yaml.safe_load(EVERY_KEY.read_text())["secretsCollections"]
    used: dict[str, set[str]] = {k: set() for k in EGERIA_KEYS}
    for coll in doc.values():
        used["collection"] |= set(coll)
        used["tokenAPI"] |= set(coll.get("tokenAPI") or {})
        for kind, section in (
            ("user", "users"),
            ("list", "namedLists"),
            ("control", "securityAccessControls"),
        ):
            for entry in (coll.get(section) or {}).values():
                used[kind] |= set(entry)
    for kind, keys in EGERIA_KEYS.items():
        assert keys <= used[kind], (kind, keys - used[kind])
        assert used[kind] - keys <= UNKNOWN


def test_every_key_is_read_into_a_field_or_warned_about() -> None:
    colls, warnings = parse(EVERY_KEY.read_text())
    where = "collection 'corp/directory'"
    assert warnings == [
        f"collection '{VIEW}'.tokenAPI: unknown key 'timeoutSeconds'; ignored",
        f"{where}: unknown key 'owner'; ignored",
        f"{where}.users['erin']: unknown key 'badgeColour'; ignored",
        f"{where}.namedLists['governance-team']: unknown key 'colour'; ignored",
        f"{where}.securityAccessControls['platform-services']: unknown key 'DEFAULT'; ignored"
        " (operations belong under associatedSecurityList)",
        f"{where}.securityAccessControls['platform-services']: both description and"
        " controlDescription; the latter is kept in otherProperties['controlDescription']",
        f"{where}.namedLists: cycle among lists: governance-team -> leads -> governance-team",
        f"{where}.namedLists['governance-team']: member 'nobody-here' names no user",
        f"{where}.namedLists['governance-team']: list member 'missing-list' names no list",
    ]
    view, corp = colls[VIEW], colls["corp/directory"]
    assert (view.display_name, view.description, view.refresh_minutes) == (
        "View server secrets",
        "How the view server signs in to the platform.",
        50,
    )
    assert view.token_api == TokenApi(
        "POST",
        "https://platform.example:9443/api/token",
        "application/json",
        {"userId": "viewnpa", "scopes": '["read", "write"]', "retries": "3"},
        {"token": "accessToken"},
    )
    # Egeria's defaults for a token API that leaves method and content type out.
    assert colls["Bearer-only"].token_api == TokenApi(
        "GET", "https://platform.example:9443/api/token", "application/json"
    )
    assert {k: v.reveal() for k, v in corp.secrets.items()} == {
        "userId": "directory-reader",
        "clearPassword": "0755",
        "pin": "0755",
        "enabled": "yes",
    }
    erin = corp.users["erin"]
    assert (erin.user_name, erin.display_name, erin.given_name, erin.surname) == (
        "erin.overview",
        "Erin Overview",
        "Erin",
        "Overview",
    )
    assert (erin.email, erin.employee_number, erin.employee_type, erin.description) == (
        "erin@corp.example",
        "000042",
        "full-time",
        "Information architect",
    )
    assert erin.manager == "uid=gary,ou=people,dc=corp,dc=example"
    assert erin.distinguished_name == "uid=erin,ou=people,dc=corp,dc=example"
    assert (erin.account_type, erin.account_status) == ("EMPLOYEE", "AVAILABLE")
    assert (erin.security_roles, erin.security_groups) == (
        ("InformationArchitect",),
        ("Governance",),
    )
    assert dict(erin.other_properties) == {
        "defaultZones": '["egeria-runtime", "data-lake"]',
        "publishZones": '["egeria-runtime"]',
        "limits": '{"daily": 10, "burst": 2}',
        "costCenter": "42",
        "remote": "true",
        "note": "plain text",
    }
    assert erin.credentials["clearPassword"].reveal() == "erin-canary-password-7"
    gov = corp.lists["governance-team"]
    assert (gov.display_name, gov.description, gov.list_type) == (
        "Governance team",
        "Everyone who governs.",
        "SecurityGroup",
    )
    assert gov.distinguished_name == "cn=governance,ou=groups,dc=corp,dc=example"
    assert (gov.user_members, gov.list_members) == (
        ("erin", "nobody-here"),
        ("leads", "missing-list"),
    )
    assert dict(gov.other_properties) == {"mailingLists": '["gov@corp.example"]'}
    lake, platform = corp.controls["data-lake"], corp.controls["platform-services"]
    assert (lake.display_name, lake.control_type) == ("Data lake zone", "GovernanceZone")
    assert lake.description == "Data sets landed from outside."  # from controlDescription
    assert dict(lake.mapping_properties) == {
        "zoneName": "data-lake",
        "domains": '["finance", "research"]',
    }
    assert dict(lake.operations) == {"READ": ("governance-team",), "DEFAULT": ("leads",)}
    assert lake.security_labels == ("confidential", "pii")
    assert dict(lake.security_properties) == {
        "classification": "restricted",
        "reviewers": '["erin"]',
    }
    assert dict(lake.other_properties) == {"criteria": "Landed data sets.", "domainIdentifier": "4"}
    assert platform.description == "Starting and stopping servers."
    assert dict(platform.other_properties) == {
        "controlDescription": "Older wording of the description."
    }
    assert not any("canary" in w for w in warnings)


def test_directory_document_round_trips_every_field() -> None:
    colls, _ = parse(EVERY_KEY.read_text())
    for coll in colls.values():
        assert decode_collection(encode_collection(coll)) == coll


def test_token_api_only_collection_becomes_a_secret_without_values() -> None:
    colls, _ = parse(EVERY_KEY.read_text())
    warnings: list[str] = []
    objects = collection_objects(colls[VIEW], warnings)
    assert objects is not None and objects.secret is not None and not warnings
    assert objects.name.value == VIEW
    assert dict(objects.secret.values) == {}
    assert objects.secret.token_api == colls[VIEW].token_api
    assert objects.secret.refresh_after_seconds == 50 * 60


def test_a_collection_with_neither_secrets_nor_token_api_has_no_secret() -> None:
    colls, _ = parse("secretsCollections:\n  corp/dir: {users: {a: {userName: a}}}\n")
    objects = collection_objects(colls["corp/dir"], [])
    assert objects is not None and objects.secret is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"userName": ["a", "b"]}, "userName: expected text, found a list; read as its JSON text"),
        ({"securityRoles": {"a": 1}}, "securityRoles: expected a list, found a mapping; ignored"),
        ({"securityGroups": [["x"]]}, "securityGroups: an entry is a list, not text; ignored"),
        ({"otherProperties": [1]}, "otherProperties: expected a mapping, found a list; ignored"),
    ],
)
def test_misshapen_values_are_warned_about(value: dict[str, Any], problem: str) -> None:
    doc = {"secretsCollections": {"c": {"users": {"u": {"userAccountStatus": "LOCKED", **value}}}}}
    _, warnings = parse(yaml.safe_dump(doc))
    assert warnings == [f"collection 'c'.users['u'].{problem}"]


def test_refresh_interval_is_checked() -> None:
    doc = (
        "secretsCollections:\n  a: {refreshTimeInterval: soon}\n  b: {refreshTimeInterval: 99999}\n"
    )
    colls, warnings = parse(doc)
    assert (colls["a"].refresh_minutes, colls["b"].refresh_minutes) == (None, 43200)
    assert warnings == [
        "collection 'a': refreshTimeInterval is not a positive whole number; ignored",
        "collection 'b': refreshTimeInterval 99999 is above 43200 minutes; read as that",
    ]


def test_duplicate_keys_are_warned_about_and_the_last_wins() -> None:
    doc = "secretsCollections:\n  c:\n    secrets: {k: first, k: second}\n"
    colls, warnings = parse(doc)
    assert colls["c"].secrets["k"].reveal() == "second"
    assert warnings == ["collection 'c'.secrets: key 'k' appears twice; the last one wins"]


def test_unusable_documents_are_refused() -> None:
    for doc, problem in (
        ("a: [", "is not valid YAML at line 2"),
        ("other: {}", "has no top-level 'secretsCollections' mapping"),
        ("", "has no top-level 'secretsCollections' mapping"),
    ):
        with pytest.raises(InvalidArgument) as caught:
            parse_collections(doc)
        assert (caught.value.reason, caught.value.problem) == ("IMPORT_INVALID", problem)
