"""The actors × dates matrix as a value, built from the store's per-cell aggregates.

The store aggregates in SQL (one row per actor and day, week or month); this module only lays
those rows out: which actors are rows, which dates are columns, what each cell holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from s400tracker.core.model import Actor
from s400tracker.core.query import BUCKETS, bucket_end, next_bucket

Column = dt.date | None  # a bucket's first day; None is the "undated" column


@dataclass(frozen=True)
class CellCount:
    """One aggregate row from the store: what one actor said in one bucket."""

    actor: str                # Actor.key
    date: dt.date | None      # the bucket's first day; None for undated statements
    count: int
    first_quote: str
    annotated: bool           # at least one statement of the cell carries an annotation
    stance: str | None        # the most frequent effective stance, None when none has one
    hidden: int = 0           # of `count`, statements the analyst hid (shown when asked for)
    conflicts: int = 0        # of `count`, statements with an unresolved annotation conflict


@dataclass(frozen=True)
class Matrix:
    rows: tuple[Actor, ...]
    columns: tuple[Column, ...]
    cells: dict[tuple[str, Column], CellCount] = field(default_factory=dict)
    bucket: str = "day"

    def cell(self, actor_key: str, column: Column) -> CellCount | None:
        return self.cells.get((actor_key, column))

    def column_range(self, column: Column) -> tuple[dt.date, dt.date] | None:
        """The first and last day (inclusive) a column covers; None for the undated column."""
        if column is None:
            return None
        return column, bucket_end(column, self.bucket)

    def label(self, column: Column) -> str:
        if column is None:
            return "undated"
        if self.bucket == "month":
            return column.strftime("%Y-%m")
        if self.bucket == "week":
            return f"week of {column.isoformat()}"
        return column.isoformat()

    def total(self) -> int:
        return sum(c.count for c in self.cells.values())


def build_matrix(
    actors: Sequence[Actor],
    counts: Iterable[CellCount],
    *,
    bucket: str = "day",
    continuous: bool = False,
    undated: bool = True,
    only_active: bool = False,
) -> Matrix:
    """Lay out `counts` (already bucketed) as a matrix.

    Rows are `actors` in position order; `only_active` keeps only actors with a statement.
    Columns are the buckets that hold a statement, ascending; `continuous` fills the gaps so the
    calendar has no holes. `undated` adds a last column for statements without a date.
    """
    if bucket not in BUCKETS:
        raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")
    known = {a.key for a in actors}
    cells = {(c.actor, c.date): c for c in counts if c.actor in known}
    dated = sorted({d for _, d in cells if d is not None})
    if continuous and dated:
        dated = list(_calendar(dated[0], dated[-1], bucket))
    columns: list[Column] = list(dated)
    if undated and any(d is None for _, d in cells):
        columns.append(None)
    if not undated:
        cells = {k: v for k, v in cells.items() if k[1] is not None}
    rows = sorted(actors, key=lambda a: a.position)
    if only_active:
        active = {key for key, _ in cells}
        rows = [a for a in rows if a.key in active]
    return Matrix(rows=tuple(rows), columns=tuple(columns), cells=cells, bucket=bucket)


def layout_matrix(
    actors: Sequence[Actor],
    columns: Sequence[Column],
    *,
    bucket: str = "day",
    continuous: bool = False,
    undated: bool = True,
) -> Matrix:
    """The rows and columns of a matrix whose cells are read later, a screenful at a time.

    `columns` are the buckets holding statements (ascending, None last for undated), as
    build_matrix would find them in its counts; `continuous` and `undated` act as there.
    """
    if bucket not in BUCKETS:
        raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")
    dated = [c for c in columns if c is not None]
    if continuous and dated:
        dated = list(_calendar(dated[0], dated[-1], bucket))
    if undated and None in columns:
        dated.append(None)
    rows = sorted(actors, key=lambda a: a.position)
    return Matrix(rows=tuple(rows), columns=tuple(dated), bucket=bucket)


def _calendar(first: dt.date, last: dt.date, bucket: str) -> Iterable[dt.date]:
    day = first
    while day <= last:
        yield day
        day = next_bucket(day, bucket)
