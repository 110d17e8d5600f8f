"""Two windows, or a window and the CLI, on one store file: writers wait for each other briefly
instead of failing with "database is locked", and each sees the other's commits."""

from __future__ import annotations

import sqlite3

from s400tracker.core.model import Found
from s400tracker.store import Store
from s400tracker.store.documents import Documents
from tests.helpers import ACTORS, make_document

TEXT = '"We will respond", Akar said.'


def akar_found() -> list[Found]:
    return [Found(start=1, end=16, quote="We will respond", kind="direct", speaker="Akar",
                  actor="akar", date=None, date_basis="undated")]


def try_write(path, sql: str) -> str:
    """Write from another connection that does not wait: 'written' or SQLite's refusal."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(sql)
        conn.execute("COMMIT")
        return "written"
    except sqlite3.OperationalError as e:
        return str(e)
    finally:
        conn.close()


def test_a_write_between_the_duplicate_check_and_the_insert_cannot_break_an_import(
        tmp_path, monkeypatch):
    # The race two windows meet: one imports an article (is it stored already? then insert it)
    # while the other commits an edit in between. A deferred transaction fails here at once with
    # "database is locked" (WAL cannot upgrade a stale snapshot); holding the write lock from the
    # start makes the other writer wait instead.
    path = tmp_path / "t.db"
    with Store.open(path, ACTORS) as window_a:
        seen = []
        original = Documents.id_of   # the duplicate check inside add_document's transaction

        def check_then_other_window_writes(self, sha):
            result = original(self, sha)
            seen.append(try_write(path, "UPDATE actors SET color = '#000000' WHERE key = 'us'"))
            return result

        monkeypatch.setattr(Documents, "id_of", check_then_other_window_writes)
        doc_id, added = window_a.add_document(make_document(TEXT), akar_found())
        monkeypatch.undo()
        assert added and window_a.document_count() == 1
        assert len(window_a.statements()) == 1
        assert seen and "locked" in seen[-1]        # the other window waited its turn …
        assert try_write(path, "UPDATE actors SET color = '#000000' WHERE key = 'us'") == "written"


def test_two_windows_see_each_others_edits_on_refresh(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, ACTORS) as a, Store.open(path, ACTORS) as b:
        a.add_document(make_document(TEXT), akar_found())
        (statement,) = b.statements()                    # b sees a's import
        b.annotate(statement.id, note="first seen in window B", tags=["sanctions"])
        assert a.statement(statement.id).annotation.note == "first seen in window B"
        a.set_hidden(statement.id, True)
        assert b.statement(statement.id).hidden
        assert b.statements() == []                      # hidden from b's matrix too


def test_an_open_window_does_not_block_the_other_from_writing(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, ACTORS) as a:
        a.add_document(make_document(TEXT), akar_found())
        a.statements()
        a.matrix_cells()
        # Reading leaves no transaction open behind it: a writer that does not wait at all
        # still gets through.
        assert try_write(path, "UPDATE actors SET color = '#111111' WHERE key = 'us'") == "written"
        assert next(x for x in a.actors() if x.key == "us").color == "#111111"
