"""Quotation to speaker: the attribution beside a quotation, a colon before it, the speaker
before it for a quotation standing alone, or the one closing a quotation over paragraphs."""

from __future__ import annotations

import re

from s400tracker.extract.attribution_lookup import AttributionLookup
from s400tracker.extract.attributions import NEAR, leading_subject
from s400tracker.extract.clauses import PUNCT_OR_SPACE, SAID_BEFORE
from s400tracker.extract.phrases import Phrase, is_media, phrase_after, phrase_before, tokens
from s400tracker.extract.quotes import Quote
from s400tracker.extract.state import Attribution, emit, resolve

def quotes_of_sentence(art, quotes: list[Quote], lookup: AttributionLookup, sentence, para, exprs, para_dates):
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
            chosen = chosen or _dash_speaker(art, q, sentence, para) or _continuation(art, q, sentence, para)
            if chosen is None:
                continue
        speaker_att = lookup.owner(chosen)
        mention = resolve(art, speaker_att, exprs, para_dates)
        if mention is None:
            continue
        kind = _quote_kind(text, q, sentence, chosen)
        date, basis = speaker_att.date, speaker_att.date_basis
        emit(art, q.start, q.end, kind, speaker_att, mention, date, basis, sentence)
        if art.pending and q.open == para[0]:
            # A quotation over several paragraphs: its earlier paragraphs are the same speaker's.
            for earlier, earlier_sentence, _ in art.pending:
                emit(art, earlier.start, earlier.end, "direct", speaker_att, mention, date, basis, earlier_sentence)
            art.pending.clear()


# '"…" ― Ann Lee': a quotation signed with a dash and a name, the way readers' voices are printed.
_DASH_NAME = re.compile(r"[ \t]*[―—–][ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,4})[ \t]*(?:,|\n|$)")


def _dash_speaker(art, q: Quote, sentence, para) -> Attribution | None:
    if q.close is None:
        return None
    m = _DASH_NAME.match(art.text, q.close + 1, para[1])
    if m is None or is_media(m.group(1)):
        return None
    name = Phrase(m.start(1), m.end(1), m.group(1))
    return Attribution(m.start(), m.start(1), "―", name, "subject", sentence)


def settle_pending(art) -> None:
    """Quotation paragraphs whose closing attribution never came take the speaker before them."""
    for q, sentence, fallback in art.pending:
        if fallback is not None:
            mention = fallback.mention
            emit(art, q.start, q.end, "direct", fallback, mention, fallback.date, fallback.date_basis, sentence)
    art.pending.clear()


def _colon_speaker(art, q: Quote, sentence) -> Attribution | None:
    """'Lavrov: "…"' — a name and a colon, the headline and live-blog way of quoting — and
    'Erdogan coupled calls for diplomacy with a warning: "…"', whose subject speaks."""
    text = art.text
    # Look only near the quotation: a sentence of thousands of quotes must not be re-read for each.
    if not text[max(sentence[0], q.open - NEAR):q.open].rstrip().endswith(":"):
        return _reply_of(art, q, sentence)
    toks = tokens(text, max(sentence[0], q.open - NEAR), q.open)
    if q.open - sentence[0] > NEAR:
        # Far into the sentence: its subject is read from its opening words.
        lead = leading_subject(text, tokens(text, sentence[0], sentence[0] + NEAR))
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
    lead = leading_subject(text, toks)
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
    toks = tokens(text, m.end(), min(sentence[1], m.end() + NEAR))   # the speaker's name, not the rest
    phrase = phrase_after(text, toks, -1) if toks else None
    if phrase is None:
        return None
    return Attribution(m.start(), m.end(), "reply", phrase, "subject", sentence)


def _continuation(art, q: Quote, sentence, para) -> Attribution | None:
    """A quotation standing alone goes on from the last speaker, if that was just before."""
    text = art.text
    if q.open - sentence[0] > 4 or (q.close is not None and sentence[1] - q.close > 6):
        return None  # the sentence holds more than the quotation
    outside = PUNCT_OR_SPACE.sub("", text[sentence[0]:q.open] + (text[q.close + 1:sentence[1]] if q.close is not None else ""))
    if outside:
        return None
    last = next((m for m in art.discourse.recent() if m.spoke), None)
    if last is None or q.open - last.pos > 1200:
        return None
    return Attribution(q.open, q.open, "", last.phrase, "continuation", sentence, mention=last, date=last.date,
                       date_basis="context" if last.date else "")



def _quote_kind(text: str, q: Quote, sentence, att: Attribution) -> str:
    inner = text[q.start:q.end]
    words = inner.split()
    if not words or not (inner[0].isupper() or inner[0] in "[…."):
        return "partial"
    s, e = sentence
    # Bounded windows: what matters stands right beside the quotation.
    before = text[max(s, q.open - NEAR):q.open].strip()
    if q.open - s > NEAR and not before:
        before = "…"   # far into the sentence: something stands before it
    after_start = (q.close + 1) if q.close is not None else q.end
    after = text[after_start:min(e, after_start + NEAR)].strip()
    # Direct: the quotation is the sentence, with only its attribution beside it.
    if SAID_BEFORE.search(before):
        return "direct"  # 'he said "There is a first time for everything"'
    if not before or before.endswith((":", ",")) or att.mode == "continuation":
        if len(words) >= 3:
            return "direct"
    if not after or after[0] in ",.!?":
        if not before and len(words) >= 3:
            return "direct"
    return "partial"
