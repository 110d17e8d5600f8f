"""Reading a plain .txt article: import's reader today against formats.read_articles.

    python -m bench.formats_read [FOLDER]   # µs per article, best of many rounds (CPU time)

Both read the file from disk; today's read_article decodes and reads the header, the new entry
point also sniffs the bytes, finds the dateline and hashes the file.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> None:
    from s400tracker.formats import read_articles
    from s400tracker.services.articles import _read, read_article

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent.parent / "seeds"
    paths = sorted(folder.glob("*.txt"))
    ways = {"today read_article": lambda p: read_article(p, {}),
            "formats.read_articles": lambda p: read_articles(p, _read(p))}
    best: dict[str, float] = {}
    for _ in range(100):
        for name, read in ways.items():
            start = time.process_time()
            for i in range(300):
                read(paths[i % len(paths)])
            best[name] = min(best.get(name, 1e9), (time.process_time() - start) / 300 * 1e6)
    for name, us in best.items():
        print(f"{name}: {us:.1f} µs per article")


if __name__ == "__main__":
    main()
