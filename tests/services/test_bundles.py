"""Annotation bundles between two analysts' stores: round trip, idempotence, conflicts kept,
missing articles named, bad bundles refused whole."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from s400tracker.core.query import StatementFilter
from s400tracker.services.bundles import FORMAT, BundleError
from s400tracker.services.tracker import Tracker
from s400tracker.store import Store
from tests.helpers import ACTORS, make_document, no_index, quote_finder

D15 = dt.date(2020, 12, 15)
TEXT = '"We will answer", Akar said. "Talks go on", Akar said. "No retreat", Kalın said.'
OTHER = '"Sanctions are a mistake", Akar said.'


def analyst(name: str, *texts: str) -> Tracker:
    find = quote_finder({"Akar": "akar", "Kalın": "kalin"})
    t = Tracker(Store.open(":memory:", ACTORS), find, no_index, author=name)
    for i, text in enumerate(texts or (TEXT,)):
        t.store.add_document(make_document(text, title=f"Article {i}", path=f"a{i}.txt"),
                             find(text, D15, None))
    return t


@pytest.fixture
def alice():
    t = analyst("alice")
    yield t
    t.close()


@pytest.fixture
def bob():
    t = analyst("bob")
    yield t
    t.close()


def sid(t: Tracker, quote: str) -> str:
    return next(s.id for s in t.statements() if s.quote == quote)


def send(src: Tracker, dst: Tracker, tmp_path, name="bundle.json"):
    path = tmp_path / name
    src.export_bundle(path)
    return dst.import_bundle(path)


def state(t: Tracker) -> list:
    """Everything an import may change, to compare before and after."""
    rows = [(s.id, s.actor, s.date, s.hidden, s.annotation)
            for s in t.statements(StatementFilter(include_hidden=True))]
    return [rows, t.conflicts()]


def test_a_note_made_in_one_store_appears_once_in_the_other_even_after_two_imports(
        alice, bob, tmp_path):
    s = sid(alice, "We will answer")
    alice.annotate(s, note="Akar: threat of reply", tags=("reply",), stance="threaten")
    report = send(alice, bob, tmp_path)
    assert report.annotations_added == 1 and not report.conflicts
    got = bob.statement(s).annotation
    assert (got.note, got.tags, got.stance, got.author) == (
        "Akar: threat of reply", ("reply",), "threaten", "alice")
    before = state(bob)
    again = send(alice, bob, tmp_path)
    assert not again.changed and again.unchanged == 1
    assert state(bob) == before
    notes = [x.annotation.note for x in bob.statements() if x.annotation]
    assert notes == ["Akar: threat of reply"]


def test_both_editing_the_same_note_keeps_both_versions_as_a_conflict(alice, bob, tmp_path):
    s = sid(alice, "Talks go on")
    alice.annotate(s, note="first take")
    send(alice, bob, tmp_path, "a1.json")
    alice.annotate(s, note="alice's revision")
    bob.annotate(s, note="bob's revision")
    report = send(alice, bob, tmp_path, "a2.json")
    assert [c[0] for c in report.conflicts] == [s]
    assert bob.statement(s).annotation.note == "bob's revision"      # his stays in place
    (conflict,) = bob.conflicts(s)
    assert (conflict.content.note, conflict.author) == ("alice's revision", "alice")
    # Importing it again raises nothing new and loses nothing.
    again = send(alice, bob, tmp_path, "a2.json")
    assert not again.conflicts and again.unresolved == 1
    # Merging keeps both texts; alice then takes bob's merge without a new conflict.
    bob.resolve_conflict(s, conflict.hash, "merge")
    assert bob.statement(s).annotation.note == "bob's revision\n\nalice's revision"
    assert bob.conflicts() == []
    back = send(bob, alice, tmp_path, "b.json")
    assert not back.conflicts and back.annotations_updated == 1
    assert alice.statement(s).annotation.note == "bob's revision\n\nalice's revision"


def test_a_later_edit_of_an_imported_note_travels_back_without_conflict(alice, bob, tmp_path):
    s = sid(alice, "No retreat")
    alice.annotate(s, note="v1")
    send(alice, bob, tmp_path, "1.json")
    bob.annotate(s, note="v2 by bob")
    report = send(bob, alice, tmp_path, "2.json")
    assert not report.conflicts and report.annotations_updated == 1
    assert alice.statement(s).annotation.note == "v2 by bob"
    # And alice's old bundle, imported by bob again, does not undo his edit.
    assert not bob.import_bundle(tmp_path / "1.json").changed
    assert bob.statement(s).annotation.note == "v2 by bob"


def test_corrections_and_added_statements_travel_and_the_later_edit_wins(alice, bob, tmp_path):
    s = sid(alice, "We will answer")
    hidden = sid(alice, "Talks go on")
    alice.move_statement(s, actor="kalin", date=dt.date(2020, 12, 20))
    alice.hide(hidden)
    doc = alice.documents()[0]
    start = TEXT.index("Akar said")
    added = alice.add_statement(doc.id, start, start + 9, "akar", D15, "indirect")
    alice.annotate(added.id, note="not a quote, but worth keeping")
    report = send(alice, bob, tmp_path)
    assert report.statements_added == 1 and report.corrections_applied == 3
    moved = bob.statement(s)
    assert (moved.actor, moved.date) == ("kalin", dt.date(2020, 12, 20))
    assert bob.statement(hidden).hidden
    assert bob.statement(added.id).annotation.note == "not a quote, but worth keeping"
    assert bob.statement(added.id).origin == "analyst"
    # bob puts it back later: his edit wins in alice's store, and alice's old bundle loses.
    bob.unhide(hidden)
    send(bob, alice, tmp_path, "b.json")
    assert not alice.statement(hidden).hidden
    assert not bob.import_bundle(tmp_path / "bundle.json").corrections_applied
    assert not bob.statement(hidden).hidden


def test_a_bundle_naming_articles_the_store_lacks_says_which(alice, tmp_path):
    s = sid(alice, "We will answer")
    alice.annotate(s, note="x")
    carol = analyst("carol", OTHER)
    report = send(alice, carol, tmp_path)
    assert report.missing_articles == [("Article 0", make_document(TEXT).sha256, "a0.txt")]
    assert any("missing article: Article 0" in line for line in report.lines())
    carol.close()


def bundle_of(alice, tmp_path) -> dict:
    alice.annotate(sid(alice, "We will answer"), note="one")
    alice.annotate(sid(alice, "Talks go on"), note="two")
    alice.export_bundle(tmp_path / "good.json")
    return json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("spoil, message", [
    (lambda b: b.update(format="something-else"), "expected 's400tracker-annotations'"),
    (lambda b: b.update(version=7), "newer s400tracker"),
    (lambda b: b["statements"][1]["annotation"].update(stance="furious"), "unknown stance"),
    (lambda b: b["statements"][1].update(start="ten"), r"statements\[1\]: start and end"),
    (lambda b: b["statements"][1].update(id="0000000000000000"), "does not match"),
    (lambda b: b["statements"][1]["annotation"].update(tags="a,b"), "list of strings"),
])
def test_a_bad_bundle_is_refused_whole_with_a_clear_message(alice, bob, tmp_path, spoil, message):
    data = bundle_of(alice, tmp_path)
    assert data["format"] == FORMAT and data["version"] == 1
    spoil(data)   # the second statement is bad; the first one must not be applied either
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BundleError, match=message) as e:
        bob.import_bundle(tmp_path / "bad.json")
    assert "nothing was imported" in str(e.value) or "newer" in str(e.value) or "format" in str(e.value)
    assert [s for s in bob.statements() if s.annotation] == []


def test_not_json_at_all_is_refused(bob, tmp_path):
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BundleError, match="invalid JSON at line 1"):
        bob.import_bundle(tmp_path / "x.json")


def test_an_error_half_way_through_rolls_everything_back(alice, bob, tmp_path, monkeypatch):
    data = bundle_of(alice, tmp_path)
    from s400tracker.services import bundles

    real = bundles._annotation
    calls = []

    def fail_second(store, s, report):
        calls.append(s["id"])
        if len(calls) == 2:
            raise OSError("disk full")
        real(store, s, report)

    monkeypatch.setattr(bundles, "_annotation", fail_second)
    with pytest.raises(OSError):
        bundles.apply(bob.store, data)
    assert [s for s in bob.statements() if s.annotation] == []
