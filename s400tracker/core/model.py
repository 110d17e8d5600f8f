"""The tracker's vocabulary as plain values; every layer above speaks in these types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = ("direct", "partial", "indirect")
KIND_LABELS = {"direct": "direct", "partial": "partial", "indirect": "reported"}

# Where a statement's date comes from, from most to least certain.
DATE_BASES = (
    "analyst",      # set by hand
    "explicit",     # "on December 14", "2020-12-14"
    "weekday",      # "on Monday", resolved backwards from publication
    "relative",     # "yesterday", "last week"
    "context",      # no time expression; the day last named in the article, or the speaker's antecedent
    "event",        # no time expression; the article's main event
    "publication",  # no time expression anywhere; the publication date
    "inferred",     # the article is undated; inferred from dated articles on the same event
    "undated",      # nothing to go on
)

# Reaction vocabulary modelled on CAMEO's verbal event codes (01 comment … 13 threaten).
STANCES = {
    "comment": "Make public statement",
    "appeal": "Appeal / urge",
    "dialogue": "Call for dialogue",
    "reaffirm": "Reaffirm / insist",
    "demand": "Demand",
    "reject": "Reject",
    "condemn": "Condemn / criticize",
    "threaten": "Threaten / retaliate",
    "approve": "Approve / welcome",
}
# One hue per stance family: hostile reds, firm blues, conciliatory greens, neutral grey. The
# app's cell tints blend these into the palette; the timeline's and the briefing's marks use
# them as they are.
STANCE_COLORS = {
    "comment": "#8c8c8c",
    "appeal": "#e0a030",
    "dialogue": "#3fa35b",
    "reaffirm": "#3f7fc0",
    "demand": "#e07b30",
    "reject": "#c0504d",
    "condemn": "#b03a48",
    "threaten": "#8e2c8e",
    "approve": "#2e9e8f",
}
NO_STANCE = "#b8b8b8"


@dataclass(frozen=True)
class Actor:
    key: str
    name: str
    group: str
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()  # aliases shared with other actors ("the Foreign Ministry")
    roles: tuple[str, ...] = ()      # generic descriptions that refer back to it ("the minister")
    countries: tuple[str, ...] = ()  # words that pick it out among actors sharing an alias
    color: str = ""
    position: int = 0


class Found(NamedTuple):
    """One statement found in one article by the extractor; offsets index the article's text.

    A named tuple rather than a frozen dataclass: the extractor makes hundreds of thousands of
    these on a big import, and a tuple is built several times faster.
    """

    start: int
    end: int
    quote: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    actor: str | None = None  # Actor.key, None when the speaker is no tracked actor
    date: dt.date | None = None
    date_basis: str = "undated"
    cue: str = ""             # the verb that attributes it, as written
    stance: str | None = None  # suggested stance code (STANCES), None when nothing suggests one
    context_start: int = 0    # the sentence around the quote
    context_end: int = 0
    speaker_resolved: str | None = None   # whom a pronoun or role names; the name itself; None when unknown


@dataclass(frozen=True)
class Document:
    id: int
    sha256: str
    path: str
    title: str
    outlet: str
    published: dt.date | None
    date_basis: str
    text: str
    imported_at: str = ""
    url: str = ""


@dataclass(frozen=True)
class Annotation:
    statement_id: str
    note: str = ""
    tags: tuple[str, ...] = ()
    stance: str | None = None
    author: str = ""
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Source:
    document_id: int
    title: str
    outlet: str
    published: dt.date | None
    path: str
    start: int
    end: int
    context: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    context_start: int = 0
    context_end: int = 0
    wording: str = ""        # how this article worded the statement (its own report's quote)


@dataclass(frozen=True)
class Statement:
    """A statement as the analyst sees it: extraction plus corrections plus annotation."""

    id: str
    actor: str | None        # effective Actor.key
    speaker: str | None
    date: dt.date | None     # effective date
    date_basis: str
    quote: str
    kind: str
    stance: str | None        # analyst's stance, else the suggestion
    stance_suggested: bool
    hidden: bool
    origin: str               # extracted | analyst
    sources: tuple[Source, ...] = ()
    annotation: Annotation | None = None
    tags: tuple[str, ...] = field(default=())
    # The analyst's corrections, kept apart from what extraction found so that re-extraction
    # never overwrites them; None when the statement stands as extracted.
    actor_override: str | None = None
    date_override: dt.date | None = None
    cue: str = ""
    stale: bool = False       # kept for its annotation/correction, but no longer extracted
