"""Quotation spans in a paragraph: straight, curly, low-9, guillemets and British single quotes.

Marks are paired by their typographic side (a mark after a space opens, one before a space or
punctuation closes) and straight marks by alternation. A quote left open ends with its paragraph
unless the next paragraph opens with a quote mark (a quote running over several paragraphs), so an
unclosed mark never swallows the rest of the article. Single marks count as quotes only when they
pair up inside the paragraph: otherwise they are apostrophes (Turkey's, countries').
"""

from __future__ import annotations

import bisect
import operator
import re
from typing import NamedTuple

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_DOUBLE = '"“”„«»'
_SINGLE = "'‘’‹›"
_MARKS = re.compile(r"[\"“”„«»'‘’‹›]")
_OPEN_BEFORE = set(" \t\n([{—–-/:;") | {""}
_CLOSE_AFTER = set(" \t\n)]}.,;:!?—–-/…") | {""}
_TRIM_TAIL = " \t\n,;:"


class Quote(NamedTuple):
    open: int           # offset of the opening mark
    close: int | None   # offset of the closing mark, None when the quote runs to the paragraph's end
    start: int          # the quoted text, marks and edge blanks excluded
    end: int
    continues: bool = False  # the next paragraph goes on with the same quotation


_open = operator.attrgetter("open")


def _side(text: str, i: int, lo: int, hi: int) -> str:
    before = text[i - 1] if i > lo else ""
    after = text[i + 1] if i + 1 < hi else ""
    opens = before in _OPEN_BEFORE or before in _DOUBLE or before in _SINGLE
    closes = after in _CLOSE_AFTER or after in _DOUBLE or after in _SINGLE
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if before.isalnum() and after.isalnum():
        return "inner"  # an apostrophe inside a word: don't, Turkey's
    return "either"


def _content(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in _TRIM_TAIL:
        b -= 1
    return a, b


def find_quotes(text: str, lo: int, hi: int, next_paragraph_opens: bool = False) -> list[Quote]:
    """Quotes inside text[lo:hi] (one paragraph)."""
    quotes: list[Quote] = []
    open_at: int | None = None
    singles: list[tuple[int, str]] = []
    for i in _marks(text, lo, hi):
        c = text[i]
        if c in _SINGLE:
            if open_at is None:
                singles.append((i, _side(text, i, lo, hi)))
            continue
        side = "open" if c in _DOUBLE_OPEN else "close" if c in _DOUBLE_CLOSE else _side(text, i, lo, hi)
        if open_at is None:
            if side != "close":
                open_at = i
            continue
        if side == "open" and c != "“":
            # A second opening mark: the earlier quote was left unclosed. End it at the last
            # sentence end before this mark, or just before the mark.
            cut = max(text.rfind(p, open_at, i) for p in ".!?")
            end = cut + 1 if cut > open_at else i
            quotes.append(Quote(open_at, None, *_content(text, open_at + 1, end)))
            open_at = i
            continue
        quotes.append(Quote(open_at, i, *_content(text, open_at + 1, i)))
        open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, None, *_content(text, open_at + 1, hi), continues=next_paragraph_opens))
    if singles:
        quotes.extend(_single_quotes(text, singles, quotes))
        quotes.sort(key=_open)
    return [q for q in quotes if q.end > q.start] if quotes else quotes


def _marks(text: str, lo: int, hi: int) -> list[int]:
    """Where quotation marks stand in text[lo:hi], in order."""
    if not text.isascii():
        return [m.start() for m in _MARKS.finditer(text, lo, hi)]
    # ASCII has two of them, which str.find reaches at C speed (the pattern's set of ten marks
    # is tested at every character).
    found = []
    for mark in "\"'":
        i = text.find(mark, lo, hi)
        while i != -1:
            found.append(i)
            i = text.find(mark, i + 1, hi)
    found.sort()
    return found


def _single_quotes(text: str, marks: list[tuple[int, str]], doubles: list[Quote]) -> list[Quote]:
    spans = sorted((q.open, q.close if q.close is not None else q.end + 1) for q in doubles)
    opens = [a for a, _ in spans]

    def inside_double(i: int) -> bool:
        k = bisect.bisect_left(opens, i) - 1
        return k >= 0 and i < spans[k][1]

    found = []
    opened: int | None = None
    for i, side in marks:
        if side == "inner" or inside_double(i):
            continue
        if opened is None:
            if side == "open" and text[i] != "’":
                opened = i
        elif side in ("close", "either") and text[i] != "‘":
            found.append(Quote(opened, i, *_content(text, opened + 1, i)))
            opened = None
    return found


def opens_with_quote(text: str, lo: int, hi: int) -> bool:
    return lo < hi and text[lo] in _DOUBLE and text[lo] not in _DOUBLE_CLOSE
