"""A window and the command line on one store at once (see also tests/store/test_concurrency.py)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import generate
from s400tracker.services.tracker import Tracker
from tests.helpers import no_index, quote_finder

ROOT = Path(__file__).resolve().parents[2]
FINDER = quote_finder({"Akar": "akar"})


def test_an_import_commits_article_by_article_so_others_can_write_meanwhile(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f'"Reply number {i}", Akar said.', encoding="utf-8")
    db = tmp_path / "t.db"
    refused = []

    def another_window_writes(done, total, path):
        conn = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")   # fails at once if the import holds the write lock
            conn.execute("ROLLBACK")
        except sqlite3.OperationalError as e:
            refused.append(str(e))
        finally:
            conn.close()

    with Tracker(_store(db), FINDER, no_index) as t:
        report = t.import_paths([tmp_path], progress=another_window_writes)
    assert report.summary() == "3 added, 0 already present, 0 failed"
    assert refused == []


def test_the_cli_imports_while_a_window_annotates(tmp_path):
    db = tmp_path / "store.db"
    first = tmp_path / "first"
    generate(1, first, seed=7)
    with Tracker.open(db, seed=False) as window:
        window.import_paths([first])
        ids = [s.id for s in window.statements()]
        assert ids
        articles = tmp_path / "many"
        generate(40, articles, seed=7, start=1)
        cli = subprocess.Popen(
            [sys.executable, "-m", "s400tracker", "import", str(articles), "--db", str(db)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        edits = 0
        try:
            while cli.poll() is None or edits < 2 * len(ids):
                sid = ids[edits % len(ids)]
                window.annotate(sid, note=f"edit {edits}", tags=["concurrent"])
                edits += 1
                time.sleep(0.002)    # an analyst types; a tight loop would only starve the CLI
            out, err = cli.communicate()
        finally:
            if cli.poll() is None:
                cli.kill()
                cli.communicate()
        assert cli.returncode == 0, err
        assert "locked" not in err
        assert out.splitlines()[-1] == "40 added, 0 already present, 0 failed"
        # Each side sees the other's work.
        assert len(window.documents()) == 41
        last = {ids[i % len(ids)]: f"edit {i}" for i in range(edits)}
        assert {sid: window.statement(sid).annotation.note for sid in ids} == last


def _store(path):
    from s400tracker.store import Store
    from tests.helpers import ACTORS

    return Store.open(path, ACTORS)
