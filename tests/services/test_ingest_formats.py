"""Import of files holding several articles, and of folders holding more than articles."""

from __future__ import annotations

from s400tracker.services import ingest
from s400tracker.services.tracker import Tracker
from tests.formats import exports_made, makers, pages_made
from tests.helpers import no_index, quote_finder

FINDER = quote_finder({"Berg": None, "Lund": None})


def test_progress_counts_files_not_the_articles_of_an_export(store, tmp_path):
    (tmp_path / "export.docx").write_bytes(makers.docx(exports_made.nexis_lines()))
    (tmp_path / "feed.xml").write_bytes(pages_made.rss())
    (tmp_path / "alone.txt").write_text('"We were not consulted," Berg said.', encoding="utf-8")
    calls = []
    report = ingest.import_paths(store, [tmp_path], extract_fn=FINDER, make_index=no_index,
                                 progress=lambda done, total, path: calls.append((done, total, path.name)))
    assert report.summary() == "6 added, 0 already present, 0 failed"
    assert calls == [(1, 3, "alone.txt"), (2, 3, "export.docx"), (3, 3, "feed.xml")]


def test_a_store_kept_in_the_articles_folder_is_not_reported_as_a_file(tmp_path):
    (tmp_path / "a.txt").write_text('"We were not consulted," Berg said.', encoding="utf-8")
    with Tracker.open(tmp_path / "case.db", create=True) as t:
        report = t.import_paths([tmp_path])
        assert [r.path.name for r in report.results] == ["a.txt"]
        again = t.import_paths([tmp_path])   # the store, its journal and lock exist now
        assert again.summary() == "0 added, 1 already present, 0 failed"


def test_re_extraction_skips_the_dateline_as_import_did(tmp_path):
    (tmp_path / "wire.txt").write_text(
        'Port row\n\nANKARA (AP) — "We were not consulted," the minister said on Thursday.\n\n'
        "OSLO - Berg said the talks would resume in April.\n", encoding="utf-8")
    with Tracker.open(tmp_path / "case.db", create=True) as t:
        assert t.import_paths([tmp_path / "wire.txt"]).summary().startswith("1 added")
        before = {(s.quote, s.kind, s.speaker) for s in t.store.statements(_everyone())}
        # The quotation is the whole sentence once the dateline is out of it: direct.
        assert ("We were not consulted", "direct", "the minister") in before
        assert all("ANKARA" not in quote and speaker not in ("ANKARA", "AP", "OSLO")
                   for quote, _, speaker in before)
        change = t.reextract()
        assert (change.change.added, change.change.removed) == (0, 0)



def _everyone():
    from s400tracker.core.query import StatementFilter

    return StatementFilter(tracked_only=False)


def test_an_article_of_an_export_over_the_size_limit_is_refused_alone(store, tmp_path, monkeypatch):
    from s400tracker.services import articles

    # The limit brought down to between the feed's articles' sizes, rather than a 10 MB feed.
    monkeypatch.setattr(articles, "MAX_BYTES", 120)
    (tmp_path / "feed.xml").write_bytes(pages_made.rss())
    report = ingest.import_paths(store, [tmp_path / "feed.xml"], extract_fn=FINDER, make_index=no_index)
    assert [(r.status, r.label.split(" ")[0]) for r in report.results] == [
        ("failed", "#1"), ("added", "#2"), ("added", "#3")]
    assert report.results[0].reason.startswith("too large for an article")
