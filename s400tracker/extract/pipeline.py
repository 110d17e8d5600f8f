"""extract(text, published, index) -> list[Found]: the whole extractor, pure and deterministic.

It finds statements; suggesting a stance for each is a separate step (stance.with_stances), which
the import runs and `s400tracker extract`, printing no stance, does not pay for.

One pass over the article's paragraphs and sentences. In each sentence the attributions (a cue
verb with its speaker phrase) are found first; quotations then take the attribution next to them,
and clauses of reported speech without quotation marks become 'indirect' statements. A running
Discourse resolves pronouns and roles to the speakers before them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import operator
import re
from dataclasses import dataclass, field

from s400tracker.core.model import Found
from s400tracker.extract import cues
from s400tracker.extract.attribution_lookup import AttributionLookup
from s400tracker.core.article_head import date_marker
from s400tracker.extract.dates import TimeExpression, time_expressions
from s400tracker.extract.phrases import (DETERMINERS, Phrase, is_media, np_word, phrase_after, phrase_before,
                                         tokens, within)
from s400tracker.extract.quotes import Quote, find_quotes, opens_with_quote
from s400tracker.extract.sentences import sentences
from s400tracker.extract.speakers import ActorIndex, Discourse, Mention
from s400tracker.extract.text import fold, paragraphs
from s400tracker.extract.wordtrie import trie_pattern

__all__ = ["ActorIndex", "extract"]

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


def _clause_break(text: str, lo: int, hi: int) -> int:
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
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|stated|declared|wrote|tweeted|told [\w'’-]+)\s*[,:]?$", re.IGNORECASE)
_DISCOURSE_OPENER = re.compile(r"\s*(?:however|meanwhile|moreover|furthermore|nevertheless|nonetheless|still|indeed|"
                               r"in addition|at the same time|in any case|but|and|yet|instead)\s*,\s*", re.IGNORECASE)
# What follows a verb of saying without being said: a subordinate clause or a prepositional phrase.
_MEDIA_VERBS = ("report", "quoted", "cited", "said", "says", "wrote")
_SUBORDINATE_START = re.compile(r"(?:where|when|whereas|while|as|after|before|because|since|during|upon|following|"
                                r"amid|despite|shortly|who|which|on|in|at|of|with|to|for|from|by|under|via)\b",
                                re.IGNORECASE)
_ADJUNCTS_THEN_THAT = re.compile(r"\s*,?\s*(?:on|in|at|after|before|during|with|from|following|earlier|late|last)\b"
                                 r"[^\"“”;:]{0,120}?\bthat\b\s*", re.IGNORECASE)
_NEWS_WINDOW = dt.timedelta(days=14)
_PUNCT_OR_SPACE = re.compile(r"[\s\"“”„«»'‘’.,!?…—–-]")
_COORDINATION = re.compile(r"[;:]|,\s*(?:and|but)\b|\band\s*$")
_THIS_THEN_ADJUNCT = re.compile(r"\s*(?:this|so|as much)\s*(?:$|\b(?:in|on|at|to|during|after|while)\b)", re.IGNORECASE)
_OPENING_PHRASE = re.compile(r"\s*(?:on|in|at|after|before|while|speaking|earlier|meanwhile|however|during|since|"
                             r"asked|responding|addressing|according|despite|following|when|for|with|as)\b", re.IGNORECASE)
_THIS = re.compile(r"\s*(?:this|so|as much)\b", re.IGNORECASE)


@dataclass(slots=True)
class Attribution:
    cue_start: int
    cue_end: int
    cue: str
    speaker: Phrase | None
    mode: str                  # subject | inverted | according | participle | coordinated
    sentence: tuple[int, int]
    mention: Mention | None = None
    date: dt.date | None = None
    date_basis: str = ""


@dataclass
class _Article:
    text: str
    published: dt.date | None
    index: ActorIndex
    folded: str
    discourse: Discourse
    event: TimeExpression | None = None
    found: list | None = None
    days_so_far: list = field(default_factory=list)
    pending: list = field(default_factory=list)  # quotes running on into the next paragraph, speaker unknown
    exprs: list = field(default_factory=list)
    expr_starts: list = field(default_factory=list)
    names: list = field(default_factory=list)
    name_starts: list = field(default_factory=list)
    cue_hits: list = field(default_factory=list)
    datable_of: list | None = None   # the sentence's time expressions that datable holds the dated ones of
    datable: list = field(default_factory=list)


def extract(text: str, published: dt.date | None, index: ActorIndex) -> list[Found]:
    marker = date_marker(text)
    if marker:
        published = published or marker[2]
        # The marker is blanked out (same length) so it is read neither as a date nor as words.
        work = " " * marker[1] + text[marker[1]:]
    else:
        work = text
    folded = fold(work)
    art = _Article(work, published, index, folded, Discourse(index, folded), found=[])
    # Whole-article scans; sentences take their share. Names, verbs of saying and time
    # expressions are tried only at the places one pass finds for all three.
    starts = index.word_starts(folded)
    art.exprs = time_expressions(work, 0, len(work), published, folded, starts)
    art.expr_starts = [x.start for x in art.exprs]
    art.names, art.cue_hits = index.scan(folded, starts)
    art.name_starts = [m[0] for m in art.names]
    art.discourse.names, art.discourse.name_starts = art.names, art.name_starts
    paras = paragraphs(work)
    para_quotes = [
        find_quotes(work, lo, hi, n + 1 < len(paras) and opens_with_quote(work, *paras[n + 1]))
        for n, (lo, hi) in enumerate(paras)
    ]
    art.event = _main_event(art, paras, para_quotes)
    for (lo, hi), quotes in zip(paras, para_quotes):
        _paragraph(art, lo, hi, quotes)
    _settle_pending(art)
    found = sorted(art.found, key=_span)
    spans = list(map(_span, found))
    if len(set(spans)) == len(spans):
        return found   # the usual case: no span found twice
    return [f for i, f in enumerate(found) if i == 0 or spans[i] != spans[i - 1]]


_span = operator.itemgetter(0, 1)   # a Found's (start, end)


def _main_event(art: _Article, paras, para_quotes) -> TimeExpression | None:
    """The first datable day in the article's opening paragraphs: what its news is about."""
    for (lo, hi), quotes in zip(paras[:4], para_quotes):
        spans = [(q.open, q.close + 1 if q.close is not None else hi) for q in quotes]
        for expr in _between(art.exprs, art.expr_starts, lo, hi):
            if within(expr.start, spans) or expr.date is None:
                continue
            if art.published is None or expr.date <= art.published:
                return expr
    return None


def _paragraph(art: _Article, lo: int, hi: int, quotes: list[Quote]) -> None:
    text = art.text
    if art.pending and not (quotes and quotes[0].open == lo):
        _settle_pending(art)  # the quotation did not go on after all
    # Days named so far in the article: a statement without a time expression of its own most
    # likely belongs to the last one ("Monday's announcement … Pompeo clarified that …").
    para_dates = art.days_so_far
    if (not quotes and not _between(art.cue_hits, art.cue_hits, lo, hi)
            and (hi - lo > _HEADLINE_MAX or text[hi - 1] in ".!?")):
        # Background: no quotation, no verb of saying, too long (or too finished) for a headline.
        # Its names and days are all it gives, in the order a pass over its sentences would.
        art.discourse.note_names(_between(art.names, art.name_starts, lo, hi))
        para_dates.extend(x for x in _between(art.exprs, art.expr_starts, lo, hi)
                          if x.date is not None and _recent(x.date, art.published))
        return
    if quotes:
        spans = [(q.open, q.close + 1 if q.close is not None else hi) for q in quotes]
        opens = [q.open for q in quotes]
    else:
        spans = opens = []
    previous_sentence: tuple[int, int] | None = None
    # _between's look-ups, written out: three for every sentence of the article.
    names_all, name_starts, exprs_all, expr_starts, cue_hits = (
        art.names, art.name_starts, art.exprs, art.expr_starts, art.cue_hits)
    first_at = bisect.bisect_left
    for s, e in sentences(text, lo, hi, spans):
        names = names_all[first_at(name_starts, s):first_at(name_starts, e)]
        if names:
            art.discourse.note_names(names)
        if quotes:
            first = bisect.bisect_left(opens, s)
            last = bisect.bisect_left(opens, e)
            in_sentence = quotes[first:last]
            masked = spans[max(0, first - 1):last]
        else:
            in_sentence = masked = ()
        exprs = exprs_all[first_at(expr_starts, s):first_at(expr_starts, e)]
        if masked and exprs:
            exprs = [x for x in exprs if not within(x.start, masked)]
        hits = cue_hits[first_at(cue_hits, s):first_at(cue_hits, e)]
        if not in_sentence and not hits:
            # No quotation and no verb of saying: nothing said here, only days to remember —
            # unless it is a headline in the "Peskov: Russia considers the sanctions illegal" form.
            if (s, e) == (lo, hi):
                _headline_statement(art, s, e, exprs, para_dates)
            if exprs:
                para_dates.extend(x for x in exprs if x.date is not None and _recent(x.date, art.published))
            previous_sentence = (s, e)
            continue
        attributions = _attributions(art, s, e, masked, exprs, hits)
        if not attributions and not in_sentence and (s, e) == (lo, hi):
            _headline_statement(art, s, e, exprs, para_dates)   # "Lavrov: Moscow will answer …"
        lookup = AttributionLookup(attributions)
        if in_sentence:
            _quotes_of_sentence(art, in_sentence, lookup, (s, e), (lo, hi), exprs, para_dates)
        if attributions:
            _reported(art, lookup, in_sentence, masked, (s, e), exprs, para_dates, previous_sentence)
        if exprs:
            para_dates.extend(x for x in exprs if x.date is not None and _recent(x.date, art.published))
        previous_sentence = (s, e)


def _between(items: list, starts: list[int], lo: int, hi: int) -> list:
    """The items (sorted by start, starts their start offsets) that start in [lo, hi)."""
    return items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


# "Lavrov: Moscow to react if US imposes new sanctions" — a name, a colon and what was said, on a
# line of its own without a full stop. Labels ("FILE PHOTO:", "Update:") are no speakers.
_HEADLINE_COLON = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:\s+(\S[^\n]{10,}?)\s*$")
_HEADLINE_MAX = 160
_LABELS = frozenset("""photo file update updated watch read more source sources editor editing reporting video
    live breaking exclusive analysis opinion comment note correction related see also tags category""".split())


def _headline_statement(art, s: int, e: int, exprs, para_dates) -> None:
    text = art.text
    if e - s > _HEADLINE_MAX or text[e - 1] in ".!?":
        return
    m = _HEADLINE_COLON.fullmatch(text, s, e)
    if not m or any(w.lower().rstrip(".") in _LABELS for w in m.group(1).split()) or m.group(1).isupper():
        return
    speaker = Phrase(m.start(1), m.end(1), m.group(1))
    if is_media(speaker.text):
        return
    att = Attribution(m.end(1), m.end(1) + 1, ":", speaker, "subject", (s, e))
    mention = _resolve(art, att, exprs, para_dates)
    if mention is not None:
        _emit(art, m.start(2), m.end(2), "indirect", att, mention, att.date, att.date_basis, (s, e))


def _recent(day: dt.date, published: dt.date | None) -> bool:
    """A day close to publication: the news itself, not background ('delivered in July 2019')."""
    return published is None or dt.timedelta(0) <= published - day <= _NEWS_WINDOW




def _attributions(art: _Article, s: int, e: int, masked, exprs, hit_list) -> list[Attribution]:
    """The sentence's attributions; hit_list: where its words of saying start (art.cue_hits)."""
    text = art.text
    if masked:
        hit_list = [h for h in hit_list if not within(h, masked)]
    if not hit_list:
        # A quotation alone, or words of saying only inside quotations: the speaker comes from
        # elsewhere (a colon, the sentence before).
        return []
    # Words after the last verb of saying matter only for a speaker named after it ("said X on
    # Monday"): tokenizing the rest of a long sentence would be wasted.
    toks = tokens(text, s, min(e, hit_list[-1] + _AFTER_LAST_CUE))
    time_spans = exprs   # (start, end, …) tuples, sorted and disjoint: spans as they are
    found: list[Attribution] = []
    headline = None
    for i, cue_start, cue_end, cue in cues.find_cues(toks, hit_list):
        if within(cue_start, masked):
            continue
        before = toks[i - 1][0] if i > 0 else ""
        low, before_low = cue.lower(), before.lower()
        if cue[0].isupper() and i == 0 and len(toks) > 1 and toks[1][0][:1].isupper():
            continue  # "State Department spokesperson …": a name, not a verb
        if cue[0].isupper() and i > 0:
            if headline is None:
                headline = _headline(toks)
            if not headline:
                continue  # part of a name: "the United States", "Washington Post Reports"
        if low.startswith("according"):
            phrase = phrase_after(text, toks, i + 1)
            if phrase and not is_media(phrase.text):
                found.append(Attribution(cue_start, cue_end, cue, phrase, "according", (s, e)))
            continue
        if before_low == "to" and _went_on_to(toks, i):
            verb = i - 3 if toks[i - 2][0].lower() == "on" else i - 2
            subject = phrase_before(text, toks, verb, time_spans)
            found.append(Attribution(cue_start, cue_end, cue, subject, "subject" if subject else "coordinated", (s, e)))
            continue
        if low == "saying" and before_low == "as" and i >= 3:
            quoted = _quoted_as_saying(text, toks, i)
            if quoted is not None:
                found.append(Attribution(cue_start, cue_end, cue, quoted, "subject", (s, e)))
                continue
        if cues.blocked(cue, before) or low.partition(" ")[0] in cues.BELIEF:
            continue
        if before_low in _PASSIVE and low != "saying":
            continue  # "if he is asked to leave": said of him, not by him
        if low in cues.INVERTED_ONLY and text[max(s, cue_start - 3):cue_start].strip()[-2:] not in (',"', ",”", ",’", ",'"):
            continue
        if cues.is_participle(cue):
            after_comma = before == "," or text[max(s, cue_start - 3):cue_start].rstrip()[-2:] in (',"', ",”", ",’")
            if found and after_comma:
                found.append(Attribution(cue_start, cue_end, cue, None, "participle", (s, e)))
            elif before_low not in ("," , "and") and _WITH_BEFORE.search(text, max(s, cue_start - 80), cue_start):
                # "…, with an official saying that …": the one named after "with" speaks.
                subject = phrase_before(text, toks, i, time_spans)
                if subject is not None and not subject.possessive:
                    found.append(Attribution(cue_start, cue_end, cue, subject, "subject", (s, e)))
            elif after_comma:
                # "Erdogan linked his message to history, saying: …": the sentence's subject speaks.
                lead = _leading_subject(text, toks)
                if lead is not None and lead.end < cue_start:
                    found.append(Attribution(cue_start, cue_end, cue, lead, "subject", (s, e)))
            continue
        att = _speaker_of_cue(art, toks, i, cue_start, cue_end, cue, time_spans, (s, e), found)
        if att is not None and cues.lemma(cue) == "report" and att.speaker is not None and not att.speaker.pronoun:
            continue   # "…, Azernews reports": an outlet, whatever its name, is a source, not a speaker
        if att is not None and not _nested(text, att, found):
            found.append(att)
    return _drop_reported_inside_final(text, found, (s, e))


def _headline(toks) -> bool:
    """At most 14 words, three in five capitalised: 'Erdogan Says Turkey Will Respond'."""
    words = capitalised = 0
    for t in toks:
        first = t[0][0]
        if first.isalpha():
            words += 1
            if words > 14:
                return False   # a sentence's worth: no need to read on
            capitalised += first.isupper()
    return capitalised >= 0.6 * words


_INTRO_WORDS = frozenset("""on in at after before while when during since as following despite amid with for from
    by under earlier later meanwhile however also speaking asked addressing responding writing although though
    last this yesterday today""".split())
_WITH_BEFORE = re.compile(r"\bwith\s+(?:[\w'’.-]+\s+){1,6}$", re.IGNORECASE)
_AFTER_LAST_CUE = 240
_SAYING_DAY_REACH = 60
_NEAR = 200   # characters around a quotation that decide how it is attributed
_PASSIVE = frozenset("is are was were be been being am".split())


def _went_on_to(toks, i: int) -> bool:
    """'he went on to say', 'she continued to say': the speaker is the one before."""
    words = [t[0].lower() for t in toks[max(0, i - 3):i]]
    return len(words) >= 2 and words[-1] == "to" and (words[-2] in ("on", "continued", "continues", "proceeded"))


def _quoted_as_saying(text: str, toks, i: int) -> Phrase | None:
    """'ISNA news agency quotes him as saying': the one quoted is the speaker, not the outlet;
    'Erdoğan was quoted as saying by PolitikYol': so is the subject of the passive."""
    for j in range(i - 2, max(-1, i - 8), -1):
        if toks[j][0].lower() in ("quoted", "quotes", "quoting", "cited", "cites", "citing"):
            if j > 0 and toks[j - 1][0].lower() in _PASSIVE:
                return phrase_before(text, toks, j - 1)
            return phrase_after(text, toks, j)
    return None


def _drop_reported_inside_final(text: str, found: list[Attribution], sentence) -> list[Attribution]:
    """'The actions suggest otherwise, she said.': verbs before a closing attribution are its content."""
    if not found:
        return found
    last = found[-1]
    if last.speaker is None or last.mode not in ("subject", "inverted"):
        return found
    cut = last.speaker.start if last.mode == "subject" else last.cue_start
    head = text[sentence[0]:cut].rstrip()
    end = sentence[1]
    while end > cut and text[end - 1] in " .!?…\"”’":
        end -= 1
    told = cues.lemma(last.cue) == "tell"
    if not head.endswith(",") or '"' in head or "“" in head or not _nothing_said_after(text, last.cue_end, end, told):
        return found
    return [a for a in found if a is last or a.mode == "according" or a.cue_start >= cut]


def _speaker_of_cue(art, toks, i, cue_start, cue_end, cue, time_spans, sentence, found) -> Attribution | None:
    text = art.text
    phrase = phrase_before(text, toks, i, time_spans)
    before = toks[i - 1][0] if i > 0 else ""
    if phrase is not None and not phrase.possessive:
        return Attribution(cue_start, cue_end, cue, phrase, "subject", sentence)
    if before == "," :
        # "the Republican People's Party, Turkey's largest opposition party, urged": the subject
        # stands before a parenthetical.
        k = i - 2
        while k >= 0 and toks[k][0] != "," and toks[k].start() >= sentence[0]:
            k -= 1
        if found and k >= 0 and found[-1].cue_start > toks[k].start() and found[-1].mode != "according":
            # "Erdoğan slammed the party without naming it, accused its MPs of …": one subject.
            return Attribution(cue_start, cue_end, cue, None, "coordinated", sentence)
        inner = _collect(text, toks, i - 1)
        outer = phrase_before(text, toks, k, time_spans) if k > 0 else None
        for candidate in (outer, inner):
            if candidate is not None and not candidate.possessive and not candidate.pronoun:
                if art.discourse.names_in(candidate.start, candidate.end):
                    return Attribution(cue_start, cue_end, cue, candidate, "subject", sentence)
        # '…," said X' / '…, said X': the speaker follows the verb ('…, told Reuters' names no speaker).
        after = phrase_after(text, toks, i)
        if after is not None and not cues.is_act(cue) and not is_media(after.text) and _ends_clause(text, after.end, sentence[1]):
            return Attribution(cue_start, cue_end, cue, after, "inverted", sentence)
        # "A spokesman for the Kremlin, Dmitry Peskov, said": the name, whichever side it stands.
        if inner is not None and not inner.possessive and _proper_name(inner) and not _proper_name(outer):
            return Attribution(cue_start, cue_end, cue, inner, "subject", sentence)
        if outer is not None and not outer.possessive and k > 0 and toks[k].start() > sentence[0] + 1:
            return Attribution(cue_start, cue_end, cue, outer, "subject", sentence)
        return None
    if before in ('"', "”", "’", "'", "»") or i == 0:
        after = phrase_after(text, toks, i)
        if after is not None and _ends_clause(text, after.end, sentence[1]):
            return Attribution(cue_start, cue_end, cue, after, "inverted", sentence)
        return None
    if before.lower() in ("and", "but") and found:
        return Attribution(cue_start, cue_end, cue, None, "coordinated", sentence)
    if before.lower() in ("and", "but"):
        lead = _leading_subject(text, toks)
        if lead is not None:
            return Attribution(cue_start, cue_end, cue, lead, "subject", sentence)
    return None


def _collect(text, toks, i):
    return phrase_before(text, toks, i)


_AFTER_INVERTED = re.compile(r"\s*(?:[,.;:!?—–)\"”’]|$|(?:on|in|at|during|after|before|last|this|earlier|later|who|which|"
                             r"told|adding|saying|according|when|while|to|from|of)\b|(?:monday|tuesday|wednesday|"
                             r"thursday|friday|saturday|sunday|yesterday|today)\b)", re.IGNORECASE)


def _ends_clause(text: str, pos: int, end: int) -> bool:
    """'said Kalın on Thursday.' names the speaker; 'said Moscow regretted …' starts the content."""
    return pos >= end or bool(_AFTER_INVERTED.match(text, pos, end))


def _nested(text: str, att: Attribution, found: list[Attribution]) -> bool:
    """'Peskov said Moscow regretted the decision': the second verb is inside what was said.

    Only the nearest earlier verb of saying is read: a clause break between it and the speaker
    stands between any farther one and the speaker too, so it decides alone. Nor is one
    more than _NESTED_REACH characters back read at all: what was said is within a clause of its
    verb, and a sentence of thousands of verbs without a full stop must not be re-read for each.
    """
    if att.mode != "subject" or att.speaker is None or att.speaker.pronoun:
        return False
    k = att.speaker.start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k > 0 and text[k - 1] == ",":   # read back from the speaker, not a copy of all before it
        return False   # "Commenting on what Russia announced, Nauert noted …": the main clause
    speaker_start = att.speaker.start
    reach = speaker_start - _NESTED_REACH
    for earlier in reversed(found):   # in the order of their verbs, which never overlap
        if earlier.cue_end < reach:
            return False
        if earlier.mode in ("subject", "inverted") and not cues.is_act(earlier.cue) and earlier.cue_end <= speaker_start:
            between = text[earlier.cue_end:speaker_start]
            return _clause_break(between, 0, len(between)) == len(between) and not _COORDINATION.search(between)
    return False


_NESTED_REACH = 400


def _proper_name(phrase: Phrase | None) -> bool:
    words = phrase.text.split() if phrase else []
    return bool(words) and words[0][0].isupper() and words[0].lower() not in ("the", "a", "an")


def _leading_subject(text, toks) -> Phrase | None:
    """The subject at the start of a sentence: its first noun phrase, after an opening clause."""
    start = 0
    if toks and (toks[0][0].lower() in _INTRO_WORDS or toks[0][0].lower().endswith("ing")):
        # "On Tuesday, the party urged …", "While presenting …, Erdogan coupled …"
        for k, t in enumerate(toks[:25]):
            if t[0] == ",":
                start = k + 1
                break
    for k in range(start, min(len(toks), start + 10)):
        w = toks[k][0]
        if not (w[0].isalnum() and (np_word(w) or w.lower() in DETERMINERS)):
            phrase = phrase_before(text, toks, k) if k > start else None
            return phrase if phrase is not None and not phrase.possessive else None
    return None


def _quotes_of_sentence(art, quotes: list[Quote], lookup: AttributionLookup, sentence, para, exprs, para_dates):
    text = art.text
    according = next((a for a in lookup.atts if a.mode == "according"), None)
    for q in quotes:
        chosen = according
        if chosen is None:
            chosen = (lookup.adjacent_after(text, q, sentence[1]) or lookup.nearest_before(q)
                      or lookup.any_after(q))
        if chosen is None:
            chosen = _colon_speaker(art, q, sentence)
            if chosen is None and q.continues:
                # Its speaker most likely comes where the quotation closes, paragraphs later.
                art.pending.append((q, sentence, _continuation(art, q, sentence, para)))
                continue
            chosen = chosen or _continuation(art, q, sentence, para)
            if chosen is None:
                continue
        speaker_att = lookup.owner(chosen)
        mention = _resolve(art, speaker_att, exprs, para_dates)
        if mention is None:
            continue
        kind = _quote_kind(text, q, sentence, chosen)
        date, basis = speaker_att.date, speaker_att.date_basis
        _emit(art, q.start, q.end, kind, speaker_att, mention, date, basis, sentence)
        if art.pending and q.open == para[0]:
            # A quotation over several paragraphs: its earlier paragraphs are the same speaker's.
            for earlier, earlier_sentence, _ in art.pending:
                _emit(art, earlier.start, earlier.end, "direct", speaker_att, mention, date, basis, earlier_sentence)
            art.pending.clear()


def _settle_pending(art) -> None:
    """Quotation paragraphs whose closing attribution never came take the speaker before them."""
    for q, sentence, fallback in art.pending:
        if fallback is not None:
            mention = fallback.mention
            _emit(art, q.start, q.end, "direct", fallback, mention, fallback.date, fallback.date_basis, sentence)
    art.pending.clear()


def _colon_speaker(art, q: Quote, sentence) -> Attribution | None:
    """'Lavrov: "…"' — a name and a colon, the headline and live-blog way of quoting — and
    'Erdogan coupled calls for diplomacy with a warning: "…"', whose subject speaks."""
    text = art.text
    # Look only near the quotation: a sentence of thousands of quotes must not be re-read for each.
    if not text[max(sentence[0], q.open - _NEAR):q.open].rstrip().endswith(":"):
        return _reply_of(art, q, sentence)
    toks = tokens(text, max(sentence[0], q.open - _NEAR), q.open)
    if q.open - sentence[0] > _NEAR:
        # Far into the sentence: its subject is read from its opening words.
        lead = _leading_subject(text, tokens(text, sentence[0], sentence[0] + _NEAR))
        if lead is not None and not is_media(lead.text) and (lead.pronoun or lead.text[:1].isupper()):
            return Attribution(toks[-1].start(), toks[-1].end(), ":", lead, "subject", sentence)
        return None
    if len(toks) < 2 or toks[-1][0] != ":":
        return _reply_of(art, q, sentence)
    phrase = phrase_before(text, toks, len(toks) - 1)
    if phrase is not None and phrase.start == toks[0].start() and len(toks) <= 9:
        if phrase.pronoun or is_media(phrase.text):
            return None
        return Attribution(toks[-1].start(), toks[-1].end(), ":", phrase, "subject", sentence)
    lead = _leading_subject(text, toks)
    if lead is not None and not is_media(lead.text) and (lead.pronoun or lead.text[:1].isupper()):
        return Attribution(toks[-1].start(), toks[-1].end(), ":", lead, "subject", sentence)
    return None


_REPLY_OF = re.compile(r"[\s,]*(?:was|came)\s+(?:the\s+)?(?:reply|response|reaction|answer|message|comment|verdict)\s+"
                       r"(?:of|from)\s+", re.IGNORECASE)


def _reply_of(art, q: Quote, sentence) -> Attribution | None:
    """'"…", was the reply of European Commission President Jean-Claude Juncker.'"""
    if q.close is None:
        return None
    text = art.text
    m = _REPLY_OF.match(text, q.close + 1, sentence[1])
    if not m:
        return None
    toks = tokens(text, m.end(), min(sentence[1], m.end() + _NEAR))   # the speaker's name, not the rest
    phrase = phrase_after(text, toks, -1) if toks else None
    if phrase is None:
        return None
    return Attribution(m.start(), m.end(), "reply", phrase, "subject", sentence)


def _continuation(art, q: Quote, sentence, para) -> Attribution | None:
    """A quotation standing alone goes on from the last speaker, if that was just before."""
    text = art.text
    if q.open - sentence[0] > 4 or (q.close is not None and sentence[1] - q.close > 6):
        return None  # the sentence holds more than the quotation
    outside = _PUNCT_OR_SPACE.sub("", text[sentence[0]:q.open] + (text[q.close + 1:sentence[1]] if q.close is not None else ""))
    if outside:
        return None
    last = next((m for m in art.discourse.recent() if m.spoke), None)
    if last is None or q.open - last.pos > 1200:
        return None
    return Attribution(q.open, q.open, "", last.phrase, "continuation", sentence, mention=last, date=last.date,
                       date_basis="context" if last.date else "")


def _resolve(art, a: Attribution, exprs, para_dates) -> Mention | None:
    if a.mention is not None:
        return a.mention
    if a.speaker is None:
        return None
    if is_media(a.speaker.text):
        return None
    m = art.discourse.resolve(art.text, a.speaker.start, a.speaker.end, a.speaker.pronoun, a.sentence)
    a.mention = m
    a.date, a.date_basis = _date_for(art, a, exprs, para_dates, m)
    art.discourse.spoke(m, a.cue_start, a.date, a.date_basis, a.speaker)
    return m


def _date_for(art, a: Attribution, exprs, para_dates, mention: Mention):
    # A day before the verb, or just after it ("said on Tuesday that"), dates the saying; one deep
    # inside what was said ("… the expulsion of a diplomat on March 21") dates something else.
    x = _nearest_day(art, a, exprs)
    if x is not None:
        return x.date, x.basis
    if (a.speaker is not None and (a.speaker.pronoun or a.speaker.text.lower().startswith("the "))
            and mention.date is not None and mention.date_basis in ("explicit", "weekday", "relative", "context")):
        return mention.date, "context"
    if para_dates:
        return para_dates[-1].date, "context"
    if art.event is not None:
        return art.event.date, "event"
    if art.published is not None:
        return art.published, "publication"
    return None, "undated"


def _nearest_day(art, a: Attribution, exprs) -> TimeExpression | None:
    """The dated time expression nearest the verb, at most _SAYING_DAY_REACH after it; of two as
    near, the first. The sentence's expressions are sorted and disjoint: walking back from the
    verb, the first one wholly before it is nearer than all before that."""
    if art.datable_of is not exprs:   # once per sentence, not once per verb
        art.datable_of = exprs
        art.datable = [x for x in exprs if x.date is not None]
    datable = art.datable
    best = best_gap = None
    for i in range(bisect.bisect_right(datable, a.cue_end + _SAYING_DAY_REACH, key=_start) - 1, -1, -1):
        x = datable[i]
        gap = min(abs(x.start - a.cue_end), abs(a.cue_start - x.end))
        if best_gap is None or gap <= best_gap:
            best, best_gap = x, gap
        if x.end <= a.cue_start:
            break
    return best


_start = operator.attrgetter("start")


def _quote_kind(text: str, q: Quote, sentence, att: Attribution) -> str:
    inner = text[q.start:q.end]
    words = inner.split()
    if not words or not (inner[0].isupper() or inner[0] in "[…."):
        return "partial"
    s, e = sentence
    # Bounded windows: what matters stands right beside the quotation.
    before = text[max(s, q.open - _NEAR):q.open].strip()
    if q.open - s > _NEAR and not before:
        before = "…"   # far into the sentence: something stands before it
    after_start = (q.close + 1) if q.close is not None else q.end
    after = text[after_start:min(e, after_start + _NEAR)].strip()
    # Direct: the quotation is the sentence, with only its attribution beside it.
    if _SAID_BEFORE.search(before):
        return "direct"  # 'he said "There is a first time for everything"'
    if not before or before.endswith((":", ",")) or att.mode == "continuation":
        if len(words) >= 3:
            return "direct"
    if not after or after[0] in ",.!?":
        if not before and len(words) >= 3:
            return "direct"
    return "partial"


def _emit(art, start, end, kind, att: Attribution, mention: Mention, date, basis, sentence) -> None:
    speaker = att.speaker
    # All of Found's fields in order, made in C (a keyword call's argument handling cost 1.5% of
    # extraction); no stance, which with_stances suggests later.
    art.found.append(_found((
        start, end, art.text[start:end], kind,
        speaker.text if speaker else mention.name,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        mention.actor, date, basis or ("undated" if date is None else "context"), att.cue,
        None, sentence[0], sentence[1],
    )))


_found = functools.partial(tuple.__new__, Found)   # Found._make without its Python-level length check


def _reported(art, lookup: AttributionLookup, quotes: list[Quote], masked, sentence, exprs, para_dates, previous):
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
        if quoted and (cues.is_act(a.cue) or len(text[lo:hi].split()) < 10 or quoted * 4 >= hi - lo):
            continue  # the quotation inside it is the statement
        # A long reported clause around a quoted word or two is a statement of its own as well.
        words = text[lo:hi].split()
        if len(words) < (2 if cues.is_act(a.cue) else 3):
            continue
        mention = _resolve(art, owner, exprs, para_dates)
        if mention is None:
            continue
        _emit(art, lo, hi, "indirect", owner, mention, owner.date, owner.date_basis,
              sentence)


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
                                and _nothing_said_after(text, a.cue_end, end, cues.lemma(a.cue) == "tell")):
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
        elif cues.lemma(a.cue) in cues.NEEDS_THAT:
            return None
        else:
            m = (_OBJECT_THEN_THAT.match(text, lo, end)
                 if that_ahead and cues.lemma(a.cue) in _TAKES_OBJECT else None)
            if m:
                lo = m.end()
    while lo < end and text[lo] in " ,:":
        lo += 1
    return _clause(text, lo, end, after_that=said_that)


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


def _nothing_said_after(text: str, lo: int, end: int, told: bool = False) -> bool:
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


def _clause(text: str, lo: int, hi: int, after_that: bool = False) -> tuple[int, int] | None:
    if _PARTICIPLE_START.match(text, lo, hi) or (not after_that and _SUBORDINATE_START.match(text, lo, hi)):
        return None  # "…, adding that …", "…, he told Reuters as he arrived": no content here
    if hi - lo > _CLAUSE_REACH:
        cut = text.rfind(" ", lo, lo + _CLAUSE_REACH)
        hi = cut if cut > lo else lo + _CLAUSE_REACH
    hi = _clause_break(text, lo, hi)
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
