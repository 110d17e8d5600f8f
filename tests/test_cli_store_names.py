"""A mistyped --db must not become an empty store, and a file that is not a store (even an empty
one) is never written: only `import` creates a store, and the default store is seeded on first use."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from s400tracker import cli
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture

# Every command that takes --db, with what it needs besides.
COMMANDS = {
    "export": ["export"],
    "export long": ["export", "--format", "long"],
    "annotate": ["annotate", "--statement", "0123456789abcdef", "--note", "x"],
    "annotations export": ["annotations", "export", "-o", "{tmp}/bundle.json"],
    "annotations import": ["annotations", "import", "{tmp}/bundle.json"],
    "report": ["report", "-o", "{tmp}/briefing.html"],
    "gui": ["gui"],
    "import": ["import", "{tmp}/in"],
}


@pytest.fixture(autouse=True)
def no_window(monkeypatch):
    """`gui` opens no window here: what matters is what it did to the store before."""
    from s400tracker.gui import app

    monkeypatch.setattr(app, "run", lambda db_path: 0)


def run(tmp_path: Path, command: str, db: Path) -> int:
    articles(tmp_path / "in")
    args = [a.format(tmp=tmp_path) for a in COMMANDS[command]]
    return cli.main([*args, "--db", str(db)])


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "import"])
def test_a_missing_store_is_named_and_not_created(tmp_path, capsys, command):
    db = tmp_path / "stores" / "trackr.db"   # a typo of tracker.db
    db.parent.mkdir()
    assert run(tmp_path, command, db) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"no store {db}" in err
    assert listing(db.parent) == []
    assert not (tmp_path / "bundle.json").exists() and not (tmp_path / "briefing.html").exists()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_an_empty_file_is_never_made_a_store(tmp_path, capsys, command):
    db = tmp_path / "stores" / "notes.db"
    db.parent.mkdir()
    db.write_bytes(b"")
    os.utime(db, ns=(1_000_000_000, 1_000_000_000))
    assert run(tmp_path, command, db) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "empty file, not an s400tracker store" in err
    assert db.read_bytes() == b"" and db.stat().st_mtime_ns == 1_000_000_000
    assert listing(db.parent) == ["notes.db"]   # no journal beside it either


def test_import_creates_the_store_it_is_told_to(tmp_path, capsys):
    db = tmp_path / "new.db"
    assert run(tmp_path, "import", db) == 0
    assert db.stat().st_size > 0
    capsys.readouterr()
    assert run(tmp_path, "export", db) == 0
    assert "We will respond" in capsys.readouterr().out


def test_without_db_the_default_store_is_created_and_seeded(tmp_path, capsys):
    assert cli.main(["export"]) == 0   # S400TRACKER_DB points into tmp_path (the fixture)
    assert (tmp_path / "default" / "tracker.db").stat().st_size > 0
