"""The analyst's edits of statements: annotations, corrections of actor and date, hiding,
statements the extractor missed added (and deleted again). Each is committed when made."""

from __future__ import annotations

import datetime as dt
import json
from typing import Sequence

from s400tracker.core.ids import analyst_statement_id
from s400tracker.core.model import KINDS, STANCES, Annotation, Statement
from s400tracker.core.text import counted
from s400tracker.store import queries as q
from s400tracker.store.actors import Actors
from s400tracker.store.connection import Connection
from s400tracker.store.documents import Documents
from s400tracker.store.errors import NotFoundError
from s400tracker.store.guard import guarded
from s400tracker.store.statements import Statements

UNSET = object()   # a correction's argument not given: that field stays as it is


class Edits:
    def __init__(self, connection: Connection, actors: Actors, documents: Documents,
                 statements: Statements):
        self.connection = connection
        self._actors = actors
        self._documents = documents
        self._statements = statements

    @guarded
    def annotate(
        self,
        statement_id: str,
        note: str = "",
        tags: Sequence[str] = (),
        stance: str | None = None,
        author: str = "",
    ) -> Annotation | None:
        """Set a statement's annotation (replacing it), committed at once.

        An empty note with no tags and no stance removes the annotation; returns None then.
        """
        if stance is not None and stance not in STANCES:
            raise ValueError(f"unknown stance {stance!r}; expected one of {', '.join(STANCES)}")
        clean = tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))
        with self.connection.write():
            self.require(statement_id)
            if not note.strip() and not clean and stance is None:
                self.connection.db.execute("DELETE FROM annotations WHERE statement_id = ?", [statement_id])
                return None
            now = _now()
            self.connection.db.execute(
                """INSERT INTO annotations (statement_id, note, tags, stance, author,
                                            created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (statement_id) DO UPDATE SET note = excluded.note,
                     tags = excluded.tags, stance = excluded.stance, author = excluded.author,
                     updated_at = excluded.updated_at""",
                [statement_id, note, json.dumps(clean, ensure_ascii=False), stance, author, now, now],
            )
        return self._statements.get(statement_id).annotation

    @guarded
    def correct(self, statement_id: str, *, actor=UNSET, date=UNSET) -> Statement:
        """Move a statement to another actor and/or date; None restores what extraction found."""
        with self.connection.write():
            self.require(statement_id)
            if actor is not UNSET:
                if actor is not None and actor not in self._actors.keys():
                    raise NotFoundError(f"no actor {actor!r}")
                self.connection.db.execute(
                    "UPDATE statements SET actor_override = ? WHERE id = ?", [actor, statement_id]
                )
            if date is not UNSET:
                self.connection.db.execute(
                    "UPDATE statements SET date_override = ? WHERE id = ?",
                    [_iso(date), statement_id],
                )
        return self._statements.get(statement_id)

    @guarded
    def set_hidden(self, statement_id: str, hidden: bool) -> Statement:
        """Hide a statement (a false positive) from the matrix and exports, or show it again."""
        with self.connection.write():
            self.require(statement_id)
            self.connection.db.execute(
                "UPDATE statements SET hidden = ? WHERE id = ?", [int(hidden), statement_id]
            )
        return self._statements.get(statement_id)

    @guarded
    def add_statement(
        self,
        document_id: int,
        start: int,
        end: int,
        actor: str | None,
        date: dt.date | None = None,
        kind: str = "direct",
        speaker: str | None = None,
    ) -> Statement:
        """Record a statement the extractor missed: a span of a stored article (origin analyst)."""
        doc = self._documents.get(document_id)
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"span {start}–{end} lies outside the article "
                             f"({counted(len(doc.text), 'character')})")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        if actor is not None and actor not in self._actors.keys():
            raise NotFoundError(f"no actor {actor!r}")
        sid = analyst_statement_id(doc.sha256, start, end)
        # The paragraph around the span is its context, as the extractor's sentence would be.
        context_start = doc.text.rfind("\n", 0, start) + 1
        context_end = doc.text.find("\n", end)
        context_end = len(doc.text) if context_end < 0 else context_end
        with self.connection.write():
            if self.connection.db.execute("SELECT 1 FROM statements WHERE id = ?", [sid]).fetchone():
                raise ValueError("this span is already recorded as a statement")
            self.connection.db.execute(
                """INSERT INTO statements (id, actor_key, speaker, date, date_basis, quote, kind,
                                           origin, sort_key)
                   VALUES (?, ?, ?, ?, ?, ?, ?, 'analyst', ?)""",
                [sid, actor, speaker, _iso(date), "analyst" if date else "undated",
                 doc.text[start:end], kind, q.sort_key(_iso(doc.published), document_id, start)],
            )
            self.connection.db.execute(
                """INSERT INTO mentions (statement_id, document_id, "start", "end",
                                         context_start, context_end)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [sid, document_id, start, end, context_start, context_end],
            )
            _inference().index_wordings(self.connection.db.conn, [(sid, doc.text[start:end])])
        return self._statements.get(sid)

    @guarded
    def delete_statement(self, statement_id: str) -> None:
        """Delete a statement the analyst added (to undo add_statement); extracted ones are hidden."""
        with self.connection.write():
            row = self.connection.db.execute(
                "SELECT origin, quote FROM statements WHERE id = ?", [statement_id]
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no statement {statement_id}")
            if row[0] != "analyst":
                raise ValueError(
                    "only statements added by the analyst can be deleted; hide it instead"
                )
            _inference().forget_wordings(self.connection.db.conn, [(statement_id, row[1])])
            self.connection.db.execute("DELETE FROM statements WHERE id = ?", [statement_id])

    @guarded
    def require(self, statement_id: str) -> None:
        if not self.connection.db.execute("SELECT 1 FROM statements WHERE id = ?", [statement_id]).fetchone():
            raise NotFoundError(f"no statement {statement_id}")


def _inference():
    from s400tracker.store import inference

    return inference


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
