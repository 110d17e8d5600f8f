"""CSV exports as they open in Excel and in other tools."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from s400tracker.core.model import Found
from s400tracker.core.query import StatementFilter
from s400tracker.services import export
from s400tracker.services.export import LONG_COLUMNS, CsvOptions, safe_cell
from tests.helpers import make_document

D14, D15 = dt.date(2020, 12, 14), dt.date(2020, 12, 15)
TEXT = ('Kalın said "=HYPERLINK(\\"http://x\\")". Kalın said "one, two\nthree". '
        'Akar said "-10 percent". Pompeo said "resolve". Erdogan said "mine".')


def found(quote, actor, date, speaker=None):
    start = TEXT.index(quote)
    return Found(start=start, end=start + len(quote), quote=quote, kind="direct",
                 speaker=speaker or actor, actor=actor, date=date, date_basis="explicit")


@pytest.fixture
def filled(store):
    store.add_document(make_document(TEXT, title="Sanctions", outlet="AA"), [
        found('=HYPERLINK(\\"http://x\\")', "kalin", D15),
        found("one, two\nthree", "kalin", D15),
        found("-10 percent", "akar", D14),
        found("resolve", "us", D14),
        found("mine", None, D14, speaker="Erdogan"),
    ])
    hidden = next(s for s in store.statements() if s.quote == "resolve")
    store.set_hidden(hidden.id, True)
    return store


def exported(store, kind, **options) -> str:
    buf = io.StringIO(newline="")
    getattr(export, f"export_{kind}")(store, buf, StatementFilter(), CsvOptions(**options))
    return buf.getvalue()


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_matrix_has_actor_then_iso_days_and_one_row_per_actor(filled):
    out = exported(filled, "matrix")
    assert out.startswith("\ufeffactor,2020-12-14,2020-12-15\r\n")
    table = rows(out)
    assert [r[0] for r in table] == ["actor", "US State Dept", "Akar", "Kalın"]
    kalin = table[3]
    assert kalin[2] == "'=HYPERLINK(\\\"http://x\\\")\none, two\nthree"
    assert table[1][1:] == ["", ""]                 # the hidden statement is left out
    assert table[2][1] == "'-10 percent"


def test_long_lists_tracked_visible_statements_with_the_documented_columns(filled):
    table = rows(exported(filled, "long"))
    assert tuple(table[0][:10]) == ("statement_id", "actor", "date", "quote", "kind", "speaker",
                                    "source", "note", "tags", "stance")
    assert tuple(table[0]) == LONG_COLUMNS
    body = [dict(zip(table[0], r)) for r in table[1:]]
    assert [(r["actor"], r["date"]) for r in body] == [
        ("Akar", "2020-12-14"), ("Kalın", "2020-12-15"), ("Kalın", "2020-12-15")]
    assert {r["source"] for r in body} == {"Sanctions"}


def test_long_includes_untracked_speakers_on_request(filled):
    body = rows(exported(filled, "long", include_untracked=True))[1:]
    assert ["", "mine", "Erdogan"] in [[r[1], r[3], r[5]] for r in body]


def test_long_carries_the_annotation(filled):
    st = next(s for s in filled.statements() if s.quote == "-10 percent")
    filled.annotate(st.id, "@mention this", ["economy", "nato"], "threaten")
    body = [dict(zip(LONG_COLUMNS, r)) for r in rows(exported(filled, "long"))[1:]]
    akar = next(r for r in body if r["actor"] == "Akar")
    assert (akar["note"], akar["tags"], akar["stance"]) == ("'@mention this", "economy; nato",
                                                           "threaten")


def test_options_turn_off_the_bom_and_the_formula_escaping(filled):
    out = exported(filled, "long", bom=False, escape_formulas=False)
    assert out.startswith("statement_id,")
    assert "-10 percent" in [r[3] for r in rows(out)]


def test_round_trip_through_the_csv_module_keeps_every_quote(filled):
    out = exported(filled, "long", escape_formulas=False)
    quotes = {r[3] for r in rows(out)[1:]}
    assert quotes == {'=HYPERLINK(\\"http://x\\")', "one, two\nthree", "-10 percent"}
    assert out.count("\r\n") == 4  # rows end in CRLF; the newline inside a quote stays \n


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), ("a=b", "a=b"), ("", ""), (None, ""),
])
def test_cells_excel_would_run_as_formulas_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_cells_longer_than_excel_allows_are_cut_visibly():
    cut = safe_cell("x" * 40_000)
    assert len(cut) == export.EXCEL_CELL_LIMIT and cut.endswith(export.CUT_MARKER)
    assert safe_cell("x" * export.EXCEL_CELL_LIMIT) == "x" * export.EXCEL_CELL_LIMIT
    emoji = safe_cell("\U0001F600" * 20_000)  # two UTF-16 units each, as Excel counts
    assert len(emoji.encode("utf-16-le")) // 2 <= export.EXCEL_CELL_LIMIT


def test_export_to_a_path_writes_utf8_with_bom(filled, tmp_path):
    path = tmp_path / "out.csv"
    export.export_long(filled, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfstatement_id") and b"\r\n" in data
    assert "Kalın" in data.decode("utf-8-sig")


def test_the_fast_long_export_writes_what_the_statements_say(store):
    """export_long (one query, rows) gives the bytes write_long gives from Statement objects:
    merged reports' titles in `source`, the first source's columns, untracked and hidden ones."""
    from tests.helpers import quote_finder

    find = quote_finder({"Akar": "akar", "Pompeo": "us", "Kalın": "kalin"})
    day = dt.date(2020, 12, 15)
    texts = [
        ('"The sanctions show arrogance towards international law", Akar said. '
         '"=1+1 is no policy", Pompeo said.', "First | with a bar", day),
        # Published a day later, reporting the statement of `day`: the group's second report.
        ('"These sanctions show an arrogant attitude towards international law", Akar said.',
         "@Second", day + dt.timedelta(days=1)),
        ('"The sanctions show an arrogance towards the international law", Akar said. '
         '"Talks go on", Erdogan said.', "Third", None),
        ('"-We will respond in kind", Kalın said.', "Fourth", day),
    ]
    for text, title, published in texts:
        doc = make_document(text, published, title=title, path=f"{title}.txt", outlet="=AA")
        store.add_document(doc, find(text, day, None))
    merged = [s for s in store.statements(StatementFilter()) if len(s.sources) > 1]
    assert merged and len(merged[0].sources) == 3, "the store holds merged reports"
    store.annotate(merged[0].id, "+note", ["b", "a"], "condemn")
    store.set_hidden(next(s.id for s in store.statements() if s.actor == "kalin"), True)
    # A statement mentioned by two articles (the same text stored twice): its earlier-published
    # one is its first source. Undated here; the store itself never makes one.
    twice = next(s for s in store.statements() if s.speaker == "Pompeo")
    first = twice.sources[0]
    other_id = store.add_document(make_document("An earlier copy, in other words.", dt.date(2020, 12, 1),
                                                title="Earlier, copy", path="earlier.txt",
                                                outlet="Wire"), [])[0]
    with store.connection.db.conn:
        store.connection.db.execute('INSERT INTO mentions (statement_id, document_id, "start", "end") '
                          "VALUES (?, ?, ?, ?)", [twice.id, other_id, 3, 8])
    assert [s.title for s in store.statement(twice.id).sources] == ["Earlier, copy", first.title]

    for f, options in ((StatementFilter(), CsvOptions()),
                       (StatementFilter(tracked_only=False, include_hidden=True),
                        CsvOptions(escape_formulas=False, include_untracked=True)),
                       (StatementFilter(actors=("akar",)), CsvOptions(bom=False))):
        fast = io.StringIO(newline="")
        export.export_long(store, fast, f, options)
        slow = io.StringIO(newline="")
        flt = f.replace(tracked_only=False) if options.include_untracked else f
        export.write_long(slow, store.actors(), store.statements(flt), options)
        assert fast.getvalue() == slow.getvalue()
    every = io.StringIO(newline="")
    export.export_long(store, every)
    pompeo = next(r for r in rows(every.getvalue())[1:] if r[5] == "Pompeo")
    assert (pompeo[6], pompeo[12], pompeo[16]) == ("Earlier, copy | First | with a bar", "Wire", "8")
    source = [r[6] for r in rows(fast.getvalue())[1:]]
    assert "'@Second" not in source and any(" | @Second" in s for s in source)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from('ab ,"\r\n\t\x00é\u2028;\'=')) | st.text(),
                min_size=1, max_size=6))
def test_rows_are_written_exactly_as_the_csv_module_writes_them(cells):
    expected = io.StringIO(newline="")
    csv.writer(expected).writerow(cells)
    assert export.csv_line(cells) == expected.getvalue()


# Excel reads the full-width forms of = + - @ (as a Japanese or Chinese keyboard types them) as
# the ASCII ones, and runs the cell as a formula.
FULL_WIDTH = ["\uff1d", "\uff0b", "\uff0d", "\uff20"]   # ＝ ＋ － ＠


@pytest.mark.parametrize("prefix", FULL_WIDTH, ids=["U+FF1D", "U+FF0B", "U+FF0D", "U+FF20"])
@pytest.mark.parametrize("kind", ["matrix", "long"])
def test_full_width_formula_starts_are_escaped_like_ascii_ones(store, prefix, kind):
    quote = f"{prefix}HYPERLINK(\"http://x\")"
    text = f'Kalın said "{quote}". Akar said "fine".'
    start = text.index(quote)
    store.add_document(make_document(text), [
        Found(start=start, end=start + len(quote), quote=quote, kind="direct", speaker="Kalın",
              actor="kalin", date=D15, date_basis="explicit")])
    sid = store.statements()[0].id
    store.annotate(sid, note=f"{prefix}1+1", tags=[f"{prefix}tag"])
    cells = [c for r in rows(exported(store, kind)) for c in r]
    assert "'" + quote in cells
    assert quote not in cells
    if kind == "long":
        assert f"'{prefix}1+1" in cells and f"'{prefix}tag" in cells
    kept = [c for r in rows(exported(store, kind, escape_formulas=False)) for c in r]
    assert quote in kept   # --no-escape-formulas keeps them as they are
    assert safe_cell(f"{prefix}x") == f"'{prefix}x" and safe_cell(f"a{prefix}") == f"a{prefix}"


def test_the_long_export_carries_every_outlets_wording_and_shows_the_fullest(store):
    from tests.helpers import quote_finder

    find = quote_finder({"Akar": "akar"}, date=D15)
    reports = [   # (outlet, published, wording)
        ("=Wire", D14, "The sanctions show arrogance towards international law"),
        ("", D15, "These sanctions show an arrogant attitude towards international law and allies"),
        ("Daily", D15, "Sanctions show arrogance to international law"),
    ]
    for n, (outlet, published, wording) in enumerate(reports):
        text = f'"{wording}", Akar said.'
        store.add_document(make_document(text, published, title=f"Report {n}", path=f"{n}.txt",
                                         outlet=outlet), find(text, published, None))
    (row,) = [dict(zip(LONG_COLUMNS, r)) for r in rows(exported(store, "long"))[1:]]
    assert row["quote"] == reports[1][2]
    lines = row["wordings"].split("\n")
    assert lines[0] == "'=Wire: " + reports[0][2], "the first line escaped, as a formula start"
    assert sorted(lines[1:]) == sorted([f"Report 1: {reports[1][2]}", f"Daily: {reports[2][2]}"])
    matrix = rows(exported(store, "matrix"))
    assert [c for r in matrix[1:] for c in r[1:] if c] == [reports[1][2]]


def test_the_seeds_long_export_carries_every_expected_reaction_in_its_outlets_wording(tmp_path):
    from s400tracker.paths import seeds_dir
    from s400tracker.services.tracker import Tracker
    from tests.extract.test_seeds import EXPECTED

    with (seeds_dir() / "articles.csv").open(encoding="utf-8", newline="") as f:
        label = {row["file"][:3]: row["outlet"] or row["title"] for row in csv.DictReader(f)}
    out = tmp_path / "long.csv"
    with Tracker.open(tmp_path / "seeds.db", seed=True) as t:
        names = {a.key: a.name for a in t.store.actors()}
        export.export_long(t.store, out)
    table = [dict(zip(LONG_COLUMNS, r)) for r in rows(out.read_text(encoding="utf-8-sig"))[1:]]
    missing = [
        (prefix, words) for prefix, words, actor, _, day in EXPECTED
        if not any(r["actor"] == names[actor] and r["date"] == day.isoformat()
                   and any(line.startswith(f"{label[prefix]}: ") and words in line
                           for line in r["wordings"].split("\n")) for r in table)
    ]
    assert missing == []
    quotes = {r["quote"] for r in table}
    assert ("Turkey stands ready to address this issue through dialogue and diplomacy in "
            "conformity with the spirit of alliance") in quotes
    assert ("take the necessary steps against this decision, which will inevitably have a "
            "negative impact on our relations.") in quotes
