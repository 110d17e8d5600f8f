"""Speaker noun phrases next to a cue verb: 'Turkish Defence Minister Hulusi Akar', 'he', 'a US official'.

Model-free: a speaker phrase is a run of capitalised words and role words (minister, ministry,
spokesperson …) with 'of', possessives and a leading determiner, found by walking the tokens
backwards from the verb (X said) or forwards after it (said X).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from s400tracker.extract.wordtrie import trie_pattern

# A word (with inner apostrophes, hyphens and dots: Turkey's, S-400, U.S.) or one punctuation mark.
# Possessive repeats: nothing after a word's letters can take one back, so the engine need not
# keep the places to return to.
TOKEN = re.compile(r"[^\W_][\w'’\-]*+(?:\.\w[\w'’\-]*+)*+\.?|[^\w\s]", re.UNICODE)
# The same tokens in a stretch of ASCII text (most sentences, whatever the rest of the article
# holds), where telling a word character is a table look-up rather than a Unicode one.
_TOKEN_ASCII = re.compile(TOKEN.pattern, re.ASCII)

ROLE_WORDS = frozenset(
    """minister ministers ministry ministries spokesperson spokesman spokeswoman spokespeople official officials
    secretary president department party leader leaders lawmaker lawmakers diplomat diplomats ambassador
    government administration chief head adviser advisor advisers envoy foreign defence defense presidential
    top senior deputy opposition largest main national state agency office embassy military army
    representative representatives source sources analyst analysts expert experts prime vice general
    director commander member members ruling communications press council committee senator senators
    congressman congresswoman speaker chairman chairwoman chair premier counterpart negotiator negotiators
    officer officers authorities authority presidency palace cabinet parliament lawmaker spokespersons
    statement communique declaration readout written joint separate
    chancellor mayor governor foreign-policy us u.s. u.s us-based turkish russian american""".split()
)
# "sources familiar with the talks said", "a diplomat close to the negotiations said"
_SOURCES_CLOSE_TO = re.compile(
    r"(?<![\w])((?:(?:a|an|the|two|three|several|some|many|other)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:sources?|officials?|diplomats?|people|persons?|insiders?|aides?)\s+(?:close|familiar|linked|near)\s+(?:to|with)\s+"
    r"[^,;:\"“”]{1,60}?)\s*$", re.IGNORECASE)
_INITIALS_END = re.compile(r"\b\w\.\w\.$")  # "U.S." keeps its last full stop
_CLOSE_TO = frozenset(["close", "familiar", "near", "linked", "loyal", "allied", "affiliated"])
CONNECTORS = frozenset(["of", "for", "on", "'s", "’s", "and",
                        # particles inside names: Staffan de Mistura, Ursula von der Leyen, Adel al-Jubeir
                        "de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "ter", "al", "el", "bin",
                        "ibn", "abu", "le", "la"])
DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those",
                         "two", "three", "four", "five", "several", "some", "many", "other", "both", "one"])
PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i"])
OBJECT_PRONOUNS = frozenset(["him", "her", "them"])  # "quoted him as saying"
# Capitalised words that open a sentence without being part of its subject.
_OPENERS = frozenset(
    """earlier meanwhile however but and also later then in on at while speaking after before when
    since still yet instead moreover furthermore separately likewise similarly additionally finally
    last this that these those there here now today yesterday so thus though although despite asked
    responding addressing writing for with as if""".split()
)
# Words between a subject and its verb: "Kalın also said", "the ministry has repeatedly warned".
SKIPPABLE = frozenset(
    """also has have had later again repeatedly previously earlier then once reportedly publicly separately
    recently immediately further today yesterday himself herself itself themselves just already
    subsequently swiftly quickly strongly firmly openly sharply furthermore likewise similarly meanwhile
    however too now initially officially explicitly directly formally privately angrily bluntly
    flatly jointly promptly earlier separately had been would could was is were are""".split()
)


class Phrase(NamedTuple):
    start: int
    end: int
    text: str
    pronoun: bool = False
    possessive: bool = False


Token = re.Match   # t[0] the token's text, t.start() and t.end() its place in the article


def tokens(text: str, lo: int, hi: int) -> list[Token]:
    # The matches themselves, made in C: building a (start, end, text) tuple of each cost
    # twice as much as finding them, and most tokens are never looked at again.
    pattern = _TOKEN_ASCII if text.isascii() or text[lo:hi].isascii() else TOKEN
    return list(pattern.finditer(text, lo, hi))


def _np_word(word: str) -> bool:
    """A word that may stand in a speaker phrase: a capitalised word, a number or a role word."""
    w = word.rstrip(".")
    if not w:
        return False
    if w[0].isupper() or w[0].isdigit():
        return True
    low = w.lower()
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low in ROLE_WORDS


class _Memo(dict):
    """word -> _np_word(word), computed once per distinct word: the phrase walks ask it of the
    same words (names, titles) over and over, and a look-up costs less than the test."""

    def __missing__(self, word: str) -> bool:
        if len(self) >= 100_000:
            self.clear()   # a bound, not a leak
        value = self[word] = _np_word(word)
        return value


np_word = _Memo().__getitem__


def _is_word(tok: str) -> bool:
    return tok[0].isalnum()


_INF = float("inf")


def within(pos: int, spans) -> bool:
    """pos inside one of the sorted, disjoint (start, end) spans (a bisection: a sentence may
    hold thousands)."""
    if not spans:
        return False   # most sentences hold no quotation and no time phrase
    k = bisect.bisect_right(spans, (pos, _INF)) - 1
    return k >= 0 and pos < spans[k][1]


def phrase_before(text: str, toks: list[Token], i: int, skip_spans=()) -> Phrase | None:
    """The speaker phrase ending just before token i (the cue), skipping adverbs and time phrases."""
    j = i - 1
    while j >= 0:
        t = toks[j]
        if within(t.start(), skip_spans) or t[0].lower() in SKIPPABLE:
            j -= 1
            continue
        if t[0].lower() == "on" and j + 1 < i and within(toks[j + 1].start(), skip_spans):
            j -= 1
            continue
        break
    if j < 0:
        return None
    t = toks[j]
    if t[0] == ")":
        # "Sen. Jane Roe (D-Ore.) said": the name stands before its party and state.
        k = j - 1
        while k > 0 and j - k <= 6 and toks[k][0] not in ("(", ")"):
            k -= 1
        if k > 0 and toks[k][0] == "(":
            j = k - 1
            t = toks[j]
    (s, e), w = t.span(), t[0]
    if w.lower() in PRONOUNS:
        return Phrase(s, e, w, pronoun=True)
    window = text[max(0, e - 120):e]
    near = None
    if "close" in window or "familiar" in window or "linked" in window or "near" in window:
        near = _SOURCES_CLOSE_TO.search(text, max(0, e - 120), e)
    if near:
        return Phrase(near.start(1), near.end(1), near.group(1))
    return _collect_backwards(text, toks, j)


def _collect_backwards(text: str, toks, j: int) -> Phrase | None:
    end_tok = j
    start_tok = None
    while j >= 0:
        w = toks[j][0]
        low = w.lower()
        if w[0].isalnum() and np_word(w):
            if j < end_tok and low.rstrip(".") in _OPENERS and (j == 0 or not _is_word(toks[j - 1][0])):
                break
            start_tok = j
            j -= 1
            continue
        if low in DETERMINERS and start_tok is not None:
            start_tok = j
            # "the spokesman of the Prime Minister's House": the head stands before 'of the'.
            if j >= 2 and toks[j - 1][0].lower() in ("of", "for") and np_word(toks[j - 2][0]) and not toks[j - 2][0][0].isupper():
                j -= 2
                start_tok = None
                continue
            # "a source close to the Prime Minister said": the source speaks, not the minister.
            if j >= 3 and toks[j - 1][0].lower() in ("to", "with") and toks[j - 2][0].lower() in _CLOSE_TO:
                j -= 3
                start_tok = None
                while j >= 0 and toks[j][0].lower() not in DETERMINERS and np_word(toks[j][0]):
                    start_tok = j
                    j -= 1
                if j >= 0 and toks[j][0].lower() in DETERMINERS and start_tok is not None:
                    start_tok = j
                break
            break
        if low in CONNECTORS and start_tok is not None and j > 0 and np_word(toks[j - 1][0]):
            j -= 1
            continue
        break
    if start_tok is None:
        return None
    # A lone sentence opener ("Earlier", "However") is no speaker.
    while start_tok <= end_tok and toks[start_tok][0].lower().rstrip(".") in _OPENERS and start_tok < end_tok:
        start_tok += 1
    s, e = toks[start_tok].start(), toks[end_tok].end()
    phrase = text[s:e]
    if phrase.endswith(".") and not _INITIALS_END.search(phrase):
        phrase = phrase.rstrip(".")
    if toks[start_tok][0].lower().rstrip(".") in _OPENERS:
        return None
    last = toks[end_tok][0].lower()
    return Phrase(s, s + len(phrase), phrase, possessive=last.endswith(("'s", "’s", "'", "’")))


def phrase_after(text: str, toks: list[Token], i: int) -> Phrase | None:
    """The speaker phrase starting just after token i (an inverted 'said X' or 'according to X')."""
    j = i + 1
    n = len(toks)
    if j < n and toks[j][0].lower() in PRONOUNS | OBJECT_PRONOUNS:
        t = toks[j]
        return Phrase(t.start(), t.end(), t[0], pronoun=True)
    start_tok = None
    end_tok = None
    while j < n:
        w = toks[j][0]
        low = w.lower()
        if start_tok is None and low in DETERMINERS:
            start_tok = j
            j += 1
            continue
        if _is_word(w) and (np_word(w) or (start_tok is not None and low in _MEDIA_WORDS)):
            if start_tok is None:
                start_tok = j
            end_tok = j
            j += 1
            continue
        if low in CONNECTORS and end_tok is not None and j + 1 < n and np_word(toks[j + 1][0]) and low != "on":
            j += 1
            continue
        break
    if end_tok is None:
        return None
    s, e = toks[start_tok].start(), toks[end_tok].end()
    phrase = text[s:e]
    if phrase.endswith(".") and not _INITIALS_END.search(phrase):
        phrase = phrase[:-1]
    # "the written statement issued by the Foreign Ministry": the issuer speaks.
    last = toks[end_tok][0].lower().rstrip(".")
    if last in ("statement", "communique", "communiqué", "declaration", "readout", "release", "post", "tweet"):
        k = end_tok + 1
        if k < n and toks[k][0].lower() in ("issued", "released", "published", "posted", "signed"):
            k += 1
        if k < n and toks[k][0].lower() in ("by", "from", "of"):
            issuer = phrase_after(text, toks, k)
            if issuer is not None and not issuer.pronoun:
                return issuer
    return Phrase(s, s + len(phrase), phrase)


_MEDIA_WORDS = frozenset("news agency newspaper broadcaster channel daily television tv radio outlet website "
                         "report reports media press wire".split())
_MEDIA = """afp|reuters|interfax|tass|ria|novosti|anadolu|ap|associated press|bloomberg|sputnik|trt|cnn|bbc|
xinhua|al jazeera|hurriyet|hürriyet|sabah|daily sabah|ntv|haberturk|habertürk|dpa|efe|ansa|kyodo|yonhap|the guardian|
new york times|washington post|wall street journal|financial times|politico|axios|news agency|broadcaster|newspaper|
media|report|reports|the agency|wire|state media|state television|isna|irna|fars|mehr|tasnim|yahoo news|yahoo"""
_MEDIA_NAMES = re.compile(r"\b" + trie_pattern(sorted(w.strip() for w in _MEDIA.replace("\n", "").split("|"))) + r"\b",
                          re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def is_media(phrase: str) -> bool:
    """A news outlet cited as a source is not a speaker reacting to the event."""
    return bool(_MEDIA_NAMES.search(phrase))
