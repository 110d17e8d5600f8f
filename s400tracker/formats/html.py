"""Saved web pages: the article's main text, title, outlet, date and address, offline.

trafilatura finds the main text and leaves out navigation, cookie banners, related links,
comments and footers (favor_precision: a sidebar headline that slipped in would become a false
statement, a sentence missed costs less); its metadata gives the title, the outlet (og:site_name,
the publisher of the page's JSON-LD) and the address; htmldate, through it, the publication date
from meta tags, <time> and structured data only (extensive_search off: a date merely written
somewhere in the page is no publication date). Nothing here touches the network: the page is
given as a string and no address is passed to fetch.

The page's declared charset (a BOM, <meta charset>, <meta http-equiv="Content-Type">) decides how
its bytes decode; without one, UTF-8, else Windows-1252 as browsers do.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re

from s400tracker.formats.model import METADATA, UNDATED, Draft, Refusal

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# What browsers read for the labels pages declare (the WHATWG Encoding Standard).
_BROWSER_LABELS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
                   "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874"}
_LINE = re.compile(r"[ \t\r\f\v]*\n[ \t\r\n\f\v]*")


def decode_html(data: bytes) -> str:
    """The page's text by its BOM, else its declared charset, else UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    m = _META_CHARSET.search(data[:16384])
    if m:
        label = m.group("cs").decode("ascii").lower()
        label = _BROWSER_LABELS.get(label, label)
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            codec = None
        if codec and not codec.startswith("utf-16"):   # a page read as bytes is never UTF-16
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass   # the declaration lies; decode as if it were absent
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_html(page: str, *, kind: str = "html") -> list[Draft]:
    """The page's article, or the articles of a Factiva or Nexis export saved as HTML."""
    from s400tracker.formats.exports import split_export
    from s400tracker.formats.html_text import html_to_text

    full, page_title = html_to_text(page)
    if not full.strip():
        raise Refusal("no text")
    exported = split_export(full.split("\n"))
    if exported:
        return exported
    found = _main_text(page)
    if found is None:
        raise Refusal("no article text found in the page")
    text, title, outlet, published, url, byline = found
    title = title or page_title
    first = text.split("\n", 1)[0].strip()
    if title and first != title:
        text = f"{title}\n\n{text}"   # the title leads, as in a .txt article
    return [Draft(text=text, title=title, outlet=outlet, published=published,
                  published_basis=METADATA if published else UNDATED, url=url, byline=byline,
                  kind=kind)]


def _main_text(page: str):
    import trafilatura

    doc = None
    for precise in (True, False):   # a very short page may fail the precise pass only
        doc = trafilatura.bare_extraction(
            page, url=None, favor_precision=precise, include_comments=False,
            include_tables=True, include_images=False, include_links=False, deduplicate=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        if doc is not None and (doc.text or "").strip():
            break
    if doc is None or not (doc.text or "").strip():
        return None
    paragraphs = _paragraphs(doc.body) if getattr(doc, "body", None) is not None else []
    text = ("\n\n".join(paragraphs) if paragraphs else _LINE.sub("\n\n", doc.text.strip())) + "\n"
    published = None
    if doc.date:
        try:
            published = dt.date.fromisoformat(str(doc.date)[:10])
        except ValueError:
            published = None
    return (text, (doc.title or "").strip(), (doc.sitename or "").strip(), published,
            (doc.url or "").strip(), (doc.author or "").strip())


# trafilatura's elements holding paragraphs of their own, and those holding such elements.
_CONTAINERS = {"list", "table", "quote", "div", "row"}


def _paragraphs(body) -> list[str]:
    """The main text's paragraphs from trafilatura's XML tree: each paragraph, heading, list
    item or table row one paragraph, its whitespace collapsed as a browser shows it (a page's
    source breaks lines inside a paragraph: those are no paragraph breaks), a <br> (<lb/>) a
    line break."""
    out: list[str] = []
    for element in body:
        if element.tag in _CONTAINERS and any(child.tag not in ("lb", "hi", "ref") for child in element):
            out.extend(_paragraphs(element))
            if element.tail and element.tail.strip():
                out.append(" ".join(element.tail.split()))
            continue
        lines = [" ".join(line.split()) for line in _inline(element).split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            out.append(paragraph)
        if element.tail and element.tail.strip():
            out.append(" ".join(element.tail.split()))
    return out


def _inline(element) -> str:
    """An element's text with its line breaks (<lb/>) as newlines and every other newline a
    space."""
    parts = [(element.text or "").replace("\n", " ")]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "cell":
            parts.append(" " + _inline(child) + " ")
        else:
            parts.append(_inline(child))
        parts.append((child.tail or "").replace("\n", " "))
    return "".join(parts)
