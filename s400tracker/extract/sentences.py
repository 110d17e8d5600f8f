"""Sentence spans inside a paragraph, never ending inside a quotation."""

from __future__ import annotations

import bisect
import re

# A full stop ends a sentence when a capital, a digit or an opening mark follows, unless the word
# before it is an abbreviation or an initial (U.S., Mr., Gen.). A pattern that opens with a set of
# characters (not a repetition of one) lets the regex engine skip to the next mark at C speed.
_AFTER_MARK = r"[.!?…]*[\"”»’')\]]*(?=\s+[\"“«‘'(\[]?[A-Z0-9ÀİÇŞÖÜĞ])"
_END = re.compile(r"[.!?…]" + _AFTER_MARK)
# The same where a full stop is the only mark (most paragraphs): a pattern opening with one
# literal character is searched for twice as fast as one opening with a set.
_END_AT_FULL_STOP = re.compile(r"\." + _AFTER_MARK)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col maj capt cmdr adm sgt sen rep gov prof st jr sr inc co corp ltd
    vs etc no nos jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m
    dept est approx fig al pres amb rev hon""".split()
)
_LONGEST = max(map(len, _ABBREVIATIONS))
_LAST_WORD = re.compile(r"([\w.]+)$")


def sentences(text: str, lo: int, hi: int, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[lo:hi]; quotes are (open, close) spans not to split."""
    find = text.find
    only_full_stops = find("!", lo, hi) < 0 and find("?", lo, hi) < 0 and find("…", lo, hi) < 0
    return _split(text, lo, hi, quotes, _END_AT_FULL_STOP if only_full_stops else _END)


def _split(text: str, lo: int, hi: int, quotes: list[tuple[int, int]], end_pattern: re.Pattern) -> list[tuple[int, int]]:
    spans = []
    start = lo
    opens = [a for a, _ in quotes]  # quotes come sorted and never overlap
    for m in end_pattern.finditer(text, lo, hi):
        cut = m.end()
        if opens:
            k = bisect.bisect_left(opens, m.start()) - 1
            if k >= 0 and cut <= quotes[k][1]:
                continue  # a full stop inside a quotation: the quote goes on
        mark = m.start()
        if mark - lo > _LONGEST and text[mark - _LONGEST - 1:mark].isalpha():
            word = None   # a word longer than any abbreviation ("sanctions.")
        else:
            word = _LAST_WORD.search(text, max(lo, mark - 12), mark)
        if word:
            w = word.group(1).lower().rstrip(".")
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue
        spans.append((start, cut))
        start = cut
        while start < hi and text[start].isspace():
            start += 1
    if start < hi:
        spans.append((start, hi))
    return spans
