"""One of a thing is singular in the app too: the status bar, a cell as read aloud."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.test_cli import stand_in_extractor  # noqa: F401 - the shared fixture
from tests.test_cli_plurals import store_with


@pytest.mark.parametrize("n, expected", [
    (1, "1 statement · 7 actors · 1 day · 1 article"),
    (2, "2 statements · 7 actors · 1 day · 1 article"),
])
def test_the_app_counts_in_english(tmp_path, capsys, qtbot, qsettings, messages, n, expected):
    from s400tracker.gui.main_window import MainWindow
    from s400tracker.services.tracker import Tracker

    db, _ = store_with(tmp_path, capsys, n)
    w = MainWindow(Tracker.open(db, create=False), qsettings)
    qtbot.addWidget(w)
    try:
        assert w.counts.text() == expected
        row = next(r for r in range(w.model.rowCount()) if w.model.actor_at(r).key == "akar")
        cell = w.model.data(w.model.index(row, 0), Qt.ItemDataRole.AccessibleTextRole)
        assert cell.endswith(f": {expected.split(' · ')[0]}")
    finally:
        w.close()
        w.tracker.close()
