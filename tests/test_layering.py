"""Dependencies point inward: the domain packages never reach for I/O or the channels."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PURE_PACKAGES = ("dialogues", "objection_bank", "supervision")
FORBIDDEN = (
    "bot",
    "telegram",
    "microsoft_agents",
    "aiohttp",
    "sqlalchemy",
    "asyncpg",
    "aiosqlite",
    "httpx",
    "requests",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_import_no_io_layers(package: str) -> None:
    files = list((ROOT / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & set(FORBIDDEN)) for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_channel_adapters_hold_no_coaching_logic() -> None:
    """Adapters talk to the core only; they never import the domain packages directly."""
    channels = ROOT / "bot" / "channels"
    for path in channels.rglob("*.py"):
        assert not _imports(path) & set(PURE_PACKAGES), path
