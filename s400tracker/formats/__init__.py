"""Articles from the files analysts have: one entry point, `read_articles(path, data)`.

It reads what the bytes are, not what the name says (sniff.py), and gives every article the file
holds — one for a page, a Word file or an e-mail; one per item for a feed; one per article for a
Nexis Uni or Factiva export — or raises Refusal with the one-line reason. No Qt, no SQL, no
network: each reader imports its library when a file needs it, so reading a .txt loads none.

| Files | Reader | What each article gets |
|---|---|---|
| .txt (and anything that is text) | plain.py (UTF-8, UTF-16 by its BOM, else Windows-1252) | text as decoded; title and date from its top lines |
| .html .htm, a .doc that is a web page | html.py (trafilatura, htmldate) | main text only; title, outlet, address, date from meta tags and `<time>` |
| .mhtml .mht | mime.py → html.py | as a page |
| .eml | mime.py | the article, no headers, signature or footer; Subject as title; Date as last resort |
| .docx .odt | office.py (zipfile, ElementTree) | paragraphs |
| .pdf | pdf.py (pypdf) | text layer, lines joined into paragraphs |
| .rtf | rtf.py (striprtf) | paragraphs, in the file's code page |
| .xml .rss .atom feeds | feeds.py (ElementTree) | one per item: its title, link, date |
| Nexis Uni, Factiva exports (any of the above) | exports.py | one per article: title, outlet, date, byline |

**Metadata precedence** (the publication date, and the title and outlet where they apply):

1. the folder's sidecar (articles.csv) — applied by the caller, which has the folder; this
   package never reads it;
2. the file's own metadata (`published_basis` 'metadata'): a page's meta tags and `<time>`, an
   export's header lines, a feed item's date;
3. a date line or 'date YYYY-MM-DD' marker at the top of the text ('header'), as for .txt today;
4. the dateline opening the story ('dateline': 'OSLO, March 15, 2021 (Reuters) -',
   '17 December 2020'; a dateline without a year dates nothing unless an earlier source gave one);
5. an e-mail's Date header ('metadata' too, but after the text's own dates: a mail is sent after
   the news it carries);
6. otherwise undated — never today's date.

The title falls back to the text's first line, then to the file name.

**Datelines**: every article reports its opening dateline (`SourceArticle.dateline`: the span
in `text`, the place, the day when known). Its words are no speaker and no quotation: the
extractor is to skip that span.

**Identity**: a single-article file is known by its bytes' sha256 (`identity == file_sha256`);
each article of a feed or multi-article export by sha256('<file sha256>\\n<article text>')
(model.identity_of), so re-importing the export finds each article again and no two articles of
one file collide. Statement offsets index `text` exactly.

**Dependencies** (pure Python or binary wheels from PyPI; none downloads anything at run time):
trafilatura finds a saved page's article among its menus, banners, related links, comments and
footers far better than rules of ours could, and through htmldate reads the page's publication
date from its meta tags, JSON-LD and `<time>`; it brings lxml (wheels) and lxml_html_clean
(split off lxml, needed by its justext fallback). pypdf reads a PDF's text layer and tells an
encrypted one, in pure Python. striprtf turns RTF into text with its code page and Unicode
escapes. Word and OpenDocument files are zip archives of XML, read with the standard library
(zipfile, ElementTree), as are feeds (ElementTree) and e-mail and .mhtml (email).
"""

from __future__ import annotations

from pathlib import Path

from s400tracker.formats.model import (DATELINE, HEADER, METADATA, UNDATED, Dateline, Draft,
                                       Refusal, SourceArticle, identity_of, sha256_hex)
from s400tracker.formats.sniff import SUFFIXES, sniff

__all__ = ["read_articles", "SourceArticle", "Refusal", "Dateline", "SUFFIXES",
           "METADATA", "HEADER", "DATELINE", "UNDATED"]

_MULTI = ("rss", "atom", "nexis", "factiva")
_WHAT = {"html": "web page", "mime": "e-mail or web archive", "docx": "Word document",
         "odt": "OpenDocument text", "pdf": "PDF", "rtf": "RTF document", "feed": "feed",
         "text": "text file"}


def read_articles(path: Path, data: bytes, *, dated_and_titled: bool = False) -> list[SourceArticle]:
    """The articles in the file `path` whose bytes are `data`; Refusal when there are none.
    The caller reads the file (and its size limit) and applies the sidecar. `dated_and_titled`:
    the caller has the date and title already (the sidecar's), so the text's top lines are not
    read for them (its dateline still is: the extractor is to skip it)."""
    if not isinstance(path, Path):
        path = Path(path)
    suffix = path.suffix.lower()
    reader, note = sniff(suffix, data)
    try:
        drafts = _READERS[reader](data, suffix)
    except Refusal:
        raise
    except Exception as e:  # noqa: BLE001 - any failure of a library on a bad file is one line
        detail = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
        raise Refusal(f"an unreadable {_WHAT[reader]} ({detail})") from e
    drafts = [d for d in drafts if d.text and not d.text.isspace()]
    if not drafts:
        raise Refusal("no text")
    file_sha = sha256_hex(data)
    multi = len(drafts) > 1 or drafts[0].kind in _MULTI
    return [_finish(d, path, file_sha, multi, note, dated_and_titled) for d in drafts]


def _finish(d: Draft, path: Path, file_sha: str, multi: bool, note: str,
            dated_and_titled: bool) -> SourceArticle:
    read_header, find_dateline, _ = _text_readers()
    published, basis = (d.published, d.published_basis) if not d.date_last else (None, UNDATED)
    header = read_header(d.text) if (published is None or not d.title) and not dated_and_titled \
        else None
    if published is None and header is not None and header.published is not None:
        published, basis = header.published, HEADER
    dateline = find_dateline(d.text, before=published or (d.published if d.date_last else None))
    if published is None and dateline is not None and dateline.date is not None:
        published, basis = dateline.date, DATELINE
    if published is None and d.date_last and d.published is not None:
        published, basis = d.published, d.published_basis
    if published is None:
        basis = UNDATED
    title = d.title or (header.title if header is not None else "") or path.stem
    return SourceArticle(
        text=d.text, title=title, outlet=d.outlet, published=published, published_basis=basis,
        url=d.url, byline=d.byline, identity=identity_of(file_sha, d.text, multi),
        file_sha256=file_sha, kind=d.kind, dateline=dateline, note=note)


_TEXT_MODULES: tuple = ()


def _text_readers():
    """(read_header, find_dateline, decode), their modules imported once on first use, not with
    the package: the extractor's modules and the text decoding load when an article is read,
    and then only once (an import statement per article costs as much as the sniffing). The
    functions are looked up in their modules at each call, so that what replaces one there
    (a test's stand-in) is what runs."""
    global _TEXT_MODULES
    if not _TEXT_MODULES:
        from s400tracker.core import article_head as article
        from s400tracker.formats import dates, plain

        _TEXT_MODULES = (article, dates, plain)
    article, dates, plain = _TEXT_MODULES
    return article.read_header, dates.find_dateline, plain.decode


def _text(data: bytes, suffix: str) -> list[Draft]:
    return [Draft(text=_text_readers()[2](data), kind="text")]


def _html(data: bytes, suffix: str) -> list[Draft]:
    from s400tracker.formats.html import decode_html, read_html

    return read_html(decode_html(data))


def _mime(data: bytes, suffix: str) -> list[Draft]:
    from s400tracker.formats.mime import read_mime

    return read_mime(data, suffix)


def _feed(data: bytes, suffix: str) -> list[Draft]:
    from s400tracker.formats.feeds import read_feed

    return read_feed(data)


def _docx(data: bytes, suffix: str) -> list[Draft]:
    from s400tracker.formats.office import docx_paragraphs

    return _document(docx_paragraphs(data), "docx", reflowed=False)


def _odt(data: bytes, suffix: str) -> list[Draft]:
    from s400tracker.formats.office import odt_paragraphs

    return _document(odt_paragraphs(data), "odt", reflowed=False)


def _pdf(data: bytes, suffix: str) -> list[Draft]:
    from s400tracker.formats.pdf import pdf_lines

    return _document(pdf_lines(data), "pdf", reflowed=True)


def _rtf(data: bytes, suffix: str) -> list[Draft]:
    from s400tracker.formats.rtf import rtf_lines

    return _document(rtf_lines(data), "rtf", reflowed=False)


def _document(lines: list[str], kind: str, *, reflowed: bool) -> list[Draft]:
    """A document's articles: those of an export it holds, else the document as one."""
    from s400tracker.formats.exports import split_export
    from s400tracker.formats.layout import reflow

    exported = split_export(lines, reflow if reflowed else None)
    if exported:
        return exported
    if reflowed:
        paragraphs = reflow(lines)
    else:
        paragraphs = [line.strip() for line in lines if line.strip()]
    return [Draft(text="\n\n".join(paragraphs) + "\n" if paragraphs else "", kind=kind)]


_READERS = {"text": _text, "html": _html, "mime": _mime, "feed": _feed, "docx": _docx,
            "odt": _odt, "pdf": _pdf, "rtf": _rtf}
