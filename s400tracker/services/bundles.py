"""Annotation bundles: one analyst's work on a store, as a JSON file another analyst imports.

A bundle names statements by their stable ids (which derive from the article's text and the
quote's offsets, so they are the same in every store that imported the same article) and carries,
for each: the annotation with its author, times and history, the corrections (actor, date,
hidden) with who made them and when, and for statements the analyst added, what it takes to
recreate them. Importing merges (core/sharing.py): importing the same bundle twice changes
nothing; two edits of the same note are both kept, as a conflict the analyst resolves.

Import is all or nothing: the file is validated first (every problem listed), then applied in
one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from s400tracker.core.ids import analyst_statement_id, statement_id
from s400tracker.core.model import KINDS, STANCES, Actor
from s400tracker.core.sharing import (
    CONFLICT, CORRECTION_FIELDS, SAME, TAKE, Conflict, Content, Edit, decide, later, tags_of,
)
from s400tracker.services.atomic import atomic_write
from s400tracker.store import NotFoundError, Store
from s400tracker.store import sharing

FORMAT = "s400tracker-annotations"
VERSION = 1
_HEX = re.compile(r"[0-9a-f]+\Z")
_MAX_PROBLEMS = 12


class BundleError(ValueError):
    """The file is no bundle we can apply; nothing was changed. The message lists why."""


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


# -- validation ------------------------------------------------------------------------------


def read(path: str | Path) -> dict:
    """Parse and validate a bundle file; BundleError says, in one line, what is wrong with it.

    The file comes from someone else: it is read only if it is a regular file of sane size, and
    nothing in it (a number of thousands of digits, nesting thousands deep, text that is no
    valid Unicode, a value of the wrong type) gets further than this refusal."""
    raw = _read_file(Path(path))
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_int=_bounded_int,
                          parse_constant=_no_constant)
    except UnicodeDecodeError as e:
        raise BundleError(f"{path}: not an annotation bundle (not UTF-8 text: byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise BundleError(f"{path}: not an annotation bundle (invalid JSON at line {e.lineno}, "
                          f"column {e.colno}: {e.msg})") from None
    except RecursionError:
        raise BundleError(f"{path}: not an annotation bundle (nested too deep)") from None
    except ValueError as e:   # a number we refuse to read (see _bounded_int, _no_constant)
        raise BundleError(f"{path}: not an annotation bundle ({e})") from None
    problems = _unsound_values(data) or validate(data)
    if problems:
        shown = problems[:_MAX_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f"; … and {more} more" if more else ""
        raise BundleError(f"{path}: not a valid annotation bundle, nothing was imported: "
                          + "; ".join(shown) + tail)
    return data


# A bundle of every statement of a very large store is some tens of megabytes.
MAX_BYTES = 512 * 1024 * 1024
# Offsets into an article (10 MB at most) and versions: nine digits are plenty, and a number of
# thousands of digits is refused before Python spends time converting it.
_MAX_DIGITS = 12
_MAX_OFFSET = 2 ** 31   # far beyond the largest article, well within SQLite's integers
_MAX_DEPTH = 8   # root, statements, a statement, corrections, a correction, its value, …


def _read_file(path: Path) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BundleError(f"{path}: no such file") from None
    except OSError as e:
        raise BundleError(f"{path}: cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise BundleError(f"{path}: a folder, not an annotation bundle")
    if not stat.S_ISREG(st.st_mode):
        # Never opened: opening a named pipe waits for a writer; a device has no end.
        raise BundleError(f"{path}: not a regular file (a pipe or a device), not an annotation bundle")
    if st.st_size > MAX_BYTES:
        raise BundleError(f"{path}: too large for an annotation bundle "
                          f"({st.st_size / 1024 ** 2:.0f} MB; the limit is {MAX_BYTES // 1024 ** 2} MB)")
    try:
        # Non-blocking: should the file have become a pipe since, reading it cannot hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            return f.read(MAX_BYTES + 1)
    except OSError as e:
        raise BundleError(f"{path}: cannot read: {e.strerror or e}") from None


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError(f"a number of {len(text.lstrip('-'))} digits")
    return int(text)


def _no_constant(name: str):
    raise ValueError(f"{name} is no number a bundle holds")


def _unsound_values(data) -> list[str]:
    """What no bundle holds anywhere: nesting deeper than its structure, text that is no valid
    Unicode (a lone surrogate, which JSON's \\u escapes can spell). Walked without recursion."""
    pending = [(data, "the file", 0)]
    while pending:
        value, where, depth = pending.pop()
        if depth > _MAX_DEPTH:
            return [f"{where}: nested deeper than a bundle is"]
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as e:
                    return [f"{where}: text that is not valid Unicode (character {e.start})"]
        elif isinstance(value, dict):
            pending.extend((v, f"{where}.{k}" if depth else k, depth + 1) for k, v in value.items())
            pending.extend((k, f"{where} (a key)", depth + 1) for k in value)
        elif isinstance(value, list):
            pending.extend((v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value))
    return []


def validate(data) -> list[str]:
    """Every problem with the bundle's structure, as 'where: what' lines; [] when it is sound."""
    if not isinstance(data, dict):
        return ["the file holds no JSON object"]
    fmt, version = data.get("format"), data.get("version")
    if fmt != FORMAT:
        return [f"format is {fmt!r}, expected {FORMAT!r} (is this an s400tracker annotation bundle?)"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [f"version is {version!r}, expected a whole number"]
    if version > VERSION:
        return [f"bundle version {version} was written by a newer s400tracker; this one reads "
                f"version {VERSION}: upgrade to import it"]
    p: list[str] = []
    articles = _list(data, "articles", p)
    shas = set()
    for i, a in enumerate(articles):
        where = f"articles[{i}]"
        if not _dict(a, where, p):
            continue
        sha = a.get("sha256")
        if not (isinstance(sha, str) and len(sha) == 64 and _HEX.match(sha)):
            p.append(f"{where}.sha256: expected 64 hex digits")
        else:
            shas.add(sha)
        for k in ("title", "path", "outlet"):
            _str(a, k, where, p, optional=True)
        _date(a.get("published"), f"{where}.published", p)
    keys: set[str] = set()
    for i, a in enumerate(_list(data, "actors", p)):
        where = f"actors[{i}]"
        if _dict(a, where, p):
            if not isinstance(a.get("key"), str) or not a["key"].strip():
                p.append(f"{where}.key: expected a non-empty string")
            if not isinstance(a.get("name"), str) or not a["name"].strip():
                p.append(f"{where}.name: expected a non-empty string")
            _str(a, "group", where, p, optional=True)
            _str(a, "color", where, p, optional=True)
            _strings(a.get("aliases", []), f"{where}.aliases", p)
            if isinstance(a.get("key"), str):
                if a["key"] in keys:
                    p.append(f"{where}.key: {a['key']!r} appears twice")
                keys.add(a["key"])
    seen = set()
    for i, s in enumerate(_list(data, "statements", p)):
        where = f"statements[{i}]"
        if _dict(s, where, p):
            _statement(s, where, shas, p)
            sid = s.get("id")
            if not isinstance(sid, str):
                continue   # named by _statement
            if sid in seen:
                p.append(f"{where}.id: {sid!r} appears twice")
            seen.add(sid)
    return p


def _statement(s: dict, where: str, shas: set, p: list[str]) -> None:
    origin = s.get("origin")
    if origin not in ("extracted", "analyst"):
        p.append(f"{where}.origin: expected 'extracted' or 'analyst', not {origin!r}")
    if not isinstance(s.get("id"), str):
        p.append(f"{where}.id: expected the statement's id")
    if not isinstance(s.get("article"), str) or s["article"] not in shas:
        p.append(f"{where}.article: not one of the bundle's articles")
    start, end = s.get("start"), s.get("end")
    if not (_int(start) and _int(end) and 0 <= start < end <= _MAX_OFFSET):
        p.append(f"{where}: start and end must be whole numbers, 0 <= start < end")
    elif origin in ("extracted", "analyst") and isinstance(s.get("article"), str) \
            and isinstance(s.get("id"), str):
        make = statement_id if origin == "extracted" else analyst_statement_id
        if s.get("id") != make(s["article"], start, end):
            p.append(f"{where}.id: {s.get('id')!r} does not match its article and offsets")
    _str(s, "quote", where, p, optional=True)
    ann = s.get("annotation")
    if ann is not None and _dict(ann, f"{where}.annotation", p):
        w = f"{where}.annotation"
        _str(ann, "note", w, p)
        _strings(ann.get("tags"), f"{w}.tags", p)
        if ann.get("stance") is not None and (not isinstance(ann["stance"], str)
                                               or ann["stance"] not in STANCES):
            p.append(f"{w}.stance: unknown stance {ann.get('stance')!r}")
        for k in ("author", "created_at", "updated_at"):
            _str(ann, k, w, p, optional=True)
    _strings(s.get("history", []), f"{where}.history", p)
    corrections = s.get("corrections", {})
    if _dict(corrections, f"{where}.corrections", p):
        for f, e in corrections.items():
            w = f"{where}.corrections.{f}"
            if f not in CORRECTION_FIELDS:
                p.append(f"{w}: unknown correction (expected {', '.join(CORRECTION_FIELDS)})")
                continue
            if not _dict(e, w, p):
                continue
            v = e.get("value")
            if f == "actor" and not (v is None or isinstance(v, str)):
                p.append(f"{w}.value: expected an actor key or null")
            if f == "date":
                _date(v, f"{w}.value", p)
            if f == "hidden" and not isinstance(v, bool):
                p.append(f"{w}.value: expected true or false")
            _str(e, "author", w, p, optional=True)
            if not isinstance(e.get("at"), str) or not e["at"]:
                p.append(f"{w}.at: expected the time of the edit")
    if origin == "analyst":
        added = s.get("added")
        if _dict(added, f"{where}.added", p):
            if not isinstance(added.get("kind"), str) or added["kind"] not in KINDS:
                p.append(f"{where}.added.kind: expected one of {', '.join(KINDS)}")
            _date(added.get("date"), f"{where}.added.date", p)
            for k in ("actor", "speaker", "author", "at"):
                _str(added, k, f"{where}.added", p, optional=True)


def _list(d: dict, key: str, p: list[str]) -> list:
    v = d.get(key)
    if not isinstance(v, list):
        p.append(f"{key}: expected a list")
        return []
    return v


def _dict(v, where: str, p: list[str]) -> bool:
    if not isinstance(v, dict):
        p.append(f"{where}: expected an object")
        return False
    return True


def _str(d: dict, key: str, where: str, p: list[str], optional: bool = False) -> None:
    v = d.get(key)
    if not (isinstance(v, str) or (optional and v is None)):
        p.append(f"{where}.{key}: expected text")


def _strings(v, where: str, p: list[str]) -> None:
    if not (isinstance(v, list) and all(isinstance(x, str) for x in v)):
        p.append(f"{where}: expected a list of strings")


def _int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _date(v, where: str, p: list[str]) -> None:
    if v is None:
        return
    try:
        dt.date.fromisoformat(v)
    except (TypeError, ValueError):
        p.append(f"{where}: expected a date YYYY-MM-DD or null, not {v!r}")


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
