"""SQL for reading statements: the filter as a WHERE clause, rows as core values."""

from __future__ import annotations

import datetime as dt
import json
import re

from s400tracker.core.model import Annotation, Source, Statement
from s400tracker.core.query import BUCKETS, StatementFilter
from s400tracker.store.schema import FTS_FOLD

# Every statement query joins its annotation and its actor (for the actor order).
FROM = """
FROM statements s
LEFT JOIN annotations a ON a.statement_id = s.id
LEFT JOIN actors ac ON ac.key = s.eff_actor
"""



def from_for(f: StatementFilter) -> str:
    """FROM for a query that only counts or groups: the annotation joined only when `f` looks at
    it (a join per row costs a third of a count over 100,000 statements)."""
    if f.annotated_only or f.tags:
        return "FROM statements s LEFT JOIN annotations a ON a.statement_id = s.id"
    return "FROM statements s"


# Undated last; then actor order as in actors.json; then where the statement sits in the press.
ORDER = """
ORDER BY s.eff_date IS NULL, s.eff_date, ac.origin = 'analyst', ac.position, s.sort_key, s.id
"""


def sort_key(published: str | None, document_id: int, start: int) -> str:
    # "~" sorts after every digit: undated articles come last.
    return f"{published or '~'}|{document_id:010d}|{start:010d}"


# The quote a statement shows: its group's fullest wording (store/merging.py), else its own.
QUOTE = "COALESCE(s.shown_quote, s.quote)"

STATEMENT_COLUMNS = f"""
s.id, s.eff_actor, s.actor_override, s.speaker, s.eff_date, s.date_override, s.date_basis,
{QUOTE} AS quote, s.kind, s.cue, s.stance_suggested, s.hidden, s.origin, s.stale,
a.statement_id AS a_id, a.note, a.tags, a.stance AS a_stance, a.author, a.created_at, a.updated_at
"""

EFFECTIVE_STANCE = "COALESCE(a.stance, s.stance_suggested)"

BUCKET_SQL = {
    "day": "s.eff_date",
    "week": "date(s.eff_date, '-6 days', 'weekday 1')",  # the Monday on or before
    "month": "strftime('%Y-%m-01', s.eff_date)",
}
assert set(BUCKET_SQL) == set(BUCKETS)


_FTS_FOLD = str.maketrans(FTS_FOLD)


def fts_query(text: str) -> str:
    """The analyst's words as an FTS5 query: every word must appear, each also as a prefix.

    Quoting each word keeps FTS5 syntax (AND, NEAR, quotes, colons) typed by the user inert. The
    words are folded as the index's copy of the text is (schema.FTS_FOLD), so "Kalın" and
    "kalin" find the same statements.
    """
    words = re.findall(r"\w+", text.translate(_FTS_FOLD))
    return " ".join(f'"{w}"*' for w in words)


def where(f: StatementFilter) -> tuple[str, list]:
    clauses: list[str] = []
    params: list = []

    def among(expr: str, values) -> None:
        clauses.append(f"{expr} IN ({', '.join('?' * len(values))})")
        params.extend(values)

    # Another outlet's report of a statement shows as a source of that statement, not as a row.
    clauses.append("s.same_as IS NULL")
    if f.hidden_only:
        clauses.append("s.hidden = 1")
    elif not f.include_hidden:
        clauses.append("s.hidden = 0")
    if f.conflicts_only:
        # An unresolved conflict is a row of annotation_conflicts; resolving deletes it.
        clauses.append("s.id IN (SELECT statement_id FROM annotation_conflicts)")
    if f.tracked_only:
        clauses.append("s.eff_actor IS NOT NULL")
    if f.actors:
        among("s.eff_actor", f.actors)
    if f.groups:
        marks = ", ".join("?" * len(f.groups))
        clauses.append(f"s.eff_actor IN (SELECT key FROM actors WHERE grp IN ({marks}))")
        params.extend(f.groups)
    if f.start is not None:
        clauses.append("s.eff_date >= ?")
        params.append(f.start.isoformat())
    if f.end is not None:
        clauses.append("s.eff_date <= ?")
        params.append(f.end.isoformat())
    if f.undated is True:
        clauses.append("s.eff_date IS NULL")
    elif f.undated is False:
        clauses.append("s.eff_date IS NOT NULL")
    if f.kinds:
        among("s.kind", f.kinds)
    if f.stances:
        # The effective stance is the annotation's, else the suggestion. Written without the
        # annotation join (few statements are annotated; a join per row made listing a stance's
        # dates take 300 ms over 100,000 statements, this takes 50).
        marks = ", ".join("?" * len(f.stances))
        clauses.append(
            f"((s.stance_suggested IN ({marks}) AND s.id NOT IN "
            "(SELECT statement_id FROM annotations WHERE stance IS NOT NULL))"
            f" OR s.id IN (SELECT statement_id FROM annotations WHERE stance IN ({marks})))"
        )
        params.extend([*f.stances, *f.stances])
    if f.annotated_only:
        clauses.append("a.statement_id IS NOT NULL")
    if f.tags:
        marks = ", ".join("?" * len(f.tags))
        clauses.append(f"EXISTS (SELECT 1 FROM json_each(a.tags) WHERE json_each.value IN ({marks}))")
        params.extend(f.tags)
    match = fts_query(f.text)
    if match:
        # One IN over the union of both indexes' hits: SQLite looks those rows up by rowid,
        # where an OR of two IN clauses made it test every statement (120 ms -> 2–50 ms).
        clauses.append(
            "s.rowid IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?"
            " UNION SELECT s2.rowid FROM annotations_fts"
            " JOIN annotations a2 ON a2.rowid = annotations_fts.rowid"
            " JOIN statements s2 ON s2.id = a2.statement_id WHERE annotations_fts MATCH ?"
            # another outlet's wording of a statement finds the statement it was merged into
            " UNION SELECT c.rowid FROM statements_fts"
            " JOIN statements r ON r.rowid = statements_fts.rowid"
            " JOIN statements c ON c.id = r.same_as WHERE statements_fts MATCH ?)"
        )
        params.extend([match, match, match])
    if f.document_id is not None:
        clauses.append("s.id IN (SELECT statement_id FROM mentions WHERE document_id = ?)")
        params.append(f.document_id)
    return (" AND ".join(clauses) or "1"), params


def to_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def to_annotation(row: dict) -> Annotation | None:
    if row["a_id"] is None:
        return None
    return Annotation(
        statement_id=row["a_id"],
        note=row["note"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        stance=row["a_stance"],
        author=row["author"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def to_statement(row: dict, sources: tuple[Source, ...]) -> Statement:
    annotation = to_annotation(row)
    analyst_stance = annotation.stance if annotation else None
    return Statement(
        id=row["id"],
        actor=row["eff_actor"],
        speaker=row["speaker"],
        date=to_date(row["eff_date"]),
        date_basis="analyst" if row["date_override"] else row["date_basis"],
        quote=row["quote"],
        kind=row["kind"],
        stance=analyst_stance or row["stance_suggested"],
        stance_suggested=analyst_stance is None and row["stance_suggested"] is not None,
        hidden=bool(row["hidden"]),
        origin=row["origin"],
        sources=sources,
        annotation=annotation,
        tags=annotation.tags if annotation else (),
        actor_override=row["actor_override"],
        date_override=to_date(row["date_override"]),
        cue=row["cue"],
        stale=bool(row["stale"]),
    )


# A statement's sources: its own mentions and those of the reports merged into it (same_as).
# Both conditions on m.statement_id, so SQLite looks each id up in the mentions' primary key
# (an OR with st.same_as made it read every mention: 200 ms for a page of 200 statements).
# Their contexts are cut from DOCUMENT_TEXTS in Python: SQLite's substr() stops at a NUL, and
# an article may hold one (a UTF-16 file, a control character in a feed).
SOURCES = """
SELECT COALESCE(st.same_as, m.statement_id) AS statement_id, m.document_id, d.title, d.outlet,
       d.published, d.path, st.quote AS wording,
       m."start", m."end", m.speaker_start, m.speaker_end, m.context_start, m.context_end
FROM mentions m JOIN documents d ON d.id = m.document_id JOIN statements st ON st.id = m.statement_id
WHERE m.statement_id IN ({marks})
   OR m.statement_id IN (SELECT id FROM statements WHERE same_as IN ({marks}))
ORDER BY st.same_as IS NOT NULL, d.published, m.document_id, m."start"
"""


DOCUMENT_TEXTS = "SELECT id, text FROM documents WHERE id IN ({marks})"


def context_of(row: dict, text: str) -> str:
    """The sentence around a mention (its own span when none was stored)."""
    if row["context_end"] > row["context_start"]:
        return text[row["context_start"]:row["context_end"]]
    return text[row["start"]:row["end"]]


def to_source(row: dict, context: str) -> Source:
    return Source(
        document_id=row["document_id"],
        title=row["title"],
        outlet=row["outlet"],
        published=to_date(row["published"]),
        path=row["path"],
        start=row["start"],
        end=row["end"],
        context=context,
        speaker_start=row["speaker_start"],
        speaker_end=row["speaker_end"],
        context_start=row["context_start"],
        context_end=row["context_end"],
        wording=row["wording"],
    )


# The long export: one row per statement and own mention (a statement is mentioned by one
# article, or by several when the same text was imported twice), in statements() order and then
# SOURCES' order, so the first row of a statement is its first source. Reports merged into a
# statement (same_as) come from LONG_MERGED_TITLES, one indexed query: correlated subqueries per
# row for the titles and the first mention took two thirds of a 100,000-statement export.
# Columns: id, actor key, date, quote, kind, speaker, the mention's title, note, tags (JSON),
# analyst's stance, suggested stance, date basis (analyst when moved), outlet, published,
# document path, start, end, hidden, origin, and the statement's own wording (for `wordings`).
LONG_ROW_COLUMNS = f"""
s.id, s.eff_actor, s.eff_date, {QUOTE}, s.kind, s.speaker, d.title,
a.note, a.tags, a.stance, s.stance_suggested,
CASE WHEN s.date_override IS NOT NULL THEN 'analyst' ELSE s.date_basis END,
d.outlet, d.published, d.path, m."start", m."end", s.hidden, s.origin, s.quote
"""
LONG_ROW_JOINS = """
LEFT JOIN mentions m ON m.statement_id = s.id
LEFT JOIN documents d ON d.id = m.document_id
"""
LONG_ROW_ORDER = ORDER.rstrip() + ', d.published, m.document_id, m."start"\n'
LONG_MERGED_TITLES = """
SELECT st.same_as, d.title, d.outlet, st.quote
FROM statements st JOIN mentions m ON m.statement_id = st.id JOIN documents d ON d.id = m.document_id
WHERE st.same_as IS NOT NULL
ORDER BY st.same_as, d.published, m.document_id, m."start"
"""
