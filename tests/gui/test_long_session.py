"""A long working session in the real window: a long note typed key by key, then a large import
from File → Import folder, every signal on the way firing as it does for the analyst. With a Qt
binding that drops a reference at each signal (PySide6 6.12.0) the process aborts part way.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QFileDialog

from s400tracker.services.tracker import Tracker
from tests.gui.test_main_window import KALIN_DAY, click_cell, stored_note

ARTICLES = 3_000
NOTE_LENGTH = 5_000
SPEAKERS = [("Russian Foreign Minister Sergei Lavrov", "lavrov"),
            ("Turkish Defence Minister Hulusi Akar", "akar"),
            ("Presidential spokesman Ibrahim Kalin", "kalin")]
TOPICS = ["the grain corridor", "the pipeline tender", "the border crossings", "the port fees",
          "the fishing quotas", "the rail link", "the airspace rules", "the visa talks"]


def invented_article(n: int) -> str:
    """A short article about an invented exchange, different in every n."""
    speaker, _key = SPEAKERS[n % len(SPEAKERS)]
    day = dt.date(2023, 1, 1) + dt.timedelta(days=n % 400)
    topic = TOPICS[n % len(TOPICS)]
    return (f"date {day.isoformat()} Ankara\n\n"
            f'"Round {n} of the talks on {topic} will resume when both delegations have read '
            f'draft number {n * 7 + 3}," {speaker} told reporters on the day.\n')


def invented_note(length: int) -> str:
    words = ("Follow up with the desk on the wording; compare with the earlier briefing, "
             "and check the date against the ministry's own transcript. ")
    return (words * (length // len(words) + 1))[:length]


def test_a_long_note_and_a_3000_article_import_leave_the_app_alive_and_the_note_whole(
        qtbot, window, db_path, tmp_path, monkeypatch, messages):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"{n:05d}.txt").write_text(invented_article(n), encoding="utf-8")

    click_cell(qtbot, window, "kalin", KALIN_DAY)
    statement_id = window.detail.current().id
    note = invented_note(NOTE_LENGTH)
    qtbot.keyClicks(window.detail.editor.note, note)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    window.import_folder_action.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=60_000)

    title, text = messages[-1]
    assert (title, text.splitlines()[0]) == ("Import finished", f"{ARTICLES} added, 0 already "
                                                               "present, 0 failed")
    assert window.isVisible() and window.import_action.isEnabled()
    assert window.select_cell("lavrov", dt.date(2023, 1, 1))
    assert stored_note(db_path, statement_id) == note
    window.close()
    with Tracker.open(db_path) as t:
        assert t.statement(statement_id).annotation.note == note
        assert t.document_count() >= ARTICLES
