"""XLSX exports: the rows and columns of the CSV exports (export.py) as typed cells.

What a CSV cannot say, a workbook does: ids, offsets and every other text are string cells
(never a number, a date, a link or a formula, whatever they look like, so nothing needs an
apostrophe); dates are date cells shown yyyy-mm-dd; cells that may hold several lines wrap; the
header is bold and frozen, with an autofilter. Cells longer than Excel's 32,767 characters are
cut visibly, as in the CSV. One sheet holds 1,048,576 rows: a larger export is refused before
anything is written (the CSV has no such limit), never split over sheets a filter cannot span.

XlsxWriter (README) is imported here, when a workbook is written, so launching and the CSV
exports never load it; its constant-memory mode streams the rows to disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Iterable, Sequence

from s400tracker.core.query import StatementFilter
from s400tracker.services.atomic import atomic_write
from s400tracker.services.export import (
    EXCEL_CELL_LIMIT, LONG_COLUMNS, CsvOptions, long_filter, long_row_values, matrix_actors,
    matrix_cells, safe_cell,
)
from s400tracker.store import Store

MAX_ROWS = 1_048_576       # a sheet's rows, the header's included
MAX_COLUMNS = 16_384
DATE_FORMAT = "yyyy-mm-dd"
# Column widths, in characters, from the header and the first rows only: a million-row export is
# not read twice for them, and the rows after these are like them.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH, DATE_WIDTH = 8, 60, 12

SPOOL_BYTES, COPY_CHUNK = 32 << 20, 1 << 20

TEXT, WRAPPED, DATE = "text", "wrapped", "date"
LONG_KINDS = {"date": DATE, "published": DATE, "quote": WRAPPED, "source": WRAPPED,
              "note": WRAPPED, "wordings": WRAPPED}


class XlsxExportError(ValueError):
    """An export that cannot be a workbook (too many rows, no file to write); nothing written."""


def export_matrix_xlsx(store: Store, dest, f: StatementFilter = StatementFilter(),
                       options: CsvOptions = CsvOptions()) -> None:
    """The matrix of statements matching `f` as a workbook at `dest` (a path): a row per actor,
    a date column per day with statements, each cell that day's quotes, one per line."""
    days, rows = matrix_cells(matrix_actors(store, f),
                              store.dated_quotes(f.replace(tracked_only=True)))
    header = ["actor", *(dt.date.fromisoformat(d) for d in days)]
    kinds = [TEXT] + [WRAPPED] * len(days)
    _write(dest, "matrix", header, kinds, [(name, *cells) for name, cells in rows], frozen_columns=1)


def export_long_xlsx(store: Store, dest, f: StatementFilter = StatementFilter(),
                     options: CsvOptions = CsvOptions()) -> None:
    """The long export of statements matching `f` (widened by the options' untracked and
    hidden, as the CSV's) as a workbook at `dest` (a path): one row per statement."""
    names = {a.key: a.name for a in store.actors()}
    rows = store.long_rows(long_filter(f, options))
    kinds = [LONG_KINDS.get(c, TEXT) for c in LONG_COLUMNS]
    _write(dest, "statements", list(LONG_COLUMNS), kinds,
           (long_row_values(r, names) for r in rows), frozen_columns=0, count=len(rows))


def _write(dest, sheet: str, header: list, kinds: list[str], rows: Iterable[Sequence],
           frozen_columns: int, count: int | None = None) -> None:
    if not isinstance(dest, (str, Path)) or str(dest) == "-":
        raise XlsxExportError("an XLSX workbook is written to a file: name one (-o FILE.xlsx)")
    if count is None:
        rows = list(rows)
        count = len(rows)
    if count + 1 > MAX_ROWS:
        raise XlsxExportError(
            f"{count:,} rows do not fit in one XLSX sheet (at most {MAX_ROWS - 1:,} below the "
            "header): export CSV, or narrow the filters")
    if len(header) > MAX_COLUMNS:
        raise XlsxExportError(
            f"{len(header) - 1:,} days do not fit in one XLSX sheet (at most {MAX_COLUMNS - 1:,} "
            "columns after the actor): export CSV, or narrow the dates")
    rows = iter(rows)
    sample = [next(rows) for _ in range(min(count, WIDTH_SAMPLE_ROWS))]
    import xlsxwriter   # here: launching and the CSV exports never need it

    # XlsxWriter keeps the rows in files of its own folder, removed whatever happens, and zips
    # the workbook into a spooled file (memory, then the temporary folder once large), copied
    # to the analyst's file whole: a failed write is one OSError naming that file, the old one kept.
    with tempfile.TemporaryDirectory(prefix="s400tracker-xlsx-") as work, \
            tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as zipped:
        book = xlsxwriter.Workbook(zipped, {
            "constant_memory": True, "tmpdir": work,   # each row goes to disk once written
            # write() is never called, only write_string and write_datetime; these say the same.
            "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
        })
        try:
            _fill(book, sheet, header, kinds, sample, rows, frozen_columns, count)
            book.close()
        except BaseException as e:
            _abandon(book, e)
            # XlsxWriter wraps the system's error in its own: the system's, about our file.
            cause = e.args[0] if isinstance(e, xlsxwriter.exceptions.FileCreateError) and e.args \
                else e
            if not isinstance(cause, OSError):
                raise
            raise OSError(cause.errno, cause.strerror or str(cause), str(dest)) from None
        zipped.seek(0)
        with atomic_write(dest, "wb") as out:
            shutil.copyfileobj(zipped, out, COPY_CHUNK)


def _abandon(book, error: BaseException) -> None:
    """Let go of what a failed XlsxWriter left open (its zip, its row files), now, while the
    files under them still exist, rather than when the garbage collector finds them."""
    while error is not None:
        traceback.clear_frames(error.__traceback__)
        error = error.__context__
    for ws in book.worksheets():
        handle = getattr(ws, "row_data_fh", None)
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()


def _fill(book, sheet: str, header: list, kinds: list[str], sample: list, rest,
          frozen_columns: int, count: int) -> None:
    bold = book.add_format({"bold": True})
    bold_date = book.add_format({"bold": True, "num_format": DATE_FORMAT})
    formats = {TEXT: None, WRAPPED: book.add_format({"text_wrap": True, "valign": "top"}),
               DATE: book.add_format({"num_format": DATE_FORMAT, "valign": "top"})}
    ws = book.add_worksheet(sheet)
    for col, width in enumerate(_widths(header, kinds, sample)):
        ws.set_column(col, col, width)
    for col, title in enumerate(header):
        if isinstance(title, dt.date):
            ws.write_datetime(0, col, title, bold_date)
        else:
            ws.write_string(0, col, title, bold)
    ws.freeze_panes(1, frozen_columns)
    ws.autofilter(0, 0, count, len(header) - 1)
    cell_formats = [(col, kind, formats[kind]) for col, kind in enumerate(kinds)]
    write_string, write_datetime = ws.write_string, ws.write_datetime
    row_number = 0
    for rows in (sample, rest):
        for row in rows:
            row_number += 1
            for col, kind, fmt in cell_formats:
                value = row[col]
                if value is None or value == "":
                    continue
                if kind == DATE:
                    day = _date(value)
                    if day is not None:
                        write_datetime(row_number, col, day, fmt)
                        continue
                text = value if isinstance(value, str) else str(value)
                if len(text) * 2 > EXCEL_CELL_LIMIT:
                    text = safe_cell(text, escape_formulas=False)   # a formula start is text here
                write_string(row_number, col, text, fmt)


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None   # not a day: written as the text it is


def _widths(header: list, kinds: list[str], sample: list) -> list[int]:
    widths = []
    for col, (title, kind) in enumerate(zip(header, kinds)):
        if kind == DATE:
            widths.append(DATE_WIDTH)
            continue
        # the header's text and its filter button
        title_width = (10 if isinstance(title, dt.date) else len(title)) + 2
        longest = max([title_width] + [max(map(len, str(row[col]).split("\n")))
                                       for row in sample if row[col] is not None])
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths
