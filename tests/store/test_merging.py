"""One statement reported by several outlets is one statement with several sources."""

import datetime as dt
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert sorted(s.title for s in statements[0].sources) == ["First", "Second"]
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
    found = store.statements(StatementFilter(text="arrogance"))
    assert len(found) == 1 and len(found[0].sources) == 2
    assert "arrogance" not in found[0].quote, "the fuller wording is shown, the other still found"


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
    rows = store.connection.db.execute(
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
    merged = {frozenset((title, target)) for title, _, _, target in results[1] if target}
    assert merged == {frozenset("AC"), frozenset("DE")}


# -- order independence ------------------------------------------------------------------------
# Articles reporting one speaker's statement of the 15th, published on different days. Wordings
# X and Z share too few words to be one statement; Y shares enough with each. So the grouping
# depends on which report is the earliest: Z (the 13th) heads {Z, Y}; X stays alone.
D = dt.date
REPORTS = [
    ("X", '"Sanctions violate sovereignty and undermine partnership", Akar said.', D(2020, 12, 15)),
    ("Y", '"Sanctions violate sovereignty, undermine partnership, dialogue and the alliance", Akar said.',
     D(2020, 12, 16)),
    ("Z", '"They undermine partnership, sovereignty, dialogue, alliance and negotiations", Akar said.',
     D(2020, 12, 13)),
    # Near-identical reports published on one day: the article's hash orders them.
    ("V", '"We will answer the measures in kind", Pompeo said.', D(2020, 12, 15)),
    ("W", '"We will answer these measures in kind", Pompeo said. '
          '"We will answer the measures in kind, firmly", Pompeo said.', D(2020, 12, 15)),
    ("U", '"We will answer all of the measures in kind", Pompeo said.', D(2020, 12, 14)),
]
on_the_15th = quote_finder({"Akar": "akar", "Pompeo": "us"}, date=D15)


def _import(store, titles):
    for title in titles:
        text, published = next((t, p) for n, t, p in REPORTS if n == title)
        doc = make_document(text, published, title=title, path=f"{title}.txt")
        store.add_document(doc, on_the_15th(text, published, None))


def _groups(store) -> set[tuple[str, frozenset]]:
    """(head's article, the articles of its group) per visible statement; checks on the way that
    every stored report is visible and that no merge points at a merged report."""
    (chained,) = store.connection.db.execute(
        "SELECT count(*) FROM statements s JOIN statements h ON h.id = s.same_as "
        "WHERE h.same_as IS NOT NULL").fetchone()
    assert chained == 0, "a merge points at a merged report"
    shown = store.statements(StatementFilter())
    titles = {s.id: s.sources[0].title for s in shown}
    groups = {(titles[s.id], frozenset(src.title for src in s.sources)) for s in shown}
    (stored,) = store.connection.db.execute("SELECT count(*) FROM mentions").fetchone()
    assert sum(len(s.sources) for s in shown) == stored, "a report vanished from the views"
    return groups


def _reference(tmp_path):
    from s400tracker.store import Store
    from tests.helpers import ACTORS

    with Store.open(tmp_path / "clean.db", actors=ACTORS) as store:
        _import(store, sorted(t for t, _, _ in REPORTS))
        return _groups(store)


def test_the_earliest_report_heads_its_group_whatever_the_import_order(tmp_path):
    assert _reference(tmp_path) == {("Z", frozenset("ZY")), ("X", frozenset("X")),
                                    ("U", frozenset("UVW"))}


def test_a_second_import_on_a_stored_article_does_not_chain_merges(tmp_path):
    # The minimal case: `import a`, then `import b c`, b published before a.
    from s400tracker.store import Store
    from tests.helpers import ACTORS

    wording = '"The purchase of the system is our sovereign decision{}", Akar said.'
    with Store.open(tmp_path / "t.db", actors=ACTORS) as store:
        for batch in (["a"], ["b", "c"]):
            with store.bulk():
                for title in batch:
                    text = wording.format({"a": "", "b": " alone", "c": " and ours"}[title])
                    published = {"a": D(2020, 12, 15), "b": D(2020, 12, 14), "c": D(2020, 12, 16)}[title]
                    doc = make_document(text, published, title=title, path=f"{title}.txt")
                    store.add_document(doc, on_the_15th(text, published, None))
        assert _groups(store) == {("b", frozenset("abc"))}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return _reference(tmp_path_factory.mktemp("reference"))


@settings(max_examples=25, deadline=None)
@given(order=st.permutations([t for t, _, _ in REPORTS]), cuts=st.sets(st.integers(1, 5)),
       writers=st.lists(st.booleans(), min_size=6, max_size=6))
def test_any_split_order_or_interleaving_of_imports_gives_the_clean_grouping(
        reference, order, cuts, writers):
    # Two connections, as two processes: one imports in bulk throughout (its memory of the
    # days' reports goes stale whenever the other writes); the other's imports start afresh.
    import tempfile

    from s400tracker.store import Store
    from tests.helpers import ACTORS

    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/t.db"
        with Store.open(path, actors=ACTORS) as bulk, Store.open(path, actors=ACTORS) as other:
            with bulk.bulk():
                bounds = [0, *sorted(cuts), len(order)]
                for i, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
                    _import(bulk if writers[i] else other, order[lo:hi])
            assert _groups(other) == reference


# -- the analyst's work on a report that stops heading its group -------------------------------


def test_a_note_made_on_a_head_stays_visible_when_an_earlier_report_arrives(store):
    _import(store, ["Y"])
    (y,) = store.statements()
    store.annotate(y.id, "Akar's first answer", ["sovereignty"], "reject")
    _import(store, ["Z", "X"])   # Z, published earlier, heads Y's group now
    shown = {s.sources[0].title: s for s in store.statements()}
    assert set(shown) == {"Z", "X"} and [src.title for src in shown["Z"].sources] == ["Z", "Y"]
    z = shown["Z"]
    assert (z.annotation.note, z.tags, z.stance) == ("Akar's first answer", ("sovereignty",), "reject")
    assert store.statements(StatementFilter(text="first answer")) == [z]


def test_notes_of_two_heads_that_join_one_group_are_both_kept(store):
    _import(store, ["W"])   # two wordings in one article: never merged with each other
    first, second = sorted(store.statements(), key=lambda s: s.sources[0].start)
    store.annotate(first.id, "a note", ["a"], "reject")
    store.annotate(second.id, "another note", ["b"], "condemn")
    _import(store, ["U"])   # an earlier article, with the same wording as both
    (head,) = store.statements()
    assert head.sources[0].title == "U" and len(head.sources) == 3
    assert (head.annotation.note, head.tags, head.stance) == \
        ("a note\n\nanother note", ("a", "b"), "reject")


def _chained_store(path):
    """A store of schema 3 holding what the old merging made of `import Y`, then `import X Z`:
    X merged into Y, then Z into X, a chain no view follows; X and Z annotated."""
    from s400tracker.store import Store
    from tests.helpers import ACTORS

    with Store.open(path, actors=ACTORS) as store:
        _import(store, ["X", "Y", "Z"])
        ids = dict(store.connection.db.execute(
            "SELECT d.title, s.id FROM statements s JOIN mentions m ON m.statement_id = s.id "
            "JOIN documents d ON d.id = m.document_id").fetchall())
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE statements SET same_as = NULL")
        conn.execute("UPDATE statements SET same_as = ? WHERE id = ?", [ids["Y"], ids["X"]])
        conn.execute("UPDATE statements SET same_as = ? WHERE id = ?", [ids["X"], ids["Z"]])
        for title, note in (("X", "on X"), ("Z", "on Z")):
            conn.execute("INSERT INTO annotations (statement_id, note, created_at, updated_at) "
                         "VALUES (?, ?, '2020-12-20', '2020-12-20')", [ids[title], note])
        conn.execute("ALTER TABLE statements DROP COLUMN shown_quote")
        conn.execute("PRAGMA user_version = 3")
    conn.close()
    return ids


def test_opening_a_store_with_chained_merges_repairs_them_and_keeps_their_notes(tmp_path):
    from s400tracker.store import Store
    from tests.helpers import ACTORS

    path = tmp_path / "t.db"
    ids = _chained_store(path)
    with Store.open(path, actors=ACTORS) as store:
        assert store.backup_made is not None and store.backup_made.exists()
        assert _groups(store) == {("Z", frozenset("ZY")), ("X", frozenset("X"))}
        notes = {s.sources[0].title: s.annotation.note for s in store.statements()}
        assert notes == {"X": "on X", "Z": "on Z"}
        assert store.statement(ids["Z"]).quote == REPORTS[1][1].split('"')[1], \
            "the group shows its fullest wording, Y's"


# -- the wording a merged statement shows --------------------------------------------------------

WORDINGS = [
    # (wordings of one statement by three outlets as (kind, quote)), the one shown
    ([("partial", "stands ready to address this issue"),
      ("direct", "Turkey stands ready to address this issue through dialogue and diplomacy"),
      ("partial", "stands ready to address this issue through dialogue and diplomacy in alliance")],
     "Turkey stands ready to address this issue through dialogue and diplomacy"),
    ([("partial", "take the necessary steps against this decision"),
      ("partial", "take the necessary steps against this decision, which will hurt relations"),
      ("indirect", "Ankara would take the necessary steps against this decision which will hurt relations badly")],
     "take the necessary steps against this decision, which will hurt relations"),
    ([("indirect", "the sanctions are unjust and unlawful measures"),
      ("indirect", "the sanctions are unjust and unlawful measures against an ally"),
      ("indirect", "sanctions are unjust, unlawful measures")],
     "the sanctions are unjust and unlawful measures against an ally"),
]


@pytest.mark.parametrize("wordings,shown", WORDINGS, ids=["direct", "partial", "longest"])
def test_a_merged_statement_shows_its_fullest_wording(store, wordings, shown):
    from s400tracker.core.model import Found

    for n, (kind, quote) in enumerate(wordings):
        text = f"Outlet {n} reports: {quote}."
        start = text.index(quote)
        found = Found(start=start, end=start + len(quote), quote=quote, kind=kind,
                      speaker="the ministry", speaker_start=None, speaker_end=None, actor="akar",
                      date=D15, date_basis="publication", context_start=0, context_end=len(text))
        store.add_document(make_document(text, D15, title=f"Outlet {n}", path=f"{n}.txt"), [found])
    (statement,) = store.statements()
    assert statement.quote == shown
    assert [c.first_quote for c in store.matrix_cells()] == [shown]
    assert store.dated_quotes() == [("akar", D15.isoformat(), shown)]
    split = store.split_merged(statement.id)
    assert sorted(s.quote for s in store.statements()) == sorted(q for _, q in wordings)
    store.rejoin_merged(statement.id, split)
    assert store.statement(statement.id).quote == shown


# -- the grouping itself -------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(reports=st.lists(st.tuples(st.integers(0, 20), st.integers(0, 3),
                                  st.sets(st.sampled_from("abcdefg"), min_size=3, max_size=6)),
                        min_size=1, max_size=14),
       data=st.data())
def test_inserting_reports_one_by_one_groups_them_as_grouping_them_at_once(reports, data):
    # Wordings from a few words: many overlap, some not transitively; articles (docs) shared by
    # some reports, which then never merge with each other.
    from s400tracker.store.merging import Day, Report

    def made():
        return {f"r{i}": Report(key=(f"{key:02d}", f"r{i}"), id=f"r{i}", words=frozenset(words),
                                docs=frozenset([doc]), same_as=None, fixed=False, quote="",
                                fullness=(0, 0), shown=None)
                for i, (key, doc, words) in enumerate(reports)}

    at_once = Day(made())
    at_once.regroup()
    one_by_one = Day({})
    for r in data.draw(st.permutations(list(made().values()))):
        one_by_one.insert(r)
    assert {r.id: r.same_as for r in one_by_one.order} == {r.id: r.same_as for r in at_once.order}
    heads = {r.id for r in at_once.order if r.same_as is None}
    assert all(r.same_as in heads for r in at_once.order if r.same_as is not None)


def test_an_article_rolled_back_in_an_import_leaves_nothing_to_merge_into(tmp_path, monkeypatch):
    from s400tracker.store import Store, merging
    from tests.helpers import ACTORS

    write = merging._write

    def fails_for_z(conn, day, changes, *args, **kwargs):
        write(conn, day, changes, *args, **kwargs)
        if any(r.key[0] == "2020-12-13" for r in day.order):
            raise OSError("disk full")   # after the grouping was written and remembered

    with Store.open(tmp_path / "t.db", actors=ACTORS) as store, store.bulk(grouped=True):
        _import(store, ["X"])
        monkeypatch.setattr(merging, "_write", fails_for_z)
        with pytest.raises(OSError):
            _import(store, ["Z"])
        monkeypatch.setattr(merging, "_write", write)
        _import(store, ["U", "Y"])   # (U takes the article id Z had)
        store.commit_group()
        assert _groups(store) == {("X", frozenset("XY")), ("U", frozenset("U"))}
