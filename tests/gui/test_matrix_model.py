"""The matrix model on its own: Qt's model contract (qtmodeltester), headers, roles, laziness."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from PySide6.QtCore import Qt

from s400tracker.core.query import StatementFilter
from s400tracker.gui.models.matrix_model import CountRole, MatrixModel
from s400tracker.services.tracker import Tracker


@pytest.fixture
def tracker(db_path):
    t = Tracker.open(db_path)
    yield t
    t.close()


def test_the_model_keeps_qts_contract_on_the_seeds(qtmodeltester, tracker):
    model = MatrixModel(tracker)
    assert model.rowCount() == 7
    qtmodeltester.check(model)


@pytest.mark.parametrize("bucket,continuous", [("week", True), ("month", False), ("day", True)])
def test_the_model_keeps_qts_contract_in_every_layout(qtmodeltester, tracker, bucket, continuous):
    model = MatrixModel(tracker)
    model.set_query(bucket=bucket, continuous=continuous)
    qtmodeltester.check(model)


def test_an_empty_store_is_an_empty_table(qtmodeltester, tmp_path):
    with Tracker.open(tmp_path / "empty.db") as t:
        model = MatrixModel(t)
        qtmodeltester.check(model)
        assert model.columnCount() == 0
        assert model.rowCount() == 7   # the tracked actors are there, waiting for statements


def test_headers_read_as_dates_and_buckets(tracker):
    model = MatrixModel(tracker)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Mon 14 Dec 2020"
    model.set_query(bucket="week")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Week of 14 Dec 2020"
    model.set_query(bucket="month")
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] \
        == ["Dec 2020", "Feb 2021"]


def test_cells_show_count_first_quote_and_a_tooltip_with_the_quotes(tracker):
    model = MatrixModel(tracker)
    index = model.index(model.row_of("kalin"), model.column_of(dt.date(2021, 2, 11)))
    quotes = [s.quote for s in tracker.cell_statements("kalin", dt.date(2021, 2, 11))]
    assert model.data(index, CountRole) == len(quotes)
    assert model.data(index).startswith(f"{len(quotes)} · Turkey will not turn back")
    tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert all(q[:40] in html.unescape(tooltip) for q in quotes)
    empty = model.index(model.row_of("kalin"), 0)
    assert model.data(empty) is None and model.data(empty, CountRole) == 0


def test_a_stance_tints_the_cell_from_the_palette(tracker, qapp):
    from PySide6.QtGui import QColor, QPalette

    from s400tracker.gui.palette import stance_tint

    light, dark = QPalette(QColor("white")), QPalette(QColor("#202020"))
    light.setColor(QPalette.ColorRole.Base, QColor("white"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    assert stance_tint(light, "reject").lightness() > 180    # black text stays readable
    assert stance_tint(dark, "reject").lightness() < 110     # so does white text
    assert stance_tint(light, None) is None


def test_the_model_reads_only_the_aggregate_until_asked_for_quotes(tracker, monkeypatch):
    calls = []
    original = tracker.cell_statements
    monkeypatch.setattr(tracker, "cell_statements", lambda *a, **k: calls.append(a) or original(*a, **k))
    model = MatrixModel(tracker)
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            model.data(model.index(r, c))
    assert calls == []
    model.set_query(filter=StatementFilter(text="arrogant"))
    assert model.columnCount() == 1
