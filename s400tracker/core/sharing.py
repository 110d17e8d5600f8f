"""How two analysts' work on the same statement merges: pure decisions, no I/O.

An annotation's *content* is its note, tags and stance; author and time travel with it but do not
make it different (two analysts who typed the same note agree). Every store remembers the content
hashes each annotation has replaced — its history — and a bundle carries that history, so an
import can tell "they built on what I have" (take theirs) from "I built on what they have" (keep
mine) from "we both changed it" (a conflict: keep both, let the analyst choose). Deleting an
annotation is content too: the empty one.

Corrections (actor, date, hidden) are single values, so the later edit wins; an import reports
when it overrode or kept a differing value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Collection, Sequence

SAME, KEEP, TAKE, CONFLICT = "same", "keep", "take", "conflict"
CORRECTION_FIELDS = ("actor", "date", "hidden")


@dataclass(frozen=True)
class Content:
    note: str = ""
    tags: tuple[str, ...] = ()
    stance: str | None = None

    @property
    def empty(self) -> bool:
        return not self.note.strip() and not self.tags and self.stance is None

    def hash(self) -> str:
        # Canonical JSON: the same content hashes the same in every store and on every platform.
        data = json.dumps([self.note, list(self.tags), self.stance], ensure_ascii=False,
                          separators=(",", ":"))
        import hashlib   # here: the window reads conflicts at launch and hashes none (OpenSSL: 4 ms)

        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


def decide(
    local: Content | None,
    local_history: Collection[str],
    incoming: Content,
    incoming_history: Collection[str],
) -> str:
    """What importing `incoming` does to a statement whose annotation is `local`.

    `local` None means the statement was never annotated here; an annotation deleted here is
    Content() with the deleted version in `local_history`.
    """
    theirs = incoming.hash()
    if local is None:
        # Never annotated here: anything is news, except a deletion of something we never had.
        return KEEP if incoming.empty else TAKE
    mine = local.hash()
    if mine == theirs:
        return SAME
    if theirs in local_history:
        return KEEP          # we already replaced their version
    if mine in incoming_history:
        return TAKE          # they replaced ours
    return CONFLICT


def merged(mine: Content, theirs: Content) -> Content:
    """Both versions in one: both notes (ours first), every tag, our stance unless we had none."""
    notes = [n for n in (mine.note.strip(), theirs.note.strip()) if n]
    note = "\n\n".join(dict.fromkeys(notes))
    return Content(note, tuple(dict.fromkeys((*mine.tags, *theirs.tags))),
                   mine.stance if mine.stance is not None else theirs.stance)


def later(local_at: str | None, incoming_at: str, local_value, incoming_value) -> bool:
    """Whether an incoming correction replaces the local one: the later edit wins.

    ISO-8601 UTC strings compare in time order. On a tie the larger value (as JSON) wins, so
    two stores importing each other's bundles end up the same whichever imports first.
    """
    if local_at is None:
        return True
    if incoming_at != local_at:
        return incoming_at > local_at
    return _key(incoming_value) > _key(local_value)


def _key(value) -> str:
    return json.dumps(value, sort_keys=True)


def tags_of(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in values if t.strip()))


@dataclass(frozen=True)
class Edit:
    """The last correction of one field of a statement. `value` is JSON-ready: an actor key or
    None (as extracted), an ISO date or None, a bool for hidden."""

    value: object
    author: str
    at: str


@dataclass(frozen=True)
class Conflict:
    """Another analyst's version of an annotation that differs from ours; kept until resolved."""

    statement_id: str
    content: Content
    author: str
    updated_at: str

    @property
    def hash(self) -> str:
        return self.content.hash()


@dataclass(frozen=True)
class SharedStatement:
    """Everything a bundle says about one statement the analyst worked on."""

    id: str
    origin: str                      # extracted | analyst
    document_sha256: str
    start: int
    end: int
    quote: str
    annotation: "object | None"      # core.model.Annotation
    history: tuple[str, ...] = ()
    edits: "dict[str, Edit] | None" = None
    # For statements the analyst added: what add_statement needs to recreate them.
    actor: str | None = None
    date: str | None = None
    kind: str = "direct"
    speaker: str | None = None
