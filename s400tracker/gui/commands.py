"""Every edit the analyst makes, as a QUndoCommand: Ctrl+Z / Ctrl+Shift+Z undo and redo them.

Each command writes through the Tracker (committed at once, so nothing waits for a Save) and
then calls `changed(statement_id)` so the window re-reads what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QUndoCommand

from s400tracker.core.model import Statement

Changed = Callable[[str], None]
ANNOTATE_ID = 1


@dataclass(frozen=True)
class AnnotationState:
    note: str = ""
    tags: tuple[str, ...] = ()
    stance: str | None = None

    @classmethod
    def of(cls, statement: Statement) -> "AnnotationState":
        a = statement.annotation
        if a is None:
            return cls()
        return cls(a.note, tuple(a.tags), a.stance)


class AnnotateCommand(QUndoCommand):
    """A note, tags or stance typed into the editor. Consecutive saves of one editing session
    merge, so Ctrl+Z takes back what was typed, not each pause in the typing; a change of stance
    stays a step of its own."""

    def __init__(self, tracker, statement_id: str, before: AnnotationState, after: AnnotationState,
                 changed: Changed, session: int):
        super().__init__("Edit annotation")
        self.tracker, self.statement_id = tracker, statement_id
        self.before, self.after = before, after
        self.changed, self.session = changed, session

    def id(self) -> int:
        return ANNOTATE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, AnnotateCommand):
            return False
        if other.statement_id != self.statement_id or other.session != self.session:
            return False
        if self.changes_stance() or other.changes_stance():
            # A stance is one deliberate choice: its own undo step, never folded into the typing
            # of tags or a note before or after it.
            return False
        self.after = other.after
        return True

    def changes_stance(self) -> bool:
        return self.before.stance != self.after.stance

    def redo(self) -> None:
        self._write(self.after)

    def undo(self) -> None:
        self._write(self.before)

    def _write(self, state: AnnotationState) -> None:
        self.tracker.annotate(self.statement_id, state.note, state.tags, state.stance)
        self.changed(self.statement_id)


class MoveCommand(QUndoCommand):
    """Attribute a statement to another actor and/or date; undo restores the earlier correction
    (None: as extracted)."""

    def __init__(self, tracker, statement: Statement, actor, date, changed: Changed):
        super().__init__("Move statement")
        self.tracker, self.statement_id, self.changed = tracker, statement.id, changed
        self.before = (statement.actor_override, statement.date_override)
        self.after = (actor, date)

    def redo(self) -> None:
        self._write(*self.after)

    def undo(self) -> None:
        self._write(*self.before)

    def _write(self, actor, date) -> None:
        self.tracker.move_statement(self.statement_id, actor=actor, date=date)
        self.changed(self.statement_id)


class HideCommand(QUndoCommand):
    def __init__(self, tracker, statement_id: str, hidden: bool, changed: Changed):
        super().__init__("Hide statement" if hidden else "Unhide statement")
        self.tracker, self.statement_id, self.hidden, self.changed = tracker, statement_id, hidden, changed

    def redo(self) -> None:
        self._set(self.hidden)

    def undo(self) -> None:
        self._set(not self.hidden)

    def _set(self, hidden: bool) -> None:
        (self.tracker.hide if hidden else self.tracker.unhide)(self.statement_id)
        self.changed(self.statement_id)


class SplitCommand(QUndoCommand):
    """Other outlets' reports that were merged into a statement, made statements of their own."""

    def __init__(self, tracker, statement_id: str, changed: Changed):
        super().__init__("Split merged reports")
        self.tracker, self.statement_id, self.changed = tracker, statement_id, changed
        self.split: list[str] = []

    def redo(self) -> None:
        self.split = self.tracker.split_merged(self.statement_id)
        self.changed(self.statement_id)

    def undo(self) -> None:
        self.tracker.rejoin_merged(self.statement_id, self.split)
        self.changed(self.statement_id)


class AddStatementCommand(QUndoCommand):
    """A statement the extractor missed, added from a selection in the article view.

    The caller adds it first (so a refused span is an error message, not a half-pushed command);
    the first redo only records it. Its id derives from the article and the span, so redo after
    undo recreates the same statement, and later commands on it stay valid.
    """

    def __init__(self, tracker, added: Statement, args: tuple, changed: Changed):
        super().__init__("Add statement")
        self.tracker, self.changed, self.args = tracker, changed, args
        self.statement_id = added.id
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.tracker.add_statement(*self.args)
        self.changed(self.statement_id)

    def undo(self) -> None:
        self.tracker.delete_statement(self.statement_id)
        self.changed(self.statement_id)
