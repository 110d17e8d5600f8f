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
    assert outcome.resumed == outcome.mid_import and outcome.resumed_equal == outcome.resumed
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


def test_the_check_finds_a_merge_into_a_merged_report(tmp_path):
    articles = tmp_path / "articles"
    generate(40, articles, seed=3)
    db = tmp_path / "t.db"
    fault_injection.timed_import(articles, db)
    reference = fault_injection.contents(db)
    conn = sqlite3.connect(db)
    try:
        (member, head) = conn.execute(
            "SELECT id, same_as FROM statements WHERE same_as IS NOT NULL").fetchone()
        (other,) = conn.execute("SELECT id FROM statements WHERE same_as IS NULL AND id != ?",
                                [head]).fetchone()
        conn.execute("UPDATE statements SET same_as = ? WHERE id = ?", [other, head])
        conn.commit()
    finally:
        conn.close()
    assert any("merged into a merged report" in p for p in fault_injection.check(db, reference))


def test_an_import_resumed_on_a_partly_imported_store_exports_what_a_clean_one_does(tmp_path):
    # What a kill leaves (the articles of the groups committed before it), made exactly: an
    # import of the first articles, then the import of all of them. The bench's own articles:
    # resumed after the first 100, merges used to chain there.
    articles, first = tmp_path / "articles", 100
    generate(300, articles, seed=400)
    clean, resumed = tmp_path / "clean.db", tmp_path / "resumed.db"
    fault_injection.timed_import(articles, clean)
    files = sorted(articles.glob("*.txt"))[:first]
    subprocess.run([sys.executable, "-m", "s400tracker", "import", *map(str, files),
                    "--db", str(resumed)], cwd=fault_injection.ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert len(fault_injection.contents(resumed)) == first
    fault_injection.timed_import(articles, resumed)
    assert fault_injection.check(resumed, fault_injection.contents(clean)) == []
    assert fault_injection.exports(resumed) == fault_injection.exports(clean)


def test_a_kill_while_the_store_is_created_leaves_no_file_by_its_name(tmp_path):
    """A store is built beside its name and moved into place whole, so a kill while its schema
    is written leaves nothing the next import would refuse (an empty file is never made a
    store: it may be anything of the analyst's)."""
    db = tmp_path / "t.db"
    dies_after_the_schema = (
        "import os, sys\n"
        "from s400tracker.store import connection, repository\n"
        "real = connection.migrate\n"
        "def migrate(*args):\n"
        "    saved = real(*args)\n"
        "    os.kill(os.getpid(), 9)\n"
        "connection.migrate = migrate\n"
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