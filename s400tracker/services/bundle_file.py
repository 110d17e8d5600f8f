"""Reading an annotation bundle someone else wrote: the file is untrusted, so it is read only if
it is a regular file of sane size, and nothing in it (a number of thousands of digits, nesting
thousands deep, text that is no valid Unicode, a value of the wrong type) gets further than one
BundleError that says, in one line, what is wrong. services/bundles.py applies what passes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from pathlib import Path

from s400tracker.core.ids import analyst_statement_id, statement_id
from s400tracker.core.model import KINDS, STANCES
from s400tracker.core.sharing import CORRECTION_FIELDS

FORMAT = "s400tracker-annotations"
VERSION = 1
_HEX = re.compile(r"[0-9a-f]+\Z")
_MAX_PROBLEMS = 12


class BundleError(ValueError):
    """The file is no bundle we can apply; nothing was changed. The message lists why."""


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
