"""Collections built for tests and benchmarks: hostile documents and generated
directories (with members naming no user and cycles), plus the reference resolution."""

from hypothesis import strategies as st

from secrets_broker.domain.directory import Collection, NamedList, UserAccount

# The classic "billion laughs", nine levels of nine aliases (9**9 strings once
# expanded), in a user's otherProperties, whose values an importer turns into text.
BILLION_LAUGHS = "\n".join(
    [
        "secretsCollections:",
        "  corp/bomb:",
        "    users:",
        "      u:",
        "        otherProperties:",
        '          l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
        *(f"          l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)),
    ]
)


def deep_yaml(depth: int) -> str:
    """A collection whose one property nests ``depth`` lists deep."""
    doc = "secretsCollections: {corp/deep: {users: {u: {otherProperties: {x: "
    return doc + "[" * depth + "]" * depth + "}}}}}\n"


def list_chain(collection: str, n: int, *, closed: bool) -> str:
    """Lists l0 -> l1 -> ... -> l<n-1> (-> l0 if ``closed``): l0 names user u1, the
    last list user u0, so u0 is a member of every list."""
    lines = [
        "secretsCollections:",
        f"  {collection}:",
        "    users: {u0: {userAccountStatus: AVAILABLE}, u1: {userAccountStatus: AVAILABLE}}",
        "    namedLists:",
    ]
    for i in range(n):
        nxt = f"l{i + 1}" if i + 1 < n else "l0" if closed else ""
        members = "[u0]" if i == n - 1 else "[u1]" if i == 0 else "[]"
        lines.append(f"      l{i}: {{userMembers: {members}, listMembers: [{nxt}]}}")
    return "\n".join(lines) + "\n"


USERS = [f"u{i}" for i in range(8)]
LISTS = [f"l{i}" for i in range(8)]
# Members may name users and lists that do not exist (u8, u9, l8, l9).
MEMBER = st.sampled_from([*USERS, "u8", "u9"])
NESTED = st.sampled_from([*LISTS, "l8", "l9"])


@st.composite
def directories(draw: st.DrawFn) -> Collection:
    users = draw(st.sets(st.sampled_from(USERS)))
    names = draw(st.sets(st.sampled_from(LISTS), min_size=1))
    lists = {
        n: NamedList(
            n,
            user_members=tuple(draw(st.sets(MEMBER, max_size=4))),
            list_members=tuple(draw(st.sets(NESTED, max_size=3))),
        )
        for n in sorted(names)
    }
    return Collection("c", users={u: UserAccount(u) for u in users}, lists=lists)


def reachable(coll: Collection, start: str) -> set[str]:
    """The reference: every list reachable from ``start``, itself included."""
    seen, todo = {start}, [start]
    while todo:
        for m in coll.lists[todo.pop()].list_members:
            if m in coll.lists and m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def reference_members(coll: Collection, start: str) -> set[str]:
    """Every member named by a list reachable from ``start``, user or not."""
    return {u for n in reachable(coll, start) for u in coll.lists[n].user_members}
