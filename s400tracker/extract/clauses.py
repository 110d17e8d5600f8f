"""Clause boundaries: what an attribution's verb governs, and reported speech made of it."""

from __future__ import annotations

import bisect
import re

from s400tracker.extract import cues
from s400tracker.extract.attribution_lookup import AttributionLookup
from s400tracker.extract.phrases import is_media
from s400tracker.extract.quotes import Quote
from s400tracker.extract.state import Attribution, emit, resolve
from s400tracker.extract.wordtrie import trie_pattern

_THAT = re.compile(r"\s*(?:,\s*)?(?:that\b\s*)?")
# Who was told: "told reporters", "told Turkey's TGRT television", "told a briefing in Moscow".
_TOLD_OBJECT = re.compile(
    r"\s*(?i:(?:a|an|the|his|her|their|its)\s+)?(?i:[\w'’.-]+\s+){0,4}?(?i:reporters|journalists|press|briefing|"
    r"conference|meeting|audience|parliament|lawmakers|newspaper|daily|agency|channel|broadcaster|tv|television|radio|"
    r"station|summit|forum|session|interview|gathering|crowd|supporters|members|students|delegates|correspondents?|"
    r"outlet|website|magazine|podcast|programme|program|show)\b|\s*(?:the\s+)?(?:[A-Z][\w'’-]*\s*)+")
_ADJUNCT = re.compile(
    r"\s*(?:,\s*)?(?:(?:earlier|later|late|early)\s+)?(?:(?:last|this|on)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"week|month)\b(?:\s+(?:morning|afternoon|evening|night))?|"
    r"\s*(?:,\s*)?(?:on|in|at|during|after|before|late|early|earlier|later)\b[^,]{0,60}?(?=\s+that\b|,)|"
    r"\s*(?:in a (?:statement|interview|tweet|post|speech|press conference|televised address|written statement)"
    r"(?:\s+(?:with|to|on|at|published|posted)\s+[^,]{0,60}?)?)(?=\s+that\b|,|\s)",
    re.IGNORECASE,
)
# Clause breaks: ", adding", ";", ", and told" open with a mark; " — ", " and told", " but said"
# with a space. Apart, the marks are searched for as two literal characters, and the spaces (every
# sixth character) only where a dash, "and" or "but" stands at all.
_BREAK_AT_MARK = re.compile(
    r";|,(?:\s*(?:adding|saying|noting|stressing|warning|insisting|arguing|urging|calling|while|as)\b"
    r"|\s+and\s+(?=\w+ed\b|said\b|told\b|called\b|urged\b))")
_BREAK_AT_SPACE = re.compile(
    r"\s(?:\s*—\s+|\s*and\s+(?=\w+ed\b|said\b|told\b|called\b|urged\b)|\s*but\s+(?=said\b|\w+ed\b))")


def clause_break(text: str, lo: int, hi: int) -> int:
    """Where the first clause break in text[lo:hi] starts; hi when there is none."""
    m = _BREAK_AT_MARK.search(text, lo, hi)
    first = m.start() if m else hi
    if text.find("and", lo, first) != -1 or text.find("but", lo, first) != -1 or text.find("—", lo, first) != -1:
        # A break at a space before the first mark: its words stand before the mark too.
        m = _BREAK_AT_SPACE.search(text, lo, first)
        if m:
            first = m.start()
    return first


# Content never opens with a gerund: "…, he said, referring to …" is an adjunct, not what he said.
_PARTICIPLE_START = re.compile(r"[a-z]\w*ing\b")
# "that" a few words after the verb ends its object: "told Turkey's TGRT television on Monday that …".
_OBJECT_THEN_THAT = re.compile(r"[^,;:\"“”]{1,80}?\bthat\b\s*")
# "…, state-owned Anadolu news agency reported on Friday": the outlet's attribution is no content.
_MEDIA_TAIL = re.compile(r",\s+[^,]{0,80}?\b(?:reported|reports|quoted|cited|said|says|wrote)\b[^,]{0,40}$", re.IGNORECASE)
SAID_BEFORE = re.compile(r"\b(?:said|says|added|stated|declared|wrote|tweeted|told [\w'’-]+)\s*[,:]?$", re.IGNORECASE)
_DISCOURSE_OPENER = re.compile(r"\s*(?:however|meanwhile|moreover|furthermore|nevertheless|nonetheless|still|indeed|"
                               r"in addition|at the same time|in any case|but|and|yet|instead)\s*,\s*", re.IGNORECASE)
# What follows a verb of saying without being said: a subordinate clause or a prepositional phrase.
_MEDIA_VERBS = ("report", "quoted", "cited", "said", "says", "wrote")
_SUBORDINATE_START = re.compile(r"(?:where|when|whereas|while|as|after|before|because|since|during|upon|following|"
                                r"amid|despite|shortly|who|which|on|in|at|of|with|to|for|from|by|under|via)\b",
                                re.IGNORECASE)
_ADJUNCTS_THEN_THAT = re.compile(r"\s*,?\s*(?:on|in|at|after|before|during|with|from|following|earlier|late|last)\b"
                                 r"[^\"“”;:]{0,120}?\bthat\b\s*", re.IGNORECASE)
PUNCT_OR_SPACE = re.compile(r"[\s\"“”„«»'‘’.,!?…—–-]")
COORDINATION = re.compile(r"[;:]|,\s*(?:and|but)\b|\band\s*$")
_THIS_THEN_ADJUNCT = re.compile(r"\s*(?:this|so|as much)\s*(?:$|\b(?:in|on|at|to|during|after|while)\b)", re.IGNORECASE)
_OPENING_PHRASE = re.compile(r"\s*(?:on|in|at|after|before|while|speaking|earlier|meanwhile|however|during|since|"
                             r"asked|responding|addressing|according|despite|following|when|for|with|as)\b", re.IGNORECASE)
_THIS = re.compile(r"\s*(?:this|so|as much)\b", re.IGNORECASE)


def reported_speech(art, lookup: AttributionLookup, quotes: list[Quote], masked, sentence, exprs, para_dates, previous):
    """Reported speech: the clause each attribution governs, when no quotation carries it."""
    text = art.text
    for a in lookup.atts:
        owner = lookup.owner(a)
        if owner.speaker is None and owner.mention is None:
            continue
        span = _content(art, a, sentence, previous)
        if span is None:
            continue
        lo, hi = span
        quoted = _quoted_inside(masked, lo, hi) if masked else 0
        kind = "indirect"
        if quoted:
            if _words_outside(text, masked, lo, hi) < _MIN_WORDS_AROUND_QUOTE:
                continue  # the quotation inside it is the statement
            # 'She said the plan was "a betrayal" of the voters': the reported clause is the
            # statement, its quoted words part of it, not a statement of their own.
            kind = "partial"
        else:
            words = text[lo:hi].split()
            if len(words) < (2 if cues.is_act(a.cue) else 3):
                continue
        if quoted:
            hi = _through_closing_mark(masked, lo, hi)
            first = _quotes_inside(art, sentence[0], lo, hi, owner)
            if first is None:
                continue   # its quotation is another's ('…, according to the ministry'): it stays theirs
        mention = resolve(art, owner, exprs, para_dates)
        if mention is None:
            continue
        if quoted:
            art.found[first:] = [f for f in art.found[first:] if not (lo <= f.start and f.end <= hi + 1)]
        emit(art, lo, hi, kind, owner, mention, owner.date, owner.date_basis, sentence)


_MIN_WORDS_AROUND_QUOTE = 3
_AFTER_THAT = re.compile(r"\b(?:that|whether|if)\s+$", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def _words_outside(text: str, spans, lo: int, hi: int) -> int:
    """How many words of text[lo:hi] stand outside the sorted, disjoint (start, end) spans."""
    count, pos = 0, lo
    k = max(0, bisect.bisect_right(spans, (lo, _INF)) - 1)
    for i in range(k, len(spans)):
        x, y = spans[i]
        if x >= hi:
            break
        if x > pos:
            count += len(_WORD.findall(text, pos, x))
        pos = max(pos, y)
    if pos < hi:
        count += len(_WORD.findall(text, pos, hi))
    return count


def _through_closing_mark(spans, lo: int, hi: int) -> int:
    """hi moved past the closing mark of a quotation the clause text[lo:hi] ends inside."""
    k = bisect.bisect_left(spans, (hi, -1)) - 1
    if k >= 0:
        x, y = spans[k]
        if lo <= x < hi < y:
            return y
    return hi


def _quotes_inside(art, sentence_start: int, lo: int, hi: int, owner: Attribution) -> int | None:
    """Where the sentence's statements start in art.found, when every quotation statement inside
    the clause text[lo:hi] is the owner's (the clause will stand for them); None when one has
    another speaker."""
    found = art.found
    k = len(found)
    while k > 0 and found[k - 1].context_start == sentence_start:
        k -= 1
    speaker_start = owner.speaker.start if owner.speaker is not None else None
    inside = [f for f in found[k:] if lo <= f.start and f.end <= hi + 1]
    if len(inside) > 1 or any(f.speaker_start != speaker_start for f in inside):
        return None
    return k


def _quoted_inside(spans, lo: int, hi: int) -> int:
    """How many characters of text[lo:hi] the sorted, disjoint (start, end) spans cover."""
    k = max(0, bisect.bisect_right(spans, (lo, _INF)) - 1)
    covered = 0
    for i in range(k, len(spans)):
        x, y = spans[i]
        if x >= hi:
            break
        covered += max(0, min(y, hi) - max(x, lo))
    return covered


_INF = float("inf")


def _content(art, a: Attribution, sentence, previous) -> tuple[int, int] | None:
    text = art.text
    s, e = sentence
    end = e
    while end > s and text[end - 1] in " .!?…\"”’":
        end -= 1
    if a.mode == "according":
        phrase_end = a.speaker.end
        if a.cue_start - s <= 2:  # "According to X, content."
            lo = phrase_end
            while lo < end and text[lo] in " ,":
                lo += 1
            return _clause(text, lo, end)
        hi = a.cue_start
        while hi > s and text[hi - 1] in " ,":
            hi -= 1
        return _clause_ending(text, s, hi)
    opened = False
    said_that = False
    if a.mode == "subject" or a.mode == "inverted":
        # "However, content, she said": a discourse adverb opens the sentence, not the content.
        m = _DISCOURSE_OPENER.match(text, s, end)
        opened = m is not None
        s = m.end() if m else s
    # Read around the speaker, never a copy of all the sentence before it: a sentence may hold
    # thousands of verbs of saying.
    if a.mode == "inverted" or (a.mode == "subject" and a.speaker is not None and a.speaker.start > s + 1
                                and _comma_before(text, s, a.speaker.start)
                                and (opened or not _opens_lower_case(text, s, a.speaker.start))
                                and _clause_before_is_content(text, s, a.speaker.start)
                                and nothing_said_after(text, a.cue_end, end, cues.lemma(a.cue) == "tell")):
        # "Content, Kalın said on Thursday" / "Content, said Kalın".
        hi = (a.cue_start if a.mode == "inverted" else a.speaker.start)
        while hi > s and text[hi - 1] in " ,":
            hi -= 1
        return _clause_ending(text, s, hi)
    if cues.is_act(a.cue):
        lo = a.cue_start
    else:
        lo = a.cue_end
        if cues.lemma(a.cue) == "tell":
            m = _TOLD_OBJECT.match(text, lo, end)
            if m:
                lo = m.end()
        # The patterns ending in "that" cannot match where no "that" follows (most clauses), and
        # none reaches farther than _THAT_REACH.
        that_ahead = art.folded.find("that", lo, min(end, lo + _THAT_REACH)) != -1
        m = _ADJUNCTS_THEN_THAT.match(text, lo, end) if that_ahead else None
        said_that = m is not None
        if m:
            lo = m.end()  # "said on Sunday after a meeting with A, B and C that …"
        for _ in range(2):
            m = _ADJUNCT.match(text, lo, end)
            if not m or m.end() <= lo:
                break   # tried again at the same place, it would fail again
            lo = m.end()
        if _THIS.match(text, lo, end) and _THIS_THEN_ADJUNCT.match(text, lo, end):
            # "X said this in an interview": the content is the sentence before.
            if previous is not None:
                ps, pe = previous
                while pe > ps and text[pe - 1] in " .!?":
                    pe -= 1
                return _clause_ending(text, ps, pe)
            return None
        m = _THAT.match(text, lo, end) if that_ahead else None
        if m and "that" in m.group(0).lower():
            lo = m.end()
            said_that = True
        elif said_that:
            pass
        elif cues.lemma(a.cue) in cues.OBJECT_SAID:
            # "denied the allegations": the verb phrase is what was said, up to a comma; not
            # inside a clause of another ("reports that Moscow had announced a delivery, …").
            if a.speaker is not None and _AFTER_THAT.search(text, max(s, a.speaker.start - 12), a.speaker.start):
                return None
            comma = text.find(",", a.cue_end, end)
            return _clause(text, a.cue_start, comma if comma != -1 else end, from_cue=True)
        elif cues.lemma(a.cue) in cues.NEEDS_THAT:
            return None
        else:
            m = (_OBJECT_THEN_THAT.match(text, lo, end)
                 if that_ahead and cues.lemma(a.cue) in _TAKES_OBJECT else None)
            if m:
                lo = m.end()
    while lo < end and text[lo] in " ,:":
        lo += 1
    return _clause(text, lo, end, after_that=said_that, from_cue=lo == a.cue_start)


_TAKES_OBJECT = frozenset("tell warn assure remind inform caution advise promise write answer".split())
# A reported clause longer than this is cut at a word boundary; none in news comes near it, and
# without a bound a sentence of thousands of verbs without a break held thousands of clauses each
# running to its end.
_CLAUSE_REACH = 600
_THAT_REACH = 500
_FOUR_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S+\s+\S")
_NOT_SPACE = re.compile(r"\S")
_NOT_TRIMMED = re.compile(r"[^ ,.]")


def _comma_before(text: str, s: int, pos: int) -> bool:
    """text[s:pos] ends with a comma, blanks apart."""
    while pos > s and text[pos - 1].isspace():
        pos -= 1
    return pos > s and text[pos - 1] == ","


def _opens_lower_case(text: str, s: int, pos: int) -> bool:
    """text[s:pos] opens, blanks apart, with a lower-case letter."""
    m = _NOT_SPACE.search(text, s, pos)
    return m is not None and text[m.start()].islower()


def _clause_ending(text: str, s: int, hi: int) -> tuple[int, int] | None:
    """The clause text[s:hi], cut to its last _CLAUSE_REACH characters at a word boundary."""
    if hi - s > _CLAUSE_REACH:
        cut = text.find(" ", hi - _CLAUSE_REACH, hi)
        s = cut + 1 if cut != -1 else hi - _CLAUSE_REACH
    return (s, hi) if hi > s else None


def nothing_said_after(text: str, lo: int, end: int, told: bool = False) -> bool:
    """'…, Kalın said on Thursday.' ends with its verb; '…, Peskov, said Moscow …' goes on."""
    if told:
        m = _TOLD_OBJECT.match(text, lo, end)
        lo = m.end() if m else lo
    for _ in range(3):
        m = _ADJUNCT.match(text, lo, end)
        if not m or m.end() <= lo:
            break
        lo = m.end()
    # What follows, commas, blanks and full stops trimmed at both ends (read in place).
    m = _NOT_TRIMMED.search(text, lo, end)
    if m is None:
        return True
    lo = m.start()
    while text[end - 1] in " ,.":
        end -= 1
    return (bool(_PARTICIPLE_START.match(text, lo, end)) or bool(_SUBORDINATE_START.match(text, lo, end))
            or text[lo:lo + 4].lower() == "and " and end - lo >= 4)


def _clause_before_is_content(text: str, s: int, speaker_start: int) -> bool:
    """'Turkey will not turn back …, Kalın said': a clause with a verb, not an opening phrase."""
    if _OPENING_PHRASE.match(text, s, speaker_start):
        return False
    return _FOUR_WORDS.match(text, s, speaker_start) is not None


# ", accused its deputies of …": a second verb of saying, asyndetic, starts a clause of its own.
_NEXT_VERB = re.compile(r",\s+(?=" + trie_pattern(sorted(w for w in cues.SAY_FORMS.keys() | cues.ACT_FORMS.keys()
                                                       if w.endswith("ed") or w in ("said", "told", "wrote"))) + r"\b)")


def _clause(text: str, lo: int, hi: int, after_that: bool = False, from_cue: bool = False) -> tuple[int, int] | None:
    if (not from_cue and _PARTICIPLE_START.match(text, lo, hi)) or (not after_that and _SUBORDINATE_START.match(text, lo, hi)):
        return None  # "…, adding that …", "…, he told Reuters as he arrived": no content here
    if hi - lo > _CLAUSE_REACH:
        cut = text.rfind(" ", lo, lo + _CLAUSE_REACH)
        hi = cut if cut > lo else lo + _CLAUSE_REACH
    hi = clause_break(text, lo, hi)
    m = _NEXT_VERB.search(text, lo, hi)
    if m:
        hi = m.start()
    tail = text[lo:hi]
    m = None
    if "," in tail and any(verb in tail for verb in _MEDIA_VERBS):   # the tail opens with a comma
        m = _MEDIA_TAIL.search(text, lo, hi)
    if m and is_media(m.group(0)):
        hi = m.start()
    while hi > lo and text[hi - 1] in " ,;:—–-":
        hi -= 1
    return (lo, hi) if hi > lo else None
