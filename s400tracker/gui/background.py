"""Long work (re-extraction after tracking a speaker) off the GUI thread, behind a progress dialog.

The same pattern as the import: a QObject worker in a QThread, progress and the result sent back
through signals, Cancel polled between articles.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn):
        super().__init__()
        self._fn = fn
        self.cancelled = threading.Event()

    @Slot()
    def run(self) -> None:
        from s400tracker.store import StoreError

        try:
            result = self._fn(lambda done, total, _path=None: self.progress.emit(done, total),
                              self.cancelled.is_set)
        except (StoreError, OSError, ValueError) as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # noqa: BLE001 - a bug: still close the dialog, and say what broke
            self.failed.emit(f"unexpected error: {e!r}")
            return
        self.finished.emit(result)


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
        self.worker = _Worker(fn)
        self.thread = QThread()
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.dialog.canceled.connect(self.worker.cancelled.set)
        self.worker.finished.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        self.thread.finished.connect(self.worker.deleteLater)
        self.thread.start()

    def wait(self) -> None:
        self.thread.wait()

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finished(self, result) -> None:
        self.dialog.close()
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self.dialog.close()
        self.error.emit(message)
