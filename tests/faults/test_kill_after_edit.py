"""An edit is on disk when the call returns: kill -9 right after loses nothing."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from s400tracker.services.tracker import Tracker
from tests.helpers import ACTORS, no_index, quote_finder

pytestmark = pytest.mark.faults
ROOT = Path(__file__).resolve().parents[2]

# The analyst's process: makes edits, says so on stdout after each returns, then keeps the store
# open as a window would, until killed.
ANALYST = textwrap.dedent("""
    import datetime as dt, sys, time
    from s400tracker.services.tracker import Tracker
    t = Tracker.open(sys.argv[1], seed=False)
    sid, other = sys.argv[2], sys.argv[3]
    t.annotate(sid, note="Akar's first answer", tags=["retaliation"], stance="reject")
    t.move_statement(sid, date=dt.date(2020, 12, 16))
    t.hide(other)
    print("edited", flush=True)
    n = 0
    while True:
        n += 1
        t.annotate(other, note=f"draft {n}")
        print(n, flush=True)
""")


@pytest.fixture
def store_with_two_statements(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text('"We will respond", Akar said. "Resolve it", Pompeo said.', encoding="utf-8")
    db = tmp_path / "store.db"
    finder = quote_finder({"Akar": "akar", "Pompeo": "us"}, date=dt.date(2020, 12, 15))
    from s400tracker.store import Store

    with Tracker(Store.open(db, ACTORS), finder, no_index) as t:
        t.import_paths([article])
        ids = {s.quote: s.id for s in t.statements()}
    return db, ids["We will respond"], ids["Resolve it"]


def test_edits_survive_kill_9_right_after_they_return(store_with_two_statements):
    db, sid, other = store_with_two_statements
    proc = subprocess.Popen([sys.executable, "-c", ANALYST, str(db), sid, other], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "edited"
        last = 0
        while last < 25:                 # let it commit a stream of edits, then kill mid-stream
            last = int(proc.stdout.readline())
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with Tracker.open(db, seed=False) as t:
        s = t.statement(sid)
        assert (s.annotation.note, s.annotation.tags, s.stance) == \
            ("Akar's first answer", ("retaliation",), "reject")
        assert s.date == dt.date(2020, 12, 16)
        hidden = t.statement(other)
        assert hidden.hidden
        # Every edit reported done is there: the last one printed, or a later one.
        assert int(hidden.annotation.note.removeprefix("draft ")) >= last
