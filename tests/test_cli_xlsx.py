"""`s400tracker export` as XLSX (by --format or by the file's suffix), and statement ids typed
back in either of the forms the exports write."""

from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest

from s400tracker import cli
from s400tracker.core.ids import parse_statement_id
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "t.db"
    assert cli.main(["import", str(articles(tmp_path / "in")), "--db", str(path)]) == 0
    capsys.readouterr()
    return path


@pytest.mark.parametrize("args, name, sheet, columns", [
    ([], "out.xlsx", "matrix", "actor"),
    (["--format", "long"], "Out.XLSX", "statements", "statement_id"),
    (["--format", "xlsx-long"], "out.xlsx", "statements", "statement_id"),
    (["--format", "xlsx-matrix"], "out.xlsx", "matrix", "actor"),
])
def test_export_writes_a_workbook_for_an_xlsx_format_or_file(db, tmp_path, args, name, sheet,
                                                             columns):
    out, same_csv = tmp_path / name, tmp_path / "same.csv"
    assert cli.main(["export", "--db", str(db), *args, "-o", str(out)]) == 0
    kind = "long" if sheet == "statements" else "matrix"
    assert cli.main(["export", "--db", str(db), "--format", kind, "-o", str(same_csv)]) == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws.title == sheet
    header = [c.value.date().isoformat() if isinstance(c.value, dt.datetime) else c.value
              for c in ws[1]]
    assert header[0] == columns
    assert header == same_csv.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "Kalın" in [c.value for row in ws.iter_rows() for c in row]


def test_a_workbook_to_standard_output_is_one_line_and_exit_2(db, capsys):
    assert cli.main(["export", "--db", str(db), "--format", "xlsx-long"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "-o FILE.xlsx" in err


def test_the_csv_and_the_workbook_name_the_same_statements(db, tmp_path, capsys):
    assert cli.main(["export", "--db", str(db), "--format", "long", "-o", str(tmp_path / "l.csv")]) == 0
    assert cli.main(["export", "--db", str(db), "--format", "long", "-o", str(tmp_path / "l.xlsx")]) == 0
    with open(tmp_path / "l.csv", encoding="utf-8-sig", newline="") as f:
        csv_ids = [r["statement_id"] for r in csv.DictReader(f)]
    ws = openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0]
    xlsx_ids = [r[0].value for r in ws.iter_rows(min_row=2)]
    assert [parse_statement_id(i) for i in csv_ids] == xlsx_ids
    assert all(i.startswith("s") for i in csv_ids)


@pytest.mark.parametrize("form", [
    lambda sid: sid,                      # the workbook's, the app's, a bundle's
    lambda sid: "s" + sid,                # the CSV's
    lambda sid: " S" + sid.upper() + " ",   # pasted from a spreadsheet, shouted
])
def test_annotate_takes_an_id_in_any_form_an_export_wrote(db, tmp_path, capsys, form):
    cli.main(["export", "--db", str(db), "--format", "long", "-o", str(tmp_path / "l.xlsx")])
    sid = openpyxl.load_workbook(tmp_path / "l.xlsx").worksheets[0]["A2"].value
    assert cli.main(["annotate", "--db", str(db), "--statement", form(sid), "--note", "seen"]) == 0
    assert capsys.readouterr().out.startswith(f"{sid}: ")
