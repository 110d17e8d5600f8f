"""Long work off the GUI thread (an import, a re-extraction): a QObject worker moved to a QThread,
reporting through signals.

The Store serialises its methods with a lock, so the worker shares the window's Tracker; the GUI
stays responsive (it only blocks for the moment one article is being written).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot


class TaskWorker(QObject):
    """Runs fn(progress, cancel): progress(done, total, path) is forwarded as a signal, cancel()
    tells whether the user asked to stop."""

    progress = Signal(int, int, str)   # items done, items in all, the item just done
    finished = Signal(object)          # what fn returned
    failed = Signal(str)               # an error of the environment (store locked, disk full)

    def __init__(self, fn):
        super().__init__()
        self._fn = fn
        self._cancel = threading.Event()

    def cancel(self) -> None:
        # Called from the GUI thread; polled by the work between items.
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        from s400tracker.store import StoreError

        try:
            result = self._fn(
                lambda done, total, path=None: self.progress.emit(done, total, str(path or "")),
                self._cancel.is_set,
            )
        except (StoreError, OSError, ValueError) as e:
            self.failed.emit(str(e))
            return
        except Exception as e:  # noqa: BLE001 - a bug: still end the dialog, and say what broke
            self.failed.emit(f"unexpected error: {e!r}")
            return
        self.finished.emit(result)


class ImportWorker(TaskWorker):
    """Imports files and folders; finished carries the ingest.ImportReport."""

    def __init__(self, tracker, paths: list[Path]):
        paths = list(paths)
        super().__init__(lambda progress, cancel: tracker.import_paths(paths, progress=progress, cancel=cancel))


def start(worker: TaskWorker) -> QThread:
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
