"""The layering of DESIGN.md, checked on the imports each module actually makes."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "s400tracker"
MODULES = sorted(PACKAGE.rglob("*.py"))


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n.split(".")[0] if not n.startswith("s400tracker") else n for n in names}


def part(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else rel[0].removesuffix(".py")


def test_the_package_has_modules_to_check():
    assert {part(p) for p in MODULES} >= {"core", "store", "services", "extract", "cli"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_respect_the_layers(path):
    found = imports(path)
    layer = part(path)
    if layer != "gui":
        assert "PySide6" not in found, "only s400tracker/gui may import Qt"
    else:
        assert not found & {"sqlite3", "sqlite_utils"}, "the GUI goes through services"
    if layer != "store":
        assert not found & {"sqlite3", "sqlite_utils"}, "only s400tracker/store speaks SQL"
    if layer == "core":
        outside = {n for n in found if not n.startswith("s400tracker.core")
                   and n not in sys.stdlib_module_names}
        assert not outside, "core is standard library only"
    if layer in ("core", "extract", "store"):
        upward = {n for n in found if n.startswith(("s400tracker.services", "s400tracker.cli",
                                                    "s400tracker.gui"))}
        assert not upward, "lower layers never import higher ones"
