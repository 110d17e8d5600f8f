"""A note is saved while the analyst keeps typing, and whenever the typing stops being the focus:
nothing typed waits for a pause that may never come."""

from __future__ import annotations

import time

import pytest

from s400tracker.gui.widgets.annotation_editor import MAX_UNSAVED_MS, SAVE_DELAY_MS
from tests.gui.test_main_window import KALIN_DAY, click_cell, stored_note

PAUSE_MS = SAVE_DELAY_MS // 7   # between bursts of keys: far too short for the pause-save


def open_kalins_statement(qtbot, window):
    """Kalın's statement of 11 February in the panel, the keyboard in its note."""
    # The window gives the matrix the focus once it has painted: wait for it, so that it does
    # not take the focus from the note in the middle of the typing.
    qtbot.waitUntil(window.view.hasFocus, timeout=2000)
    click_cell(qtbot, window, "kalin", KALIN_DAY)
    editor = window.detail.editor
    window.activateWindow()
    editor.note.setFocus()
    qtbot.waitUntil(editor.note.hasFocus, timeout=2000)
    return window.detail.current().id, editor


def test_typing_without_a_pause_is_saved_while_it_goes_on(qtbot, window, db_path):
    statement_id, editor = open_kalins_statement(qtbot, window)
    undo_steps = window.undo_stack.count()

    typed, started = "", time.monotonic()
    while time.monotonic() - started < (MAX_UNSAVED_MS + 500) / 1000:
        burst = f"line {len(typed)} of a long note, "
        qtbot.keyClicks(editor.note, burst)
        typed += burst
        qtbot.wait(PAUSE_MS)

    saved = stored_note(db_path, statement_id)
    assert saved and typed.startswith(saved), "nothing typed reached the store"
    # Still typing: the pause-save has not fired, and the rest is saved by the next save.
    qtbot.keyClicks(editor.note, "end.")
    qtbot.waitUntil(lambda: stored_note(db_path, statement_id) == typed + "end.",
                    timeout=SAVE_DELAY_MS + 3000)
    # The saves of one stretch of typing are one undo step.
    assert window.undo_stack.count() == undo_steps + 1
    assert editor.note.hasFocus()


def _move_focus(qtbot, window):
    window.view.setFocus()


def _select_another(qtbot, window):
    window.detail.list.setCurrentRow(1)


def _close(qtbot, window):
    window.close()


@pytest.mark.parametrize("leave", [_move_focus, _select_another, _close],
                         ids=["focus moves to the matrix", "another statement is selected",
                              "the window closes"])
def test_what_was_typed_is_saved_at_once_when_the_analyst_moves_on(qtbot, window, db_path, leave):
    statement_id, editor = open_kalins_statement(qtbot, window)
    qtbot.keyClicks(editor.note, "Check the transcript")
    leave(qtbot, window)   # at once: neither save timer has fired
    assert stored_note(db_path, statement_id) == "Check the transcript"
