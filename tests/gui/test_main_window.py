"""The main window driven as an analyst would: clicks, keys, menus (file dialogs and message boxes
monkeypatched, since modal dialogs block offscreen)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QToolButton

from s400tracker import cli
from s400tracker.services.tracker import Tracker

KALIN_DAY = dt.date(2021, 2, 11)


def click_cell(qtbot, window, actor_key, day):
    model, view = window.model, window.view
    index = model.index(model.row_of(actor_key), model.column_of(day))
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert view.currentIndex() == index


def stored_note(db_path, statement_id):
    with Tracker.open(db_path) as t:   # a second connection: what is really on disk
        a = t.statement(statement_id).annotation
        return a.note if a else None


def test_opens_on_the_seeds_with_the_seven_actors_grouped(window):
    model = window.model
    names = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert names == ["US State Dept", "Turkish MFA", "Akar", "Cavusoglu", "Kalın", "CHP", "Lavrov"]
    days = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert days == ["Mon 14 Dec 2020", "Tue 15 Dec 2020", "Thu 17 Dec 2020", "Tue 9 Feb 2021",
                    "Thu 11 Feb 2021"]
    assert f"{window.tracker.statement_count()} statements · 7 actors · 5 days" in window.counts.text()
    assert str(window.tracker.path) in window.store_label.text()


def test_selecting_kalin_on_11_february_shows_his_statement(qtbot, window):
    click_cell(qtbot, window, "kalin", KALIN_DAY)
    detail = window.detail
    assert detail.heading.text() == "Kalın · Thu 11 Feb 2021 · 4 statements"
    assert detail.quote.text().startswith("“Turkey will not turn back from its acquisition")
    assert "Reported" in detail.meta.text()
    assert "Presidential Spokesperson Ibrahim Kalın" in detail.meta.text()
    assert "Kalın: Turkey will not turn back from S-400 acquisition" in detail.source.text()
    assert "said on Thursday" in detail.context.text()
    detail.list.setCurrentRow(3)
    assert detail.quote.text().startswith("“talks are being held with Washington")


def test_the_matrix_is_usable_from_the_keyboard(qtbot, window):
    window.view.setFocus()
    window.select_cell("us-state-dept", dt.date(2020, 12, 14))
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Right):
        qtbot.keyClick(window.view, key)
    assert window.detail.heading.text().startswith("Akar · Tue 15 Dec 2020 · ")
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert window.detail.list.hasFocus()
    qtbot.keyClick(window.detail.list, Qt.Key.Key_Escape)
    assert window.view.hasFocus()


def test_a_typed_note_is_saved_without_a_save_button_and_ctrl_z_takes_it_out(qtbot, window, db_path):
    click_cell(qtbot, window, "kalin", KALIN_DAY)
    sid = window.detail.current().id
    window.detail.editor.note.setFocus()
    qtbot.keyClicks(window.detail.editor.note, "No retreat")
    qtbot.waitUntil(lambda: stored_note(db_path, sid) == "No retreat", timeout=2000)
    # the cell shows it is annotated
    qtbot.waitUntil(lambda: window.model.data(window.view.currentIndex()).startswith("✎ 4 · "))

    qtbot.keyClick(window.detail.editor.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_note(db_path, sid) is None
    qtbot.waitUntil(lambda: window.detail.editor.note.toPlainText() == "")
    assert window.detail.current().id == sid

    qtbot.keyClick(window.view, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stored_note(db_path, sid) == "No retreat"
    qtbot.waitUntil(lambda: window.detail.editor.note.toPlainText() == "No retreat")


def test_ctrl_z_right_after_typing_takes_back_the_unsaved_text_too(qtbot, window, db_path):
    click_cell(qtbot, window, "kalin", KALIN_DAY)
    sid = window.detail.current().id
    window.detail.editor.note.setFocus()
    qtbot.keyClicks(window.detail.editor.note, "draft")
    assert window.detail.editor.pending()      # the save timer has not fired yet
    qtbot.keyClick(window.detail.editor.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_note(db_path, sid) is None
    qtbot.waitUntil(lambda: window.detail.editor.note.toPlainText() == "")
    assert window.redo_action.isEnabled()


def test_the_matrix_has_the_focus_when_the_window_opens(qtbot, window):
    # Right after the first paint, with the first statement shown.
    qtbot.waitUntil(window.view.hasFocus, timeout=2000)
    assert window.detail.heading.text().startswith("US State Dept · Mon 14 Dec 2020 · ")


def test_the_window_opens_on_the_first_cell_that_holds_a_statement(qtbot, db_path, qsettings, messages):
    from s400tracker.gui.main_window import MainWindow

    with Tracker.open(db_path) as t:   # the top-left cell, US State Dept on 14 December, emptied
        for s in t.statements():
            if s.actor == "us-state-dept" and s.date == dt.date(2020, 12, 14):
                t.hide(s.id)
    w = MainWindow(Tracker.open(db_path), qsettings)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitUntil(w.view.hasFocus, timeout=2000)
    assert w.model.data(w.model.index(0, 0)) is None
    assert w.view.currentIndex() == w.model.index(1, 0)
    assert w.detail.heading.text().startswith("Turkish MFA · Mon 14 Dec 2020 · ")
    assert w.detail.current() is not None
    w.close()
    w.tracker.close()


def test_typing_is_saved_at_once_when_the_selection_changes_or_the_window_closes(qtbot, window, db_path):
    click_cell(qtbot, window, "kalin", KALIN_DAY)
    first = window.detail.current().id
    qtbot.keyClicks(window.detail.editor.note, "first")
    window.detail.list.setCurrentRow(1)     # before the save timer fires
    assert stored_note(db_path, first) == "first"
    second = window.detail.current().id
    qtbot.keyClicks(window.detail.editor.tags, "ankara, s-400")
    window.close()
    with Tracker.open(db_path) as t:
        assert t.statement(second).annotation.tags == ("ankara", "s-400")


def test_stance_tints_the_cell_and_undo_restores_it(qtbot, window, db_path):
    # A cell holding one statement, so its stance decides the cell's tint.
    m = window.model.matrix
    cell = next(c for c in m.cells.values() if c.count == 1)
    click_cell(qtbot, window, cell.actor, cell.date)
    editor = window.detail.editor
    before = window.model.data(window.view.currentIndex(), Qt.ItemDataRole.BackgroundRole)
    editor.stance.setCurrentIndex(editor.stance.findData("threaten"))
    editor.stance.activated.emit(editor.stance.currentIndex())
    with Tracker.open(db_path) as t:
        assert t.statement(window.detail.current().id).annotation.stance == "threaten"
    qtbot.waitUntil(lambda: window.model.data(window.view.currentIndex(),
                                              Qt.ItemDataRole.BackgroundRole) != before)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: editor.stance.currentData() is None)


def test_markup_in_notes_and_quotes_shows_as_characters(qtbot, window):
    t = window.tracker
    sid = t.cell_statements("kalin", KALIN_DAY)[0].id
    t.annotate(sid, note="<b>x</b> <img src=y>")
    window.refresh()
    click_cell(qtbot, window, "kalin", KALIN_DAY)
    assert window.detail.editor.note.toPlainText() == "<b>x</b> <img src=y>"
    for label in (window.detail.quote, window.detail.meta, window.detail.context,
                  window.detail.source):
        assert label.textFormat() == Qt.TextFormat.PlainText
    tooltip = window.model.data(window.view.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    assert "<b>" not in tooltip.replace("<br>", "")   # only our own line breaks are markup


def test_export_from_the_menu_writes_the_same_bytes_as_the_cli(qtbot, window, db_path, tmp_path,
                                                              monkeypatch):
    for kind, action in (("matrix", window.export_matrix_action), ("long", window.export_long_action)):
        target = tmp_path / f"gui-{kind}.csv"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        action.trigger()
        assert cli.main(["export", "--db", str(db_path), "--format", kind,
                         "-o", str(tmp_path / f"cli-{kind}.csv")]) == 0
        assert target.read_bytes() == (tmp_path / f"cli-{kind}.csv").read_bytes()
    assert "Kalın" in (tmp_path / "gui-matrix.csv").read_text(encoding="utf-8-sig")


NEW_ARTICLE = ('date 2021-03-02 Moscow\n\n"Sanctions will not stop our military cooperation with '
               'Ankara," Russian Foreign Minister Sergei Lavrov said on Tuesday.\n')


def test_importing_from_the_dialog_adds_the_article_and_the_matrix_grows(qtbot, window, tmp_path,
                                                                         monkeypatch, messages):
    article = tmp_path / "lavrov.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(article), str(broken)], ""))
    columns = window.model.columnCount()
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    title, text = messages[-1]
    assert title == "Import finished"
    assert text.startswith("1 added, 0 already present, 1 failed")
    assert "broken.txt" in text
    assert window.model.columnCount() == columns + 1
    assert window.model.headerData(columns, Qt.Orientation.Horizontal) == "Tue 2 Mar 2021"
    assert window.select_cell("lavrov", dt.date(2021, 3, 2))
    assert "military cooperation" in window.detail.quote.text()
    assert window.import_action.isEnabled()


def test_dropping_a_folder_imports_it(qtbot, window, tmp_path, messages):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lavrov.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "in"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert messages[-1][1].startswith("1 added")
    assert window.model.column_of(dt.date(2021, 3, 2)) >= 0


def test_show_in_article_highlights_the_quote_and_shows_markup_as_text(qtbot, window):
    click_cell(qtbot, window, "kalin", KALIN_DAY)
    window.detail.list.setCurrentRow(2)
    window.detail.article_button.click()
    view = window.articles[-1]
    assert view.isVisible()
    assert view.highlighted_text() == window.detail.current().quote


def test_an_article_view_never_renders_markup(qtbot):
    from s400tracker.core.model import Document
    from s400tracker.gui.widgets.article_view import ArticleView

    text = "Intro\r\nHe said <b>no</b> 🙂 and <img src=x> \"quoted words\" today."
    doc = Document(id=1, sha256="x", path="a.txt", title="<i>t</i>", outlet="", published=None,
                   date_basis="undated", text=text)
    start = text.index("quoted")
    view = ArticleView(doc, start, start + len("quoted words"))
    qtbot.addWidget(view)
    assert "<b>no</b> 🙂 and <img src=x>" in view.text.toPlainText()
    assert view.highlighted_text() == "quoted words"


def test_move_hide_and_add_are_undoable(qtbot, window, monkeypatch):
    from s400tracker.gui.widgets.statement_dialog import StatementDialog

    click_cell(qtbot, window, "kalin", KALIN_DAY)
    moved = window.detail.current()

    def accept_as(actor, day, kind=None):
        def exec_(dialog):
            from PySide6.QtCore import QDate

            dialog.actor.setCurrentIndex(dialog.actor.findData(actor))
            dialog.date.setDate(QDate(day.year, day.month, day.day))
            return StatementDialog.DialogCode.Accepted
        monkeypatch.setattr(StatementDialog, "exec", exec_)

    accept_as("akar", dt.date(2021, 2, 9))
    window.move_action.trigger()
    # the selection follows the statement to its new cell
    qtbot.waitUntil(lambda: window.detail.heading.text().startswith("Akar · Tue 9 Feb 2021"))
    assert window.detail.current().id == moved.id
    assert window.tracker.statement(moved.id).actor == "akar"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.detail.heading.text().startswith("Kalın · Thu 11 Feb 2021"))
    assert window.tracker.statement(moved.id).actor == "kalin"

    window.hide_action.trigger()
    qtbot.waitUntil(lambda: "3 statements" in window.detail.heading.text())
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "4 statements" in window.detail.heading.text())

    window.detail.article_button.click()
    view = window.articles[-1]
    cursor = view.text.textCursor()
    start = view.text.toPlainText().index("Speaking in an interview")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Speaking in an interview"), cursor.MoveMode.KeepAnchor)
    view.text.setTextCursor(cursor)
    accept_as("kalin", KALIN_DAY)
    view.add_button.click()
    qtbot.waitUntil(lambda: "5 statements" in window.detail.heading.text())
    assert window.detail.current().quote == "Speaking in an interview"
    assert window.detail.current().origin == "analyst"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "4 statements" in window.detail.heading.text())


def test_filters_narrow_the_matrix(qtbot, window):
    window.filters.search.setText("arrogant")
    qtbot.waitUntil(lambda: window.model.columnCount() == 1, timeout=2000)
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Mon 14 Dec 2020"
    row = window.model.row_of("lavrov")
    n = window.tracker.statement_count(window.model.filter.replace(actors=("lavrov",)))
    assert n >= 1
    assert window.model.data(window.model.index(row, 0)).startswith(f"{n} · ")
    assert window.model.data(window.model.index(row - 1, 0)) is None
    assert "(filtered)" in window.counts.text()
    window.filters.search.clear()
    window.filters.annotated.setChecked(True)
    qtbot.waitUntil(lambda: window.model.columnCount() == 0, timeout=2000)


def test_the_search_box_offers_to_clear_what_was_typed(qtbot, window):
    search = window.filters.search
    window.show()
    qtbot.waitExposed(window)
    qtbot.keyClicks(search, "akar")
    buttons = search.findChildren(QToolButton)
    assert len(buttons) == 1
    qtbot.waitUntil(buttons[0].isVisible, timeout=2000)
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert search.text() == ""


@pytest.mark.parametrize("edit_name,opens_on", [("since", (2020, 12)), ("until", (2021, 2))])
def test_the_date_pickers_open_on_the_stores_dates_not_1990(qtbot, window, edit_name, opens_on):
    edit = getattr(window.filters, edit_name)
    assert edit.date() == edit.minimumDate()   # "any"
    window.show()
    qtbot.waitExposed(window)
    arrow = QPoint(edit.width() - 6, edit.height() // 2)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    assert (calendar.yearShown(), calendar.monthShown()) == opens_on
    calendar.window().close()
    # Opened again, still on the store's dates; once a day is picked, on that day's month.
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    assert (calendar.yearShown(), calendar.monthShown()) == opens_on
    calendar.window().close()
    edit.setDate(QDate(2021, 1, 20))
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    assert (calendar.yearShown(), calendar.monthShown()) == (2021, 1)
    calendar.window().close()


def test_full_calendar_fills_every_day(qtbot, window):
    window.filters.calendar.setChecked(True)
    assert window.model.columnCount() == (KALIN_DAY - dt.date(2020, 12, 14)).days + 1
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Tue 15 Dec 2020"


def test_layout_and_store_are_remembered(qtbot, window, qsettings):
    from s400tracker.gui import settings as prefs

    window.close()
    assert qsettings.value("window/geometry") is not None
    assert prefs.last_store(qsettings) == str(window.tracker.path)


def test_open_store_switches_and_lists_the_previous_as_recent(qtbot, window, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    first = str(window.tracker.path)
    window.new_store_action.trigger()
    assert str(window.tracker.path) == str(other)
    assert window.model.columnCount() == 0
    assert [a.text() for a in window.recent_menu.actions()] == [first]


def test_without_a_store_named_the_app_reopens_the_last_one(tmp_path, qsettings, db_path):
    from s400tracker.gui import settings as prefs
    from s400tracker.gui.app import initial_store

    assert initial_store(qsettings) is None          # first run: the default store
    prefs.remember_store(qsettings, str(db_path))
    assert initial_store(qsettings) == str(db_path.resolve())
    db_path.unlink()                                  # moved away since: back to the default
    assert initial_store(qsettings) is None


def test_opens_on_a_statement_not_an_empty_panel(qtbot, window):
    qtbot.waitUntil(lambda: window.detail.current() is not None, timeout=3000)
    index = window.view.currentIndex()
    assert window.model.cell(index.row(), index.column()) is not None


def test_tag_completions_reach_the_editor_built_after_the_first_paint(qtbot):
    """The panel builds the statement's editor when a statement is first shown: tags known
    before then must still complete in it, and an empty cell must not build it."""
    from s400tracker.gui.widgets.detail_panel import DetailPanel

    panel = DetailPanel()
    qtbot.addWidget(panel)
    panel.set_completions(["sanctions", "S-400"])
    panel.show_statements("Turkish MFA · nothing said", [])
    assert panel.body is None
    panel.flush()   # nothing typed anywhere: nothing to save, and nothing built to save it
    completer = panel.editor.tags.completer()
    assert completer is not None
    assert completer.model().stringList() == ["sanctions", "S-400"]


def test_a_recent_store_that_is_gone_is_not_recreated_but_new_store_creates(window, messages, tmp_path,
                                                                            monkeypatch):
    from s400tracker.gui import menus, settings as prefs

    gone = tmp_path / "moved away.db"
    prefs.remember_store(window.settings, str(gone))
    menus.fill_recent_menu(window)
    [action] = [a for a in window.recent_menu.actions() if a.text() == str(gone)]
    action.trigger()
    assert messages and messages[-1][0] == "Could not open the store"
    assert f"no store {gone}" in messages[-1][1]
    assert not gone.exists() and window.tracker.path != str(gone)

    new = tmp_path / "fresh.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(new), ""))
    menus.new_store(window)
    assert window.tracker.path == str(new) and new.stat().st_size > 0


def test_the_legend_wraps_between_entries_never_inside_one(window):
    # A narrow window wraps the legend; a colour square left at the end of a line, its label on
    # the next, reads as the key of the wrong word.
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(window.legend.text())
    shown = doc.toRawText()   # keeps no-break spaces as they are
    for label in ("United States", "Make public statement", "Call for dialogue", "Condemn"):
        assert f"■\u00a0{label.replace(' ', chr(0xa0))}" in shown, label
