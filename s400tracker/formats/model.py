"""What a reader gives: articles with the metadata their file holds, or a one-line refusal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Where `published` comes from, best first after the sidecar (which the caller applies):
METADATA = "metadata"   # the file's own metadata: page meta tags and <time>, export header lines,
                        # a feed item's date, an e-mail's Date header
HEADER = "header"       # a date line or 'date YYYY-MM-DD' marker at the top of the text
DATELINE = "dateline"   # the news dateline opening the story ('OSLO, March 15 (Reuters) -')
UNDATED = "undated"


class Refusal(ValueError):
    """This file gives no article; the message is the one-line reason an import report shows."""


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline opening a story: its span in the article's text (the extractor must take
    none of it as a speaker or a quotation), the place it names and the day, when it has a year
    or one can be inferred."""
    start: int
    end: int
    place: str
    date: dt.date | None


@dataclass(frozen=True, slots=True)
class SourceArticle:
    text: str                 # what statement offsets index
    title: str
    outlet: str
    published: dt.date | None
    published_basis: str      # METADATA, HEADER, DATELINE or UNDATED
    url: str
    byline: str
    identity: str             # sha256 (hex) for deduplication: see identity_of
    file_sha256: str          # of the file's bytes, the same for every article of one file
    kind: str                 # 'text', 'html', 'mhtml', 'docx', 'odt', 'pdf', 'rtf', 'eml',
                              # 'rss', 'atom', 'nexis', 'factiva'
    dateline: Dateline | None = None
    note: str = ""            # how the file was read when its name says otherwise


@dataclass(slots=True)
class Draft:
    """An article as a reader finds it, before the shared finishing (identity, dateline)."""
    text: str
    title: str = ""
    outlet: str = ""
    published: dt.date | None = None
    published_basis: str = UNDATED
    url: str = ""
    byline: str = ""
    kind: str = "text"
    date_last: bool = False   # an e-mail's Date header: only when the text itself has no date


def sha256_hex(data: bytes) -> str:
    import hashlib   # here: loading OpenSSL costs the app's launch, which hashes nothing

    return hashlib.sha256(data).hexdigest()


def identity_of(file_sha256: str, text: str, multi: bool) -> str:
    """A single-article file is known by its bytes' sha256. Each article of a multi-article
    export or feed by sha256('<file sha256>\\n<article text as UTF-8>'): stable across
    re-imports of the same file, different for every article in it."""
    if not multi:
        return file_sha256
    return sha256_hex(f"{file_sha256}\n{text}".encode("utf-8"))
