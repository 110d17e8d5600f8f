"""Exported CSV read back as a spreadsheet would: every cell as written, hostile ones included.
Through Python's csv module always; through LibreOffice when it is installed (skipped otherwise)."""

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
from s400tracker.services.export import CUT_MARKER, EXCEL_CELL_LIMIT, CsvOptions
from tests.helpers import make_document

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
    return store


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


def libreoffice_reads(files: list[Path], tmp_path: Path) -> dict[str, list[list[str]]]:
    """Open each CSV in LibreOffice Calc (UTF-8, comma, double quote) and save it again as CSV."""
    out = tmp_path / "lo-out"
    profile = (tmp_path / "lo-profile").as_uri()
    csv_filter = "44,34,76,1"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", f"--infilter=CSV:{csv_filter}",
         "--convert-to", f"csv:Text - txt - csv (StarCalc):{csv_filter}", "--outdir", str(out),
         *map(str, files)],
        check=True, capture_output=True, timeout=90,
    )
    return {f.name: cells((out / f.name).read_bytes()) for f in files}


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
