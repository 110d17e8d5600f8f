"""The menu bar: File, Edit, View, Help with the standard shortcuts, and the actions that ask for
a file first. Actions are kept on the window (window.import_action …) so tests can trigger them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence

from s400tracker.gui import settings as prefs


def _later(w, module: str, name: str):
    """A slot calling s400tracker.gui.MODULE.NAME(w), imported when first triggered: the sharing
    and speakers flows pull in the bundle, briefing and extractor code, which the first paint
    does not need."""
    def slot():
        import importlib

        return getattr(importlib.import_module(f"s400tracker.gui.{module}"), name)(w)
    return slot


def _action(window, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(w) -> None:
    Key = QKeySequence.StandardKey
    file_menu = w.menuBar().addMenu("&File")
    w.new_store_action = _action(w, "&New store…", lambda: new_store(w), Key.New,
                                 "Create an empty store")
    w.open_store_action = _action(w, "&Open store…", lambda: open_store(w), Key.Open,
                                  "Open another store file")
    file_menu.addAction(w.new_store_action)
    file_menu.addAction(w.open_store_action)
    w.recent_menu = file_menu.addMenu("Open &recent")
    file_menu.addSeparator()
    w.import_action = _action(w, "&Import articles…", lambda: import_files(w), QKeySequence("Ctrl+I"),
                              "Import articles: text, web pages, PDF, Word, RTF, e-mail, feeds, news exports "
                              "(or drop files, folders or text on the window)")
    w.import_folder_action = _action(w, "Import &folder…", lambda: import_folder(w),
                                     QKeySequence("Ctrl+Shift+I"))
    w.export_matrix_action = _action(w, "&Export matrix…", lambda: w.export("matrix"),
                                     QKeySequence("Ctrl+E"), "Actors × dates, as shown, as CSV or XLSX")
    w.export_long_action = _action(w, "Export &statements…", lambda: w.export("long"),
                                   QKeySequence("Ctrl+Shift+E"), "One row per statement, as CSV or XLSX")
    for a in (w.import_action, w.import_folder_action):
        file_menu.addAction(a)
    file_menu.addSeparator()
    file_menu.addAction(w.export_matrix_action)
    file_menu.addAction(w.export_long_action)
    w.export_briefing_action = _action(w, "Export &briefing…", _later(w, "share_flow", "export_briefing"),
                                       QKeySequence("Ctrl+B"),
                                       "One HTML file: timeline, matrix, statements and notes, "
                                       "as filtered")
    file_menu.addAction(w.export_briefing_action)
    file_menu.addSeparator()
    w.export_bundle_action = _action(w, "Export &annotations…", _later(w, "share_flow", "export_bundle"),
                                     tip="Your annotations and corrections, for another analyst")
    w.import_bundle_action = _action(w, "Import a&nnotations…", _later(w, "share_flow", "import_bundle"),
                                     tip="Merge another analyst's annotation bundle")
    file_menu.addAction(w.export_bundle_action)
    file_menu.addAction(w.import_bundle_action)
    file_menu.addSeparator()
    w.quit_action = _action(w, "&Quit", w.close, Key.Quit)
    file_menu.addAction(w.quit_action)

    edit = w.menuBar().addMenu("&Edit")
    w.undo_action = _action(w, "&Undo", w.undo, Key.Undo)
    redo_keys = list(dict.fromkeys(
        [*QKeySequence.keyBindings(Key.Redo), QKeySequence("Ctrl+Shift+Z")]))
    w.redo_action = _action(w, "&Redo", w.redo, redo_keys)
    w.undo_action.setEnabled(False)
    w.redo_action.setEnabled(False)
    w.undo_stack.canUndoChanged.connect(w.undo_action.setEnabled)
    w.undo_stack.canRedoChanged.connect(w.redo_action.setEnabled)
    w.undo_stack.undoTextChanged.connect(
        lambda t: w.undo_action.setText(f"&Undo {t}" if t else "&Undo"))
    w.undo_stack.redoTextChanged.connect(
        lambda t: w.redo_action.setText(f"&Redo {t}" if t else "&Redo"))
    edit.addAction(w.undo_action)
    edit.addAction(w.redo_action)
    edit.addSeparator()
    w.find_action = _action(w, "&Find…", lambda: (w.filters.search.setFocus(),
                                                  w.filters.search.selectAll()), Key.Find,
                            "Search quotes and notes")
    edit.addAction(w.find_action)
    w.move_action = _action(w, "&Move statement…", lambda: _on_current(w, w.move_statement),
                            QKeySequence("Ctrl+M"))
    w.hide_action = _action(w, "&Hide statement", lambda: _on_current(w, w.hide_statement),
                            QKeySequence("Ctrl+H"))
    w.article_action = _action(w, "Show in &article", lambda: _on_current(w, w.show_in_article),
                               QKeySequence("Ctrl+R"))
    for a in (w.move_action, w.hide_action, w.article_action):
        edit.addAction(a)

    view = w.menuBar().addMenu("&View")
    w.calendar_action = _action(w, "Full &calendar", w.filters.calendar.toggle,
                                QKeySequence("Ctrl+K"))
    view.addAction(w.calendar_action)
    w.matrix_tab_action = _action(w, "&Matrix", lambda: w.tabs.setCurrentIndex(0),
                                  QKeySequence("Ctrl+1"))
    w.timeline_tab_action = _action(w, "&Timeline", lambda: w.tabs.setCurrentIndex(1),
                                    QKeySequence("Ctrl+2"))
    view.addAction(w.matrix_tab_action)
    view.addAction(w.timeline_tab_action)
    w.refresh_action = _action(w, "&Reload", w.refresh, Key.Refresh)
    view.addAction(w.refresh_action)
    w.reset_filters_action = _action(w, "Reset &filters", w.reset_filters,
                                     QKeySequence("Ctrl+Shift+R"),
                                     "Clear the search and every filter")
    view.addAction(w.reset_filters_action)
    view.addSeparator()
    w.speakers_action = _action(w, "Untracked &speakers…", _later(w, "speakers_flow", "show_speakers"),
                                QKeySequence("Ctrl+U"), "Speakers quoted who have no row yet; track one")
    view.addAction(w.speakers_action)

    help_menu = w.menuBar().addMenu("&Help")
    help_menu.addAction(_action(w, "&About s400tracker", lambda: about(w)))


def fill_recent_menu(w) -> None:
    w.recent_menu.clear()
    recent = [p for p in prefs.recent_stores(w.settings) if p != str(Path(w.tracker.path).resolve())]
    for path in recent:
        action = w.recent_menu.addAction(path)
        action.triggered.connect(lambda _c=False, p=path: w.open_store(p))
    w.recent_menu.setEnabled(bool(recent))


def _on_current(w, slot) -> None:
    statement = w.detail.current()
    if statement is not None:
        slot(statement)


def _start_dir(w) -> str:
    return str(w.settings.value("import/dir", str(Path.home())))


def import_files(w) -> None:
    from PySide6.QtWidgets import QFileDialog   # here, not at launch (see MainWindow.message)

    files, _ = QFileDialog.getOpenFileNames(w, "Import articles", _start_dir(w), article_filter())
    if files:
        w.settings.setValue("import/dir", str(Path(files[0]).parent))
        w.start_import([Path(f) for f in files])


def article_filter() -> str:
    """The file dialog's filters: every type import reads, then each family, then all files."""
    from s400tracker.formats import SUFFIXES

    def patterns(suffixes) -> str:
        return " ".join(f"*{s}" for s in suffixes)

    families = [("Web pages", (".html", ".htm", ".xhtml", ".mht", ".mhtml")),
                ("Word and OpenDocument", (".docx", ".doc", ".odt")), ("PDF", (".pdf",)),
                ("RTF", (".rtf",)), ("E-mail", (".eml",)), ("Feeds", (".xml", ".rss", ".atom")),
                ("Text", (".txt",))]
    return ";;".join([f"Articles ({patterns(SUFFIXES)})",
                      *(f"{name} ({patterns(s)})" for name, s in families), "All files (*)"])


def import_folder(w) -> None:
    from PySide6.QtWidgets import QFileDialog

    folder = QFileDialog.getExistingDirectory(w, "Import a folder of articles", _start_dir(w))
    if folder:
        w.settings.setValue("import/dir", folder)
        w.start_import([Path(folder)])


def new_store(w) -> None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(w, "New store", str(Path.home() / "tracker.db"),
                                          "s400tracker stores (*.db);;All files (*)")
    if not path:
        return
    if Path(path).exists():
        # Never replace a store (months of annotations) by an empty one from a Save dialog.
        w.error("The file exists", f"{path} already exists. Use File → Open store to open it.")
        return
    w.open_store(path, create=True)


def open_store(w) -> None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(w, "Open store", str(Path(w.tracker.path).parent),
                                          "s400tracker stores (*.db);;All files (*)")
    if path:
        w.open_store(path)


def about(w) -> None:
    from s400tracker import __version__

    w.message("About s400tracker",
              f"s400tracker {__version__}\n\nReactions to the December 2020 US sanctions on "
              "Turkey over the S-400, by actor and day.\n\nStore: " + w.tracker.path)
