"""The analyst's edits, recorded so they can be shared: each annotation remembers the versions
it replaced, each correction who made it and when (see core/sharing.py for why).

Each function is one transaction: the edit and its record commit together or not at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from s400tracker.core.model import Annotation, Statement
from s400tracker.core.sharing import Conflict, Content, Edit, merged
from s400tracker.store import NotFoundError, Store
from s400tracker.store import sharing

RESOLUTIONS = ("mine", "theirs", "merge")


def annotate(store: Store, statement_id: str, note: str, tags: Sequence[str],
             stance: str | None, author: str) -> Annotation | None:
    with sharing.transaction(store):
        before, _, _ = sharing.annotation_state(store, statement_id)
        result = store.annotate(statement_id, note, tags, stance, author)
        after = Content(result.note, tuple(result.tags), result.stance) if result else Content()
        if before is not None and before.hash() != after.hash():
            sharing.remember(store, statement_id, [before.hash()])
    return result


def move(store: Store, statement_id: str, author: str, **changes) -> Statement:
    """changes: actor=key|None and/or date=date|None (None: as extracted)."""
    with sharing.transaction(store):
        result = store.correct(statement_id, **changes)
        at = sharing.now()
        for field, value in changes.items():
            if isinstance(value, dt.date):
                value = value.isoformat()
            sharing.record_edit(store, statement_id, field, Edit(value, author, at))
    return result


def set_hidden(store: Store, statement_id: str, hidden: bool, author: str) -> Statement:
    with sharing.transaction(store):
        result = store.set_hidden(statement_id, hidden)
        sharing.record_edit(store, statement_id, "hidden", Edit(hidden, author, sharing.now()))
    return result


def add_statement(store: Store, author: str, *args, **kwargs) -> Statement:
    with sharing.transaction(store):
        added = store.add_statement(*args, **kwargs)
        sharing.record_edit(store, added.id, "added", Edit(True, author, sharing.now()))
    return added


def resolve(store: Store, statement_id: str, conflict_hash: str, choice: str,
            author: str) -> Annotation | None:
    """Settle a conflict: keep our version, take theirs, or merge both (both notes, all tags).

    Either way both versions enter the history, so the other analyst's store takes the result
    on their next import instead of raising the conflict again.
    """
    if choice not in RESOLUTIONS:
        raise ValueError(f"unknown choice {choice!r}; expected one of {', '.join(RESOLUTIONS)}")
    with sharing.transaction(store):
        found = [c for c in sharing.conflicts(store, statement_id) if c.hash == conflict_hash]
        if not found:
            raise NotFoundError(f"no conflict {conflict_hash} on statement {statement_id}")
        theirs: Conflict = found[0]
        local, _, ann = sharing.annotation_state(store, statement_id)
        mine = local or Content()
        chosen = {"mine": mine, "theirs": theirs.content,
                  "merge": merged(mine, theirs.content)}[choice]
        if chosen != mine:
            annotate(store, statement_id, chosen.note, chosen.tags, chosen.stance, author)
        sharing.remember(store, statement_id, [theirs.hash, mine.hash()])
        sharing.drop_conflict(store, statement_id, conflict_hash)
        return store.statement(statement_id).annotation
