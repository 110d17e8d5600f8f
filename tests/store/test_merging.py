"""One statement reported by several outlets is one statement with several sources."""

import datetime as dt

from s400tracker.core.query import StatementFilter
from tests.helpers import make_document, quote_finder

find = quote_finder({"Akar": "akar", "Pompeo": "us"})
D15 = dt.date(2020, 12, 15)


def _add(store, text, published=D15, title="An article"):
    doc = make_document(text, published, title=title, path=f"{title}.txt")
    return store.add_document(doc, find(text, published, None))[0]


def test_near_identical_wordings_of_one_speaker_and_day_become_one_statement(store):
    _add(store, '"The sanctions show arrogance towards international law", Akar said.', title="First")
    _add(store, '"These sanctions show an arrogant attitude towards international law", Akar said.',
         title="Second")
    statements = store.statements(StatementFilter())
    assert len(statements) == 1
    assert [s.title for s in statements[0].sources] == ["First", "Second"]
    assert store.statement_count(StatementFilter()) == 1
    cells = store.matrix_cells(StatementFilter())
    assert [c.count for c in cells] == [1]


def test_other_speakers_days_and_wordings_stay_apart(store):
    _add(store, '"We will respond in kind to these measures", Akar said.', title="First")
    _add(store, '"We will respond in kind to these measures", Pompeo said.', title="Other speaker")
    _add(store, '"We will respond in kind to these measures", Akar said. ', dt.date(2020, 12, 16),
         title="Other day")
    _add(store, '"The purchase was a sovereign decision", Akar said.', title="Other words")
    assert store.statement_count(StatementFilter(tracked_only=False)) == 4


def test_the_other_outlets_wording_still_finds_the_statement(store):
    _add(store, '"The sanctions show arrogance towards international law", Akar said.', title="First")
    _add(store, '"These sanctions show an arrogant attitude towards international law", Akar said.',
         title="Second")
    found = store.statements(StatementFilter(text="attitude"))
    assert len(found) == 1 and "arrogance" in found[0].quote


def test_a_wrong_merge_is_split_and_stays_split_through_reextraction(store):
    _add(store, '"The sanctions show arrogance towards international law", Akar said.', title="First")
    second = _add(store, '"These sanctions show an arrogant attitude towards international law", Akar said.',
                  title="Second")
    (kept,) = store.statements(StatementFilter())
    split = store.split_merged(kept.id)
    assert len(split) == 1 and store.statement_count(StatementFilter()) == 2
    text = store.document(second).text
    store.replace_extraction(second, find(text, D15, None))
    assert store.statement_count(StatementFilter()) == 2, "re-extraction does not merge it again"
    store.rejoin_merged(kept.id, split)
    assert store.statement_count(StatementFilter()) == 1
