"""The connection wrapper the store talks through: the few calls it used from sqlite-utils.

sqlite-utils' Database cost a tenth of a second at every launch (its import pulls in click,
pluggy, dateutil's parser and an entry-point scan for plugins) for `execute`, `query` and
`table_names`. The store's tables keep the layout sqlite-utils and Datasette expect (schema.py),
so both still open the file; the full-text indexes read a folded copy of the text through views
(statements_fts_text, annotations_fts_text), where Datasette finds their search.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Iterator, Sequence


class Database:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        # As sqlite-utils sets it: an INSERT OR REPLACE fires the delete triggers that keep the
        # full-text indexes in step with their tables.
        conn.execute("PRAGMA recursive_triggers = on")

    def execute(self, sql: str, params: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if params is None else self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence | dict[str, Any] | None = None) -> Iterator[dict]:
        """Rows as dicts; the query runs now, rows are read as iterated."""
        cursor = self.execute(sql, params)
        keys = _dedupe([d[0] for d in cursor.description or ()])
        return (dict(zip(keys, row)) for row in cursor)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self.conn.close()


def _dedupe(keys: list[str]) -> list[str]:
    # A repeated column name becomes name_2, name_3 … (as sqlite-utils names them).
    seen: set[str] = set()
    out = []
    for key in keys:
        name, n = key, 1
        while name in seen:
            n += 1
            name = f"{key}_{n}"
        seen.add(name)
        out.append(name)
    return out
