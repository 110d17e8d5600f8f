"""kill -9 during an import leaves a sound store of whole articles, and importing again finishes
it: the short form of `python -m bench.fault_injection` (README, "Fault injection")."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from bench import fault_injection
from bench.generate import generate

pytestmark = pytest.mark.faults


def test_imports_killed_at_random_moments_leave_whole_articles_and_finish_like_a_clean_one(
        tmp_path):
    lines = []
    outcome = fault_injection.run(kills=3, count=60, seed=11, workdir=tmp_path, say=lines.append)
    assert outcome.problems == []
    assert outcome.intact == outcome.kills == 3
    assert outcome.equals_clean and outcome.documents == 60 and outcome.statements > 60
    assert lines[-1].startswith("3/3 intact")


def test_the_check_finds_a_partial_article_and_a_damaged_file(tmp_path):
    # The check must be able to fail, or "intact" means nothing.
    articles = tmp_path / "articles"
    generate(5, articles, seed=3)
    db = tmp_path / "t.db"
    fault_injection.timed_import(articles, db)
    reference = fault_injection.contents(db)
    assert fault_injection.check(db, reference) == []
    conn = sqlite3.connect(db)
    try:
        (doc, sid) = conn.execute("SELECT document_id, statement_id FROM mentions").fetchone()
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM mentions WHERE statement_id = ?", [sid])
        conn.commit()
    finally:
        conn.close()
    problems = fault_injection.check(db, reference)
    assert any("partial" in p for p in problems)
    assert any("without their article" in p for p in problems)


def test_a_kill_while_the_store_is_created_leaves_no_file_by_its_name(tmp_path):
    """A store is built beside its name and moved into place whole, so a kill while its schema
    is written leaves nothing the next import would refuse (an empty file is never made a
    store: it may be anything of the analyst's)."""
    db = tmp_path / "t.db"
    dies_after_the_schema = (
        "import os, sys\n"
        "from s400tracker.store import repository\n"
        "real = repository.migrate\n"
        "def migrate(*args):\n"
        "    saved = real(*args)\n"
        "    os.kill(os.getpid(), 9)\n"
        "repository.migrate = migrate\n"
        "repository.Store.open(sys.argv[1])\n")
    killed = subprocess.run([sys.executable, "-c", dies_after_the_schema, str(db)],
                            cwd=fault_injection.ROOT, capture_output=True, timeout=60)
    assert killed.returncode == -9
    assert not db.exists()
    assert fault_injection.check(db, {}) == [] and fault_injection.contents(db) == {}
    articles = tmp_path / "articles"
    generate(3, articles, seed=5)
    fault_injection.timed_import(articles, db)
    assert len(fault_injection.contents(db)) == 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("t.db")) == ["t.db"]