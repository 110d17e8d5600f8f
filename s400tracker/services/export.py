"""CSV exports that open safely in Excel: the matrix (actors × days) and the long format.

Safety, each on by default: a UTF-8 BOM so Excel reads accents right; cells that Excel would run
as formulas (starting with = + - @, their full-width forms, tab or CR) get a leading apostrophe;
cells longer than Excel's 32,767-character limit are cut, visibly; statement ids are written
after a letter (core/ids.py: id_as_text), so that none is read as a number. Line endings are CRLF,
as the csv module writes them. The XLSX exports (export_xlsx.py) write the same rows as typed cells.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence, TextIO

from s400tracker.core.ids import id_as_text
from s400tracker.core.model import Actor, Statement
from s400tracker.core.query import StatementFilter
from s400tracker.services.atomic import atomic_write
from s400tracker.store import Store

EXCEL_CELL_LIMIT = 32767
CUT_MARKER = " [… cut: longer than Excel allows]"
# Excel also takes the full-width forms (＝ ＋ － ＠, typed by CJK input methods) for the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

LONG_COLUMNS = (
    "statement_id", "actor", "date", "quote", "kind", "speaker", "source", "note", "tags",
    "stance", "date_basis", "stance_source", "outlet", "published", "document", "start", "end",
    "hidden", "origin", "wordings",
)


@dataclass(frozen=True)
class CsvOptions:
    bom: bool = True
    escape_formulas: bool = True
    include_untracked: bool = False   # long format: also statements of speakers no actor covers
    include_hidden: bool = False      # long format: also hidden statements (`hidden` says yes)


def safe_cell(value: object, escape_formulas: bool = True) -> str:
    text = "" if value is None else str(value)
    if escape_formulas and text.startswith(FORMULA_STARTS):
        text = "'" + text
    # A character counts at most twice, so a short cell needs no counting (most cells: the
    # count walked every character of 1.7 million cells in a 100,000-statement export).
    if len(text) * 2 > EXCEL_CELL_LIMIT and _excel_length(text) > EXCEL_CELL_LIMIT:
        text = _cut(text, EXCEL_CELL_LIMIT - _excel_length(CUT_MARKER)) + CUT_MARKER
    return text


def _excel_length(text: str) -> int:
    # Excel counts UTF-16 code units: a character outside the BMP (an emoji) counts twice.
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _cut(text: str, units: int) -> str:
    out, used = [], 0
    for c in text:
        used += 2 if ord(c) > 0xFFFF else 1
        if used > units:
            break
        out.append(c)
    return "".join(out)


def write_matrix(
    stream: TextIO, actors: Sequence[Actor], statements: Sequence[Statement], options: CsvOptions
) -> None:
    """Header `actor` then the ISO days with statements, ascending; one row per actor; each cell
    that actor's quotes of that day, one per line. Undated statements appear only in `long`."""
    write_matrix_rows(stream, actors, ((s.actor, s.date.isoformat(), s.quote) for s in statements
                                       if s.actor is not None and s.date is not None), options)


def write_matrix_rows(stream: TextIO, actors: Sequence[Actor],
                      quotes: Iterable[tuple[str, str, str]], options: CsvOptions) -> None:
    """write_matrix from (actor key, ISO day, quote) triples, in statement order."""
    days, rows = matrix_cells(actors, quotes)
    _bom(stream, options)
    stream.write(csv_line(["actor", *days]))
    for name, cells in rows:
        stream.write(csv_line([safe_cell(v, options.escape_formulas) for v in (name, *cells)]))


def matrix_cells(actors: Sequence[Actor], quotes: Iterable[tuple[str, str, str]]
                 ) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The matrix from (actor key, ISO day, quote) triples: its ISO days, ascending, and per
    actor in their order (name, one cell per day: that day's quotes, one per line)."""
    by_cell: dict[tuple[str, str], list[str]] = {}
    for actor, day, quote in quotes:
        by_cell.setdefault((actor, day), []).append(quote)
    days = sorted({day for _, day in by_cell})
    return days, [(actor.name, ["\n".join(by_cell.get((actor.key, day), ())) for day in days])
                  for actor in sorted(actors, key=lambda a: a.position)]


def write_long(
    stream: TextIO, actors: Sequence[Actor], statements: Sequence[Statement], options: CsvOptions
) -> None:
    """One row per statement, columns LONG_COLUMNS."""
    names = {a.key: a.name for a in actors}
    writer = _writer(stream, options)
    writer.writerow(LONG_COLUMNS)
    for s in statements:
        ann = s.annotation
        first = s.sources[0] if s.sources else None
        row = {
            "statement_id": id_as_text(s.id),
            "actor": names.get(s.actor, s.actor or ""),
            "date": s.date.isoformat() if s.date else "",
            "quote": s.quote,
            "kind": s.kind,
            "speaker": s.speaker or "",
            "source": " | ".join(src.title for src in s.sources),
            "note": ann.note if ann else "",
            "tags": "; ".join(s.tags),
            "stance": s.stance or "",
            "date_basis": s.date_basis,
            "stance_source": "" if s.stance is None else ("suggested" if s.stance_suggested else "analyst"),
            "outlet": first.outlet if first else "",
            "published": first.published.isoformat() if first and first.published else "",
            "document": first.path if first else "",
            "start": first.start if first else "",
            "end": first.end if first else "",
            "hidden": "yes" if s.hidden else "",
            "origin": s.origin,
            "wordings": wordings_cell((src.outlet, src.title, src.wording) for src in s.sources),
        }
        writer.writerow([safe_cell(row[c], options.escape_formulas) for c in LONG_COLUMNS])


def write_long_rows(stream: TextIO, actors: Sequence[Actor], rows: Iterable[tuple],
                    options: CsvOptions) -> None:
    """write_long from the store's long_rows(): the same bytes, without building Statements.

    Cells from a fixed vocabulary (kind, stance, date basis, origin), ISO dates, hex ids and
    offsets can neither start a formula, nor be too long, nor need quoting, so only the free
    text goes through safe_cell and csv_field, and only when it needs to (a 100,000-statement
    export made 1.9 million calls). The lines are formatted here, as the csv module writes them:
    its writer tests every character of every cell, a fifth of this export's instructions.
    """
    escape = options.escape_formulas
    names = {a.key: csv_field(safe_cell(a.name, escape)) for a in actors}
    starts = FORMULA_STARTS if escape else ()
    half = EXCEL_CELL_LIMIT // 2
    special = _CSV_SPECIAL.search
    prefix = id_as_text("")

    def text(value):
        # csv_field(safe_cell(value)), with the common case (short, no formula start, nothing
        # to quote) inline-cheap.
        if not value:
            return ""
        if len(value) > half or value.startswith(starts):
            value = safe_cell(value, escape)
        if special(value):
            return '"' + value.replace('"', '""') + '"'
        return value

    def lines():
        for (sid, actor, day, quote, kind, speaker, titles, note, tags, analyst, suggested,
             basis, outlet, published, path, start, end, hidden, origin, wordings) in rows:
            stance = analyst or suggested
            yield (
                f"{prefix}{sid},{names[actor] if actor in names else text(actor)},{day or ''},{text(quote)},"
                f"{kind},{text(speaker)},{text(titles)},{text(note)},"
                f"{text('; '.join(json.loads(tags))) if tags else ''},{stance or ''},{basis},"
                f"{'' if stance is None else ('analyst' if analyst else 'suggested')},"
                f"{text(outlet)},{published or ''},{text(path)},{'' if start is None else start},"
                f"{'' if end is None else end},{'yes' if hidden else ''},{origin},"
                f"{text(wordings_cell(wordings))}\r\n"
            )

    _bom(stream, options)
    stream.write(csv_line(LONG_COLUMNS))
    stream.writelines(lines())


def long_row_values(row: tuple, names: dict[str, str]) -> tuple:
    """One of the store's long_rows() as the values of LONG_COLUMNS, untouched by any file
    format: the bare id, ISO dates, offsets as numbers, None where there is nothing. `names`
    maps actor keys to names. The XLSX export's rows; the CSV's are formatted in place above."""
    (sid, actor, day, quote, kind, speaker, titles, note, tags, analyst, suggested,
     basis, outlet, published, path, start, end, hidden, origin, wordings) = row
    stance = analyst or suggested
    return (
        sid, names.get(actor, actor), day, quote, kind, speaker, titles, note,
        "; ".join(json.loads(tags)) if tags else None, stance, basis,
        None if stance is None else ("analyst" if analyst else "suggested"),
        outlet, published, path, start, end, "yes" if hidden else None, origin,
        wordings_cell(wordings),
    )


def wordings_cell(sources: Iterable[tuple[str, str, str]]) -> str:
    """The `wordings` cell: each source's wording of the statement, one per line, after its
    outlet (its title when the outlet is unknown). From (outlet, title, wording) per source."""
    return "\n".join(f"{outlet or title}: {wording}" for outlet, title, wording in sources)


# What makes the csv module's excel dialect quote a cell: its delimiter, its quote character or
# a character of its line end.
_CSV_SPECIAL = re.compile('[",\r\n]')


def csv_field(text: str) -> str:
    """One cell as csv.writer (excel dialect, minimal quoting) writes it within a row."""
    return '"' + text.replace('"', '""') + '"' if _CSV_SPECIAL.search(text) else text


def csv_line(cells: Sequence[str]) -> str:
    """A row as csv.writer (excel dialect) writes it: each cell tested at C speed, where the
    writer tests every character (a fifth of the instructions of a 100,000-statement export)."""
    if len(cells) == 1 and not cells[0]:
        return '""\r\n'   # a lone empty cell, quoted so the row is not read as a blank line
    return ",".join([csv_field(c) for c in cells]) + "\r\n"


def _bom(stream: TextIO, options: CsvOptions) -> None:
    if options.bom:
        stream.write("\ufeff")


def _writer(stream: TextIO, options: CsvOptions):
    # write_long's reference writer: csv's default dialect, rows ending with CRLF as Excel expects.
    _bom(stream, options)
    return csv.writer(stream)


def export_matrix(
    store: Store, dest, f: StatementFilter = StatementFilter(), options: CsvOptions = CsvOptions()
) -> None:
    """Write the matrix CSV of statements matching `f` to `dest` (a path, a text stream or "-")."""
    actors = matrix_actors(store, f)
    with open_output(dest) as stream:
        write_matrix_rows(stream, actors, store.dated_quotes(f.replace(tracked_only=True)),
                          options)


def export_long(
    store: Store, dest, f: StatementFilter = StatementFilter(), options: CsvOptions = CsvOptions()
) -> None:
    """Write the long CSV of statements matching `f` to `dest` (a path, a text stream or "-")."""
    with open_output(dest) as stream:
        write_long_rows(stream, store.actors(), store.long_rows(long_filter(f, options)), options)


def long_filter(f: StatementFilter, options: CsvOptions) -> StatementFilter:
    """The filter of a long export: `f`, widened by the options' untracked and hidden."""
    if options.include_untracked:
        f = f.replace(tracked_only=False)
    if options.include_hidden:
        f = f.replace(include_hidden=True)
    return f


def matrix_actors(store: Store, f: StatementFilter) -> list[Actor]:
    """The matrix's rows: the actors `f` lets through, whether they spoke or not."""
    return [
        a for a in store.actors()
        if (not f.actors or a.key in f.actors) and (not f.groups or a.group in f.groups)
    ]


@contextlib.contextmanager
def open_output(dest) -> Iterator[TextIO]:
    """A text stream for `dest` that keeps the csv module's CRLF as written.

    None or "-" is standard output (UTF-8, whatever the console's encoding); a str or Path is a
    file, replaced only once the export is complete (services/atomic.py); anything else is taken as an open text stream and left open.
    """
    if dest is None or dest == "-":
        out = sys.stdout
        buffer: IO[bytes] | None = getattr(out, "buffer", None)
        if buffer is None:
            yield out
            return
        out.flush()
        wrapper = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()  # leave sys.stdout open
    elif isinstance(dest, (str, Path)):
        with atomic_write(dest, "w", encoding="utf-8", newline="") as f:
            yield f
    else:
        yield dest
