"""One statement, several outlets: link other articles' reports of a statement to one head.

A statement merged into another keeps its own row (and stable id) with `same_as` pointing at the
group's head; lists and the matrix show only heads, with every article as a source and the
group's fullest wording as the quote (`shown_quote`). The analyst splits a wrong merge;
`merge_blocked` then keeps re-extraction from merging it again.

The grouping of a speaker's day is a function of the reports stored, never of the order they
arrived in: taken in canonical order (publication, article hash, place), each report joins the
first earlier head whose wording it shares, else it heads a group of its own. Every write
regroups the days it touched, so an import split in two, resumed after a kill or run beside
another gives the grouping a single clean import gives, and `same_as` always names a head.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from s400tracker.core.similarity import same_wording, wording_key

# A speaker's day: every statement with the article(s) it is in. Uses the (eff_actor, eff_date)
# index.
_DAY = """
SELECT s.id, s.quote, s.same_as, s.merge_blocked OR s.hidden, d.published, d.sha256, m."start",
       m.document_id
FROM statements s JOIN mentions m ON m.statement_id = s.id JOIN documents d ON d.id = m.document_id
WHERE s.eff_actor = ? AND s.eff_date = ?
"""

# The days an article's statements fall on, with those statements as _DAY reads them.
_OWN = """
SELECT s.eff_actor, s.eff_date, s.id, s.quote, s.same_as, s.merge_blocked OR s.hidden,
       d.published, d.sha256, m."start", m.document_id
FROM mentions m JOIN statements s ON s.id = m.statement_id JOIN documents d ON d.id = m.document_id
WHERE m.document_id = ? AND s.eff_actor IS NOT NULL AND s.eff_date IS NOT NULL
"""


@dataclass
class Report:
    """One statement of a speaker's day, as grouping sees it."""

    key: tuple          # canonical place in the press: (publication, article hash, offset, id)
    id: str
    words: frozenset    # similarity.wording_key of its quote
    docs: frozenset     # ids of the articles it is in
    same_as: str | None
    fixed: bool         # hidden or split off by the analyst: never merged, never merged into


def _report(sid, quote, same_as, fixed, published, sha, start, doc) -> Report:
    return Report((published or "~", sha, start, sid), sid, wording_key(quote), frozenset([doc]),
                  same_as, bool(fixed))


def _add_row(reports: dict[str, Report], row) -> None:
    r = _report(*row)
    old = reports.get(r.id)
    if old is not None:   # a statement in several articles: its earliest place, all its articles
        r.key, r.docs = min(old.key, r.key), old.docs | r.docs
    reports[r.id] = r


class Candidates:
    """The reports of each (actor, day) an import has touched, kept in step with its writes.

    Read from the store once per (actor, day): an import of thousands of articles asks for the
    same busy days again and again, and re-reading them per article made importing slower the
    larger the archive. Dropped whole when another connection has committed since (SQLite's
    data_version tells), and by Store.bulk when another thread of this process writes.
    """

    def __init__(self) -> None:
        self._by_day: dict[tuple[str, str], dict[str, Report]] = {}
        self._version: int | None = None

    def check(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._by_day.clear()
            self._version = version

    def day(self, actor: str, day: str) -> dict[str, Report] | None:
        return self._by_day.get((actor, day))

    def load(self, conn: sqlite3.Connection, actor: str, day: str) -> dict[str, Report]:
        reports: dict[str, Report] = {}
        for row in conn.execute(_DAY, [actor, day]):
            _add_row(reports, row)
        self._by_day[(actor, day)] = reports
        return reports


def regroup(reports: dict[str, Report]) -> dict[str, str | None]:
    """What `same_as` each report of one speaker's day should hold, for those that take part.

    A report takes part unless it is fixed or follows a fixed head (the reports merged into a
    statement the analyst hid stay hidden with it).
    """
    def free(r: Report) -> bool:
        if r.fixed:
            return False
        head = reports.get(r.same_as) if r.same_as is not None else None
        return r.same_as is None or (head is not None and not head.fixed)

    heads: list[Report] = []
    out: dict[str, str | None] = {}
    for r in sorted((r for r in reports.values() if free(r)), key=lambda r: r.key):
        for h in heads:
            if not (r.docs & h.docs) and same_wording(r.words, h.words):
                out[r.id] = h.id
                break
        else:
            heads.append(r)
            out[r.id] = None
    return out


def _apply(conn: sqlite3.Connection, reports: dict[str, Report]) -> set[str]:
    """Regroup one day in the store and in `reports`; returns the heads whose group changed."""
    changed: list[tuple[str | None, str]] = []
    touched: set[str] = set()
    for sid, head in regroup(reports).items():
        r = reports[sid]
        if r.same_as != head:
            changed.append((head, sid))
            touched.update(x for x in (r.same_as, head, sid) if x is not None)
            r.same_as = head
    if changed:
        conn.executemany("UPDATE statements SET same_as = ? WHERE id = ?", changed)
        carry_annotations(conn, [(sid, head) for head, sid in changed if head is not None])
    return touched


def merge_document(conn: sqlite3.Connection, document_id: int, candidates: Candidates | None = None) -> int:
    """Regroup the days the article's statements fall on, after they were written; returns how
    many of its statements are merged into another article's. Runs inside the caller's write
    transaction."""
    candidates = candidates if candidates is not None else Candidates()
    candidates.check(conn)
    own: dict[tuple[str, str], list] = {}
    for actor, day, *row in conn.execute(_OWN, [document_id]):
        own.setdefault((actor, day), []).append(row)
    touched: set[str] = set()
    merged = 0
    for (actor, day), rows in own.items():
        reports = candidates.day(actor, day)
        if reports is None:
            reports = candidates.load(conn, actor, day)
        else:
            for row in rows:
                reports.pop(row[0], None)   # re-extracted: its wording may have changed
            for row in rows:
                _add_row(reports, row)
        touched |= _apply(conn, reports)
        ids = {row[0] for row in rows}
        touched |= {r.same_as or r.id for r in reports.values() if r.id in ids}
        merged += sum(1 for i in ids if reports[i].same_as is not None)
    refresh_shown_quotes(conn, touched)
    return merged


def regroup_all(conn: sqlite3.Connection) -> None:
    """Regroup every speaker's day of the store (the repair of stores whose merges chained)."""
    days = conn.execute("SELECT DISTINCT eff_actor, eff_date FROM statements "
                        "WHERE eff_actor IS NOT NULL AND eff_date IS NOT NULL").fetchall()
    candidates = Candidates()
    for actor, day in days:
        _apply(conn, candidates.load(conn, actor, day))
    # Annotations of reports left merged by earlier versions, then every group's wording.
    carry_annotations(conn, conn.execute(
        "SELECT s.id, s.same_as FROM statements s JOIN annotations a ON a.statement_id = s.id "
        "JOIN statements h ON h.id = s.same_as WHERE h.same_as IS NULL").fetchall())
    conn.execute("UPDATE statements SET shown_quote = NULL")
    refresh_shown_quotes(conn, [r[0] for r in conn.execute(
        "SELECT DISTINCT same_as FROM statements WHERE same_as IS NOT NULL")])


# The wording a group shows: direct over partial over indirect, then the longest, then the
# earliest in the press.
_FULLEST = """
SELECT s.quote FROM statements s JOIN mentions m ON m.statement_id = s.id
JOIN documents d ON d.id = m.document_id
WHERE (s.id = ?1 OR s.same_as = ?1) AND s.hidden = 0
ORDER BY s.kind != 'direct', s.kind != 'partial', length(s.quote) DESC,
         d.published IS NULL, d.published, d.sha256, m."start"
LIMIT 1
"""


def refresh_shown_quotes(conn: sqlite3.Connection, ids) -> None:
    """Set `shown_quote` of the given statements: a head's fullest wording when it is not its
    own, NULL for every other statement."""
    updates = []
    for sid in ids:
        row = conn.execute("SELECT quote, same_as FROM statements WHERE id = ?", [sid]).fetchone()
        if row is None:
            continue
        best = None
        if row[1] is None:
            found = conn.execute(_FULLEST, [sid]).fetchone()
            best = found[0] if found and found[0] != row[0] else None
        updates.append((best, sid))
    conn.executemany("UPDATE statements SET shown_quote = ? WHERE id = ?", updates)


def carry_annotations(conn: sqlite3.Connection, moves) -> None:
    """Give each (member, head) pair's member annotation to the head, which the views show: a
    statement annotated while it headed its group keeps its note when an earlier report of it
    arrives. Notes of both are kept, one after the other; tags are joined; the head's stance
    wins, else the member's."""
    for member, head in moves:
        mine = conn.execute("SELECT note, tags, stance, author, created_at, updated_at "
                            "FROM annotations WHERE statement_id = ?", [member]).fetchone()
        if mine is None:
            continue
        theirs = conn.execute("SELECT note, tags, stance FROM annotations WHERE statement_id = ?",
                              [head]).fetchone()
        if theirs is None:
            conn.execute("UPDATE annotations SET statement_id = ? WHERE statement_id = ?",
                         [head, member])
        else:
            notes = [n for n in (theirs[0], mine[0]) if n.strip()]
            note = "\n\n".join(dict.fromkeys(notes))
            tags = list(dict.fromkeys(json.loads(theirs[1]) + json.loads(mine[1])))
            conn.execute(
                "UPDATE annotations SET note = ?, tags = ?, stance = COALESCE(stance, ?), "
                "updated_at = max(updated_at, ?) WHERE statement_id = ?",
                [note, json.dumps(tags, ensure_ascii=False), mine[2], mine[5], head])
            conn.execute("DELETE FROM annotations WHERE statement_id = ?", [member])
        for table in ("annotation_history", "annotation_conflicts"):
            conn.execute(f"UPDATE OR IGNORE {table} SET statement_id = ? WHERE statement_id = ?",
                         [head, member])
            conn.execute(f"DELETE FROM {table} WHERE statement_id = ?", [member])


def split(conn: sqlite3.Connection, statement_id: str) -> list[str]:
    """Undo the merges into statement_id; returns the statements split off."""
    ids = [r[0] for r in conn.execute("SELECT id FROM statements WHERE same_as = ? ORDER BY id", [statement_id])]
    conn.execute("UPDATE statements SET same_as = NULL, merge_blocked = 1 WHERE same_as = ?", [statement_id])
    refresh_shown_quotes(conn, [statement_id, *ids])
    return ids


def rejoin(conn: sqlite3.Connection, statement_id: str, ids: list[str]) -> None:
    """Merge the given statements into statement_id again (the undo of split)."""
    conn.executemany("UPDATE statements SET same_as = ?, merge_blocked = 0 WHERE id = ?",
                     [(statement_id, i) for i in ids])
    refresh_shown_quotes(conn, [statement_id, *ids])
