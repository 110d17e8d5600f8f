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

import bisect
import json
import sqlite3
from dataclasses import dataclass

from s400tracker.core.similarity import same_wording, wording_key

# A speaker's day: every statement with the article(s) it is in. Uses the (eff_actor, eff_date)
# index.
_DAY = """
SELECT s.id, s.quote, s.kind, s.shown_quote, s.same_as, s.merge_blocked OR s.hidden, d.published,
       d.sha256, m."start", m.document_id
FROM statements s JOIN mentions m ON m.statement_id = s.id JOIN documents d ON d.id = m.document_id
WHERE s.eff_actor = ? AND s.eff_date = ?
"""

# The days an article's statements fall on, with those statements as _DAY reads them.
_OWN = """
SELECT s.eff_actor, s.eff_date, s.id, s.quote, s.kind, s.shown_quote, s.same_as,
       s.merge_blocked OR s.hidden, d.published, d.sha256, m."start", m.document_id
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
    quote: str
    fullness: tuple     # sorts the fullest wording first: direct, partial, indirect; the longest
    shown: str | None   # the group's wording it shows, when a head and not its own (shown_quote)


_KIND_ORDER = {"direct": 0, "partial": 1}


def _report(sid, quote, kind, shown, same_as, fixed, published, sha, start, doc) -> Report:
    return Report((published or "~", sha, start, sid), sid, wording_key(quote), frozenset([doc]),
                  same_as, bool(fixed), quote, (_KIND_ORDER.get(kind, 2), -len(quote)), shown)


def _add_row(reports: dict[str, Report], row) -> Report:
    r = _report(*row)
    old = reports.get(r.id)
    if old is not None:   # a statement in several articles: its earliest place, all its articles
        r.key, r.docs = min(old.key, r.key), old.docs | r.docs
    reports[r.id] = r
    return r


def _matches(r: Report, h: Report) -> bool:
    # Two reports in one article are two statements, however alike.
    return not (r.docs & h.docs) and same_wording(r.words, h.words)


class Day:
    """The reports of one speaker's day, in canonical order, grouped as regroup() groups them."""

    def __init__(self, reports: dict[str, Report]):
        self.reports = reports
        self.order = sorted(reports.values(), key=lambda r: r.key)
        self._list_heads()

    def _list_heads(self) -> None:
        # The heads in canonical order: what a new report is compared with.
        self.heads = [h for h in self.order if h.same_as is None and self.free(h)]

    def free(self, r: Report) -> bool:
        """Does r take part in grouping? Not when fixed, nor when it follows a fixed head (the
        reports merged into a statement the analyst hid stay hidden with it) or a head on
        another day (the analyst moved it; they follow it)."""
        if r.fixed:
            return False
        if r.same_as is None:
            return True
        head = self.reports.get(r.same_as)
        return head is not None and not head.fixed

    def regroup(self) -> dict[str, tuple]:
        """Group every report from scratch; returns the reports whose `same_as` changed, with
        its (old, new) value (applied to the reports)."""
        heads: list[Report] = []
        changes: dict[str, tuple] = {}
        for r in self.order:
            if self.free(r):
                head = next((h for h in heads if _matches(r, h)), None)
                if head is None:
                    heads.append(r)
                self._set(r, head, changes)
        self.heads = heads
        return changes

    def insert(self, r: Report) -> dict[str, tuple]:
        """Add a report new to the day (and to the store, so unmerged there) and regroup; the
        changes, as regroup() gives them.

        The reports before it keep their groups. Merged into one of their heads, it changes
        nothing else; heading a group, it may take later reports into it (heads with their
        reports among them), and what those reports leave regroups in turn.
        """
        at = bisect.bisect(self.order, r.key, key=lambda x: x.key)
        self.order.insert(at, r)
        self.reports[r.id] = r
        before = self.heads[:bisect.bisect(self.heads, r.key, key=lambda x: x.key)]
        head = next((h for h in before if _matches(r, h)), None)
        if head is not None:
            r.same_as = head.id
            return {r.id: (None, head.id)}
        # Every later report matched no head before `at` (or it would be in its group): only
        # the heads that are new from here on can take it, unless its head was taken.
        stand = {h.id for h in before}
        heads, fresh, taken = [r], [r], set()
        changes: dict[str, tuple] = {}
        for x in self.order[at + 1:]:
            if not self.free(x) or x.same_as in stand:
                continue
            if x.same_as is None:
                head = next((h for h in fresh if _matches(x, h)), None)
                if head is None:
                    heads.append(x)
                else:
                    taken.add(x.id)
            elif x.same_as not in taken:
                limit = self.reports[x.same_as].key
                head = next((h for h in fresh if h.key < limit and _matches(x, h)),
                            self.reports[x.same_as])
            else:
                head = next((h for h in heads if h.key < x.key and _matches(x, h)), None)
                if head is None:
                    heads.append(x)
                    fresh.append(x)
            self._set(x, head, changes)
        self._list_heads()
        return changes

    def fullest(self, head: Report) -> str | None:
        """The wording the head shows, when not its own: its group's fullest (as _FULLEST)."""
        group = [r for r in self.reports.values() if r.same_as == head.id and not r.fixed]
        best = min([head, *group], key=lambda r: (r.fullness, r.key))
        return None if best is head or best.quote == head.quote else best.quote

    @staticmethod
    def _set(r: Report, head: Report | None, changes: dict[str, tuple]) -> None:
        new = None if head is None else head.id
        if r.same_as != new:
            changes[r.id] = (r.same_as, new)
            r.same_as = new


class Candidates:
    """The reports of each (actor, day) an import has touched, kept in step with its writes.

    Read from the store once per (actor, day): an import of thousands of articles asks for the
    same busy days again and again, and re-reading them per article made importing slower the
    larger the archive. Dropped whole when another connection has committed since (SQLite's
    data_version tells), and by Store.bulk when another thread of this process writes.
    """

    def __init__(self) -> None:
        self._by_day: dict[tuple[str, str], Day] = {}
        self._version: int | None = None

    def check(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._by_day.clear()
            self._version = version

    def day(self, actor: str, day: str) -> Day | None:
        return self._by_day.get((actor, day))

    def load(self, conn: sqlite3.Connection, actor: str, day: str) -> Day:
        reports: dict[str, Report] = {}
        for row in conn.execute(_DAY, [actor, day]):
            _add_row(reports, row)
        found = self._by_day[(actor, day)] = Day(reports)
        return found


def _write(conn: sqlite3.Connection, day: Day, changes: dict[str, tuple],
           new: set[str] = frozenset(), touch=()) -> None:
    """Write a day's regrouping, {report: (old same_as, new)}, and the wordings its groups
    show. `new`: reports just added to the store (no members, no annotation); `touch`: reports
    whose group's wording is to be checked though their group did not change."""
    changes = {sid: pair for sid, pair in changes.items() if pair[0] != pair[1]}
    # A head merged into another takes its reports along, those of other days too (which this
    # day's regrouping did not see): a merge never points at a merged report.
    demoted = [(head, sid) for sid, (was, head) in changes.items()
               if was is None and sid not in new]
    if demoted:
        conn.executemany("UPDATE statements SET same_as = ? WHERE same_as = ?", demoted)
    # (reports that followed a demoted head to its new one are written already)
    moved = dict((sid, head) for head, sid in demoted)
    rows = [(head, sid) for sid, (was, head) in changes.items()
            if was is None or moved.get(was, was) != head]
    if rows:
        conn.executemany("UPDATE statements SET same_as = ? WHERE id = ?", rows)
    carry_annotations(conn, [(sid, head) for head, sid in demoted])
    touched = {x for sid, pair in changes.items() for x in (sid, *pair) if x is not None}
    updates = []
    for sid in touched.union(touch):
        r = day.reports[sid]
        shown = day.fullest(r) if r.same_as is None else None
        if shown != r.shown:
            updates.append((shown, sid))
            r.shown = shown
    if updates:
        conn.executemany("UPDATE statements SET shown_quote = ? WHERE id = ?", updates)


def merge_document(conn: sqlite3.Connection, document_id: int, candidates: Candidates | None = None) -> int:
    """Regroup the days the article's statements fall on, after they were written; returns how
    many of its statements are merged into another article's. Runs inside the caller's write
    transaction."""
    candidates = candidates if candidates is not None else Candidates()
    candidates.check(conn)
    own: dict[tuple[str, str], list] = {}
    for actor, day, *row in conn.execute(_OWN, [document_id]):
        own.setdefault((actor, day), []).append(row)
    merged = 0
    for (actor, date), rows in own.items():
        ids = {row[0] for row in rows}
        day = candidates.day(actor, date)
        if day is not None and ids.isdisjoint(day.reports):
            # A new article's reports into a day read before: its grouping stands, each report
            # is inserted into it.
            changes: dict[str, tuple] = {}
            for r in sorted((_report(*row) for row in rows), key=lambda r: r.key):
                for sid, (was, head) in day.insert(r).items():
                    changes[sid] = (changes.get(sid, (was,))[0], head)
            _write(conn, day, changes, ids)
        else:
            day = candidates.load(conn, actor, date)
            # Every group of the day checked for its fullest wording: re-extracted reports may
            # have changed theirs.
            _write(conn, day, day.regroup(), touch=day.reports)
        merged += sum(1 for i in ids if day.reports[i].same_as is not None)
    return merged


def regroup_all(conn: sqlite3.Connection) -> None:
    """Regroup every speaker's day of the store (the repair of stores whose merges chained)."""
    days = conn.execute("SELECT DISTINCT eff_actor, eff_date FROM statements "
                        "WHERE eff_actor IS NOT NULL AND eff_date IS NOT NULL").fetchall()
    candidates = Candidates()
    for actor, day in days:
        found = candidates.load(conn, actor, day)
        _write(conn, found, found.regroup(), touch=found.reports)
    # Annotations of reports left merged by earlier versions.
    carry_annotations(conn, conn.execute(
        "SELECT s.id, s.same_as FROM statements s JOIN annotations a ON a.statement_id = s.id "
        "JOIN statements h ON h.id = s.same_as WHERE h.same_as IS NULL").fetchall())


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
