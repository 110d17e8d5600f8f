"""The File menu's exports: the save dialog offers CSV and XLSX, and the file written is the
one `s400tracker export` writes, with the filters shown applied."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from s400tracker import cli
from s400tracker.gui.export_flow import CSV_FILTER, XLSX_FILTER
from tests.gui.test_finding_again import choose


def workbook_rows(path) -> list[list]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    return [[c.value.date().isoformat() if isinstance(c.value, dt.datetime) else c.value
             for c in row] for row in ws.iter_rows()]


def is_workbook(path) -> bool:
    return zipfile.is_zipfile(path)


@pytest.mark.parametrize("kind, typed, chosen, written, xlsx", [
    ("matrix", "m.xlsx", CSV_FILTER, "m.xlsx", True),     # the name's suffix wins
    ("long", "l", XLSX_FILTER, "l.xlsx", True),           # no suffix: the type chosen, and its suffix
    ("long", "l.csv", XLSX_FILTER, "l.csv", False),
    ("matrix", "m", CSV_FILTER, "m", False),
])
def test_the_save_dialog_offers_xlsx_and_the_file_is_the_clis(qtbot, window, db_path, tmp_path,
                                                               monkeypatch, kind, typed, chosen,
                                                               written, xlsx):
    offered = []

    def dialog(parent, title, default, filters):
        offered.append(filters)
        return str(tmp_path / typed), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    action = window.export_matrix_action if kind == "matrix" else window.export_long_action
    action.trigger()
    assert XLSX_FILTER in offered[0].split(";;") and CSV_FILTER in offered[0].split(";;")
    out = tmp_path / written
    assert sorted(p.name for p in tmp_path.iterdir() if p.name[0] in "lm") == [written]
    assert is_workbook(out) == xlsx
    same = tmp_path / ("cli.xlsx" if xlsx else "cli.csv")
    assert cli.main(["export", "--db", str(db_path), "--format", kind, "-o", str(same)]) == 0
    if xlsx:
        assert workbook_rows(out) == workbook_rows(same)
    else:
        assert out.read_bytes() == same.read_bytes()


def test_the_workbook_has_only_the_statements_the_filters_show(qtbot, window, db_path, tmp_path,
                                                              monkeypatch):
    choose(qtbot, window.filters.who, "Kalın")
    qtbot.waitUntil(lambda: window.model.filter.actors == ("kalin",))
    target = tmp_path / "kalin.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), XLSX_FILTER))
    window.export_long_action.trigger()
    rows = workbook_rows(target)
    assert rows[1:] and {r[1] for r in rows[1:]} == {"Kalın"}

    everything = tmp_path / "all.csv"
    assert cli.main(["export", "--db", str(db_path), "--format", "long", "-o", str(everything)]) == 0
    with open(everything, encoding="utf-8-sig", newline="") as f:
        kalin = [r for r in csv.DictReader(f) if r["actor"] == "Kalın"]
    assert [r[0] for r in rows[1:]] == [r["statement_id"].removeprefix("s") for r in kalin]


def test_more_statements_than_a_sheet_holds_is_said_and_nothing_written(qtbot, window, tmp_path,
                                                                       monkeypatch, messages):
    from s400tracker.services import export_xlsx

    monkeypatch.setattr(export_xlsx, "MAX_ROWS", 2)
    target = tmp_path / "long.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), XLSX_FILTER))
    window.export_long_action.trigger()
    title, text = messages[-1]
    assert title == "Export failed" and "do not fit in one XLSX sheet" in text and "CSV" in text
    assert not target.exists()
