"""Policy files: every problem with its line, deny beats grant, bindings, check/explain."""

from pathlib import Path
from textwrap import dedent

import pytest

from secrets_broker.access.policy import Policy, check_policy_file
from secrets_broker.domain.errors import ConfigError
from secrets_broker.ops import cli

GOOD = dedent(
    """\
    grants:
      - identities: ["spiffe://example.org/connectors/*"]
        rpcs: [GetSecret, BatchGetSecrets]
        names: ["connectors/**", "myCloudServiceCred", "cloud/xyz/**"]
      - identities: ["spiffe://example.org/ops/admin", "cn:legacy-job"]
        rpcs: ["*"]
        names: ["**"]
    deny:
      - identities: ["spiffe://example.org/connectors/test-*"]
        rpcs: ["*"]
        names: ["connectors/prod/**"]
    bindings:
      - identities: ["spiffe://example.org/connectors/*"]
        bind: {myCloudServiceCred: cloud/xyz/prod, otherCred: cloud/abc/prod}
    """
)
PG = "spiffe://example.org/connectors/pg"
TEST = "spiffe://example.org/connectors/test-1"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "policy.yaml"
    path.write_text(GOOD)
    return path


def test_decisions_name_the_rule_and_its_line(good: Path) -> None:
    policy = Policy.load(good)
    decision = policy.decide(PG, "GetSecret", "connectors/prod/db")
    assert (decision.allowed, decision.rule) == (True, f"grants[0] at {good}:2")
    decision = policy.decide(TEST, "GetSecret", "connectors/prod/db")
    assert (decision.allowed, decision.rule) == (False, f"deny[0] at {good}:9")
    assert policy.decide(TEST, "GetSecret", "connectors/dev/db").rule == f"grants[0] at {good}:2"
    decision = policy.decide(PG, "PutSecret", "connectors/prod/db")
    assert (decision.allowed, decision.rule) == (False, "default deny")
    assert policy.decide("cn:legacy-job", "PutSecret").rule == f"grants[1] at {good}:5"
    # a deny wins even over a grant of everything
    admin_denied = Policy.from_text(GOOD.replace("connectors/test-*", "ops/admin"), "p")
    assert not admin_denied.allows(
        "spiffe://example.org/ops/admin", "PutSecret", "connectors/prod/x"
    )
    assert admin_denied.allows("spiffe://example.org/ops/admin", "PutSecret", "connectors/dev/x")


def test_bindings_map_declared_names_per_identity(good: Path) -> None:
    policy = Policy.load(good)
    assert policy.binding(PG, "myCloudServiceCred") == (
        "cloud/xyz/prod",
        f"bindings[0] at {good}:13",
    )
    assert policy.binding(PG, "connectors/pg") is None
    assert policy.binding("spiffe://example.org/other", "myCloudServiceCred") is None


def test_every_problem_is_listed_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        dedent(
            """\
            grants:
              - identities: ["spiffe://example.org/app"]
                rpcs: [GetSecret]
              - identities: [legacy-job, "spiffe://Example.org/x", "cn:a/b"]
                rpcs: [GetSecrets, "*"]
                names: ["a//b", "ok/**"]
            deny:
              - identities: ["spiffe://example.org/{identity}"]
                rpcs: [GetSecret]
                names: [x]
            bindings:
              - identities: ["spiffe://example.org/app"]
                bind: {"my*cred": real/name, good: "/bad"}
            extra: 1
            """
        )
    )
    assert check_policy_file(path) == [
        f"{path}:1: policy: unknown key 'extra' (expected grants, deny, bindings, allow_empty)",
        f"{path}:2: grants[0]: key 'names' is required",
        f"{path}:4: grants[1].identities: 'legacy-job' can never match: "
        "an identity pattern starts with 'spiffe://', 'cn:', 'oidc:' or 'oidc-group:'",
        f"{path}:4: grants[1].identities: 'spiffe://Example.org/x' can never match: the trust "
        "domain may hold only a-z, 0-9, '.', '-' and '_' (no upper case, port, userinfo, "
        "query or fragment)",
        f"{path}:4: grants[1].identities: 'cn:a/b' can never match: "
        "a common name that looks like a URI (':' or '/') is refused",
        f"{path}:4: grants[1].rpcs: unknown RPC or right 'GetSecrets'",
        f"{path}:4: grants[1].names: 'a//b' can never match: "
        "has an empty segment (leading, trailing or double '/')",
        f"{path}:8: deny[0].identities: 'spiffe://example.org/{{identity}}' can never match: "
        "{identity} belongs in name patterns",
        f"{path}:12: bindings[0].bind: 'my*cred': declared name: has a character outside the "
        "allowed set",
        f"{path}:12: bindings[0].bind: '/bad': secret name: has an empty segment (leading, "
        "trailing or double '/')",
    ]
    with pytest.raises(ConfigError, match="grants\\[0\\]: key 'names' is required"):
        Policy.load(path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "1: grants: no grant: every call would be refused"),
        ("grants: []\n", "1: grants: no grant: every call would be refused"),
        ("deny: []\nbindings: []\n", "1: grants: no grant"),
        (
            "allow_empty: yes please\ngrants: [{identities: ['cn:a'], rpcs: ['*'], names: [x]}]\n",
            "1: allow_empty: must be true or false",
        ),
        ("grants: {}\nallow_empty: true\n", "1: grants: must be a list"),
        ("[1, 2]\n", "1: policy: must be a mapping"),
        ("grants: [\n", "not valid YAML"),
        (
            "allow_empty: true\ngrants: []\ngrants: []\n",
            "2: policy: key 'grants' appears more than once",
        ),
    ],
)
def test_empty_or_malformed_policies_are_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text)
    problems = check_policy_file(path)
    assert len(problems) == 1 and problem in problems[0], problems


def test_an_empty_policy_is_accepted_when_written_so(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("allow_empty: true\n")
    assert not Policy.load(path).holds("cn:anyone", "GetSecret")


def test_policy_check_cli(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["policy", "check", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: ok\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("grants:\n  - identities: [job]\n    rpcs: [GetSecret]\n")
    assert cli.main(["policy", "check", str(bad)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{bad}:2: grants[0]: key 'names' is required",
        f"{bad}:2: grants[0].identities: 'job' can never match: "
        "an identity pattern starts with 'spiffe://', 'cn:', 'oidc:' or 'oidc-group:'",
    ]


def _explain(policy: Path, identity: str, rpc: str, name: str) -> list[str]:
    args = ["policy", "explain", "--identity", identity, "--rpc", rpc, "--name", name]
    return [*args, "--policy", str(policy)]


@pytest.mark.parametrize(
    ("identity", "rpc", "name", "code", "lines"),
    [
        (PG, "GetSecret", "connectors/prod/db", 0, [
            f"allowed: {PG} GetSecret connectors/prod/db",
            "  connectors/prod/db: allowed by grants[0] at {policy}:2",
        ]),
        (TEST, "GetSecret", "connectors/prod/db", 1, [
            f"denied (answered NOT_FOUND, exactly like a missing name): {TEST} GetSecret connectors/prod/db",
            "  connectors/prod/db: denied by deny[0] at {policy}:9",
        ]),
        (PG, "PutSecret", "connectors/prod/db", 1, [
            f"denied: no grant gives {PG} the right PutSecret "
            "(default deny; answered PERMISSION_DENIED / RPC_NOT_GRANTED)",
        ]),
        (PG, "GetSecret", "myCloudServiceCred", 0, [
            f"allowed: {PG} GetSecret myCloudServiceCred",
            "  myCloudServiceCred is bound to cloud/xyz/prod by bindings[0] at {policy}:13",
            "  myCloudServiceCred: allowed by grants[0] at {policy}:2",
            "  cloud/xyz/prod: allowed by grants[0] at {policy}:2",
        ]),
        (PG, "BatchGetSecrets", "otherCred", 1, [
            f"denied (answered NOT_FOUND, exactly like a missing name): {PG} BatchGetSecrets otherCred",
            "  otherCred is bound to cloud/abc/prod by bindings[0] at {policy}:13",
            "  otherCred: denied by default deny",
            "  cloud/abc/prod: denied by default deny",
        ]),
    ],
)  # fmt: skip
def test_policy_explain_cli(
    good: Path,
    capsys: pytest.CaptureFixture[str],
    identity: str,
    rpc: str,
    name: str,
    code: int,
    lines: list[str],
) -> None:
    assert cli.main(_explain(good, identity, rpc, name)) == code
    assert capsys.readouterr().out.splitlines() == [line.format(policy=good) for line in lines]


@pytest.mark.parametrize(
    ("identity", "rpc", "message"),
    [
        ("spiffe://secrets-broker.dev/", "GetSecret", "--identity: the path has an empty segment"),
        ("legacy-job", "GetSecret", "--identity: an identity is 'spiffe://trust.domain/path'"),
        (PG, "GetSecrets", "--rpc: unknown RPC or right 'GetSecrets'"),
    ],
)
def test_policy_explain_refuses_bad_arguments(
    good: Path, capsys: pytest.CaptureFixture[str], identity: str, rpc: str, message: str
) -> None:
    assert cli.main(_explain(good, identity, rpc, "x")) == 2
    assert message in capsys.readouterr().err
