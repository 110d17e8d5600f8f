"""Helpers `python -m bench` runs in their own process (so memory and imports are measured alone).

    python -m bench.import_probe FOLDER DB        # import FOLDER into a new DB: seconds, peak MB
    python -m bench.import_probe --baselines DB   # store-level figures and plain-SQL baselines
    python -m bench.import_probe --seeds DB       # create the seeds store
"""

from __future__ import annotations

import io
import json
import resource
import sqlite3
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss   # the largest worker
    import os
    return (own + workers * (os.cpu_count() or 1)) / 1024


def import_folder(folder: Path, db: Path) -> dict:
    from s400tracker.services.tracker import Tracker

    calls = []
    start = time.perf_counter()
    with Tracker.open(db) as tracker:
        report = tracker.import_paths([folder], progress=lambda d, t, p: calls.append(d))
    return {"seconds": time.perf_counter() - start, "progress_calls": len(calls),
            "added": report.count("added"), "peak_mb": _peak_mb()}


def in_process_rate(folder: Path) -> float:
    from s400tracker import paths
    from s400tracker.core.actors import load_actors
    from s400tracker.extract.pipeline import ActorIndex, extract
    from s400tracker.services.articles import collect, is_sidecar, read_articles, read_sidecar

    sidecar = read_sidecar(folder)
    articles = [(a.extraction_text(), a.published) for p in collect([folder]) if not is_sidecar(p)
                for a in read_articles(p, sidecar)]
    index = ActorIndex(load_actors(paths.resources_dir() / "actors.json"))
    start = time.perf_counter()
    for text, published in articles:
        extract(text, published, index)
    return len(articles) / (time.perf_counter() - start)


def baselines(db: Path) -> dict:
    from s400tracker.services.tracker import Tracker

    def ms(fn, repeat=5):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(1000 * (time.perf_counter() - start))
        return sorted(times)[len(times) // 2]

    conn = sqlite3.connect(db)
    out = {
        "group_by_ms": ms(lambda: conn.execute(
            "SELECT eff_actor, eff_date, count(*) FROM statements WHERE hidden = 0 "
            "AND eff_actor IS NOT NULL GROUP BY 1, 2").fetchall()),
        "fts_ms": ms(lambda: conn.execute(
            "SELECT rowid FROM statements_fts WHERE statements_fts MATCH '\"sanctions\"*' "
            "LIMIT 200").fetchall()),
    }
    start = time.perf_counter()
    conn.execute("SELECT * FROM statements s LEFT JOIN annotations a ON a.statement_id = s.id "
                 "LEFT JOIN mentions m ON m.statement_id = s.id WHERE s.hidden = 0 "
                 "AND s.eff_actor IS NOT NULL").fetchall()
    out["select_s"] = time.perf_counter() - start
    with Tracker.open(db) as tracker:
        for kind in ("matrix", "long"):
            start = time.perf_counter()
            getattr(tracker, f"export_{kind}")(io.StringIO())
            out[f"export_{kind}_s"] = time.perf_counter() - start
    return out


def seeds(db: Path) -> dict:
    from s400tracker.services.tracker import Tracker

    Tracker.open(db, seed=True).close()
    return {"ok": True}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[0] == "--baselines":
        result = baselines(Path(args[1]))
    elif args[0] == "--seeds":
        result = seeds(Path(args[1]))
    else:
        result = import_folder(Path(args[0]), Path(args[1]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
