"""Store: the tracker's SQLite file behind methods that take and return core values.

Nothing above this package sees a row, a cursor or SQL. A thin facade: the one Connection
(connection.py: lock, error mapping, transactions, bulk imports) and the repositories over it,
one per table or job — actors, documents, statements (reads), edits, merges, publication dates;
sharing.py's functions take the Store and use its `connection`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from s400tracker.core.actors import load_actors
from s400tracker.core.matrix import CellCount
from s400tracker.core.model import Actor, Annotation, Document, Found, Statement
from s400tracker.core.query import StatementFilter
from s400tracker.store.actors import Actors
from s400tracker.store.connection import MEMORY, Connection
from s400tracker.store.dating import PublicationDates
from s400tracker.store.documents import Documents
from s400tracker.store.edits import UNSET, Edits
from s400tracker.store.extraction import ExtractionChange
from s400tracker.store.merges import Merges
from s400tracker.store.opening import check_file, create_whole
from s400tracker.store.schema import current_version
from s400tracker.store.statements import Statements

__all__ = ["Store", "ExtractionChange", "MEMORY"]


class Store:
    def __init__(self, connection: Connection):
        self.connection = connection
        self.actors_table = Actors(connection)
        self.documents_table = Documents(connection, self.actors_table)
        self.statements_read = Statements(connection)
        self.edits = Edits(connection, self.actors_table, self.documents_table, self.statements_read)
        self.merges = Merges(connection, self.edits)
        self.dating = PublicationDates(connection)

    @property
    def path(self) -> str:
        return self.connection.path

    @property
    def backup_made(self) -> Path | None:
        """The copy taken before a migration, if any."""
        return self.connection.backup_made

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
        store = cls(Connection.open(target, file))
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
        self.connection.close()

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
        with self.connection.bulk(defer_index, grouped):
            yield

    def commit_group(self) -> None:
        """Commit the articles an import in bulk(grouped=True) has written since the last call."""
        self.connection.commit_group()

    def analyze(self) -> None:
        """Refresh the query planner's statistics (after a large import)."""
        self.connection.analyze()

    # -- actors (actors.py) ----------------------------------------------------------------

    def sync_actors(self, actors: Sequence[Actor]) -> None:
        self.actors_table.sync(actors)

    def actors(self) -> list[Actor]:
        return self.actors_table.all()

    def add_actor(self, actor: Actor) -> Actor:
        return self.actors_table.add(actor)

    def add_alias(self, key: str, alias: str) -> Actor:
        return self.actors_table.add_alias(key, alias)

    # -- documents (documents.py, dating.py) -----------------------------------------------

    def document_id(self, sha256: str) -> int | None:
        return self.documents_table.id_of(sha256)

    def add_document(self, document: Document, found: Iterable[Found]) -> tuple[int, bool]:
        return self.documents_table.add(document, found)

    def replace_extraction(self, document_id: int, found: Iterable[Found]) -> ExtractionChange:
        return self.documents_table.replace_extraction(document_id, found)

    def documents(self) -> list[Document]:
        return self.documents_table.all()

    def document(self, document_id: int) -> Document:
        return self.documents_table.get(document_id)

    def document_count(self) -> int:
        return self.documents_table.count()

    def undated_documents(self, among: Iterable[int] | None = None) -> list[int]:
        return self.dating.undated_documents(among)

    def publication_votes(self, document_id: int) -> list[tuple[dt.date, int]]:
        return self.dating.publication_votes(document_id)

    def undated_twins(self, document_ids: Iterable[int]) -> list[int]:
        return self.dating.undated_twins(document_ids)

    def set_publication(self, document_id: int, published: dt.date | None, basis: str) -> None:
        self.dating.set_publication(document_id, published, basis)

    # -- reading statements (statements.py) ------------------------------------------------

    def matrix_cells(self, f: StatementFilter = StatementFilter(), bucket: str = "day") -> list[CellCount]:
        return self.statements_read.matrix_cells(f, bucket)

    def matrix_columns(self, f: StatementFilter = StatementFilter(), bucket: str = "day") -> list[dt.date | None]:
        return self.statements_read.matrix_columns(f, bucket)

    def statements(self, f: StatementFilter = StatementFilter(), limit: int | None = None,
                   offset: int = 0) -> list[Statement]:
        return self.statements_read.matching(f, limit, offset)

    def dated_quotes(self, f: StatementFilter = StatementFilter()) -> list[tuple[str, str, str]]:
        return self.statements_read.dated_quotes(f)

    def long_rows(self, f: StatementFilter = StatementFilter()) -> list[tuple]:
        return self.statements_read.long_rows(f)

    def statement_count(self, f: StatementFilter = StatementFilter()) -> int:
        return self.statements_read.count(f)

    def statement(self, statement_id: str) -> Statement:
        return self.statements_read.get(statement_id)

    def untracked_speakers(self, f: StatementFilter = StatementFilter()) -> list[tuple[str, int]]:
        return self.statements_read.untracked_speakers(f)

    def tags(self) -> list[str]:
        return self.statements_read.tags()

    def date_span(self, f: StatementFilter = StatementFilter()) -> tuple[dt.date, dt.date] | None:
        return self.statements_read.date_span(f)

    # -- the analyst's work (edits.py, merges.py) ------------------------------------------

    def annotate(self, statement_id: str, note: str = "", tags: Sequence[str] = (),
                 stance: str | None = None, author: str = "") -> Annotation | None:
        return self.edits.annotate(statement_id, note, tags, stance, author)

    def correct(self, statement_id: str, *, actor=UNSET, date=UNSET) -> Statement:
        return self.edits.correct(statement_id, actor=actor, date=date)

    def set_hidden(self, statement_id: str, hidden: bool) -> Statement:
        return self.edits.set_hidden(statement_id, hidden)

    def add_statement(self, document_id: int, start: int, end: int, actor: str | None,
                      date: dt.date | None = None, kind: str = "direct",
                      speaker: str | None = None) -> Statement:
        return self.edits.add_statement(document_id, start, end, actor, date, kind, speaker)

    def delete_statement(self, statement_id: str) -> None:
        self.edits.delete_statement(statement_id)

    def split_merged(self, statement_id: str) -> list[str]:
        return self.merges.split(statement_id)

    def rejoin_merged(self, statement_id: str, ids: list[str]) -> None:
        self.merges.rejoin(statement_id, ids)
