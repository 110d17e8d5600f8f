"""The selected cell: its statements, and everything about the current one.

Quote, speaker, source and context are untrusted text from articles: every label is
Qt.PlainText, so markup in an article shows as the characters it is made of.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from s400tracker.core.model import Statement
from s400tracker.gui import labels

if TYPE_CHECKING:
    from s400tracker.gui.widgets.annotation_editor import AnnotationEditor
    from s400tracker.gui.widgets.conflict_box import ConflictBox


def _label(selectable: bool = True, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    font = label.font()
    if bold:
        font.setBold(True)
    label.setFont(font)
    return label


class DetailPanel(QWidget):
    show_in_article = Signal(object)   # Statement
    move_requested = Signal(object)    # Statement
    hide_requested = Signal(object)    # Statement
    split_requested = Signal(object)   # Statement: its merged reports from other outlets
    current_changed = Signal(object)   # Statement | None: the window shows its conflicts
    edited = Signal(str, object, object, int)   # the annotation editor's (see AnnotationEditor)
    typing = Signal()
    conflict_resolve = Signal(str, str, str)    # the conflict box's (see ConflictBox)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._statements: list[Statement] = []
        self._completions: list[str] = []
        self.body: QWidget | None = None   # built when the first statement is shown
        self.heading = _label(selectable=False, bold=True)
        self.heading.setText("Select a cell of the matrix")
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.setMaximumHeight(110)
        self.list.setWordWrap(False)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_current)

        # A long quotation scrolls inside the panel instead of stretching the window past the
        # screen (word-wrapped labels ask for all the height their text needs).
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll = scroll

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(scroll, 1)
        self.show_statements("Select a cell of the matrix", [])

    # -- public -----------------------------------------------------------------------------

    @property
    def editor(self) -> AnnotationEditor:
        self._build_body()
        return self._editor

    @property
    def conflict(self) -> ConflictBox:
        self._build_body()
        return self._conflict

    def flush(self) -> None:
        """Save what is typed in the editor, if anything could have been."""
        if self.body is not None:
            self._editor.flush()

    def set_completions(self, tags: list[str]) -> None:
        self._completions = tags
        if self.body is not None:
            self._editor.set_completions(tags)

    def show_conflicts(self, conflicts) -> None:
        if conflicts or self.body is not None:
            self.conflict.show_conflicts(conflicts)

    def current(self) -> Statement | None:
        row = self.list.currentRow()
        return self._statements[row] if 0 <= row < len(self._statements) else None

    def show_statements(self, heading: str, statements: list[Statement],
                        keep: str | None = None) -> None:
        """Show a cell's statements; `keep` re-selects that statement id when still there."""
        self.heading.setText(heading)
        self._statements = list(statements)
        self.list.blockSignals(True)
        self.list.clear()
        for s in self._statements:
            item = QListWidgetItem(labels.quote_line(s, 240))   # the list elides to its width
            item.setToolTip("")   # the full quote is right below; no rich-text guessing here
            if s.hidden:   # shown because a filter asks for hidden statements
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled,
                                                        QPalette.ColorRole.Text))
            self.list.addItem(item)
        ids = [s.id for s in self._statements]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self.list.setVisible(len(self._statements) > 1)
        self._show_current(row)

    # -- internals --------------------------------------------------------------------------

    def _build_body(self) -> None:
        """The current statement's quote, source, context and editor: hidden until a statement
        is shown, so built then, after the window's first paint rather than before it."""
        if self.body is not None:
            return
        # Imported with the body: the editor's and buttons' Qt classes make their Python types
        # (a dozen enumerations, ~6 ms) when first imported, which need not hold the first paint.
        from PySide6.QtWidgets import QPushButton

        from s400tracker.gui.widgets.annotation_editor import AnnotationEditor
        from s400tracker.gui.widgets.conflict_box import ConflictBox

        self.quote = _label()
        qfont = self.quote.font()
        qfont.setPointSizeF(qfont.pointSizeF() * 1.15)
        self.quote.setFont(qfont)
        self.meta = _label()
        self.source = _label()
        self.context_title = _label(selectable=False, bold=True)
        self.context_title.setText("In context")
        self.context = _label()
        self._editor = AnnotationEditor()
        self._editor.edited.connect(self.edited)
        self._editor.typing.connect(self.typing)
        if self._completions:
            self._editor.set_completions(self._completions)
        self._conflict = ConflictBox()
        self._conflict.resolve.connect(self.conflict_resolve)

        self.article_button = QPushButton("Show in article")
        self.article_button.setToolTip("Open the article with the quote highlighted")
        self.move_button = QPushButton("Move…")
        self.move_button.setToolTip("Attribute this statement to another actor or date")
        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip("Hide a statement the extractor got wrong (undo brings it back)")
        self.split_button = QPushButton("Split")
        self.split_button.setToolTip("These outlets report different statements: make each its own")
        self.split_button.clicked.connect(lambda: self._emit(self.split_requested))
        self.article_button.clicked.connect(lambda: self._emit(self.show_in_article))
        self.move_button.clicked.connect(lambda: self._emit(self.move_requested))
        self.hide_button.clicked.connect(lambda: self._emit(self.hide_requested))
        buttons = QHBoxLayout()
        for b in (self.article_button, self.move_button, self.hide_button, self.split_button):
            buttons.addWidget(b)
        buttons.addStretch()

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        for w in (self.quote, self.meta, self.source):
            inner.addWidget(w)
        inner.addLayout(buttons)
        inner.addWidget(_rule())
        inner.addWidget(self.context_title)
        inner.addWidget(self.context)
        inner.addWidget(_rule())
        inner.addWidget(self._conflict)
        inner.addWidget(self._editor)
        inner.addStretch()
        self.scroll.setWidget(body)
        self.body = body

    def _emit(self, signal) -> None:
        s = self.current()
        if s is not None:
            signal.emit(s)

    def _show_current(self, row: int) -> None:
        s = self._statements[row] if 0 <= row < len(self._statements) else None
        if s is None and self.body is None:
            self.current_changed.emit(None)   # nothing shown yet: nothing to build or clear
            return
        self.editor.load(s)
        self.body.setVisible(s is not None)
        self.current_changed.emit(s)
        if s is None:
            return
        self.quote.setText(f"“{s.quote}”")
        basis = "" if s.date_basis in ("explicit", "analyst") else f" (date from {s.date_basis})"
        moved = " · moved by the analyst" if (s.actor_override or s.date_override) else ""
        added = " · added by the analyst" if s.origin == "analyst" else ""
        self.meta.setText(
            ("Hidden — left out of the matrix, exports and briefing; Unhide brings it back\n"
             if s.hidden else "") +
            f"{labels.kind(s.kind).capitalize()} · {labels.day(s.date)}{basis}\n"
            f"Speaker as written: {s.speaker or 'not named'}\n"
            f"Stance: {labels.stance(s.stance, s.stance_suggested)}{moved}{added}"
        )
        if s.sources:
            src = s.sources[0]
            lines = [f"Source: {src.outlet or 'unknown outlet'} — {src.title}, "
                     f"published {labels.day(src.published)}"]
            # The same statement as other outlets reported it, each in its own wording.
            for other in s.sources[1:]:
                lines.append(f"Also: {other.outlet or 'unknown outlet'} — {other.title}, "
                             f"{labels.day(other.published)}")
            self.source.setText("\n".join(lines))
            self.context.setText(" ".join(src.context.split()))
        else:
            self.source.setText("Source: none")
            self.context.setText("")
        self.article_button.setEnabled(bool(s.sources))
        self.hide_button.setText("Unhide" if s.hidden else "Hide")
        self.hide_button.setToolTip(
            "Show this statement again in the matrix, exports and briefing" if s.hidden else
            "Hide a statement the extractor got wrong (undo, or Unhide under Hidden only, "
            "brings it back)")
        self.split_button.setVisible(len({src.document_id for src in s.sources}) > 1)


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
