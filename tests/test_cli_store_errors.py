"""The analyst's edits from the command line when the store cannot take them — locked by another
program, on a full disk — or the text cannot be stored: one line, exit 2, the store unchanged."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest

from s400tracker import cli
from s400tracker.store import connection, opening
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture


@pytest.fixture
def alice_and_bob(tmp_path, capsys):
    """Two stores of the same articles; Alice's bundle with a long note; a statement id."""
    folder = articles(tmp_path / "in")
    alice, bob = tmp_path / "alice.db", tmp_path / "bob.db"
    for db in (alice, bob):
        assert cli.main(["import", str(folder), "--db", str(db)]) == 0
    capsys.readouterr()
    assert cli.main(["export", "--db", str(alice), "--format", "long", "--no-bom"]) == 0
    sid = next(csv.DictReader(io.StringIO(capsys.readouterr().out)))["statement_id"]
    assert cli.main(["annotate", "--db", str(alice), "--statement", sid,
                     "--note", "a long note " * 20_000]) == 0
    bundle = tmp_path / "alice.json"
    assert cli.main(["annotations", "export", "--db", str(alice), "-o", str(bundle)]) == 0
    capsys.readouterr()
    return bob, bundle, sid


def edits(bob, bundle, sid):
    return {
        "annotate": ["annotate", "--db", str(bob), "--statement", sid, "--note",
                     "mine " * 20_000],
        "annotations import": ["annotations", "import", "--db", str(bob), str(bundle)],
    }


def snapshot(db):
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if p.name.startswith(db.name)}


@pytest.mark.parametrize("command", ["annotate", "annotations import"])
def test_a_store_locked_by_another_writer_is_one_line(alice_and_bob, capsys, monkeypatch, command):
    bob, bundle, sid = alice_and_bob
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_MS", 50)   # give up fast instead of after 5 s
    before = snapshot(bob)
    other = sqlite3.connect(bob, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")   # another program writing, and taking its time
    try:
        assert cli.main(edits(bob, bundle, sid)[command]) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"store {bob} is locked by another program" in err
    assert snapshot(bob) == before


@pytest.mark.parametrize("command", ["annotate", "annotations import"])
def test_a_full_disk_is_one_line(alice_and_bob, capsys, monkeypatch, command):
    bob, bundle, sid = alice_and_bob
    real = opening.connect

    def full(target):
        # The disk fills up: the store may not grow by a single page.
        conn = real(target)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    vacuum = sqlite3.connect(bob)
    vacuum.execute("VACUUM")   # no free pages left for the note to fill
    vacuum.close()
    monkeypatch.setattr(connection, "connect", full)
    assert cli.main(edits(bob, bundle, sid)[command]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot write store {bob}" in err and "full" in err
    monkeypatch.undo()
    assert cli.main(["export", "--db", str(bob), "--format", "long"]) == 0
    assert "mine" not in capsys.readouterr().out   # nothing half written


@pytest.mark.parametrize("option", [["--note", "caf\udce9"], ["--tag", "\udcff"],
                                    ["--note", "ok", "--tag", "fine", "--tag", "x\udc80y"]])
def test_text_that_is_no_valid_utf8_is_refused_in_one_line(alice_and_bob, capsys, option):
    """`annotate --note $'\\xff'`: Python hands undecodable bytes over as lone surrogates."""
    bob, _, sid = alice_and_bob
    before = snapshot(bob)
    assert cli.main(["annotate", "--db", str(bob), "--statement", sid, *option]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not valid text" in err and "--" in err
    assert snapshot(bob) == before


def test_a_report_search_that_is_no_valid_utf8_is_refused(alice_and_bob, tmp_path, capsys):
    bob, _, _ = alice_and_bob
    assert cli.main(["report", "--db", str(bob), "-o", str(tmp_path / "r.html"),
                     "--search", "\udcc4"]) == 2
    assert "--search is not valid text" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_undecodable_bytes_in_argv_are_one_line(tmp_path):
    """The real thing: `annotate --note $'\\xff'` from a shell, in a UTF-8 locale."""
    import os
    import subprocess
    import sys

    from s400tracker.store import Store

    db = tmp_path / "t.db"
    Store.open(db).close()
    before = db.read_bytes()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"}
    done = subprocess.run([sys.executable, "-m", "s400tracker", "annotate", "--db", str(db),
                           "--statement", "0123456789abcdef", "--note", b"caf\xe9 \xff"],
                          capture_output=True, env=env, timeout=60)
    assert done.returncode == 2
    err = done.stderr.decode("utf-8", "replace")
    assert err.count("\n") == 1 and "--note is not valid text" in err and "Traceback" not in err
    assert db.read_bytes() == before
