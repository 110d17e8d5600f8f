"""One statement, several outlets: link another article's report of a statement to the first.

A statement merged into another keeps its own row (and stable id) with `same_as` pointing at the
statement it repeats; lists and the matrix show only the latter, with every article as a source.
The analyst splits a wrong merge; `merge_blocked` then keeps re-extraction from merging it again.
"""

from __future__ import annotations

import sqlite3

from s400tracker.core.similarity import same_wording, wording_key

_OWN_STATEMENTS = """
SELECT s.id, s.eff_actor, s.eff_date, s.quote, s.sort_key FROM statements s JOIN mentions m ON m.statement_id = s.id
WHERE m.document_id = ? AND s.same_as IS NULL AND s.merge_blocked = 0 AND s.hidden = 0
  AND s.eff_actor IS NOT NULL AND s.eff_date IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM statements t WHERE t.same_as = s.id)
ORDER BY m."start"
"""

# Same speaker, same day; uses the (eff_actor, eff_date) index. Every such statement with the
# articles it is in: the caller leaves out the article being merged.
_CANDIDATES = """
SELECT s.id, s.quote, s.sort_key, m.document_id FROM statements s LEFT JOIN mentions m ON m.statement_id = s.id
WHERE s.eff_actor = ? AND s.eff_date = ? AND s.same_as IS NULL AND s.merge_blocked = 0 AND s.hidden = 0
"""


class Candidates:
    """The statements other articles' reports may merge into, by (actor, day).

    Read from the store once per (actor, day) and kept up to date with the articles merged
    since: an import of thousands of articles asks for the same busy days again and again, and
    re-reading them per article made importing slower the larger the archive. Valid while only
    its owner writes (Store.bulk drops it when another thread writes).
    """

    def __init__(self) -> None:
        # (actor, day) -> [(sort_key, id, wording key, ids of the articles it is in)]
        self._by_day: dict[tuple[str, str], list[tuple[str, str, frozenset, frozenset]]] = {}

    def of(self, conn: sqlite3.Connection, actor: str, day: str) -> list[tuple[str, str, frozenset, frozenset]]:
        found = self._by_day.get((actor, day))
        if found is None:
            rows: dict[str, tuple[str, str, set]] = {}
            for sid, quote, sort_key, document_id in conn.execute(_CANDIDATES, [actor, day]):
                rows.setdefault(sid, (quote, sort_key, set()))[2].add(document_id)
            found = self._by_day[(actor, day)] = [
                (sort_key, sid, wording_key(quote), frozenset(docs))
                for sid, (quote, sort_key, docs) in rows.items()
            ]
        return found

    def add(self, actor: str, day: str, entry: tuple[str, str, frozenset, frozenset]) -> None:
        self._by_day[(actor, day)].append(entry)

    def known(self, actor: str, day: str) -> bool:
        return (actor, day) in self._by_day


def merge_document(conn: sqlite3.Connection, document_id: int, candidates: Candidates | None = None) -> int:
    """Merge the article's statements into near-identical ones of other articles; returns how
    many were merged. Runs inside the caller's write transaction. Each merges into the earliest
    matching report (by publication, article and place), as the matrix lists them."""
    own = conn.execute(_OWN_STATEMENTS, [document_id]).fetchall()
    if not own:
        return 0
    candidates = candidates if candidates is not None else Candidates()
    # Days read from the store from here on hold this article's statements already.
    known = {(actor, day) for _, actor, day, _, _ in own if candidates.known(actor, day)}
    merged: list[tuple[str, str]] = []
    unmerged = []
    for sid, actor, day, quote, sort_key in own:
        key = wording_key(quote)
        best = None
        for other in candidates.of(conn, actor, day):
            if (best is None or other[:2] < best[:2]) and other[1] != sid \
                    and document_id not in other[3] and same_wording(key, other[2]):
                best = other
        if best is not None:
            merged.append((best[1], sid))
        else:
            unmerged.append((actor, day, (sort_key, sid, key, frozenset([document_id]))))
    conn.executemany("UPDATE statements SET same_as = ? WHERE id = ?", merged)
    for actor, day, entry in unmerged:
        if (actor, day) in known:
            candidates.add(actor, day, entry)
    return len(merged)


def split(conn: sqlite3.Connection, statement_id: str) -> list[str]:
    """Undo the merges into statement_id; returns the statements split off."""
    ids = [r[0] for r in conn.execute("SELECT id FROM statements WHERE same_as = ? ORDER BY id", [statement_id])]
    conn.execute("UPDATE statements SET same_as = NULL, merge_blocked = 1 WHERE same_as = ?", [statement_id])
    return ids


def rejoin(conn: sqlite3.Connection, statement_id: str, ids: list[str]) -> None:
    """Merge the given statements into statement_id again (the undo of split)."""
    conn.executemany("UPDATE statements SET same_as = ?, merge_blocked = 0 WHERE id = ?",
                     [(statement_id, i) for i in ids])
