"""Annotation bundles: one analyst's work on a store, as a JSON file another analyst imports.

A bundle names statements by their stable ids (which derive from the article's text and the
quote's offsets, so they are the same in every store that imported the same article) and carries,
for each: the annotation with its author, times and history, the corrections (actor, date,
hidden) with who made them and when, and for statements the analyst added, what it takes to
recreate them. Importing merges (core/sharing.py): importing the same bundle twice changes
nothing; two edits of the same note are both kept, as a conflict the analyst resolves.

Import is all or nothing: the file is validated first (services/bundle_file.py; one line says
what is wrong), then applied in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from s400tracker.core.model import Actor
from s400tracker.core.sharing import (
    CONFLICT, CORRECTION_FIELDS, SAME, TAKE, Conflict, Content, Edit, decide, later, tags_of,
)
from s400tracker.services.atomic import atomic_write
# Reading and validating a bundle file; BundleError and FORMAT are part of this module's API.
from s400tracker.services.bundle_file import FORMAT, VERSION, BundleError, read
from s400tracker.store import NotFoundError, Store
from s400tracker.store import sharing


# -- export ----------------------------------------------------------------------------------


def build(store: Store, author: str) -> dict:
    """The bundle of everything the analyst did in `store`, as JSON-ready data."""
    worked, documents = sharing.worked_statements(store)
    actors = {a.key: a for a in store.actors()}
    used_actors: set[str] = set()
    statements = []
    for s in worked:
        item: dict = {"id": s.id, "origin": s.origin, "article": s.document_sha256,
                      "start": s.start, "end": s.end, "quote": s.quote}
        a = s.annotation
        if a is not None:
            item["annotation"] = {"note": a.note, "tags": list(a.tags), "stance": a.stance,
                                  "author": a.author, "created_at": a.created_at,
                                  "updated_at": a.updated_at}
        elif s.history:
            # Deleted here: say so, so that importers who still have it can follow.
            item["annotation"] = {"note": "", "tags": [], "stance": None, "author": "",
                                  "created_at": "", "updated_at": ""}
        else:
            item["annotation"] = None
        item["history"] = list(s.history)
        item["corrections"] = {
            f: {"value": e.value, "author": e.author, "at": e.at}
            for f, e in sorted((s.edits or {}).items()) if f in CORRECTION_FIELDS
        }
        if item["corrections"].get("actor", {}).get("value"):
            used_actors.add(item["corrections"]["actor"]["value"])
        if s.origin == "analyst":
            added = (s.edits or {}).get("added")
            item["added"] = {"actor": s.actor, "date": s.date, "kind": s.kind,
                             "speaker": s.speaker, "author": added.author if added else "",
                             "at": added.at if added else ""}
            if s.actor:
                used_actors.add(s.actor)
        statements.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": sharing.now(),
        "exported_by": author,
        "articles": [
            {"sha256": d.sha256, "title": d.title, "path": d.path, "outlet": d.outlet,
             "published": d.published.isoformat() if d.published else None}
            for d in documents
        ],
        "actors": [
            {"key": a.key, "name": a.name, "group": a.group, "aliases": list(a.aliases),
             "color": a.color}
            for k, a in actors.items() if k in used_actors
        ],
        "statements": statements,
    }


def export_bundle(store: Store, dest: str | Path, author: str) -> int:
    """Write the bundle to `dest`; returns how many statements it carries."""
    data = build(store, author)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with atomic_write(dest, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    return len(data["statements"])


# -- import ----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    annotations_added: int = 0
    annotations_updated: int = 0
    unchanged: int = 0
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)  # id, quote, their author
    corrections_applied: int = 0
    corrections_kept: int = 0          # ours is later and differs: kept ours
    statements_added: int = 0
    actors_added: list[str] = field(default_factory=list)
    missing_articles: list[tuple[str, str, str]] = field(default_factory=list)  # title, sha, path
    missing_statements: list[tuple[str, str]] = field(default_factory=list)     # id, quote
    unresolved: int = 0                # conflicts waiting in the store after the import

    @property
    def changed(self) -> bool:
        return bool(self.annotations_added or self.annotations_updated or self.conflicts
                    or self.corrections_applied or self.statements_added or self.actors_added)

    def lines(self) -> list[str]:
        out = [
            f"annotations: {self.annotations_added} added, {self.annotations_updated} updated, "
            f"{self.unchanged} unchanged",
            f"corrections: {self.corrections_applied} applied, {self.corrections_kept} kept ours "
            f"(later)",
            f"statements added by the analyst: {self.statements_added}",
        ]
        if self.actors_added:
            out.append(f"actors added: {', '.join(self.actors_added)}")
        for sid, quote, who in self.conflicts:
            whose = f"{who}'s" if who else "their"
            out.append(f"conflict: {sid} “{_short(quote)}”: both edited the note; "
                       f"{whose} version kept beside yours — resolve it in the app")
        if self.unresolved:
            out.append(f"unresolved conflicts in the store: {self.unresolved}")
        for title, sha, path in self.missing_articles:
            out.append(f"missing article: {title or '(untitled)'} (sha256 {sha}, {path or 'no path'})"
                       " — import it, then import the bundle again")
        for sid, quote in self.missing_statements:
            out.append(f"not found here: {sid} “{_short(quote)}” (extracted differently)")
        return out


def _short(text: str, n: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def import_bundle(store: Store, path: str | Path) -> ImportReport:
    """Merge a bundle into `store` in one transaction; BundleError (nothing changed) if it is bad."""
    data = read(path)
    try:
        return apply(store, data)
    except BundleError:
        raise
    except (ValueError, NotFoundError) as e:
        # Sound JSON that this store cannot take (a span past the end of its article, an
        # actor that clashes with one of ours): the transaction is rolled back whole.
        raise BundleError(f"{path}: cannot be applied to this store, nothing was imported: "
                          f"{e}") from None


def apply(store: Store, data: dict) -> ImportReport:
    report = ImportReport()
    articles = {a["sha256"]: a for a in data["articles"]}
    local_docs = {d.sha256: d for d in store.documents()}
    for sha, a in articles.items():
        if sha not in local_docs:
            report.missing_articles.append((a.get("title") or "", sha, a.get("path") or ""))
    with sharing.transaction(store):
        known = {a.key for a in store.actors()}
        _check_actors(data, known)
        for a in data["actors"]:
            if a["key"] not in known:
                store.add_actor(Actor(key=a["key"], name=a["name"], group=a.get("group") or "",
                                      aliases=tuple(a.get("aliases") or (a["name"],)),
                                      color=a.get("color") or ""))
                known.add(a["key"])
                report.actors_added.append(a["name"])
        for s in data["statements"]:
            doc = local_docs.get(s["article"])
            if doc is None:
                continue   # reported once, by article
            if not sharing.has_statement(store, s["id"]):
                if s["origin"] != "analyst":
                    report.missing_statements.append((s["id"], s.get("quote") or ""))
                    continue
                _add(store, doc.id, s)
                report.statements_added += 1
            _corrections(store, s, report)
            _annotation(store, s, report)
        report.unresolved = len(sharing.conflicts(store))
    return report


def _check_actors(data: dict, known: set[str]) -> None:
    # Checked before anything is written, so the message is about the bundle, not SQL.
    bundled = {a["key"] for a in data["actors"]}
    for i, s in enumerate(data["statements"]):
        keys = [(s.get("corrections") or {}).get("actor", {}).get("value")]
        if s["origin"] == "analyst":
            keys.append(s["added"].get("actor"))
        for k in keys:
            if k and k not in known and k not in bundled:
                raise BundleError(f"statements[{i}] names actor {k!r}, which neither this store "
                                  "nor the bundle defines; nothing was imported")


def _add(store: Store, document_id: int, s: dict) -> None:
    a = s["added"]
    day = dt.date.fromisoformat(a["date"]) if a.get("date") else None
    added = store.add_statement(document_id, s["start"], s["end"], a.get("actor"), day,
                                a["kind"], a.get("speaker"))
    sharing.record_edit(store, added.id, "added",
                        Edit(True, a.get("author") or "", a.get("at") or sharing.now()))


def _corrections(store: Store, s: dict, report: ImportReport) -> None:
    for f, e in s.get("corrections", {}).items():
        incoming = Edit(e["value"], e.get("author") or "", e["at"])
        local = sharing.edit_of(store, s["id"], f)
        if local is not None and local.value == incoming.value and local.at >= incoming.at:
            continue
        if local is not None and not later(local.at, incoming.at, local.value, incoming.value):
            if local.value != incoming.value:
                report.corrections_kept += 1
            continue
        if f == "hidden":
            store.set_hidden(s["id"], bool(incoming.value))
        elif f == "actor":
            store.correct(s["id"], actor=incoming.value)
        else:
            store.correct(s["id"], date=dt.date.fromisoformat(incoming.value)
                          if incoming.value else None)
        sharing.record_edit(store, s["id"], f, incoming)
        if local is None or local.value != incoming.value:
            report.corrections_applied += 1


def _annotation(store: Store, s: dict, report: ImportReport) -> None:
    a = s.get("annotation")
    history = list(s.get("history") or ())
    sid = s["id"]
    if a is None:
        if history:
            sharing.remember(store, sid, history)
        return
    theirs = Content(a["note"], tags_of(a.get("tags") or ()), a.get("stance"))
    local, _, _ = sharing.annotation_state(store, sid)
    verdict = decide(local, sharing.history_of(store, [sid]).get(sid, set()), theirs, history)
    if verdict == TAKE:
        sharing.put_annotation(store, sid, theirs, a.get("author") or "",
                               a.get("created_at") or "", a.get("updated_at") or sharing.now())
        if local is not None:
            sharing.remember(store, sid, [local.hash()])
        if local is None or local.empty:
            report.annotations_added += 1
        else:
            report.annotations_updated += 1
        # Conflicts they have settled since are settled here too.
        for c in sharing.conflicts(store, sid):
            if c.hash in history or c.hash == theirs.hash():
                sharing.drop_conflict(store, sid, c.hash)
    elif verdict == CONFLICT:
        if sharing.add_conflict(store, Conflict(sid, theirs, a.get("author") or "",
                                                a.get("updated_at") or "")):
            report.conflicts.append((sid, s.get("quote") or "", a.get("author") or ""))
        else:
            report.unchanged += 1
    else:
        report.unchanged += 1 if verdict == SAME or not theirs.empty else 0
    sharing.remember(store, sid, history)
