"""The store's one connection: opening it, its lock, its transactions and their durability.

Every repository of the store (actors.py, documents.py, statements.py, edits.py, …) reads inside
`read()` and writes inside `write()`: both hold the lock (the app imports in a worker thread while
the window reads) and turn SQLite's errors of the environment into StoreErrors (guard.py). The
SQL itself goes through `db`, the connection wrapper of db.py.

Durability: outside an import every write is committed when made, waiting for the disk
(synchronous FULL). An import in `bulk()` commits without waiting (NORMAL) and may group its
articles into one transaction; an edit from another thread meanwhile commits the group first and
is then written durably, as always.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import Iterator

from s400tracker.store.db import Database
from s400tracker.store.errors import NotAStoreError, StoreError, StoreTooNewError
from s400tracker.store.guard import mapped
from s400tracker.store.import_lock import import_running, importing
from s400tracker.store.opening import connect, describe
from s400tracker.store.schema import (
    TABLES, current_version, defer_quote_index, finish_deferred_indexes, indexes_deferred, migrate,
)
from s400tracker.store.transactions import commit, write as transaction

MEMORY = ":memory:"
# PRAGMA name -> value during bulk(); our own constants, so formatting them into SQL is safe.
# temp_store MEMORY: the savepoint of each article in a group keeps its pages' earlier content in
# memory, not in a temporary file.
BULK_PRAGMAS = {"synchronous": 1, "cache_size": -65536, "wal_autocheckpoint": 16384, "temp_store": 2}


class Connection:
    def __init__(self, db: Database, path: str, backup_made: Path | None = None):
        self.db = db
        self.path = path
        self.lock = threading.RLock()
        self.backup_made = backup_made   # the copy taken before a migration, if any
        self._bulk_thread: int | None = None    # the thread importing in bulk(), if one is
        self._grouped = False                   # bulk(grouped=True): articles share commits
        self.staged = False                     # bulk(defer_index=True): wordings indexed at its end
        self._candidates = None                 # merging.Candidates during bulk()
        self._durable = False                   # another thread's edit is being written
        self._synchronous = 2                   # the setting outside bulk() (FULL)

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, target: str, file: Path | None) -> "Connection":
        """The connection to `target` (a checked file, or MEMORY), migrated, its deferred
        full-text index rebuilt when the import that deferred it died."""
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
            if indexes_deferred(conn):
                # Deferred by an import: one still running rebuilds it at its end; one that died
                # left it to us.
                with import_running(file) if file is not None else contextlib.nullcontext(False) as running:
                    if not running:
                        finish_deferred_indexes(conn)
        except StoreError:
            _close_quietly(conn)
            raise
        except sqlite3.Error as e:
            _close_quietly(conn)
            raise describe(e, target) from e
        return cls(db, target, saved)

    def close(self) -> None:
        with mapped(self):
            self.db.close()

    # -- reading and writing ---------------------------------------------------------------

    def read(self):
        """The block runs holding the lock, SQLite's environment errors mapped (guard.py)."""
        return mapped(self)

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """A write transaction (a savepoint inside one), under the lock, errors mapped: its
        start (locked) and its commit (disk full) too."""
        with mapped(self), self._transaction():
            yield

    def _transaction(self):
        conn = self.db.conn
        if self._bulk_thread == threading.get_ident():
            if self._grouped and not conn.in_transaction:
                # The group's transaction; each article becomes a savepoint inside it, still
                # all or nothing, until commit_group().
                conn.execute("BEGIN IMMEDIATE")
            return transaction(conn)
        if self._bulk_thread is None or self._durable:
            return transaction(conn)   # (or a write nested in another thread's edit: a savepoint of it)
        # Another thread (the analyst's edit while the GUI imports): the import's articles so
        # far are committed first, so that the edit is committed, durably, when made; what the
        # import knew of merge candidates may no longer hold.
        self._commit_group()
        if self._candidates is not None:
            self._candidates = _merging().Candidates()
        return self._durable_write()

    @contextlib.contextmanager
    def _durable_write(self) -> Iterator[None]:
        conn = self.db.conn
        conn.execute(f"PRAGMA synchronous = {self._synchronous}")
        self._durable = True
        try:
            with transaction(conn):
                yield
        finally:
            self._durable = False
            conn.execute(f"PRAGMA synchronous = {BULK_PRAGMAS['synchronous']}")

    # -- imports in bulk -------------------------------------------------------------------

    @property
    def in_bulk(self) -> bool:
        """This thread is importing in bulk()."""
        return self._bulk_thread == threading.get_ident()

    @property
    def candidates(self):
        """merging.Candidates of this thread's import in bulk(), else None."""
        return self._candidates if self.in_bulk else None

    def forget_candidates(self) -> None:
        """After a rollback: the import's memory of merge candidates holds what the store lost."""
        if self._candidates is not None:
            self._candidates = _merging().Candidates()

    def commit_group(self) -> None:
        """Commit the articles an import in bulk(grouped=True) has written since the last call."""
        with mapped(self):
            self._commit_group()

    def _commit_group(self) -> None:
        if self._grouped and self.db.conn.in_transaction:
            try:
                commit(self.db.conn)
            except BaseException:
                self.forget_candidates()
                raise

    @contextlib.contextmanager
    def bulk(self, defer_index: bool = False, grouped: bool = False) -> Iterator[None]:
        """Settings for an import of many articles by this thread, restored at the end (see
        Store.bulk)."""
        conn = self.db.conn
        marked = contextlib.ExitStack()
        with mapped(self):
            before = [conn.execute(f"PRAGMA {name}").fetchone()[0] for name in BULK_PRAGMAS]
            self._synchronous = int(before[0])
            if defer_index:
                # Marked as running first: a store opened meanwhile leaves the index to us.
                marked.enter_context(importing(None if self.path == MEMORY else Path(self.path)))
                try:
                    defer_quote_index(conn)
                except BaseException:
                    marked.close()
                    raise
            for name, value in BULK_PRAGMAS.items():
                conn.execute(f"PRAGMA {name} = {value}")
            self._bulk_thread = threading.get_ident()
            self._grouped = grouped
            self.staged = defer_index
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
                self._grouped = self.staged = False
                self._candidates = None
                self._bulk_thread = None
                for name, value in zip(BULK_PRAGMAS, before):
                    conn.execute(f"PRAGMA {name} = {int(value)}")
                with marked:
                    if defer_index:
                        finish_deferred_indexes(conn)
                if self.path != MEMORY:
                    try:
                        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                    except sqlite3.Error:
                        pass  # a reader holds the log: SQLite checkpoints later by itself

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a large import)."""
        with mapped(self):
            self.db.execute("ANALYZE")


def _close_quietly(conn) -> None:
    # Closing after a failure: the failure is what the analyst is told, not a second one.
    with contextlib.suppress(sqlite3.Error):
        conn.close()


def _merging():
    # Imported when an import needs it, not when the app opens a store.
    from s400tracker.store import merging

    return merging


def _check_contents(db: Database, target: str) -> None:
    """Refuse, before writing anything, a database that is not ours or is too new."""
    version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    if version > current_version():
        raise StoreTooNewError(
            f"store {target} was written by a newer s400tracker (schema {version}, "
            f"this version reads up to {current_version()}); upgrade s400tracker to open it"
        )
    if version == 0:
        names = set(db.table_names())
        if names and not names <= set(TABLES):
            raise NotAStoreError(f"{target} is an SQLite database but not an s400tracker store")
