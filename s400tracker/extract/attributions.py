"""The attributions of a sentence: each verb of saying with the phrase that names its speaker."""

from __future__ import annotations

import re

from s400tracker.extract import cues
from s400tracker.extract.clauses import COORDINATION, clause_break, nothing_said_after
from s400tracker.extract.phrases import (DETERMINERS, Phrase, is_media, np_word, phrase_after, phrase_before,
                                         tokens, within)
from s400tracker.extract.state import ArticleState, Attribution

def find_attributions(art: ArticleState, s: int, e: int, masked, exprs, hit_list) -> list[Attribution]:
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
        progressive = before_low in _PASSIVE and cues.is_participle(cue) and low != "saying"
        if before_low in _PASSIVE and low != "saying" and not progressive:
            continue  # "if he is asked to leave": said of him, not by him
        if low in cues.INVERTED_ONLY and text[max(s, cue_start - 3):cue_start].strip()[-2:] not in (',"', ",”", ",’", ",'"):
            continue
        if cues.is_participle(cue) and not progressive:   # "the envoy is demanding": a verb of its own
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
                lead = leading_subject(text, toks)
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
NEAR = 200   # characters around a quotation that decide how it is attributed
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
    if not head.endswith(",") or '"' in head or "“" in head or not nothing_said_after(text, last.cue_end, end, told):
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
        lead = leading_subject(text, toks)
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
    if att.mode != "subject" or att.speaker is None:
        return False
    if att.speaker.pronoun and not cues.is_act(att.cue):
        return False   # '…, Peskov said, and he added …': a pronoun goes on as a speaker of its own
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
            return clause_break(between, 0, len(between)) == len(between) and not COORDINATION.search(between)
    return False


_NESTED_REACH = 400


def _proper_name(phrase: Phrase | None) -> bool:
    words = phrase.text.split() if phrase else []
    return bool(words) and words[0][0].isupper() and words[0].lower() not in ("the", "a", "an")


def leading_subject(text, toks) -> Phrase | None:
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
