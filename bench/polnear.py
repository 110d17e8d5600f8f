"""Convert the PolNeAR corpus (train and dev only) into articles the CLI reads and a gold file.

    python -m bench.polnear [--polnear GIT_DIR_OR_CHECKOUT] [--out bench/corpus-data]

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in 1,008 US political
news articles as brat standoff: `T` lines are spans (`Source`, `Cue`, `Content`, the `Attribution`
anchor, `Attribution-no-source` for an attribution nobody is named for, `Discuss`/`Discard` notes),
`E` lines tie one attribution's spans together (`Content2` is a second content span). A span may
have several fragments ("12 40;52 80"). Offsets index the article's decoded text.

The corpus is third-party news: its text and the gold made from it stay in the git-ignored output
folder. Its test split is the hidden set the extractor is measured on elsewhere: this module never
lists, reads or converts it, and refuses any path that goes through it.

Output, per split: `<out>/<split>/articles/<name>.txt` (the article bytes unchanged, so every
offset holds), an `articles.csv` sidecar giving each article's publication date (from its file
name), and `<out>/<split>/gold.jsonl`, one attribution per line.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ALLOWED_SPLITS = ("train", "dev")
FORBIDDEN_SPLIT = "test"
ENV_VAR = "POLNEAR_DIR"
DEFAULT_OUT = Path(__file__).parent / "corpus-data"
FETCH_HINT = ("run the fetch first (github:networkdynamics/PolNeAR) and pass its git directory "
              f"with --polnear or the {ENV_VAR} environment variable")


class TestSplitRefused(ValueError):
    """The test split is the hidden set: nothing here may read or score it."""

    __test__ = False   # not a pytest class, despite its name


class SnapshotMissing(RuntimeError):
    pass


def refuse_test(path: str | os.PathLike) -> None:
    """Raise when a split name or a path has the test split as one of its components."""
    parts = PurePosixPath(str(path).replace("\\", "/")).parts
    if any(part.lower() == FORBIDDEN_SPLIT for part in parts):
        raise TestSplitRefused(f"refused: {path} is (in) the test split, the hidden set; "
                               f"use {' or '.join(ALLOWED_SPLITS)}")


def check_split(split: str) -> str:
    refuse_test(split)
    if split not in ALLOWED_SPLITS:
        raise ValueError(f"unknown split {split!r}: use {' or '.join(ALLOWED_SPLITS)}")
    return split


# --- reading the snapshot -----------------------------------------------------------------------

class Snapshot:
    """The fetched corpus: a bare git directory (read with git) or a checkout with a data/ folder."""

    def __init__(self, location: str | os.PathLike | None):
        if not location:
            raise SnapshotMissing(f"PolNeAR snapshot not given: {FETCH_HINT}")
        self.root = Path(location)
        refuse_test(self.root)
        if (self.root / "data").is_dir():
            self.git_dir = None
        elif (self.root / "HEAD").is_file() and (self.root / "objects").is_dir():
            self.git_dir = self.root
        elif (self.root / ".git").is_dir():
            self.git_dir = self.root / ".git"
        else:
            raise SnapshotMissing(f"no PolNeAR snapshot at {self.root}: {FETCH_HINT}")

    def _git(self, *args: str, data: bytes | None = None) -> bytes:
        done = subprocess.run(["git", "--git-dir", str(self.git_dir), *args], input=data,
                              capture_output=True, check=False)
        if done.returncode:
            raise SnapshotMissing(f"git could not read {self.git_dir}: "
                                  f"{done.stderr.decode(errors='replace').strip()}; {FETCH_HINT}")
        return done.stdout

    def list(self, folder: str) -> list[str]:
        """File names in data/<split>/<kind>; the folder is checked before anything is listed."""
        refuse_test(folder)
        if self.git_dir is None:
            return sorted(p.name for p in (self.root / folder).iterdir() if p.is_file())
        out = self._git("ls-tree", "--name-only", "HEAD", folder + "/")
        return sorted(PurePosixPath(line).name for line in out.decode().splitlines())

    def read_many(self, paths: list[str]) -> list[bytes]:
        for path in paths:
            refuse_test(path)
        if self.git_dir is None:
            return [(self.root / p).read_bytes() for p in paths]
        request = "".join(f"HEAD:{p}\n" for p in paths).encode()
        out = io.BytesIO(self._git("cat-file", "--batch", data=request))
        blobs = []
        for path in paths:
            header = out.readline().decode().split()
            if len(header) != 3:
                raise SnapshotMissing(f"{path} is missing from the snapshot: {FETCH_HINT}")
            blobs.append(out.read(int(header[2])))
            out.read(1)
        return blobs


# --- brat standoff ------------------------------------------------------------------------------

Spans = list[tuple[int, int]]


@dataclass
class Attribution:
    id: str
    source: Spans = field(default_factory=list)
    cue: Spans = field(default_factory=list)
    content: Spans = field(default_factory=list)


def parse_ann(ann: str, text: str, where: str = "", mismatches: list | None = None) -> list[Attribution]:
    """The attributions of one .ann file. Each span's offsets are checked against the text the
    file quotes for it (brat writes line breaks as spaces there); the few spans whose offsets are
    off by a character in the corpus itself are kept as annotated and listed in `mismatches`."""
    spans: dict[str, tuple[str, Spans]] = {}
    events = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            frags = [tuple(int(n) for n in frag.split()) for frag in offsets.split(";")]
            for start, end in frags:
                if not 0 <= start <= end <= len(text):
                    raise ValueError(f"{where}: span {cols[0]} {start}-{end} outside the text")
            claimed = " ".join(text[s:e] for s, e in frags).replace("\n", " ")
            if len(cols) >= 3 and claimed != cols[2].replace("\n", " ") and mismatches is not None:
                mismatches.append(f"{where} {cols[0]}")
            spans[cols[0]] = (label, frags)
        elif line.startswith("E") and len(cols) >= 2:
            events.append((cols[0], cols[1].split()))
    found = []
    for event_id, args in events:
        a = Attribution(event_id)
        for arg in args:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if ref not in spans or role not in ("Source", "Cue", "Content"):
                continue
            getattr(a, role.lower()).extend(spans[ref][1])
        a.source.sort(); a.cue.sort(); a.content.sort()
        found.append(a)
    return found


# --- quotation marks and kinds ------------------------------------------------------------------

OPENERS = {"“": "”", "\"": "\"", "«": "»", "‘": "’", "''": "''"}


def _mark_at(text: str, i: int) -> str | None:
    """The opening quotation mark at i: one character, or two apostrophes (the typewriter style
    some archives keep: ''like this'')."""
    if text.startswith("''", i):
        return "''"
    ch = text[i]
    if ch == "'" or ch not in OPENERS:
        return None
    if ch == "‘" and i > 0 and text[i - 1].isalnum():
        return None
    return ch


def quote_pieces(text: str, spans: Spans) -> Spans:
    """The stretches between paired quotation marks inside the spans (marks excluded).

    A mark just outside a fragment counts (annotators sometimes leave it out). A single opening
    mark ‘ counts only when no letter precedes it and its closing ’ is followed by no letter, so
    that apostrophes (Clinton’s) are no quotes; a lone straight apostrophe is never a mark. A
    quote still open at a fragment's end (a quotation running on to the next paragraph) ends at
    the line break, a new piece opening after it.
    """
    pieces = []
    for start, end in spans:
        if text[max(0, start - 2):start] == "''":
            start -= 2
        elif start > 0 and text[start - 1] in "“\"«‘":
            start -= 1
        if text.startswith("''", end):
            end += 2
        elif end < len(text) and text[end] in "”\"»’":
            end += 1
        i = start
        while i < end:
            mark = _mark_at(text, i)
            if mark is None:
                i += 1
                continue
            closer = OPENERS[mark]
            j = i + len(mark)
            while j < end and text[j] != "\n" and not (text.startswith(closer, j) and not (
                    closer == "’" and j + 1 < len(text) and text[j + 1].isalpha())):
                j += 1
            if (j >= end or text[j] == "\n") and closer == "’":   # an unpaired ‘ is no quotation
                i += 1
                continue
            if any(c.isalnum() for c in text[i + len(mark):j]):
                pieces.append((i + len(mark), j))
            i = j if j >= end or text[j] == "\n" else j + len(closer)
    return pieces


def alnum_count(text: str, spans: Spans) -> int:
    return sum(c.isalnum() for s, e in spans for c in text[s:e])


def kind_of(text: str, content: Spans, pieces: Spans) -> str:
    """direct: every letter and digit of the content is inside quotation marks; mixed: some are;
    indirect: none. PolNeAR has no such label; it follows from the marks."""
    inside = alnum_count(text, pieces)
    if inside == 0:
        return "indirect"
    return "direct" if inside >= alnum_count(text, content) else "mixed"


# --- conversion ---------------------------------------------------------------------------------

_NAME_DATE = re.compile(r"^([a-z-]+)_(\d{4}-\d{2}-\d{2})_")


def _annotation_for(names: list[str], article: str) -> str | None:
    """An article annotated by several annotators (to measure agreement) keeps the annotation of
    the first annotator by id: one gold per article, chosen without looking at its content."""
    matches = sorted(n for n in names if n.rsplit("_", 1)[0] == article and n.endswith(".ann"))
    return matches[0] if matches else None


def gold_records(name: str, text: str, attributions: list[Attribution]) -> list[dict]:
    records = []
    for a in attributions:
        pieces = quote_pieces(text, a.content)
        records.append({
            "file": name + ".txt", "id": a.id,
            "source": a.source, "source_text": " ".join(text[s:e] for s, e in a.source),
            "cue": a.cue, "cue_text": " ".join(text[s:e] for s, e in a.cue),
            "content": a.content, "content_text": " … ".join(text[s:e] for s, e in a.content),
            "pieces": pieces,
            "kind": kind_of(text, a.content, pieces) if a.content else "none",
        })
    return records


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def convert_split(snapshot: Snapshot, split: str, out: Path) -> tuple[int, int, list[str]]:
    """Write one split's articles, sidecar and gold; returns (articles, attributions, the spans
    whose offsets disagree with the text the annotation file quotes)."""
    check_split(split)
    refuse_test(out)
    texts = [n for n in snapshot.list(f"data/{split}/text") if n.endswith(".txt")]
    anns = snapshot.list(f"data/{split}/attributions")
    chosen = [(n[:-4], _annotation_for(anns, n[:-4])) for n in texts]
    chosen = [(article, ann) for article, ann in chosen if ann]
    blobs = snapshot.read_many([f"data/{split}/text/{a}.txt" for a, _ in chosen]
                               + [f"data/{split}/attributions/{ann}" for _, ann in chosen])
    text_blobs, ann_blobs = blobs[:len(chosen)], blobs[len(chosen):]
    folder = out / split / "articles"
    gold_lines, sidecar, mismatches = [], io.StringIO(), []
    writer = csv.writer(sidecar, lineterminator="\n")
    writer.writerow(["file", "outlet", "title", "published", "url"])
    for (article, _), raw, ann in zip(chosen, text_blobs, ann_blobs):
        text = raw.decode("utf-8")
        if text.startswith("\ufeff") or "\r" in text:
            raise ValueError(f"{article}: a BOM or carriage return would shift the CLI's offsets")
        records = gold_records(article, text, parse_ann(ann.decode("utf-8"), text, article, mismatches))
        gold_lines += [json.dumps(r, ensure_ascii=False) for r in records]
        _write_atomic(folder / f"{article}.txt", raw)
        m = _NAME_DATE.match(article)
        writer.writerow([f"{article}.txt", m.group(1) if m else "", "", m.group(2) if m else "", ""])
    _write_atomic(folder / "articles.csv", sidecar.getvalue().encode())
    _write_atomic(out / split / "gold.jsonl", ("\n".join(gold_lines) + "\n").encode())
    return len(chosen), len(gold_lines), mismatches


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", default=os.environ.get(ENV_VAR),
                    help=f"the fetched snapshot: its git directory or a checkout (default ${ENV_VAR})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--split", action="append", help="train or dev (default both)")
    args = ap.parse_args(argv)
    try:
        splits = [check_split(s) for s in (args.split or ALLOWED_SPLITS)]
        snapshot = Snapshot(args.polnear)
        for split in splits:
            n_articles, n_gold, mismatches = convert_split(snapshot, split, args.out)
            print(f"{split}: {n_articles} articles, {n_gold} attributions -> {args.out / split}"
                  + (f" ({len(mismatches)} spans off by a character in the corpus, kept: "
                     f"{', '.join(mismatches)})" if mismatches else ""))
    except (TestSplitRefused, SnapshotMissing, ValueError, OSError) as e:
        print(f"polnear: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
