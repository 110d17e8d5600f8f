"""Store.bulk(): a large import's quotes indexed once at its end, a store left mid-import
repaired when opened, and the analyst's edits during an import still durable."""

from __future__ import annotations

import sqlite3
import threading

from s400tracker.core.query import StatementFilter
from s400tracker.store import Store
from s400tracker.store.schema import defer_quote_index
from tests.helpers import ACTORS, make_document, quote_finder

find = quote_finder({"Akar": "akar", "Pompeo": "us"})


def _add(store, text, title):
    doc = make_document(text, title=title, path=f"{title}.txt")
    return store.add_document(doc, find(text, doc.published, None))[0]


def _fts_matches_table(path) -> None:
    conn = sqlite3.connect(path)
    try:   # raises "database disk image is malformed" when the index and the table differ
        conn.execute("INSERT INTO statements_fts (statements_fts, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def _triggers(store) -> set[str]:
    return {r[0] for r in store.connection.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'statements'")}


def test_a_deferred_index_is_rebuilt_at_the_end_of_the_import(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, actors=ACTORS) as store:
        _add(store, '"Sanctions are unacceptable", Akar said.', "Before")
        with store.bulk(defer_index=True):
            assert not _triggers(store) & {"statements_ai", "statements_ad", "statements_au"}
            _add(store, '"Dialogue remains open", Pompeo said.', "During")
        assert {"statements_ai", "statements_ad", "statements_au"} <= _triggers(store)
        assert len(store.statements(StatementFilter(text="dialogue"))) == 1
        assert len(store.statements(StatementFilter(text="unacceptable"))) == 1
    _fts_matches_table(path)


def test_an_import_that_died_before_rebuilding_the_index_is_repaired_on_open(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, actors=ACTORS) as store:
        # What an import killed inside bulk(defer_index=True) leaves: the triggers dropped,
        # articles committed, no rebuild.
        defer_quote_index(store.connection.db.conn)
        _add(store, '"Dialogue remains open", Pompeo said.', "During")
    with Store.open(path, actors=ACTORS) as again:
        assert {"statements_ai", "statements_ad", "statements_au"} <= _triggers(again)
        assert len(again.statements(StatementFilter(text="dialogue"))) == 1
    _fts_matches_table(path)


def test_an_edit_from_another_thread_during_an_import_waits_for_the_disk(tmp_path):
    with Store.open(tmp_path / "t.db", actors=ACTORS) as store:
        _add(store, '"Sanctions are unacceptable", Akar said.', "Before")
        sid = store.statements()[0].id
        seen: list[str] = []
        store.connection.db.conn.set_trace_callback(seen.append)
        with store.bulk():
            _add(store, '"Dialogue remains open", Pompeo said.', "During")
            edit = threading.Thread(target=lambda: store.annotate(sid, "noted", [], None))
            edit.start()
            edit.join()
        store.connection.db.conn.set_trace_callback(None)
    begins = [i for i, sql in enumerate(seen) if sql.startswith("BEGIN")]
    assert len(begins) == 2   # the import's article, then the edit
    import_begin, edit_begin = begins
    assert "PRAGMA synchronous = 2" not in seen[import_begin - 1]
    assert seen[edit_begin - 1] == "PRAGMA synchronous = 2"
    assert "PRAGMA synchronous = 1" in seen[edit_begin:]


def test_a_transaction_of_several_edits_during_a_grouped_import_stays_all_or_nothing(tmp_path):
    # A bundle is applied as one transaction of many store calls (sharing.transaction) while the
    # GUI may be importing: the import's group is committed before it, never in the middle of it.
    from s400tracker.store import sharing

    path = tmp_path / "t.db"
    with Store.open(path, actors=ACTORS) as store:
        _add(store, '"Sanctions are unacceptable", Akar said.', "Before")
        sid = store.statements()[0].id
        failure: list[BaseException] = []

        def bundle_that_fails_half_way():
            try:
                with sharing.transaction(store):
                    store.annotate(sid, "first edit", [], None)
                    store.annotate(sid, "second edit", [], None)
                    raise RuntimeError("the bundle's last statement is refused")
            except RuntimeError as e:
                failure.append(e)

        with store.bulk(grouped=True):
            _add(store, '"Dialogue remains open", Pompeo said.', "During")   # the group is open
            edit = threading.Thread(target=bundle_that_fails_half_way)
            edit.start()
            edit.join()
        assert failure
        other = sqlite3.connect(path)
        try:
            notes = other.execute("SELECT note FROM annotations").fetchall()
            titles = {r[0] for r in other.execute("SELECT title FROM documents")}
        finally:
            other.close()
        assert notes == []                        # none of the failed bundle's edits
        assert titles == {"Before", "During"}     # the import's article, committed before it


def test_opening_the_store_during_an_import_leaves_the_index_to_the_importer(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, actors=ACTORS) as store:
        _add(store, '"Sanctions are unacceptable", Akar said.', "Before")
        with store.bulk(defer_index=True):
            _add(store, '"Dialogue remains open", Pompeo said.', "During")
            with Store.open(path, actors=ACTORS) as viewer:   # the app opened meanwhile
                assert not _triggers(viewer) & {"statements_ai", "statements_ad", "statements_au"}
                viewer.annotate(viewer.statements()[0].id, "noted", [], None)   # an edit goes through
            _add(store, '"Talks will go on", Akar said.', "Later")
        assert len(store.statements(StatementFilter(text="dialogue"))) == 1
        assert len(store.statements(StatementFilter(text="talks"))) == 1
    _fts_matches_table(path)


def _wording_rows(store) -> list[tuple]:
    return sorted(store.connection.db.execute("SELECT stem, statement_id FROM wording_stems"))


TWO_QUOTES = '"Sanctions are unacceptable", Akar said. "Dialogue remains open", Pompeo said.'


def _import_then_reextract(store) -> None:
    # An article written, then re-extracted finding one statement fewer (dropped from the store).
    doc_id = _add(store, TWO_QUOTES, "Two")
    store.replace_extraction(doc_id, find(TWO_QUOTES, None, None)[:1])
    _add(store, '"Talks will go on", Akar said.', "Later")


def test_a_large_import_indexes_its_statements_words_once_at_its_end(tmp_path):
    """Each article's rows written into the wording index cost an import more than the rest of
    its writing: a large import indexes them at its end, and ends with the same index."""
    with Store.open(tmp_path / "one_by_one.db", actors=ACTORS) as store:
        _import_then_reextract(store)
        expected = _wording_rows(store)
        assert len(store.statements()) == 2
    with Store.open(tmp_path / "bulk.db", actors=ACTORS) as store:
        with store.bulk(defer_index=True):
            _import_then_reextract(store)
            assert _wording_rows(store) == []
        assert _wording_rows(store) == expected
        assert store.connection.db.execute("SELECT count(*) FROM wording_staged").fetchone()[0] == 0
