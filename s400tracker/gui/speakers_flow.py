"""View → Untracked speakers: pick a speaker, name the actor, re-extract in the background."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from s400tracker.gui.background import BackgroundTask
from s400tracker.gui.widgets.speakers_dialog import SpeakersDialog, TrackActorDialog
from s400tracker.services.speakers import track_speaker


def show_speakers(window) -> SpeakersDialog:
    dialog = SpeakersDialog(window.tracker.untracked_speakers(), window)
    dialog.track_requested.connect(lambda speaker: _track(window, dialog, speaker))
    dialog.open()
    window.speakers_dialog = dialog   # tests reach it here
    return dialog


def _track(window, dialog: SpeakersDialog, speaker) -> None:
    form = TrackActorDialog(speaker, [g for g, _ in window.tracker.groups() if g], window)
    window.track_form = form
    if form.exec() != QDialog.DialogCode.Accepted:
        return
    name, group, aliases = form.values()
    dialog.accept()
    tracker = window.tracker
    task = BackgroundTask(window, f"Re-reading the articles for {name}…",
                          lambda progress, cancel: track_speaker(tracker, name, group, aliases, progress, cancel))
    window.track_task = task
    task.done.connect(lambda result: _tracked(window, result))
    task.error.connect(lambda message: window.error("Could not track the speaker", message))


def _tracked(window, result) -> None:
    actor, _report = result
    window.refresh()
    window.statusBar().showMessage(f"{actor.name} is tracked: their statements fill a new row", 8000)
