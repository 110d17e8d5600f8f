"""Long work (re-extraction after tracking a speaker) behind a progress dialog: the same worker
and thread as the import (gui/workers.py), with Cancel polled between articles.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog

from s400tracker.gui import workers


class BackgroundTask(QObject):
    """Run fn(progress, cancel) in a thread; `done` carries its result, `error` a message."""

    done = Signal(object)
    error = Signal(str)

    def __init__(self, parent_widget, label: str, fn):
        super().__init__(parent_widget)
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent_widget)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.worker = workers.TaskWorker(fn)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.dialog.canceled.connect(self.worker.cancel)
        self.thread = workers.start(self.worker)

    def _progress(self, done: int, total: int, _item: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finished(self, result) -> None:
        self.dialog.close()
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self.dialog.close()
        self.error.emit(message)
