"""Store: the tracker's SQLite file behind methods that take and return core values.

Nothing above this package sees a row, a cursor or SQL. One Store wraps one connection; its
methods are serialised by a lock so the GUI may import in a worker thread while it reads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from s400tracker.store.db import Database

from s400tracker.core.actors import load_actors
from s400tracker.core.ids import analyst_statement_id, statement_id
from s400tracker.core.matrix import CellCount
from s400tracker.core.model import KINDS, STANCES, Actor, Annotation, Document, Found, Statement
from s400tracker.core.query import BUCKETS, StatementFilter
from s400tracker.core.text import counted
from s400tracker.store import queries as q
from s400tracker.store.errors import NotAStoreError, NotFoundError, StoreError, StoreTooNewError
from s400tracker.store.guard import guarded as _guarded, mapped
from s400tracker.store.import_lock import import_running, importing
from s400tracker.store.opening import check_file, connect, create_whole, describe
from s400tracker.store.schema import (
    TABLES, current_version, defer_quote_index, migrate, quote_index_deferred,
    rebuild_quote_index,
)
from s400tracker.store.transactions import commit, write

MEMORY = ":memory:"
_UNSET = object()
_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit
# PRAGMA name -> value during Store.bulk(); our own constants, so formatting them into SQL is safe.
# temp_store MEMORY: the savepoint of each article in a group keeps its pages' earlier content in
# memory, not in a temporary file.
_BULK_PRAGMAS = {"synchronous": 1, "cache_size": -65536, "wal_autocheckpoint": 16384, "temp_store": 2}


@dataclass(frozen=True)
class ExtractionChange:
    """What writing one article's extraction did to the store."""

    added: int = 0      # new statements
    updated: int = 0    # found again (extracted fields refreshed, corrections kept)
    removed: int = 0    # no longer found, dropped
    kept: int = 0       # no longer found, kept because annotated or corrected (marked stale)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, db: Database, path: str):
        self._db = db
        self.path = path
        self._lock = threading.RLock()
        self.backup_made: Path | None = None  # the copy taken before a migration, if any
        self._bulk_thread: int | None = None    # the thread importing in bulk(), if one is
        self._grouped = False                   # bulk(grouped=True): articles share commits
        self._candidates = None                 # merging.Candidates during bulk()
        self._durable = False                   # another thread's edit is being written
        self._synchronous = 2                   # the setting outside bulk() (FULL)

    def _write(self):
        """A write transaction (a savepoint inside one). Call with self._lock held.

        During bulk() the connection commits without waiting for the disk; a write from any
        other thread (the analyst's edit while the GUI imports) still waits for it, as always.
        """
        conn = self._db.conn
        if self._bulk_thread == threading.get_ident():
            if self._grouped and not conn.in_transaction:
                # The group's transaction; each article becomes a savepoint inside it, still
                # all or nothing, until commit_group().
                conn.execute("BEGIN IMMEDIATE")
            return write(conn)
        if self._bulk_thread is None or self._durable:
            return write(conn)   # (or a write nested in another thread's edit: a savepoint of it)
        # Another thread (the analyst's edit while the GUI imports): the import's articles so
        # far are committed first, so that the edit is committed, durably, when made; what the
        # import knew of merge candidates may no longer hold.
        self._commit_group()
        if self._candidates is not None:
            self._candidates = _merging().Candidates()
        return self._durable_write()

    @_guarded
    def commit_group(self) -> None:
        """Commit the articles an import in bulk(grouped=True) has written since the last call."""
        self._commit_group()

    def _commit_group(self) -> None:
        if self._grouped and self._db.conn.in_transaction:
            try:
                commit(self._db.conn)
            except BaseException:
                self._forget_candidates()
                raise

    def _forget_candidates(self) -> None:
        # Rolled back: the import's memory of merge candidates holds what the store lost.
        if self._candidates is not None:
            self._candidates = _merging().Candidates()

    @contextlib.contextmanager
    def _durable_write(self) -> Iterator[None]:
        conn = self._db.conn
        conn.execute(f"PRAGMA synchronous = {self._synchronous}")
        self._durable = True
        try:
            with write(conn):
                yield
        finally:
            self._durable = False
            conn.execute(f"PRAGMA synchronous = {_BULK_PRAGMAS['synchronous']}")

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path = MEMORY, actors: Sequence[Actor] | None = None,
             create: bool = True) -> "Store":
        """Open the store at `path`, migrated and with actors synced; a missing file is created
        when `create` is true, else refused (MissingStoreError).

        `actors` defaults to the bundled resources/actors.json. Raises a StoreError subclass,
        leaving the file untouched, when the file cannot be used.
        """
        target = str(path)
        file = None if target == MEMORY else Path(target)
        if file is not None:
            check_file(file, current_version(), create)
            if not file.exists():
                # Built beside it and moved into place whole: a kill while the schema is being
                # written leaves no empty or half-made file by that name.
                create_whole(file, lambda temporary: cls._open_checked(
                    str(temporary), temporary, actors).close())
        return cls._open_checked(target, file, actors)

    @classmethod
    def _open_checked(cls, target: str, file: Path | None, actors) -> "Store":
        try:
            conn = connect(target)
        except sqlite3.Error as e:
            raise describe(e, target) from e
        try:
            db = Database(conn)
            _check_contents(db, target)
            if file is not None:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            saved = migrate(db, file, version)
            if quote_index_deferred(conn):
                # Deferred by an import: one still running rebuilds it at its end; one that died
                # left it to us.
                with import_running(file) if file is not None else contextlib.nullcontext(False) as running:
                    if not running:
                        rebuild_quote_index(conn)
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as e:
            conn.close()
            raise describe(e, target) from e
        store = cls(db, target)
        store.backup_made = saved
        if actors is None:
            from s400tracker.paths import resources_dir

            actors = load_actors(resources_dir() / "actors.json")
        try:
            store.sync_actors(actors)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def bulk(self, defer_index: bool = False, grouped: bool = False) -> Iterator[None]:
        """Settings for an import of many articles by this thread, restored at the end.

        Each article stays one transaction, but its commit no longer waits for the disk
        (synchronous NORMAL: in WAL mode a crash or kill -9 still loses nothing committed and
        never damages the store; only a power cut may take the last articles back, which running
        the import again re-adds). Writes from other threads meanwhile (the analyst's edits
        while the GUI imports) still wait for the disk. A larger page cache keeps the indexes'
        pages in memory, and the write-ahead log is copied back into the store at the end
        instead of every 4 MB, which puts the whole import on disk.

        `grouped`: the articles this thread writes share one transaction, each article a
        savepoint in it (still all or nothing), until commit_group() or the end of bulk(). Every
        commit writes the pages it changed to the log; the indexes' pages, shared by the
        articles of a group, are then written once per group instead of once per article (a
        fifth of the cost of writing an import). The caller reports an article only once its
        group is committed; a kill loses at most the group in flight, which re-importing re-adds.

        `defer_index`: the quotes' full-text index is not updated article by article but rebuilt
        once at the end (a few seconds for 100,000 statements; worth it for hundreds of
        articles). Until then new quotes are not found by a search; if the process dies first,
        the next Store.open rebuilds it.
        """
        conn = self._db.conn
        marked = contextlib.ExitStack()
        with mapped(self):
            before = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in _BULK_PRAGMAS]
            self._synchronous = int(before[0])
            if defer_index:
                # Marked as running first: a store opened meanwhile leaves the index to us.
                marked.enter_context(importing(None if self.path == MEMORY else Path(self.path)))
                try:
                    defer_quote_index(conn)
                except BaseException:
                    marked.close()
                    raise
            for name, value in _BULK_PRAGMAS.items():
                conn.execute(f"PRAGMA {name} = {value}")
            self._bulk_thread = threading.get_ident()
            self._grouped = grouped
            self._candidates = _merging().Candidates()
        try:
            yield
            self.commit_group()
        finally:
            with mapped(self):
                try:
                    self._commit_group()   # after an error: the articles written whole before it
                except sqlite3.Error:
                    pass   # rolled back; the error that stopped the import is the one reported
                self._grouped = False
                self._candidates = None
                self._bulk_thread = None
                for name, value in zip(_BULK_PRAGMAS, before):
                    conn.execute(f"PRAGMA {name} = {int(value)}")
                with marked:
                    if defer_index:
                        rebuild_quote_index(conn)
                if self.path != MEMORY:
                    try:
                        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                    except sqlite3.Error:
                        pass  # a reader holds the log: SQLite checkpoints later by itself

    @_guarded
    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a large import)."""
        self._db.execute("ANALYZE")

    # -- actors ----------------------------------------------------------------------------

    @_guarded
    def sync_actors(self, actors: Sequence[Actor]) -> None:
        """Make the bundled actors match `actors`; actors the analyst added stay as they are.

        Compared first, outside any transaction: opening a store whose actors are up to date
        (every launch but the first after actors.json changed) takes no write lock and writes
        nothing, so it never waits for another window's import.
        """
        rows = [_actor_row(actor, position, "bundled") for position, actor in enumerate(actors)]
        if not self._actor_changes(rows):
            return
        with self._write():
            # Read again under the write lock: another window may have synced them meanwhile.
            for row in self._actor_changes(rows):
                self._db.execute(
                    """INSERT INTO actors (key, name, grp, aliases, color, position, origin, data)
                       VALUES (:key, :name, :grp, :aliases, :color, :position, :origin, :data)
                       ON CONFLICT (key) DO UPDATE SET name = excluded.name, grp = excluded.grp,
                         aliases = excluded.aliases, color = excluded.color,
                         position = excluded.position, origin = excluded.origin,
                         data = excluded.data""",
                    row,
                )

    def _actor_changes(self, rows: list[dict]) -> list[dict]:
        current = {r["key"]: r for r in self._db.query("SELECT * FROM actors")}
        return [row for row in rows
                if (old := current.get(row["key"])) is None
                or any(old[k] != v for k, v in row.items())]

    @_guarded
    def actors(self) -> list[Actor]:
        """Tracked actors in display order: actors.json's order, then the analyst's additions."""
        rows = self._db.query(
            "SELECT * FROM actors ORDER BY origin = 'analyst', position, key"
        )
        return [_to_actor(r, i) for i, r in enumerate(rows)]

    @_guarded
    def add_actor(self, actor: Actor) -> Actor:
        """Track a new actor (origin analyst); raises ValueError if the key is taken."""
        if not actor.key or not actor.name.strip():
            raise ValueError("an actor needs a key and a name")
        with self._write():
            # Checked inside the transaction: another window may add the same actor meanwhile.
            if self._db.execute("SELECT 1 FROM actors WHERE key = ?", [actor.key]).fetchone():
                raise ValueError(f"an actor with key {actor.key!r} already exists")
            (last,) = self._db.execute(
                "SELECT COALESCE(MAX(position), -1) FROM actors WHERE origin = 'analyst'"
            ).fetchone()
            self._db.execute(
                """INSERT INTO actors (key, name, grp, aliases, color, position, origin, data)
                   VALUES (:key, :name, :grp, :aliases, :color, :position, :origin, :data)""",
                _actor_row(actor, last + 1, "analyst"),
            )
        return self._actor(actor.key)

    @_guarded
    def add_alias(self, key: str, alias: str) -> Actor:
        """Add an alias to an actor; kept across syncs with actors.json. Re-extract to apply."""
        with self._write():
            row = self._db.execute(
                "SELECT extra_aliases FROM actors WHERE key = ?", [key]
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no actor {key!r}")
            extra = json.loads(row[0])
            alias = alias.strip()
            if alias and alias not in extra:
                self._db.execute(
                    "UPDATE actors SET extra_aliases = ? WHERE key = ?",
                    [json.dumps(extra + [alias], ensure_ascii=False), key],
                )
        return self._actor(key)

    def _actor(self, key: str) -> Actor:
        return next(a for a in self.actors() if a.key == key)

    def _actor_keys(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT key FROM actors").fetchall()}

    # -- documents -------------------------------------------------------------------------

    @_guarded
    def document_id(self, sha256: str) -> int | None:
        row = self._db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    @_guarded
    def add_document(self, document: Document, found: Iterable[Found]) -> tuple[int, bool]:
        """Store an article and its statements in one transaction.

        Returns (document id, added); an article already stored (same sha256) adds nothing.
        `document.id` and `imported_at` are ignored.
        """
        found = list(found)
        try:
            return self._add_document(document, found)
        except BaseException:
            self._forget_candidates()
            raise

    def _add_document(self, document: Document, found: list[Found]) -> tuple[int, bool]:
        with self._write():
            existing = self.document_id(document.sha256)
            if existing is not None:
                return existing, False
            cursor = self._db.execute(
                """INSERT INTO documents
                   (sha256, path, title, outlet, url, published, date_basis, text, imported_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    document.sha256, document.path, document.title, document.outlet,
                    document.url, _iso(document.published), document.date_basis,
                    document.text, _now(),
                ],
            )
            doc_id = cursor.lastrowid
            self._write_extraction(doc_id, document.sha256, _iso(document.published), found,
                                   new_document=True)
            if found:
                in_bulk = self._bulk_thread == threading.get_ident()
                _merging().merge_document(self._db.conn, doc_id, self._candidates if in_bulk else None)
        return doc_id, True

    @_guarded
    def replace_extraction(self, document_id: int, found: Iterable[Found]) -> ExtractionChange:
        """Re-extraction of one article: refresh what the extractor found, keep the analyst's work.

        Statements found again keep their id, annotation and corrections; statements no longer
        found are dropped unless annotated, corrected or hidden, in which case they stay, stale.
        """
        found = list(found)
        with self._write():
            row = self._db.execute(
                "SELECT sha256, published FROM documents WHERE id = ?", [document_id]
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no document {document_id}")
            # The groups its statements were in: one may lose a wording with a dropped statement.
            heads = [r[0] for r in self._db.execute(
                "SELECT DISTINCT COALESCE(s.same_as, s.id) FROM statements s JOIN mentions m "
                "ON m.statement_id = s.id WHERE m.document_id = ?", [document_id])]
            change = self._write_extraction(document_id, row[0], row[1], found)
            if found:
                _merging().merge_document(self._db.conn, document_id)
            _merging().refresh_shown_quotes(self._db.conn, heads)
            return change

    @_guarded
    def undated_documents(self, among: Iterable[int] | None = None) -> list[int]:
        """Articles without a publication date, not even an inferred one (of `among` only, if given)."""
        if among is None:
            return [r[0] for r in self._db.execute(
                "SELECT id FROM documents WHERE published IS NULL ORDER BY id")]
        ids = sorted(among)
        found: list[int] = []
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            found += [r[0] for r in self._db.execute(
                f"SELECT id FROM documents WHERE published IS NULL AND id IN ({', '.join('?' * len(chunk))})"
                " ORDER BY id", chunk)]
        return found

    @_guarded
    def publication_votes(self, document_id: int) -> list[tuple[dt.date, int]]:
        return _inference().publication_votes(self._db.conn, document_id)

    @_guarded
    def undated_twins(self, document_ids: Iterable[int]) -> list[int]:
        """Undated articles quoting a statement of these dated articles."""
        return _inference().undated_twins(self._db.conn, document_ids)

    @_guarded
    def set_publication(self, document_id: int, published: dt.date | None, basis: str) -> None:
        with self._write():
            self._db.execute("UPDATE documents SET published = ?, date_basis = ? WHERE id = ?",
                             [_iso(published), basis, document_id])

    @_guarded
    def split_merged(self, statement_id: str) -> list[str]:
        """Undo the merging of other outlets' reports into this statement; they become statements
        of their own and stay apart through re-extraction. Returns their ids."""
        with self._write():
            self._require(statement_id)
            return _merging().split(self._db.conn, statement_id)

    @_guarded
    def rejoin_merged(self, statement_id: str, ids: list[str]) -> None:
        with self._write():
            self._require(statement_id)
            _merging().rejoin(self._db.conn, statement_id, ids)

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

    def _write_extraction(
        self, doc_id: int, sha: str, published: str | None, found: list[Found],
        new_document: bool = False,
    ) -> ExtractionChange:
        known = self._actor_keys()
        new = {statement_id(sha, f.start, f.end): f for f in found}
        previous = {} if new_document else {
            r["id"]: r
            for r in self._db.query(
                """SELECT s.id, s.quote, (s.actor_override IS NOT NULL OR s.date_override IS NOT NULL
                                 OR s.hidden = 1 OR a.statement_id IS NOT NULL) AS worked
                   FROM statements s JOIN mentions m ON m.statement_id = s.id
                   LEFT JOIN annotations a ON a.statement_id = s.id
                   WHERE m.document_id = ? AND s.origin = 'extracted'""",
                [doc_id],
            )
        }
        # One executemany per table: the statements are prepared once per article, and no
        # Python runs between rows (an article holds a few dozen statements).
        prefix = f"{published or '~'}|{doc_id:010d}|"   # queries.sort_key, inlined
        conn = self._db.conn
        conn.executemany(self._UPSERT_STATEMENT, [
            (sid, f.actor if f.actor in known else None,  # an actor unknown here is untracked
             f.speaker, _iso(f.date), f.date_basis, f.quote, f.kind, f.cue, f.stance,
             f"{prefix}{f.start:010d}")
            for sid, f in new.items()
        ])
        conn.executemany(self._UPSERT_MENTION, [
            (sid, doc_id, f.start, f.end, f.speaker_start, f.speaker_end,
             f.context_start, f.context_end)
            for sid, f in new.items()
        ])
        _inference().index_wordings(conn, [(sid, f.quote) for sid, f in new.items() if sid not in previous])
        removed = kept = 0
        for sid, row in previous.items():
            if sid in new:
                continue
            if row["worked"]:
                self._db.execute("UPDATE statements SET stale = 1 WHERE id = ?", [sid])
                kept += 1
            else:
                _inference().forget_wordings(conn, [(sid, row["quote"])])
                self._db.execute("DELETE FROM statements WHERE id = ?", [sid])
                removed += 1
        added = sum(1 for sid in new if sid not in previous)
        return ExtractionChange(added, len(new) - added, removed, kept)

    @_guarded
    def documents(self) -> list[Document]:
        """Every stored article, oldest publication first, without its text (see document())."""
        rows = self._db.query(
            "SELECT *, '' AS text FROM documents ORDER BY published IS NULL, published, id"
        )
        return [_to_document(r) for r in rows]

    @_guarded
    def document(self, document_id: int) -> Document:
        rows = list(self._db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
        if not rows:
            raise NotFoundError(f"no document {document_id}")
        return _to_document(rows[0])

    @_guarded
    def document_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    # -- reading statements ----------------------------------------------------------------

    @_guarded
    def matrix_cells(self, f: StatementFilter = StatementFilter(), bucket: str = "day") -> list[CellCount]:
        """Per actor and bucket: count, first quote, annotated flag, most frequent stance.

        Only statements of tracked actors; ties between stances go to the first code in
        alphabetical order.
        """
        if bucket not in BUCKETS:
            raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")
        clause, params = q.where(f)
        col = q.BUCKET_SQL[bucket]
        sql = f"""
        WITH f AS (
            SELECT s.eff_actor AS actor, {col} AS col, {q.QUOTE} AS quote,
                   COALESCE(s.eff_date, '') || '|' || s.sort_key AS k,
                   a.statement_id IS NOT NULL AS annotated, {q.EFFECTIVE_STANCE} AS stance,
                   s.hidden, s.id IN (SELECT statement_id FROM annotation_conflicts) AS conflict
            {q.FROM}
            WHERE {clause} AND s.eff_actor IS NOT NULL
        ),
        cells AS (
            -- With a single min(), SQLite takes the bare column `quote` from the row holding
            -- that minimum: the cell's first quote, without a window over every statement.
            SELECT actor, col, count(*) AS n, max(annotated) AS annotated, min(k), quote,
                   sum(hidden) AS hidden, sum(conflict) AS conflicts
            FROM f GROUP BY actor, col
        ),
        stances AS (
            SELECT actor, col, stance,
                   row_number() OVER (PARTITION BY actor, col ORDER BY count(*) DESC, stance) AS r
            FROM f WHERE stance IS NOT NULL GROUP BY actor, col, stance
        )
        SELECT c.actor, c.col, c.n, c.quote, c.annotated, st.stance, c.hidden, c.conflicts
        FROM cells c
        LEFT JOIN stances st ON st.actor = c.actor AND st.col IS c.col AND st.r = 1
        ORDER BY c.actor, c.col IS NULL, c.col
        """
        return [
            CellCount(
                actor=r[0], date=q.to_date(r[1]), count=r[2], first_quote=r[3] or "",
                annotated=bool(r[4]), stance=r[5], hidden=r[6], conflicts=r[7],
            )
            for r in self._db.execute(sql, params).fetchall()
        ]

    @_guarded
    def matrix_columns(self, f: StatementFilter = StatementFilter(), bucket: str = "day") -> list[dt.date | None]:
        """The buckets (first days, ascending; None last for undated) holding a statement of a
        tracked actor that matches `f`: the matrix's layout, without aggregating any cell."""
        if bucket not in BUCKETS:
            raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")
        clause, params = q.where(f)
        sql = (f"SELECT DISTINCT {q.BUCKET_SQL[bucket]} {q.from_for(f)} "
               f"WHERE {clause} AND s.eff_actor IS NOT NULL")
        days = [r[0] for r in self._db.execute(sql, params).fetchall()]
        dated = sorted(q.to_date(d) for d in days if d is not None)
        return dated + [None] * (None in days)

    @_guarded
    def statements(
        self, f: StatementFilter = StatementFilter(), limit: int | None = None, offset: int = 0
    ) -> list[Statement]:
        """Statements matching `f`, by date, actor and place in the press, with their sources."""
        clause, params = q.where(f)
        sql = f"SELECT {q.STATEMENT_COLUMNS} {q.FROM} WHERE {clause} {q.ORDER}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = params + [limit, offset]
        rows = list(self._db.query(sql, params))
        sources = self._sources([r["id"] for r in rows])
        return [q.to_statement(r, sources.get(r["id"], ())) for r in rows]

    @_guarded
    def dated_quotes(self, f: StatementFilter = StatementFilter()) -> list[tuple[str, str, str]]:
        """(actor key, ISO day, quote) of the dated statements of tracked actors matching `f`,
        in statements() order: what the matrix export needs, in one query, no sources."""
        clause, params = q.where(f)
        sql = (f"SELECT s.eff_actor, s.eff_date, {q.QUOTE} {q.FROM} WHERE {clause} "
               f"AND s.eff_actor IS NOT NULL AND s.eff_date IS NOT NULL {q.ORDER}")
        return self._db.execute(sql, params).fetchall()

    @_guarded
    def long_rows(self, f: StatementFilter = StatementFilter()) -> list[tuple]:
        """The long export's rows for statements matching `f`, in statements() order: per
        statement its effective values, annotation, every source's title joined " | " (its own
        mentions, then the reports merged into it, as statement() lists its sources), its first
        source, and every source's (outlet, title, wording). Two queries, no Statement objects: see
        queries.LONG_ROW_COLUMNS."""
        merged: dict[str, list[tuple[str, str, str]]] = {}   # head -> (title, outlet, wording)
        for sid, title, outlet, wording in self._db.execute(q.LONG_MERGED_TITLES):
            merged.setdefault(sid, []).append((title, outlet, wording))
        clause, params = q.where(f)
        sql = (f"SELECT {q.LONG_ROW_COLUMNS} {q.FROM} {q.LONG_ROW_JOINS} WHERE {clause} "
               f"{q.LONG_ROW_ORDER}")
        out: list[tuple] = []
        wordings: list[list[tuple[str, str, str]]] = []   # per row: (outlet, title, wording)
        last = None
        for row in self._db.execute(sql, params):
            own = [] if row[6] is None else [(row[12], row[6], row[19])]
            if row[0] == last:
                # A further mention of the same statement: only its title and wording are exported.
                prev = out[-1]
                out[-1] = (*prev[:6], f"{prev[6]} | {row[6]}", *prev[7:])
                wordings[-1] += own
            else:
                last = row[0]
                out.append(row[:19])
                wordings.append(own)
        for i, row in enumerate(out):
            others = merged.get(row[0], ())
            if others:
                titles = [] if row[6] is None else [row[6]]
                out[i] = (*row[:6], " | ".join(titles + [t for t, _, _ in others]), *row[7:])
                wordings[i] += [(outlet, title, wording) for title, outlet, wording in others]
            out[i] = (*out[i], wordings[i])
        return out

    @_guarded
    def statement_count(self, f: StatementFilter = StatementFilter()) -> int:
        clause, params = q.where(f)
        return self._db.execute(
            f"SELECT count(*) {q.from_for(f)} WHERE {clause}", params).fetchone()[0]

    @_guarded
    def statement(self, statement_id: str) -> Statement:
        """One statement by id, hidden or not, tracked or not."""
        sql = f"SELECT {q.STATEMENT_COLUMNS} {q.FROM} WHERE s.id = ?"
        rows = list(self._db.query(sql, [statement_id]))
        if not rows:
            raise NotFoundError(f"no statement {statement_id}")
        return q.to_statement(rows[0], self._sources([statement_id]).get(statement_id, ()))

    def _sources(self, ids: list[str]) -> dict[str, tuple]:
        out: dict[str, list] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            sql = q.SOURCES.format(marks=", ".join("?" * len(chunk)))
            rows = list(self._db.query(sql, chunk + chunk))
            texts = self._document_texts({r["document_id"] for r in rows})
            for r in rows:
                source = q.to_source(r, q.context_of(r, texts[r["document_id"]]))
                out.setdefault(r["statement_id"], []).append(source)
        return {k: tuple(v) for k, v in out.items()}

    def _document_texts(self, ids: set[int]) -> dict[int, str]:
        ids = sorted(ids)
        texts: dict[int, str] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            sql = q.DOCUMENT_TEXTS.format(marks=", ".join("?" * len(chunk)))
            texts.update(self._db.execute(sql, chunk).fetchall())
        return texts

    @_guarded
    def untracked_speakers(self, f: StatementFilter = StatementFilter()) -> list[tuple[str, int]]:
        """Speakers quoted who are no tracked actor, most quoted first: candidates to track."""
        clause, params = q.where(f.replace(tracked_only=False, actors=(), groups=()))
        sql = f"""SELECT s.speaker, count(*) AS n {q.FROM}
                  WHERE {clause} AND s.eff_actor IS NULL AND trim(COALESCE(s.speaker, '')) != ''
                  GROUP BY s.speaker ORDER BY n DESC, s.speaker"""
        return [(r[0], r[1]) for r in self._db.execute(sql, params).fetchall()]

    @_guarded
    def tags(self) -> list[str]:
        """Every tag in use, sorted, for completion."""
        sql = "SELECT DISTINCT value FROM annotations, json_each(annotations.tags) ORDER BY value"
        return [r[0] for r in self._db.execute(sql).fetchall()]

    @_guarded
    def date_span(self, f: StatementFilter = StatementFilter()) -> tuple[dt.date, dt.date] | None:
        """The first and last effective date among statements matching `f`."""
        clause, params = q.where(f)
        lo, hi = self._db.execute(
            f"SELECT min(s.eff_date), max(s.eff_date) {q.FROM} WHERE {clause}", params
        ).fetchone()
        return (q.to_date(lo), q.to_date(hi)) if lo else None

    # -- the analyst's work ----------------------------------------------------------------

    @_guarded
    def annotate(
        self,
        statement_id: str,
        note: str = "",
        tags: Sequence[str] = (),
        stance: str | None = None,
        author: str = "",
    ) -> Annotation | None:
        """Set a statement's annotation (replacing it), committed at once.

        An empty note with no tags and no stance removes the annotation; returns None then.
        """
        if stance is not None and stance not in STANCES:
            raise ValueError(f"unknown stance {stance!r}; expected one of {', '.join(STANCES)}")
        clean = tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))
        with self._write():
            self._require(statement_id)
            if not note.strip() and not clean and stance is None:
                self._db.execute("DELETE FROM annotations WHERE statement_id = ?", [statement_id])
                return None
            now = _now()
            self._db.execute(
                """INSERT INTO annotations (statement_id, note, tags, stance, author,
                                            created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (statement_id) DO UPDATE SET note = excluded.note,
                     tags = excluded.tags, stance = excluded.stance, author = excluded.author,
                     updated_at = excluded.updated_at""",
                [statement_id, note, json.dumps(clean, ensure_ascii=False), stance, author, now, now],
            )
        return self.statement(statement_id).annotation

    @_guarded
    def correct(self, statement_id: str, *, actor=_UNSET, date=_UNSET) -> Statement:
        """Move a statement to another actor and/or date; None restores what extraction found."""
        with self._write():
            self._require(statement_id)
            if actor is not _UNSET:
                if actor is not None and actor not in self._actor_keys():
                    raise NotFoundError(f"no actor {actor!r}")
                self._db.execute(
                    "UPDATE statements SET actor_override = ? WHERE id = ?", [actor, statement_id]
                )
            if date is not _UNSET:
                self._db.execute(
                    "UPDATE statements SET date_override = ? WHERE id = ?",
                    [_iso(date), statement_id],
                )
        return self.statement(statement_id)

    @_guarded
    def set_hidden(self, statement_id: str, hidden: bool) -> Statement:
        """Hide a statement (a false positive) from the matrix and exports, or show it again."""
        with self._write():
            self._require(statement_id)
            self._db.execute(
                "UPDATE statements SET hidden = ? WHERE id = ?", [int(hidden), statement_id]
            )
        return self.statement(statement_id)

    @_guarded
    def add_statement(
        self,
        document_id: int,
        start: int,
        end: int,
        actor: str | None,
        date: dt.date | None = None,
        kind: str = "direct",
        speaker: str | None = None,
    ) -> Statement:
        """Record a statement the extractor missed: a span of a stored article (origin analyst)."""
        doc = self.document(document_id)
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"span {start}–{end} lies outside the article "
                             f"({counted(len(doc.text), 'character')})")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        if actor is not None and actor not in self._actor_keys():
            raise NotFoundError(f"no actor {actor!r}")
        sid = analyst_statement_id(doc.sha256, start, end)
        # The paragraph around the span is its context, as the extractor's sentence would be.
        context_start = doc.text.rfind("\n", 0, start) + 1
        context_end = doc.text.find("\n", end)
        context_end = len(doc.text) if context_end < 0 else context_end
        with self._write():
            if self._db.execute("SELECT 1 FROM statements WHERE id = ?", [sid]).fetchone():
                raise ValueError("this span is already recorded as a statement")
            self._db.execute(
                """INSERT INTO statements (id, actor_key, speaker, date, date_basis, quote, kind,
                                           origin, sort_key)
                   VALUES (?, ?, ?, ?, ?, ?, ?, 'analyst', ?)""",
                [sid, actor, speaker, _iso(date), "analyst" if date else "undated",
                 doc.text[start:end], kind, q.sort_key(_iso(doc.published), document_id, start)],
            )
            self._db.execute(
                """INSERT INTO mentions (statement_id, document_id, "start", "end",
                                         context_start, context_end)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                [sid, document_id, start, end, context_start, context_end],
            )
            _inference().index_wordings(self._db.conn, [(sid, doc.text[start:end])])
        return self.statement(sid)

    @_guarded
    def delete_statement(self, statement_id: str) -> None:
        """Delete a statement the analyst added (to undo add_statement); extracted ones are hidden."""
        with self._write():
            row = self._db.execute(
                "SELECT origin, quote FROM statements WHERE id = ?", [statement_id]
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no statement {statement_id}")
            if row[0] != "analyst":
                raise ValueError(
                    "only statements added by the analyst can be deleted; hide it instead"
                )
            _inference().forget_wordings(self._db.conn, [(statement_id, row[1])])
            self._db.execute("DELETE FROM statements WHERE id = ?", [statement_id])

    def _require(self, statement_id: str) -> None:
        if not self._db.execute("SELECT 1 FROM statements WHERE id = ?", [statement_id]).fetchone():
            raise NotFoundError(f"no statement {statement_id}")


# -- helpers -------------------------------------------------------------------------------


def _merging():
    # Imported when an import or a split needs it, not when the app opens a store.
    from s400tracker.store import merging

    return merging


def _inference():
    from s400tracker.store import inference

    return inference


def _check_contents(db: Database, target: str) -> None:
    """Refuse, before writing anything, a database that is not ours or is too new."""
    from s400tracker.store.schema import current_version as newest

    version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    if version > newest():
        raise StoreTooNewError(
            f"store {target} was written by a newer s400tracker (schema {version}, "
            f"this version reads up to {newest()}); upgrade s400tracker to open it"
        )
    if version == 0:
        names = set(db.table_names())
        if names and not names <= set(TABLES):
            raise NotAStoreError(f"{target} is an SQLite database but not an s400tracker store")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


_ACTOR_COLUMNS = {"key", "name", "group", "aliases", "color", "position"}


def _actor_row(actor: Actor, position: int, origin: str) -> dict:
    rest = {k: v for k, v in dataclasses.asdict(actor).items() if k not in _ACTOR_COLUMNS}
    return {
        "key": actor.key,
        "name": actor.name,
        "grp": actor.group,
        "aliases": json.dumps(list(actor.aliases), ensure_ascii=False),
        "color": actor.color,
        "position": position,
        "origin": origin,
        "data": json.dumps(rest, ensure_ascii=False, sort_keys=True),
    }


def _to_actor(row: dict, position: int) -> Actor:
    fields = {f.name for f in dataclasses.fields(Actor)}
    data = json.loads(row["data"] or "{}")
    # Tuples become JSON lists; give them back as tuples so Actors stay hashable values.
    extra = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in fields}
    aliases = json.loads(row["aliases"]) + [
        a for a in json.loads(row["extra_aliases"]) if a not in json.loads(row["aliases"])
    ]
    return Actor(
        **extra,
        key=row["key"],
        name=row["name"],
        group=row["grp"],
        aliases=tuple(aliases),
        color=row["color"],
        position=position,
    )


def _to_document(row: dict) -> Document:
    return Document(
        id=row["id"],
        sha256=row["sha256"],
        path=row["path"],
        title=row["title"],
        outlet=row["outlet"],
        published=q.to_date(row["published"]),
        date_basis=row["date_basis"],
        text=row["text"],
        imported_at=row["imported_at"],
        url=row["url"],
    )
