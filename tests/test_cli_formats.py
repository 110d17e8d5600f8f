"""Import and extract, end to end through the CLI, on the files analysts have: web pages, Word,
PDF, RTF, e-mail alerts, feeds, a Nexis export, and a photo among them (see README, "Articles
in every format"). The real extractor runs: these are what a user sees."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from s400tracker import cli
from tests.formats import exports_made, makers, pages_made
from tests.formats.folders import PNG, mixed_folder
from tests.formats.makers import STORY_A, STORY_B

FURNITURE = [pages_made.RELATED_HEADLINE, "said to weigh new tariffs", pages_made.COOKIE,
             "Reader42", "Subscribe", "All rights reserved", "nsubscribe", "preferences",
             *pages_made.FOOTER, "Harbour Times Alerts", "alerts@", "Length:", "Load-Date",
             "End of Document", "Byline", "Job Number"]
DATELINE_WORDS = {"VALDORIA", "VALDORIA CITY", "OSLO", "LONDON", "ANKARA", "Published",
                  "Harbour Wire", "Reuters", "AP"}


@pytest.fixture(autouse=True)
def default_store(monkeypatch, tmp_path):
    monkeypatch.setenv("S400TRACKER_DB", str(tmp_path / "default" / "tracker.db"))


def import_lines(capsys, *args) -> tuple[int, list[str]]:
    code = cli.main(["import", *map(str, args)])
    return code, capsys.readouterr().out.splitlines()


def long_rows(capsys, db: Path) -> list[dict]:
    assert cli.main(["export", "--db", str(db), "--format", "long", "--include-untracked",
                     "--no-bom"]) == 0
    return list(csv.DictReader(capsys.readouterr().out.splitlines()))


def extracted(capsys, *paths) -> tuple[int, list[dict], str]:
    code = cli.main(["extract", *map(str, paths)])
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines()], out.err


def test_a_mixed_folder_gives_a_document_per_article_and_one_line_for_the_photo(tmp_path, capsys):
    folder = mixed_folder(tmp_path / "in")
    db = tmp_path / "t.db"
    code, lines = import_lines(capsys, folder, "--db", db)
    assert code == 1                                      # one file failed: the photo
    assert lines[-1] == "9 added, 1 already present, 1 failed"
    by_file = {}
    for line in lines[:-1]:
        status, rest = line.split(": ", 1)
        by_file.setdefault(Path(rest.split(" ")[0]).name, []).append((status, rest))
    assert {name: [s for s, _ in entries] for name, entries in by_file.items()} == {
        "alert.eml": ["added"], "court.pdf": ["added"], "feed.rss": ["added"] * 3,
        "haber.rtf": ["added"], "nexis-export.docx": ["added", "already present"],
        "page.html": ["added"], "photo.png": ["failed"], "story.docx": ["added"]}
    assert by_file["photo.png"] == [("failed", f"{folder / 'photo.png'} (a PNG image, not an article)")]
    assert 'feed.rss #3 "Court date set in harbour dispute"' in by_file["feed.rss"][2][1]
    # The second Nexis article is the alert's story, word for word: the same article.
    assert by_file["nexis-export.docx"][1][1] == \
        f'{folder / "nexis-export.docx"} #2 "{STORY_B[0]}"'
    assert "published 2019-03-18 (header)" in by_file["court.pdf"][0][1]
    assert "published 2019-03-14 (metadata)" in by_file["page.html"][0][1]

    rows = long_rows(capsys, db)
    quotes = {r["quote"]: r for r in rows}
    assert "Lena Voss" in quotes["Both sides will be heard in full"]["speaker"]
    assert quotes["Both sides will be heard in full"]["date"] == "2019-03-18"
    assert quotes["We were not consulted"]["speaker"] == "Berg"
    assert quotes["The accord serves both nations"]["speaker"] == "Lund"
    for row in rows:
        for furniture in FURNITURE:
            assert furniture not in row["quote"] and furniture not in (row["speaker"] or "")
        assert row["speaker"] not in DATELINE_WORDS


def test_a_nexis_export_of_two_articles_gives_two_documents_with_their_own_dates(tmp_path, capsys):
    export = tmp_path / "export.docx"
    export.write_bytes(makers.docx(exports_made.nexis_lines()))
    db = tmp_path / "t.db"
    code, lines = import_lines(capsys, export, "--db", db)
    assert code == 0
    assert lines[0].startswith(f'added: {export} #1 "{STORY_A[0]}" (')
    assert lines[0].endswith("published 2019-03-14 (metadata))")
    assert lines[1].startswith(f'added: {export} #2 "{STORY_B[0]}" (')
    assert lines[1].endswith("published 2019-03-15 (metadata))")
    assert lines[2] == "2 added, 0 already present, 0 failed"
    rows = long_rows(capsys, db)
    sources = {(r["document"], r["outlet"], r["published"]) for r in rows}
    assert sources == {(f"{export} #1", "The Harbour Times", "2019-03-14"),
                       (f"{export} #2", "Ostmark Daily", "2019-03-15")}
    # Importing it again finds both articles again.
    code, lines = import_lines(capsys, export, "--db", db)
    assert lines == [f'already present: {export} #1 "{STORY_A[0]}"',
                     f'already present: {export} #2 "{STORY_B[0]}"',
                     "0 added, 2 already present, 0 failed"]


def test_an_alerts_unsubscribe_lines_and_a_pages_related_links_give_no_statement(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "alert.eml").write_bytes(pages_made.eml(STORY_B))
    (folder / "page.html").write_text(pages_made.furniture_page(), encoding="utf-8")
    code, records, _ = extracted(capsys, folder)
    assert code == 0
    assert {Path(r["file"]).name for r in records} == {"alert.eml", "page.html"}
    for r in records:
        for furniture in FURNITURE:
            assert furniture not in r["quote"] and furniture not in (r["speaker"] or ""), furniture
    assert {r["quote"] for r in records} >= {"We were not consulted", "The accord serves both nations"}


@pytest.mark.parametrize("opening, speaker", [
    ("VALDORIA CITY, March 14 (Harbour Wire) - ", "the minister"),
    ("OSLO, March 14 (Reuters) - ", "the minister"),
    ("LONDON - ", "the minister"),
    ("ANKARA (AP) — ", "the minister"),
    ("Oslo, March 14 (AP) -- ", "the minister"),
    ("Published: March 14, 2019 - ", "the minister"),
])
def test_a_dateline_is_never_a_speaker_nor_part_of_a_quote(tmp_path, capsys, opening, speaker):
    story = tmp_path / "story.txt"
    story.write_text(f"Port row\n\n{opening}\"We were not consulted,\" the minister said.\n\n"
                     "Berg later said the talks would resume.\n", encoding="utf-8")
    code, records, _ = extracted(capsys, story, "--published", "2019-03-15")
    assert code == 0
    first = records[0]
    assert (first["quote"], first["kind"], first["speaker"]) == \
        ("We were not consulted", "direct", speaker)
    for r in records:
        assert r["speaker"] not in DATELINE_WORDS
        assert opening.strip(" -—") not in r["quote"]
    # The dateline's day stays what dates the quote.
    if "March 14" in opening:
        assert first["date"] == "2019-03-14"


def test_import_and_extract_give_the_same_dates_by_the_same_precedence(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    # The sidecar wins over the page's own date; the export's header lines date its articles;
    # a text dated only by its dateline; an undated Word file.
    (folder / "page.html").write_text(pages_made.furniture_page(), encoding="utf-8")
    # A sidecar row cannot tell an export's articles apart: each keeps its own date.
    (folder / "articles.csv").write_text("file,outlet,title,published,url\n"
                                         "page.html,Desk copy,,2019-03-20,\n"
                                         "export.rtf,Desk copy,Export,2019-03-21,\n", encoding="utf-8")
    (folder / "export.rtf").write_bytes(makers.rtf(exports_made.nexis_lines()))
    (folder / "wire.txt").write_text(
        "Envoy recalled\n\nOSLO, March 16, 2019 (Reuters) - \"We have recalled our envoy,\" "
        "Berg told reporters.\n", encoding="utf-8")
    (folder / "memo.odt").write_bytes(makers.odt(
        ['"We will not sign this accord," Lund said at the harbour.'], heading="Lund memo"))
    db = tmp_path / "t.db"
    code, lines = import_lines(capsys, folder, "--db", db)
    assert code == 0, lines
    whens = [line.split("(", 1)[1] for line in lines[:-1]]
    assert [w.split(", ", 1)[1] for w in whens] == [
        "published 2019-03-14 (metadata))", "published 2019-03-15 (metadata))",
        "undated: no date in the sidecar or the article)",
        "published 2019-03-20 (sidecar))", "published 2019-03-16 (dateline))"]
    stored = {(r["document"], int(r["start"]), int(r["end"])): (r["date"], r["date_basis"])
              for r in long_rows(capsys, db)}
    code, records, _ = extracted(capsys, folder)
    printed = {(r["file"] + (f" #{r['article']}" if "article" in r else ""), r["start"], r["end"]):
               (r["date"] or "", r["date_basis"]) for r in records}
    assert printed == stored
    assert len(printed) >= 6
