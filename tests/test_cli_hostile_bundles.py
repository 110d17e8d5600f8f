"""Bundles from elsewhere are untrusted: whatever a file holds, `annotations import` refuses it in
one line, exit 2, with the store byte for byte as it was (see README, "Bad input")."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from s400tracker import cli
from s400tracker.core.ids import analyst_statement_id
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture


@pytest.fixture(scope="module")
def worked(tmp_path_factory):
    """Bob's store, and the bundle of Alice's work on the same articles: an annotation, a
    correction and a statement she added."""
    from s400tracker.services.tracker import Tracker
    from tests.test_cli import FINDER

    tmp = tmp_path_factory.mktemp("worked")
    folder = articles(tmp / "in")
    db = tmp / "bob.db"
    with Tracker.open(db, extract_fn=FINDER) as t:
        t.import_paths([folder])
    with Tracker.open(tmp / "alice.db", extract_fn=FINDER) as t:
        t.author = "alice"
        t.import_paths([folder])
        first, second = t.statements()
        t.annotate(first.id, note="a warning", tags=["reply"], stance=None)
        t.move_statement(second.id, date=None)
        t.add_statement(first.sources[0].document_id, 0, 5, "akar")
        t.export_bundle(tmp / "good.json")
    return db, json.loads((tmp / "good.json").read_text(encoding="utf-8"))


def analyst_statement(b: dict) -> dict:
    return next(s for s in b["statements"] if s["origin"] == "analyst")


def annotated(b: dict) -> dict:
    return next(s for s in b["statements"] if s.get("annotation"))


def set_in(get, key, value):
    def spoil(b):
        get(b)[key] = value
    return spoil


def with_actor(**fields):
    def spoil(b):
        b["actors"].append({"key": "new", "name": "New One", "group": "", "aliases": [],
                            "color": "#123456", **fields})
        analyst_statement(b)["added"]["actor"] = fields.get("key", "new")
    return spoil


DEEP = 100_000
# name -> what to do to a sound bundle (a dict to change) or the file's bytes outright
HOSTILE = {
    "added.actor a number": set_in(lambda b: analyst_statement(b)["added"], "actor", 5),
    "added.actor a list": set_in(lambda b: analyst_statement(b)["added"], "actor", ["akar"]),
    "added.actor an object": set_in(lambda b: analyst_statement(b)["added"], "actor", {"k": 1}),
    "added.speaker a number": set_in(lambda b: analyst_statement(b)["added"], "speaker", 7),
    "added.speaker a list": set_in(lambda b: analyst_statement(b)["added"], "speaker", ["x"]),
    "added.author an object": set_in(lambda b: analyst_statement(b)["added"], "author", {}),
    "added.at a number": set_in(lambda b: analyst_statement(b)["added"], "at", 12),
    "added missing": lambda b: analyst_statement(b).pop("added"),
    "added span past the article": lambda b: analyst_statement(b).update(
        end=10_000, id=analyst_statement_id(analyst_statement(b)["article"], 0, 10_000)),
    "actors[].color a number": with_actor(color=255),
    "actors[].color a list": with_actor(color=[1, 2, 3]),
    "actors[].color an object": with_actor(color={"r": 1}),
    "actors[].group a number": with_actor(group=3),
    "actors[].aliases a string": with_actor(aliases="New"),
    "actors[].key empty": with_actor(key=" "),
    "actors[].key a number": with_actor(key=12),
    "actors twice": lambda b: (with_actor()(b), b["actors"].append(dict(b["actors"][-1]))),
    "a lone surrogate in a note": set_in(lambda b: annotated(b)["annotation"], "note", "\ud800"),
    "a lone surrogate in a tag": set_in(lambda b: annotated(b)["annotation"], "tags", ["a\udfff"]),
    "a lone surrogate in the author": set_in(lambda b: annotated(b)["annotation"], "author",
                                             "\udcff"),
    "a lone surrogate in a history hash": set_in(annotated, "history", ["\ud800"]),
    "a lone surrogate in an added speaker": set_in(lambda b: analyst_statement(b)["added"],
                                                   "speaker", "\udc80"),
    "a lone surrogate in an actor's name": with_actor(name="New \ud800"),
    "a lone surrogate in a correction's author":
        lambda b: next(s for s in b["statements"] if s["corrections"])["corrections"]["date"]
        .update(author="\ud800"),
    "statement id a list": set_in(lambda b: b["statements"][0], "id", ["x"]),
    "statement article a list": set_in(lambda b: b["statements"][0], "article", ["x"]),
    "statement article an object": set_in(lambda b: b["statements"][0], "article", {"x": 1}),
    "stance a list": set_in(lambda b: annotated(b)["annotation"], "stance", ["criticize"]),
    "stance an object": set_in(lambda b: annotated(b)["annotation"], "stance", {}),
    "kind a list": set_in(lambda b: analyst_statement(b)["added"], "kind", ["direct"]),
    "start a float": set_in(lambda b: b["statements"][0], "start", 1.5),
    "start huge": set_in(lambda b: b["statements"][0], "start", 10 ** 30),
    "end huge": set_in(lambda b: b["statements"][0], "end", 2 ** 63),
    "correction of an unknown actor":
        lambda b: b["statements"][0]["corrections"].update(
            actor={"value": "nobody", "author": "", "at": "2021-01-01T00:00:00+00:00"}),
    "correction value a list":
        lambda b: b["statements"][0]["corrections"].update(
            hidden={"value": [True], "author": "", "at": "2021-01-01T00:00:00+00:00"}),
    "corrections a list": set_in(lambda b: b["statements"][0], "corrections", []),
    "statements an object": lambda b: b.update(statements={}),
    "articles a string": lambda b: b.update(articles="all"),
    "a statement a string": lambda b: b["statements"].append("hello"),
    "version a string": lambda b: b.update(version="1"),
    "version true": lambda b: b.update(version=True),
    "the whole file a list": lambda b: [b],
    # Raw files
    "100,000-deep nesting": b'{"format": "s400tracker-annotations", "version": 1, "statements": '
                            + b"[" * DEEP + b"]" * DEEP + b"}",
    "100,000-deep objects": b'{"a": ' * DEEP + b"1" + b"}" * DEEP,
    "a 5,000-digit integer": b'{"format": "s400tracker-annotations", "version": '
                             + b"9" * 5000 + b"}",
    "a 5,000-digit start": "5000 digits",
    "NaN as version": b'{"format": "s400tracker-annotations", "version": NaN}',
    "Infinity as start": "Infinity",
    "a lone surrogate escaped in the format": b'{"format": "\\ud800", "version": 1}',
    "not UTF-8": b'{"format": "\xff\xfe"}',
    "UTF-16": json.dumps({"format": "s400tracker-annotations"}).encode("utf-16"),
    "empty": b"",
    "NUL bytes": b"\x00" * 100,
    "truncated JSON": b'{"format": "s400tracker-annotations", "version": 1, "statements": [',
}


def write_hostile(path: Path, good: dict, hostile) -> None:
    if isinstance(hostile, bytes):
        path.write_bytes(hostile)
        return
    b = copy.deepcopy(good)
    if hostile == "5000 digits":
        text = json.dumps(b).replace('"start": 0', '"start": ' + "1" * 5000, 1)
    elif hostile == "Infinity":
        text = json.dumps(b).replace('"start": 0', '"start": Infinity', 1)
    else:
        spoiled = hostile(b)
        text = json.dumps(spoiled if isinstance(spoiled, list) else b)
    assert text != json.dumps(good)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")


def store_bytes(db: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.parent.iterdir()) if p.name.startswith(db.name)}


@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_bundle_is_one_line_exit_2_and_the_store_unchanged(worked, tmp_path, capsys,
                                                                    hostile):
    db_template, good = worked
    db = tmp_path / "bob.db"
    db.write_bytes(db_template.read_bytes())
    bundle = tmp_path / "hostile.json"
    write_hostile(bundle, good, hostile)
    before = store_bytes(db)
    assert cli.main(["annotations", "import", "--db", str(db), str(bundle)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("s400tracker: "), err
    assert store_bytes(db) == before


def test_the_sound_bundle_imports(worked, tmp_path, capsys):
    """The control: the bundle the hostile ones are made from is accepted."""
    db_template, good = worked
    db = tmp_path / "bob.db"
    db.write_bytes(db_template.read_bytes())
    (tmp_path / "good.json").write_text(json.dumps(good), encoding="utf-8")
    assert cli.main(["annotations", "import", "--db", str(db), str(tmp_path / "good.json")]) == 0


@pytest.mark.parametrize("kind", ["named pipe", "folder", "too large"])
def test_a_bundle_that_is_no_regular_file_is_refused_unopened(tmp_path, capsys, worked, kind):
    db_template, _ = worked
    db = tmp_path / "bob.db"
    db.write_bytes(db_template.read_bytes())
    bundle = tmp_path / "bundle.json"
    if kind == "named pipe":
        os.mkfifo(bundle)   # opening it to read would wait for a writer forever
    elif kind == "folder":
        bundle.mkdir()
    else:
        with open(bundle, "wb") as f:
            f.truncate(3 * 1024 ** 3)   # sparse: takes no room
    assert cli.main(["annotations", "import", "--db", str(db), str(bundle)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bundle) in err
