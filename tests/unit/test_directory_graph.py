"""Membership has one meaning: property tests over generated directories, and sizes
that used to overflow the stack."""

import itertools

from hypothesis import given, settings

from secrets_broker.domain.directory import Collection
from secrets_broker.domain.graph import ListGraph, cycle_text
from tests.collections_data import directories, reachable, reference_members


@settings(max_examples=300, deadline=None)
@given(directories())
def test_resolution_and_memberships_agree_with_the_reference(coll: Collection) -> None:
    defined = set(coll.users)
    memberships = coll.memberships(tuple(coll.users))
    for name in coll.lists:
        r = coll.resolve(name)
        members = reference_members(coll, name)
        assert r.user_ids == members & defined
        assert r.unresolved == members - defined
        assert r.list_names == reachable(coll, name) - {name}
        for u in r.unresolved:
            assert any(f"member {u!r} names no user" in w for w in r.warnings)
    for user in coll.users:
        expected = sorted(n for n in coll.lists if user in coll.resolve(n).user_ids)
        assert list(memberships[user]) == expected


@settings(max_examples=300, deadline=None)
@given(directories())
def test_every_cycle_is_found_once_with_a_real_path(coll: Collection) -> None:
    graph = coll.graph
    cycles = graph.cycles()
    on_cycle = {n for n in coll.lists if any(n in reachable(coll, m) for m in _next(coll, n))}
    for path in cycles:
        assert path[0] == path[-1]
        for a, b in itertools.pairwise(path):
            assert b in coll.lists[a].list_members
        assert len(set(path[:-1])) == len(path) - 1
    # One cycle per strongly connected component: every list on a cycle shares its
    # component (mutual reachability) with exactly one reported cycle.
    for n in on_cycle:
        mine = [p for p in cycles if n in reachable(coll, p[0]) and p[0] in reachable(coll, n)]
        assert len(mine) == 1, n
    assert {n for path in cycles for n in path} <= on_cycle


def _next(coll: Collection, name: str) -> list[str]:
    return [m for m in coll.lists[name].list_members if m in coll.lists]


def chain(n: int, *, closed: bool) -> ListGraph:
    lists = {f"l{i}": ((f"u{i}",), (f"l{i + 1}",) if i + 1 < n or closed else ()) for i in range(n)}
    if closed:
        lists[f"l{n - 1}"] = ((f"u{n - 1}",), ("l0",))
    return ListGraph(lists, frozenset(f"u{i}" for i in range(n)))


def test_a_100k_deep_nesting_resolves_without_recursion() -> None:
    graph = chain(100_000, closed=False)
    r = graph.resolve(("l0",))
    assert len(r.user_ids) == 100_000 and len(r.list_names) == 99_999
    assert graph.memberships(("u99999", "u0")) == {
        "u99999": tuple(sorted(f"l{i}" for i in range(100_000))),
        "u0": ("l0",),
    }
    assert graph.cycles() == []


def test_a_10k_long_cycle_is_walked_once_and_reported_with_its_path() -> None:
    graph = chain(10_000, closed=True)
    [path] = graph.cycles()
    assert path == (*tuple(f"l{i}" for i in range(10000)), "l0")
    r = graph.resolve(("l5",))
    assert len(r.user_ids) == 10_000 and len(r.list_names) == 9_999
    assert r.warnings == (f"cycle among lists: {cycle_text(path)}",)
    assert r.warnings[0].endswith("-> l9 -> ... -> l0 (a cycle of 10000 lists)")
    assert graph.memberships(("u3",))["u3"] == tuple(sorted(f"l{i}" for i in range(10_000)))


def test_self_loop_is_a_cycle() -> None:
    graph = ListGraph({"a": ((), ("a",))}, frozenset())
    assert graph.cycles() == [("a", "a")]
