"""Whatever the text, the extractor never raises and its offsets hold; its fast scans find what
their plain definitions find."""

import datetime as dt
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from s400tracker.extract.pipeline import extract

_ALPHABET = st.sampled_from(list("ab Akar said. \"“”'’‘«»,\n:;—") + ["Lavrov", " he added", " the ministry", " on Monday"])
_TEXTS = st.lists(_ALPHABET, max_size=120).map("".join) | st.text(max_size=300)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_never_raises_and_offsets_hold(index, text):
    for f in extract(text, dt.date(2020, 12, 15), index):
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.quote
        if f.speaker_start is not None:
            assert text[f.speaker_start:f.speaker_end] == f.speaker


def test_output_does_not_depend_on_other_articles(index, seed):
    first, published = seed("001")
    other, other_published = seed("004")
    before = extract(first, published, index)
    extract(other, other_published, index)
    assert extract(first, published, index) == before


def _scan_everywhere(index, folded):
    """What the scan must find: the names-and-verbs pattern tried at every position."""
    from s400tracker.extract import cues

    names, hits = [], []
    for m in index._scan_re.finditer(folded):
        if m.group(1) is None:
            hits.append(m.start())
        else:
            names.append((m.start(), m.end(), index.owners[m.group(1)]))
            hits.extend(c.start() for c in cues.CUE_SCAN.finditer(folded, m.start(), m.end()))
    return names, hits


def _odd_index():
    from s400tracker.core.model import Actor
    from s400tracker.extract.speakers import ActorIndex

    # Aliases with dots, hyphens, an apostrophe, a non-ASCII letter and a non-Latin script.
    return ActorIndex([
        Actor("us", "U.S. State Department", "US", aliases=("state department", "u.s.")),
        Actor("s400", "S-400 office", "X", aliases=("s-400",)),
        Actor("erd", "Erdoğan", "TR", aliases=("erdoğan's office",)),
        Actor("lav", "Лавров", "RU", aliases=("лавров", "sergei lavrov")),
    ])


_SCAN_PIECES = st.sampled_from(
    ["said", "says", "said_", "_said", "xsaid", "according to", "state department", "u.s.", "U.S.", "s-400",
     "S-400x", "erdoğan's office", "Erdogan's office", "лавров", "Лавров", "Sergei Lavrov", "ß", "İ", "ı",
     " ", "  ", "\n", "“", "”", "—", "…", "«", "»", "'", "’", ".", ",", "(", "-", "_", "7", "é", "д"])


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_SCAN_PIECES, max_size=40), plain=st.text(max_size=60))
def test_the_fast_scan_finds_what_the_pattern_finds_at_every_position(index, pieces, plain):
    from s400tracker.extract.text import fold

    for actors in (index, _odd_index()):
        for text in ("".join(pieces), plain + "".join(pieces), "".join(pieces) + plain):
            folded = fold(text)
            assert actors.scan(folded) == _scan_everywhere(actors, folded)


def _date_starts_everywhere(folded, lo, hi):
    """Where time expressions are tried, by the definition: every position that opens a digit run
    or one of the start words, with no letter or digit before it. A start word written with a
    space after it ("last ") takes any white space there, as the pattern does ("last\nMonday" in
    a hard-wrapped article)."""
    from s400tracker.extract import dates

    words = sorted({*dates._STARTS, *dates._DAY_WORDS})

    def opens(i, w):
        if not w.endswith(" "):
            return folded.startswith(w, i)
        after = i + len(w) - 1
        return folded.startswith(w[:-1], i) and after < len(folded) and folded[after].isspace()

    return [i for i in range(lo, hi)
            if (i == 0 or not folded[i - 1].isalnum()) and (folded[i].isdecimal() or any(opens(i, w) for w in words))]


_DATE_PIECES = st.sampled_from(
    ["monday", "Mondays", "today", "yesterday", "this ", "this\n", "last ", "past", "tonight", "may", "May 5",
     "december 14, 2020", "14 dec", "2020-12-15", "٢٠٢٠-١٢-١٥", "x٣", "_7", "7", "s-400", "ß", "İ", "é", "“", " ", "\n",
     ".", ",", "-", "_", "a", "z", "\u00a0", "\t"])


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_DATE_PIECES, max_size=40), plain=st.text(max_size=40))
@example(pieces=["this\n", "monday"], plain="")
@example(pieces=["last", "\u00a0", "monday"], plain="")
def test_time_expressions_are_tried_wherever_one_may_start(index, pieces, plain):
    from s400tracker.extract import dates
    from s400tracker.extract.text import fold

    for text in ("".join(pieces), plain + "".join(pieces)):
        folded = fold(text)
        everywhere = [m.span() for m in _matches_at(folded, _date_starts_everywhere(folded, 0, len(folded)))]
        for shared in (None, index.word_starts(folded)):
            assert [m.span() for m in dates._matches_folded(folded, 0, len(folded), shared)] == everywhere


def _matches_at(folded, starts):
    from s400tracker.extract import dates

    end = 0
    for i in starts:
        if i >= end:
            m = dates._LOWER.match(folded, i)
            if m:
                yield m
                end = m.end()


# The clause breaks as one pattern, tried at every mark and space: what _clause_break must find.
_ONE_PATTERN_BREAK = re.compile(
    r"[,;\s](?:(?<=,)\s*(?:adding|saying|noting|stressing|warning|insisting|arguing|urging|calling|while|as)\b"
    r"|(?<=;)|(?<=\s)\s*—\s+|(?<=,)\s+and\s+(?=\w+ed\b|said\b|told\b|called\b|urged\b)"
    r"|(?<=\s)\s*and\s+(?=\w+ed\b|said\b|told\b|called\b|urged\b)|(?<=\s)\s*but\s+(?=said\b|\w+ed\b))")

_CLAUSE_PIECES = st.sampled_from(
    [" ", ",", ";", "—", " — ", " and ", " but ", " but said", " and warned", ", and told", ", adding", "said",
     "warned", " as", "x", "Ed", "\n", "\u00a0", "band"])


@settings(max_examples=500, deadline=None)
@given(pieces=st.lists(_CLAUSE_PIECES, max_size=12), cut=st.integers(0, 5))
def test_a_clause_ends_at_the_first_break_the_one_pattern_finds(pieces, cut):
    from s400tracker.extract.clauses import clause_break as _clause_break

    text = "".join(pieces)
    lo, hi = min(cut, len(text)), max(min(cut, len(text)), len(text) - cut)
    m = _ONE_PATTERN_BREAK.search(text, lo, hi)
    assert _clause_break(text, lo, hi) == (m.start() if m else hi)


_SENTENCE_PIECES = st.sampled_from(
    ["said", " ", "  ", "\n", ".", "!", "?", "…", "...", "U.S.", "Mr.", "A", "The", "7", "“", "”", "\"", "'", "’",
     ")", "(", "«", "»", "İ", "sanctions", "x"])


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(_SENTENCE_PIECES, max_size=40), cut=st.integers(0, 4), quoted=st.integers(0, 3))
@example(pieces=["said", "…", " ", "The", " ", "sanctions", "!", " ", "A", "?", "\n", "7", "."], cut=0, quoted=0)
def test_paragraphs_split_where_the_general_end_pattern_says(pieces, cut, quoted):
    # Paragraphs with only full stops take a faster pattern; the sentences must be the same.
    from s400tracker.extract import sentences as sentences_module

    text = "".join(pieces)
    lo, hi = min(cut, len(text)), max(min(cut, len(text)), len(text) - cut)
    quotes = [(lo, lo + quoted)] if lo + quoted <= hi and quoted else []
    assert sentences_module.sentences(text, lo, hi, quotes) == \
        sentences_module._split(text, lo, hi, quotes, sentences_module._END)
