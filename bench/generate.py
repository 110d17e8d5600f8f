"""News-like articles about the S-400 sanctions, reproducible from a seed: for benchmarks and the
fault-injection test.

    python -m bench.generate --count 20000 --out /tmp/articles --seed 400

Writes NNNNNN.txt files (UTF-8) and an articles.csv sidecar (outlet, title, published) into OUT.
Each article mixes direct quotes, quote-first attributions and reported speech ("X said that …")
by tracked actors and by speakers nobody tracks, with time expressions ("on Tuesday",
"yesterday"). The same seed and count always give the same bytes; article i does not depend on
the count, so a smaller run is a prefix of a larger one.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

TRACKED = [
    "Turkish Defence Minister Hulusi Akar", "Akar", "Foreign Minister Mevlut Cavusoglu",
    "Cavusoglu", "presidential spokesman Ibrahim Kalin", "Kalın",
    "US Secretary of State Mike Pompeo", "State Department spokesperson Ned Price",
    "Russian Foreign Minister Sergei Lavrov", "Maria Zakharova",
    "Turkey's Foreign Ministry", "CHP leader Kemal Kilicdaroglu",
]
UNTRACKED = [
    "NATO Secretary General Jens Stoltenberg", "EU foreign policy chief Josep Borrell",
    "Greek Foreign Minister Nikos Dendias", "Senator Bob Menendez", "analyst Aaron Stein",
    "a senior European diplomat", "Kremlin spokesman Dmitry Peskov",
]
QUOTES = [
    "The sanctions are unjust and will harm our alliance",
    "We will not take a step back on the S-400",
    "Turkey must resolve the S-400 problem immediately",
    "This decision is a grave mistake",
    "We call on Washington to return to dialogue",
    "The purchase endangers the security of US military technology",
    "Ankara remains a valued ally, but the law is clear",
    "These measures show arrogance towards international law",
    "We will take the necessary steps against this decision",
    "Sanctions will not change our sovereign choice",
    "The door to diplomacy remains open",
    "Our defence industry will only grow stronger",
]
REPORTED = [
    "Turkey would respond in kind", "the sanctions violated the spirit of the alliance",
    "Ankara had no intention of returning the missiles", "talks could resume in January",
    "the measures were long overdue", "Russia would keep its commitments to Turkey",
]
CUES = ["said", "told reporters", "stressed", "warned", "added", "insisted"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "yesterday", "earlier this week", "on Friday",
        "late on Thursday", ""]
FILLER = [
    "The United States imposed sanctions on Turkey's Presidency of Defence Industries (SSB) "
    "over the purchase of the Russian S-400 air defence system.",
    "Turkey was suspended from the F-35 programme last year.",
    "The measures include a ban on US export licences and an asset freeze on the agency's head.",
    "Markets in Istanbul were calm after the announcement.",
    "The lira weakened slightly against the dollar.",
    "The Countering America's Adversaries Through Sanctions Act (CAATSA) requires such measures.",
]
OUTLETS = ["AA", "Reuters", "AFP", "TASS", "Hurriyet Daily News", "Al-Monitor", "BBC"]
FIRST_DAY = dt.date(2020, 12, 14)


def paragraph(rng: random.Random) -> str:
    speaker = rng.choice(TRACKED if rng.random() < 0.7 else UNTRACKED)
    quote, when, cue = rng.choice(QUOTES), rng.choice(WHEN), rng.choice(CUES)
    when_part = f" {when}" if when else ""
    form = rng.randrange(5)
    if form == 0:
        text = f'{speaker}{when_part} {cue}: "{quote}."'
    elif form == 1:
        text = f'"{quote}," {speaker} {cue}{when_part}.'
    elif form == 2:
        text = f"{speaker} {cue}{when_part} that {rng.choice(REPORTED)}."
    elif form == 3:
        text = f'"{quote}," {speaker} {cue}. "{rng.choice(QUOTES)}," he added.'
    else:
        text = rng.choice(FILLER)
    if rng.random() < 0.5:
        text += " " + rng.choice(FILLER)
    return text[0].upper() + text[1:]


def article(seed: int, index: int) -> tuple[str, dict]:
    """Article `index` of the run seeded `seed`: (text, sidecar row without the file name)."""
    rng = random.Random(seed * 1_000_003 + index)
    published = FIRST_DAY + dt.timedelta(days=rng.randrange(50))
    title = f"{rng.choice(['Ankara', 'Washington', 'Moscow'])} reacts to S-400 sanctions ({index})"
    body = [paragraph(rng) for _ in range(rng.randint(3, 9))]
    text = title + "\n\n" + "\n\n".join(body) + "\n"
    return text, {"outlet": rng.choice(OUTLETS), "title": title,
                  "published": published.isoformat(), "url": ""}


def generate(count: int, out: Path, seed: int = 400, start: int = 0) -> list[Path]:
    """Write articles start … start + count - 1 and their sidecar into `out`; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    files, rows = [], []
    for i in range(start, start + count):
        text, row = article(seed, i)
        path = out / f"{i:06d}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        files.append(path)
        rows.append({"file": path.name, **row})
    with open(out / "articles.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["file", "outlet", "title", "published", "url"])
        writer.writeheader()
        writer.writerows(rows)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="how many articles (default 300)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=400, help="random seed (default 400)")
    args = parser.parse_args(argv)
    generate(args.count, args.out, args.seed)
    print(f"{args.count} articles in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
