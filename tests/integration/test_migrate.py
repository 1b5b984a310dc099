"""`secrets-broker migrate` between real stores: sqlite to PostgreSQL and to OpenBao.

The source (1,000 names, 1,501 versions, plus a few conflict cases) is seeded once per
module and shared: every test asserts at the end that it is exactly as seeded.
"""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from secrets_broker.domain.crypto import create_master_key
from secrets_broker.domain.errors import ConfigError
from secrets_broker.domain.model import SecretContent, SecretValue, TokenApi
from secrets_broker.domain.names import SecretName
from secrets_broker.ops.migrate import MigrationProgress, ProgressPrinter, migrate
from secrets_broker.stores.base import Store
from secrets_broker.stores.registry import open_store
from tests.conformance.backends.postgres import PgServer
from tests.conformance.backends.vault import VaultServer

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "secrets_broker.ops.cli"]
NAMES = 1000
BULK = "m/"
CONFLICTS = "c/"


def version_count(i: int) -> int:
    """Versions 1..3 for a third of the names, 1 for the rest: 1,501 versions in all."""
    return (3, 2, 1, 1, 1, 1)[i % 6]


TOTAL_VERSIONS = sum(version_count(i) for i in range(NAMES))


def bulk_content(i: int, version: int) -> SecretContent:
    """Values with bytes that a lossy copy would mangle; some with every optional field."""
    values = {
        "userId": f"user-{i}",
        "clearPassword": f"pw-{i}-v{version}-é✓\n\t\"'\\ ",
    }
    if i % 50 == 0:
        values["accessToken"] = f"tok-{i}-{version}-" + "x" * 4000
    if i % 7 == 0:
        return SecretContent(
            values={k: SecretValue(v) for k, v in values.items()},
            refresh_after_seconds=60 + i,
            token_api=TokenApi("POST", f"https://idp.example/{i}", "application/json",
                               {"grant": "client"}, {"access_token": "accessToken"}),
            labels={"team": f"t{i % 5}"},
        )  # fmt: skip
    return SecretContent(values={k: SecretValue(v) for k, v in values.items()})


def plain(text: str) -> SecretContent:
    return SecretContent(values={"clearPassword": SecretValue(text)})


# name -> the source's versions; the target is pre-seeded with TARGET_SEED.
SOURCE_SEED = {
    "c/same-start": ["pw-s1", "pw-s2", "pw-s3"],
    "c/differs": ["pw-d1", "pw-d2"],
    "c/ahead": ["pw-a1"],
    "c/new": ["pw-n1", "pw-n2"],
}
TARGET_SEED = {
    "c/same-start": ["pw-s1"],
    "c/differs": ["pw-OTHER"],
    "c/ahead": ["pw-a1", "pw-a2-target-only"],
}


@dataclass
class Endpoint:
    """A store open in the test process, and its section for the CLI's config file."""

    section: dict[str, Any]
    store: Store


def _open(section: dict[str, Any]) -> Endpoint:
    options = {k: v for k, v in section.items() if k != "type"}
    return Endpoint(section, open_store(section["type"], options))


@pytest.fixture(scope="module")
async def source(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Endpoint]:
    base = tmp_path_factory.mktemp("migrate-source")
    create_master_key(base / "master.key")
    src = _open(
        {"type": "sqlite", "path": str(base / "s.db"), "master_key_file": str(base / "master.key")}
    )
    for i in range(NAMES):
        for version in range(1, version_count(i) + 1):
            await src.store.put(SecretName.parse(f"{BULK}{i:04d}"), bulk_content(i, version))
    for name, texts in SOURCE_SEED.items():
        for text in texts:
            await src.store.put(SecretName.parse(name), plain(text))
    before = await snapshot(src.store, "")
    yield src
    try:
        assert await snapshot(src.store, "") == before, "the source was modified"
    finally:
        await src.store.close()


@pytest.fixture(params=["postgres", "vault"])
async def target(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Endpoint]:
    """An empty target; the servers start only for the kinds selected."""
    if request.param == "postgres":
        server: PgServer = request.getfixturevalue("postgres_server")
        create_master_key(tmp_path / "pg.key")
        async with server.database() as dbname:
            dst = _open(
                {"type": "postgres", "dsn": server.dsn(dbname),
                 "master_key_file": str(tmp_path / "pg.key"), "pool_max_size": 8}
            )  # fmt: skip
            yield dst
            await dst.store.close()
    else:
        vault: VaultServer = request.getfixturevalue("vault_server")
        dst = _open(
            {"type": "vault", "url": vault.url, "token": vault.root_token,
             "path_prefix": f"migrate/{uuid.uuid4().hex}"}
        )  # fmt: skip
        yield dst
        await dst.store.close()


async def gather_limited(coros: Iterable[Any], limit: int = 8) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def one(coro: Any) -> Any:
        async with gate:
            return await coro

    return list(await asyncio.gather(*(one(c) for c in coros)))


async def names_under(store: Store, prefix: str) -> list[SecretName]:
    names: list[SecretName] = []
    while page := await store.list(prefix, 500, names[-1].value if names else ""):
        names.extend(m.name for m in page)
    return names


async def snapshot(store: Store, prefix: str) -> dict[str, list[tuple[int, int]]]:
    """Every name's versions with their CRC32C: what "unmodified" means for the source."""

    async def versions(name: SecretName) -> list[tuple[int, int]]:
        return [
            (v, (await store.get(name, v)).content.crc32c()) for v in await store.versions(name)
        ]

    names = await names_under(store, prefix)
    return dict(
        zip((n.value for n in names), await gather_limited(map(versions, names)), strict=True)
    )


async def target_versions(store: Store, names: list[SecretName]) -> list[list[int]]:
    async def held(name: SecretName) -> list[int]:
        try:
            return await store.versions(name)
        except Exception as exc:  # NotFound: nothing copied yet
            assert type(exc).__name__ == "NotFound", exc
            return []

    return await gather_limited(map(held, names))


async def assert_identical(src: Store, dst: Store, names: list[SecretName]) -> None:
    """Each version's values byte for byte, CRC32C and other fields, read from both."""

    async def same(name: SecretName) -> None:
        versions = await src.versions(name)
        assert await dst.versions(name) == versions, name
        for v in versions:
            a, b = (await src.get(name, v)).content, (await dst.get(name, v)).content
            assert {k: x.reveal().encode() for k, x in b.values.items()} == {
                k: x.reveal().encode() for k, x in a.values.items()
            }, (name, v)
            assert b.crc32c() == a.crc32c()
            assert (b.refresh_after_seconds, b.token_api, dict(b.labels)) == (
                a.refresh_after_seconds,
                a.token_api,
                dict(a.labels),
            ), (name, v)

    await gather_limited(map(same, names))


def write_config(path: Path, src: Endpoint, dst: Endpoint) -> Path:
    """A server config file as `serve` reads it; migrate uses only its stores."""
    doc = {
        "listen": "127.0.0.1:0",
        "tls": {"cert_file": "unused.pem", "key_file": "unused-key.pem",
                "client_ca_file": "unused-ca.pem"},
        "policy_file": "unused-policy.yaml",
        "log_level": "WARNING",
        "stores": {"src": src.section, "dst": dst.section},
        "routes": {"": "src"},
        "audit": {"dir": "unused-audit"},
    }  # fmt: skip
    path.write_text(yaml.safe_dump(doc))
    return path


def argv(config: Path, *extra: str) -> list[str]:
    return [*CLI, "migrate", "--config", str(config), "--from", "src", "--to", "dst", *extra]


ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def run_cli(config: Path, *extra: str) -> tuple[int, dict[str, int], str]:
    """Exit code, the summary's counts, and all output (checked for leaked values)."""
    done = subprocess.run(
        argv(config, *extra), capture_output=True, text=True, env=ENV, timeout=600
    )
    output = done.stdout + done.stderr
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert last.startswith("migrate"), output
    counts = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", last)}
    assert "pw-" not in output and "tok-" not in output, "a secret value was printed"
    return done.returncode, counts, output


async def test_killed_migration_resumes_and_every_version_matches(
    source: Endpoint, target: Endpoint, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "config.yaml", source, target)
    state = tmp_path / "state.json"
    names = await names_under(source.store, BULK)
    assert len(names) == NAMES

    proc = await asyncio.create_subprocess_exec(
        *argv(config, "--prefix", BULK, "--state", str(state)),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=ENV,
    )
    assert proc.stderr is not None
    lines: list[bytes] = []
    while line := await proc.stderr.readline():
        lines.append(line)
        progress = re.match(rb"migrate: (\d+)% ", line)
        if progress and int(progress[1]) >= 50:
            proc.send_signal(signal.SIGKILL)
            break
    await proc.wait()
    assert proc.returncode == -signal.SIGKILL, b"".join(lines).decode()

    partial = sum(map(len, await target_versions(target.store, names)))
    assert TOTAL_VERSIONS * 4 // 10 <= partial < TOTAL_VERSIONS

    code, counts, output = run_cli(config, "--prefix", BULK, "--state", str(state), "--verify")
    assert code == 0, output
    # What was copied before the kill is neither copied again nor duplicated.
    assert counts["copied"] == TOTAL_VERSIONS - partial, output
    assert counts["verified"] == TOTAL_VERSIONS, output
    assert counts["names"] == NAMES and counts["conflicts"] == counts["errors"] == 0, output
    await assert_identical(source.store, target.store, names)

    # The state file lets a re-run skip every name without reading the target (the
    # re-run that compares everything is in the next test, on fewer names).
    code, counts, output = run_cli(config, "--prefix", BULK, "--state", str(state))
    assert code == 0 and counts["resumed"] == NAMES and counts["copied"] == 0, output


async def test_dry_run_writes_nothing_verify_finds_gaps_and_a_rerun_copies_nothing(
    source: Endpoint, target: Endpoint, tmp_path: Path
) -> None:
    config = write_config(tmp_path / "config.yaml", source, target)
    prefix = f"{BULK}00"  # 100 names
    names = await names_under(source.store, prefix)
    expected = sum(version_count(int(n.value[len(BULK) :])) for n in names)

    state = tmp_path / "state.json"
    code, counts, output = run_cli(config, "--prefix", prefix, "--dry-run", "--state", str(state))
    assert code == 0 and counts["copied"] == expected, output
    assert not state.exists()
    assert await target_versions(target.store, names) == [[] for _ in names]

    code, counts, output = run_cli(config, "--prefix", prefix, "--dry-run", "--verify")
    assert code == 1 and counts["verify_failures"] == expected, output
    assert "is missing from the target" in output

    code, counts, output = run_cli(config, "--prefix", prefix)
    assert code == 0 and counts["copied"] == expected, output
    code, counts, output = run_cli(config, "--prefix", prefix, "--dry-run", "--verify")
    assert code == 0 and counts["verified"] == expected and counts["copied"] == 0, output
    before = await snapshot(target.store, prefix)
    code, counts, output = run_cli(config, "--prefix", prefix)
    assert code == 0 and counts["copied"] == 0 and counts["skipped"] == expected, output
    assert await snapshot(target.store, prefix) == before


async def test_conflicting_target_is_reported_and_not_overwritten(
    source: Endpoint, target: Endpoint, tmp_path: Path
) -> None:
    for name, texts in TARGET_SEED.items():
        for text in texts:
            await target.store.put(SecretName.parse(name), plain(text))
    config = write_config(tmp_path / "config.yaml", source, target)

    code, counts, output = run_cli(config, "--prefix", CONFLICTS, "--verify")
    assert code == 1, output
    assert counts["conflicts"] == 2 and counts["verify_failures"] == 0, output
    assert counts["copied"] == 4 and counts["skipped"] == 1, output  # same-start 2+1, new 2
    conflicts = sorted(line.split("\t")[1] for line in output.splitlines() if "conflict\t" in line)
    assert conflicts == ["c/ahead", "c/differs"], output

    async def texts(name: str) -> list[str]:
        n = SecretName.parse(name)
        versions = await target.store.versions(n)
        return [
            (await target.store.get(n, v)).content.values["clearPassword"].reveal()
            for v in versions
        ]

    assert await texts("c/differs") == TARGET_SEED["c/differs"]
    assert await texts("c/ahead") == TARGET_SEED["c/ahead"]
    assert await texts("c/same-start") == SOURCE_SEED["c/same-start"]
    assert await texts("c/new") == SOURCE_SEED["c/new"]


async def test_a_source_with_lost_versions_has_its_latest_copied_once(
    vault_server: VaultServer, tmp_path: Path
) -> None:
    prefix = f"migrate/{uuid.uuid4().hex}"
    src = _open({"type": "vault", "url": vault_server.url, "token": vault_server.root_token,
                 "path_prefix": prefix})  # fmt: skip
    create_master_key(tmp_path / "k")
    dst = _open({"type": "sqlite", "path": str(tmp_path / "t.db"),
                 "master_key_file": str(tmp_path / "k")})  # fmt: skip
    try:
        for text in ("pw-1", "pw-2", "pw-3"):
            await src.store.put(SecretName.parse("g/gappy"), plain(text))
            await src.store.put(SecretName.parse("g/whole"), plain(text))
        vault_server.client().secrets.kv.v2.destroy_secret_versions(f"{prefix}/g/gappy", [2])
        assert await src.store.versions(SecretName.parse("g/gappy")) == [1, 3]
        before = await snapshot(src.store, "")

        async def run() -> Any:
            return await migrate(src.store, dst.store, prefix="g/", dry_run=False, verify=True,
                                 state_path=None, progress=lambda p: None)  # fmt: skip

        first = await run()
        assert (first.versions_copied, first.versions_verified, first.ok) == (4, 4, True)
        gappy = SecretName.parse("g/gappy")
        assert await dst.store.versions(gappy) == [1]
        assert (await dst.store.get(gappy)).content == plain("pw-3")
        again = await run()
        assert (again.versions_copied, again.versions_skipped, again.ok) == (0, 4, True)
        assert await snapshot(src.store, "") == before
    finally:
        await src.store.close()
        await dst.store.close()


async def test_a_state_file_of_another_migration_is_refused(
    source: Endpoint, tmp_path: Path
) -> None:
    create_master_key(tmp_path / "k")
    dst = _open({"type": "sqlite", "path": str(tmp_path / "t.db"),
                 "master_key_file": str(tmp_path / "k")})  # fmt: skip
    state = tmp_path / "state.json"

    async def run(prefix: str, key: str) -> Any:
        return await migrate(source.store, dst.store, prefix=prefix, dry_run=False,
                             verify=False, state_path=state, progress=lambda p: None,
                             state_key=key)  # fmt: skip

    try:
        first = await run("c/new", "src -> dst")
        assert first.versions_copied == 2 and state.exists()
        assert (await run("c/new", "src -> dst")).names_resumed == 1
        for prefix, key in (("c/", "src -> dst"), ("c/new", "src -> other")):
            with pytest.raises(ConfigError, match="records the migration"):
                await run(prefix, key)
    finally:
        await dst.store.close()


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_one_redrawn_line_on_a_terminal() -> None:
    out, clock = _Tty(), iter(float(t) for t in range(100))
    show = ProgressPrinter(out, clock=lambda: next(clock))
    for done in (0, 5, 10):
        show(MigrationProgress(10, done, done, 0, 0, 0, 0, finished=done == 10))
    text = out.getvalue()
    assert text.count("\r") == 3 and text.count("\n") == 1 and text.endswith("\n")
    assert "[############------------] 5/10 names" in text
