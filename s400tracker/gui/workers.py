"""Import off the GUI thread: a QObject worker moved to a QThread, reporting through signals.

The Store serialises its methods with a lock, so the worker shares the window's Tracker; the GUI
stays responsive (it only blocks for the moment one article is being written).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot


class ImportWorker(QObject):
    progress = Signal(int, int, str)   # files done, files in all, the file just done
    finished = Signal(object)          # ingest.ImportReport
    failed = Signal(str)               # an error of the environment (store locked, disk full)

    def __init__(self, tracker, paths: list[Path]):
        super().__init__()
        self._tracker = tracker
        self._paths = list(paths)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        # Called from the GUI thread; polled by the import between files.
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        from s400tracker.store import StoreError

        try:
            report = self._tracker.import_paths(
                self._paths,
                progress=lambda done, total, path: self.progress.emit(done, total, str(path)),
                cancel=self._cancel.is_set,
            )
        except (StoreError, OSError) as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # noqa: BLE001 - a bug: still end the dialog, and say what broke
            self.failed.emit(f"unexpected error: {e!r}")
            return
        self.finished.emit(report)


def start(worker: ImportWorker) -> QThread:
    """Run `worker` in a new thread that quits and is deleted when the worker is done."""
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
