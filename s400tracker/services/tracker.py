"""Tracker: the one object the GUI (and the CLI) talks to. No Qt here.

    t = Tracker.open(path=None)            # None: the default store, seeded on first use
    t.path, t.close(), `with Tracker.open(...) as t:`

    Actors
      t.actors() -> list[Actor]                       rows of the matrix, in display order
      t.groups() -> list[tuple[str, str]]             (group name, colour), in display order
      t.add_actor(name, group="", aliases=(), color="", key=None) -> Actor
      t.add_alias(actor_key, alias, reextract=True) -> Actor

    Matrix and statements (filters are core.query.StatementFilter values)
      t.matrix(filter=StatementFilter(), bucket="day", continuous=False, undated=True) -> Matrix
      t.matrix_layout(filter, bucket, continuous, undated) -> Matrix   rows and columns, no cells
      t.matrix_cells(filter, bucket, columns) -> list[CellCount]       the cells of some columns
      t.cell_statements(actor_key, column, bucket="day", filter=StatementFilter()) -> list[Statement]
          column is a Matrix column: a bucket's first day, or None for the undated column
      t.statements(filter, limit=None, offset=0) -> list[Statement];  t.statement_count(filter)
      t.statement(statement_id) -> Statement
      t.untracked_speakers(filter) -> list[tuple[str, int]]
      t.tags() -> list[str];  t.date_span(filter) -> (first, last) | None
      t.documents() -> list[Document] (no text);  t.document_count() -> int
      t.document(document_id) -> Document (with text)

    The analyst's work (each committed at once; returns the new state for undo stacks)
      t.annotate(statement_id, note="", tags=(), stance=None, author=None) -> Annotation | None
      t.move_statement(statement_id, actor=UNSET, date=UNSET) -> Statement   (None: as extracted)
      t.hide(statement_id) / t.unhide(statement_id) -> Statement
      t.split_merged(statement_id) -> ids; t.rejoin_merged(statement_id, ids)   other outlets' reports
      t.add_statement(document_id, start, end, actor, date=None, kind="direct", speaker=None)
      t.delete_statement(statement_id)                 only statements the analyst added
      Each edit also records who made it and when, and the annotation versions it replaced, so
      bundles can merge two analysts' work (services/bundles.py).

    Sharing (services/bundles.py, services/report.py)
      t.export_bundle(dest) -> int;  t.import_bundle(path) -> bundles.ImportReport
      t.conflicts(statement_id=None) -> list[Conflict];  t.conflicted_ids() -> set[str]
      t.resolve_conflict(statement_id, conflict_hash, "mine"|"theirs"|"merge") -> Annotation|None
      t.write_report(dest, filter=StatementFilter()) -> int   the HTML briefing

    Import, re-extraction, export (run import/reextract off the GUI thread: the Store is
    thread-safe; progress(done, total, path) is called from that thread; cancel() is polled)
      t.import_paths(paths, progress=None, cancel=None) -> ImportReport
      t.reextract(progress=None, cancel=None) -> ReextractReport
      t.export_matrix(dest, filter=StatementFilter(), options=CsvOptions())
      t.export_long(dest, filter=StatementFilter(), options=CsvOptions())
      t.export_matrix_xlsx(dest, ...), t.export_long_xlsx(dest, ...)   # the same rows, as XLSX

Errors: store.StoreError (environment: show its message), store.NotFoundError (stale id),
ValueError (invalid input, message readable).
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from s400tracker import paths
from s400tracker.core.matrix import CellCount, Column, Matrix, build_matrix, layout_matrix
from s400tracker.core.model import Actor, Annotation, Document, Statement
from s400tracker.core.query import StatementFilter, bucket_end
from s400tracker.store import Store

if TYPE_CHECKING:
    from s400tracker.core.sharing import Conflict
    from s400tracker.services import bundles, ingest
    from s400tracker.services.export import CsvOptions

# The use cases (import, export, bundles, the briefing, edits) are imported by the methods that
# need them: opening the app's window needs none of them, and their imports (the extractor, the
# HTML parser, multiprocessing) were a third of its launch.

UNSET = object()


class Tracker:
    def __init__(self, store: Store, extract_fn=None, make_index=None, author: str | None = None):
        self.store = store
        self._extract_fn = extract_fn
        self._make_index = make_index
        self.author = author if author is not None else _user()

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        seed: bool | None = None,
        create: bool = True,
        extract_fn=None,
        make_index=None,
    ) -> "Tracker":
        """Open the store at `path` (None: paths.default_store()).

        A missing file becomes a new store only when `create` is true (the CLI and the app pass
        False where the analyst names an existing store: a typo must not make an empty one).
        A store created by this call is seeded with the bundled articles when `seed` is True, or
        when `seed` is None and `path` is None (the default store, on first use).
        """
        target = Path(path) if path is not None else paths.default_store()
        if path is None and create:
            target.parent.mkdir(parents=True, exist_ok=True)
        is_new = str(target) == ":memory:" or not target.exists()
        tracker = cls(Store.open(target, create=create), extract_fn, make_index)
        if is_new and (seed or (seed is None and path is None)):
            try:
                tracker.import_paths([paths.seeds_dir()])
            except BaseException:
                tracker.close()
                raise
        return tracker

    @property
    def path(self) -> str:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Tracker":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- actors ----------------------------------------------------------------------------

    def actors(self) -> list[Actor]:
        return self.store.actors()

    def groups(self) -> list[tuple[str, str]]:
        seen: dict[str, str] = {}
        for a in self.store.actors():
            seen.setdefault(a.group, a.color)
        return list(seen.items())

    def add_actor(
        self,
        name: str,
        group: str = "",
        aliases: Sequence[str] = (),
        color: str = "",
        key: str | None = None,
    ) -> Actor:
        key = key or _slug(name)
        names = tuple(dict.fromkeys(a.strip() for a in (name, *aliases) if a.strip()))
        if not color:
            color = dict(self.groups()).get(group, "")
        return self.store.add_actor(Actor(key=key, name=name.strip(), group=group.strip(),
                                          aliases=names, color=color))

    def add_alias(self, actor_key: str, alias: str, reextract: bool = True) -> Actor:
        actor = self.store.add_alias(actor_key, alias)
        if reextract:
            self.reextract()
        return actor

    # -- reading ---------------------------------------------------------------------------

    def matrix(
        self,
        filter: StatementFilter = StatementFilter(),
        bucket: str = "day",
        continuous: bool = False,
        undated: bool = True,
    ) -> Matrix:
        cells = self.store.matrix_cells(filter, bucket)
        return build_matrix(self._filtered_actors(filter), cells, bucket=bucket, continuous=continuous,
                            undated=undated)

    def matrix_layout(
        self,
        filter: StatementFilter = StatementFilter(),
        bucket: str = "day",
        continuous: bool = False,
        undated: bool = True,
    ) -> Matrix:
        """matrix()'s rows and columns, with no cell read: read them with matrix_cells()."""
        columns = self.store.matrix_columns(filter, bucket)
        return layout_matrix(self._filtered_actors(filter), columns, bucket=bucket,
                             continuous=continuous, undated=undated)

    def matrix_cells(
        self,
        filter: StatementFilter,
        bucket: str,
        columns: Sequence[Column],
    ) -> list[CellCount]:
        """The cells of `columns` (a run of one matrix's columns, ascending, None for undated)."""
        dated = [c for c in columns if c is not None]
        cells: list[CellCount] = []
        if dated:
            start = max(dated[0], filter.start) if filter.start else dated[0]
            end = bucket_end(dated[-1], bucket)
            end = min(end, filter.end) if filter.end else end
            cells += self.store.matrix_cells(filter.replace(start=start, end=end), bucket)
        if None in columns:
            cells += self.store.matrix_cells(filter.replace(undated=True), bucket)
        return cells

    def _filtered_actors(self, filter: StatementFilter) -> list[Actor]:
        return [
            a for a in self.store.actors()
            if (not filter.actors or a.key in filter.actors)
            and (not filter.groups or a.group in filter.groups)
        ]

    def cell_statements(
        self,
        actor_key: str,
        column: Column,
        bucket: str = "day",
        filter: StatementFilter = StatementFilter(),
    ) -> list[Statement]:
        f = filter.replace(actors=(actor_key,), groups=())
        if column is None:
            f = f.replace(undated=True, start=None, end=None)
        else:
            # Keep the filter's own date range: a cell never shows more than its matrix did.
            start = max(column, filter.start) if filter.start else column
            end = bucket_end(column, bucket)
            end = min(end, filter.end) if filter.end else end
            f = f.replace(start=start, end=end)
        return self.store.statements(f)

    def statements(
        self, filter: StatementFilter = StatementFilter(), limit: int | None = None, offset: int = 0
    ) -> list[Statement]:
        return self.store.statements(filter, limit, offset)

    def statement_count(self, filter: StatementFilter = StatementFilter()) -> int:
        return self.store.statement_count(filter)

    def statement(self, statement_id: str) -> Statement:
        return self.store.statement(statement_id)

    def untracked_speakers(self, filter: StatementFilter = StatementFilter()) -> list[tuple[str, int]]:
        return self.store.untracked_speakers(filter)

    def tags(self) -> list[str]:
        return self.store.tags()

    def date_span(self, filter: StatementFilter = StatementFilter()) -> tuple[dt.date, dt.date] | None:
        return self.store.date_span(filter)

    def documents(self) -> list[Document]:
        return self.store.documents()

    def document_count(self) -> int:
        return self.store.document_count()

    def document(self, document_id: int) -> Document:
        return self.store.document(document_id)

    # -- the analyst's work ----------------------------------------------------------------

    def annotate(
        self,
        statement_id: str,
        note: str = "",
        tags: Sequence[str] = (),
        stance: str | None = None,
        author: str | None = None,
    ) -> Annotation | None:
        from s400tracker.services import work
        return work.annotate(self.store, statement_id, note, tags, stance,
                             self.author if author is None else author)

    def move_statement(self, statement_id: str, actor=UNSET, date=UNSET) -> Statement:
        from s400tracker.services import work
        changes = {}
        if actor is not UNSET:
            changes["actor"] = actor
        if date is not UNSET:
            changes["date"] = date
        return work.move(self.store, statement_id, self.author, **changes)

    def hide(self, statement_id: str) -> Statement:
        from s400tracker.services import work
        return work.set_hidden(self.store, statement_id, True, self.author)

    def unhide(self, statement_id: str) -> Statement:
        from s400tracker.services import work
        return work.set_hidden(self.store, statement_id, False, self.author)

    def split_merged(self, statement_id: str) -> list[str]:
        """Other outlets' reports merged into this statement become statements of their own."""
        return self.store.split_merged(statement_id)

    def rejoin_merged(self, statement_id: str, ids: list[str]) -> None:
        self.store.rejoin_merged(statement_id, ids)

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
        from s400tracker.services import work
        return work.add_statement(self.store, self.author, document_id, start, end, actor, date,
                                  kind, speaker)

    def delete_statement(self, statement_id: str) -> None:
        self.store.delete_statement(statement_id)

    # -- sharing ---------------------------------------------------------------------------

    def export_bundle(self, dest: str | Path) -> int:
        from s400tracker.services import bundles
        return bundles.export_bundle(self.store, dest, self.author)

    def import_bundle(self, path: str | Path) -> bundles.ImportReport:
        from s400tracker.services import bundles
        return bundles.import_bundle(self.store, path)

    def conflicts(self, statement_id: str | None = None) -> list[Conflict]:
        from s400tracker.store import sharing
        return sharing.conflicts(self.store, statement_id)

    def conflicted_ids(self) -> set[str]:
        from s400tracker.store import sharing
        return sharing.conflicted_ids(self.store)

    def resolve_conflict(self, statement_id: str, conflict_hash: str, choice: str) -> Annotation | None:
        from s400tracker.services import work
        return work.resolve(self.store, statement_id, conflict_hash, choice, self.author)

    def write_report(self, dest: str | Path, filter: StatementFilter = StatementFilter()) -> int:
        from s400tracker.services import report
        return report.write_report(self.store, dest, filter)

    # -- import, re-extraction, export -----------------------------------------------------

    def import_paths(self, paths_: Iterable[str | Path], progress=None, cancel=None) -> ingest.ImportReport:
        from s400tracker.services import ingest
        return ingest.import_paths(
            self.store, [Path(p) for p in paths_], extract_fn=self._extract_fn,
            make_index=self._make_index, progress=progress, cancel=cancel,
        )

    def reextract(self, progress=None, cancel=None) -> ingest.ReextractReport:
        from s400tracker.services import ingest
        return ingest.reextract(
            self.store, extract_fn=self._extract_fn, make_index=self._make_index,
            progress=progress, cancel=cancel,
        )

    def export_matrix(self, dest, filter: StatementFilter = StatementFilter(),
                      options: CsvOptions | None = None) -> None:
        from s400tracker.services import export
        export.export_matrix(self.store, dest, filter, options or export.CsvOptions())

    def export_long(self, dest, filter: StatementFilter = StatementFilter(),
                    options: CsvOptions | None = None) -> None:
        from s400tracker.services import export
        export.export_long(self.store, dest, filter, options or export.CsvOptions())

    def export_matrix_xlsx(self, dest, filter: StatementFilter = StatementFilter(),
                           options: CsvOptions | None = None) -> None:
        from s400tracker.services import export, export_xlsx
        export_xlsx.export_matrix_xlsx(self.store, dest, filter, options or export.CsvOptions())

    def export_long_xlsx(self, dest, filter: StatementFilter = StatementFilter(),
                         options: CsvOptions | None = None) -> None:
        from s400tracker.services import export, export_xlsx
        export_xlsx.export_long_xlsx(self.store, dest, filter, options or export.CsvOptions())


def _slug(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name.strip().lower()).strip("-")
    if not slug:
        raise ValueError("an actor needs a name")
    return slug


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): annotations stay anonymous
        return ""
