"""Article files on disk: which files, how they decode, what the metadata sidecar says of them.

Shared by import (which stores articles) and the CLI's extract (which only prints). Anything can
arrive here (a PDF renamed .txt, a saved web page, a 2 GB log): every file either gives text or an
ArticleError whose message is the one-line reason the import report shows.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from s400tracker.formats.html_text import html_to_text, looks_like_html
from s400tracker.formats.model import Refusal
from s400tracker.formats.plain import decode_text

SIDECAR = "articles.csv"
SIDECAR_COLUMNS = ("file", "outlet", "title", "published", "url")
# A news article is a few kilobytes; 10 MB is thousands of pages, more likely a log or a dump
# than an article, and would take the extractor minutes. Refused with this limit named.
MAX_BYTES = 10 * 1024 * 1024
SIDECAR_MAX_BYTES = 256 * 1024 * 1024   # a row per article of the largest folders
class ArticleError(Exception):
    """This file cannot be read as an article; the message says why in one line."""


@dataclass(frozen=True)
class SidecarEntry:
    outlet: str = ""
    title: str = ""
    published: dt.date | None = None
    url: str = ""


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    title: str
    outlet: str
    url: str
    published: dt.date | None
    date_basis: str  # where `published` comes from: sidecar, header or undated


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the .txt files under named folders, sorted; no duplicates.

    Paths that do not exist, and folders without any .txt file, are kept so the caller can
    report them (read_article gives the reason).
    """
    out: dict[Path, None] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = _txt_files(path)
            for p in found:
                out.setdefault(p, None)
            if not found:
                out.setdefault(path, None)
        else:
            out.setdefault(path, None)
    return list(out)


def _txt_files(folder: Path) -> list[Path]:
    """The .txt files (or links to files) under folder, sorted as paths sort, part by part.
    Folders reached through a link are not entered. One scandir per folder, with the kind of
    each entry from the listing itself: a glob with a stat of each file took 17 µs a file on the
    bench's 20,000, a third of what reading one takes; this takes 7."""
    found: list[tuple[list[str], str]] = []
    pending = [(str(folder), [])]
    while pending:
        where, parts = pending.pop()
        try:
            listing = os.scandir(where)
        except OSError:
            continue
        with listing:
            for entry in listing:
                name = entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((entry.path, parts + [name]))
                    elif name[-4:].lower() == ".txt" and len(name) > 4 and entry.is_file():   # ".txt" alone is a hidden name
                        found.append((parts + [name], entry.path))
                except OSError:
                    continue
    found.sort()
    return [Path(path) for _, path in found]


# How many files ahead of the one being read the disk is asked to fetch. An archive folder is
# seldom all in memory: extracting 5,000 bench articles after the system had dropped its file
# cache took a fifth longer, waiting on the disk one file at a time.
READ_AHEAD = 64


def read_ahead(paths: list[Path], window: int = READ_AHEAD) -> Iterator[Path]:
    """The paths in order; as each is given, the system starts fetching the one `window` later,
    so that it is in memory when its turn comes. A hint only, where the system takes one."""
    if not hasattr(os, "posix_fadvise"):
        yield from paths
        return
    for path in paths[:window]:
        _will_need(path)
    for i, path in enumerate(paths):
        if i + window < len(paths):
            _will_need(paths[i + window])
        yield path


def _will_need(path: Path) -> None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return   # a pipe or a device is never opened (read_article refuses it)
        # Non-blocking: should it have become a pipe since, opening it cannot wait.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return   # read_article will say what is wrong with it
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_sidecar(path: Path) -> bool:
    return path.name.lower() == SIDECAR


def decode(data: bytes) -> str:
    """The text of an article file's bytes, as formats/plain.py decodes them; ArticleError says
    why when they are no text."""
    try:
        return decode_text(data)
    except Refusal as e:
        raise ArticleError(str(e)) from None


def read_sidecar(folder: Path) -> dict[str, SidecarEntry]:
    """The folder's articles.csv by file name; empty when there is none or it is unreadable."""
    path = folder / SIDECAR
    try:
        text = decode(_read(path, SIDECAR_MAX_BYTES))
    except (OSError, ArticleError):
        return {}
    entries = {}
    for row in csv.DictReader(text.splitlines()):
        name = (row.get("file") or "").strip()
        if name:
            entries[name] = SidecarEntry(
                outlet=(row.get("outlet") or "").strip(),
                title=(row.get("title") or "").strip(),
                published=parse_published(row.get("published")),
                url=(row.get("url") or "").strip(),
            )
    return entries


def parse_published(value: str | None) -> dt.date | None:
    """The sidecar's publication date as spreadsheets and news exports write it.

    ISO ('2020-12-15', '2020-12-15T09:30:00Z'), 'Dec 15, 2020', '15 December 2020', '15.12.2020',
    '12/15/2020'. A slashed date whose day and month could be swapped ('03/04/2021') is left out
    rather than guessed; the article's own header then dates it.
    """
    text = (value or "").strip()
    if not text:
        return None
    if _ISO_DAY.match(text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None
    if not _YEAR.search(text):
        return None   # "Tuesday", "15 Dec": no year, no day we could vouch for
    numbers = [int(n) for n in _NUMBER.findall(text)]
    dotted = _DOTTED.match(text) is not None
    if (not dotted and not _MONTH_WORD.search(text) and len(numbers) >= 3 and numbers[0] <= 12
            and numbers[1] <= 12 and numbers[0] != numbers[1]):
        return None
    from dateutil import parser as date_parser   # only here: sidecars are read once per folder

    try:
        return date_parser.parse(text, dayfirst=dotted or _DAY_FIRST.match(text) is not None).date()
    except (ValueError, OverflowError):
        return None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")
_YEAR = re.compile(r"\b\d{4}\b")
_NUMBER = re.compile(r"\d+")
_MONTH_WORD = re.compile(r"[A-Za-z]{3}")
# "15.12.2020" is day first wherever dots are written; "15/12/2020" tells by its first number.
_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}\b")
_DAY_FIRST = re.compile(r"(?:1[3-9]|2\d|3[01])/")


def read_article(path: Path, sidecar: dict[str, SidecarEntry]) -> Article:
    """Read and describe one article; raises ArticleError with a one-line reason."""
    data = _read(path)
    text = decode(data)
    html_title = ""
    if path.suffix.lower() in (".html", ".htm") or looks_like_html(text):
        text, html_title = html_to_text(text)
    if not text.strip():
        raise ArticleError("empty file" if not html_title and not data.strip() else "no text")
    entry = sidecar.get(path.name, SidecarEntry())
    # The sidecar's date and title win over the article's own: then its header is not read.
    header = _header(text) if entry.published is None or not entry.title else None
    if entry.published is not None:
        published, basis = entry.published, "sidecar"
    elif header is not None and header.published is not None:
        published, basis = header.published, "header"
    else:
        # Never today's date: an undated article says so, and its statements stay undated.
        published, basis = None, "undated"
    title = (entry.title or html_title or (header.title if header is not None else "")
             or path.stem)
    return Article(path, text, title, entry.outlet, entry.url, published, basis)


def _read(path: Path, limit: int = MAX_BYTES) -> bytes:
    # The kind and size from one stat, then one open and one read. Only a regular file is
    # opened: opening a named pipe waits for a writer (forever, named by mistake), and a
    # device may never end. A file that gives no size (/proc) is read up to the limit only. (A
    # read of "limit + 1" bytes from every file would allocate ten megabytes per article.)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise ArticleError("a folder with no .txt articles in it")
        if not stat.S_ISREG(st.st_mode):
            raise ArticleError(f"not a regular file ({_kind(st.st_mode)}); not read")
        size = st.st_size
        # Non-blocking: should it have become a pipe since the stat, the read cannot hang.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            data = f.read(size + 1) if 0 < size <= limit else f.read(limit + 1)
            if len(data) > limit:
                size = max(size, len(data))
                raise ArticleError(
                    f"too large for an article ({size / 1024 / 1024:.1f} MB; "
                    f"the limit is {limit // 1024 // 1024} MB)"
                )
        return data
    except IsADirectoryError as e:
        raise ArticleError("a folder with no .txt articles in it") from e
    except FileNotFoundError as e:
        raise ArticleError("no such file") from e
    except PermissionError as e:
        raise ArticleError("cannot read: permission denied") from e
    except OSError as e:
        raise ArticleError(f"cannot read: {e.strerror or e}") from e


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _header(text: str):
    from s400tracker.extract.article import read_header

    try:
        return read_header(text)
    except Exception:  # noqa: BLE001 - a header we cannot read is no reason to refuse the article
        return None
