"""Exports read back as a spreadsheet would: every cell as written, hostile ones included.
Through Python's csv module always; through LibreOffice when it is installed (skipped otherwise;
.ci/run installs it): the CSV and the XLSX, ids that look like numbers, dates, lines, accents."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from s400tracker.core.model import Found
from s400tracker.services import export
from s400tracker.services.export import CUT_MARKER, EXCEL_CELL_LIMIT, LONG_COLUMNS, CsvOptions
from tests.helpers import make_document
from tests.services.test_export_xlsx import numeric_looking_text

QUOTES = [
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+90 212 555 0000",
    "-1 percent",
    "@SUM(A1:A9)",
    "\tindented",
    "Çavuşoğlu: «non» — 🇹🇷 “quoted” ‘again’",
    "one, two\nthree \"four\"",
    "long " + "sanctions " * 4000,        # 40,000 characters: more than a cell holds
]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def hostile(store):
    text = " ".join(f'"{q}", Akar said.' for q in QUOTES)
    found = []
    for i, q in enumerate(QUOTES):
        start = text.index(f'"{q}"') + 1
        found.append(Found(start=start, end=start + len(q), quote=q, kind="direct",
                           speaker="Akar", actor="akar", date=dt.date(2020, 12, 14 + i),
                           date_basis="explicit"))
    store.add_document(make_document(text, title="=cmd|' /C calc'!A0", outlet="@AA"), found)
    odd, start = numeric_looking_text()   # its statement's id is digits around one 'e'
    store.add_document(make_document(odd, path="odd.txt", title="Odd"), [
        Found(start=start, end=start + 15, quote="We will respond", kind="direct", speaker="Akar",
              actor="akar", date=dt.date(2020, 12, 30), date_basis="explicit")])
    return store


def odd_id(store) -> str:
    return next(s.id for s in store.statements() if s.quote == "We will respond")


def exported(store, kind: str, options: CsvOptions) -> bytes:
    buf = io.StringIO(newline="")
    getattr(export, f"export_{kind}")(store, buf, options=options)
    return buf.getvalue().encode("utf-8")


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def expected_quote(q: str) -> str:
    q = "'" + q if q.startswith(("=", "+", "-", "@", "\t")) else q
    return q if len(q) <= EXCEL_CELL_LIMIT else q[: EXCEL_CELL_LIMIT - len(CUT_MARKER)] + CUT_MARKER


@pytest.mark.parametrize("kind", ["long", "matrix"])
def test_round_trip_through_the_csv_module(hostile, kind):
    data = exported(hostile, kind, CsvOptions())
    assert data.startswith(b"\xef\xbb\xbf")
    table = cells(data)
    found = [c for row in table[1:] for c in row]
    for q in QUOTES:
        assert expected_quote(q) in found
    assert all(not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in found)
    assert all(len(c) <= EXCEL_CELL_LIMIT for c in found)
    if kind == "long":
        row = dict(zip(table[0], table[1]))
        assert (row["source"], row["outlet"]) == ("'=cmd|' /C calc'!A0", "'@AA")


def test_options_write_raw_cells_and_no_bom(hostile):
    data = exported(hostile, "long", CsvOptions(bom=False, escape_formulas=False))
    assert not data.startswith(b"\xef\xbb\xbf")
    quotes = [dict(zip(cells(data)[0], r))["quote"] for r in cells(data)[1:]]
    assert QUOTES[0] in quotes and "@SUM(A1:A9)" in quotes


CSV_FILTER = "44,34,76,1"   # comma, double quote, UTF-8, from line 1


def libreoffice_converts(files: list[Path], tmp_path: Path, to: str) -> Path:
    """Open each file in LibreOffice Calc (a CSV as UTF-8, comma, double quote, its default
    guessing of types, as a double click does) and save it as `to`: "csv" or "xlsx"."""
    out = tmp_path / f"lo-{to}"
    profile = (tmp_path / "lo-profile").as_uri()
    target = f"csv:Text - txt - csv (StarCalc):{CSV_FILTER}" if to == "csv" else "xlsx:Calc MS Excel 2007 XML"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", f"--infilter=CSV:{CSV_FILTER}",
         "--convert-to", target, "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=90,
    )
    return out


def libreoffice_reads(files: list[Path], tmp_path: Path) -> dict[str, list[list[str]]]:
    """Open each file in LibreOffice Calc and save it again as CSV: what Calc shows."""
    out = libreoffice_converts(files, tmp_path, "csv")
    return {f.name: cells((out / f"{f.stem}.csv").read_bytes()) for f in files}


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_round_trip_through_libreoffice_runs_no_formula(hostile, tmp_path):
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    safe.write_bytes(exported(hostile, "long", CsvOptions()))
    raw.write_bytes(exported(hostile, "long", CsvOptions(escape_formulas=False)))
    read = libreoffice_reads([safe, raw], tmp_path)
    # Escaped, Calc shows every cell exactly as exported: text, never a computed value.
    assert read["safe.csv"] == cells(safe.read_bytes())
    # The contrast that shows the escaping matters: unescaped, Calc runs the formula.
    raw_quotes = [dict(zip(read["raw.csv"][0], r))["quote"] for r in read["raw.csv"][1:]]
    assert QUOTES[0] not in raw_quotes and "click" in raw_quotes


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_keeps_every_csv_id_as_text_and_reads_dates_as_dates(hostile, tmp_path):
    import openpyxl

    exported_csv = tmp_path / "long.csv"
    exported_csv.write_bytes(exported(hostile, "long", CsvOptions()))
    # The contrast: the same CSV with bare ids, as it was written before.
    bare = tmp_path / "bare.csv"
    data = exported_csv.read_bytes()
    bare.write_bytes(data.replace(f"\ns{odd_id(hostile)},".encode(), f"\n{odd_id(hostile)},".encode()))
    assert bare.read_bytes() != data
    out = libreoffice_converts([exported_csv, bare], tmp_path, "xlsx")
    sheets = {name: openpyxl.load_workbook(out / f"{name}.xlsx").worksheets[0]
              for name in ("long", "bare")}
    rows = [dict(zip(LONG_COLUMNS, [c.value for c in r])) for r in sheets["long"].iter_rows(min_row=2)]
    assert len(rows) == len(QUOTES) + 1
    assert all(isinstance(r["statement_id"], str) for r in rows)
    assert {r["statement_id"] for r in rows} == {f"s{s.id}" for s in hostile.statements()}
    assert {r["date"] for r in rows} >= {dt.datetime(2020, 12, 14), dt.datetime(2020, 12, 30)}
    assert "one, two\nthree \"four\"" in [r["quote"] for r in rows]
    assert QUOTES[5] in [r["quote"] for r in rows]   # accents, guillemets, a flag
    bare_ids = [r[0].value for r in sheets["bare"].iter_rows(min_row=2)]
    assert odd_id(hostile) not in bare_ids and any(isinstance(i, (int, float)) for i in bare_ids)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_workbook_as_written(hostile, tmp_path):
    from s400tracker.services import export_xlsx

    workbook = tmp_path / "long.xlsx"
    export_xlsx.export_long_xlsx(hostile, workbook)
    shown = libreoffice_reads([workbook], tmp_path)["long.xlsx"]
    expected = cells(exported(hostile, "long", CsvOptions(escape_formulas=False)))
    expected = [[c.removeprefix("s") if i == 0 and n else c for i, c in enumerate(row)]
                for n, row in enumerate(expected)]
    assert shown == expected   # ids (the odd one too), dates as yyyy-mm-dd, lines, accents, no formula run
    assert odd_id(hostile) in [r[0] for r in shown]
