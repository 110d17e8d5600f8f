"""The main window: filters over the matrix, the selected cell's detail beside it, menus.

The Tracker is injected; every read and write goes through it. Edits become QUndoCommands; each
command calls `_changed`, which re-reads what is shown on the next turn of the event loop (so a
save triggered by a selection change never resets the model under the view's feet).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget,
)

from s400tracker.core.query import bucket_start
from s400tracker.core.text import counted
from s400tracker.gui import commands, labels, settings as prefs
from s400tracker.gui.models.matrix_model import MatrixModel
from s400tracker.gui.palette import STANCE_HUES
from s400tracker.gui.widgets.detail_panel import DetailPanel
from s400tracker.gui.widgets.filter_bar import FilterBar
from s400tracker.gui.widgets.matrix_view import MatrixView
from s400tracker.core.model import STANCES
from s400tracker.gui.menus import build_menus, fill_recent_menu
from s400tracker.store import NotFoundError, StoreError


DETAIL_WIDTH = 400


class MainWindow(QMainWindow):
    def __init__(self, tracker, settings: QSettings, parent=None):
        super().__init__(parent)
        self.tracker = tracker
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.importer = None   # an ImportRunner while one runs
        self.articles: list = []   # open ArticleViews
        self._focus_statement: str | None = None
        self._sized = False
        self._select_after_paint = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        self.filters = FilterBar()
        self.model = MatrixModel(tracker, self)
        self.view = MatrixView()
        self.view.setModel(self.model)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)   # built from escaped names only
        self.legend.setContentsMargins(6, 0, 6, 4)
        self.legend.setWordWrap(True)
        self.detail = DetailPanel()

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addWidget(self.legend)
        # The matrix and the timeline: two pictures of the same filtered statements. The
        # timeline's panel is built when its tab is first shown (the first paint is the matrix).
        self.timeline = None
        self._timeline_tab = QWidget()
        QVBoxLayout(self._timeline_tab).setContentsMargins(0, 0, 0, 0)
        self._timeline_stale = True
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(left, "Matrix")
        self.tabs.addTab(self._timeline_tab, "Timeline")
        self.tabs.setCornerWidget(self.filters.layout_controls, Qt.Corner.TopRightCorner)
        self.tabs.currentChanged.connect(lambda _i: self._update_timeline())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 520])
        center = QWidget()
        outer = QVBoxLayout(center)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.filters)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(center)

        self.counts = QLabel()
        self.store_label = QLabel()
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.counts, 1)
        self.statusBar().addPermanentWidget(self.store_label)

        build_menus(self)
        self.setAcceptDrops(True)
        self.view.selectionModel().currentChanged.connect(lambda cur, _prev: self._show_cell(cur))
        self.view.open_detail.connect(self.focus_detail)
        self.filters.changed.connect(self.apply_filters)
        self.detail.edited.connect(self._annotation_edited)
        self.detail.typing.connect(lambda: self.undo_action.setEnabled(True))
        self.detail.show_in_article.connect(self.show_in_article)
        self.detail.move_requested.connect(self.move_statement)
        self.detail.hide_requested.connect(self.hide_statement)
        self.detail.split_requested.connect(self.split_statement)
        self.detail.current_changed.connect(self._current_statement_changed)
        self.detail.conflict_resolve.connect(self._resolve_conflict)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.view.setFocus)

        self._store_opened()
        self._restore_layout()

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the matrix and the detail, keeping (or moving to) the statement in focus."""
        self._refresh_timer.stop()
        current = self.view.currentIndex()
        where = None
        if current.isValid():
            where = (self.model.actor_at(current.row()).key, self.model.column_at(current.column()))
        keep = self.detail.current().id if self.detail.current() else None
        focus, self._focus_statement = self._focus_statement, None
        self.model.reload()
        if focus is not None:
            # Undo, redo and moves show the statement they touched, wherever it now is.
            try:
                s = self.tracker.statement(focus)
                if self._shows_hidden(s.hidden) and s.actor is not None:
                    column = bucket_start(s.date, self.model.bucket) if s.date else None
                    if self.model.row_of(s.actor) >= 0 and self.model.column_of(column) >= 0:
                        where, keep = (s.actor, column), focus
            except NotFoundError:
                pass
        self._select(where, keep)
        self._update_choices()
        self._update_status()
        self._timeline_changed()

    def _shows_hidden(self, hidden: bool) -> bool:
        """Whether the filters shown let a statement that is (or is not) hidden through."""
        f = self.model.filter
        return (f.include_hidden or f.hidden_only) if hidden else not f.hidden_only

    def reset_filters(self) -> None:
        self.filters.reset()   # emits `changed` once: apply_filters

    def apply_filters(self) -> None:
        self.detail.flush()
        self.model.set_query(self.filters.filter(), self.filters.bucket_code(),
                             self.filters.calendar.isChecked())
        self._select(None, None)
        self._update_status()
        self._timeline_changed()

    def select_cell(self, actor_key: str, column) -> bool:
        """Select the cell of `actor_key` × `column` (a bucket's first day); False if not shown."""
        row, col = self.model.row_of(actor_key), self.model.column_of(column)
        if row < 0 or col < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row, col))
        return True

    def select_statement(self, statement_id: str) -> bool:
        """Show one statement in the detail panel (and its cell in the matrix); False if the
        matrix does not show it."""
        try:
            s = self.tracker.statement(statement_id)
        except NotFoundError:
            return False
        if s.actor is None:
            return False
        column = bucket_start(s.date, self.model.bucket) if s.date else None
        if self.model.row_of(s.actor) < 0 or self.model.column_of(column) < 0:
            return False
        self._select((s.actor, column), statement_id)
        return True

    def _timeline_changed(self) -> None:
        # Drawn when shown: a store of 100,000 statements costs nothing while the matrix is up.
        self._timeline_stale = True
        self._update_timeline()

    def _update_timeline(self) -> None:
        if not self._timeline_stale or self.tabs.currentWidget() is not self._timeline_tab:
            return
        self._timeline_stale = False
        if self.timeline is None:
            from s400tracker.gui.widgets.timeline_view import TimelinePanel

            self.timeline = TimelinePanel()
            self.timeline.view.statement_clicked.connect(self.select_statement)
            self._timeline_tab.layout().addWidget(self.timeline)
        # The matrix's rows, in its order (grouped), so both tabs list actors alike.
        rows = [self.model.actor_at(r) for r in range(self.model.rowCount())]
        self.timeline.set_statements(rows, self.tracker.statements(self.model.filter))
        current = self.detail.current()
        self.timeline.view.set_selected(current.id if current else None)

    def _current_statement_changed(self, statement) -> None:
        self.hide_action.setText("Un&hide statement" if statement is not None and statement.hidden
                                 else "&Hide statement")
        self.detail.show_conflicts(self.tracker.conflicts(statement.id) if statement is not None else [])
        if self.timeline is not None:
            self.timeline.view.set_selected(statement.id if statement is not None else None)

    def _resolve_conflict(self, *args) -> None:
        from s400tracker.gui import share_flow

        share_flow.resolve(self, *args)

    def focus_detail(self) -> None:
        target = self.detail.list if self.detail.list.isVisible() else self.detail.editor.stance
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _select(self, where, keep: str | None) -> None:
        row = self.model.row_of(where[0]) if where else -1
        col = self.model.column_of(where[1]) if where else -1
        if row >= 0 and col >= 0:
            index = self.model.index(row, col)
            self.view.selectionModel().blockSignals(True)
            self.view.setCurrentIndex(index)
            self.view.selectionModel().blockSignals(False)
            self.view.viewport().update()
            self._show_cell(index, keep)
        else:
            self.detail.show_statements("Select a cell of the matrix", [])

    def _show_cell(self, index, keep: str | None = None) -> None:
        self.detail.flush()
        if not index.isValid():
            self.detail.show_statements("Select a cell of the matrix", [])
            return
        actor = self.model.actor_at(index.row())
        column = self.model.column_at(index.column())
        found = self.model.cell_statements(index.row(), index.column()) if self.model.data(
            index, Qt.ItemDataRole.UserRole + 3) else []
        n = len(found)
        heading = f"{actor.name} · {labels.column(column, self.model.bucket)} · " + (
            counted(n, "statement") if n else "nothing said")
        self.detail.show_statements(heading, found, keep)

    def _update_choices(self) -> None:
        self.filters.set_choices(self.tracker.actors(), [g for g, _ in self.tracker.groups()],
                                 self.tracker.tags(), self.tracker.date_span())
        self.detail.set_completions(self.tracker.tags())

    def _update_status(self) -> None:
        m = self.model.layout   # rows and columns only: reading every cell would cost seconds
        shown = self.tracker.statement_count(self.model.filter)
        filtered = " (filtered)" if self.filters.is_active() else ""
        self.counts.setText(
            f"{counted(shown, 'statement')}{filtered} · {counted(len(m.rows), 'actor')} · "
            f"{counted(len(m.columns), 'column' if self.model.bucket != 'day' else 'day')} · "
            f"{counted(self.tracker.document_count(), 'article')}")
        self.store_label.setText(f"Store: {self.tracker.path}")
        groups = " ".join(
            f"<span style='color:{html.escape(c)}'>■</span> {html.escape(g)}"
            for g, c in self.tracker.groups() if g)
        # Every stance, always: finding the ones present would read every cell of the matrix.
        stances = " ".join(
            f"<span style='color:{STANCE_HUES[s]}'>■</span> {html.escape(STANCES[s].split(' /')[0])}"
            for s in STANCES)
        self.legend.setText(f"{groups} &nbsp;·&nbsp; Cell colour: {stances} &nbsp;·&nbsp; "
                            f"✎ annotated &nbsp;·&nbsp; ⚠ conflicting annotations (from a "
                            f"bundle) to resolve")

    # -- the analyst's edits ----------------------------------------------------------------

    def _changed(self, statement_id: str | None = None) -> None:
        # Called from inside QUndoCommands: only schedule the re-read.
        self._focus_statement = statement_id
        self._refresh_timer.start()

    def _annotation_edited(self, statement_id, before, after, session) -> None:
        try:
            self.undo_stack.push(commands.AnnotateCommand(
                self.tracker, statement_id, before, after, self._changed, session))
        except StoreError as e:
            self.error("Could not save the annotation", str(e))

    def undo(self) -> None:
        self.detail.flush()   # what was just typed is part of what Ctrl+Z takes back
        self.undo_stack.undo()

    def redo(self) -> None:
        self.detail.flush()
        self.undo_stack.redo()

    def move_statement(self, statement) -> None:
        from s400tracker.gui.widgets.statement_dialog import StatementDialog

        dialog = StatementDialog("Move statement", self.tracker.actors(), statement.actor,
                                 statement.date, quote=statement.quote,
                                 # the store reads "no date" as "the date extraction found"
                                 allow_undated=False, parent=self)
        if dialog.exec() != StatementDialog.DialogCode.Accepted:
            return
        actor, date, _ = dialog.values()
        self.undo_stack.push(commands.MoveCommand(self.tracker, statement, actor, date, self._changed))

    def hide_statement(self, statement) -> None:
        """Hide the statement, or unhide it when it is hidden (shown by a hidden filter)."""
        hide = not statement.hidden
        self.undo_stack.push(commands.HideCommand(self.tracker, statement.id, hide, self._changed))
        self.statusBar().showMessage(
            "Statement hidden — Ctrl+Z brings it back, as does Unhide under Hidden only" if hide
            else "Statement unhidden — Ctrl+Z hides it again", 5000)

    def split_statement(self, statement) -> None:
        self.undo_stack.push(commands.SplitCommand(self.tracker, statement.id, self._changed))
        self.statusBar().showMessage("Reports split into statements of their own — Ctrl+Z merges them again",
                                     5000)

    def show_in_article(self, statement):
        """Open the statement's first source in an ArticleView (returned); None without one."""
        from s400tracker.gui.widgets.article_view import ArticleView

        if not statement.sources:
            return None
        src = statement.sources[0]
        view = ArticleView(self.tracker.document(src.document_id), src.start, src.end, self)
        view.add_requested.connect(self.add_statement)
        view.finished.connect(lambda _r, v=view: self.articles.remove(v) if v in self.articles else None)
        self.articles.append(view)
        view.show()
        return view

    def add_statement(self, document, start: int, end: int) -> None:
        from s400tracker.gui.widgets.statement_dialog import StatementDialog

        current = self.detail.current()
        dialog = StatementDialog("Add statement", self.tracker.actors(),
                                 current.actor if current else None, document.published,
                                 kind="direct", quote=document.text[start:end], parent=self)
        if dialog.exec() != StatementDialog.DialogCode.Accepted:
            return
        actor, date, kind = dialog.values()
        args = (document.id, start, end, actor, date, kind)
        try:
            added = self.tracker.add_statement(*args)
        except (ValueError, NotFoundError) as e:
            self.error("Could not add the statement", str(e))
            return
        self.undo_stack.push(commands.AddStatementCommand(self.tracker, added, args, self._changed))
        self._changed(added.id)

    # -- stores -----------------------------------------------------------------------------

    def open_store(self, path: str, seed: bool = False, create: bool = False) -> bool:
        """Open an existing store; `create` for File → New store only."""
        from s400tracker.services.tracker import Tracker

        if self.importer and self.importer.running():
            self.error("Import in progress", "Wait for the import to finish, or cancel it.")
            return False
        self.detail.flush()
        try:
            tracker = Tracker.open(path, seed=seed, create=create)
        except (StoreError, OSError) as e:
            self.error("Could not open the store", str(e))
            return False
        self.undo_stack.clear()   # its commands point at the old store
        old, self.tracker = self.tracker, tracker
        old.close()
        self.model.set_tracker(tracker)
        self._store_opened()
        self._timeline_changed()
        return True

    def _store_opened(self) -> None:
        prefs.remember_store(self.settings, self.tracker.path)
        self.setWindowTitle(f"{Path(self.tracker.path).name} — s400tracker")
        self.setWindowFilePath(self.tracker.path)
        fill_recent_menu(self)
        self._select(None, None)
        self._update_choices()
        self._update_status()

    # -- import and export ------------------------------------------------------------------

    def start_import(self, paths: list[Path]) -> None:
        if not paths:
            return
        if self.importer and self.importer.running():
            self.error("Import in progress", "Wait for the current import to finish.")
            return
        self.detail.flush()
        from s400tracker.gui.import_flow import ImportRunner

        self.import_action.setEnabled(False)
        self.importer = ImportRunner(self.tracker, [Path(p) for p in paths], self)
        self.importer.done.connect(self._import_done)
        self.importer.error.connect(self._import_failed)

    def _import_done(self, report) -> None:
        self.import_action.setEnabled(True)
        self.refresh()
        from s400tracker.gui.widgets.import_report import ImportReportDialog

        ImportReportDialog(report, self).exec()

    def _import_failed(self, message: str) -> None:
        self.import_action.setEnabled(True)
        self.refresh()
        self.error("Import stopped", message)

    def export(self, kind: str) -> None:
        from s400tracker.gui import export_flow

        export_flow.export(self, kind)

    # -- messages ---------------------------------------------------------------------------

    def message(self, title: str, text: str, warning: bool = False) -> None:
        # Imported here, as the file dialogs are: PySide creates a class's enumerations when the
        # class is first used, and the message box's were a few milliseconds of every launch.
        from PySide6.QtWidgets import QMessageBox

        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)   # file names and reasons are data
        box.exec()

    def error(self, title: str, text: str) -> None:
        self.message(title, text, warning=True)

    # -- window -----------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        # Files, folders, and text from a browser or an editor; links too, to say why not. Not
        # text dragged within the app (a quote from the article view is no new article).
        if event.mimeData().hasUrls() or (event.mimeData().hasText() and event.source() is None):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        from s400tracker.gui.import_flow import dropped

        event.acceptProposedAction()
        # Start after the drop returns, so the source application is not kept waiting.
        mime = event.mimeData()
        urls, text = list(mime.urls()) if mime.hasUrls() else [], mime.text() if mime.hasText() else ""
        QTimer.singleShot(0, lambda: dropped(self, urls, text))

    def closeEvent(self, event) -> None:
        self.detail.flush()
        self.filters.stop()
        self._refresh_timer.stop()
        if self.importer and self.importer.running():
            self.importer.cancel_and_wait()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()
        for view in list(self.articles):
            view.close()
        super().closeEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._select_after_paint:
            self._select_after_paint = False
            QTimer.singleShot(0, self._select_first_cell)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            if prefs.load_bytes(self.settings, "window/splitter") is None:
                # First run: the detail panel gets room for a quote, the matrix the rest.
                width = self.splitter.width()
                self.splitter.setSizes([max(480, width - DETAIL_WIDTH), DETAIL_WIDTH])
            # Open on a statement rather than an empty panel: the first cell that holds one,
            # chosen once the window is on screen (reading and laying out the statement first
            # held the whole window back). The matrix takes the keyboard focus then too: given
            # it before, Qt makes its first cell current, which the panel read and laid out
            # ahead of the first paint, and which the first cell holding a statement never
            # replaced, empty or not.
            self._select_after_paint = True

    def _select_first_cell(self) -> None:
        if not self.view.currentIndex().isValid():   # nothing chosen meanwhile
            first = self._first_filled_cell()
            if first is not None:
                self.view.setCurrentIndex(first)
        self.view.setFocus()   # arrows move through the matrix from the start

    def _first_filled_cell(self):
        columns = min(self.model.columnCount(), 64)   # the first screenful is enough to look at
        for row in range(self.model.rowCount()):
            for column in range(columns):
                if self.model.cell(row, column) is not None:
                    return self.model.index(row, column)
        return None

    def _restore_layout(self) -> None:
        if prefs.load_bytes(self.settings, "window/geometry") is None:
            # First run: a comfortable size, never larger than the screen.
            screen = self.screen().availableGeometry()
            self.resize(min(1360, int(screen.width() * 0.92)), min(860, int(screen.height() * 0.92)))
        for key, restore in (("window/geometry", self.restoreGeometry),
                             ("window/state", self.restoreState),
                             ("window/splitter", self.splitter.restoreState)):
            data = prefs.load_bytes(self.settings, key)
            if data is not None:
                restore(data)
