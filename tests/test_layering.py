"""The layering of docs/architecture.md: the import-linter contracts of pyproject.toml hold, each
one fails on an import that breaks it (directly or through another module), and core stays
standard library only (which no contract can say of packages nobody has named yet)."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "s400tracker"
LINT = Path(sys.executable).with_name("lint-imports")

# (module, import added to it, the contract it breaks, why this is a case)
BREAKS = [
    ("core/model.py", "import s400tracker.paths", "core imports nothing of ours", "core reaching up"),
    ("extract/quotes.py", "import s400tracker.store.errors",
     "extract and store are independent", "extract importing store"),
    ("store/errors.py", "import s400tracker.services.atomic",
     "extract and store do not import each other, services or the interfaces", "store importing services"),
    ("formats/sniff.py", "import s400tracker.extract.text", "formats (file readers) imports only core",
     "a reader importing the extractor"),
    ("core/text.py", "import s400tracker.core.model", None, "within core: allowed"),
    ("services/atomic.py", "import PySide6.QtCore", "only gui imports PySide6", "Qt below the GUI"),
    # Only through another module of ours: the check follows chains, not only direct imports.
    ("paths.py", "import s400tracker.gui.palette", "only gui imports PySide6", "Qt reached indirectly"),
    ("services/atomic.py", "import sqlite3", "only store imports sqlite3 and sqlite_utils",
     "SQL outside the store"),
    ("gui/palette.py", "import sqlite_utils", "only store imports sqlite3 and sqlite_utils",
     "SQL in the GUI"),
    ("store/db.py", "import s400tracker.gui.palette",
     "data flows one way: cli, gui, services, store|extract|formats, core",
     "a lower layer importing a higher one"),
]


def lint(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=60)


def test_the_cases_are_distinct():
    assert len({(m, line) for m, line, _, _ in BREAKS}) == len(BREAKS)


def test_the_contracts_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory) -> str:
    """A copy of the package with every import of BREAKS added, linted once."""
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(PACKAGE, root / "s400tracker", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for module, line, _, _ in BREAKS:
        path = root / "s400tracker" / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint(root)
    assert result.returncode != 0
    return result.stdout


def _broken_section(report: str, contract: str) -> str:
    """The part of the report that lists the broken imports of `contract`: from its heading (the
    name underlined with dashes) to the next heading."""
    parts = re.split(r"^(.+)\n-+\n", report, flags=re.MULTILINE)
    return next((body for name, body in zip(parts[1::2], parts[2::2]) if name == contract), "")


@pytest.mark.parametrize("module, line, contract, why", BREAKS, ids=[b[3] for b in BREAKS])
def test_a_breaking_import_breaks_its_contract(broken_copy, module, line, contract, why):
    importer = "s400tracker." + module.removesuffix(".py").replace("/", ".")
    imported = line.split()[1]
    if contract is None:
        assert f"{importer} -> {imported}" not in broken_copy
        return
    assert f"{contract} BROKEN" in " ".join(broken_copy.split())
    section = _broken_section(broken_copy, contract)
    assert importer in section, broken_copy


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_is_standard_library_only(path):
    outside = {n for n in _imports(path) if not n.startswith("s400tracker.core")
               and n.split(".")[0] not in sys.stdlib_module_names}
    assert not outside, "core is standard library only"
