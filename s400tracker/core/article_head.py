"""What an article's text says about itself: a title line and a publication date, read from its
top lines (a 'date YYYY-MM-DD' marker, or a line holding nothing but a date).

Standard library only: the file readers (formats/) and the extractor (extract/) both read it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_MONTH_NUMBER = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_FIELDS = re.compile(r"(\d{4})-(\d{2})-(\d{2})|([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?|"
                     r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3})[a-z]*\.?(?:,?\s+(\d{4}))?", re.IGNORECASE)


def explicit_day(text: str, published: dt.date | None) -> dt.date | None:
    """The day an ISO, 'December 14[, 2020]' or '14 [of] December[ 2020]' expression names.

    The expression pattern has already checked the form, so its fields are read directly: a
    general date parser cost a third of a millisecond for every date it had not seen before,
    and read '32 April' as a day of 2031.
    """
    m = _FIELDS.fullmatch(text.strip())
    if m is None:
        return None
    iso_y, iso_m, iso_d, mdy_month, mdy_day, mdy_year, dmy_day, dmy_month, dmy_year = m.groups()
    if iso_y:
        year, month, day = int(iso_y), int(iso_m), int(iso_d)
    else:
        month = _MONTH_NUMBER.get((mdy_month or dmy_month).lower())
        day = int(mdy_day or dmy_day)
        year = int(mdy_year or dmy_year or 0)
    if month is None:
        return None
    if year:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None   # "February 30"
    if published is None:
        return None
    # No year written: the most recent such day on or before publication.
    for back in range(0, 9):   # 29 February: the most recent leap year
        try:
            candidate = dt.date(published.year - back, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


# A publication date written in the article itself: a "date 2020-12-15" marker opening the text,
# or a line near the top holding nothing but a date.
_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_DATE_LINE = re.compile(
    rf"""^\s*(?:(?:published|posted|updated|date)\s*:?\s*)?(?:{WEEKDAY},?\s+)?
        (?P<d>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{MONTHS}\s+\d{{4}}|{MONTHS}\s+\d{{1,2}},?\s+\d{{4}})
        (?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*(?:[ap]\.?m\.?|gmt|utc|[a-z]{{2,4}}))?)?\s*$""",
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)


def date_marker(text: str) -> tuple[int, int, dt.date] | None:
    """The (start, end, date) of a leading 'date YYYY-MM-DD' marker."""
    m = _MARKER.match(text)
    if not m:
        return None
    try:
        return m.start(), m.end(), dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def dateline(text: str, max_lines: int = 8) -> dt.date | None:
    """A line near the top that is only a date ('17 December 2020')."""
    for line in head_lines(text, max_lines * 3)[:max_lines]:
        m = _DATE_LINE.match(line)
        if m:
            return explicit_day(m.group("d"), None)
    return None


HEAD_CHARS = 8192   # the top of an article, where its title and date line stand


def head_lines(text: str, count: int) -> list[str]:
    """The non-blank lines among the first `count` lines, read from the top of the text only
    (splitting a whole article to look at its first lines cost more than reading the file)."""
    head = text[:HEAD_CHARS]
    lines = head.splitlines()
    if len(text) > HEAD_CHARS and len(lines) <= count:
        lines = text.splitlines()   # long lines: the top holds fewer than asked for
    return [line for line in lines[:count] if line.strip()]


_TITLE_MAX = 140


@dataclass(frozen=True)
class Header:
    title: str
    published: dt.date | None


def read_header(text: str) -> Header:
    """Title from the first line (the lead's first sentence when the line is a whole paragraph),
    publication date from a 'date YYYY-MM-DD' marker or a date line near the top."""
    marker = date_marker(text)
    body = text[marker[1]:] if marker else text
    # The top of the text only: a first line cut short there still gives the same title.
    first = next((line.strip() for line in body[:HEAD_CHARS].splitlines() if line.strip()), "")
    if len(first) > _TITLE_MAX:
        sentence = re.match(r"(.{20,}?[.!?])\s", first)
        first = sentence.group(1) if sentence and len(sentence.group(1)) <= _TITLE_MAX else first
    if len(first) > _TITLE_MAX:
        first = first[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    published = marker[2] if marker else dateline(text)
    return Header(title=first, published=published)
