"""Dating an undated article by the dated articles that report the same statements.

Two outlets quoting the same words of the same speaker report the same event, and publish within
a day or two of each other: the dated one's publication day is our best guess for the other.
"""

from __future__ import annotations

import collections
import datetime as dt
import sqlite3

from s400tracker.core.similarity import same_wording, wording_key

_OWN = """
SELECT s.actor_key, s.speaker, s.quote FROM statements s JOIN mentions m ON m.statement_id = s.id
WHERE m.document_id = ? AND s.hidden = 0
"""

# The same actor (or, untracked, the same speaker as written) in an article that has a date.
_TWINS = """
SELECT s.quote, d.published FROM statements s
JOIN mentions m ON m.statement_id = s.id JOIN documents d ON d.id = m.document_id
WHERE d.id != ? AND d.published IS NOT NULL AND d.date_basis != 'inferred'
  AND (s.actor_key = ? OR (s.actor_key IS NULL AND ? IS NULL AND s.speaker = ?))
"""


def publication_votes(conn: sqlite3.Connection, document_id: int) -> list[tuple[dt.date, int]]:
    """Publication days of dated articles quoting the article's statements, most votes first."""
    votes: collections.Counter = collections.Counter()
    for actor, speaker, quote in conn.execute(_OWN, [document_id]).fetchall():
        if actor is None and not speaker:
            continue
        key = wording_key(quote)
        days = {published for other, published in conn.execute(_TWINS, [document_id, actor, actor, speaker])
                if same_wording(key, wording_key(other))}
        votes.update(days)   # one vote per statement and day, however many outlets agree
    return sorted(((dt.date.fromisoformat(d), n) for d, n in votes.items()), key=lambda v: (-v[1], v[0]))
