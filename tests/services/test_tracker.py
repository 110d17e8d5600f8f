"""The facade the GUI uses: opening stores, matrix cells, the analyst's edits."""

from __future__ import annotations

import datetime as dt

import pytest

from s400tracker import paths
from s400tracker.core.query import StatementFilter
from s400tracker.services.tracker import Tracker
from s400tracker.store import Store
from tests.helpers import ACTORS, make_document, no_index, quote_finder

D14, D15, D16 = dt.date(2020, 12, 14), dt.date(2020, 12, 15), dt.date(2020, 12, 16)


@pytest.fixture
def tracker(store):
    t = Tracker(store, quote_finder({"Akar": "akar"}), no_index, author="ana")
    text = '"One", Akar said. "Two", Akar said. "Three", Akar said.'
    found = quote_finder({"Akar": "akar"})(text, D15, None)
    found[1] = found[1]._replace(date=D16)
    store.add_document(make_document(text), found)
    return t


def test_the_default_store_is_created_and_seeded_on_first_use(tmp_path, monkeypatch):
    db = tmp_path / "data" / "tracker.db"
    monkeypatch.setenv("S400TRACKER_DB", str(db))
    with Tracker.open(extract_fn=lambda *a: [], make_index=no_index) as t:
        assert t.path == str(db)
        seeds = sorted(p.name for p in paths.seeds_dir().glob("*.txt"))
        assert sorted(d.path.rsplit("/", 1)[-1] for d in t.documents()) == seeds
    with Tracker.open(extract_fn=lambda *a: [], make_index=no_index) as t:
        assert len(t.documents()) == len(seeds)  # seeded once, not again


def test_a_store_named_explicitly_starts_empty(tmp_path):
    with Tracker.open(tmp_path / "mine.db") as t:
        assert t.documents() == []


def test_a_week_cell_lists_the_statements_of_that_week(tracker):
    m = tracker.matrix(bucket="week")
    (column,) = m.columns
    assert column == D14 and m.cell("akar", column).count == 3
    assert [s.quote for s in tracker.cell_statements("akar", column, "week")] == \
        ["One", "Three", "Two"]
    day = tracker.matrix()
    assert day.columns == (D15, D16)
    assert [s.quote for s in tracker.cell_statements("akar", D16)] == ["Two"]


def test_a_cell_respects_the_filter_of_its_matrix(tracker):
    f = StatementFilter(text="three")
    m = tracker.matrix(f, bucket="week")
    assert m.cell("akar", D14).count == 1
    assert [s.quote for s in tracker.cell_statements("akar", D14, "week", f)] == ["Three"]


def test_edits_show_in_the_matrix_at_once(tracker):
    one = tracker.cell_statements("akar", D15)[0]
    tracker.annotate(one.id, "note")
    assert tracker.statement(one.id).annotation.author == "ana"
    assert tracker.matrix().cell("akar", D15).annotated
    tracker.move_statement(one.id, actor="kalin", date=D14)
    assert tracker.matrix().cell("kalin", D14).count == 1
    tracker.hide(one.id)
    assert tracker.matrix().cell("kalin", D14) is None
    tracker.unhide(one.id)
    assert tracker.matrix().cell("kalin", D14).count == 1


def test_added_actors_get_a_key_and_their_groups_colour(tracker):
    actor = tracker.add_actor("Recep Tayyip Erdoğan", "Turkey", aliases=["Erdogan"])
    assert actor.key == "recep-tayyip-erdoğan" and actor.color == "#c0392b"
    assert actor.aliases == ("Recep Tayyip Erdoğan", "Erdogan")
    assert tracker.actors()[-1] == actor
    assert [g for g, _ in tracker.groups()] == ["United States", "Turkey"]


def test_adding_an_alias_reextracts_so_the_speaker_becomes_tracked(store):
    def finder(text, published, index):
        return quote_finder({a: "kalin" for a in index})(text, published, index)

    t = Tracker(store, finder, lambda actors: {a for x in actors for a in x.aliases})
    store.add_document(make_document('"Soon", Ibrahim said.'), [])
    t.reextract()
    assert t.untracked_speakers() == [("Ibrahim", 1)]
    assert t.statements() == []
    t.add_alias("kalin", "Ibrahim")
    assert [s.actor for s in t.statements()] == ["kalin"]
    assert t.untracked_speakers() == []


def test_open_on_bad_file_raises_store_error_and_keeps_it(tmp_path):
    from s400tracker.store import StoreError

    path = tmp_path / "notes.db"
    path.write_text("not a store")
    with pytest.raises(StoreError):
        Tracker.open(path)
    assert path.read_text() == "not a store"


def test_tracker_wraps_an_open_store(tmp_path):
    with Store.open(tmp_path / "x.db", ACTORS) as s:
        assert Tracker(s).actors() == s.actors()
