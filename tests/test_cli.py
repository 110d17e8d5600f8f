"""The command-line contract other tools rely on (see README, "Command line")."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from s400tracker import cli
from s400tracker.store import Store
from tests.helpers import quote_finder

ROOT = Path(__file__).resolve().parent.parent
FINDER = quote_finder({"Akar": "akar", "Kalın": "kalin"})


@pytest.fixture(autouse=True)
def stand_in_extractor(monkeypatch, tmp_path):
    """The CLI's output here depends on these tests, not on what the real extractor finds."""
    from s400tracker.core import article_head as article
    from s400tracker.extract import pipeline

    monkeypatch.setattr(pipeline, "extract", FINDER)
    monkeypatch.setattr(article, "read_header", lambda text: article.Header("", None))
    monkeypatch.setenv("S400TRACKER_DB", str(tmp_path / "default" / "tracker.db"))


def articles(folder: Path, sidecar: bool = True) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text('"We will respond", Akar said.', encoding="utf-8")
    (folder / "b.txt").write_text('"No turning back", Kalın said.', encoding="utf-8")
    if sidecar:
        (folder / "articles.csv").write_text(
            "file,outlet,title,published,url\na.txt,AA,Akar,2020-12-15,\n"
            "b.txt,TRT,Kalın,2021-02-11,\n", encoding="utf-8")
    return folder


def test_import_prints_one_line_per_file_and_a_summary(tmp_path, capsys):
    folder = articles(tmp_path / "in")
    db = tmp_path / "t.db"
    assert cli.main(["import", str(folder), "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"added: {folder / 'a.txt'} (1 statement, published 2020-12-15")
    assert lines[1].startswith(f"added: {folder / 'b.txt'}")
    assert lines[2] == "2 added, 0 already present, 0 failed"
    assert cli.main(["import", str(folder / "a.txt"), "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"already present: {folder / 'a.txt'}", "0 added, 1 already present, 0 failed"]


def test_import_with_a_bad_file_exits_non_zero_and_imports_the_others(tmp_path, capsys):
    folder = articles(tmp_path / "in")
    (folder / "c.txt").write_bytes(b"\x00\x00binary")
    db = tmp_path / "t.db"
    assert cli.main(["import", str(folder), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert f"failed: {folder / 'c.txt'} (binary file, not text)" in out
    assert out.splitlines()[-1] == "2 added, 0 already present, 1 failed"
    with Store.open(db) as s:
        assert s.document_count() == 2


def test_export_matrix_to_stdout(tmp_path, capsys):
    db = tmp_path / "t.db"
    cli.main(["import", str(articles(tmp_path / "in")), "--db", str(db)])
    capsys.readouterr()
    assert cli.main(["export", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    table = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    assert table[0] == ["actor", "2020-12-15", "2021-02-11"]
    assert ["Kalın", "", "No turning back"] in table
    assert "\r\n" in out


def test_export_long_to_a_file_with_options(tmp_path, capsys):
    db = tmp_path / "t.db"
    cli.main(["import", str(articles(tmp_path / "in")), "--db", str(db)])
    out = tmp_path / "long.csv"
    assert cli.main(["export", "--db", str(db), "--format", "long", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(codecs.BOM_UTF8 + b"statement_id,actor,date,quote")
    assert cli.main(["export", "--db", str(db), "--format", "long", "-o", str(out),
                     "--no-bom", "--no-escape-formulas", "--include-untracked"]) == 0
    assert out.read_bytes().startswith(b"statement_id,")


def test_extract_prints_json_lines_whose_offsets_index_the_decoded_file(tmp_path, capsys):
    text = "Title\r\n\u201cIntro\u201d\r\n\"We will respond\", Akar said.\r\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert cli.main(["extract", str(path), "--published", "2020-12-15"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert list(record) == ["file", "start", "end", "quote", "kind", "speaker", "speaker_resolved", "speaker_start",
                            "speaker_end", "actor", "date", "date_basis"]
    assert text[record["start"]:record["end"]] == record["quote"] == "We will respond"
    assert text[record["speaker_start"]:record["speaker_end"]] == "Akar"
    assert (record["actor"], record["date"], record["file"]) == ("Akar", "2020-12-15", str(path))


def test_extract_lines_are_exactly_what_json_dumps_writes_for_awkward_text(tmp_path, capsys):
    # Backslashes, a tab, a control character, accents, an emoji, a line separator; and a
    # file name with a space, a quote mark and a backslash.
    folder = tmp_path / 'in "x" \\ y'
    folder.mkdir()
    awkward = "C:\\path\tž\x01 \U0001F600 \u2028 end"
    (folder / "a b.txt").write_text(f'"{awkward}", Akar said. "plain", Nobody said.', encoding="utf-8")
    assert cli.main(["extract", str(folder)]) == 0
    # JSON lines end at "\n" only (str.splitlines would also split at the line separator).
    lines = [line + "\n" for line in capsys.readouterr().out.split("\n")[:-1]]
    records = [json.loads(x) for x in lines]
    assert [(r["quote"], r["speaker"], r["actor"]) for r in records] == [
        (awkward, "Akar", "Akar"), ("plain", "Nobody", None)]
    assert lines == [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    assert records[0]["file"] == str(folder / "a b.txt")


def test_extract_walks_folders_in_order_uses_the_sidecar_and_stores_nothing(tmp_path, capsys):
    folder = articles(tmp_path / "in")
    assert cli.main(["extract", str(folder)]) == 0
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(Path(r["file"]).name, r["actor"], r["date"]) for r in records] == [
        ("a.txt", "Akar", "2020-12-15"), ("b.txt", "Kalın", "2021-02-11")]
    assert not (tmp_path / "default").exists()


def test_extract_without_any_date_gives_null(tmp_path, capsys):
    folder = articles(tmp_path / "in", sidecar=False)
    cli.main(["extract", str(folder / "a.txt")])
    record = json.loads(capsys.readouterr().out)
    assert (record["date"], record["date_basis"]) == (None, "undated")


def test_a_bad_store_is_one_line_on_stderr_and_exit_2(tmp_path, capsys):
    db = tmp_path / "notes.db"
    db.write_text("shopping list")
    assert cli.main(["export", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an s400tracker store" in err and "Traceback" not in err
    assert db.read_text() == "shopping list"


def test_an_unwritable_output_is_one_line_on_stderr(tmp_path, capsys):
    db = tmp_path / "t.db"
    assert cli.main(["export", "--db", str(db), "-o", str(tmp_path / "no" / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("s400tracker: ") and err.count("\n") == 1


def test_without_db_the_default_store_is_created_and_seeded(tmp_path, capsys):
    assert cli.main(["export", "--format", "long"]) == 0
    with Store.open(tmp_path / "default" / "tracker.db") as s:
        assert s.document_count() == len(list((ROOT / "seeds").glob("*.txt")))


def test_gui_without_the_desktop_app_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "s400tracker.gui.app", None)
    if "s400tracker.gui" in sys.modules:   # an earlier test imported the real app: hide it too
        monkeypatch.delattr(sys.modules["s400tracker.gui"], "app", raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert cli.main(["gui", "--db", str(tmp_path / "t.db")]) == 3
    assert "desktop app" in capsys.readouterr().err


def test_gui_without_a_display_says_so(tmp_path, capsys, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for Linux")
    assert cli.main(["--db", str(tmp_path / "t.db")]) == 3
    assert "no display" in capsys.readouterr().err


def test_gui_and_plain_command_hand_the_store_to_the_app(tmp_path, monkeypatch):
    calls = []
    fake = types.ModuleType("s400tracker.gui.app")
    fake.run = lambda db: calls.append(db) or 0
    monkeypatch.setitem(sys.modules, "s400tracker.gui.app", fake)
    monkeypatch.setattr(sys.modules["s400tracker.gui"], "app", fake, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    Store.open(tmp_path / "t.db").close()
    assert cli.main(["gui", "--db", str(tmp_path / "t.db")]) == 0
    assert cli.main([]) == 0
    assert calls == [str(tmp_path / "t.db"), str(tmp_path / "default" / "tracker.db")]
    assert (tmp_path / "default" / "tracker.db").exists()  # created and seeded before the window


def test_python_dash_m_runs_the_cli(tmp_path):
    env = {**os.environ, "S400TRACKER_DB": str(tmp_path / "t.db")}
    Store.open(tmp_path / "e.db").close()
    done = subprocess.run([sys.executable, "-m", "s400tracker", "export", "--db",
                           str(tmp_path / "e.db")], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.lstrip("\ufeff").splitlines()[0] == "actor"


def test_readme_documents_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in commands.items():
        assert f"s400tracker {name}" in readme, name
        for action in sub._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert re.search(re.escape(flag) + r"\b", readme), (name, flag)


def test_a_second_import_of_near_identical_reports_keeps_every_one_in_the_export(
        tmp_path, monkeypatch):
    # The minimal case: `import a.txt`, then `import b.txt c.txt`, b published first;
    # all three report what Akar said on the 14th.
    import datetime as dt

    from s400tracker.extract import pipeline

    monkeypatch.setattr(pipeline, "extract", quote_finder({"Akar": "akar"}, dt.date(2020, 12, 14)))
    said = '"The purchase of the system is our {} decision{}", Akar said.\n'
    articles = {"a": ("sovereign", " and nobody else's", "2020-12-15"),
                "b": ("sovereign", " alone", "2020-12-14"),
                "c": ("own sovereign", "", "2020-12-16")}
    lines = ["file,outlet,title,published"]
    for name, (words, tail, published) in articles.items():
        (tmp_path / f"{name}.txt").write_text(said.format(words, tail), encoding="utf-8")
        lines.append(f"{name}.txt,Wire {name},Report {name},{published}")
    (tmp_path / "articles.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db, out = tmp_path / "t.db", tmp_path / "long.csv"
    assert cli.main(["import", str(tmp_path / "a.txt"), "--db", str(db)]) == 0
    assert cli.main(["import", str(tmp_path / "b.txt"), str(tmp_path / "c.txt"),
                     "--db", str(db)]) == 0
    assert cli.main(["export", "--format", "long", "-o", str(out), "--db", str(db)]) == 0
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    assert row["source"] == "Report b | Report a | Report c"
    assert [line.split(":")[0] for line in row["wordings"].split("\n")] == \
        ["Wire b", "Wire a", "Wire c"]
    assert row["quote"] == "The purchase of the system is our sovereign decision and nobody else's"
