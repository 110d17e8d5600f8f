"""Speakers nobody tracks yet, grouped by the person or body they name, and tracking one.

The extractor records every speaker it finds. An analyst who sees "Erdogan" quoted forty times
under five spellings ("Turkish President Tayyip Erdogan", "Erdoğan", …) promotes him to an actor
in one step: the spellings become his aliases and re-extraction fills his row of the matrix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from s400tracker.extract.text import fold

_PRONOUNS = frozenset("he she it they we i him her them his its their".split())
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
# Heads that name a body rather than a person: such a speaker is grouped by its whole name.
_BODIES = re.compile(r"(?:ministry|department|office|party|government|administration|embassy|agency|"
                     r"kremlin|pentagon|house|council|committee|parliament|congress|senate|cabinet|union|"
                     r"alliance|nato|un|eu|statement|spokesman|spokeswoman|spokesperson|official|officials|"
                     r"sources?|diplomats?|analysts?|minister|president|secretary|chancellor|premier|"
                     r"ambassador|envoy|chief|leader|head|spokesperson)$", re.IGNORECASE)


@dataclass
class SpeakerGroup:
    key: str                      # what the spellings share, folded
    label: str                    # the most frequent spelling
    count: int = 0
    variants: dict[str, int] = field(default_factory=dict)   # spelling -> statements

    def suggested_name(self) -> str:
        """A short display name: the surname for a person, the name for a body."""
        words = _DETERMINERS.sub("", self.label).split()
        if len(words) > 1 and not _BODIES.search(words[-1]) and words[-1][:1].isupper():
            return words[-1]
        return _DETERMINERS.sub("", self.label)

    def suggested_aliases(self) -> list[str]:
        names = {_DETERMINERS.sub("", v).strip() for v in self.variants}
        return sorted(n for n in names if n)


def _key(speaker: str) -> str | None:
    bare = _DETERMINERS.sub("", speaker.strip()).rstrip(".,")
    words = bare.split()
    if not words or fold(bare) in _PRONOUNS:
        return None
    last = words[-1]
    if last[:1].isupper() and not _BODIES.search(last) and len(words) <= 6:
        return fold(last).removesuffix("'s")   # a person: by surname
    return fold(bare)


def group_speakers(rows: list[tuple[str, int]]) -> list[SpeakerGroup]:
    """(speaker as written, statements) rows -> groups, most quoted first. Pronouns are left out:
    once their antecedent is tracked, re-extraction attributes them."""
    groups: dict[str, SpeakerGroup] = {}
    for speaker, n in rows:
        key = _key(speaker)
        if key is None:
            continue
        g = groups.setdefault(key, SpeakerGroup(key=key, label=speaker))
        g.count += n
        g.variants[speaker] = g.variants.get(speaker, 0) + n
    for g in groups.values():
        g.label = max(g.variants.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    return sorted(groups.values(), key=lambda g: (-g.count, g.key))


def track_speaker(tracker, name: str, group: str, aliases: list[str], progress=None, cancel=None):
    """Make the speaker an actor and re-extract so that every statement of theirs finds its row."""
    if not name.strip():
        raise ValueError("an actor needs a name")
    known = {a.name.casefold() for a in tracker.actors()}
    if name.strip().casefold() in known:
        raise ValueError(f"there is already an actor called {name.strip()}")
    actor = tracker.add_actor(name.strip(), group=group.strip(), aliases=[a for a in aliases if a.strip()])
    report = tracker.reextract(progress=progress, cancel=cancel)
    return actor, report
