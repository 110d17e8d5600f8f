"""XLSX exports read back: the CSV's rows as typed cells (ids and offsets text, dates dates),
wrapped, with a frozen bold header and an autofilter; Excel's limits kept."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from s400tracker.core.ids import id_as_text, parse_statement_id, statement_id, text_sha256
from s400tracker.core.model import Found
from s400tracker.core.query import StatementFilter
from s400tracker.services import export, export_xlsx
from s400tracker.services.export import CUT_MARKER, EXCEL_CELL_LIMIT, LONG_COLUMNS, CsvOptions
from s400tracker.services.export_xlsx import XlsxExportError
from tests.helpers import make_document

D14, D15, D16 = dt.date(2020, 12, 14), dt.date(2020, 12, 15), dt.date(2020, 12, 16)
LONG_QUOTE = "long " + "sanctions " * 4000          # more than a cell holds
QUOTES = [   # (quote, actor, date, speaker)
    ('=HYPERLINK("http://evil.example","click")', "kalin", D15, None),
    ("one, two\nthree", "kalin", D15, None),
    ("-10 percent", "akar", D14, None),
    ("Çavuşoğlu: «non» — “quoted”", "akar", D16, None),
    ("resolve", "us", D14, None),                  # hidden below
    ("mine", None, D14, "Erdogan"),                # no tracked actor
    (LONG_QUOTE, "us", D16, None),
]


def numeric_looking_text() -> tuple[str, int]:
    """An article whose first statement's id is digits around one 'e' (a number to a
    spreadsheet, as one id in a thousand or so is), and where that statement starts."""
    for n in range(200_000):
        text = f'Report {n}. "We will respond", Akar said.'
        start = text.index("We")
        sid = statement_id(text_sha256(text), start, start + len("We will respond"))
        if re.fullmatch(r"[1-9][0-9]*e[0-9]{1,2}", sid):
            return text, start
    raise AssertionError("no numeric-looking id found")


@pytest.fixture
def filled(store):
    text = " ".join(f'"{q}", {speaker or actor} said.' for q, actor, _, speaker in QUOTES)
    found = []
    for q, actor, day, speaker in QUOTES:
        start = text.index(f'"{q}"') + 1
        found.append(Found(start=start, end=start + len(q), quote=q, kind="direct",
                           speaker=speaker or actor, actor=actor, date=day, date_basis="explicit"))
    store.add_document(make_document(text, title="=cmd|' /C calc'!A0", outlet="@AA"), found)
    odd, start = numeric_looking_text()
    store.add_document(make_document(odd, published=None, path="odd.txt", title="Odd"), [
        Found(start=start, end=start + 15, quote="We will respond", kind="direct", speaker="Akar",
              actor="akar", date=None, date_basis="undated")])
    store.set_hidden(next(s.id for s in store.statements() if s.quote == "resolve"), True)
    kalin = next(s for s in store.statements() if s.quote == "one, two\nthree")
    store.annotate(kalin.id, "first line\n=second line", ["nato"], "threaten")
    return store


def xlsx(store, kind, tmp_path, f=StatementFilter(), **options):
    path = tmp_path / f"{kind}.xlsx"
    getattr(export_xlsx, f"export_{kind}_xlsx")(store, path, f, CsvOptions(**options))
    return path


def sheet(path):
    return openpyxl.load_workbook(path).worksheets[0]


def values(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def csv_rows(store, kind, f=StatementFilter(), **options) -> list[list[str]]:
    buf = io.StringIO(newline="")
    getattr(export, f"export_{kind}")(store, buf, f, CsvOptions(escape_formulas=False, **options))
    return list(csv.reader(io.StringIO(buf.getvalue().removeprefix("\ufeff"), newline="")))


def as_csv_text(value, column: str) -> str:
    """A workbook cell as the CSV writes the same value."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return id_as_text(value) if column == "statement_id" else value


@pytest.mark.parametrize("kind, f, options", [
    ("matrix", StatementFilter(), {}),
    ("matrix", StatementFilter(actors=("kalin",)), {}),
    ("long", StatementFilter(), {}),
    ("long", StatementFilter(), {"include_untracked": True}),
    ("long", StatementFilter(), {"include_hidden": True}),
    ("long", StatementFilter(actors=("akar",)), {"include_untracked": True, "include_hidden": True}),
])
def test_the_workbook_holds_the_csvs_rows_and_columns(filled, tmp_path, kind, f, options):
    table = values(sheet(xlsx(filled, kind, tmp_path, f, **options)))
    expected = csv_rows(filled, kind, f, **options)
    header = [as_csv_text(v, "") for v in table[0]]
    assert header == expected[0]
    assert [[as_csv_text(v, c) for v, c in zip(row, header)] for row in table[1:]] == expected[1:]
    assert len(table) > 1


# Per long column: what a read-back cell is when it is not empty.
LONG_TYPES = {
    "statement_id": str, "actor": str, "date": dt.datetime, "quote": str, "kind": str,
    "speaker": str, "source": str, "note": str, "tags": str, "stance": str, "date_basis": str,
    "stance_source": str, "outlet": str, "published": dt.datetime, "document": str,
    "start": str, "end": str, "hidden": str, "origin": str, "wordings": str,
}
WRAPPED = {"quote", "source", "note", "wordings"}


def test_long_columns_have_their_type_and_layout(filled, tmp_path):
    ws = sheet(xlsx(filled, "long", tmp_path, include_untracked=True, include_hidden=True))
    for col, column in enumerate(LONG_COLUMNS, start=1):
        cells = [ws.cell(row, col) for row in range(2, ws.max_row + 1)]
        assert any(c.value is not None for c in cells), column
        for c in cells:
            if c.value is None:
                continue
            assert type(c.value) is LONG_TYPES[column], (column, c.value)
            assert c.data_type in ("s", "d"), f"{column}: text or a date, never a number or formula"
            if LONG_TYPES[column] is dt.datetime:
                assert c.number_format == "yyyy-mm-dd", column
            assert bool(c.alignment.wrap_text) == (column in WRAPPED), column


def test_ids_offsets_and_a_numeric_looking_id_stay_text(filled, tmp_path):
    ws = sheet(xlsx(filled, "long", tmp_path))
    rows = [dict(zip(LONG_COLUMNS, r)) for r in values(ws)[1:]]
    odd = next(r for r in rows if r["quote"] == "We will respond")
    assert re.fullmatch(r"[1-9][0-9]*e[0-9]{1,2}", odd["statement_id"])
    assert {r["statement_id"] for r in rows} == {s.id for s in filled.statements()
                                                  if not s.hidden and s.actor}
    assert all(r["start"].isdigit() and r["end"].isdigit() for r in rows)
    assert (odd["date"], odd["published"]) == (None, None)   # undated: empty, not 1900-01-00


def test_the_csv_writes_every_id_so_no_spreadsheet_reads_a_number_and_the_cli_reads_it_back(filled):
    table = csv_rows(filled, "long")
    ids = [r[0] for r in table[1:]]
    stored = {s.id for s in filled.statements() if not s.hidden and s.actor}
    assert {parse_statement_id(i) for i in ids} == stored
    for i in ids:
        with pytest.raises(ValueError):
            float(i)                      # as a spreadsheet would try: never a number
    assert any(re.fullmatch(r"[0-9]+e[0-9]+", parse_statement_id(i)) for i in ids)


@pytest.mark.parametrize("kind, frozen, header", [
    ("matrix", "B2", ["actor", dt.datetime(2020, 12, 14), dt.datetime(2020, 12, 15),
                      dt.datetime(2020, 12, 16)]),
    ("long", "A2", list(LONG_COLUMNS)),
])
def test_the_header_is_bold_frozen_and_filters_every_row(filled, tmp_path, kind, frozen, header):
    ws = sheet(xlsx(filled, kind, tmp_path))
    assert [c.value for c in ws[1]] == header
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == frozen
    assert ws.auto_filter.ref == f"A1:{ws.cell(ws.max_row, ws.max_column).column_letter}{ws.max_row}"
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert all(8 <= w <= export_xlsx.MAX_WIDTH + 1 for w in widths), widths
    if kind == "long":
        assert widths[LONG_COLUMNS.index("statement_id")] >= 16     # a whole id shows


def test_a_matrix_cell_holds_the_days_quotes_one_per_line_wrapped(filled, tmp_path):
    ws = sheet(xlsx(filled, "matrix", tmp_path))
    kalin = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "Kalın")
    cell = kalin[2]   # 15 December
    assert cell.value == '=HYPERLINK("http://evil.example","click")\none, two\nthree'
    assert cell.alignment.wrap_text and cell.data_type == "s"


@pytest.mark.parametrize("kind", ["matrix", "long"])
def test_formula_looking_cells_are_written_as_text_never_formulas(filled, tmp_path, kind):
    path = xlsx(filled, kind, tmp_path, include_untracked=True)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
    found = [c for row in values(sheet(path)) for c in row if isinstance(c, str)]
    assert any(c.startswith('=HYPERLINK("http://evil.example","click")') for c in found)
    assert not any(c.startswith("'") for c in found), "no apostrophe: a string cell is never run"
    if kind == "long":
        assert "-10 percent" in found and "=cmd|' /C calc'!A0" in found and "@AA" in found


@pytest.mark.parametrize("kind", ["matrix", "long"])
def test_cells_longer_than_excel_allows_are_cut_visibly(filled, tmp_path, kind):
    cells = [c for row in values(sheet(xlsx(filled, kind, tmp_path))) for c in row
             if isinstance(c, str)]
    longest = max(cells, key=len)
    assert len(longest) == EXCEL_CELL_LIMIT and longest.endswith(CUT_MARKER)
    assert longest.startswith("long sanctions")


@pytest.mark.parametrize("room", [0, 1])   # rows a sheet holds beyond the header and statements
def test_more_rows_than_a_sheet_holds_are_refused_and_the_old_file_kept(filled, tmp_path,
                                                                        monkeypatch, room):
    statements = len(csv_rows(filled, "long")) - 1
    target = tmp_path / "long.xlsx"
    target.write_bytes(b"an earlier export")
    monkeypatch.setattr(export_xlsx, "MAX_ROWS", statements + room)
    if room:
        export_xlsx.export_long_xlsx(filled, target)
        assert sheet(target).max_row == statements + 1
        return
    with pytest.raises(XlsxExportError,
                       match=rf"^{statements} rows do not fit in one XLSX sheet.*: export CSV"):
        export_xlsx.export_long_xlsx(filled, target)
    assert target.read_bytes() == b"an earlier export"
    assert [p.name for p in tmp_path.iterdir()] == ["long.xlsx"]   # no temporary file left


def test_a_matrix_of_more_days_than_a_sheet_has_columns_is_refused(filled, tmp_path,
                                                                   monkeypatch):
    days = len(csv_rows(filled, "matrix")[0]) - 1
    monkeypatch.setattr(export_xlsx, "MAX_COLUMNS", days)   # the actor's column is one more
    with pytest.raises(XlsxExportError, match=rf"^{days} days do not fit in one XLSX sheet"):
        export_xlsx.export_matrix_xlsx(filled, tmp_path / "m.xlsx")
    assert not (tmp_path / "m.xlsx").exists()


def test_a_workbook_is_never_written_to_standard_output(filled):
    with pytest.raises(XlsxExportError, match="-o FILE.xlsx"):
        export_xlsx.export_matrix_xlsx(filled, "-")


def test_launching_and_csv_exports_do_not_load_xlsxwriter(filled, tmp_path):
    code = (
        "import sys, io\n"
        "from s400tracker import cli\n"
        "from s400tracker.services.tracker import Tracker\n"
        f"with Tracker.open({str(tmp_path / 'store.db')!r}, create=True) as t:\n"
        "    t.export_matrix(io.StringIO()); t.export_long(io.StringIO())\n"
        "print('xlsxwriter' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
