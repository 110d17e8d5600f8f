"""A statement several outlets reported shows each source; a wrong merge is split, and undone."""

import datetime as dt

from PySide6.QtCore import Qt

from tests.gui.test_main_window import click_cell

SANCTIONS_DAY = dt.date(2020, 12, 14)


def _merged(window):
    return next(s for s in window.detail._statements if len({src.document_id for src in s.sources}) > 1)


def test_merged_reports_show_every_source_and_split_apart(qtbot, window):
    click_cell(qtbot, window, "lavrov", SANCTIONS_DAY)
    statement = _merged(window)
    window.detail.list.setCurrentRow(window.detail._statements.index(statement))
    assert "Also:" in window.detail.source.text()
    assert window.detail.split_button.isVisible()
    before = len(window.detail._statements)

    qtbot.mouseClick(window.detail.split_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.detail._statements) == before + 1, timeout=3000)

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: len(window.detail._statements) == before, timeout=3000)
