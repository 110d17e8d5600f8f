"""Importing folders of articles: every file reported, bad ones never stopping the rest."""

from __future__ import annotations

import codecs
import datetime as dt
import threading

import pytest

from s400tracker.core.query import StatementFilter
from s400tracker.services import ingest
from s400tracker.services.ingest import ADDED, FAILED, PRESENT, SKIPPED
from s400tracker.store import Store, StoreError
from tests.helpers import ACTORS, fixed_finder, no_index, quote_finder

FINDER = quote_finder({"Akar": "akar", "Pompeo": "us"})
SIDECAR = "file,outlet,title,published,url\n"


@pytest.fixture(autouse=True)
def no_header_dates(monkeypatch):
    # Dates here come from the sidecar or nowhere, whatever the real header reader learns.
    from s400tracker.core import article_head as article

    monkeypatch.setattr(article, "read_header", lambda text: article.Header("", None))


def run(store, paths, **kw):
    kw.setdefault("extract_fn", FINDER)
    return ingest.import_paths(store, paths, make_index=no_index, **kw)


def folder(tmp_path, files: dict[str, str | bytes], sidecar: str = "") -> object:
    for name, content in files.items():
        p = tmp_path / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if sidecar:
        (tmp_path / "articles.csv").write_text(SIDECAR + sidecar, encoding="utf-8")
    return tmp_path


def test_a_folder_imports_with_its_sidecar_and_the_sidecar_is_no_article(store, tmp_path):
    folder(tmp_path, {"a.txt": '"We will respond", Akar said.', "b.txt": '"Now", Pompeo said.'},
           sidecar="a.txt,TASS,Akar responds,2020-12-15,\n")
    report = run(store, [tmp_path])
    assert [(r.path.name, r.status) for r in report.results] == [("a.txt", ADDED), ("b.txt", ADDED)]
    assert report.ok and report.summary() == "2 added, 0 already present, 0 failed"
    docs = {d.path.rsplit("/", 1)[-1]: d for d in store.documents()}
    assert set(docs) == {"a.txt", "b.txt"}
    assert (docs["a.txt"].title, docs["a.txt"].outlet) == ("Akar responds", "TASS")
    assert docs["a.txt"].published == dt.date(2020, 12, 15)
    assert "2020-12-15 (sidecar)" in report.results[0].line()


def test_importing_again_reports_already_present_and_adds_nothing(store, tmp_path):
    folder(tmp_path, {"a.txt": '"We will respond", Akar said.'})
    run(store, [tmp_path])
    again = run(store, [tmp_path / "a.txt"])
    assert [r.status for r in again.results] == [PRESENT]
    assert again.ok
    assert store.document_count() == 1 and store.statement_count() == 1


def test_the_same_article_in_another_encoding_is_already_present(store, tmp_path):
    text = '"Biz geri adım atmayacağız", Akar said.'
    folder(tmp_path, {"a.txt": text, "b.txt": codecs.BOM_UTF16_LE + text.encode("utf-16-le")})
    assert [r.status for r in run(store, [tmp_path]).results] == [ADDED, PRESENT]


def test_bad_files_are_reported_and_the_good_ones_imported(store, tmp_path):
    folder(tmp_path, {"1.txt": '"One", Akar said.', "2.txt": b"\x00\x01binary",
                      "3.txt": b"", "4.txt": '"Four", Pompeo said.'})
    report = run(store, [tmp_path, tmp_path / "missing.txt"])
    assert [(r.path.name, r.status) for r in report.results] == [
        ("1.txt", ADDED), ("2.txt", FAILED), ("3.txt", FAILED), ("4.txt", ADDED),
        ("missing.txt", FAILED)]
    reasons = [r.reason for r in report.results if r.status == FAILED]
    assert reasons == ["binary file, not text", "empty file", "no such file"]
    assert not report.ok and report.summary() == "2 added, 0 already present, 3 failed"
    assert {s.quote for s in store.statements()} == {"One", "Four"}


def test_a_sidecar_named_on_the_command_line_is_skipped_not_imported(store, tmp_path):
    folder(tmp_path, {"a.txt": "x"}, sidecar="a.txt,,,,\n")
    report = run(store, [tmp_path / "articles.csv"])
    assert [r.status for r in report.results] == [SKIPPED]
    assert report.ok and store.document_count() == 0


def test_an_undated_article_is_reported_undated_never_today(store, tmp_path):
    folder(tmp_path, {"a.txt": '"We will respond", Akar said.'})
    (result,) = run(store, [tmp_path]).results
    assert (result.published, result.date_basis) == (None, "undated")
    assert "undated" in result.line() and dt.date.today().isoformat() not in result.line()
    (st,) = store.statements()
    assert st.date is None and store.documents()[0].published is None


def test_an_extractor_error_fails_that_article_only(store, tmp_path):
    folder(tmp_path, {"a.txt": "boom", "b.txt": '"Fine", Akar said.'})

    def fragile(text, published, index):
        if text == "boom":
            raise RuntimeError("confused by this one")
        return FINDER(text, published, index)

    report = run(store, [tmp_path], extract_fn=fragile)
    assert [r.status for r in report.results] == [FAILED, ADDED]
    assert "confused by this one" in report.results[0].reason
    assert store.document_count() == 1


def test_offsets_index_the_stored_text_exactly(store, tmp_path):
    text = "Intro line\r\n\r\n\u201cQuoted\u201d, then \"We will respond\", Akar said.\r\n"
    folder(tmp_path, {"a.txt": codecs.BOM_UTF8 + text.encode("utf-8")})
    run(store, [tmp_path])
    (st,) = store.statements()
    doc = store.document(st.sources[0].document_id)
    assert doc.text == text
    assert doc.text[st.sources[0].start:st.sources[0].end] == st.quote == "We will respond"


def test_progress_is_reported_per_file_and_cancel_stops_the_import(store, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "_GROUP", 1)   # a commit, and a report, after every article
    folder(tmp_path, {f"{i}.txt": f'"Number {i}", Akar said.' for i in range(4)})
    cancel = threading.Event()
    seen = []

    def progress(done, total, path):
        seen.append((done, total, path.name))
        if done == 2:
            cancel.set()

    report = run(store, [tmp_path], progress=progress, cancel=cancel.is_set)
    assert seen == [(1, 4, "0.txt"), (2, 4, "1.txt")]
    assert report.cancelled and not report.ok and "(cancelled)" in report.summary()
    assert store.document_count() == 2


def test_articles_are_reported_only_once_committed_and_a_cancel_keeps_what_was_written(tmp_path):
    store = Store.open(tmp_path / "t.db", actors=ACTORS)
    (tmp_path / "in").mkdir()
    articles = folder(tmp_path / "in", {f"{i}.txt": f'"Number {i}", Akar said.' for i in range(6)})
    cancel = threading.Event()
    seen = []
    extracted = []

    def finder(text, published, index):
        extracted.append(text)
        if len(extracted) == 3:
            cancel.set()   # the analyst cancels while the third article is extracted
        return FINDER(text, published, index)

    def progress(done, total, path):
        # Whatever is reported is in the store, as another window (connection) sees it.
        with Store.open(store.path, actors=ACTORS) as other:
            seen.append((path.name, other.document_count()))

    with store:
        report = run(store, [articles], extract_fn=finder, progress=progress, cancel=cancel.is_set)
        assert report.cancelled
        assert [name for name, _ in seen] == ["0.txt", "1.txt", "2.txt"]
        assert all(committed == 3 for _, committed in seen)   # reported after their commit
        assert store.document_count() == 3


def test_an_import_whose_commit_fails_reports_nothing_of_the_lost_group(store, tmp_path, monkeypatch):
    folder(tmp_path, {f"{i}.txt": f'"Number {i}", Akar said.' for i in range(3)})
    seen = []

    def full_disk():
        raise StoreError("the disk is full")

    monkeypatch.setattr(store, "commit_group", full_disk)
    with pytest.raises(StoreError):
        run(store, [tmp_path], progress=lambda done, total, path: seen.append(path.name))
    assert seen == []


def test_reextraction_applies_a_better_extractor_and_keeps_the_analysts_work(store, tmp_path):
    folder(tmp_path, {"a.txt": '"We will respond", Akar said. "Later", Pompeo said.'})
    run(store, [tmp_path])
    respond = next(s for s in store.statements() if s.quote == "We will respond")
    store.annotate(respond.id, "threat", ["retaliation"], "threaten")
    better = quote_finder({"Akar": "akar", "Pompeo": "us"}, date=dt.date(2020, 12, 14))
    report = ingest.reextract(store, extract_fn=better, make_index=no_index)
    assert (report.documents, report.change.updated) == (1, 2)
    after = store.statement(respond.id)
    assert after.date == dt.date(2020, 12, 14) and after.annotation.note == "threat"
    report = ingest.reextract(store, extract_fn=fixed_finder([]), make_index=no_index)
    assert (report.change.removed, report.change.kept) == (1, 1)
    assert [s.quote for s in store.statements(StatementFilter())] == ["We will respond"]
