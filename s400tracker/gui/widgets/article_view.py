"""An article's full text with one quote highlighted; selecting text there adds a statement the
extractor missed.

The text is set with setPlainText: an article containing "<img src=…>" shows those characters.
Offsets between the store and the view go through gui.textpos (CRLF, characters beyond the BMP).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QVBoxLayout,
)

from s400tracker.core.model import Document
from s400tracker.gui import labels, textpos


class ArticleView(QDialog):
    add_requested = Signal(object, int, int)   # Document, start, end (store offsets)

    def __init__(self, document: Document, start: int | None = None, end: int | None = None,
                 parent=None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(document.title or document.path)
        self.resize(720, 640)
        header = QLabel(f"{document.outlet or 'Unknown outlet'} · published "
                        f"{labels.day(document.published)} · {document.path}")
        header.setTextFormat(Qt.TextFormat.PlainText)
        header.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setPlainText(textpos.display_text(document.text))
        self.add_button = QPushButton("Add statement from selection…")
        self.add_button.setToolTip("Select the words of a quote the extractor missed, then add it")
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self._add)
        self.text.selectionChanged.connect(
            lambda: self.add_button.setEnabled(self.text.textCursor().hasSelection()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        if start is not None and end is not None:
            self.highlight(start, end)

    def highlight(self, start: int, end: int) -> None:
        """Mark the span [start, end) of the stored text and scroll it into view."""
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(textpos.to_qt(self.document.text, start))
        cursor.setPosition(textpos.to_qt(self.document.text, end), QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        fmt = QTextCharFormat()
        # The palette's own highlight pair stays readable in light and dark themes.
        fmt.setBackground(self.palette().color(QPalette.ColorRole.Highlight))
        fmt.setForeground(self.palette().color(QPalette.ColorRole.HighlightedText))
        mark.format = fmt
        self.text.setExtraSelections([mark])
        shown = QTextCursor(cursor)
        shown.setPosition(cursor.selectionStart())
        self.text.setTextCursor(shown)
        self.text.centerCursor()

    def highlighted_text(self) -> str:
        marks = self.text.extraSelections()
        return marks[0].cursor.selectedText() if marks else ""

    def selection(self) -> tuple[int, int] | None:
        """The selected span as store offsets, or None."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        text = self.document.text
        return (textpos.from_qt(text, cursor.selectionStart()),
                textpos.from_qt(text, cursor.selectionEnd()))

    def _add(self) -> None:
        span = self.selection()
        if span and span[0] < span[1]:
            self.add_requested.emit(self.document, *span)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Close):
            self.close()
            return
        super().keyPressEvent(event)
