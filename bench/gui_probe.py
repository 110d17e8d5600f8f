"""Run in a subprocess by `python -m bench`: start a window, note when it first paints, measure.

    python -m bench.gui_probe bare                 # a bare QMainWindow: the baseline launch
    python -m bench.gui_probe app DB [--measure]   # the app's main window on the store DB

Prints one JSON line: `painted` (time.time() at the first paint of the window, so the parent
can subtract the moment it started this process), and with --measure the timings of a filter
change, a search, a full viewport paint at 1280×800, and the resident memory with the window open.
Run with QT_QPA_PLATFORM=offscreen (the bench sets it) so no display is needed.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _first_paint(app, window) -> float:
    """Show `window`, run the event loop until it has painted; the time.time() once that first
    paint (the window and every widget in it, flushed to the screen) is done.

    The filter watches the window alone. One on the whole application would have PySide wrap
    every object that receives an event, Qt's internal classes too, whose unknown types make it
    create the Python types of the whole Qt library (some 120 enumerations) in the middle of
    the measurement: a cost of the probe, not of the window.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    painted: list[float] = []

    def done() -> None:
        painted.append(time.time())
        app.quit()

    class Watch(QObject):
        seen = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, done)   # runs once the whole window is painted
            return False

    watch = Watch()
    window.installEventFilter(watch)
    window.show()
    QTimer.singleShot(10_000, app.quit)   # never hang the bench
    app.exec()
    window.removeEventFilter(watch)
    return painted[0] if painted else float("nan")


def bare() -> dict:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    return {"painted": _first_paint(app, window)}


def timed(fn, repeat: int = 5) -> float:
    """Median milliseconds of `fn()` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def app(db: str, measure: bool) -> dict:
    from s400tracker.gui import settings as prefs
    from s400tracker.gui.app import make_app
    from s400tracker.gui.main_window import MainWindow
    from s400tracker.services.tracker import Tracker

    qapp = make_app()
    tracker = Tracker.open(db)
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(tracker, prefs.file_settings(f"{tmp}/settings.ini"))
        window.resize(1280, 800)
        out = {"painted": _first_paint(qapp, window)}
        if measure:
            out.update(_measure(qapp, window, tracker))
        window.close()
        tracker.close()
    return out


def _measure(qapp, window, tracker) -> dict:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage

    from s400tracker.core.query import StatementFilter

    qapp.processEvents()
    out = {"rss_mb": rss_mb()}
    f = window.filters

    def choose(combo, index):
        combo.setCurrentIndex(index)
        window.apply_filters()   # what the filter bar's `changed` signal calls

    # A filter change: one group, then one actor, then all again, then a stance.
    groups = [i for i in range(f.who.count()) if str(f.who.itemText(i)).startswith("Group:")]
    steps = [lambda: choose(f.who, groups[0]), lambda: choose(f.who, groups[-1] + 1),
             lambda: choose(f.who, 0), lambda: choose(f.stance, 2), lambda: choose(f.stance, 0)]
    times = []
    for _ in range(3):
        for step in steps:
            start = time.perf_counter()
            step()
            times.append(1000 * (time.perf_counter() - start))
    out["filter_ms"] = statistics.median(times)
    out["filter_max_ms"] = max(times)

    def bucket(i):
        f.bucket.setCurrentIndex(i)
        window.apply_filters()

    out["bucket_ms"] = max(timed(lambda: (bucket(1), bucket(0)), 3) / 2, 0)

    # Search: the store's full-text query the search box runs, and the whole rebuild with it.
    words = ["sanctions", "ministry", "alliance grave", "dialog"]
    out["fts_ms"] = statistics.median(
        timed(lambda w=w: tracker.statements(StatementFilter(text=w), limit=200), 3)
        for w in words)
    out["fts_count_ms"] = statistics.median(
        timed(lambda w=w: tracker.statement_count(StatementFilter(text=w)), 3) for w in words)

    def search(text):
        f.search.setText(text)
        f.stop()
        window.apply_filters()

    out["search_rebuild_ms"] = statistics.median(
        timed(lambda w=w: search(w), 3) for w in words)
    search("")

    # A full viewport of the matrix at 1280×800, painted into an image.
    view = window.view
    view.resize(1280, 800)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 2)
    qapp.processEvents()
    image = QImage(QSize(1280, 800), QImage.Format.Format_ARGB32_Premultiplied)

    def paint():
        view.viewport().render(image)

    out["paint_ms"] = timed(paint, 7)
    out["visible_cells"] = (view.viewport().width() // max(1, view.columnWidth(0)) + 1) * (
        view.viewport().height() // max(1, view.rowHeight(0)) + 1)
    out["rss_after_mb"] = rss_mb()
    return out


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[0] == "bare":
        result = bare()
    else:
        result = app(args[1], "--measure" in args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
