"""Writing what the extractor found in one article: its statements and their mentions, found
again or new, and the ones no longer found dropped (or kept, stale, when the analyst worked on
them), the wording index of inference.py kept in step. Called by documents.py inside its write
transaction."""

from __future__ import annotations

from dataclasses import dataclass

from s400tracker.core.ids import statement_id
from s400tracker.core.model import Found
from s400tracker.store.db import Database


@dataclass(frozen=True)
class ExtractionChange:
    """What writing one article's extraction did to the store."""

    added: int = 0      # new statements
    updated: int = 0    # found again (extracted fields refreshed, corrections kept)
    removed: int = 0    # no longer found, dropped
    kept: int = 0       # no longer found, kept because annotated or corrected (marked stale)


_UPSERT_STATEMENT = """
    INSERT INTO statements (id, actor_key, speaker, date, date_basis, quote, kind,
                            cue, stance_suggested, origin, stale, sort_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'extracted', 0, ?)
    ON CONFLICT (id) DO UPDATE SET actor_key = excluded.actor_key,
      speaker = excluded.speaker, date = excluded.date,
      date_basis = excluded.date_basis, quote = excluded.quote,
      kind = excluded.kind, cue = excluded.cue,
      stance_suggested = excluded.stance_suggested, stale = 0,
      sort_key = excluded.sort_key"""

_UPSERT_MENTION = """
    INSERT INTO mentions (statement_id, document_id, "start", "end", speaker_start,
                          speaker_end, context_start, context_end)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (statement_id, document_id, "start") DO UPDATE SET
      "end" = excluded."end", speaker_start = excluded.speaker_start,
      speaker_end = excluded.speaker_end, context_start = excluded.context_start,
      context_end = excluded.context_end"""

_PREVIOUS = """
    SELECT s.id, s.quote, (s.actor_override IS NOT NULL OR s.date_override IS NOT NULL
                  OR s.hidden = 1 OR a.statement_id IS NOT NULL) AS worked
    FROM statements s JOIN mentions m ON m.statement_id = s.id
    LEFT JOIN annotations a ON a.statement_id = s.id
    WHERE m.document_id = ? AND s.origin = 'extracted'"""


def write_extraction(
    db: Database, known: set[str], doc_id: int, sha: str, published: str | None,
    found: list[Found], new_document: bool = False, staged: bool = False,
) -> ExtractionChange:
    """Write `found` as the statements of document `doc_id` (sha256 `sha`, published on the ISO
    day `published`); `known` are the tracked actors' keys (an actor unknown here is untracked).
    `staged`: during a large import, the new statements' words are indexed at its end."""
    new = {statement_id(sha, f.start, f.end): f for f in found}
    previous = {} if new_document else {r["id"]: r for r in db.query(_PREVIOUS, [doc_id])}
    # One executemany per table: the statements are prepared once per article, and no
    # Python runs between rows (an article holds a few dozen statements).
    prefix = f"{published or '~'}|{doc_id:010d}|"   # queries.sort_key, inlined
    conn = db.conn
    conn.executemany(_UPSERT_STATEMENT, [
        (sid, f.actor if f.actor in known else None,
         f.speaker, f.date.isoformat() if f.date else None, f.date_basis, f.quote, f.kind, f.cue,
         f.stance, f"{prefix}{f.start:010d}")
        for sid, f in new.items()
    ])
    conn.executemany(_UPSERT_MENTION, [
        (sid, doc_id, f.start, f.end, f.speaker_start, f.speaker_end,
         f.context_start, f.context_end)
        for sid, f in new.items()
    ])
    _inference().index_wordings(conn, [(sid, f.quote) for sid, f in new.items() if sid not in previous],
                                staged)
    removed = kept = 0
    for sid, row in previous.items():
        if sid in new:
            continue
        if row["worked"]:
            db.execute("UPDATE statements SET stale = 1 WHERE id = ?", [sid])
            kept += 1
        else:
            _inference().forget_wordings(conn, [(sid, row["quote"])])
            db.execute("DELETE FROM statements WHERE id = ?", [sid])
            removed += 1
    added = sum(1 for sid in new if sid not in previous)
    return ExtractionChange(added, len(new) - added, removed, kept)


def _inference():
    from s400tracker.store import inference

    return inference
