"""Finding things again in the app: hidden statements after a restart (and unhiding them),
clearing a date filter, resetting every filter, and statements whose annotation conflicts."""

from __future__ import annotations

import datetime as dt
import shutil

from PySide6.QtCore import Qt

from s400tracker.core.query import StatementFilter
from s400tracker.gui.models.matrix_model import ConflictsRole, HiddenRole, MatrixModel
from s400tracker.services.tracker import Tracker

KALIN_DAY = dt.date(2021, 2, 11)


def open_window(qtbot, db_path, qsettings):
    from s400tracker.gui.main_window import MainWindow

    w = MainWindow(Tracker.open(db_path), qsettings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def choose(qtbot, combo, label: str) -> None:
    """Pick an entry of a combo box with the keyboard, as a user does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != label:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no entry {label!r}"


def shown_cells(window) -> dict:
    m = window.model.matrix
    return {key: cell.count for key, cell in m.cells.items()}


def test_a_hidden_statement_is_found_after_a_restart_and_unhidden(qtbot, db_path, qsettings, messages):
    w = open_window(qtbot, db_path, qsettings)
    w.select_cell("kalin", KALIN_DAY)
    hidden = w.detail.current()
    w.hide_action.trigger()
    qtbot.waitUntil(lambda: shown_cells(w)[("kalin", KALIN_DAY)] == 3)
    w.close()
    w.tracker.close()

    w = open_window(qtbot, db_path, qsettings)   # a restart: the undo stack is gone
    assert not w.undo_action.isEnabled()
    choose(qtbot, w.filters.hidden, "Hidden only")
    qtbot.waitUntil(lambda: shown_cells(w) == {("kalin", KALIN_DAY): 1})
    index = w.model.index(w.model.row_of("kalin"), w.model.column_of(KALIN_DAY))
    assert w.model.data(index, HiddenRole) == 1
    assert w.model.data(index, Qt.ItemDataRole.FontRole).strikeOut()
    w.view.setCurrentIndex(index)
    assert w.detail.current().id == hidden.id
    assert w.detail.meta.text().startswith("Hidden")
    assert w.detail.hide_button.text() == "Unhide"
    assert w.hide_action.text().replace("&", "") == "Unhide statement"

    qtbot.mouseClick(w.detail.hide_button, Qt.MouseButton.LeftButton)
    assert not w.tracker.statement(hidden.id).hidden
    qtbot.waitUntil(lambda: shown_cells(w) == {})      # nothing hidden is left
    w.undo_action.trigger()                             # undoable: hidden again
    assert w.tracker.statement(hidden.id).hidden
    qtbot.waitUntil(lambda: shown_cells(w) == {("kalin", KALIN_DAY): 1})

    choose(qtbot, w.filters.hidden, "With hidden")
    qtbot.waitUntil(lambda: shown_cells(w)[("kalin", KALIN_DAY)] == 4)
    index = w.model.index(w.model.row_of("kalin"), w.model.column_of(KALIN_DAY))
    font = w.model.data(index, Qt.ItemDataRole.FontRole)
    assert font.italic() and not font.strikeOut()        # one hidden of four
    w.close()
    w.tracker.close()


def test_a_date_filter_emptied_is_any_day_again(qtbot, window):
    everything = window.model.columnCount()
    since = window.filters.since
    since.setDate(KALIN_DAY)
    assert window.model.columnCount() == 1
    since.setFocus()
    qtbot.keyClick(since, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(since, Qt.Key.Key_Delete)
    qtbot.keyClick(since, Qt.Key.Key_Return)
    window.view.setFocus()                                # and leaving the field keeps it so
    assert since.text() == "any"
    assert window.filters.filter().start is None
    assert window.model.columnCount() == everything


def test_reset_filters_clears_every_filter_at_once(qtbot, window):
    everything = window.model.columnCount()
    bar = window.filters
    qtbot.keyClicks(bar.search, "sanctions")
    choose(qtbot, bar.who, "Kalın")
    bar.since.setDate(dt.date(2020, 12, 15))
    bar.until.setDate(KALIN_DAY)
    choose(qtbot, bar.stance, bar.stance.itemText(1))
    qtbot.mouseClick(bar.annotated, Qt.MouseButton.LeftButton)
    choose(qtbot, bar.hidden, "With hidden")
    qtbot.mouseClick(bar.conflicts, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.filter.text == "sanctions")
    assert bar.reset_button.isEnabled()
    assert "(filtered)" in window.counts.text()

    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert bar.filter() == StatementFilter()
    assert window.model.filter == StatementFilter()
    assert (bar.search.text(), bar.since.text(), bar.until.text()) == ("", "any", "any")
    assert window.model.columnCount() == everything
    assert "(filtered)" not in window.counts.text()
    assert not bar.reset_button.isEnabled()

    qtbot.keyClicks(bar.search, "sanctions")              # the button does the same
    qtbot.waitUntil(lambda: bar.reset_button.isEnabled())
    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    assert window.model.filter == StatementFilter()


def test_a_conflict_from_a_bundle_is_marked_filtered_and_resolved(qtbot, window, db_path, tmp_path):
    kalin = window.tracker.cell_statements("kalin", KALIN_DAY)[0]
    bundle = tmp_path / "bob.json"
    copy = tmp_path / "bob.db"
    shutil.copy(db_path, copy)
    with Tracker.open(copy) as bob:
        bob.author = "bob"
        bob.annotate(kalin.id, note="Bob's reading")
        bob.export_bundle(bundle)
    window.tracker.annotate(kalin.id, note="Mine")
    window.tracker.import_bundle(bundle)
    window.refresh()

    index = window.model.index(window.model.row_of("kalin"), window.model.column_of(KALIN_DAY))
    assert window.model.data(index).startswith("⚠ ✎ 4 · ")
    assert window.model.data(index, ConflictsRole) == 1
    assert "with a conflict" in window.model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert "⚠ conflicting annotations" in window.legend.text()
    others = [key for key, cell in window.model.matrix.cells.items() if cell.conflicts]
    assert others == [("kalin", KALIN_DAY)]

    qtbot.mouseClick(window.filters.conflicts, Qt.MouseButton.LeftButton)
    assert shown_cells(window) == {("kalin", KALIN_DAY): 1}
    window.select_statement(kalin.id)
    qtbot.mouseClick(window.detail.conflict.keep, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_cells(window) == {})   # resolved: no longer listed
    qtbot.mouseClick(window.filters.conflicts, Qt.MouseButton.LeftButton)
    index = window.model.index(window.model.row_of("kalin"), window.model.column_of(KALIN_DAY))
    assert window.model.data(index).startswith("✎ 4 · ")


def test_the_model_keeps_qts_contract_with_hidden_and_conflicts(qtmodeltester, db_path, tmp_path):
    with Tracker.open(db_path) as t:
        for s in t.cell_statements("kalin", KALIN_DAY)[:2]:
            t.hide(s.id)
        model = MatrixModel(t)
        for f in (StatementFilter(include_hidden=True), StatementFilter(hidden_only=True),
                  StatementFilter(conflicts_only=True)):
            model.set_query(f)
            qtmodeltester.check(model)
