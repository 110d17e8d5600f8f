"""Article files on disk: which files, what articles they hold, what the metadata sidecar says.

Shared by import (which stores articles) and the CLI's extract (which only prints). Anything can
arrive here (a PDF, a saved web page, a Nexis export of 200 articles, a photo, a 2 GB log): every
file gives its articles (s400tracker.formats reads each format) or an ArticleError whose message
is the one-line reason the import report shows.

Metadata precedence, for each article: the folder's sidecar (articles.csv, by file name; only for
a file holding one article: the rows of an export's 200 articles could not be told apart), then
the file's own metadata (a page's meta tags, an export's header lines, a feed item's date), then
the date at the top of the text, then the dateline opening the story; else undated.
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

from s400tracker.formats import SUFFIXES, Dateline, Refusal, read_articles as _read_source
from s400tracker.formats.dates import blank_dateline
from s400tracker.formats.plain import decode

__all__ = ["Article", "ArticleError", "SidecarEntry", "collect", "decode", "read_articles",
           "read_article", "read_sidecar", "read_ahead", "is_sidecar", "parse_published"]

SIDECAR = "articles.csv"
SIDECAR_COLUMNS = ("file", "outlet", "title", "published", "url")
# A news article is a few kilobytes; 10 MB of text is thousands of pages, more likely a log or a
# dump than an article, and would take the extractor minutes. Refused with this limit named.
MAX_BYTES = 10 * 1024 * 1024
# A PDF, Word or RTF export of a few hundred articles, with its fonts and pictures, may weigh far
# more than its text: such files may be this large, each article in them held to MAX_BYTES.
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
SIDECAR_MAX_BYTES = 256 * 1024 * 1024   # a row per article of the largest folders
# Files a folder walk passes over without a word, besides the sidecar: hidden files (and the
# '._' copies macOS leaves on shared drives), Word's lock files ('~$…'), the thumbnails and
# settings Windows leaves in folders.
_SYSTEM_FILES = {"thumbs.db", "desktop.ini", "ehthumbs.db"}
_SUFFIXES = frozenset(SUFFIXES)

# One exception for "this file gives no article": the readers' Refusal, under the name the
# services have always used.
ArticleError = Refusal


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
    date_basis: str  # where `published` comes from: sidecar, metadata, header, dateline, undated
    number: int = 0                 # its place in a file of several articles (1, 2 …); else 0
    dateline: Dateline | None = None
    note: str = ""                  # how the file was read when its name says otherwise
    refused: str = ""               # why this article of an export is not imported (too large)

    @property
    def name(self) -> str:
        """How reports and the store name it: the file, and '#3' for the third of an export."""
        return f"{self.path} #{self.number}" if self.number else str(self.path)

    @property
    def label(self) -> str:
        """What follows the file's name in a report line: '#3 "Title"' for an export's article."""
        return f'#{self.number} "{self.title}"' if self.number else ""

    def extraction_text(self) -> str:
        """The text the extractor reads: the stored text with its dateline blanked (offsets kept)."""
        return blank_dateline(self.text, self.dateline)


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and every file under named folders, sorted; no duplicates.

    Paths that do not exist, and folders without any file, are kept so the caller can report
    them (read_articles gives the reason). A folder's files of no article type are kept too:
    read_articles reports each on one line (see walked_file_problem).
    """
    out: dict[Path, None] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = _folder_files(path)
            for p in found:
                out.setdefault(p, None)
            if not found:
                out.setdefault(path, None)
        else:
            out.setdefault(path, None)
    return list(out)


def _folder_files(folder: Path) -> list[Path]:
    """The files (or links to files) under folder, sorted as paths sort, part by part, without
    hidden and system files. Folders reached through a link are not entered. One scandir per
    folder, with the kind of each entry from the listing itself: a glob with a stat of each
    file took 17 µs a file on the bench's 20,000, a third of what reading one takes; this
    takes 7."""
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
                if name[:1] == "." or name[:2] == "~$" or name.lower() in _SYSTEM_FILES \
                        or name.lower() == SIDECAR:
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((entry.path, parts + [name]))
                    elif entry.is_file():
                        found.append((parts + [name], entry.path))
                except OSError:
                    continue
    found.sort()
    return [Path(path) for _, path in found]


def without_store_files(files: list[Path], store_path: str, named: list) -> list[Path]:
    """The files but the store's own, met in a folder walk (a store kept beside its articles:
    the database, its journal, its lock and backups are no articles to report)."""
    if not store_path or store_path == ":memory:":
        return files
    own = Path(os.path.abspath(store_path))
    named_set = {Path(p) for p in named}
    return [f for f in files if f in named_set or not (
        f.name.startswith(own.name) and Path(os.path.abspath(f)).parent == own.parent)]


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


def read_articles(path: Path, sidecar: dict[str, SidecarEntry], *,
                  walked: bool = False) -> list[Article]:
    """The articles of one file, with the sidecar applied; raises ArticleError with a one-line
    reason. `walked`: the file was found in a folder, not named: then only article types are
    read, and any other file is refused (with what it is, when its first bytes tell)."""
    suffix = os.path.splitext(path.name)[1].lower()
    if walked and suffix not in _SUFFIXES:
        raise ArticleError(walked_file_problem(path, suffix))
    limit = MAX_BYTES if suffix in ("", ".txt") else MAX_DOCUMENT_BYTES
    entry = sidecar.get(path.name, _NO_ENTRY) if sidecar else _NO_ENTRY
    data = _read(path, limit)
    sources = _read_source(path, data,
                           dated_and_titled=entry.published is not None and bool(entry.title))
    several = sources[0].identity != sources[0].file_sha256   # an export's or a feed's articles
    if several and entry is not _NO_ENTRY:
        # A row of the sidecar cannot tell an export's articles apart; each keeps its own.
        entry = _NO_ENTRY
        sources = _read_source(path, data)
    out = []
    for number, source in enumerate(sources, start=1):
        if entry.published is not None:
            published, basis = entry.published, "sidecar"
        else:
            # Never today's date: an undated article says so, and its statements stay undated.
            published, basis = source.published, source.published_basis
        out.append(Article(
            path, source.text, entry.title or source.title, entry.outlet or source.outlet,
            entry.url or source.url, published, basis, number if several else 0,
            source.dateline, source.note, _too_large(source.text) if source.kind != "text" else ""))
    return out


_NO_ENTRY = SidecarEntry()


def stored_extraction_text(text: str) -> str:
    """The text the extractor reads for an article stored earlier: its dateline found again
    (the same span the reader found: it depends on the text only) and blanked."""
    from s400tracker.formats.dates import find_dateline

    return blank_dateline(text, find_dateline(text))


def read_article(path: Path, sidecar: dict[str, SidecarEntry]) -> Article:
    """The first article of a file (the only one of a .txt article); see read_articles."""
    return read_articles(path, sidecar)[0]


def walked_file_problem(path: Path, suffix: str) -> str:
    """Why a file met in a folder walk is not read: what its first bytes say it is, else that
    its type is no article's."""
    from s400tracker.formats.sniff import sniff

    try:
        # Non-blocking: should it have become a pipe since the walk, the read cannot hang.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            head = f.read(8192)
        sniff(suffix, head)
    except Refusal as e:
        if str(e) != "empty file":
            return str(e)
    except OSError:
        pass
    return (f"not an article file ({suffix or 'no suffix'}); import it by name to read it as "
            f"text")


def _too_large(text: str) -> str:
    if len(text) * 4 <= MAX_BYTES:
        return ""
    size = len(text.encode("utf-8", "surrogatepass"))
    return "" if size <= MAX_BYTES else (
        f"too large for an article ({size / 1024 / 1024:.1f} MB of text; "
        f"the limit is {MAX_BYTES // 1024 // 1024} MB)")


def _read(path: Path, limit: int = MAX_BYTES) -> bytes:
    # The kind and size from one stat, then one open and one read. Only a regular file is
    # opened: opening a named pipe waits for a writer (forever, named by mistake), and a
    # device may never end. A file that gives no size (/proc) is read up to the limit only. (A
    # read of "limit + 1" bytes from every file would allocate ten megabytes per article.)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise ArticleError("a folder with no files in it")
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
        raise ArticleError("a folder with no files in it") from e
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
