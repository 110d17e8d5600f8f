"""The command line: thin wrappers over services. `s400tracker --help` lists the commands.

Exit codes: 0 success; 1 some files failed (import, extract); 2 an error of the environment
(bad store, unwritable output) or bad arguments; 3 the desktop app cannot start here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
from json.encoder import encode_basestring as encode_string   # JSON's own, in C
import operator
import os
import sys
from pathlib import Path

from s400tracker import __version__

EXIT_OK, EXIT_FAILED, EXIT_ENVIRONMENT, EXIT_NO_GUI = 0, 1, 2, 3
EXPORT_FORMATS = ("matrix", "long", "xlsx-matrix", "xlsx-long")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="s400tracker",
        description="Track reactions to the Dec 2020 US sanctions on Turkey over the S-400: "
        "quotes and reported statements by actor and day. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    db_help = "the store file (default: $S400TRACKER_DB or the user data folder, seeded on first use)"
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", help="import articles (files or folders: text, web pages, PDF, Word, RTF, e-mail, feeds, news exports) into the store")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="export the store as CSV or XLSX (matrix or long)")
    p.add_argument("--db", type=Path, help=db_help)
    p.add_argument("--format", choices=EXPORT_FORMATS,
                   help="matrix: actors × days (default); long: one row per statement; "
                        "xlsx-matrix, xlsx-long: the same as an Excel workbook "
                        "(what a FILE ending in .xlsx gets)")
    p.add_argument("-o", "--output", default="-", metavar="FILE",
                   help="file to write (default or '-': standard output, CSV only)")
    p.add_argument("--no-bom", action="store_true",
                   help="CSV: no UTF-8 byte order mark (Excel needs it to read accents right)")
    p.add_argument("--no-escape-formulas", action="store_true",
                   help="CSV: keep cells starting with = + - @ as they are (Excel may run them)")
    p.add_argument("--include-untracked", action="store_true",
                   help="long format: also statements by speakers that are no tracked actor")
    p.add_argument("--include-hidden", action="store_true",
                   help="long format: also hidden statements (their `hidden` column says yes)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("extract", help="print the statements found in articles as JSON lines; "
                                       "stores nothing")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD",
                   help="publication date (default: the sidecar's, else the article's own)")
    p.set_defaults(func=cmd_extract)

    from s400tracker import cli_share

    cli_share.add_parsers(sub, db_help, _iso_date)   # annotate, annotations, report

    p = sub.add_parser("gui", help="open the desktop app (the default command)")
    p.add_argument("--db", type=Path, help=db_help)
    p.set_defaults(func=cmd_gui)
    return parser


def main(argv: list[str] | None = None) -> int:
    from s400tracker.store import StoreError

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["gui", *argv]  # plain `s400tracker [--db FILE]` opens the desktop app
    args = build_parser().parse_args(argv)
    problem = _undecodable_text(args)
    if problem:
        return _fail(problem)
    try:
        return args.func(args)
    except StoreError as e:
        return _fail(str(e))
    except BrokenPipeError:
        # The reader went away (`| head`): not an error worth a message. Point stdout at devnull
        # so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as e:
        # The environment (disk full, permission, missing folder): one line, no traceback.
        where = f": {e.filename}" if e.filename else ""
        return _fail(f"{e.strerror or e}{where}")
    except KeyboardInterrupt:
        return 130


def _undecodable_text(args) -> str:
    """Why a text option (a note, a tag, a search) cannot be used, or "". Python hands over
    bytes the locale cannot decode as lone surrogates, which no store or file can hold; file
    names keep them (the system takes them back as the same bytes)."""
    for name, value in vars(args).items():
        if name in ("output", "func"):
            continue
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as e:
                    raw = text[e.start:e.end].encode("utf-8", "surrogateescape") \
                        if "\udc80" <= text[e.start] <= "\udcff" else text[e.start:e.end]
                    return (f"--{name.replace('_', '-')} is not valid text in this terminal's "
                            f"encoding ({sys.getfilesystemencoding()}): bytes {raw!r} at "
                            f"character {e.start}")
    return ""


def _fail(message: str) -> int:
    print(f"s400tracker: {message}", file=sys.stderr)
    return EXIT_ENVIRONMENT


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _open(db: Path | None, create: bool = False):
    """The store of --db, which must exist unless `create` (import) says so; without --db the
    default store, created and seeded on first use."""
    from s400tracker.services.tracker import Tracker

    return Tracker.open(db, create=create or db is None)


def cmd_import(args) -> int:
    def show(done, total, path):
        pass  # lines are printed from the report, in order, once each file is done

    with _open(args.db, create=True) as tracker:
        report = tracker.import_paths(args.paths, progress=show)
    for line in report.lines():
        print(line)
    print(report.summary())
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_export(args) -> int:
    from s400tracker.services.export import CsvOptions
    from s400tracker.services.export_xlsx import XlsxExportError

    to_stdout = args.output in (None, "-")
    # A workbook when the format says so or the file's name ends in .xlsx (`--format long -o
    # x.xlsx` is the long workbook, not a CSV misnamed); the kind is matrix unless long is named.
    xlsx = (args.format or "").startswith("xlsx-") or (
        not to_stdout and args.output.lower().endswith(".xlsx"))
    kind = "long" if args.format in ("long", "xlsx-long") else "matrix"
    if xlsx and to_stdout:
        return _fail("an XLSX workbook is written to a file: name one with -o FILE.xlsx")
    # A BOM shown on a terminal is noise; in a file or a pipe it helps Excel.
    bom = not args.no_bom and not (to_stdout and sys.stdout.isatty())
    options = CsvOptions(bom=bom, escape_formulas=not args.no_escape_formulas,
                         include_untracked=args.include_untracked,
                         include_hidden=args.include_hidden)
    dest = "-" if to_stdout else Path(args.output)
    with _open(args.db) as tracker:
        write = getattr(tracker, f"export_{kind}{'_xlsx' if xlsx else ''}")
        try:
            write(dest, options=options)
        except XlsxExportError as e:   # too many rows for a sheet: said before anything is written
            return _fail(str(e))
    return EXIT_OK


def cmd_extract(args) -> int:
    from s400tracker.services.preview import Preview

    preview = Preview()
    actor_json = {a.key: encode_string(a.name) for a in preview.actors}
    status = EXIT_OK
    out = _utf8_stdout()
    for article in preview.articles(args.paths, args.published):
        if article.error is not None:
            print(f"s400tracker: {article.name}: {article.error}", file=sys.stderr)
            status = EXIT_FAILED
        elif article.statements:
            where = encode_string(str(article.path)) + (f', "article": {article.number:d}' if article.number else "")
            out.write(_json_lines(where, article.statements, actor_json))
    out.flush()
    return status


def _json_lines(file_json: str, found, actor_json: dict[str, str]) -> str:
    """The statements as lines of JSON, as json.dumps writes them. Formatted here: a dict and the
    general encoder for each line cost a twentieth of the whole extraction, and the values that
    repeat (speakers, kinds, days) are encoded once."""
    strings, days = _JSON_STRINGS, _JSON_DAYS
    if len(strings) > 50_000:
        strings.clear()   # speakers of a huge folder: a bound, not a leak
    return "".join([
        f'{{"file": {file_json}, "start": {start:d}, "end": {end:d}, "quote": {encode_string(quote)}, '
        f'"kind": {strings[kind]}, "speaker": {strings[speaker]}, "speaker_resolved": {strings[resolved]}, '
        f'"speaker_start": {"null" if speaker_start is None else int(speaker_start)}, '
        f'"speaker_end": {"null" if speaker_end is None else int(speaker_end)}, '
        f'"actor": {actor_json.get(actor, "null") if actor else "null"}, '
        f'"date": {days[date]}, "date_basis": {strings[date_basis]}}}\n'
        for start, end, quote, kind, speaker, resolved, speaker_start, speaker_end, actor, date, date_basis
        in map(_printed_fields(type(found[0])), found)
    ])


_PRINTED = ("start", "end", "quote", "kind", "speaker", "speaker_resolved", "speaker_start", "speaker_end", "actor",
            "date", "date_basis")


@functools.cache
def _printed_fields(found_type) -> operator.itemgetter:
    """A statement -> the values a line prints, in _PRINTED's order, read by field name."""
    return operator.itemgetter(*(found_type._fields.index(name) for name in _PRINTED))


class _Memo(dict):
    """value -> its JSON text, computed on first use."""

    def __init__(self, encode) -> None:
        super().__init__()
        self._encode = encode

    def __missing__(self, value):
        text = self[value] = "null" if value is None else self._encode(value)
        return text


_JSON_STRINGS = _Memo(encode_string)
_JSON_DAYS = _Memo(lambda day: f'"{day.isoformat()}"')


def _utf8_stdout():
    # JSON lines are UTF-8 whatever the console's code page says.
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    return sys.stdout


def cmd_gui(args) -> int:
    from s400tracker import paths

    problem = _display_problem()
    if problem:
        print(f"s400tracker: cannot open the desktop app: {problem}", file=sys.stderr)
        return EXIT_NO_GUI
    try:
        from s400tracker.gui import app
    except ModuleNotFoundError as e:
        if (e.name or "").startswith("s400tracker.gui"):
            print("s400tracker: the desktop app is not part of this version yet; "
                  "`s400tracker export` prints the matrix", file=sys.stderr)
        else:
            print(f"s400tracker: cannot open the desktop app: {e}", file=sys.stderr)
        return EXIT_NO_GUI
    except ImportError as e:  # Qt's shared libraries (libEGL, libxkbcommon …) missing
        print(f"s400tracker: cannot open the desktop app, Qt failed to load: {e}", file=sys.stderr)
        return EXIT_NO_GUI
    if args.db is None and not os.environ.get("S400TRACKER_DB"):
        # No store named: the app reopens the one used last (else the default, seeded store).
        return int(app.run(None) or 0)
    # Create the store before the window opens, so its errors are reported here, on one line.
    _open(args.db).close()
    return int(app.run(str(args.db if args.db is not None else paths.default_store())) or 0)


def _display_problem() -> str:
    # Without a display Qt aborts the whole process; say why instead.
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return ""
    return "no display (DISPLAY is not set); run it in a desktop session, or under xvfb-run"
