"""Each deliberate edit of an annotation is its own undo step: a stance, then tags typed after it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from s400tracker.services.tracker import Tracker

KALIN_DAY = dt.date(2021, 2, 11)


def stored(db_path, statement_id):
    with Tracker.open(db_path) as t:   # a second connection: what is on disk
        a = t.statement(statement_id).annotation
        return (a.stance, a.tags) if a else (None, ())


def test_stance_then_tags_are_undone_one_at_a_time(qtbot, window, db_path):
    window.select_cell("kalin", KALIN_DAY)
    sid = window.detail.current().id
    editor = window.detail.editor
    assert stored(db_path, sid) == (None, ())

    editor.stance.setFocus()
    qtbot.keyClick(editor.stance, Qt.Key.Key_Down)      # the first stance of the list
    stance = editor.stance.currentData()
    assert stance is not None
    qtbot.waitUntil(lambda: stored(db_path, sid) == (stance, ()))

    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "ankara, s-400")
    qtbot.keyClick(editor.tags, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(db_path, sid) == (stance, ())          # the tags only
    qtbot.waitUntil(lambda: editor.tags.text() == "" and editor.stance.currentData() == stance)

    qtbot.keyClick(editor.tags, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(db_path, sid) == (None, ())            # then the stance
    qtbot.waitUntil(lambda: editor.stance.currentData() is None)

    qtbot.keyClick(editor.tags, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(db_path, sid) == (stance, ())          # redo brings them back in order
    qtbot.keyClick(editor.tags, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored(db_path, sid) == (stance, ("ankara", "s-400"))

