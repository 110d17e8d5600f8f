"""The benchmark's code paths on tiny sizes: the generator, the archive-store builder and the
store-level figures run and give what the bench table reads. No time is asserted here; the
figures themselves come from `python -m bench` (see the README)."""

from __future__ import annotations

from bench import bigstore, generate
from bench.import_probe import baselines, import_folder


def test_news_articles_are_about_three_kilobytes_and_reproducible(tmp_path):
    files = generate.generate(20, tmp_path / "a", seed=7, style="news")
    again = generate.generate(20, tmp_path / "b", seed=7, style="news")
    sizes = [len(p.read_bytes()) for p in files]
    assert 2000 < sum(sizes) / len(sizes) < 4500
    assert [p.read_bytes() for p in files] == [p.read_bytes() for p in again]
    assert any('"' in p.read_text() and "said" in p.read_text() for p in files)


def test_big_store_builder_and_the_bench_figures_run(tmp_path):
    db = tmp_path / "big.db"
    info = bigstore.build(db, statements=400, actors=20, dates=30)
    assert info["statements"] == 400
    figures = baselines(db)
    assert {"group_by_ms", "fts_ms", "select_s", "export_matrix_s", "export_long_s"} <= set(figures)


def test_import_probe_reports_progress_and_memory(tmp_path):
    generate.generate(5, tmp_path / "a", style="news")
    out = import_folder(tmp_path / "a", tmp_path / "s.db")
    assert out["added"] == 5 and out["progress_calls"] == 5 and out["peak_mb"] > 0
