"""The Timeline tab, and the File menu's bundle export/import and briefing, driven as an analyst
would (file dialogs and message boxes monkeypatched, since modal dialogs block offscreen)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from s400tracker.core.query import StatementFilter
from s400tracker.services.tracker import Tracker

KALIN_DAY = dt.date(2021, 2, 11)


def show_timeline(qtbot, window):
    window.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.timeline.view.timeline.marks != ())
    return window.timeline.view


def test_the_timeline_has_one_lane_per_actor_and_a_mark_per_dated_statement(qtbot, window):
    view = show_timeline(qtbot, window)
    rows = [window.model.headerData(r, Qt.Orientation.Vertical) for r in range(7)]
    assert [lane.name for lane in view.timeline.lanes] == rows     # the matrix's order
    dated = window.tracker.statements(StatementFilter(undated=False))
    assert sorted(m.statement_id for m in view.timeline.marks) == sorted(s.id for s in dated)
    kalin = [m for m in view.timeline.marks if m.actor == "kalin"]
    assert {m.date for m in kalin} == {KALIN_DAY} and len(kalin) == 4


def test_clicking_a_mark_opens_that_statement_in_the_detail_panel(qtbot, window):
    view = show_timeline(qtbot, window)
    target = window.tracker.cell_statements("kalin", KALIN_DAY)[2]
    where = view.mark_center(target.id)
    assert where is not None and view.viewport().rect().contains(where.toPoint())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where.toPoint())
    assert window.detail.current().id == target.id
    assert window.detail.heading.text() == "Kalın · Thu 11 Feb 2021 · 4 statements"
    assert view.selected == target.id


def test_the_wheel_and_keys_zoom_and_fit_comes_back(qtbot, window):
    view = show_timeline(qtbot, window)
    fitted = view.timeline.px_per_day
    assert view.timeline.width <= view.viewport().width() + 1      # all of it in view
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.timeline.px_per_day == pytest.approx(fitted * 1.25 ** 2)
    assert view.horizontalScrollBar().maximum() > 0                 # now it scrolls
    window.timeline.fit_button.click()
    assert view.timeline.px_per_day == pytest.approx(fitted)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.timeline.px_per_day < fitted


def test_the_timeline_follows_the_filters(qtbot, window):
    view = show_timeline(qtbot, window)
    window.filters.annotated.setChecked(True)
    qtbot.waitUntil(lambda: view.timeline.marks == ())


def other_analyst(db_path, tmp_path, name="bob") -> Tracker:
    copy = tmp_path / f"{name}.db"
    shutil.copy(db_path, copy)
    t = Tracker.open(copy)
    t.author = name
    return t


def test_file_menu_exports_a_bundle_another_store_imports(qtbot, window, tmp_path, monkeypatch,
                                                          db_path):
    kalin = window.tracker.cell_statements("kalin", KALIN_DAY)[0]
    window.tracker.annotate(kalin.id, note="No retreat", tags=("firm",))
    target = tmp_path / "mine.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_bundle_action.trigger()
    assert target.exists()
    with other_analyst(db_path, tmp_path) as bob:
        assert bob.import_bundle(target).annotations_added == 1
        assert bob.statement(kalin.id).annotation.note == "No retreat"


def test_file_menu_imports_a_bundle_and_a_conflict_is_resolved_on_the_statement(
        qtbot, window, tmp_path, monkeypatch, messages, db_path):
    kalin = window.tracker.cell_statements("kalin", KALIN_DAY)[0]
    bundle = tmp_path / "bob.json"
    with other_analyst(db_path, tmp_path) as bob:
        bob.annotate(kalin.id, note="Bob: <b>firm</b> line", tags=("bob",))
        bob.export_bundle(bundle)
    window.tracker.annotate(kalin.id, note="Mine", tags=("mine",))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    window.import_bundle_action.trigger()
    title, text = messages[-1]
    assert title == "Annotations imported" and f"conflict: {kalin.id}" in text

    window.select_statement(kalin.id)
    box = window.detail.conflict
    assert box.isVisible()
    assert box.theirs.toPlainText() == "Bob: <b>firm</b> line"     # shown as typed
    assert "bob also edited" in box.title.text()
    assert window.detail.editor.note.toPlainText() == "Mine"        # ours still in place
    qtbot.mouseClick(box.merge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    merged = window.tracker.statement(kalin.id).annotation
    assert merged.note == "Mine\n\nBob: <b>firm</b> line" and merged.tags == ("mine", "bob")
    assert window.tracker.conflicts() == []
    qtbot.waitUntil(lambda: window.detail.editor.note.toPlainText() == merged.note)


def test_a_bad_bundle_is_refused_with_its_reasons(qtbot, window, tmp_path, monkeypatch, messages):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something"}', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.import_bundle_action.trigger()
    assert messages[-1][0] == "Not imported"
    assert "s400tracker-annotations" in messages[-1][1]


def test_export_briefing_writes_the_filtered_report(qtbot, window, tmp_path, monkeypatch):
    who = window.filters.who
    index = next(i for i in range(who.count()) if who.itemText(i) == "Lavrov")
    window.filters.who.setCurrentIndex(index)
    window.filters.who.activated.emit(index)   # as a click on the entry does
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    target = tmp_path / "briefing.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_briefing_action.trigger()
    html = target.read_text(encoding="utf-8")
    assert "<svg" in html and "Lavrov" in html and "Kalın" not in html
