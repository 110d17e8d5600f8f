"""One of a thing is singular in every message the analyst reads: the CLI's lines and the
briefing (the app's: tests/gui/test_plurals.py)."""

from __future__ import annotations

import re

import pytest

from s400tracker import cli
from tests.test_cli import stand_in_extractor  # noqa: F401 - the shared fixture


def store_with(tmp_path, capsys, quotes: int, dated: bool = True) -> tuple:
    """A store of one article holding `quotes` statements by Akar, and the import's output."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = " ".join(f'"Point {i}", Akar said.' for i in range(quotes))
    (folder / "a.txt").write_text(text, encoding="utf-8")
    if dated:
        (folder / "articles.csv").write_text("file,outlet,title,published,url\n"
                                             "a.txt,AA,One,2020-12-15,\n", encoding="utf-8")
    db = tmp_path / "t.db"
    assert cli.main(["import", str(folder), "--db", str(db)]) == 0
    return db, capsys.readouterr().out


def annotate_all(db, capsys):
    assert cli.main(["export", "--db", str(db), "--format", "long", "--no-bom"]) == 0
    for line in capsys.readouterr().out.splitlines()[1:]:
        assert cli.main(["annotate", "--db", str(db), "--statement", line.split(",")[0],
                         "--note", "seen"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("n, word", [(1, "statement"), (2, "statements")])
def test_cli_lines_and_the_briefing_count_in_english(tmp_path, capsys, n, word):
    db, out = store_with(tmp_path, capsys, n)
    assert re.search(rf"^added: .*a\.txt \({n} {word}, published", out, re.M)
    annotate_all(db, capsys)
    assert cli.main(["annotations", "export", "--db", str(db), "-o", str(tmp_path / "b.json")]) == 0
    assert capsys.readouterr().out == f"{n} {word} written to {tmp_path / 'b.json'}\n"
    assert cli.main(["report", "--db", str(db), "-o", str(tmp_path / "r.html")]) == 0
    assert capsys.readouterr().out == f"briefing with {n} {word} written to {tmp_path / 'r.html'}\n"
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"· {n} {word} by 1 actor ·" in html


@pytest.mark.parametrize("n, expected", [
    (1, "1 undated statement is not on the timeline; it is listed below."),
    (2, "2 undated statements are not on the timeline; they are listed below."),
])
def test_the_briefing_counts_undated_statements_in_english(tmp_path, capsys, n, expected):
    db, _ = store_with(tmp_path, capsys, n, dated=False)
    assert cli.main(["report", "--db", str(db), "-o", str(tmp_path / "r.html")]) == 0
    assert expected in (tmp_path / "r.html").read_text(encoding="utf-8")
