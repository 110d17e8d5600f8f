"""Score the extractor on the development set: precision, recall and F1 by kind.

    python -m bench.score_extraction [--cases bench/devset/cases.jsonl] [--show-misses]

Each case is a news-style passage with its statements annotated by hand: the quote and speaker as
substrings of the text, the kind (direct, partial, indirect), and the tracked actor where there is
one. Grow the set whenever the extractor gets something wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from s400tracker.core.actors import load_actors
from s400tracker.extract.pipeline import ActorIndex, extract
from s400tracker.extract.scoring import Score, Span, score_document
from s400tracker.paths import resources_dir

DEFAULT_CASES = Path(__file__).parent / "devset" / "cases.jsonl"
QUOTED = ("direct", "partial")


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _word_at(text: str, words: str) -> int:
    """Where words first stand as whole words ('he' is not the 'he' of 'There')."""
    m = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    if m is None:
        raise ValueError(f"{words!r} not in the text")
    return m.start()


def gold_spans(case: dict) -> list[Span]:
    text = case["text"]
    spans = []
    for g in case["gold"]:
        start = text.index(g["quote"])
        s_start = _word_at(text, g["speaker"]) if g.get("speaker") else None
        spans.append(Span(start, start + len(g["quote"]), g["kind"], s_start,
                          s_start + len(g["speaker"]) if s_start is not None else None, g.get("actor")))
    return spans


def run(cases: list[dict], show_misses: bool = False, out=sys.stdout) -> Score:
    index = ActorIndex(load_actors(resources_dir() / "actors.json"))
    score = Score()
    for case in cases:
        published = dt.date.fromisoformat(case.get("published", "2020-12-16"))
        found = extract(case["text"], published, index)
        predicted = [Span(f.start, f.end, f.kind, f.speaker_start, f.speaker_end, f.actor) for f in found]
        one = Score()
        gold = gold_spans(case)
        score_document(gold, predicted, one)
        score_document(gold, predicted, score)
        t = one.total()
        if show_misses and (t.speakers < t.gold or t.predicted > t.speakers):
            print(f"- {case['id']}: {t.speakers}/{t.gold} right, {t.predicted} predicted", file=out)
            for f in found:
                print(f"    {f.kind:8} {f.speaker!r:40} {f.actor!s:14} {f.quote[:70]!r}", file=out)
    return score


def report(score: Score, out=sys.stdout) -> None:
    print(f"{'kind':10} {'gold':>5} {'pred':>5}   span P/R/F1          speaker P/R/F1", file=out)
    rows = [(k, score.by_kind[k]) for k in sorted(score.by_kind)]
    rows += [("quoted", score.total(QUOTED)), ("all", score.total())]
    for kind, t in rows:
        sp, sr, sf = t.span_prf()
        kp, kr, kf = t.speaker_prf()
        print(f"{kind:10} {t.gold:5} {t.predicted:5}   {sp:.2f} {sr:.2f} {sf:.2f}       {kp:.2f} {kr:.2f} {kf:.2f}", file=out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args(argv)
    report(run(load_cases(args.cases), args.show_misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
