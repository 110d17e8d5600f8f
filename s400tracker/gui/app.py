"""Start the desktop app: `s400tracker gui [--db FILE]` calls run(db_path)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from s400tracker import paths
from s400tracker.gui import settings as prefs


def icon() -> QIcon:
    return QIcon(str(paths.resources_dir() / "s400tracker.svg"))


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(prefs.ORGANIZATION)
    QCoreApplication.setApplicationName(prefs.APPLICATION)
    QGuiApplication.setApplicationDisplayName("s400tracker")
    # Matches resources/s400tracker.desktop, so Wayland and task bars pair window and launcher.
    QGuiApplication.setDesktopFileName("s400tracker")
    app.setWindowIcon(icon())
    return app


def initial_store(settings) -> str | None:
    """The store to open when none is named: the one used last, if it is still there; None for
    the default store (created and seeded on first use)."""
    last = prefs.last_store(settings)
    if last and Path(last).is_file():
        return last
    return None


def run(db_path: str | None) -> int:
    """Open the window on db_path; None: the store used last, else the default store."""
    from s400tracker.gui.main_window import MainWindow
    from s400tracker.services.tracker import Tracker
    from s400tracker.store import StoreError

    app = make_app()
    settings = prefs.user_settings()
    if db_path is None:
        db_path = initial_store(settings)
    try:
        # Only the default store is created here; a store named on the command line or used
        # last must exist.
        tracker = Tracker.open(db_path, create=db_path is None)
    except StoreError as e:
        from PySide6.QtWidgets import QMessageBox   # only when it is needed (see MainWindow.message)

        QMessageBox.critical(None, "s400tracker", f"Cannot open the store:\n{e}")
        return 2
    window = MainWindow(tracker, settings)
    # A last safety net: a session ending without closeEvent still saves pending typing.
    app.aboutToQuit.connect(window.detail.flush)
    window.show()
    try:
        return app.exec()
    finally:
        window.tracker.close()
