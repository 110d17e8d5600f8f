"""Multi-article exports of the news databases, split into their articles.

Both are recognised in the text of any file they come as (Word, RTF, PDF, HTML), paragraph by
paragraph, from the layouts they are exported in:

Nexis Uni (one article after the other, each ending with 'End of Document'; the first may be
preceded by a cover page listing the documents)::

    <title>
    <outlet>
    <date: 'March 15, 2021 Monday' or '15 March 2021 Monday', maybe a time>
    Copyright 2021 …            (optional, as are Section:, Byline:, Dateline:, Highlight:)
    Length: 612 words
    Byline: …
    Body
    <paragraphs>
    Classification / Graphic / Notes / Load-Date: …   (ends the body)
    End of Document

Factiva, 'Full Article/Report plus Indexing' display: the same fields, each after its code
(HD headline, BY byline, WC words, PD date, ET time, SN source name, SC source code, LA
language, CY copyright, LP lead paragraphs, TD text, CO/IN/NS/RE/IPD/PUB indexing, AN
'Document <id>'), the code alone on its line or before the value (a tab or a table cell
between them).

Factiva, 'Article' display (each ending with its 'Document <id>' line)::

    <section>                   (optional)
    <title>
    By …                        (optional byline)
    512 words
    15 March 2021
    09:30                       (optional)
    <source name>
    <source code>               (e.g. 'HWN', optional)
    English                     (language, optional)
    Copyright 2021 … / (c) 2021 … / © …   (optional)
    <paragraphs>
    Document HWN0000020210315eh3f0002x
"""

from __future__ import annotations

import re
from typing import Callable

from s400tracker.formats.dates import parse_day
from s400tracker.formats.model import METADATA, Draft

_NEXIS_END = re.compile(r"^End of Document$", re.IGNORECASE)
_NEXIS_LENGTH = re.compile(r"^Length:\s*\d[\d,.]*\s+words?\b", re.IGNORECASE)
_NEXIS_BODY_END = re.compile(r"^(?:Classification|Graphic|Notes|Load-Date:.*|Language:.*)$")
_NEXIS_FIELD = re.compile(r"^(?P<name>Byline|Dateline|Section|Highlight|Length|Series|Edition)"
                          r":\s*(?P<value>.*)$", re.IGNORECASE)
_HEADER_DATE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\.?\s+[A-Za-z]+\.?,?\s+\d{4})\b")
_FACTIVA_END = re.compile(r"^Document\s+[A-Za-z0-9]{16,}$")
_FACTIVA_WORDS = re.compile(r"^\d[\d,.]*\s+words$", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?$")
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_LANGUAGES = {"english", "german", "french", "spanish", "turkish", "russian", "italian", "dutch",
              "portuguese", "arabic", "greek", "swedish", "norwegian", "danish", "finnish",
              "polish", "chinese", "japanese", "korean"}
_COPYRIGHT = re.compile(r"^(?:Copyright|\(c\)|©|All rights reserved)", re.IGNORECASE)


def split_export(paragraphs: list[str], reflow: Callable[[list[str]], list[str]] | None = None
                 ) -> list[Draft] | None:
    """The articles of a Nexis Uni or Factiva export, or None when the text is neither. The
    header lines are read line by line; each article's body lines are joined into paragraphs
    by `reflow` when the export is laid out in lines (a PDF), else each line is a paragraph."""
    lines = [p.strip() for p in paragraphs]
    if any(_NEXIS_END.match(x) for x in lines) and any(_NEXIS_LENGTH.match(x) or x == "Body"
                                                       for x in lines):
        found = _nexis(lines, reflow)
        if found:
            return found
    if any(_FACTIVA_END.match(x) for x in lines) and any(_FACTIVA_WORDS.match(x) for x in lines):
        found = _factiva(lines, reflow)
        if found:
            return found
    if sum(1 for x in lines if _TAG.match(x)) >= 4 and any(_TAG_END.match(x) for x in lines):
        found = _factiva_tagged(lines, reflow)
        if found:
            return found
    return None


def _chunks(lines: list[str], end: re.Pattern) -> list[list[str]]:
    chunks, current = [], []
    for line in lines:
        if end.match(line):
            chunks.append(current)
            current = []
        else:
            current.append(line)
    return chunks   # what follows the last end mark is no article (a closing page, if any)


def _article_text(title: str, body: list[str], reflow) -> str:
    paragraphs = [title] + (reflow(body) if reflow is not None else [b for b in body if b])
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def _nexis(lines: list[str], reflow) -> list[Draft]:
    out = []
    for chunk in _chunks(lines, _NEXIS_END):
        if "Body" not in chunk:
            continue
        body_at = chunk.index("Body")
        head = chunk[:body_at]
        fields = {}
        for line in head:
            m = _NEXIS_FIELD.match(line)
            if m:
                fields[m.group("name").lower()] = m.group("value").strip()
        meta_at = next((i for i, x in enumerate(head) if _NEXIS_FIELD.match(x) or _COPYRIGHT.match(x)),
                       len(head))
        date_at = next((i for i in range(meta_at - 1, -1, -1) if _HEADER_DATE.match(head[i])), None)
        published = outlet = title = None
        if date_at is not None:
            published = parse_day(head[date_at])
            before = [x for x in head[:date_at] if x]
            outlet = before[-1] if before else ""
            title = before[-2] if len(before) >= 2 else ""
        else:
            before = [x for x in head[:meta_at] if x]
            title = before[-1] if before else ""
        body = []
        for line in chunk[body_at + 1:]:
            if _NEXIS_BODY_END.match(line):
                break
            body.append(line)
        if not any(body):
            continue
        out.append(Draft(text=_article_text(title or "", body, reflow), title=title or "",
                         outlet=outlet or "", published=published,
                         published_basis=METADATA if published else "undated",
                         byline=fields.get("byline", ""), kind="nexis"))
    return out


def _factiva(lines: list[str], reflow) -> list[Draft]:
    out = []
    for chunk in _chunks(lines, _FACTIVA_END):
        where = [k for k, x in enumerate(chunk) if x]   # the rows' places in the chunk
        rows = [chunk[k] for k in where]
        words_at = next((i for i, x in enumerate(rows) if _FACTIVA_WORDS.match(x)), None)
        if words_at is None or words_at == 0:
            continue
        byline = ""
        title_at = words_at - 1
        if rows[title_at].lower().startswith("by ") and title_at > 0:
            byline = rows[title_at][3:].strip()
            title_at -= 1
        title = rows[title_at]
        i = words_at + 1
        published = parse_day(rows[i]) if i < len(rows) else None
        if published is not None:
            i += 1
        if i < len(rows) and _TIME.match(rows[i]):
            i += 1
        outlet = rows[i] if i < len(rows) else ""
        i += 1
        # Then the source code, maybe a page or edition line, the language: skip to past the
        # language when it comes within a few lines, else past a source code alone.
        language_at = next((j for j in range(i, min(i + 4, len(rows)))
                            if rows[j].lower() in _LANGUAGES), None)
        if language_at is not None:
            i = language_at + 1
        elif i < len(rows) and _SOURCE_CODE.match(rows[i]):
            i += 1
        while i < len(rows) and _COPYRIGHT.match(rows[i]):
            i += 1
        if i >= len(rows):
            continue
        body = chunk[where[i]:]   # with its blank lines: paragraph gaps in a PDF's layout
        out.append(Draft(text=_article_text(title, body, reflow), title=title, outlet=outlet,
                         published=published, published_basis=METADATA if published else "undated",
                         byline=byline, kind="factiva"))
    return out


_CODES = ("CLM", "SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA",
          "CY", "LP", "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN")
_TAG = re.compile(rf"^\|?\s*(?P<code>{'|'.join(_CODES)})(?:\s*[|\t]\s*|\s{2,}|$)(?P<value>.*)$")
_TAG_END = re.compile(r"^\|?\s*AN(?:\s*[|\t]\s*|\s+)?Document\s+[A-Za-z0-9]{16,}")


def _factiva_tagged(lines: list[str], reflow) -> list[Draft]:
    out = []
    fields: dict[str, list[str]] = {}
    code = None
    for line in lines:
        m = _TAG.match(line)
        if m:
            code = m.group("code")
            fields.setdefault(code, [])
            value = m.group("value").strip(" |\t")
            if value:
                fields[code].append(value)
        elif code and line.strip(" |\t"):
            fields[code].append(line.strip(" |\t"))
        if code == "AN" and fields.get("AN"):
            draft = _tagged_draft(fields, reflow)
            if draft:
                out.append(draft)
            fields, code = {}, None
    return out


def _tagged_draft(fields: dict[str, list[str]], reflow) -> Draft | None:
    title = " ".join(fields.get("HD", [])).strip()
    body = fields.get("LP", []) + fields.get("TD", [])
    if not title or not body:
        return None
    published = parse_day(" ".join(fields.get("PD", [])))
    byline = " ".join(fields.get("BY", [])).strip()
    if byline.lower().startswith("by "):
        byline = byline[3:].strip()
    return Draft(text=_article_text(title, body, reflow), title=title,
                 outlet=" ".join(fields.get("SN", [])).strip(), published=published,
                 published_basis=METADATA if published else "undated", byline=byline,
                 kind="factiva")
