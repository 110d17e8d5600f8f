"""GUI fixtures: a window on a copy of a store seeded once per session, settings in a temporary
file, and modal message boxes recorded instead of shown (offscreen, they would block)."""

from __future__ import annotations

import shutil

import pytest

from s400tracker import paths
from s400tracker.services.tracker import Tracker


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    with Tracker.open(path, seed=True) as t:
        t.import_paths([paths.seeds_dir()])
    return path


@pytest.fixture
def db_path(seeded_template, tmp_path):
    path = tmp_path / "tracker.db"
    shutil.copy(seeded_template, path)
    return path


@pytest.fixture
def qsettings(tmp_path):
    from s400tracker.gui.settings import file_settings

    return file_settings(tmp_path / "settings.ini")


@pytest.fixture
def messages(monkeypatch):
    """Every QMessageBox the app shows, and the import report, as (title, text), instead of a
    blocking dialog. The import report's dialogs themselves are kept in `messages.reports`."""
    from PySide6.QtWidgets import QMessageBox

    from s400tracker.gui.widgets.import_report import ImportReportDialog

    shown = _Shown()

    def record(box):
        shown.append((box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Ok

    def record_report(dialog):
        shown.reports.append(dialog)
        shown.append((dialog.windowTitle(), dialog.text()))
        return 1

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(ImportReportDialog, "exec", record_report)
    return shown


class _Shown(list):
    def __init__(self):
        super().__init__()
        self.reports = []


@pytest.fixture
def window(qtbot, db_path, qsettings, messages):
    from s400tracker.gui.main_window import MainWindow

    w = MainWindow(Tracker.open(db_path), qsettings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    if w.isVisible():
        w.close()
    w.tracker.close()
