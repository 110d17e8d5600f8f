"""Days as news exports and datelines write them, and the dateline that opens a story."""

from __future__ import annotations

import datetime as dt
import re

from s400tracker.formats.model import Dateline

_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MDY = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b",
                  re.IGNORECASE)
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?\b",
                  re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_day(text: str, *, before: dt.date | None = None) -> dt.date | None:
    """The first day written in text ('March 15, 2021 Monday', '15 March 2021', '2021-03-15').
    Without a year, the latest such day on or before `before`; None when there is no `before`."""
    found = []
    for pattern in (_ISO, _MDY, _DMY):
        m = pattern.search(text)
        if m:
            found.append((m.start(), pattern, m))
    if not found:
        return None
    _, pattern, m = min(found, key=lambda f: f[0])
    try:
        if pattern is _ISO:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        month = _MONTH_NAMES[m.group("m")[:3].lower()]
        day = int(m.group("d"))
        if m.group("y"):
            return dt.date(int(m.group("y")), month, day)
        if before is None:
            return None
        candidate = dt.date(before.year, month, day)
        return candidate if candidate <= before else dt.date(before.year - 1, month, day)
    except ValueError:
        return None


# 'OSLO, March 15 (Reuters) -', 'LONDON -', 'ANKARA (AP) —', 'NEW YORK, March 15, 2021 /Wire/ --'.
# The place is in capitals; a place in ordinary case ('Ankara, March 15 (AP) -') counts only with
# a date or an agency, so that a sentence opening with a name and a dash is no dateline.
_CAPS_PLACE = r"[A-ZÀ-ÖØ-ÞĞİŞ][A-ZÀ-ÖØ-ÞĞİŞ.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,20})??"
_NAME_PLACE = r"[A-ZÀ-ÖØ-ÞĞİŞ][\w.'’\-]+(?: [A-ZÀ-ÖØ-ÞĞİŞ][\w.'’\-]+){0,2}"
_WHEN = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_AGENCY = r"(?:\([^()\n]{2,40}\)|/[^/\n]{2,40}/)"
_DASH = r"[ \t]*(?:--|-|–|—|:)[ \t]+"
_DATE_ONLY = (
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})"
    rf"(?:,?[ \t]+\d{{1,2}}[:.]\d{{2}}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{{2,4}})?)?")
# At the start of one of the opening lines: a line that is only a date, or a paragraph opening
# with a dateline and going on with at least a few words of story.
_OPENING = re.compile(
    rf"[ \t]*(?:(?P<date>{_DATE_ONLY})[ \t]*$"
    rf"|(?P<run>(?P<place>{_CAPS_PLACE})(?:,\s*(?P<when>{_WHEN}))?\s*{_AGENCY}?{_DASH}"
    rf"|(?P<place2>{_NAME_PLACE}),\s*(?P<when2>{_WHEN})\s*{_AGENCY}?{_DASH}"
    rf"|(?P<place3>{_NAME_PLACE})\s*\([^()\n]{{2,40}}\){_DASH}"
    rf"|(?:Published|Updated|Posted|Filed)(?::|\s+on)?\s+(?P<when3>{_WHEN})"
    rf"(?:,?[ \t]+\d{{1,2}}[:.]\d{{2}}(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{{2,4}})?)?"
    rf"\s*{_AGENCY}?{_DASH})(?=[^\n]{{20}}))")


def find_dateline(text: str, *, skip_first: bool = True,
                  before: dt.date | None = None) -> Dateline | None:
    """The dateline among the story's first three paragraphs: a line that is only a date
    ('17 December 2020'), or the place/date/agency run opening a paragraph. With skip_first the
    first paragraph (the title) is no dateline run, though it may be a date line."""
    for n, (start, end) in enumerate(_opening_lines(text)):
        m = _OPENING.match(text, start, end)
        if m is None or (m.group("run") and skip_first and n == 0):
            continue
        if m.group("date"):
            return Dateline(m.start("date"), m.end("date"), "", parse_day(m.group("date")))
        place = (m.group("place") or m.group("place2") or m.group("place3") or "").strip()
        when = m.group("when") or m.group("when2") or m.group("when3") or ""
        run = m.group("run").rstrip()
        return Dateline(m.start("run"), m.start("run") + len(run), place.rstrip(",. "),
                        parse_day(when, before=before) if when else None)
    return None


def _opening_lines(text: str, count: int = 3, limit: int = 4096) -> list[tuple[int, int]]:
    """(start, end) of the first `count` non-blank lines within the first `limit` characters."""
    limit = min(len(text), limit)
    found = []
    pos = 0
    while pos < limit and len(found) < count:
        nl = text.find("\n", pos, limit)
        stop = limit if nl == -1 else nl
        if stop > pos and not text[pos:stop].isspace():
            found.append((pos, stop))
        pos = stop + 1
    return found


_WHEN_IN_RUN = re.compile(_WHEN, re.IGNORECASE)


def blank_dateline(text: str, dateline: Dateline | None) -> str:
    """The text the extractor is to read: the dateline's place, agency and dash turned into
    spaces, so that none of them becomes a speaker or part of a quotation, while every offset
    stays what it is in `text`. Its day stays, as a sentence of its own ('March 14.'): the day a
    story was filed is the day its undated statements were made. A line that is only a date
    is left as it is, a paragraph no statement can take."""
    if dateline is None:
        return text
    start, end = dateline.start, dateline.end
    run = text[start:end]
    if dateline.place == "" and _DATE_LINE.fullmatch(run):
        return text
    kept = [" "] * len(run)
    when = _WHEN_IN_RUN.search(run)
    if when is not None:
        kept[when.start():when.end()] = run[when.start():when.end()]
        if when.end() < len(kept):
            kept[when.end()] = "."
    return text[:start] + "".join(kept) + text[end:]


_DATE_LINE = re.compile(_DATE_ONLY)
