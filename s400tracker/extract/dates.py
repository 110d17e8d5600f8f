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

from s400tracker.core.article_head import MONTHS as _MONTHS
from s400tracker.core.article_head import WEEKDAY as _WEEKDAY
from s400tracker.core.article_head import explicit_day as _explicit
from s400tracker.extract.wordtrie import ALNUM_CHARS, WordStarts, trie_pattern


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

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
