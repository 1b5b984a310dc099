"""The graph of named lists: nesting, membership and cycles, without recursion.

Everything here is linear in the size of the lists (names, members, list members): the
strongly connected components come from one iterative Tarjan pass, a resolution is one
breadth-first walk, and the memberships of a page of users one pass over the components
with a bit per user. Collections come from outside, so nothing may recurse per nesting
level or walk each list separately.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_WARNINGS = 1000
# A cycle of thousands of lists is reported by its first and last names only.
_CYCLE_SHOWN = 10


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a set of lists resolves to.

    ``user_ids``: members that name a user of the collection; ``unresolved``: members
    that name none; ``list_names``: the lists reached, the starting ones excluded.
    """

    user_ids: frozenset[str]
    list_names: frozenset[str]
    unresolved: frozenset[str]
    warnings: tuple[str, ...]


def cap_warnings(warnings: list[str], limit: int = MAX_WARNINGS) -> list[str]:
    """At most ``limit`` warnings, the rest counted in a last one."""
    if len(warnings) <= limit:
        return warnings
    return [*warnings[:limit], f"... and {len(warnings) - limit} more warnings"]


def cycle_text(path: tuple[str, ...]) -> str:
    """``a -> b -> a``; a long cycle shows its first names and its length."""
    if len(path) <= _CYCLE_SHOWN + 1:
        return " -> ".join(path)
    head = " -> ".join(path[:_CYCLE_SHOWN])
    return f"{head} -> ... -> {path[-1]} (a cycle of {len(path) - 1} lists)"


def _components(succ: list[tuple[int, ...]]) -> tuple[list[int], list[list[int]]]:
    """Tarjan's strongly connected components, iteratively: (component of each node,
    components in reverse topological order, i.e. a component after all it reaches)."""
    n = len(succ)
    index, low, comp = [-1] * n, [0] * n, [-1] * n
    on_stack = [False] * n
    stack: list[int] = []
    comps: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, i = work[-1]
            if i < len(succ[v]):
                work[-1] = (v, i + 1)
                w = succ[v][i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                members: list[int] = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = len(comps)
                    members.append(w)
                    if w == v:
                        break
                comps.append(members)
    return comp, comps


class ListGraph:
    """Named lists (name -> (user members, list members)) over a set of defined users."""

    def __init__(
        self, lists: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]], users: frozenset[str]
    ) -> None:
        self._names = list(lists)
        self._index = {name: i for i, name in enumerate(self._names)}
        self._users = users
        self._direct = [lists[name][0] for name in self._names]
        self._nested = [lists[name][1] for name in self._names]
        self._succ = [
            tuple(self._index[m] for m in nested if m in self._index) for nested in self._nested
        ]
        self._comp, self._comps = _components(self._succ)
        self._sorted = sorted(range(len(self._names)), key=self._names.__getitem__)

    def cycles(self) -> list[tuple[str, ...]]:
        """One cycle per strongly connected component that has one, as a closed path
        (first name repeated last) starting at its first list in source order."""
        return [self._cycle(c) for c in range(len(self._comps)) if self._is_cyclic(c)]

    def _is_cyclic(self, c: int) -> bool:
        members = self._comps[c]
        return len(members) > 1 or members[0] in self._succ[members[0]]

    def _cycle(self, c: int) -> tuple[str, ...]:
        start = min(self._comps[c])
        parent = {start: start}
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for w in self._succ[v]:
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return tuple(self._names[i] for i in (*reversed(path), start))
                if self._comp[w] == c and w not in parent:
                    parent[w] = v
                    queue.append(w)
        raise AssertionError("a strongly connected component without a cycle")

    def dangling(self, i: int) -> tuple[list[str], list[str]]:
        """List ``i``'s user members that name no user and list members that name no list."""
        users = [u for u in self._direct[i] if u not in self._users]
        lists = [m for m in self._nested[i] if m not in self._index]
        return users, lists

    def problems(self, order: Iterable[int]) -> list[str]:
        """Dangling members of the lists in ``order`` and the cycles they take part in."""
        warnings: list[str] = []
        cycles_seen: set[int] = set()
        for i in order:
            users, lists = self.dangling(i)
            name = self._names[i]
            warnings += [f"list {name!r}: member {u!r} names no user" for u in users]
            warnings += [f"list {name!r}: list member {m!r} names no list" for m in lists]
            c = self._comp[i]
            if c not in cycles_seen and self._is_cyclic(c):
                cycles_seen.add(c)
                warnings.append(f"cycle among lists: {cycle_text(self._cycle(c))}")
        return warnings

    def resolve(self, sources: Iterable[str]) -> Resolution:
        """One breadth-first walk from ``sources`` (see the module docstring)."""
        warnings: list[str] = []
        starts: dict[int, None] = {}
        for name in sources:
            i = self._index.get(name)
            if i is None:
                warnings.append(f"list {name!r} does not exist")
            else:
                starts[i] = None
        seen = set(starts)
        order = list(starts)
        queue = deque(starts)
        while queue:
            for w in self._succ[queue.popleft()]:
                if w not in seen:
                    seen.add(w)
                    order.append(w)
                    queue.append(w)
        members = {u for i in order for u in self._direct[i]}
        warnings += self.problems(order)
        first = set(starts)
        return Resolution(
            user_ids=frozenset(members & self._users),
            list_names=frozenset(self._names[i] for i in order if i not in first),
            unresolved=frozenset(members - self._users),
            warnings=tuple(cap_warnings(warnings)),
        )

    def memberships(self, user_ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """For each defined user among ``user_ids``, every list that resolves to it, sorted.

        One pass over the components, sinks first, OR-ing one bit per wanted user: a
        component holds what its own lists name directly and what it reaches.
        """
        wanted = [u for u in dict.fromkeys(user_ids) if u in self._users]
        bit = {u: 1 << i for i, u in enumerate(wanted)}
        reach = [0] * len(self._comps)
        for c, members in enumerate(self._comps):
            acc = 0
            for v in members:
                for u in self._direct[v]:
                    acc |= bit.get(u, 0)
                for w in self._succ[v]:
                    acc |= reach[self._comp[w]]
            reach[c] = acc
        found: dict[str, list[str]] = {u: [] for u in wanted}
        for v in self._sorted:
            bits = reach[self._comp[v]]
            while bits:
                low = bits & -bits
                found[wanted[low.bit_length() - 1]].append(self._names[v])
                bits ^= low
        return {u: tuple(names) for u, names in found.items()}
