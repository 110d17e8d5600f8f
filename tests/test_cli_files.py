"""The command line with the files analysts really have: paths with spaces and accents, and
stores that must not be touched (see README, "Bad input")."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
from pathlib import Path

import pytest

from s400tracker import cli
from s400tracker.store import Store
from tests.test_cli import stand_in_extractor  # noqa: F401 - the autouse fixture


def test_articles_and_stores_with_spaces_and_accents_in_their_paths(tmp_path, capsys):
    folder = tmp_path / "Haberler ve analiz" / "Çavuşoğlu açıklaması"
    folder.mkdir(parents=True)
    article = folder / "Akar'ın sözleri — ü.txt"
    article.write_text('"Geri adım atmayacağız", Akar said.', encoding="utf-8")
    (folder / "articles.csv").write_text(
        f"file,outlet,title,published,url\n{article.name},AA,Sözler,2020-12-15,\n",
        encoding="utf-8")
    stores = tmp_path / "Mağaza dosyaları"
    stores.mkdir()
    db = stores / "izleyici veritabanı.db"
    assert cli.main(["import", str(folder.parent), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"added: {article} (1 statement, published 2020-12-15 (sidecar))" in out
    assert cli.main(["import", str(article), "--db", str(db)]) == 0
    assert f"already present: {article}" in capsys.readouterr().out
    target = stores / "dışa aktarım.csv"
    assert cli.main(["export", "--db", str(db), "--format", "long", "-o", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
    assert [(r["quote"], r["document"]) for r in rows] == [("Geri adım atmayacağız", str(article))]
    assert cli.main(["extract", str(article)]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(article)


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def a_store(path: Path) -> Path:
    with Store.open(path) as s:
        s.document_count()
    return path


def newer(path: Path) -> None:
    a_store(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


def truncated(path: Path) -> None:
    a_store(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_STORES = [
    ("a text file", lambda p: p.write_text("date,quote\n"), "not an s400tracker store"),
    ("a truncated store", truncated, "truncated"),
    ("a newer version's store", newer, "newer s400tracker"),
    ("a read-only store", lambda p: (a_store(p), p.chmod(stat.S_IRUSR)), "read-only"),
]


@pytest.mark.parametrize("make, words", [b[1:] for b in BAD_STORES], ids=[b[0] for b in BAD_STORES])
def test_bad_stores_are_one_line_exit_2_and_never_modified(tmp_path, capsys, make, words):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text('"We will respond", Akar said.', encoding="utf-8")
    db = tmp_path / "store dir" / "tracker.db"
    db.parent.mkdir()
    make(db)
    before = listing(db.parent)
    try:
        for command in (["import", str(folder)], ["export"], ["export", "--format", "long"]):
            assert cli.main([*command, "--db", str(db)]) == 2
            err = capsys.readouterr().err
            assert err.startswith("s400tracker: ") and err.count("\n") == 1, err
            assert words in err and str(db) in err
        assert listing(db.parent) == before
    finally:
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_store_in_a_read_only_folder_or_a_missing_one_is_one_line(tmp_path, capsys):
    folder = tmp_path / "read only"
    folder.mkdir()
    db = a_store(folder / "tracker.db")
    before = listing(folder)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert cli.main(["export", "--db", str(db)]) == 2
        assert "read-only folder" in capsys.readouterr().err
        assert cli.main(["import", str(tmp_path), "--db", str(folder / "new.db")]) == 2
        assert "read-only" in capsys.readouterr().err
    finally:
        folder.chmod(stat.S_IRWXU)
    assert listing(folder) == before
    for command in ("export", "import"):
        args = [command, *([str(tmp_path)] if command == "import" else [])]
        assert cli.main([*args, "--db", str(tmp_path / "no such folder" / "t.db")]) == 2
        err = capsys.readouterr().err
        assert "does not exist" in err and err.count("\n") == 1
    assert not (tmp_path / "no such folder").exists()


def test_an_empty_folder_and_a_folders_broken_pdf_are_reported(tmp_path, capsys):
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty").mkdir()
    assert cli.main(["import", str(tmp_path / "pdfs"), str(tmp_path / "empty"),
                     "--db", str(tmp_path / "t.db")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"failed: {tmp_path / 'pdfs' / 'report.pdf'} (a damaged PDF")
    assert out[1:] == [f"failed: {tmp_path / 'empty'} (a folder with no files in it)",
                       "0 added, 0 already present, 2 failed"]
