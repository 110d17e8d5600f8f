"""The store's side of sharing work between analysts: annotation history, conflicts, and who
corrected what when. services/bundles.py decides; this module only reads and writes.

Functions take the Store and work through its public connection (connection.py): its lock, its
error mapping and its transactions, as every repository of the store does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Iterable, Iterator

from s400tracker.core.model import Annotation, Document
from s400tracker.core.sharing import Conflict, Content, Edit, SharedStatement


def now() -> str:
    # Microseconds: two corrections of one statement within a second must still be ordered.
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


@contextlib.contextmanager
def transaction(store) -> Iterator[None]:
    """One write transaction for several store calls: all of them, or none (calls nest as
    savepoints). Holds the store's lock so an import thread cannot interleave; SQLite's errors,
    at its start (locked) and its commit (disk full) too, become StoreErrors."""
    with store.connection.write():
        yield


# -- annotations -----------------------------------------------------------------------------


def annotation_state(store, statement_id: str) -> tuple[Content | None, set[str], Annotation | None]:
    """(content, history, annotation): content None when never annotated here; Content() when an
    annotation was deleted (its history remains)."""
    with store.connection.read():
        ann = store.statement(statement_id).annotation
        history = history_of(store, [statement_id]).get(statement_id, set())
    if ann is not None:
        return Content(ann.note, tuple(ann.tags), ann.stance), history, ann
    return (Content() if history else None), history, None


def history_of(store, ids: Iterable[str]) -> dict[str, set[str]]:
    ids = list(ids)
    out: dict[str, set[str]] = {}
    with store.connection.read():
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = store.connection.db.execute(
                f"SELECT statement_id, hash FROM annotation_history WHERE statement_id IN "
                f"({', '.join('?' * len(chunk))})", chunk).fetchall()
            for sid, h in rows:
                out.setdefault(sid, set()).add(h)
    return out


def remember(store, statement_id: str, hashes: Iterable[str]) -> None:
    """Record versions this statement's annotation has replaced (idempotent)."""
    with store.connection.write():
        store.connection.db.conn.executemany(
            "INSERT OR IGNORE INTO annotation_history (statement_id, hash) VALUES (?, ?)",
            [(statement_id, h) for h in hashes])


def put_annotation(store, statement_id: str, content: Content, author: str,
                   created_at: str, updated_at: str) -> None:
    """Write an annotation with its own author and times (an imported one keeps them)."""
    with store.connection.write():
        if content.empty:
            store.connection.db.execute("DELETE FROM annotations WHERE statement_id = ?", [statement_id])
            return
        store.connection.db.execute(
            """INSERT INTO annotations (statement_id, note, tags, stance, author, created_at,
                                        updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (statement_id) DO UPDATE SET note = excluded.note,
                 tags = excluded.tags, stance = excluded.stance, author = excluded.author,
                 updated_at = excluded.updated_at""",
            [statement_id, content.note, json.dumps(list(content.tags), ensure_ascii=False),
             content.stance, author, created_at or updated_at, updated_at])


# -- conflicts -------------------------------------------------------------------------------


def conflicts(store, statement_id: str | None = None) -> list[Conflict]:
    sql = "SELECT statement_id, note, tags, stance, author, updated_at FROM annotation_conflicts"
    params: list = []
    if statement_id is not None:
        sql += " WHERE statement_id = ?"
        params.append(statement_id)
    with store.connection.read():
        rows = store.connection.db.execute(sql + " ORDER BY statement_id, imported_at, hash",
                                  params).fetchall()
    return [Conflict(r[0], Content(r[1], tuple(json.loads(r[2])), r[3]), r[4], r[5]) for r in rows]


def add_conflict(store, conflict: Conflict) -> bool:
    """Keep another analyst's version beside ours; False when it is kept already."""
    c = conflict.content
    with store.connection.write():
        cur = store.connection.db.execute(
            """INSERT OR IGNORE INTO annotation_conflicts
               (statement_id, hash, note, tags, stance, author, updated_at, imported_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [conflict.statement_id, conflict.hash, c.note,
             json.dumps(list(c.tags), ensure_ascii=False), c.stance, conflict.author,
             conflict.updated_at, now()])
        return cur.rowcount > 0


def drop_conflict(store, statement_id: str, hash_: str) -> None:
    with store.connection.write():
        store.connection.db.execute(
            "DELETE FROM annotation_conflicts WHERE statement_id = ? AND hash = ?",
            [statement_id, hash_])


def conflicted_ids(store) -> set[str]:
    with store.connection.read():
        return {r[0] for r in store.connection.db.execute(
            "SELECT DISTINCT statement_id FROM annotation_conflicts").fetchall()}


# -- corrections -----------------------------------------------------------------------------


def edit_of(store, statement_id: str, field: str) -> Edit | None:
    with store.connection.read():
        row = store.connection.db.execute(
            "SELECT value, author, at FROM edits WHERE statement_id = ? AND field = ?",
            [statement_id, field]).fetchone()
    return Edit(json.loads(row[0]), row[1], row[2]) if row else None


def record_edit(store, statement_id: str, field: str, edit: Edit) -> None:
    with store.connection.write():
        store.connection.db.execute(
            """INSERT INTO edits (statement_id, field, value, author, at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (statement_id, field) DO UPDATE SET value = excluded.value,
                 author = excluded.author, at = excluded.at""",
            [statement_id, field, json.dumps(edit.value, ensure_ascii=False), edit.author,
             edit.at])


# -- what a bundle carries -------------------------------------------------------------------


_WORKED = """
SELECT s.id, s.origin, s.quote, s.actor_key, s.date, s.kind, s.speaker,
       d.sha256, m."start", m."end", m.document_id
FROM statements s
JOIN mentions m ON m.statement_id = s.id
JOIN documents d ON d.id = m.document_id
WHERE s.origin = 'analyst'
   OR s.id IN (SELECT statement_id FROM annotations)
   OR s.id IN (SELECT statement_id FROM annotation_history)
   OR s.id IN (SELECT statement_id FROM edits)
ORDER BY d.id, m."start", s.id
"""


def worked_statements(store) -> tuple[list[SharedStatement], list[Document]]:
    """Every statement the analyst annotated, corrected or added, and the articles they are in."""
    with store.connection.read():
        rows = store.connection.db.execute(_WORKED).fetchall()
        seen: dict[str, tuple] = {}
        for r in rows:
            seen.setdefault(r[0], r)   # a statement in several articles: its first one
        ids = list(seen)
        history = history_of(store, ids)
        edits: dict[str, dict[str, Edit]] = {}
        for sid, field, value, author, at in store.connection.db.execute(
                "SELECT statement_id, field, value, author, at FROM edits").fetchall():
            edits.setdefault(sid, {})[field] = Edit(json.loads(value), author, at)
        annotations = {sid: store.statement(sid).annotation for sid in ids}
        docs = {d.id: d for d in store.documents()}
    out = [
        SharedStatement(
            id=sid, origin=r[1], document_sha256=r[7], start=r[8], end=r[9], quote=r[2],
            annotation=annotations[sid], history=tuple(sorted(history.get(sid, ()))),
            edits=edits.get(sid, {}), actor=r[3], date=r[4], kind=r[5], speaker=r[6],
        )
        for sid, r in seen.items()
    ]
    used = list(dict.fromkeys(r[10] for r in seen.values()))
    return out, [docs[i] for i in used]


def has_statement(store, statement_id: str) -> bool:
    with store.connection.read():
        return store.connection.db.execute("SELECT 1 FROM statements WHERE id = ?",
                                  [statement_id]).fetchone() is not None
