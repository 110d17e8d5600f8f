"""The documents table: articles stored with their statements in one transaction, re-extracted,
and read back (with or without their text)."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from s400tracker.core.model import Document, Found
from s400tracker.store import queries as q
from s400tracker.store.actors import Actors
from s400tracker.store.connection import Connection
from s400tracker.store.errors import NotFoundError
from s400tracker.store.extraction import ExtractionChange, write_extraction
from s400tracker.store.guard import guarded


class Documents:
    def __init__(self, connection: Connection, actors: Actors):
        self.connection = connection
        self._actors = actors

    @guarded
    def id_of(self, sha256: str) -> int | None:
        row = self.connection.db.execute(
            "SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    @guarded
    def add(self, document: Document, found: Iterable[Found]) -> tuple[int, bool]:
        """Store an article and its statements in one transaction.

        Returns (document id, added); an article already stored (same sha256) adds nothing.
        `document.id` and `imported_at` are ignored.
        """
        found = list(found)
        try:
            return self._add(document, found)
        except BaseException:
            self.connection.forget_candidates()
            raise

    def _add(self, document: Document, found: list[Found]) -> tuple[int, bool]:
        with self.connection.write():
            existing = self.id_of(document.sha256)
            if existing is not None:
                return existing, False
            cursor = self.connection.db.execute(
                """INSERT INTO documents
                   (sha256, path, title, outlet, url, published, date_basis, text, imported_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    document.sha256, document.path, document.title, document.outlet,
                    document.url, _iso(document.published), document.date_basis,
                    document.text, _now(),
                ],
            )
            doc_id = cursor.lastrowid
            write_extraction(self.connection.db, self._actors.keys(), doc_id, document.sha256,
                             _iso(document.published), found, new_document=True,
                             staged=self.connection.staged)
            if found:
                _merging().merge_document(self.connection.db.conn, doc_id, self.connection.candidates)
        return doc_id, True

    @guarded
    def replace_extraction(self, document_id: int, found: Iterable[Found]) -> ExtractionChange:
        """Re-extraction of one article: refresh what the extractor found, keep the analyst's work.

        Statements found again keep their id, annotation and corrections; statements no longer
        found are dropped unless annotated, corrected or hidden, in which case they stay, stale.
        """
        found = list(found)
        db = self.connection.db
        with self.connection.write():
            row = db.execute(
                "SELECT sha256, published FROM documents WHERE id = ?", [document_id]
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no document {document_id}")
            # The groups its statements were in: one may lose a wording with a dropped statement.
            heads = [r[0] for r in db.execute(
                "SELECT DISTINCT COALESCE(s.same_as, s.id) FROM statements s JOIN mentions m "
                "ON m.statement_id = s.id WHERE m.document_id = ?", [document_id])]
            change = write_extraction(db, self._actors.keys(), document_id, row[0], row[1], found,
                                      staged=self.connection.staged)
            if found:
                _merging().merge_document(db.conn, document_id)
            _merging().refresh_shown_quotes(db.conn, heads)
            return change

    @guarded
    def all(self) -> list[Document]:
        """Every stored article, oldest publication first, without its text (see get())."""
        rows = self.connection.db.query(
            "SELECT *, '' AS text FROM documents ORDER BY published IS NULL, published, id"
        )
        return [_to_document(r) for r in rows]

    @guarded
    def get(self, document_id: int) -> Document:
        rows = list(self.connection.db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise NotFoundError(f"no document {document_id}")
        return _to_document(rows[0])

    @guarded
    def count(self) -> int:
        return self.connection.db.execute("SELECT count(*) FROM documents").fetchone()[0]


def _merging():
    # Imported when an import needs it, not when the app opens a store.
    from s400tracker.store import merging

    return merging


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _to_document(row: dict) -> Document:
    return Document(
        id=row["id"],
        sha256=row["sha256"],
        path=row["path"],
        title=row["title"],
        outlet=row["outlet"],
        published=q.to_date(row["published"]),
        date_basis=row["date_basis"],
        text=row["text"],
        imported_at=row["imported_at"],
        url=row["url"],
    )
