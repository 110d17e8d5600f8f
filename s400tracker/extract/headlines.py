"""Headline statements in the 'Lavrov: Moscow will answer …' form."""

from __future__ import annotations

import re

from s400tracker.extract.phrases import Phrase, is_media
from s400tracker.extract.state import Attribution, emit, resolve

_HEADLINE_COLON = re.compile(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*:\s+(\S[^\n]{10,}?)\s*$")
HEADLINE_MAX = 160
_LABELS = frozenset("""photo file update updated watch read more source sources editor editing reporting video
    live breaking exclusive analysis opinion comment note correction related see also tags category""".split())


def headline_statement(art, s: int, e: int, exprs, para_dates) -> None:
    text = art.text
    if e - s > HEADLINE_MAX or text[e - 1] in ".!?":
        return
    m = _HEADLINE_COLON.fullmatch(text, s, e)
    if not m or any(w.lower().rstrip(".") in _LABELS for w in m.group(1).split()) or m.group(1).isupper():
        return
    speaker = Phrase(m.start(1), m.end(1), m.group(1))
    if is_media(speaker.text):
        return
    att = Attribution(m.end(1), m.end(1) + 1, ":", speaker, "subject", (s, e))
    mention = resolve(art, att, exprs, para_dates)
    if mention is not None:
        emit(art, m.start(2), m.end(2), "indirect", att, mention, att.date, att.date_basis, (s, e))
