"""RSS (0.9x, 1.0, 2.0) and Atom feed files, read with the standard library's XML parser:
each item an article with its own title, link and date; the feed's title is the outlet. HTML in
descriptions and content is turned into text. Nothing is fetched: links are kept, never
followed."""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET

from s400tracker.formats.model import METADATA, UNDATED, Draft, Refusal

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_RSS1 = "{http://purl.org/rss/1.0/}"


def read_feed(data: bytes) -> list[Draft]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise Refusal(f"not a well-formed feed ({e})") from e
    if root.tag == f"{_ATOM}feed" or root.tag == "feed":
        drafts = _atom(root)
    else:
        drafts = _rss(root)
    if not drafts:
        raise Refusal("a feed with no items")
    return drafts


def _rss(root) -> list[Draft]:
    channel = root.find("channel")
    if channel is None:
        channel = root.find(f"{_RSS1}channel")
    outlet = _text(channel, "title", f"{_RSS1}title") if channel is not None else ""
    items = root.findall("channel/item") or root.findall("item") or root.findall(f"{_RSS1}item")
    out = []
    for item in items:
        title = _plain(_text(item, "title", f"{_RSS1}title"))
        body = _text(item, _CONTENT) or _text(item, "description", f"{_RSS1}description")
        when = _rfc822(_text(item, "pubDate")) or _iso(_text(item, f"{_DC}date"))
        link = _text(item, "link", f"{_RSS1}link") or _text(item, "guid")
        byline = _text(item, "author", f"{_DC}creator")
        draft = _draft(title, _html(body), when, link, byline, outlet, "rss")
        if draft:
            out.append(draft)
    return out


def _atom(root) -> list[Draft]:
    outlet = _plain(_text(root, f"{_ATOM}title"))
    out = []
    for entry in root.findall(f"{_ATOM}entry"):
        title = _atom_text(entry.find(f"{_ATOM}title"))
        body = _atom_text(entry.find(f"{_ATOM}content")) or _atom_text(entry.find(f"{_ATOM}summary"))
        when = _iso(_text(entry, f"{_ATOM}published")) or _iso(_text(entry, f"{_ATOM}updated"))
        link = ""
        for el in entry.findall(f"{_ATOM}link"):
            if el.get("rel", "alternate") == "alternate":
                link = el.get("href", "")
                break
        author = entry.find(f"{_ATOM}author/{_ATOM}name")
        byline = (author.text or "").strip() if author is not None else ""
        draft = _draft(title, body, when, link, byline, outlet, "atom")
        if draft:
            out.append(draft)
    return out


def _draft(title, body, when, link, byline, outlet, kind) -> Draft | None:
    title, body = title.strip(), body.strip()
    if not title and not body:
        return None
    text = "\n\n".join(p for p in (title, body) if p) + "\n"
    return Draft(text=text, title=title, outlet=outlet, published=when,
                 published_basis=METADATA if when else UNDATED, url=link.strip(),
                 byline=byline, kind=kind)


def _text(el, *names: str) -> str:
    for name in names:
        found = el.find(name)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


def _atom_text(el) -> str:
    if el is None:
        return ""
    kind = el.get("type", "text")
    if kind == "xhtml":
        return _html(ET.tostring(el, encoding="unicode", method="html"))
    if kind in ("html", "text/html"):
        return _html(el.text or "")
    return (el.text or "").strip()


def _html(fragment: str) -> str:
    """Text of HTML in a description: paragraphs kept, tags and entities gone."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    from s400tracker.formats.html_text import html_to_text

    return html_to_text(f"<div>{fragment}</div>")[0].strip()


def _plain(value: str) -> str:
    return _html(value).replace("\n\n", " ") if value else ""


def _rfc822(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return _iso(value)


def _iso(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
