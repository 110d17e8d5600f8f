"""How the store copes with 100,000 statements: matrix aggregation and one cell's statements.

Not part of the test run: `.venv/bin/python bench/bench_store.py [N]`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from s400tracker.core.ids import text_sha256
from s400tracker.core.model import Document, Found
from s400tracker.core.query import StatementFilter
from s400tracker.store import Store

STANCES = ["comment", "reject", "condemn", "threaten", None]


def fill(store: Store, n: int, per_doc: int = 50) -> None:
    rng = random.Random(400)
    actors = [a.key for a in store.actors()] + [None]
    first = dt.date(2020, 12, 1)
    for d in range(n // per_doc):
        text = " ".join(f'"quote {d} {i} sanctions alliance", X said.' for i in range(per_doc))
        found = []
        pos = 0
        for i in range(per_doc):
            quote = f"quote {d} {i} sanctions alliance"
            start = text.index(quote, pos)
            pos = start + len(quote)
            found.append(Found(start=start, end=pos, quote=quote, kind="direct", speaker="X",
                               actor=rng.choice(actors),
                               date=first + dt.timedelta(days=rng.randrange(120)),
                               date_basis="explicit", stance=rng.choice(STANCES)))
        store.add_document(Document(0, text_sha256(text), f"{d}.txt", f"Doc {d}", "", first,
                                    "sidecar", text), found)


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<40} {1000 * (time.perf_counter() - start):8.1f} ms")
    return result


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp) / "bench.db") as store:
            timed(f"import {n} statements", lambda: fill(store, n))
            cells = timed("matrix_cells (day)", store.matrix_cells)
            timed("matrix_cells (week)", lambda: store.matrix_cells(bucket="week"))
            timed("matrix_cells (text filter)",
                  lambda: store.matrix_cells(StatementFilter(text="alliance 7")))
            c = cells[len(cells) // 2]
            f = StatementFilter(actors=(c.actor,), start=c.date, end=c.date)
            timed("one cell's statements", lambda: store.statements(f))
            timed("untracked speakers", store.untracked_speakers)
            timed("long export rows (statements())", store.statements)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
