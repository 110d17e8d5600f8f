"""What one article's extraction carries from sentence to sentence, and how a statement is recorded.

An Attribution is a verb of saying with its speaker phrase; resolve() ties its speaker to a
Mention of the running Discourse (and dates it, once); emit() appends a Found.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from s400tracker.core.model import Found
from s400tracker.extract.dates import TimeExpression
from s400tracker.extract.dating import date_for
from s400tracker.extract.phrases import Phrase, is_media
from s400tracker.extract.speakers import ActorIndex, Discourse, Mention

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
class ArticleState:
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


# "Lavrov: Moscow to react if US imposes new sanctions" — a name, a colon and what was said, on a

def resolve(art, a: Attribution, exprs, para_dates) -> Mention | None:
    if a.mention is not None:
        return a.mention
    if a.speaker is None:
        return None
    if is_media(a.speaker.text):
        return None
    m = art.discourse.resolve(art.text, a.speaker.start, a.speaker.end, a.speaker.pronoun, a.sentence)
    a.mention = m
    a.date, a.date_basis = date_for(art, a, exprs, para_dates, m)
    art.discourse.spoke(m, a.cue_start, a.date, a.date_basis, a.speaker)
    return m


def emit(art, start, end, kind, att: Attribution, mention: Mention, date, basis, sentence) -> None:
    speaker = att.speaker
    # The values in _EMIT_FIELDS' order, made in C (a keyword call's argument handling cost 1.5%
    # of extraction); no stance, which with_stances suggests later.
    art.found.append(_found((
        start, end, art.text[start:end], kind,
        speaker.text if speaker else mention.name,
        speaker.start if speaker else None,
        speaker.end if speaker else None,
        mention.actor, date, basis or ("undated" if date is None else "context"), att.cue,
        None, sentence[0], sentence[1], _resolved_name(speaker, mention),
    )))


_UNNAMED = frozenset("the a an this that these those one another some".split())


def _resolved_name(speaker: Phrase | None, mention: Mention) -> str | None:
    """The name the speaker phrase stands for: the actor's, an earlier speaker's for a pronoun or
    a role; None when a pronoun or a common noun ('the company') was resolved to no one."""
    name = mention.name
    if mention.actor is not None or speaker is None or name.lower() != speaker.text.lower():
        return name
    if speaker.pronoun or speaker.text.split(None, 1)[0].lower() in _UNNAMED:
        return None
    return name


# The order emit() lists a statement's values in, matched to Found's fields by name here, once:
# a field added to Found or moved takes its place (or its default) without emit() changing.
_EMIT_FIELDS = ("start", "end", "quote", "kind", "speaker", "speaker_start", "speaker_end", "actor", "date",
                "date_basis", "cue", "stance", "context_start", "context_end", "speaker_resolved")


def _found_maker(fields: tuple[str, ...]):
    """values in `fields`' order -> a Found."""
    if Found._fields == fields:
        return functools.partial(tuple.__new__, Found)   # Found._make without its Python-level length check
    where = {name: i for i, name in enumerate(fields)}
    defaults = Found._field_defaults
    layout = [(where[name], None) if name in where else (None, defaults[name]) for name in Found._fields]

    def make(values):
        return tuple.__new__(Found, [values[i] if i is not None else default for i, default in layout])
    return make


_found = _found_maker(_EMIT_FIELDS)
