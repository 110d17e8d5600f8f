"""Take docs/screenshot-matrix.png: the main window on a fresh copy of the seeds, with Kalın's
statements of 11 February 2021 selected; with `timeline`, docs/screenshot-timeline.png: the same
on the Timeline tab; with `import-report`, docs/screenshot-import-report.png: the report of an
import of a mixed folder (a page, Word files, a PDF, an RTF, an e-mail alert, a feed, a Nexis
export, a photo; made by tests/formats/folders.py). Run under Xvfb, from the checkout:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/make_screenshot.py [timeline|import-report]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from s400tracker.gui import settings as prefs
from s400tracker.gui.app import make_app
from s400tracker.gui.main_window import MainWindow
from s400tracker.services.tracker import Tracker

DOCS = Path(__file__).resolve().parent


def main() -> int:
    timeline = "timeline" in sys.argv[1:]
    report = "import-report" in sys.argv[1:]
    out = DOCS / ("screenshot-timeline.png" if timeline else
                  "screenshot-import-report.png" if report else "screenshot-matrix.png")
    app = make_app()
    folder = Path(tempfile.mkdtemp(prefix="s400shot-"))
    tracker = Tracker.open(folder / "tracker.db", seed=True)
    # One annotated statement, so the picture shows what an analyst's work looks like.
    first = tracker.cell_statements("kalin", dt.date(2021, 2, 11))[0]
    tracker.annotate(first.id, note="Firm line two months on; compare Akar on 9 Feb "
                     "(partial activation).", tags=("no-retreat", "s-400"), stance="reject",
                     author="analyst")
    window = MainWindow(tracker, prefs.file_settings(folder / "settings.ini"))
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()
    dialog = None
    if report:
        sys.path.insert(0, str(DOCS.parent))
        from s400tracker.gui.widgets.import_report import ImportReportDialog
        from tests.formats.folders import mixed_folder

        articles = mixed_folder(folder / "Harbour dispute")
        done = tracker.import_paths([articles])
        window.refresh()
        dialog = ImportReportDialog(done, window)
        dialog.show()

    def shoot() -> None:
        window.select_cell("kalin", dt.date(2021, 2, 11))
        window.view.setFocus()
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()
        if timeline:
            window.tabs.setCurrentIndex(1)
            window.timeline.view.setFocus()
        app.processEvents()
        app.primaryScreen().grabWindow(0).save(str(out))
        window.close()
        app.quit()

    QTimer.singleShot(800, shoot)
    app.exec()
    window.tracker.close()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
