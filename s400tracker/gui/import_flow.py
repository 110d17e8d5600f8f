"""One import, from the files chosen to the summary: a progress dialog over a worker thread.

The window stays responsive (the dialog is window-modal, not application-blocking), Cancel stops
between files, and the report says what was added, what was already there and what failed why.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from s400tracker.gui import workers


def dropped(window, urls: list, text: str) -> None:
    """What was dropped on the window, imported: files and folders as they are; a piece of text
    saved as an article beside the store first (services.dropped); links refused, since nothing
    goes online."""
    from s400tracker.services.dropped import LINK_REFUSED, is_link, save_dropped_text

    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    links = [u.toString() for u in urls if not u.isLocalFile()]
    if not urls and text.strip():
        if is_link(text):
            links = [text.strip()]
        else:
            try:
                paths = [save_dropped_text(window.tracker.path, text)]
            except OSError as e:
                window.error("Dropped text not saved", f"{e.strerror or e}: {e.filename or ''}")
                return
    if links:
        shown = "\n".join(links[:5]) + (f"\n… and {len(links) - 5} more" if len(links) > 5 else "")
        window.error("Links are not imported", f"{LINK_REFUSED}\n\n{shown}")
    window.start_import(paths)


class ImportRunner(QObject):
    done = Signal(object)     # ImportReport
    error = Signal(str)

    def __init__(self, tracker, paths: list[Path], parent_widget):
        super().__init__(parent_widget)
        self.progress = QProgressDialog("Importing articles…", "Cancel", 0, 0, parent_widget)
        self.progress.setWindowTitle("Import")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)   # a one-file import should not flash a dialog
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.worker = workers.ImportWorker(tracker, paths)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.progress.canceled.connect(self.worker.cancel)
        self.thread = workers.start(self.worker)

    def running(self) -> bool:
        try:
            return self.thread.isRunning()
        except RuntimeError:   # the thread object was already deleted: it finished
            return False

    def cancel_and_wait(self) -> None:
        self.worker.cancel()
        if self.running():
            self.thread.wait()

    def _progress(self, done: int, total: int, path: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(f"Imported {done} of {total}: {Path(path).name}")

    def _finished(self, report) -> None:
        self.progress.close()
        self.done.emit(report)

    def _failed(self, message: str) -> None:
        self.progress.close()
        self.error.emit(message)
