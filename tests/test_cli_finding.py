"""Finding things again from the command line: hidden statements in the long export, and the
unresolved conflicts an annotation bundle left."""

from __future__ import annotations

import csv

from s400tracker import cli
from s400tracker.core.ids import parse_statement_id
from tests.test_cli import articles, stand_in_extractor  # noqa: F401 - the shared fixture
from tests.test_cli_share import long_rows, two_stores  # noqa: F401 - the shared fixture


def test_the_long_export_includes_hidden_statements_on_request(tmp_path, capsys):
    db = tmp_path / "t.db"
    assert cli.main(["import", str(articles(tmp_path / "in")), "--db", str(db)]) == 0
    capsys.readouterr()
    visible = long_rows(db, capsys)
    hidden = visible[0]["statement_id"]
    assert all(r["hidden"] == "" for r in visible)
    from s400tracker.services.tracker import Tracker

    with Tracker.open(db) as t:
        t.hide(parse_statement_id(hidden))   # the CSV's form of the id, back to the stored one
    default = long_rows(db, capsys)
    assert hidden not in {r["statement_id"] for r in default}      # the default is unchanged
    assert cli.main(["export", "--db", str(db), "--format", "long", "--no-bom",
                     "--include-hidden"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert {r["statement_id"]: r["hidden"] for r in rows} == {
        **{r["statement_id"]: "" for r in default}, hidden: "yes"}


def test_annotations_conflicts_lists_each_unresolved_conflict(two_stores, tmp_path, capsys):
    alice, bob = two_stores
    row = long_rows(alice, capsys)[0]
    sid = row["statement_id"]
    bundle = tmp_path / "a.json"
    cli.main(["annotate", "--db", str(alice), "--statement", sid, "--note", "base"])
    cli.main(["annotations", "export", "--db", str(alice), "-o", str(bundle)])
    cli.main(["annotations", "import", "--db", str(bob), str(bundle)])
    cli.main(["annotate", "--db", str(alice), "--statement", sid, "--note",
              "alice says this is a clear threat to the alliance, see the earlier statement"])
    cli.main(["annotate", "--db", str(bob), "--statement", sid, "--note", "bob's",
              "--stance", "reject"])
    cli.main(["annotations", "export", "--db", str(alice), "-o", str(bundle)])
    assert cli.main(["annotations", "conflicts", "--db", str(bob)]) == 0
    assert capsys.readouterr().err == "no unresolved conflicts\n"   # none before the import
    cli.main(["annotations", "import", "--db", str(bob), str(bundle)])
    capsys.readouterr()

    assert cli.main(["annotations", "conflicts", "--db", str(bob)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    *fields, theirs = line.split("\t")
    assert fields == [parse_statement_id(sid), row["actor"], row["date"],
                      "mine: [reject] [-] \"bob's\""]
    assert theirs.startswith("theirs (")   # the author: who alice's store says she is
    assert theirs.endswith("): [-] [-] 'alice says this is a clear threat to th…'")
