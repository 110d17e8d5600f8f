"""The analyst undoing (and redoing) the merging of other outlets' reports into one statement;
merging.py does the linking itself."""

from __future__ import annotations

from s400tracker.store.connection import Connection
from s400tracker.store.edits import Edits
from s400tracker.store.guard import guarded


class Merges:
    def __init__(self, connection: Connection, edits: Edits):
        self.connection = connection
        self._edits = edits

    @guarded
    def split(self, statement_id: str) -> list[str]:
        """Undo the merging of other outlets' reports into this statement; they become statements
        of their own and stay apart through re-extraction. Returns their ids."""
        with self.connection.write():
            self._edits.require(statement_id)
            return _merging().split(self.connection.db.conn, statement_id)

    @guarded
    def rejoin(self, statement_id: str, ids: list[str]) -> None:
        with self.connection.write():
            self._edits.require(statement_id)
            _merging().rejoin(self.connection.db.conn, statement_id, ids)


def _merging():
    # Imported when a split needs it, not when the app opens a store.
    from s400tracker.store import merging

    return merging
