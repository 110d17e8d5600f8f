"""Hostile articles at growing sizes: extraction time must grow linearly with the text.

    .venv/bin/python -m bench.adversarial                       # 10 KB, 100 KB, 1 MB per pattern
    .venv/bin/python -m bench.adversarial --sizes 10000,100000 --only nested_attributions
    .venv/bin/python -m bench.adversarial --sizes 1000000,10000000   # up to the article limit

Each pattern is a unit repeated to the size (one paragraph, most without a full stop: a single
sentence as long as the article). For every step between two sizes it prints the time ratio and
fails (exit 1) when a ratio exceeds --max-ratio times the size ratio (linear is 1, n log n a
little above, quadratic the size ratio itself) or a run takes longer than --budget seconds per
megabyte. The best of --repeat runs is taken: this shared machine only ever slows a run down.
Not part of the test suite (tests/extract/test_linear_extraction.py counts steps instead).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

from s400tracker import paths
from s400tracker.core.actors import load_actors
from s400tracker.extract.pipeline import ActorIndex, extract

# name -> the unit repeated; every one once made some part of extraction re-read what it had read.
PATTERNS = {
    "nested_attributions": "Lavrov said that ",
    "long_sentence_of_verbs": "the minister said the sanctions were bad and ",
    "quotation_marks": '"a" ',
    "quotes_and_speakers": "“a” said Lavrov ",
    "dotted_quotes": '"." said Lavrov "." ',
    "single_quotes": "'a' Turkey's 'b' ",
    "commas_before_verbs": "Lavrov, Peskov, said ",
    "told_with_objects": "Akar told reporters on Monday that ",
    "told_capitalised": "Akar told Aa Bb Cc Dd Ee ",
    "capitalised_words": "Foreign Minister Sergei Lavrov Said Turkey Will Respond ",
    "capitalised_speakers": "Aa Bb Cc Dd said ",
    "ambiguous_speakers": "Foreign Minister said the talks failed and ",
    "ambiguous_sentences": "Foreign Minister said the talks failed. ",
    "according_to": "according to Lavrov ",
    "participles": "Lavrov said, adding, warning, stressing, ",
    "days_and_verbs": "Lavrov said on Monday and Peskov said on Tuesday and ",
    "colon_speakers": 'Lavrov: "a b c" ',
    "replies": '"a b" was the reply of Lavrov ',
    "quote_per_line": '"Lavrov said that\n',
    "one_word": "x",
}


def article(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def seconds(text: str, published, index, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        extract(text, published, index)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.adversarial", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="characters, ascending, comma-separated")
    parser.add_argument("--only", default="", help="comma-separated pattern names (default: all)")
    parser.add_argument("--max-ratio", type=float, default=3.0,
                        help="largest allowed (time ratio / size ratio) between two sizes (default 3)")
    parser.add_argument("--budget", type=float, default=10.0, help="largest allowed seconds per megabyte (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below 1 MB, the best taken (default 3)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    names = args.only.split(",") if args.only else list(PATTERNS)
    index = ActorIndex(load_actors(paths.resources_dir() / "actors.json"))
    published = dt.date(2020, 12, 15)
    failures = []
    print(f"{'pattern':<24}" + "".join(f"{s:>12,}" for s in sizes) + "   growth per step (time ratio / size ratio)")
    for name in names:
        times = [seconds(article(PATTERNS[name], n), published, index, args.repeat if n < 1_000_000 else 1)
                 for n in sizes]
        growth = []
        for (n0, t0), (n1, t1) in zip(zip(sizes, times), zip(sizes[1:], times[1:])):
            g = (t1 / max(t0, 1e-4)) / (n1 / n0)
            growth.append(g)
            if g > args.max_ratio:
                failures.append(f"{name}: {n0:,} → {n1:,} characters took {t1 / max(t0, 1e-4):.1f}× the time")
        for n, t in zip(sizes, times):
            if t > args.budget * max(n, 100_000) / 1_000_000:
                failures.append(f"{name}: {n:,} characters took {t:.2f} s")
        print(f"{name:<24}" + "".join(f"{t:>11.3f}s" for t in times) + "   " + " ".join(f"{g:.2f}" for g in growth),
              flush=True)
    for line in failures:
        print("FAIL", line)
    print("all linear" if not failures else f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
