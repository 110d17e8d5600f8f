"""Dating an undated article by the dated articles that report the same statements.

Two outlets quoting the same words of the same speaker report the same event, and publish within
a day or two of each other: the dated one's publication day is our best guess for the other.

Every statement's content words are kept in wording_stems (schema version 6), hashed. Two wordings that
are the same (core.similarity.same_wording) share at least min(3, n) of their words, n the words
of either: so the statements sharing that many words with a wording, found through the table's
index, hold all its twins, and only those are compared in Python.
"""

from __future__ import annotations

import collections
import datetime as dt
import sqlite3
import zlib
from typing import Iterable

from s400tracker.core.similarity import same_wording, wording_key

_OWN = """
SELECT s.actor_key, s.speaker, s.quote FROM statements s JOIN mentions m ON m.statement_id = s.id
WHERE m.document_id = ? AND s.hidden = 0
"""

# Statements sharing at least ? of the words listed.
_SHARING = """
SELECT statement_id FROM wording_stems WHERE stem IN ({marks})
GROUP BY statement_id HAVING count(*) >= ?
"""

# Among them, the same actor's (or, untracked, the same speaker's as written) in an article that
# has a date.
_TWINS = """
SELECT s.quote, d.published FROM statements s
JOIN mentions m ON m.statement_id = s.id JOIN documents d ON d.id = m.document_id
WHERE s.id IN (""" + _SHARING + """)
  AND d.id != ? AND d.published IS NOT NULL AND d.date_basis != 'inferred'
  AND (s.actor_key = ? OR (s.actor_key IS NULL AND ? IS NULL AND s.speaker = ?))
"""

# The statements of articles without a date: what a new dated article may date. Few, and found
# through the partial index of undated documents.
_UNDATED = """
SELECT m.document_id, s.actor_key, s.speaker, s.quote FROM mentions m JOIN statements s ON s.id = m.statement_id
WHERE m.document_id IN (SELECT id FROM documents INDEXED BY documents_undated WHERE published IS NULL)
  AND s.hidden = 0
"""

# A new article's statements that can date another article: its date is its own.
_DATED_OWN = """
SELECT s.actor_key, s.speaker, s.quote FROM statements s JOIN mentions m ON m.statement_id = s.id
JOIN documents d ON d.id = m.document_id
WHERE m.document_id = ? AND d.published IS NOT NULL AND d.date_basis != 'inferred'
"""


def index_wordings(conn: sqlite3.Connection, statements: Iterable[tuple[str, str]]) -> None:
    """Record the content words of (statement id, quote) pairs; a statement's quote never changes."""
    rows = [(_hashed(stem), sid) for sid, quote in statements for stem in wording_key(quote)]
    if rows:
        conn.executemany("INSERT OR IGNORE INTO wording_stems (stem, statement_id) VALUES (?, ?)", rows)


def forget_wordings(conn: sqlite3.Connection, statements: Iterable[tuple[str, str]]) -> None:
    """Drop the words of (statement id, quote) pairs about to be deleted."""
    rows = [(_hashed(stem), sid) for sid, quote in statements for stem in wording_key(quote)]
    if rows:
        conn.executemany("DELETE FROM wording_stems WHERE stem = ? AND statement_id = ?", rows)


def _hashed(stem: str) -> int:
    """A stem as the table keeps it: a number is a third the size of the word in its index, and
    two stems sharing a number only make one more candidate, which same_wording then turns down."""
    return zlib.crc32(stem.encode("utf-8"))


def _shared(key: frozenset[str]) -> tuple[str, list]:
    """The _SHARING condition for twins of a wording: its words and how many a twin shares."""
    hashed = {_hashed(stem) for stem in key}
    # Stems of one wording sharing a number count once: as many fewer are asked for.
    need = max(1, min(3, len(key)) - (len(key) - len(hashed)))
    return ", ".join("?" * len(hashed)), [*hashed, need]


def publication_votes(conn: sqlite3.Connection, document_id: int) -> list[tuple[dt.date, int]]:
    """Publication days of dated articles quoting the article's statements, most votes first."""
    votes: collections.Counter = collections.Counter()
    for actor, speaker, quote in conn.execute(_OWN, [document_id]).fetchall():
        if actor is None and not speaker:
            continue
        key = wording_key(quote)
        if not key:
            continue   # no content word: the same as nothing
        marks, shared = _shared(key)
        rows = conn.execute(_TWINS.format(marks=marks), [*shared, document_id, actor, actor, speaker])
        days = {published for other, published in rows if same_wording(key, wording_key(other))}
        votes.update(days)   # one vote per statement and day, however many outlets agree
    return sorted(((dt.date.fromisoformat(d), n) for d, n in votes.items()), key=lambda v: (-v[1], v[0]))


def undated_twins(conn: sqlite3.Connection, document_ids: Iterable[int]) -> list[int]:
    """Undated articles quoting a statement of these (dated) articles: the ones whose votes the
    articles may have changed. The undated articles' statements are indexed by their words here,
    and each statement of the new articles looks up the ones sharing enough of its words."""
    undated = conn.execute(_UNDATED).fetchall()
    if not undated:
        return []
    postings: dict[tuple, dict[str, list[int]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    keys: list[tuple[int, frozenset[str]]] = []
    for doc, actor, speaker, quote in undated:
        if actor is None and not speaker:
            continue   # publication_votes asks nothing for these
        key = wording_key(quote)
        for stem in key:
            postings[_speaking(actor, speaker)][stem].append(len(keys))
        keys.append((doc, key))
    found: set[int] = set()
    for document_id in document_ids:
        for actor, speaker, quote in conn.execute(_DATED_OWN, [document_id]).fetchall():
            words = postings.get(_speaking(actor, speaker))
            key = wording_key(quote)
            if words is None or not key:
                continue
            shared = collections.Counter(i for stem in key for i in words.get(stem, ()))
            need = min(3, len(key))
            found.update(keys[i][0] for i, n in shared.items()
                         if n >= need and keys[i][0] not in found and same_wording(key, keys[i][1]))
    return sorted(found)


def _speaking(actor: str | None, speaker: str | None) -> tuple:
    """Who says it, as _TWINS matches them: the actor, or an untracked speaker as written."""
    return ("actor", actor) if actor is not None else ("speaker", speaker)
