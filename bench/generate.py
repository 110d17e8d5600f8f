"""News-like articles about the S-400 sanctions, reproducible from a seed: for benchmarks and the
fault-injection test.

    python -m bench.generate --count 20000 --out /tmp/articles --seed 400
    python -m bench.generate --count 20000 --out /tmp/news --style news   # ~3 KB wire stories

Writes NNNNNN.txt files (UTF-8) and an articles.csv sidecar (outlet, title, published) into OUT.
Each article mixes direct quotes, quote-first attributions and reported speech ("X said that …")
by tracked actors and by speakers nobody tracks, with time expressions ("on Tuesday",
"yesterday"). The same seed and count always give the same bytes; article i does not depend on
the count, so a smaller run is a prefix of a larger one.

`--style news` writes ~3 KB articles that read like wire copy (see `news_article`): a headline,
a dateline, 8–14 paragraphs mixing background sentences, direct quotes, quote-first attributions,
reported speech, partial quotes, by tracked actors and by many speakers nobody tracks.
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


# -- ~3 KB wire stories --------------------------------------------------------------------

NEWS_TRACKED = TRACKED + [
    "Turkish Defence Minister Hulusi Akar", "Mevlut Cavusoglu", "Ibrahim Kalin",
    "Secretary of State Mike Pompeo", "Sergei Lavrov", "Turkey's Foreign Ministry",
]
FIRST = ["Ahmet", "Mehmet", "Elif", "John", "Sarah", "Dmitry", "Olga", "Nikos", "Maria", "James",
         "Ayse", "Can", "Anna", "Pierre", "Hans", "Yusuf", "Emma", "Ivan", "Selin", "David"]
LAST = ["Yilmaz", "Kaya", "Demir", "Smith", "Johnson", "Petrov", "Ivanova", "Papadopoulos",
        "Schmidt", "Dubois", "Ozturk", "Arslan", "Brown", "Sokolov", "Celik", "Miller", "Rossi",
        "Novak", "Aydin", "Walker"]
ROLES = ["analyst", "retired general", "opposition lawmaker", "professor of international "
         "relations", "senior fellow at a Washington think tank", "former ambassador",
         "defence industry executive", "economist", "NATO official", "EU diplomat"]
BACKGROUND = FILLER + [
    "Washington has long warned that the Russian system is incompatible with NATO defences.",
    "Ankara took delivery of the first S-400 batteries in July 2019.",
    "The sanctions target the Presidency of Defence Industries, known as SSB, and four of its "
    "senior officials, including its head Ismail Demir.",
    "Relations between the two NATO allies have been strained over Syria, the eastern "
    "Mediterranean and the case of a US pastor.",
    "The S-400 deal, worth about $2.5 billion, was signed in 2017.",
    "Turkey has said it was forced to buy the Russian system after failing to agree on the "
    "purchase of US Patriot missiles.",
    "Congress passed the sanctions law in 2017 with overwhelming bipartisan support.",
    "The decision came weeks before President-elect Joe Biden takes office in January.",
    "Turkish defence companies rely on US components for several of their export products.",
    "The European Union is also weighing measures against Ankara over gas exploration.",
    "Analysts said the sanctions were milder than some in Washington had sought.",
    "Turkish shares in defence firms fell as much as 4 percent in early trading.",
]
PARTIAL = ["unjust", "a grave mistake", "arrogance towards international law",
           "unacceptable", "a blow to the alliance", "long overdue", "a clear violation",
           "politically motivated", "counterproductive"]
DATELINES = ["ANKARA", "ISTANBUL", "WASHINGTON", "MOSCOW", "BRUSSELS", "ATHENS"]
WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
            "on Sunday", "yesterday", "earlier this week", "last week", "late on Monday", ""]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _untracked(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(UNTRACKED)
    return f"{rng.choice(ROLES)} {_person(rng)}"


def news_paragraph(rng: random.Random) -> str:
    form = rng.randrange(8)
    if form <= 1:
        return " ".join(rng.sample(BACKGROUND, rng.randint(2, 4)))
    speaker = rng.choice(NEWS_TRACKED) if rng.random() < 0.55 else _untracked(rng)
    when = rng.choice(WEEKDAYS)
    when_part = f" {when}" if when else ""
    cue = rng.choice(CUES)
    quote, other = rng.sample(QUOTES, 2)
    if form == 2:
        text = f'"{quote}," {speaker} {cue}{when_part}. "{other}."'
    elif form == 3:
        text = f'{speaker}{when_part} {cue}: "{quote}. {other}."'
    elif form == 4:
        text = f"{speaker} said{when_part} that {rng.choice(REPORTED)}."
    elif form == 5:
        text = (f'{speaker} described the sanctions as "{rng.choice(PARTIAL)}" and '
                f"said {rng.choice(REPORTED)}.")
    elif form == 6:
        text = (f'"{quote}," {speaker} told reporters in {rng.choice(["Ankara", "Brussels", "Moscow", "Washington"])}'
                f"{when_part}, adding that {rng.choice(REPORTED)}.")
    else:
        text = (f"According to {speaker}, {rng.choice(REPORTED)}. "
                f"{rng.choice(BACKGROUND)}")
    if rng.random() < 0.6:
        text += " " + rng.choice(BACKGROUND)
    return text[0].upper() + text[1:]


def news_article(seed: int, index: int, size: int = 3300) -> tuple[str, dict]:
    """A ~3 KB wire story: headline, dateline, 8–14 paragraphs (as long as needed for `size`)."""
    rng = random.Random(seed * 1_000_003 + index + 7_777_777)
    published = FIRST_DAY + dt.timedelta(days=rng.randrange(730))
    outlet = rng.choice(OUTLETS)
    title = (f"{rng.choice(['Turkey', 'US', 'Russia', 'NATO', 'Ankara'])} "
             f"{rng.choice(['slams', 'defends', 'weighs response to', 'warns over', 'reacts to'])} "
             f"S-400 sanctions ({index})")
    dateline = (f"{rng.choice(DATELINES)}, {published.strftime('%b')} {published.day} "
                f"({outlet}) - ")
    paragraphs = [dateline + news_paragraph(rng)]
    target = rng.randint(8, 14)
    while len(paragraphs) < 14 and (len(paragraphs) < target
                                    or sum(map(len, paragraphs)) < size - 100):
        paragraphs.append(news_paragraph(rng))
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return text, {"outlet": outlet, "title": title, "published": published.isoformat(), "url": ""}


STYLES = {"short": article, "news": news_article}


def generate(count: int, out: Path, seed: int = 400, start: int = 0,
             style: str = "short") -> list[Path]:
    """Write articles start … start + count - 1 and their sidecar into `out`; returns the files."""
    make = STYLES[style]
    out.mkdir(parents=True, exist_ok=True)
    files, rows = [], []
    for i in range(start, start + count):
        text, row = make(seed, i)
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
    parser.add_argument("--style", choices=sorted(STYLES), default="short",
                        help="short: a few paragraphs (default); news: ~3 KB wire stories")
    args = parser.parse_args(argv)
    generate(args.count, args.out, args.seed, style=args.style)
    print(f"{args.count} articles in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
