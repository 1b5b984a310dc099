"""The bounded YAML reader: what it refuses, with which words, and what it keeps."""

import pytest

from secrets_broker.collections.format import CAPS, parse_collections
from secrets_broker.collections.yamlload import Caps, PlainScalar, load
from secrets_broker.domain.errors import InvalidArgument
from tests.collections_data import BILLION_LAUGHS, deep_yaml


def refusal(text: str, caps: Caps = CAPS) -> str:
    with pytest.raises(InvalidArgument) as caught:
        parse_collections(text, caps)
    assert caught.value.reason == "IMPORT_INVALID" and caught.value.field == "yaml"
    return caught.value.problem


def test_billion_laughs_is_refused_at_its_first_anchor() -> None:
    assert len(BILLION_LAUGHS) < 1024
    assert refusal(BILLION_LAUGHS) == "uses an anchor (&l0) at line 6; anchors are not read"


def test_aliases_and_merge_keys_are_refused() -> None:
    assert (
        refusal("secretsCollections: {a: *x}")
        == "uses an alias (*x) at line 1; aliases are not read"
    )
    merge = "base: &b {x: 1}\nsecretsCollections: {c: {<<: *b}}\n"
    assert refusal(merge) == "uses an anchor (&b) at line 1; anchors are not read"


@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
def test_deep_nesting_is_refused_at_the_depth_cap(depth: int) -> None:
    assert refusal(deep_yaml(depth)) == "nests deeper than 32 levels (the depth cap)"


def test_nesting_within_the_cap_is_read() -> None:
    inner = "[" * 26 + "1" + "]" * 26
    doc = "secretsCollections: {c: {users: {u: {userAccountStatus: LOCKED, otherProperties: {x: "
    colls, warnings = parse_collections(doc + inner + "}}}}}\n")
    assert colls[0].users["u"].other_properties["x"] == inner  # its JSON text
    assert not warnings


def test_node_size_and_time_caps_are_named() -> None:
    doc = "secretsCollections: {c: {secrets: {" + ", ".join(f"k{i}: v" for i in range(3000)) + "}}}"
    small = Caps(max_bytes=10**6, max_depth=32, max_nodes=1000, budget_seconds=60)
    assert refusal(doc, small) == "has more than 1000 nodes (the node cap)"
    tiny = Caps(max_bytes=100, max_depth=32, max_nodes=10**6, budget_seconds=60)
    assert refusal(doc, tiny) == "is larger than 100 bytes (the size cap)"
    none = Caps(max_bytes=10**6, max_depth=32, max_nodes=10**6, budget_seconds=0)
    assert refusal(doc, none) == "took longer than 0 s to read (the time cap)"


def test_only_standard_tags_and_one_document_are_read() -> None:
    for doc, problem in (
        ("secretsCollections: !!python/object:os.system {}", "uses the tag"),
        ("secretsCollections: {c: {secrets: {k: !!binary aGk=}}}", "uses the tag"),
        ("secretsCollections: !!set {a}", "uses the tag"),
        ("secretsCollections: {}\n---\nsecretsCollections: {}\n", "holds more than one document"),
        ("secretsCollections: {? [a, b] : c}", "has a mapping key that is not text"),
    ):
        assert refusal(doc).startswith(problem), doc


def test_plain_scalars_keep_their_text_and_know_their_type() -> None:
    doc = load("a: 0755\nb: yes\nc: 1e3\nd: '12'\ne: ~\nf: !!str 7\ng: 2001-12-14\n", CAPS)
    assert doc == {
        "a": "0755",
        "b": "yes",
        "c": "1e3",
        "d": "12",
        "e": None,
        "f": "7",
        "g": "2001-12-14",
    }
    assert isinstance(doc["a"], PlainScalar) and doc["a"].value == 493
    assert isinstance(doc["b"], PlainScalar) and doc["b"].value is True
    assert type(doc["d"]) is str and type(doc["f"]) is str


def test_long_numbers_stay_text_without_quadratic_work() -> None:
    huge = "9" * 100_000
    sexagesimal = "1" + ":59" * 50_000
    doc = load(f"a: {huge}\nb: {sexagesimal}\n", CAPS)
    assert doc == {"a": huge, "b": sexagesimal}
