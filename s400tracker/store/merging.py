"""One statement, several outlets: link another article's report of a statement to the first.

A statement merged into another keeps its own row (and stable id) with `same_as` pointing at the
statement it repeats; lists and the matrix show only the latter, with every article as a source.
The analyst splits a wrong merge; `merge_blocked` then keeps re-extraction from merging it again.
"""

from __future__ import annotations

import sqlite3

from s400tracker.core.similarity import same_wording, wording_key

_OWN_STATEMENTS = """
SELECT s.id, s.eff_actor, s.eff_date, s.quote FROM statements s JOIN mentions m ON m.statement_id = s.id
WHERE m.document_id = ? AND s.same_as IS NULL AND s.merge_blocked = 0 AND s.hidden = 0
  AND s.eff_actor IS NOT NULL AND s.eff_date IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM statements t WHERE t.same_as = s.id)
ORDER BY m."start"
"""

# Same speaker, same day, another article; uses the (eff_actor, eff_date) index.
_CANDIDATES = """
SELECT s.id, s.quote FROM statements s
WHERE s.eff_actor = ? AND s.eff_date = ? AND s.same_as IS NULL AND s.merge_blocked = 0 AND s.hidden = 0
  AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.statement_id = s.id AND m.document_id = ?)
ORDER BY s.sort_key, s.id
"""


def merge_document(conn: sqlite3.Connection, document_id: int) -> int:
    """Merge the article's statements into near-identical ones of other articles; returns how
    many were merged. Runs inside the caller's write transaction."""
    own = conn.execute(_OWN_STATEMENTS, [document_id]).fetchall()
    if not own:
        return 0
    candidates: dict[tuple[str, str], list[tuple[str, frozenset]]] = {}
    for actor, day in {(r[1], r[2]) for r in own}:
        candidates[(actor, day)] = [(cid, wording_key(quote))
                                    for cid, quote in conn.execute(_CANDIDATES, [actor, day, document_id])]
    merged = 0
    for sid, actor, day, quote in own:
        key = wording_key(quote)
        for cid, other in candidates[(actor, day)]:
            if cid != sid and same_wording(key, other):
                conn.execute("UPDATE statements SET same_as = ? WHERE id = ?", [cid, sid])
                merged += 1
                break
    return merged


def split(conn: sqlite3.Connection, statement_id: str) -> list[str]:
    """Undo the merges into statement_id; returns the statements split off."""
    ids = [r[0] for r in conn.execute("SELECT id FROM statements WHERE same_as = ? ORDER BY id", [statement_id])]
    conn.execute("UPDATE statements SET same_as = NULL, merge_blocked = 1 WHERE same_as = ?", [statement_id])
    return ids


def rejoin(conn: sqlite3.Connection, statement_id: str, ids: list[str]) -> None:
    """Merge the given statements into statement_id again (the undo of split)."""
    conn.executemany("UPDATE statements SET same_as = ?, merge_blocked = 0 WHERE id = ?",
                     [(statement_id, i) for i in ids])
