"""Score `s400tracker extract` against PolNeAR's annotated attributions (train or dev split).

    python -m bench.polnear --polnear GIT_DIR        # once: converts the fetched snapshot
    python -m bench.corpus [--split dev|train] [--show-errors N] [--dump]

Runs the CLI over the converted articles and scores it by the rules of bench/corpus_score.py, in
three views:
- quotes: each pair of quotation marks inside a direct or mixed attribution is a unit with that
  attribution's speaker; the predictions are the statements the extractor marks as quoted
  (direct, partial);
- all: every attribution the corpus names a source for;
- speech: those whose cue is a verb or noun of communication (bench/speech_cues.py).
The test split is the hidden set: it is refused, whatever the path.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.corpus_score import (QUOTED_KINDS, AlnumIndex, Gold, Outcome, Pred, match,
                                normalise, quote_units, score_view)
from bench.polnear import ALLOWED_SPLITS, DEFAULT_OUT, TestSplitRefused, check_split, refuse_test
from bench.speech_cues import cue_lemma, is_speech_cue

VIEWS = ("quotes", "speech", "all")
PRONOUNS = frozenset("he she they we i you it him her them us me who".split())


class DataMissing(RuntimeError):
    pass


def load_gold(path: Path) -> dict[str, list[Gold]]:
    golds: dict[str, list[Gold]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r["content"]:
                continue   # a cue alone ('has faced ridicule') says nothing to find
            golds.setdefault(r["file"], []).append(Gold(
                content=tuple(map(tuple, r["content"])), source=tuple(map(tuple, r["source"])),
                source_text=r["source_text"], kind=r["kind"], cue_text=r["cue_text"],
                ref=f"{r['file']} {r['id']}", pieces=tuple(map(tuple, r["pieces"]))))
    return golds


def run_extract(folder: Path) -> dict[str, list[Pred]]:
    """The CLI's statements by article file name."""
    refuse_test(folder)
    done = subprocess.run([sys.executable, "-m", "s400tracker", "extract", str(folder)],
                          capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"s400tracker extract failed: {done.stderr.decode(errors='replace')}")
    preds: dict[str, list[Pred]] = {}
    for line in done.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        preds.setdefault(os.path.basename(r["file"]), []).append(Pred(
            r["start"], r["end"], r["kind"], r["speaker"], r["speaker_start"], r["speaker_end"],
            r["quote"], r.get("speaker_resolved")))
    return preds


def score_article(text: str, golds: list[Gold], preds: list[Pred]) -> dict[str, Outcome]:
    index = AlnumIndex(text)
    pairs = match(index, golds, preds)
    units = quote_units(golds)
    quoted = [p for p in preds if p.kind in QUOTED_KINDS]
    return {
        "all": score_view(golds, preds, pairs),
        "speech": score_view(golds, preds, pairs, lambda g: is_speech_cue(g.cue_text)),
        "quotes": score_view(units, quoted, match(index, units, quoted)),
    }


def score_split(data: Path, split: str) -> tuple[dict[str, Outcome], dict[str, str]]:
    check_split(split)
    folder = data / split / "articles"
    gold_path = data / split / "gold.jsonl"
    refuse_test(folder)
    if not gold_path.is_file() or not folder.is_dir():
        raise DataMissing(f"no converted {split} split in {data}: run `python -m bench.polnear "
                          "--polnear GIT_DIR` first (fetch github:networkdynamics/PolNeAR before)")
    golds = load_gold(gold_path)
    preds = run_extract(folder)
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in golds}
    totals = {view: Outcome() for view in VIEWS}
    for name, article_golds in golds.items():
        text = texts[name]
        for p in preds.get(name, []):
            if text[p.start:p.end] != p.quote:
                raise RuntimeError(f"{name}: the CLI's offsets {p.start}-{p.end} do not index "
                                   "the article's text; the scores would be meaningless")
        for view, outcome in score_article(text, article_golds, preds.get(name, [])).items():
            totals[view].add(outcome)
    return totals, texts


# --- reporting ----------------------------------------------------------------------------------

def report(totals: dict[str, Outcome], out=None) -> None:
    out = out or sys.stdout
    print(f"{'view':7} {'kind':9} {'gold':>5} {'pred':>5} {'found':>5} {'right':>5}   "
          f"span P / R / F1        speaker P / R / F1", file=out)
    for view in VIEWS:
        o = totals[view]
        for kind in ("direct", "mixed", "indirect"):
            t = o.by_kind.get(kind)
            if t and t.gold:
                print(f"{view:7} {kind:9} {t.gold:5} {'':5} {t.spans:5} {t.speakers:5}   "
                      f"R {t.spans / t.gold:.3f}                R {t.speakers / t.gold:.3f}", file=out)
        t = o.total
        sp, sr, sf = t.span_prf()
        kp, kr, kf = t.speaker_prf()
        print(f"{view:7} {'total':9} {t.gold:5} {t.predicted:5} {t.spans:5} {t.speakers:5}   "
              f"{sp:.3f} {sr:.3f} {sf:.3f}      {kp:.3f} {kr:.3f} {kf:.3f}", file=out)
        false = ", ".join(f"{k} {n}" for k, n in sorted(o.false_by_kind.items()))
        print(f"{view:7} false predictions by kind: {false or 'none'}", file=out)
    for view, label in (("speech", "speech cue"), ("all", "any cue")):
        indirect = totals[view].by_kind.get("indirect")
        if indirect and indirect.gold:
            print(f"reported speech (indirect, {label}): span recall {indirect.spans / indirect.gold:.3f}, "
                  f"speaker recall {indirect.speakers / indirect.gold:.3f}", file=out)


def speaker_error(g: Gold, p: Pred) -> str:
    gold, pred = normalise(g.source_text), normalise(p.speaker or "")
    if not pred:
        return "no speaker predicted"
    if gold in PRONOUNS:
        return "gold is a pronoun"
    if pred in PRONOUNS:
        return "a pronoun predicted"
    if g.source_text[:1].islower() or gold.split()[0] in ("the", "a", "an", "one", "some"):
        return "gold is a common noun"
    return "another name predicted"


def _excerpt(text: str, start: int, end: int, width: int = 160) -> str:
    piece = text[start:end]
    return (piece if len(piece) <= width else piece[:width - 1] + "…").replace("\n", " ")


def errors(totals: dict[str, Outcome], texts: dict[str, str], view: str, limit: int, out=None):
    out = out or sys.stdout
    o = totals[view]
    print(f"\n== errors, view {view}", file=out)
    by_cue = Counter(cue_lemma(g.cue_text) for g in o.missed)
    print(f"missed {len(o.missed)}, by cue: " + ", ".join(f"{c} {n}" for c, n in by_cue.most_common(25)), file=out)
    print("missed by kind: " + ", ".join(f"{k} {n}" for k, n in Counter(g.kind for g in o.missed).most_common()), file=out)
    for g in o.missed[:limit]:
        text = texts[g.ref.split(" ")[0]]
        s, e = g.content[0][0], g.content[-1][1]
        print(f"  - [{g.kind}] {g.source_text!r} / {g.cue_text!r}: {_excerpt(text, s, e)!r}  ({g.ref})", file=out)
    by_class = Counter(speaker_error(g, p) for g, p in o.wrong_speaker)
    print(f"wrong speaker {len(o.wrong_speaker)}: " + ", ".join(f"{c} {n}" for c, n in by_class.most_common()), file=out)
    for g, p in o.wrong_speaker[:limit]:
        print(f"  - gold {g.source_text!r}, predicted {p.speaker!r} [{speaker_error(g, p)}]: "
              f"{p.quote[:100]!r}  ({g.ref})", file=out)
    print(f"false predictions {len(o.false)}: " + ", ".join(f"{k} {n}" for k, n in sorted(o.false_by_kind.items())), file=out)
    for p in o.false[:limit]:
        print(f"  - [{p.kind}] {p.speaker!r}: {p.quote[:120]!r}", file=out)


def _dump(path: Path, totals, texts) -> None:
    refuse_test(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            report(totals, f)
            for view in VIEWS:
                errors(totals, texts, view, 10**9, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", help=f"{' or '.join(ALLOWED_SPLITS)} (default dev)")
    ap.add_argument("--data", type=Path, default=DEFAULT_OUT, help="the converter's output folder")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="list the errors grouped, N examples of each")
    ap.add_argument("--dump", action="store_true",
                    help="write every error to DATA/SPLIT/errors.txt (git-ignored)")
    args = ap.parse_args(argv)
    try:
        check_split(args.split)
        refuse_test(args.data)
        totals, texts = score_split(args.data, args.split)
    except (TestSplitRefused, DataMissing, ValueError, RuntimeError, OSError) as e:
        print(f"bench.corpus: {e}", file=sys.stderr)
        return 2
    report(totals)
    if args.show_errors:
        for view in VIEWS:
            errors(totals, texts, view, args.show_errors)
    if args.dump:
        path = args.data / args.split / "errors.txt"
        _dump(path, totals, texts)
        print(f"errors written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
