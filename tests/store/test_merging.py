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


ARTICLES = [
    ('"The sanctions show arrogance towards international law", Akar said.', "A"),
    ('"We will respond in kind to these measures", Pompeo said.', "B"),
    ('"These sanctions show an arrogant attitude towards international law", Akar said.', "C"),
    # Known to an import only from its memory of the day's candidates, not re-read from the store:
    ('"Washington will not accept the purchase of the Russian system", Pompeo said.', "D"),
    ('"Washington will not accept the purchase of the Russian S-400 system", Pompeo said.', "E"),
]


def _merges(store) -> list[tuple[str, str | None]]:
    rows = store._db.execute(
        "SELECT d.title, s.quote, t.quote, td.title FROM statements s JOIN mentions m ON m.statement_id = s.id "
        "JOIN documents d ON d.id = m.document_id LEFT JOIN statements t ON t.id = s.same_as "
        "LEFT JOIN mentions tm ON tm.statement_id = t.id LEFT JOIN documents td ON td.id = tm.document_id "
        "ORDER BY d.title, m.start").fetchall()
    return [tuple(r) for r in rows]


def test_an_import_merges_as_article_by_article_adding_does(tmp_path):
    # During an import the merge candidates are kept in memory (Store.bulk); the merges must be
    # those the store gives when each article is added on its own.
    from s400tracker.store import Store
    from tests.helpers import ACTORS

    results = []
    for bulk in (False, True):
        with Store.open(tmp_path / f"{bulk}.db", actors=ACTORS) as store:
            if bulk:
                with store.bulk(grouped=True):
                    for text, title in ARTICLES:
                        _add(store, text, title=title)
            else:
                for text, title in ARTICLES:
                    _add(store, text, title=title)
            results.append(_merges(store))
    assert results[0] == results[1]
    merged = {(title, target) for title, _, _, target in results[1] if target}
    assert merged == {("C", "A"), ("E", "D")}
