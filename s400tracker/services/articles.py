"""Article files on disk: which files, how they decode, what the metadata sidecar says of them.

Shared by import (which stores articles) and the CLI's extract (which only prints).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

SIDECAR = "articles.csv"
SIDECAR_COLUMNS = ("file", "outlet", "title", "published", "url")


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

    Paths that do not exist are kept so the caller can report them.
    """
    out: dict[Path, None] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() == ".txt" and p.is_file())
            for p in sorted(found):
                out.setdefault(p, None)
        else:
            out.setdefault(path, None)
    return list(out)


def is_sidecar(path: Path) -> bool:
    return path.name.lower() == SIDECAR


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else cp1252; the BOM is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16")
    if b"\x00" in data:
        raise ArticleError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(data, "cp1252")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ArticleError(f"not valid {encoding} text (byte {e.start})") from e


def read_sidecar(folder: Path) -> dict[str, SidecarEntry]:
    """The folder's articles.csv by file name; empty when there is none or it is unreadable."""
    path = folder / SIDECAR
    try:
        text = decode(path.read_bytes())
    except (OSError, ArticleError):
        return {}
    entries = {}
    for row in csv.DictReader(text.splitlines()):
        name = (row.get("file") or "").strip()
        if name:
            entries[name] = SidecarEntry(
                outlet=(row.get("outlet") or "").strip(),
                title=(row.get("title") or "").strip(),
                published=_parse_date(row.get("published")),
                url=(row.get("url") or "").strip(),
            )
    return entries


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None  # a missing or malformed date: fall back to the article's own header


def read_article(path: Path, sidecar: dict[str, SidecarEntry]) -> Article:
    """Read and describe one article; raises ArticleError with a one-line reason."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise ArticleError("no such file") from e
    except IsADirectoryError as e:
        raise ArticleError("is a folder") from e
    except OSError as e:
        raise ArticleError(f"cannot read: {e.strerror or e}") from e
    text = decode(data)
    if not text.strip():
        raise ArticleError("empty file")
    entry = sidecar.get(path.name, SidecarEntry())
    header = _header(text)
    if entry.published is not None:
        published, basis = entry.published, "sidecar"
    elif header is not None and header.published is not None:
        published, basis = header.published, "header"
    else:
        # Never today's date: an undated article says so, and its statements stay undated.
        published, basis = None, "undated"
    title = entry.title or (header.title if header is not None else "") or path.stem
    return Article(path, text, title, entry.outlet, entry.url, published, basis)


def _header(text: str):
    from s400tracker.extract.article import read_header

    try:
        return read_header(text)
    except Exception:  # noqa: BLE001 - a header we cannot read is no reason to refuse the article
        return None
