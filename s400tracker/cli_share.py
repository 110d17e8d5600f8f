"""The sharing commands of the CLI: annotate, annotations export/import, report.

Kept apart from cli.py (which registers them) so each file stays about one thing; thin wrappers
over services, like every command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from s400tracker.core.ids import parse_statement_id
from s400tracker.core.model import STANCES
from s400tracker.core.text import counted

EXIT_OK, EXIT_ERROR = 0, 2


def add_parsers(sub, db_help: str, iso_date) -> None:
    p = sub.add_parser("annotate", help="set the note, tags or stance of one statement")
    p.add_argument("--db", type=Path, help=db_help)
    p.add_argument("--statement", required=True, metavar="ID", type=parse_statement_id,
                   help="the statement_id column of `export --format long` (CSV or XLSX)")
    p.add_argument("--note", help="the note (replaces the one there; '' clears it)")
    p.add_argument("--tag", action="append", metavar="TAG",
                   help="a tag; repeat for several (replaces the tags there)")
    p.add_argument("--stance", choices=[*STANCES, "none"],
                   help="the stance code ('none' clears it)")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("annotations", help="export or import an annotation bundle (JSON)")
    inner = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = inner.add_parser("export", help="write every annotation and correction to a bundle")
    e.add_argument("--db", type=Path, help=db_help)
    e.add_argument("-o", "--output", required=True, type=Path, metavar="BUNDLE.json")
    e.set_defaults(func=cmd_bundle_export)
    i = inner.add_parser("import", help="merge another analyst's bundle into the store")
    i.add_argument("bundle", type=Path, metavar="BUNDLE.json")
    i.add_argument("--db", type=Path, help=db_help)
    i.set_defaults(func=cmd_bundle_import)
    c = inner.add_parser("conflicts", help="list the unresolved conflicts, one line each")
    c.add_argument("--db", type=Path, help=db_help)
    c.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("report", help="write the briefing: one self-contained HTML file")
    p.add_argument("--db", type=Path, help=db_help)
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.html")
    add_filter_arguments(p, iso_date)
    p.set_defaults(func=cmd_report)


def add_filter_arguments(p: argparse.ArgumentParser, iso_date) -> None:
    """The filters of the app's filter bar, as options (each repeatable where it is a list)."""
    p.add_argument("--actor", action="append", default=[], metavar="ACTOR",
                   help="an actor's key or name (repeat for several)")
    p.add_argument("--group", action="append", default=[], metavar="GROUP",
                   help="an actor group, e.g. Turkey (repeat for several)")
    p.add_argument("--from", dest="start", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--search", default="", metavar="WORDS", help="words in quotes or notes")
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("--stance", action="append", default=[], choices=list(STANCES))
    p.add_argument("--annotated", action="store_true", help="annotated statements only")


def statement_filter(args, tracker):
    """The StatementFilter the options describe; ValueError names an unknown actor or group."""
    from s400tracker.core.query import StatementFilter

    actors = tracker.actors()
    keys = []
    for wanted in args.actor:
        match = [a.key for a in actors
                 if wanted.casefold() in (a.key.casefold(), a.name.casefold())]
        if not match:
            raise ValueError(f"no actor {wanted!r}; known: {', '.join(a.key for a in actors)}")
        keys.extend(match)
    groups = {a.group for a in actors}
    for g in args.group:
        if g not in groups:
            raise ValueError(f"no group {g!r}; known: {', '.join(sorted(groups))}")
    if args.start and args.end and args.start > args.end:
        raise ValueError("--from is after --to")
    return StatementFilter(actors=tuple(keys), groups=tuple(args.group), start=args.start,
                           end=args.end, text=args.search, tags=tuple(args.tag),
                           stances=tuple(args.stance), annotated_only=args.annotated)


def _fail(message: str) -> int:
    print(f"s400tracker: {message}", file=sys.stderr)
    return EXIT_ERROR


def _open(db):
    from s400tracker.cli import _open as open_store

    return open_store(db)


def cmd_annotate(args) -> int:
    from s400tracker.store import NotFoundError

    with _open(args.db) as t:
        try:
            current = t.statement(args.statement)
        except NotFoundError:
            return _fail(f"no statement {args.statement!r} in {t.path} "
                         "(ids are the statement_id column of `export --format long`)")
        a = current.annotation
        note = args.note if args.note is not None else (a.note if a else "")
        tags = args.tag if args.tag is not None else (a.tags if a else ())
        stance = (a.stance if a else None) if args.stance is None else (
            None if args.stance == "none" else args.stance)
        saved = t.annotate(args.statement, note=note, tags=tags, stance=stance)
    if saved is None:
        print(f"{args.statement}: annotation removed")
    else:
        print(f"{args.statement}: stance {saved.stance or '-'}; tags {', '.join(saved.tags) or '-'};"
              f" note {saved.note!r}")
    return EXIT_OK


def cmd_bundle_export(args) -> int:
    with _open(args.db) as t:
        n = t.export_bundle(args.output)
    print(f"{counted(n, 'statement')} written to {args.output}")
    return EXIT_OK


def cmd_bundle_import(args) -> int:
    from s400tracker.services.bundles import BundleError

    with _open(args.db) as t:
        try:
            report = t.import_bundle(args.bundle)
        except BundleError as e:
            return _fail(str(e))
    for line in report.lines():
        print(line)
    return EXIT_OK


def cmd_report(args) -> int:
    with _open(args.db) as t:
        try:
            f = statement_filter(args, t)
        except ValueError as e:
            return _fail(str(e))
        n = t.write_report(args.output, f)
    print(f"briefing with {counted(n, 'statement')} written to {args.output}")
    return EXIT_OK


def cmd_conflicts(args) -> int:
    """One line per unresolved conflict: statement id, actor, date, ours and theirs shortened."""
    with _open(args.db) as t:
        names = {a.key: a.name for a in t.actors()}
        found = t.conflicts()
        for c in found:
            s = t.statement(c.statement_id)
            a = s.annotation
            mine = _version(a.note, a.tags, a.stance) if a else "(none)"
            print(f"{c.statement_id}\t{names.get(s.actor, s.actor or '-')}\t"
                  f"{s.date.isoformat() if s.date else 'undated'}\t"
                  f"mine: {mine}\ttheirs ({c.author or 'anonymous'}): "
                  f"{_version(c.content.note, c.content.tags, c.content.stance)}")
    if not found:
        print("no unresolved conflicts", file=sys.stderr)
    return EXIT_OK


def _version(note: str, tags, stance: str | None, width: int = 40) -> str:
    """An annotation in a few words: stance, tags, the note's start."""
    note = " ".join(note.split())
    if len(note) > width:
        note = note[:width - 1] + "…"
    return f"[{stance or '-'}] [{', '.join(tags) or '-'}] {note!r}"
