"""Time expressions and the day a statement was made.

The date text is found first with a tight pattern and only then parsed (fuzzy parsing over-matches),
and a bare weekday resolves backwards from publication: "said on Tuesday" in Thursday's paper is
two days earlier, never five days later.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import NamedTuple

from s400tracker.extract.wordtrie import ALNUM_CHARS, WordStarts, trie_pattern


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_EXPRESSION = re.compile(
    # The lookahead rejects most positions at once: every expression starts with one of these.
    rf"""(?=[\dmtwfsjaondylpMTWFSJAONDYLP])\b(?:
        (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
      | (?P<mdy>{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)(?![\d:])
      | (?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?)(?![\d:])
      | (?P<last>last|this|past)\s+(?P<lastday>{_WEEKDAY})
      | (?P<weekday>{_WEEKDAY})(?:'s|’s)?
      | (?P<yesterday>yesterday)
      | (?P<today>today|tonight|this\s+(?:morning|afternoon|evening))
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


_LOWER = re.compile(_EXPRESSION.pattern, re.VERBOSE)


class TimeExpression(NamedTuple):
    start: int
    end: int
    date: dt.date | None  # None when it cannot be resolved (a weekday in an undated article)
    basis: str            # explicit | weekday | relative


_MONTH_NUMBER = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_FIELDS = re.compile(r"(\d{4})-(\d{2})-(\d{2})|([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?|"
                     r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3})[a-z]*\.?(?:,?\s+(\d{4}))?", re.IGNORECASE)


def _explicit(text: str, published: dt.date | None) -> dt.date | None:
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


def _weekday(name: str, published: dt.date | None, strictly_before: bool) -> dt.date | None:
    if published is None:
        return None
    back = (published.weekday() - _WEEKDAYS.index(name.lower())) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


# Every expression starts with a digit, a weekday (or 'yesterday', 'today'), or one of these words,
# where no letter or digit stands before it. Those places are found at C speed (see WordStarts),
# and the full pattern is tried only there: letting it try every position of the article cost
# more than all the rest of reading its dates.
_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
           "tonight", "this ", "last ", "past ")
_DAY_WORDS = frozenset(_WEEKDAYS) | {"yesterday", "today"}
_DIGITS = "0123456789"
# Their first three letters: a set look-up turns away the places where names and verbs of saying
# start (most of the shared pass's candidates); the full pattern decides at the others. So the
# space in "last " is any white space, as in the pattern ("last\nMonday" in a hard-wrapped article).
_START_PREFIXES = frozenset(w[:3] for w in (*_STARTS, *_DAY_WORDS))
START_FORMS = (*_STARTS, *_DAY_WORDS, *_DIGITS)   # for a caller that looks for other words too
_START_PLACES = WordStarts(START_FORMS, word_chars=ALNUM_CHARS)


def _matches_folded(folded: str, lo: int, hi: int, candidates=None):
    if candidates is None:
        candidates = _START_PLACES.candidates(folded)
    if not (lo == 0 and hi == len(folded) and folded.isascii()):
        # A candidate may stand outside the range, or after a letter the copy made a space (é).
        candidates = [i for i in candidates if lo <= i < hi and (i == 0 or not folded[i - 1].isalnum())]
    starts = [i for i in candidates if folded[i] in _DIGITS or folded[i:i + 3] in _START_PREFIXES]
    if not folded.isascii():
        # Digits of other scripts (the pattern's \d takes them): among the non-ASCII characters,
        # which the encoder turns into "?".
        raw = folded.encode("ascii", "replace")
        i = raw.find(b"?", lo, hi)
        while i != -1:
            c = folded[i]
            if c.isdecimal() and not c.isascii() and (i == 0 or not folded[i - 1].isalnum()):
                bisect.insort(starts, i)
            i = raw.find(b"?", i + 1, hi)
    end = lo
    for i in starts:
        if i < end:
            continue   # inside the expression just found ("last monday" holds "monday")
        m = _LOWER.match(folded, i, hi)
        if m:
            yield m
            end = m.end()


def time_expressions(text: str, lo: int, hi: int, published: dt.date | None,
                     folded: str | None = None, candidates: list[int] | None = None) -> list[TimeExpression]:
    """Time expressions in text[lo:hi]. folded, the text lower-cased with the same offsets, lets
    a case-sensitive pattern do the scan, twice as fast as a case-insensitive one. candidates,
    when given, are places in folded that WordStarts found for (at least) START_FORMS with
    ALNUM_CHARS, as a caller scanning for other words too can share its one pass."""
    found = []
    matches = (_matches_folded(folded, lo, hi, candidates) if folded is not None
               else _EXPRESSION.finditer(text, lo, hi))
    for m in matches:
        if m.group("iso") or m.group("mdy") or m.group("dmy"):
            found.append(TimeExpression(m.start(), m.end(), _explicit(m.group(0), published), "explicit"))
        elif m.group("lastday"):
            strictly = m.group("last").lower() in ("last", "past")
            found.append(TimeExpression(m.start(), m.end(), _weekday(m.group("lastday"), published, strictly), "weekday"))
        elif m.group("weekday"):
            found.append(TimeExpression(m.start(), m.end(), _weekday(m.group("weekday"), published, False), "weekday"))
        elif m.group("yesterday"):
            day = published - dt.timedelta(days=1) if published else None
            found.append(TimeExpression(m.start(), m.end(), day, "relative"))
        else:
            found.append(TimeExpression(m.start(), m.end(), published, "relative"))
    return found


# A publication date written in the article itself: a "date 2020-12-15" marker opening the text,
# or a line near the top holding nothing but a date.
_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_DATE_LINE = re.compile(
    rf"""^\s*(?:(?:published|posted|updated|date)\s*:?\s*)?(?:{_WEEKDAY},?\s+)?
        (?P<d>\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})
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
            return _explicit(m.group("d"), None)
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
