"""Imports flow down (api -> broker -> cache, access, collections -> stores -> keys ->
domain): a store may use the collections format and the keys, never the layers above it.
``metrics`` is a leaf that every layer records into: it imports nothing from the package."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "server" / "secrets_broker"
# The format modules: parsing and conversion, depending on the domain only.
FORMAT = ("collections.format", "collections.document", "collections.yamlload")
LEAVES = ("metrics",)


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m.removeprefix("secrets_broker.") for m in found if m.startswith("secrets_broker.")}


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py"))


def below(module: str, allowed: tuple[str, ...]) -> bool:
    return module.startswith(allowed)


@pytest.mark.parametrize("path", modules("stores"), ids=lambda p: p.name)
def test_stores_import_only_stores_domain_and_the_format(path: Path) -> None:
    for module in imports(path):
        allowed = ("stores", "keys", "domain", *FORMAT, *LEAVES)
        assert below(module, allowed), f"{path.name} imports {module}"


# The option checks the stores use (options, vault_config) serve key providers too.
OPTION_HELPERS = ("stores.options", "stores.vault_config", "stores.aws_config")


@pytest.mark.parametrize("path", modules("keys"), ids=lambda p: p.name)
def test_keys_import_only_keys_domain_and_the_option_checks(path: Path) -> None:
    for module in imports(path):
        assert below(module, ("keys", "domain", *OPTION_HELPERS)), f"{path.name} imports {module}"


@pytest.mark.parametrize("name", FORMAT)
def test_the_format_depends_on_the_domain_only(name: str) -> None:
    path = PACKAGE / (name.replace(".", "/") + ".py")
    for module in imports(path):
        assert below(module, ("domain", *FORMAT)), f"{name} imports {module}"


@pytest.mark.parametrize("path", modules("domain"), ids=lambda p: p.name)
def test_the_domain_imports_nothing_above_it(path: Path) -> None:
    for module in imports(path):
        assert below(module, ("domain",)), f"{path.name} imports {module}"


@pytest.mark.parametrize("path", modules("replication"), ids=lambda p: p.name)
def test_replication_imports_only_itself_stores_and_the_domain(path: Path) -> None:
    for module in imports(path):
        assert below(module, ("replication", "stores", "domain")), f"{path.name} imports {module}"


@pytest.mark.parametrize("name", LEAVES)
def test_a_leaf_imports_nothing_from_the_package(name: str) -> None:
    assert imports(PACKAGE / f"{name}.py") == set()
