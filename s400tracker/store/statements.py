"""Reading statements: the matrix's cells and columns, lists and single statements with their
sources, the exports' rows, counts, tags, untracked speakers and the date span. The filter
becomes SQL in queries.py; rows leave as core values."""

from __future__ import annotations

import datetime as dt

from s400tracker.core.matrix import CellCount
from s400tracker.core.model import Statement
from s400tracker.core.query import BUCKETS, StatementFilter
from s400tracker.store import queries as q
from s400tracker.store.connection import Connection
from s400tracker.store.errors import NotFoundError
from s400tracker.store.guard import guarded

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit


class Statements:
    def __init__(self, connection: Connection):
        self.connection = connection

    @guarded
    def matrix_cells(self, f: StatementFilter = StatementFilter(), bucket: str = "day") -> list[CellCount]:
        """Per actor and bucket: count, first quote, annotated flag, most frequent stance.

        Only statements of tracked actors; ties between stances go to the first code in
        alphabetical order.
        """
        if bucket not in BUCKETS:
            raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")
        clause, params = q.where(f)
        col = q.BUCKET_SQL[bucket]
        sql = f"""
        WITH f AS (
            SELECT s.eff_actor AS actor, {col} AS col, {q.QUOTE} AS quote,
                   COALESCE(s.eff_date, '') || '|' || s.sort_key AS k,
                   a.statement_id IS NOT NULL AS annotated, {q.EFFECTIVE_STANCE} AS stance,
                   s.hidden, s.id IN (SELECT statement_id FROM annotation_conflicts) AS conflict
            {q.FROM}
            WHERE {clause} AND s.eff_actor IS NOT NULL
        ),
        cells AS (
            -- With a single min(), SQLite takes the bare column `quote` from the row holding
            -- that minimum: the cell's first quote, without a window over every statement.
            SELECT actor, col, count(*) AS n, max(annotated) AS annotated, min(k), quote,
                   sum(hidden) AS hidden, sum(conflict) AS conflicts
            FROM f GROUP BY actor, col
        ),
        stances AS (
            SELECT actor, col, stance,
                   row_number() OVER (PARTITION BY actor, col ORDER BY count(*) DESC, stance) AS r
            FROM f WHERE stance IS NOT NULL GROUP BY actor, col, stance
        )
        SELECT c.actor, c.col, c.n, c.quote, c.annotated, st.stance, c.hidden, c.conflicts
        FROM cells c
        LEFT JOIN stances st ON st.actor = c.actor AND st.col IS c.col AND st.r = 1
        ORDER BY c.actor, c.col IS NULL, c.col
        """
        return [
            CellCount(
                actor=r[0], date=q.to_date(r[1]), count=r[2], first_quote=r[3] or "",
                annotated=bool(r[4]), stance=r[5], hidden=r[6], conflicts=r[7],
            )
            for r in self.connection.db.execute(sql, params).fetchall()
        ]

    @guarded
    def matrix_columns(self, f: StatementFilter = StatementFilter(), bucket: str = "day") -> list[dt.date | None]:
        """The buckets (first days, ascending; None last for undated) holding a statement of a
        tracked actor that matches `f`: the matrix's layout, without aggregating any cell."""
        if bucket not in BUCKETS:
            raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")
        clause, params = q.where(f)
        sql = (f"SELECT DISTINCT {q.BUCKET_SQL[bucket]} {q.from_for(f)} "
               f"WHERE {clause} AND s.eff_actor IS NOT NULL")
        days = [r[0] for r in self.connection.db.execute(sql, params).fetchall()]
        dated = sorted(q.to_date(d) for d in days if d is not None)
        return dated + [None] * (None in days)

    @guarded
    def matching(
        self, f: StatementFilter = StatementFilter(), limit: int | None = None, offset: int = 0
    ) -> list[Statement]:
        """Statements matching `f`, by date, actor and place in the press, with their sources."""
        clause, params = q.where(f)
        sql = f"SELECT {q.STATEMENT_COLUMNS} {q.FROM} WHERE {clause} {q.ORDER}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = params + [limit, offset]
        rows = list(self.connection.db.query(sql, params))
        sources = self.sources([r["id"] for r in rows])
        return [q.to_statement(r, sources.get(r["id"], ())) for r in rows]

    @guarded
    def dated_quotes(self, f: StatementFilter = StatementFilter()) -> list[tuple[str, str, str]]:
        """(actor key, ISO day, quote) of the dated statements of tracked actors matching `f`,
        in statements() order: what the matrix export needs, in one query, no sources."""
        clause, params = q.where(f)
        sql = (f"SELECT s.eff_actor, s.eff_date, {q.QUOTE} {q.FROM} WHERE {clause} "
               f"AND s.eff_actor IS NOT NULL AND s.eff_date IS NOT NULL {q.ORDER}")
        return self.connection.db.execute(sql, params).fetchall()

    @guarded
    def long_rows(self, f: StatementFilter = StatementFilter()) -> list[tuple]:
        """The long export's rows for statements matching `f`, in statements() order: per
        statement its effective values, annotation, every source's title joined " | " (its own
        mentions, then the reports merged into it, as statement() lists its sources), its first
        source, and every source's (outlet, title, wording). Two queries, no Statement objects: see
        queries.LONG_ROW_COLUMNS."""
        merged: dict[str, list[tuple[str, str, str]]] = {}   # head -> (title, outlet, wording)
        for sid, title, outlet, wording in self.connection.db.execute(q.LONG_MERGED_TITLES):
            merged.setdefault(sid, []).append((title, outlet, wording))
        clause, params = q.where(f)
        sql = (f"SELECT {q.LONG_ROW_COLUMNS} {q.FROM} {q.LONG_ROW_JOINS} WHERE {clause} "
               f"{q.LONG_ROW_ORDER}")
        out: list[tuple] = []
        wordings: list[list[tuple[str, str, str]]] = []   # per row: (outlet, title, wording)
        last = None
        for row in self.connection.db.execute(sql, params):
            own = [] if row[6] is None else [(row[12], row[6], row[19])]
            if row[0] == last:
                # A further mention of the same statement: only its title and wording are exported.
                prev = out[-1]
                out[-1] = (*prev[:6], f"{prev[6]} | {row[6]}", *prev[7:])
                wordings[-1] += own
            else:
                last = row[0]
                out.append(row[:19])
                wordings.append(own)
        for i, row in enumerate(out):
            others = merged.get(row[0], ())
            if others:
                titles = [] if row[6] is None else [row[6]]
                out[i] = (*row[:6], " | ".join(titles + [t for t, _, _ in others]), *row[7:])
                wordings[i] += [(outlet, title, wording) for title, outlet, wording in others]
            out[i] = (*out[i], wordings[i])
        return out

    @guarded
    def count(self, f: StatementFilter = StatementFilter()) -> int:
        clause, params = q.where(f)
        return self.connection.db.execute(
            f"SELECT count(*) {q.from_for(f)} WHERE {clause}", params).fetchone()[0]

    @guarded
    def get(self, statement_id: str) -> Statement:
        """One statement by id, hidden or not, tracked or not."""
        sql = f"SELECT {q.STATEMENT_COLUMNS} {q.FROM} WHERE s.id = ?"
        rows = list(self.connection.db.query(sql, [statement_id]))
        if not rows:
            raise NotFoundError(f"no statement {statement_id}")
        return q.to_statement(rows[0], self.sources([statement_id]).get(statement_id, ()))

    @guarded
    def sources(self, ids: list[str]) -> dict[str, tuple]:
        """Each statement's sources (the articles reporting it, with context), by statement id."""
        out: dict[str, list] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            sql = q.SOURCES.format(marks=", ".join("?" * len(chunk)))
            rows = list(self.connection.db.query(sql, chunk + chunk))
            texts = self._document_texts({r["document_id"] for r in rows})
            for r in rows:
                source = q.to_source(r, q.context_of(r, texts[r["document_id"]]))
                out.setdefault(r["statement_id"], []).append(source)
        return {k: tuple(v) for k, v in out.items()}

    def _document_texts(self, ids: set[int]) -> dict[int, str]:
        ids = sorted(ids)
        texts: dict[int, str] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            sql = q.DOCUMENT_TEXTS.format(marks=", ".join("?" * len(chunk)))
            texts.update(self.connection.db.execute(sql, chunk).fetchall())
        return texts

    @guarded
    def untracked_speakers(self, f: StatementFilter = StatementFilter()) -> list[tuple[str, int]]:
        """Speakers quoted who are no tracked actor, most quoted first: candidates to track."""
        clause, params = q.where(f.replace(tracked_only=False, actors=(), groups=()))
        sql = f"""SELECT s.speaker, count(*) AS n {q.FROM}
                  WHERE {clause} AND s.eff_actor IS NULL AND trim(COALESCE(s.speaker, '')) != ''
                  GROUP BY s.speaker ORDER BY n DESC, s.speaker"""
        return [(r[0], r[1]) for r in self.connection.db.execute(sql, params).fetchall()]

    @guarded
    def tags(self) -> list[str]:
        """Every tag in use, sorted, for completion."""
        sql = "SELECT DISTINCT value FROM annotations, json_each(annotations.tags) ORDER BY value"
        return [r[0] for r in self.connection.db.execute(sql).fetchall()]

    @guarded
    def date_span(self, f: StatementFilter = StatementFilter()) -> tuple[dt.date, dt.date] | None:
        """The first and last effective date among statements matching `f`."""
        clause, params = q.where(f)
        lo, hi = self.connection.db.execute(
            f"SELECT min(s.eff_date), max(s.eff_date) {q.FROM} WHERE {clause}", params
        ).fetchone()
        return (q.to_date(lo), q.to_date(hi)) if lo else None
