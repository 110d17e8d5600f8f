"""annotate, annotations export/import and report from the command line."""

from __future__ import annotations

import csv
import json

import pytest

from s400tracker import cli
from s400tracker.core.ids import parse_statement_id
from s400tracker.store import Store
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture


def long_rows(db, capsys) -> list[dict]:
    assert cli.main(["export", "--db", str(db), "--format", "long", "--no-bom"]) == 0
    return list(csv.DictReader(capsys.readouterr().out.splitlines()))


@pytest.fixture
def two_stores(tmp_path, capsys):
    folder = articles(tmp_path / "in")
    dbs = tmp_path / "alice.db", tmp_path / "bob.db"
    for db in dbs:
        assert cli.main(["import", str(folder), "--db", str(db)]) == 0
    capsys.readouterr()
    return dbs


def test_annotate_by_statement_id_then_share_the_bundle(two_stores, tmp_path, capsys):
    alice, bob = two_stores
    sid = long_rows(alice, capsys)[0]["statement_id"]
    assert cli.main(["annotate", "--db", str(alice), "--statement", sid, "--note", "warning",
                     "--tag", "reply", "--tag", "nato", "--stance", "threaten"]) == 0
    assert "stance threaten; tags reply, nato; note 'warning'" in capsys.readouterr().out
    row = long_rows(alice, capsys)[0]
    assert (row["note"], row["tags"], row["stance"]) == ("warning", "reply; nato", "threaten")

    bundle = tmp_path / "alice.json"
    assert cli.main(["annotations", "export", "--db", str(alice), "-o", str(bundle)]) == 0
    assert json.loads(bundle.read_text(encoding="utf-8"))["format"] == "s400tracker-annotations"
    for _ in range(2):
        assert cli.main(["annotations", "import", "--db", str(bob), str(bundle)]) == 0
    out = capsys.readouterr().out
    assert "annotations: 1 added" in out and "annotations: 0 added, 0 updated, 1 unchanged" in out
    assert long_rows(bob, capsys)[0]["note"] == "warning"


def test_a_conflict_is_reported_and_both_versions_survive(two_stores, tmp_path, capsys):
    alice, bob = two_stores
    sid = parse_statement_id(long_rows(alice, capsys)[0]["statement_id"])   # as the report says it
    bundle = tmp_path / "a.json"
    cli.main(["annotate", "--db", str(alice), "--statement", sid, "--note", "base"])
    cli.main(["annotations", "export", "--db", str(alice), "-o", str(bundle)])
    cli.main(["annotations", "import", "--db", str(bob), str(bundle)])
    cli.main(["annotate", "--db", str(alice), "--statement", sid, "--note", "alice's"])
    cli.main(["annotate", "--db", str(bob), "--statement", sid, "--note", "bob's"])
    cli.main(["annotations", "export", "--db", str(alice), "-o", str(bundle)])
    capsys.readouterr()
    assert cli.main(["annotations", "import", "--db", str(bob), str(bundle)]) == 0
    out = capsys.readouterr().out
    assert f"conflict: {sid}" in out and "unresolved conflicts in the store: 1" in out
    assert long_rows(bob, capsys)[0]["note"] == "bob's"


def test_a_bad_bundle_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "s400tracker-annotations", "version": 99}', encoding="utf-8")
    Store.open(tmp_path / "t.db").close()
    assert cli.main(["annotations", "import", "--db", str(tmp_path / "t.db"), str(bad)]) == 2
    assert "newer s400tracker" in capsys.readouterr().err


def test_annotate_an_unknown_statement_says_where_ids_come_from(tmp_path, capsys):
    Store.open(tmp_path / "t.db").close()
    assert cli.main(["annotate", "--db", str(tmp_path / "t.db"), "--statement", "nope",
                     "--note", "x"]) == 2
    assert "statement_id column of `export --format long`" in capsys.readouterr().err


def test_report_takes_the_filters_of_the_app(two_stores, tmp_path, capsys):
    alice, _ = two_stores
    out = tmp_path / "b.html"
    assert cli.main(["report", "--db", str(alice), "-o", str(out), "--actor", "Kalın",
                     "--from", "2021-01-01"]) == 0
    assert "briefing with 1 statement " in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert "No turning back" in html and "We will respond" not in html
    assert cli.main(["report", "--db", str(alice), "-o", str(out), "--actor", "nobody"]) == 2
    assert "no actor 'nobody'" in capsys.readouterr().err
