"""An archive-sized store, reproducible from a seed, written straight through the store layer.

    python -m bench.bigstore --out /tmp/big.db [--statements 100000 --actors 300 --dates 2000]

The seven bundled actors plus generated ones (people and bodies of a dozen countries), statements
spread over them and over `dates` distinct days (every day from 14 Dec 2020 on holds at least
one), about one in ten by an untracked speaker, a stance suggestion on most, and an annotation
(note, tags, stance) on one in fifty. No extraction runs: articles are built with their
statements' offsets known, which makes 100,000 statements a matter of seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path

from s400tracker.core.ids import text_sha256
from s400tracker.core.model import Actor, Document, Found
from s400tracker.store import Store

from bench.generate import FIRST, LAST, PARTIAL, QUOTES, REPORTED

FIRST_DAY = dt.date(2020, 12, 14)
COUNTRIES = [("Greece", "#2b6cb0"), ("Germany", "#4a5568"), ("France", "#2c5282"),
             ("European Union", "#3182ce"), ("NATO", "#1a365d"), ("Iran", "#276749"),
             ("Israel", "#2f855a"), ("Azerbaijan", "#c05621"), ("United Kingdom", "#9b2c2c"),
             ("China", "#c53030"), ("Ukraine", "#d69e2e"), ("India", "#dd6b20")]
TITLES = ["Foreign Minister", "Defence Minister", "spokesperson", "ambassador", "senator",
          "party leader", "deputy minister", "parliament speaker", "Foreign Ministry"]
STANCES = [None, "comment", "appeal", "dialogue", "reaffirm", "demand", "reject", "condemn",
           "threaten", "approve"]
TAGS = ["caatsa", "f-35", "retaliation", "nato", "dialogue", "economy", "patriot", "biden"]
PER_DOCUMENT = 20


def generated_actors(n: int, seed: int) -> list[Actor]:
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        country, color = rng.choice(COUNTRIES)
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        key = f"gen-{len(out):03d}"
        if name in seen:
            name = f"{name} ({country})"
        seen.add(name)
        out.append(Actor(key=key, name=name, group=country, color=color,
                         aliases=(name, f"{country} {rng.choice(TITLES)} {name}")))
    return out


def build(path: Path, statements: int = 100_000, actors: int = 300, dates: int = 2000,
          seed: int = 400) -> dict:
    """Write the store at `path` (which must not exist); returns what it holds and how long."""
    started = time.perf_counter()
    rng = random.Random(seed)
    with Store.open(path) as store:
        bundled = [a.key for a in store.actors()]
        for actor in generated_actors(actors - len(bundled), seed):
            store.add_actor(actor)
        keys = [a.key for a in store.actors()]
        # A few actors speak a lot, most rarely, as in the press.
        weights = [1.0 / (1 + i) ** 0.8 for i in range(len(keys))]
        days = [FIRST_DAY + dt.timedelta(days=i) for i in range(dates)]
        annotated: list[str] = []
        with store.bulk():
            made = 0
            for d in range((statements + PER_DOCUMENT - 1) // PER_DOCUMENT):
                count = min(PER_DOCUMENT, statements - made)
                published = days[(d * PER_DOCUMENT) % dates]
                parts, found = [f"Reactions to the S-400 sanctions ({d})\n\n"], []
                pos = len(parts[0])
                for i in range(count):
                    n = made + i
                    # The first `dates` statements cover every day once; the rest fall anywhere.
                    day = days[n] if n < dates else rng.choice(days)
                    quote = rng.choice(QUOTES if rng.random() < 0.7 else REPORTED)
                    if rng.random() < 0.2:
                        quote = f"{quote}, calling it {rng.choice(PARTIAL)} ({n})"
                    tracked = rng.random() >= 0.1
                    actor = rng.choices(keys, weights)[0] if tracked else None
                    speaker = actor or f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                    lead = f'{speaker} said: "'
                    start = pos + len(lead)
                    parts.append(f'{lead}{quote}."\n\n')
                    found.append(Found(
                        start=start, end=start + len(quote), quote=quote,
                        kind=rng.choice(("direct", "direct", "partial", "indirect")),
                        speaker=speaker, speaker_start=pos, speaker_end=pos + len(speaker),
                        actor=actor, date=day, date_basis="explicit", cue="said",
                        stance=rng.choice(STANCES), context_start=pos,
                        context_end=pos + len(parts[-1]) - 2,
                    ))
                    pos += len(parts[-1])
                text = "".join(parts)
                doc_id, _ = store.add_document(
                    Document(0, text_sha256(text), f"bench/{d:06d}.txt", f"Reactions ({d})",
                             rng.choice(("AA", "Reuters", "AFP", "TASS")), published, "sidecar",
                             text),
                    found)
                made += count
                if d % 50 == 0:
                    annotated.append(doc_id)
            notes = 0
            for doc_id in annotated:
                for s in store.statements(store_filter(doc_id))[:40]:
                    store.annotate(
                        s.id, note=f"Analyst note {notes}: compare with the ministry's line "
                                   f"on {rng.choice(TAGS)}",
                        tags=rng.sample(TAGS, 2), stance=rng.choice(STANCES[1:]), author="bench")
                    notes += 1
        store.analyze()
    return {"statements": statements, "actors": actors, "dates": dates, "annotations": notes,
            "seconds": time.perf_counter() - started}


def store_filter(document_id: int):
    from s400tracker.core.query import StatementFilter

    return StatementFilter(document_id=document_id, tracked_only=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bigstore",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the store file to create")
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--dates", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=400)
    args = parser.parse_args(argv)
    if args.out.exists():
        parser.error(f"{args.out} exists; the builder only writes new stores")
    info = build(args.out, args.statements, args.actors, args.dates, args.seed)
    print(f"{info['statements']} statements, {info['actors']} actors, {info['dates']} dates, "
          f"{info['annotations']} annotations in {args.out} ({info['seconds']:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
