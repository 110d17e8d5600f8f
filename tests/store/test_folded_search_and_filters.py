"""Finding statements again: search folds letters as actor matching does, hidden statements and
statements with an unresolved conflict have filters of their own."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from s400tracker.core.model import Found
from s400tracker.core.query import StatementFilter
from s400tracker.core.sharing import Conflict, Content
from s400tracker.store import Store, schema
from s400tracker.store import sharing
from tests.helpers import ACTORS, make_document

D15 = dt.date(2020, 12, 15)
TEXT = ('Kalın said "İbrahim Kalın speaks for Ankara". Akar said "Çavuşoğlu met Blinken". '
        'Akar said "KALIN AGREED". Akar said "Ελλάδα watches".')
QUOTES = ("İbrahim Kalın speaks for Ankara", "Çavuşoğlu met Blinken", "KALIN AGREED",
          "Ελλάδα watches")


def seed(store: Store) -> dict[str, str]:
    found = []
    for quote in QUOTES:
        start = TEXT.index(quote)
        found.append(Found(start=start, end=start + len(quote), quote=quote, kind="direct",
                           speaker="Akar", actor="akar", date=D15, date_basis="explicit"))
    store.add_document(make_document(TEXT), found)
    return {s.quote: s.id for s in store.statements()}


@pytest.mark.parametrize("words, expected", [
    ("kalin", {"İbrahim Kalın speaks for Ankara", "KALIN AGREED"}),
    ("Kalın", {"İbrahim Kalın speaks for Ankara", "KALIN AGREED"}),
    ("KALIN", {"İbrahim Kalın speaks for Ankara", "KALIN AGREED"}),
    ("kal", {"İbrahim Kalın speaks for Ankara", "KALIN AGREED"}),   # a prefix, as one types
    ("ibrahim", {"İbrahim Kalın speaks for Ankara"}),
    ("İBRAHİM", {"İbrahim Kalın speaks for Ankara"}),
    ("cavusoglu", {"Çavuşoğlu met Blinken"}),
    ("ÇAVUŞOĞLU", {"Çavuşoğlu met Blinken"}),
    ("ελλάδα", {"Ελλάδα watches"}),
    ("agreed kalın", {"KALIN AGREED"}),
    ("kalinx", set()),
])
def test_search_folds_letters_as_actor_matching_does(store, words, expected):
    seed(store)
    assert {s.quote for s in store.statements(StatementFilter(text=words))} == expected


def test_search_folds_notes_too(store):
    ids = seed(store)
    store.annotate(ids["Çavuşoğlu met Blinken"], note="Yıldırım asked about it")
    found = store.statements(StatementFilter(text="yildirim"))
    assert [s.quote for s in found] == ["Çavuşoğlu met Blinken"]


def test_a_version_3_store_is_migrated_and_its_search_folds(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    # Version 3's index (the text as it is), with the column and table today's writes need; the
    # version is set back to 3 below, so the reopening runs every migration from version 3 on.
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3] + [
        lambda db: db.execute("ALTER TABLE statements ADD COLUMN shown_quote TEXT"),
        schema.MIGRATIONS[5]])
    with Store.open(path, ACTORS) as s:
        ids = seed(s)
        s.annotate(ids["KALIN AGREED"], note="Yıldırım too")
        assert s.statements(StatementFilter(text="kalin")) != []   # "KALIN" only, before
        assert not any(x.quote.startswith("İbrahim")
                       for x in s.statements(StatementFilter(text="kalin")))
    monkeypatch.undo()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("ALTER TABLE statements DROP COLUMN shown_quote")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    with Store.open(path, ACTORS) as s:
        assert s.backup_made is not None and s.backup_made.exists()
        assert {x.quote for x in s.statements(StatementFilter(text="kalin"))} == {
            "İbrahim Kalın speaks for Ankara", "KALIN AGREED"}
        assert [x.quote for x in s.statements(StatementFilter(text="yildirim"))] == ["KALIN AGREED"]
    conn = sqlite3.connect(path)   # another program checks the indexes: no function of ours needed
    try:
        for fts in ("statements_fts", "annotations_fts"):
            conn.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")
    finally:
        conn.close()


def test_quotes_written_during_a_deferred_index_are_folded_when_rebuilt(store):
    with store.bulk(defer_index=True):
        seed(store)
    assert len(store.statements(StatementFilter(text="kalin"))) == 2


def test_hidden_statements_have_a_filter_of_their_own(store):
    ids = seed(store)
    store.set_hidden(ids["KALIN AGREED"], True)
    only = StatementFilter(hidden_only=True)
    assert [s.quote for s in store.statements(only)] == ["KALIN AGREED"]
    assert [c.count for c in store.matrix_cells(only)] == [1]
    assert store.statement_count(only) == 1
    assert store.statement_count() == 3
    assert store.statement_count(StatementFilter(include_hidden=True)) == 4


def test_statements_with_an_unresolved_conflict_have_a_filter_and_a_cell_mark(store):
    ids = seed(store)
    sid = ids["Çavuşoğlu met Blinken"]
    conflict = Conflict(sid, Content("their note", ("x",), None), "bob", "2021-01-01T00:00:00")
    sharing.add_conflict(store, conflict)
    only = StatementFilter(conflicts_only=True)
    assert [s.quote for s in store.statements(only)] == ["Çavuşoğlu met Blinken"]
    (cell,) = store.matrix_cells()
    assert cell.conflicts == 1
    sharing.drop_conflict(store, sid, conflict.hash)   # resolved: no longer found
    assert store.statements(only) == []
    assert store.matrix_cells()[0].conflicts == 0


def test_a_cell_counts_its_hidden_statements(store):
    ids = seed(store)
    store.set_hidden(ids["KALIN AGREED"], True)
    (cell,) = store.matrix_cells(StatementFilter(include_hidden=True))
    assert (cell.count, cell.hidden) == (4, 1)
