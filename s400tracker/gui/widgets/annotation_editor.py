"""Note, tags and stance of one statement, saved as the analyst types (no Save button).

Each keystroke restarts a short QTimer, so a pause in the typing saves. Typing without a pause
would keep restarting it for ever, so a second timer, started by the first unsaved keystroke and
never restarted, saves at the latest MAX_UNSAVED_MS after it. When either fires, or when the
editor loses focus, the statement changes or the window closes, `flush()` emits `edited` with the
state before and after, and the window pushes that onto the undo stack, which writes it to the
store at once (consecutive saves of one editing session are one undo step). So at most the last
couple of seconds of typing are at risk if the machine dies, and nothing at all on a normal quit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget,
)

from s400tracker.core.model import STANCES, Statement
from s400tracker.gui.commands import AnnotationState

SAVE_DELAY_MS = 700      # a pause this long saves
MAX_UNSAVED_MS = 2000    # continuous typing saves at least this often


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


class AnnotationEditor(QWidget):
    edited = Signal(str, object, object, int)   # statement id, before, after, session
    typing = Signal()                           # unsaved text exists (Undo has work to do)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._statement_id: str | None = None
        self._saved = AnnotationState()
        self._session = 0
        self._loading = False

        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Note — saved as you type")
        self.note.setTabChangesFocus(True)
        self.note.setUndoRedoEnabled(False)
        self.note.setFixedHeight(72)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("tags, comma separated")
        self.stance = QComboBox()
        self.stance.addItem("— not set —", None)
        for code, label in STANCES.items():
            self.stance.addItem(label, code)
        self.saved_label = QLabel()
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.saved_label.setEnabled(False)   # drawn in the palette's muted colour

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Stance", self.stance)
        form.addRow("Tags", self.tags)
        form.addRow("Note", self.note)
        form.addRow("", self.saved_label)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._max_wait = QTimer(self)
        self._max_wait.setSingleShot(True)
        self._max_wait.setInterval(MAX_UNSAVED_MS)
        self._max_wait.timeout.connect(self.flush)
        self.note.textChanged.connect(self._typed)
        self.tags.textEdited.connect(self._typed)
        # A stance is one deliberate click: save it at once.
        self.stance.activated.connect(lambda _i: (self._typed(), self.flush()))
        for w in (self.note, self.tags):
            w.installEventFilter(self)
        self.setEnabled(False)

    # -- public -----------------------------------------------------------------------------

    @property
    def statement_id(self) -> str | None:
        return self._statement_id

    def set_completions(self, tags: list[str]) -> None:
        completer = QCompleter(tags, self.tags)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)

    def load(self, statement: Statement | None) -> None:
        """Show `statement`'s annotation (flushing what was typed for the previous one)."""
        if statement is None or statement.id != self._statement_id:
            self.flush()
            self._session += 1
        self._statement_id = statement.id if statement else None
        self._saved = AnnotationState.of(statement) if statement else AnnotationState()
        suggested = statement.stance if statement and statement.stance_suggested else None
        # The "none" entry says what the extractor suggests, so "no stance" is not misread.
        self.stance.setItemText(0, f"— not set (suggested: {STANCES[suggested]}) —"
                                if suggested in STANCES else "— not set —")
        self._loading = True
        try:
            self._show(self._saved)
        finally:
            self._loading = False
        a = statement.annotation if statement else None
        self.saved_label.setText(
            f"Saved by {a.author or 'anonymous'}, {a.updated_at.replace('T', ' ')[:16]} UTC"
            if a and a.updated_at else "")
        self.setEnabled(statement is not None)

    def current(self) -> AnnotationState:
        return AnnotationState(self.note.toPlainText(), parse_tags(self.tags.text()),
                               self.stance.currentData())

    def flush(self) -> None:
        """Save what was typed now, if anything differs from what the store holds."""
        self._timer.stop()
        self._max_wait.stop()
        if self._statement_id is None or self._loading:
            return
        after = self.current()
        if after == self._saved:
            return
        before, self._saved = self._saved, after
        self.edited.emit(self._statement_id, before, after, self._session)

    def pending(self) -> bool:
        return self._timer.isActive()

    # -- internals --------------------------------------------------------------------------

    def _show(self, state: AnnotationState) -> None:
        if self.note.toPlainText() != state.note:
            self.note.setPlainText(state.note)   # plain text: a note's "<b>" stays "<b>"
        if parse_tags(self.tags.text()) != state.tags:   # keep a half-typed "a, " as it is
            self.tags.setText(", ".join(state.tags))
        self.stance.setCurrentIndex(max(0, self.stance.findData(state.stance)))

    def _typed(self, *_args) -> None:
        if not self._loading:
            self._timer.start()
            if not self._max_wait.isActive():
                self._max_wait.start()
            self.typing.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_undo_key(event):
            # Leave Ctrl+Z to the window's undo stack: one undo history for every edit, rather
            # than the text box's own, which the store would never hear about.
            event.ignore()
            return True
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
            self._session += 1   # what is typed after coming back is a new undo step
        return super().eventFilter(watched, event)


def _is_undo_key(event) -> bool:
    return (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
            or event.keyCombination() == QKeyCombination(
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z))
