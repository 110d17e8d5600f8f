"""The Qt binding must not leak or drop Python references when the app's signals fire.

PySide6 6.12.0 drops one reference to `True` at every Signal.emit(); CPython aborts the whole app
(`Fatal Python error: bool_dealloc`) once the count reaches zero, after about a thousand signals.
pyproject.toml excludes that release; this storm fails on any binding that does it again. The
count is checked every few hundred emits, so a leaking binding fails here with a message instead
of taking the test run down with it.
"""

from __future__ import annotations

import sys

import pytest

from s400tracker.gui import workers
from s400tracker.gui.commands import AnnotationState
from s400tracker.gui.widgets.annotation_editor import AnnotationEditor
from s400tracker.gui.widgets.conflict_box import ConflictBox
from s400tracker.gui.widgets.detail_panel import DetailPanel
from s400tracker.gui.widgets.filter_bar import FilterBar
from s400tracker.gui.widgets.matrix_view import MatrixView

STORM = 50_000
CHECK_EVERY = 250
# A collection or a cached constant elsewhere may take or give back a few references to True
# while the storm runs; a binding that drops one per emit is out by CHECK_EVERY at the first check.
TOLERANCE = 20


def _emitters(qtbot):
    """(name, the signal object, its arguments): signals the window and the import really use."""
    editor, panel, matrix = AnnotationEditor(), DetailPanel(), MatrixView()
    conflicts, filters = ConflictBox(), FilterBar()
    for w in (editor, panel, matrix, conflicts, filters):
        qtbot.addWidget(w)
    worker = workers.ImportWorker(tracker=None, paths=[])
    before, after = AnnotationState(), AnnotationState("a note", ("ankara",), None)
    emitters = [
        ("AnnotationEditor.typing", editor.typing, ()),
        ("AnnotationEditor.edited", editor.edited, ("st-1", before, after, 3)),
        ("DetailPanel.edited", panel.edited, ("st-1", before, after, 3)),
        ("DetailPanel.current_changed", panel.current_changed, (None,)),
        ("MatrixView.open_detail", matrix.open_detail, ()),
        ("ConflictBox.resolve", conflicts.resolve, ("st-1", "c0ffee", "mine")),
        ("FilterBar.changed", filters.changed, ()),
        ("ImportWorker.progress", worker.progress, (1, 3000, "/tmp/article.txt")),
        ("ImportWorker.failed", worker.failed, ("database is locked",)),
    ]
    # Signal instances do not keep their objects alive, and qtbot holds its widgets weakly.
    return emitters, (editor, panel, matrix, conflicts, filters, worker)


def test_a_storm_of_the_apps_signals_leaves_the_refcount_of_true_alone(qtbot):
    emitters, _owners = _emitters(qtbot)
    received = {name: 0 for name, _s, _a in emitters}
    for name, signal, _args in emitters:
        signal.connect(lambda *_a, name=name: received.__setitem__(name, received[name] + 1))

    start = sys.getrefcount(True)
    emitted = 0
    while emitted < STORM:
        for _ in range(CHECK_EVERY // len(emitters) + 1):
            for _name, signal, args in emitters:
                signal.emit(*args)
                emitted += 1
        drift = sys.getrefcount(True) - start
        if abs(drift) > TOLERANCE:
            pytest.fail(f"after {emitted} emits the refcount of True moved by {drift}: the Qt "
                        "binding leaks or drops references at every emit (see pyproject.toml)")
    assert sum(received.values()) == emitted
    assert all(n >= STORM // len(emitters) for n in received.values())
