"""Another analyst's version of the current statement's annotation, shown beside ours after a
bundle import found that both of us changed it. Nothing is lost until the analyst picks: keep
mine, take theirs, or merge both (both notes, all tags), which then stays editable as usual."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from s400tracker.core.model import STANCES

if TYPE_CHECKING:   # not imported at launch: the box shows only after a bundle import
    from s400tracker.core.sharing import Conflict


class ConflictBox(QFrame):
    resolve = Signal(str, str, str)   # statement id, conflict hash, "mine" | "theirs" | "merge"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._conflict: Conflict | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.theirs = QPlainTextEdit()
        self.theirs.setReadOnly(True)
        self.theirs.setFixedHeight(64)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.keep = QPushButton("Keep mine")
        self.take = QPushButton("Take theirs")
        self.merge = QPushButton("Merge both")
        self.merge.setToolTip("Both notes, one after the other, and every tag; edit it afterwards")
        buttons = QHBoxLayout()
        for b, choice in ((self.keep, "mine"), (self.take, "theirs"), (self.merge, "merge")):
            b.clicked.connect(lambda _c=False, ch=choice: self._emit(ch))
            buttons.addWidget(b)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.theirs)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.hide()

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        """Show the first of the statement's conflicts (hide when there is none)."""
        self._conflict = conflicts[0] if conflicts else None
        self.setVisible(self._conflict is not None)
        if self._conflict is None:
            return
        c = self._conflict
        more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
        when = c.updated_at.replace("T", " ")[:16]
        self.title.setText(f"Conflict: {c.author or 'another analyst'} also edited this "
                           f"annotation{', ' + when + ' UTC' if when else ''}{more}. Their version:")
        self.theirs.setPlainText(c.content.note)   # plain text: their "<b>" stays "<b>"
        stance = STANCES.get(c.content.stance or "", "not set")
        self.details.setText(f"Their tags: {', '.join(c.content.tags) or 'none'} · "
                             f"their stance: {stance}")

    def _emit(self, choice: str) -> None:
        if self._conflict is not None:
            self.resolve.emit(self._conflict.statement_id, self._conflict.hash, choice)
