"""kill -9 after a large import has written its articles but before it indexed their words: the
store, when next opened, dates an undated article as a clean import's store does."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest

from bench import fault_injection
from bench.generate import generate
from s400tracker.services.ingest import PARALLEL_FROM
from s400tracker.services.tracker import Tracker
from tests.services.test_inference import DATED, UNDATED, _folder, _write

pytestmark = pytest.mark.faults

# Imports `folder` in bulk (in this process: no workers to wait for); with "kill", dies once
# every article is committed, before the import brings its deferred indexes up to date.
_IMPORT = """
import os, sys
from pathlib import Path
from s400tracker.services import ingest
from s400tracker.store import connection, repository
if sys.argv[3] == "kill":
    connection.finish_deferred_indexes = lambda conn: os.kill(os.getpid(), 9)
with repository.Store.open(Path(sys.argv[2])) as store:
    ingest.import_paths(store, [Path(sys.argv[1])], workers=0)
"""


def _import(articles, db, how: str) -> int:
    return subprocess.run([sys.executable, "-c", _IMPORT, str(articles), str(db), how],
                          cwd=fault_injection.ROOT, capture_output=True, timeout=100).returncode


def _table(db, sql) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return sorted(conn.execute(sql))
    finally:
        conn.close()


def test_a_store_left_before_its_import_indexed_the_words_dates_as_a_clean_one(tmp_path):
    articles = tmp_path / "articles"
    generate(PARALLEL_FROM, articles, seed=3)   # a large import: it defers its indexes
    _write(articles, "dated.txt", DATED, "2020-12-15")
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    assert _import(articles, clean, "whole") == 0
    assert _import(articles, killed, "kill") == -9
    assert _table(killed, "SELECT count(*) FROM wording_staged") != [(0,)], "killed before staging"
    dated = {}
    for db in (clean, killed):
        with Tracker.open(db, seed=False) as t:
            report = t.import_paths([_folder(tmp_path, f"undated-{db.stem}", {"undated.txt": (UNDATED, "")})])
            dated[db.stem] = [i.published for i in report.inferred]
    assert dated == {"clean": [dt.date(2020, 12, 15)], "killed": [dt.date(2020, 12, 15)]}
    rows = "SELECT stem, statement_id FROM wording_stems"
    assert _table(killed, rows) == _table(clean, rows)
    assert _table(killed, "SELECT count(*) FROM wording_staged") == [(0,)]
