"""Whatever lands in the import folder: each bad file gets a one-line reason, the others import,
and text is decoded faithfully (see README, "Bad input")."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from s400tracker.services import ingest
from s400tracker.services.articles import MAX_BYTES, ArticleError, decode, read_article
from s400tracker.services.ingest import ADDED, FAILED
from tests.helpers import no_index, quote_finder

FINDER = quote_finder({"Akar": "akar", "Pompeo": "us"})
GOOD = '"We will respond", Akar said.'
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
HTML = """<!DOCTYPE html>
<html><head><title>Akar &amp; the sanctions</title>
<script>var q = '"Fake", Akar said.';</script><style>p { color: red }</style></head>
<body><h1>Ankara   answers</h1>
<p>"We   will
respond", Akar said. "Resolve it", Pompeo said.<br>Second line &ndash; here.</p></body></html>
"""

BAD = [
    # (file name, content, reason the report gives)
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \r\n\t\n", "empty file"),
    ("report.txt", PDF, "a damaged PDF"),              # read as what it is: a (broken) PDF
    ("photo.txt", PNG, "a PNG image, not an article"),
    ("photo.png", PNG, "a PNG image, not an article"),
    ("noise.txt", bytes(range(1, 32)) * 40, "binary file, not text"),
    ("utf16-no-bom.txt", GOOD.encode("utf-16-le"), "UTF-16 text without a byte order mark; save it as UTF-8"),
    ("bad-utf16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "not valid utf-16 text (byte 2)"),
    ("tags-only.html", b"<html><body><script>x()</script></body></html>", "no text"),
]


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def import_all(store, paths):
    return ingest.import_paths(store, paths, extract_fn=FINDER, make_index=no_index)


def test_each_bad_file_gets_its_reason_and_the_good_ones_import(store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "good.txt", GOOD.encode())
    for name, content, _ in BAD:
        write(folder, name, content)
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(20 * 1024 * 1024)                  # a 20 MB file, sparse: no time to write
    notes_folder = tmp_path / "notes here"
    notes_folder.mkdir()
    (notes_folder / "notes.md").write_text("not an article")
    empty_folder = tmp_path / "nothing here"
    empty_folder.mkdir()
    (empty_folder / ".hidden.txt").write_text("a hidden file is passed over")
    report = import_all(store, [folder, notes_folder, empty_folder, tmp_path / "missing.txt"] +
                        [folder / name for name, _, _ in BAD if name.endswith(".html")])
    reasons = {r.path.name: r.reason for r in report.results if r.status == FAILED}
    expected = {
        **{name: reason for name, _, reason in BAD},
        "huge.txt": "too large for an article (20.0 MB; the limit is 10 MB)",
        "notes.md": "not an article file (.md); import it by name to read it as text",
        "nothing here": "a folder with no files in it",
        "missing.txt": "no such file",
    }
    assert sorted(reasons) == sorted(expected)
    for name, reason in expected.items():
        assert reasons[name].startswith(reason), name
    assert [r.path.name for r in report.results if r.status == ADDED] == ["good.txt"]
    assert all("\n" not in r.line() for r in report.results)
    assert [s.quote for s in store.statements()] == ["We will respond"]


def test_an_unreadable_file_is_reported_and_the_rest_imported(store, tmp_path, monkeypatch):
    secret = write(tmp_path, "a-secret.txt", GOOD.encode())
    write(tmp_path, "b-open.txt", b'"Resolve it", Pompeo said.')
    secret.chmod(0)
    if os.geteuid() == 0:
        # root reads any file whatever its mode (CI runs as root): make the read fail as it
        # does for an analyst.
        real_open = os.open

        def guarded_open(file, *args, **kwargs):
            if Path(file) == secret:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", guarded_open)
    try:
        report = import_all(store, [tmp_path])
    finally:
        secret.chmod(0o644)
    assert [(r.path.name, r.status, r.reason) for r in report.results] == [
        ("a-secret.txt", FAILED, "cannot read: permission denied"),
        ("b-open.txt", ADDED, "1 statement, undated: no date in the sidecar or the article"),
    ]


def test_the_size_limit_is_ten_megabytes_and_a_file_at_it_is_read(tmp_path):
    assert MAX_BYTES == 10 * 1024 * 1024
    path = write(tmp_path, "long.txt", b"Akar spoke. " * (MAX_BYTES // 12))
    assert read_article(path, {}).text.startswith("Akar spoke.")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_and_latin1_text_is_decoded_faithfully(tmp_path, encoding):
    text = "Çavuşoğlu? No: café, naïve, «garanti», £5 and ¼." if encoding == "latin-1" else \
        "Akar said \u201cno\u201d \u2013 café, €5, \u2018quoted\u2019, Œuvre™."
    if encoding == "latin-1":
        text = text.replace("ş", "s").replace("ğ", "g")   # latin-1 has no Turkish ş, ğ
    assert decode(text.encode(encoding)) == text


def test_every_byte_decodes_to_its_character_never_a_replacement():
    # The five bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) become the C1 controls
    # of the same value, as browsers read them, so nothing is lost and nothing turns into "�".
    data = "Akar said ".encode() + bytes(range(0x80, 0x100))
    text = decode(data)
    assert "\ufffd" not in text and len(text) == len(data)
    assert text[len("Akar said "):].encode("cp1252", errors="ignore") == \
        bytes(b for b in range(0x80, 0x100) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
    assert [text[10 + b - 0x80] for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)] == \
        ["\x81", "\x8d", "\x8f", "\x90", "\x9d"]


def test_utf16_by_its_bom_and_utf8_with_bom_give_the_same_article(store, tmp_path):
    text = '"Geri adım atmayacağız", Akar said.'
    write(tmp_path, "a.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    write(tmp_path, "b.txt", codecs.BOM_UTF8 + text.encode())
    report = import_all(store, [tmp_path])
    assert report.summary() == "1 added, 1 already present, 0 failed"
    assert store.statements()[0].quote == "Geri adım atmayacağız"


def test_html_articles_are_stored_as_their_text_and_offsets_index_it(store, tmp_path):
    page = write(tmp_path, "page.html", HTML.encode())
    saved_as_txt = write(tmp_path, "page2.txt", HTML.replace("Ankara", "Ankara, again").encode())
    report = import_all(store, [page, saved_as_txt])
    assert [r.status for r in report.results] == [ADDED, ADDED]
    doc = store.document(report.results[0].document_id)
    assert doc.text == ('Ankara answers\n\n"We will respond", Akar said. "Resolve it", Pompeo '
                        "said.\nSecond line \u2013 here.\n")
    assert doc.title == "Ankara answers"          # the page's headline, not its <title> tag
    assert "<" not in doc.text and "Fake" not in doc.text     # no markup, no script
    statements = store.statements()
    assert {s.quote for s in statements} == {"We will respond", "Resolve it"}
    for s in statements:
        src = s.sources[0]
        stored = store.document(src.document_id).text
        assert stored[src.start:src.end] == s.quote


def test_thousands_of_unbalanced_quotation_marks_import_with_the_real_extractor(store, tmp_path):
    text = ('Akar said "we will \u201crespond. ' * 3000) + '\u201d"\u201c' * 2000 + \
        '\n\n"Resolve it", Pompeo said.\n'
    write(tmp_path, "quotes.txt", text.encode())
    report = ingest.import_paths(store, [tmp_path])          # the real extractor
    assert [r.status for r in report.results] == [ADDED]
    doc = store.document(report.results[0].document_id)
    for s in store.statements():
        for src in s.sources:
            assert doc.text[src.start:src.end] == s.quote


def test_read_article_names_a_folder_without_articles(tmp_path):
    with pytest.raises(ArticleError, match="a folder with no files in it"):
        read_article(tmp_path, {})
