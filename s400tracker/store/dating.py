"""Publication dates of undated articles: which articles have none, the days dated articles
reporting the same statements vote for (inference.py, through its wording index), the undated
articles a new dated one may date, and the date set from them."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from s400tracker.store.connection import Connection
from s400tracker.store.guard import guarded

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


class PublicationDates:
    def __init__(self, connection: Connection):
        self.connection = connection

    @guarded
    def undated_documents(self, among: Iterable[int] | None = None) -> list[int]:
        """Articles without a publication date, not even an inferred one (of `among` only, if given)."""
        if among is None:
            return [r[0] for r in self.connection.db.execute(
                "SELECT id FROM documents WHERE published IS NULL ORDER BY id")]
        ids = sorted(among)
        found: list[int] = []
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            found += [r[0] for r in self.connection.db.execute(
                f"SELECT id FROM documents WHERE published IS NULL AND id IN ({', '.join('?' * len(chunk))})"
                " ORDER BY id", chunk)]
        return found

    @guarded
    def publication_votes(self, document_id: int) -> list[tuple[dt.date, int]]:
        return _inference().publication_votes(self.connection.db.conn, document_id)

    @guarded
    def undated_twins(self, document_ids: Iterable[int]) -> list[int]:
        """Undated articles quoting a statement of these dated articles."""
        return _inference().undated_twins(self.connection.db.conn, document_ids)

    @guarded
    def set_publication(self, document_id: int, published: dt.date | None, basis: str) -> None:
        with self.connection.write():
            self.connection.db.execute(
                "UPDATE documents SET published = ?, date_basis = ? WHERE id = ?",
                [_iso(published), basis, document_id])


def _inference():
    from s400tracker.store import inference

    return inference


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
