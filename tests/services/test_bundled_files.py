"""An installed copy finds its actors, seeds and icon inside the package, wherever it runs from.

scripts/check-wheel builds and installs the real wheel (CI runs it); these tests are the quick
version: the package laid out as pyproject.toml installs it, run from outside the checkout, and
the lookup fed resources that are not on a filesystem at all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from s400tracker import paths

REPO = Path(__file__).resolve().parents[2]


def installed_layout(site: Path) -> None:
    """Lay the package out in `site` as a wheel does: the code, then every package-dir folder
    mapped into the package with its package-data."""
    tomllib = pytest.importorskip("tomllib")
    setup = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    shutil.copytree(REPO / "s400tracker", site / "s400tracker",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for package, folder in setup["package-dir"].items():
        dest = site.joinpath(*package.split("."))
        dest.mkdir()
        for pattern in ["*.py", *setup["package-data"].get(package, [])]:
            for f in (REPO / folder).glob(pattern):
                if f.is_file():
                    shutil.copy(f, dest / f.name)


ARTICLE = ('date 2021-03-02 Moscow\n\n"Our cooperation on the harbour project will go on as '
           'agreed," Russian Foreign Minister Sergei Lavrov said on Tuesday.\n')

CHECKS = """
import json, subprocess, sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
from s400tracker import cli, paths
from s400tracker.gui import app

site = Path(sys.argv[1]).resolve()
for folder in (paths.resources_dir(), paths.seeds_dir()):
    assert folder.resolve().is_relative_to(site / "s400tracker"), folder
qt = QGuiApplication([])
print(json.dumps({
    "icon": not app.icon().pixmap(32).isNull(),
    "extract": cli.main(["extract", "article.txt"]),
    "import": cli.main(["import", "--db", "store.db", str(paths.seeds_dir()), "article.txt"]),
}))
"""


def test_an_installed_copy_run_outside_the_checkout_finds_actors_seeds_and_icon(tmp_path):
    site, run = tmp_path / "site", tmp_path / "run"
    site.mkdir()
    run.mkdir()
    installed_layout(site)
    (run / "article.txt").write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CHECKS, str(site)], cwd=run, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    *lines, result = done.stdout.strip().splitlines()
    assert result == '{"icon": true, "extract": 0, "import": 0}', done.stdout + done.stderr
    assert lines[-1].startswith("6 added"), lines


def test_resources_that_are_not_on_a_filesystem_are_given_as_a_folder(tmp_path):
    bundle = tmp_path / "app.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.write(REPO / "resources" / "actors.json", "s400tracker/resources/actors.json")
        z.writestr("s400tracker/resources/icons/small.svg", "<svg/>")
    resource = zipfile.Path(bundle, "s400tracker/resources/")
    folder = paths.on_disk(resource)
    assert folder.is_dir()
    assert (folder / "actors.json").read_bytes() == (REPO / "resources" / "actors.json").read_bytes()
    assert (folder / "icons" / "small.svg").read_text() == "<svg/>"
    assert paths.on_disk(resource) == folder   # copied once
