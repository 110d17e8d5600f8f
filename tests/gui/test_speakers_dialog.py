"""View → Untracked speakers: the most quoted untracked speaker can be tracked in one step."""

from PySide6.QtWidgets import QDialog


def test_tracking_an_untracked_speaker_adds_a_matrix_row(qtbot, window, monkeypatch):
    from s400tracker.gui.widgets.speakers_dialog import TrackActorDialog

    rows_before = window.model.rowCount()
    window.speakers_action.trigger()
    dialog = window.speakers_dialog
    labels = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    erdogan_row = next(r for r, label in enumerate(labels) if "Erdogan" in label)
    assert not any(label.lower() in ("he", "she", "it") for label in labels), "pronouns are not speakers"
    dialog.table.selectRow(erdogan_row)

    # The form is modal: accept it as filled in from the speaker's spellings.
    monkeypatch.setattr(TrackActorDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    dialog.track_button.click()
    qtbot.waitUntil(lambda: window.model.rowCount() == rows_before + 1, timeout=10000)
    names = [window.model.headerData(r, 2) for r in range(window.model.rowCount())]  # Qt.Vertical
    assert "Erdogan" in names
    assert "Erdogan" in [a.name for a in window.tracker.actors()]
