"""Tables, indexes, full-text search and migrations of the store, versioned by PRAGMA user_version.

MIGRATIONS[i] brings a store from version i to i + 1; version 0 is an empty file. Before
migrating an existing store we copy it aside (see `backup`), and each migration runs in one
transaction, so a failed migration leaves the store as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from s400tracker.store.db import Database

from s400tracker.store.transactions import write

# Tables the store owns; a version-0 file holding anything else is somebody else's database.
TABLES = ("documents", "actors", "statements", "mentions", "annotations", "annotation_history",
          "annotation_conflicts", "edits", "wording_stems")

_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    outlet TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    published TEXT,
    date_basis TEXT NOT NULL DEFAULT 'undated',
    text TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE TABLE actors (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    grp TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '[]',        -- JSON, from actors.json
    extra_aliases TEXT NOT NULL DEFAULT '[]',  -- JSON, added by the analyst; survives syncing
    color TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'bundled' CHECK (origin IN ('bundled', 'analyst')),
    data TEXT NOT NULL DEFAULT '{}'            -- JSON, every other Actor field for the extractor
);
CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    -- as extracted; re-extraction rewrites these
    actor_key TEXT REFERENCES actors(key),
    speaker TEXT,
    date TEXT,
    date_basis TEXT NOT NULL DEFAULT 'undated',
    quote TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT NOT NULL DEFAULT '',
    stance_suggested TEXT,
    -- the analyst's corrections; re-extraction never touches these
    actor_override TEXT REFERENCES actors(key),
    date_override TEXT,
    hidden INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'extracted' CHECK (origin IN ('extracted', 'analyst')),
    stale INTEGER NOT NULL DEFAULT 0,
    -- where the statement sits in the press (publication, document, offset), kept here so that
    -- ordering 100,000 statements needs no join
    sort_key TEXT NOT NULL DEFAULT '',
    eff_actor TEXT GENERATED ALWAYS AS (COALESCE(actor_override, actor_key)) VIRTUAL,
    eff_date TEXT GENERATED ALWAYS AS (COALESCE(date_override, date)) VIRTUAL
);
CREATE INDEX statements_effective ON statements (eff_actor, eff_date);
CREATE INDEX statements_eff_date ON statements (eff_date);
CREATE TABLE mentions (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    speaker_start INTEGER,
    speaker_end INTEGER,
    context_start INTEGER NOT NULL DEFAULT 0,
    context_end INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (statement_id, document_id, "start")
);
CREATE INDEX mentions_document ON mentions (document_id);
CREATE TABLE annotations (
    statement_id TEXT PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',  -- JSON list
    stance TEXT,
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""


# Letters the full-text tokenizer (unicode61, remove_diacritics 2) keeps apart from the ones
# actor matching (extract/text.py:fold) folds them to: Turkish dotless ı stays "ı", so "kalin"
# missed "Kalın" while "KALIN" was found. The index holds a copy with these folded; queries are
# folded alike (queries.fts_query). Everything else (case, Latin accents: Çavuşoğlu) the
# tokenizer folds on both sides. Plain SQL, so any program that writes or checks the store (the
# sqlite3 shell, an integrity check) needs no function of ours.
FTS_FOLD = {"ı": "i", "İ": "i"}


def fts_folded(expr: str) -> str:
    """SQL for `expr` with FTS_FOLD applied."""
    for letter, folded in FTS_FOLD.items():
        expr = f"replace({expr}, '{letter}', '{folded}')"
    return expr


def fts_triggers(table: str, column: str, folded: bool = True) -> dict[str, str]:
    """The triggers keeping `table`_fts in step with `table`, by name. `folded`: index the copy
    with FTS_FOLD applied (version 4 on; version 1 indexed the text as it is)."""
    fts = f"{table}_fts"

    def value(row: str) -> str:
        return fts_folded(f"{row}.[{column}]") if folded else f"{row}.[{column}]"

    return {
        f"{table}_ai": f"""CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN
    INSERT INTO [{fts}] (rowid, [{column}]) VALUES (new.rowid, {value('new')});
END;""",
        f"{table}_ad": f"""CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN
    INSERT INTO [{fts}] ([{fts}], rowid, [{column}]) VALUES ('delete', old.rowid, {value('old')});
END;""",
        f"{table}_au": f"""CREATE TRIGGER [{table}_au] AFTER UPDATE OF [{column}] ON [{table}] BEGIN
    INSERT INTO [{fts}] ([{fts}], rowid, [{column}]) VALUES ('delete', old.rowid, {value('old')});
    INSERT INTO [{fts}] (rowid, [{column}]) VALUES (new.rowid, {value('new')});
END;""",
    }


def _fts(table: str, column: str) -> str:
    # Version 1: the same external-content FTS5 table and triggers sqlite-utils' enable_fts()
    # creates; written out because enable_fts() would commit mid-migration.
    fts = f"{table}_fts"
    return f"""
CREATE VIRTUAL TABLE [{fts}] USING FTS5 (
    [{column}], content=[{table}], tokenize='unicode61 remove_diacritics 2'
);
""" + "\n".join(fts_triggers(table, column, folded=False).values()) + "\n"


def _folded_fts(table: str, column: str) -> str:
    # Version 4: the index's content is a view of `table` with FTS_FOLD applied, so that FTS5's
    # own 'rebuild' and 'integrity-check' read the folded copy the triggers index.
    fts = f"{table}_fts"
    return f"""
CREATE VIEW [{fts}_text] AS SELECT rowid AS rowid, {fts_folded(f"[{column}]")} AS [{column}]
    FROM [{table}];
CREATE VIRTUAL TABLE [{fts}] USING FTS5 (
    [{column}], content=[{fts}_text], tokenize='unicode61 remove_diacritics 2'
);
""" + "\n".join(fts_triggers(table, column).values()) + f"""
INSERT INTO [{fts}] ([{fts}]) VALUES ('rebuild');
"""


# A large import leaves the quotes' full-text index alone and rebuilds it once at the end (an
# index update per article was a third of its writing). Its triggers are dropped meanwhile: a
# store found without them was left by an import that died, and is rebuilt when next opened.
_QUOTE_TRIGGERS = fts_triggers("statements", "quote")


def quote_index_deferred(conn: sqlite3.Connection) -> bool:
    names = ", ".join(f"'{n}'" for n in _QUOTE_TRIGGERS)
    (n,) = conn.execute(
        f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"
    ).fetchone()
    return n < len(_QUOTE_TRIGGERS)


def defer_quote_index(conn: sqlite3.Connection) -> None:
    """Stop indexing quotes as statements are written, until rebuild_quote_index()."""
    with write(conn):
        for name in _QUOTE_TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")


def rebuild_quote_index(conn: sqlite3.Connection) -> None:
    """Index every quote again and restore the triggers, in one transaction."""
    with write(conn):
        for name in _QUOTE_TRIGGERS:
            conn.execute(f"DROP TRIGGER IF EXISTS [{name}]")
        conn.execute("INSERT INTO statements_fts (statements_fts) VALUES ('rebuild')")
        for sql in _QUOTE_TRIGGERS.values():
            conn.execute(sql)


def _statements(sql: str) -> list[str]:
    # sqlite3.complete_statement finds the ends of statements without splitting trigger bodies;
    # executescript() would do it too, but it commits, and a migration must stay one transaction.
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _create_v1(db: Database) -> None:
    for stmt in _statements(_V1 + _fts("statements", "quote") + _fts("annotations", "note")):
        db.execute(stmt)


# Version 2: what sharing work between analysts needs (services/bundles.py).
_V2 = """
-- Content hashes (core.sharing.Content.hash) an annotation has replaced, here or in a store whose
-- bundle was imported: what tells "they built on mine" from "we both changed it".
CREATE TABLE annotation_history (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    PRIMARY KEY (statement_id, hash)
);
-- Another analyst's version of an annotation that conflicts with ours, kept until resolved.
CREATE TABLE annotation_conflicts (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    stance TEXT,
    author TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    PRIMARY KEY (statement_id, hash)
);
-- The last correction of each field (actor, date, hidden, added) of a statement, with who and
-- when, so that an import can let the later edit win.
CREATE TABLE edits (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    field TEXT NOT NULL CHECK (field IN ('actor', 'date', 'hidden', 'added')),
    value TEXT,                       -- JSON
    author TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    PRIMARY KEY (statement_id, field)
);
"""


def _create_v2(db: Database) -> None:
    for stmt in _statements(_V2):
        db.execute(stmt)


# Version 3: one statement reported by several outlets (store/merging.py).
_V3 = """
ALTER TABLE statements ADD COLUMN same_as TEXT REFERENCES statements(id) ON DELETE SET NULL;
ALTER TABLE statements ADD COLUMN merge_blocked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX statements_same_as ON statements (same_as) WHERE same_as IS NOT NULL;
"""


def _create_v3(db: Database) -> None:
    for stmt in _statements(_V3):
        db.execute(stmt)


# Version 4: search folds ı/İ as actor matching does (FTS_FOLD); both indexes are rebuilt.
def _create_v4(db: Database) -> None:
    for table, column in (("statements", "quote"), ("annotations", "note")):
        for name in fts_triggers(table, column):
            db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
        db.execute(f"DROP TABLE IF EXISTS [{table}_fts]")
        db.execute(f"DROP VIEW IF EXISTS [{table}_fts_text]")
        for stmt in _statements(_folded_fts(table, column)):
            db.execute(stmt)


# Version 5: a merged statement shows its group's fullest wording; and the repair of merges that
# chained (a report merged into a report itself merged, which no view showed), by regrouping
# every speaker's day as merging does now.
def _create_v5(db: Database) -> None:
    from s400tracker.store import merging

    db.execute("ALTER TABLE statements ADD COLUMN shown_quote TEXT")
    merging.regroup_all(db.conn)


# Version 6: the content words of each statement's wording (core.similarity.wording_key), so
# that dating an undated article looks up the statements sharing its words instead of comparing
# it with every statement of the same speaker (store/inference.py).
_V6 = """
-- No index by statement (it doubled an import's cost of writing the table): a statement deleted
-- takes its rows along by its words (forget_wordings), and a row left behind finds nothing to
-- join, so it can never make a statement look like another.
CREATE TABLE IF NOT EXISTS wording_stems (
    stem INTEGER NOT NULL,   -- a content word's stem, hashed (store/inference.py)
    statement_id TEXT NOT NULL,
    PRIMARY KEY (stem, statement_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS documents_undated ON documents (id) WHERE published IS NULL;
"""


def _create_v6(db: Database) -> None:
    from s400tracker.store.inference import index_wordings

    for stmt in _statements(_V6):
        db.execute(stmt)
    index_wordings(db.conn, db.conn.execute("SELECT id, quote FROM statements"))


Migration = Callable[[Database], None]
MIGRATIONS: list[Migration] = [
    _create_v1, _create_v2, _create_v3, _create_v4, _create_v5, _create_v6,
]


def current_version() -> int:
    return len(MIGRATIONS)


def backup(db: Database, store: Path, version: int) -> Path:
    """Copy the store aside before migrating it, through SQLite's backup API (WAL-safe)."""
    target = store.with_name(f"{store.name}.v{version}.bak")
    n = 1
    while target.exists():
        target = store.with_name(f"{store.name}.v{version}.{n}.bak")
        n += 1
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def migrate(db: Database, store: Path | None, version: int) -> Path | None:
    """Bring `db` from `version` to the current one; returns the backup made, if any."""
    saved = None
    if store is not None and 0 < version < current_version():
        saved = backup(db, store, version)
    for step in range(version, current_version()):
        with write(db.conn):
            # Another window may have run this step while we waited for the write lock.
            if db.conn.execute("PRAGMA user_version").fetchone()[0] > step:
                continue
            MIGRATIONS[step](db)
            # PRAGMA takes no parameters; `step` is our own integer.
            db.execute(f"PRAGMA user_version = {step + 1}")
    return saved
