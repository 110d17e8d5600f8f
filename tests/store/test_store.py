"""The store as the analyst's work depends on it: nothing duplicated, nothing of theirs lost."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from s400tracker.core.ids import statement_id
from s400tracker.core.model import Actor, Found
from s400tracker.core.query import StatementFilter
from s400tracker.store import NotFoundError, Store
from tests.helpers import ACTORS, make_document

D14, D15, D16 = dt.date(2020, 12, 14), dt.date(2020, 12, 15), dt.date(2020, 12, 16)
TEXT = 'Akar said "we will respond". Pompeo said "resolve it now". Kalın said "no turning back".'


def span(text: str, quote: str, actor: str | None, date=D15, stance=None, speaker=None) -> Found:
    start = text.index(quote)
    return Found(start=start, end=start + len(quote), quote=quote, kind="direct",
                 speaker=speaker or actor, actor=actor, date=date,
                 date_basis="explicit" if date else "undated", stance=stance)


def seed(store: Store, text: str = TEXT, found=None, **doc) -> int:
    found = found if found is not None else [
        span(text, "we will respond", "akar", D15, "threaten"),
        span(text, "resolve it now", "us", D14, "demand"),
        span(text, "no turning back", "kalin", D16, "reject"),
    ]
    doc_id, added = store.add_document(make_document(text, **doc), found)
    assert added
    return doc_id


def by_quote(store: Store, quote: str, **filters):
    f = StatementFilter(include_hidden=True, tracked_only=False, **filters)
    return next(s for s in store.statements(f) if s.quote == quote)


def test_importing_the_same_article_twice_adds_nothing(store):
    doc_id = seed(store)
    again_id, added = store.add_document(make_document(TEXT, path="copy.txt"),
                                         [span(TEXT, "we will respond", "akar")])
    assert (again_id, added) == (doc_id, False)
    assert store.document_count() == 1
    assert store.statement_count() == 3


def test_statement_ids_are_the_same_in_any_store():
    ids = []
    for _ in range(2):
        with Store.open(":memory:", ACTORS) as s:
            seed(s)
            ids.append(sorted(st.id for st in s.statements()))
    assert ids[0] == ids[1]
    doc = make_document(TEXT)
    start = TEXT.index("we will respond")
    assert statement_id(doc.sha256, start, start + len("we will respond")) in ids[0]


def test_reextraction_keeps_annotations_and_corrections(store):
    text = ('Akar said "one". Akar said "two". Akar said "three". Akar said "four". '
            'Akar said "five".')
    doc_id = seed(store, text, [span(text, q, "akar") for q in ("one", "two", "three", "four")])
    one, two, three, four = (by_quote(store, q) for q in ("one", "two", "three", "four"))
    store.annotate(one.id, "key statement", ["nato"], "reject", "ana")
    store.correct(two.id, actor="kalin", date=D14)
    store.set_hidden(three.id, True)
    # The improved extractor: "one" now reads as Kalın's and dated the 16th, "two" and "three"
    # and "four" are no longer found, "five" is new.
    change = store.replace_extraction(doc_id, [
        span(text, "one", "kalin", D16, "comment"),
        span(text, "five", "akar"),
    ])
    assert (change.added, change.updated, change.removed, change.kept) == (1, 1, 1, 2)
    one_after = store.statement(one.id)
    assert one_after.actor == "kalin" and one_after.date == D16       # extraction refreshed
    assert one_after.annotation.note == "key statement"                # annotation kept
    assert one_after.stance == "reject" and not one_after.stance_suggested
    two_after = store.statement(two.id)
    assert (two_after.actor, two_after.date, two_after.stale) == ("kalin", D14, True)
    assert store.statement(three.id).hidden
    with pytest.raises(NotFoundError):
        store.statement(four.id)                                       # nothing of the analyst's
    assert {s.quote for s in store.statements()} == {"one", "two", "five"}


def test_corrections_win_over_a_reextraction_that_changes_the_same_fields(store):
    doc_id = seed(store)
    st = by_quote(store, "we will respond")
    store.correct(st.id, actor="us", date=D16)
    store.replace_extraction(doc_id, [span(TEXT, "we will respond", "kalin", D14)])
    after = store.statement(st.id)
    assert (after.actor, after.date, after.date_basis) == ("us", D16, "analyst")
    store.correct(st.id, actor=None, date=None)  # undo: back to what extraction says
    after = store.statement(st.id)
    assert (after.actor, after.date) == ("kalin", D14)


def test_a_failing_article_leaves_nothing_behind(store):
    bad = Found(start=0, end=4, quote=None, kind="direct")  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.add_document(make_document(TEXT), [span(TEXT, "we will respond", "akar"), bad])
    assert store.document_count() == 0
    assert store.statement_count(StatementFilter(tracked_only=False, include_hidden=True)) == 0


def test_matrix_cells_count_first_quote_annotation_and_stance(store):
    text = 'Akar said "first". Akar said "second". Akar said "third". Pompeo said "other day".'
    seed(store, text, [
        span(text, "first", "akar", D15, "threaten"),
        span(text, "second", "akar", D15, "reject"),
        span(text, "third", "akar", D15, "reject"),
        span(text, "other day", "us", D14, "demand"),
    ])
    cells = {(c.actor, c.date): c for c in store.matrix_cells()}
    akar = cells[("akar", D15)]
    assert (akar.count, akar.first_quote, akar.annotated, akar.stance) == (3, "first", False, "reject")
    assert cells[("us", D14)].count == 1
    # The analyst's stance counts instead of the suggestion.
    store.annotate(by_quote(store, "second").id, stance="threaten")
    akar = {(c.actor, c.date): c for c in store.matrix_cells()}[("akar", D15)]
    assert (akar.annotated, akar.stance) == (True, "threaten")


def test_hidden_statements_leave_the_matrix_unless_asked_for(store):
    seed(store)
    store.set_hidden(by_quote(store, "resolve it now").id, True)
    assert ("us", D14) not in {(c.actor, c.date) for c in store.matrix_cells()}
    shown = store.matrix_cells(StatementFilter(include_hidden=True))
    assert ("us", D14) in {(c.actor, c.date) for c in shown}


@pytest.mark.parametrize("f, expected", [
    (StatementFilter(actors=("akar",)), {"we will respond"}),
    (StatementFilter(groups=("Turkey",)), {"we will respond", "no turning back"}),
    (StatementFilter(start=D15, end=D15), {"we will respond"}),
    (StatementFilter(start=D15), {"we will respond", "no turning back"}),
    (StatementFilter(stances=("demand",)), {"resolve it now"}),
    (StatementFilter(text="turning"), {"no turning back"}),
    (StatementFilter(text="turn"), {"no turning back"}),          # prefix, as one types
    (StatementFilter(text="escalation"), {"we will respond"}),    # found in the note
    (StatementFilter(text='"AND (NEAR'), set()),                  # FTS syntax stays inert
    (StatementFilter(tags=("retaliation",)), {"we will respond"}),
    (StatementFilter(annotated_only=True), {"we will respond"}),
])
def test_filters_select_what_the_analyst_asked_for(store, f, expected):
    seed(store)
    store.annotate(by_quote(store, "we will respond").id, "signals escalation", ["retaliation"])
    assert {s.quote for s in store.statements(f)} == expected
    assert sum(c.count for c in store.matrix_cells(f)) == len(expected)


def test_week_and_month_buckets_group_days(store):
    seed(store)  # the 14th is a Monday; the 15th and 16th fall in the same week
    weeks = {(c.actor, c.date): c.count for c in store.matrix_cells(bucket="week")}
    assert weeks == {("us", D14): 1, ("akar", D14): 1, ("kalin", D14): 1}
    months = {c.date for c in store.matrix_cells(bucket="month")}
    assert months == {dt.date(2020, 12, 1)}


def test_statements_carry_their_source_and_sentence(store):
    seed(store, outlet="Reuters", title="Sanctions")
    st = store.statements(StatementFilter(actors=("akar",)))[0]
    (src,) = st.sources
    assert (src.title, src.outlet, src.published) == ("Sanctions", "Reuters", D15)
    assert TEXT[src.start:src.end] == "we will respond"
    assert "we will respond" in src.context


def test_annotation_is_kept_with_its_timestamps_and_can_be_cleared(store):
    seed(store)
    sid = by_quote(store, "we will respond").id
    first = store.annotate(sid, "note", ["a", "a", " b "], "threaten", "ana")
    assert first.tags == ("a", "b") and first.author == "ana" and first.created_at
    second = store.annotate(sid, "better note", ["a"], None, "ben")
    assert second.created_at == first.created_at and second.note == "better note"
    assert store.statement(sid).stance == "threaten" and store.statement(sid).stance_suggested
    assert store.tags() == ["a"]
    assert store.annotate(sid) is None
    assert store.statement(sid).annotation is None


def test_annotating_rejects_unknown_stances_and_statements(store):
    seed(store)
    sid = by_quote(store, "we will respond").id
    with pytest.raises(ValueError, match="stance"):
        store.annotate(sid, stance="furious")
    with pytest.raises(NotFoundError):
        store.annotate("0000000000000000", "note")


def test_analyst_statements_survive_reextraction_and_can_be_deleted(store):
    doc_id = seed(store)
    start = TEXT.index("Pompeo said")
    added = store.add_statement(doc_id, start, start + len("Pompeo said"), "us", D16)
    assert (added.origin, added.quote, added.date_basis) == ("analyst", "Pompeo said", "analyst")
    store.replace_extraction(doc_id, [])
    assert [s.id for s in store.statements()] == [added.id]
    store.delete_statement(added.id)
    assert store.statements() == []
    with pytest.raises(ValueError):
        store.add_statement(doc_id, 5, 10_000, "us")


def test_extracted_statements_cannot_be_deleted_only_hidden(store):
    seed(store)
    with pytest.raises(ValueError, match="hide"):
        store.delete_statement(by_quote(store, "we will respond").id)


def test_untracked_speakers_by_count(store):
    text = 'Erdogan said "a". Erdogan said "b". Zakharova said "c". Akar said "d".'
    seed(store, text, [
        span(text, "a", None, speaker="Erdogan"), span(text, "b", None, speaker="Erdogan"),
        span(text, "c", None, speaker="Zakharova"), span(text, "d", "akar"),
    ])
    assert store.untracked_speakers() == [("Erdogan", 2), ("Zakharova", 1)]


def test_an_actor_unknown_to_the_store_counts_as_untracked(store):
    seed(store, found=[span(TEXT, "we will respond", "nobody-we-track")])
    (st,) = store.statements(StatementFilter(tracked_only=False))
    assert st.actor is None and st.speaker == "nobody-we-track"


def test_added_actors_and_aliases_survive_syncing_with_actors_json(tmp_path):
    path = tmp_path / "t.db"
    with Store.open(path, ACTORS) as s:
        s.add_actor(Actor(key="erdogan", name="Erdoğan", group="Turkey", aliases=("Erdogan",)))
        s.add_alias("akar", "the defence chief")
    renamed = [ACTORS[0], Actor(key="akar", name="Hulusi Akar", group="Turkey", aliases=("Akar",)),
               ACTORS[2]]
    with Store.open(path, renamed) as s:
        actors = {a.key: a for a in s.actors()}
        assert [a.key for a in s.actors()] == ["us", "akar", "kalin", "erdogan"]
    assert actors["akar"].name == "Hulusi Akar"
    assert actors["akar"].aliases == ("Akar", "the defence chief")
    assert actors["erdogan"].name == "Erdoğan"


def test_adding_an_actor_twice_is_refused(store):
    with pytest.raises(ValueError, match="already exists"):
        store.add_actor(Actor(key="akar", name="Akar again", group="Turkey"))


def test_undated_statements_have_their_own_column(store):
    seed(store, found=[span(TEXT, "we will respond", "akar", date=None),
                       span(TEXT, "no turning back", "akar", date=None)], published=None)
    (cell,) = store.matrix_cells()
    assert (cell.date, cell.count, cell.first_quote) == (None, 2, "we will respond")
    assert [s.date_basis for s in store.statements(StatementFilter(undated=True))] == ["undated"] * 2
    assert store.statements(StatementFilter(undated=False)) == []
