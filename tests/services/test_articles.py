"""Reading article files as analysts save them: any common encoding, with or without metadata."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from s400tracker.services.articles import (ArticleError, collect, decode, parse_published, read_ahead, read_article,
                                          read_sidecar)

TEXT = "Kalın said \u201cwe will not turn back\u201d on Thursday.\r\nSecond line."

ENCODINGS = [
    (TEXT.encode("utf-8"), "UTF-8 without BOM"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM (Notepad)"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE by BOM (Word)"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE by BOM"),
]


@pytest.mark.parametrize("data, why", ENCODINGS, ids=[e[1] for e in ENCODINGS])
def test_decoding_gives_the_text_exactly_without_bom_and_with_its_line_ends(data, why):
    assert decode(data) == TEXT


def test_text_that_is_not_utf8_is_read_as_windows_1252():
    assert decode("Akar said \u201cno\u201d \u2013 caf\u00e9".encode("cp1252")) == \
        "Akar said \u201cno\u201d \u2013 caf\u00e9"


def test_binary_files_are_refused():
    with pytest.raises(ArticleError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_sidecar_gives_metadata_by_file_name(tmp_path):
    (tmp_path / "articles.csv").write_text(
        "file,outlet,title,published,url\n"
        'a.txt,TASS,"Title, with comma",2020-12-17,https://example.org/a\n'
        "b.txt,,,not a date,\n", encoding="utf-8-sig")
    sidecar = read_sidecar(tmp_path)
    assert sidecar["a.txt"].title == "Title, with comma"
    assert sidecar["a.txt"].published == dt.date(2020, 12, 17)
    assert sidecar["b.txt"].published is None


@pytest.mark.parametrize("written,day", [
    ("2020-12-15", dt.date(2020, 12, 15)),
    ("2020-12-15T09:30:00Z", dt.date(2020, 12, 15)),
    ("2020-12-15 09:30", dt.date(2020, 12, 15)),
    ("Dec 15, 2020", dt.date(2020, 12, 15)),
    ("15 December 2020", dt.date(2020, 12, 15)),
    ("Tuesday, 15 December 2020 09:30 GMT", dt.date(2020, 12, 15)),
    ("15.12.2020", dt.date(2020, 12, 15)),
    ("03.04.2021", dt.date(2021, 4, 3)),       # dots: day first, as wherever they are written
    ("12/15/2020", dt.date(2020, 12, 15)),
    ("15/12/2020", dt.date(2020, 12, 15)),
    ("2020/12/15", dt.date(2020, 12, 15)),
    ("03/04/2021", None),                      # March 4 or 3 April: not guessed
    ("15 Dec", None),                          # no year
    ("2020-02-30", None),
    ("not a date", None),
    ("", None),
])
def test_sidecar_dates_as_spreadsheets_write_them(written, day):
    assert parse_published(written) == day


def test_folders_give_their_files_sorted_never_the_sidecar_nor_hidden_or_system_files(tmp_path):
    # Files of no article type (notes.md) are given too: import reports each on its own line.
    for name in ("b.txt", "a.TXT", "articles.csv", "notes.md", "page.HTML", ".DS_Store",
                 "._page.html", "~$port.docx", "Thumbs.db", "desktop.ini"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in collect([tmp_path])] == \
        ["a.TXT", "b.txt", "notes.md", "page.HTML", "sub/c.txt"]


def test_folders_give_what_a_recursive_glob_gives_in_path_order(tmp_path):
    import os

    for name in ("a b/x.txt", "a/x.txt", "a/deeper/y.txt", "a-z.txt", "z/.txt", "z/..txt", "Z.txt", "é.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "folder.txt").mkdir()                      # a folder with the suffix is no article
    outside = tmp_path.parent / (tmp_path.name + "-outside")
    outside.mkdir()
    (outside / "o.txt").write_text("x")
    os.symlink(outside, tmp_path / "linked")                # a linked folder is not entered
    os.symlink(tmp_path / "a-z.txt", tmp_path / "link.txt")  # a link to an article is read
    expected = sorted(p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert collect([tmp_path]) == expected
    assert [p.relative_to(tmp_path).as_posix() for p in expected] == \
        ["Z.txt", "a/deeper/y.txt", "a/x.txt", "a b/x.txt", "a-z.txt", "link.txt", "é.txt"]


def test_reading_ahead_gives_every_path_in_order_and_never_waits_on_a_pipe(tmp_path):
    import os
    import threading

    paths = []
    for n in range(7):
        paths.append(tmp_path / f"{n}.txt")
        paths[-1].write_text("x")
    paths.insert(2, tmp_path / "gone.txt")
    paths.insert(4, tmp_path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")   # opened for reading, a pipe would wait for a writer
        paths.insert(5, tmp_path / "pipe.txt")
    given = []
    reader = threading.Thread(target=lambda: given.extend(read_ahead(paths, window=3)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading ahead waited on the pipe"
    assert given == paths


def test_publication_date_sidecar_before_header_before_undated(tmp_path, monkeypatch):
    from s400tracker.core import article_head as header_module

    monkeypatch.setattr(header_module, "read_header",
                        lambda text: header_module.Header("Header title", dt.date(2020, 12, 16)))
    path = tmp_path / "a.txt"
    path.write_text("Akar spoke.")
    (tmp_path / "articles.csv").write_text("file,outlet,title,published,url\n"
                                           "a.txt,AA,,2020-12-15,\n")
    with_sidecar = read_article(path, read_sidecar(tmp_path))
    assert (with_sidecar.published, with_sidecar.date_basis) == (dt.date(2020, 12, 15), "sidecar")
    assert (with_sidecar.title, with_sidecar.outlet) == ("Header title", "AA")
    header_only = read_article(path, {})
    assert (header_only.published, header_only.date_basis) == (dt.date(2020, 12, 16), "header")
    monkeypatch.setattr(header_module, "read_header",
                        lambda text: header_module.Header("", None))
    undated = read_article(path, {})
    assert (undated.published, undated.date_basis, undated.title) == (None, "undated", "a")


@pytest.mark.parametrize("content, reason", [(b"", "empty"), (b"  \n\n", "empty"),
                                             (b"\x00\x01\x02", "binary")])
def test_unreadable_articles_give_a_reason(tmp_path, content, reason):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=reason):
        read_article(path, {})


def test_a_missing_file_gives_a_reason(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "gone.txt", {})
