"""The corpus score's matching rules: which predicted statement answers which annotated
attribution, and whether it names the right speaker. Pure functions over one article's text.

- A prediction matches a gold unit when it covers at least half of the letters and digits of the
  gold's content (only the gold's fragments count: the 'he said' between two pieces of one quote
  is no part of it). Matching is one to one: pairs are taken by coverage, best first.
- The speaker is right when the predicted speaker's span overlaps the gold source's, or one
  normalised name contains the other as whole words, or the prediction contains the last word of
  the gold source ('Sen. Jane Roe (D-Ore.)' -> 'roe'). The names compared are the mention as
  written and, when extract gives it, the name it resolves to ('she' -> 'Jane Roe').
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import accumulate

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Gold:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...] = ()
    source_text: str = ""
    kind: str = "indirect"        # direct, mixed, indirect (from the quotation marks)
    cue_text: str = ""
    ref: str = ""                 # where it comes from, for error listings
    pieces: tuple[tuple[int, int], ...] = ()   # the stretches inside quotation marks


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    kind: str = "indirect"        # as the extractor says: direct, partial, indirect
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    quote: str = ""
    speaker_resolved: str | None = None   # the name a pronoun or role refers to, when extract says


class AlnumIndex:
    """Counts of letters and digits before each offset of a text, to measure coverage in O(1)."""

    def __init__(self, text: str):
        self.before = [0, *accumulate(c.isalnum() for c in text)]

    def count(self, start: int, end: int) -> int:
        if end <= start:
            return 0
        end = min(end, len(self.before) - 1)
        return self.before[end] - self.before[max(start, 0)]

    def coverage(self, gold: Spans, start: int, end: int) -> float:
        """The share of the gold spans' letters and digits inside [start, end)."""
        total = sum(self.count(s, e) for s, e in gold)
        if not total:
            return 0.0
        return sum(self.count(max(s, start), min(e, end)) for s, e in gold) / total


def match(index: AlnumIndex, golds: list[Gold], preds: list[Pred],
          threshold: float = 0.5) -> dict[int, int]:
    """gold index -> prediction index, one to one, best coverage first (ties: the prediction that
    has less outside the gold, then text order)."""
    pairs = []
    for gi, g in enumerate(golds):
        lo, hi = min(s for s, _ in g.content), max(e for _, e in g.content)
        for pi, p in enumerate(preds):
            if p.end <= lo or p.start >= hi:
                continue
            cov = index.coverage(list(g.content), p.start, p.end)
            if cov >= threshold:
                inside = sum(index.count(max(s, p.start), min(e, p.end)) for s, e in g.content)
                spill = index.count(p.start, p.end) - inside
                pairs.append((-cov, spill, gi, pi))
    pairs.sort()
    taken_g, taken_p, result = set(), set(), {}
    for _, _, gi, pi in pairs:
        if gi not in taken_g and pi not in taken_p:
            taken_g.add(gi)
            taken_p.add(pi)
            result[gi] = pi
    return result


_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^)]*\)")


def normalise(name: str) -> str:
    """Lower case, accents and possessives dropped, anything but letters and digits a space."""
    name = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", name))
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+|_", " ", name).split())


def _contains_words(outer: str, inner: str) -> bool:
    return bool(inner) and f" {inner} " in f" {outer} "


def last_word(name: str) -> str:
    words = normalise(_PARENTHESES.sub(" ", name)).split()
    return words[-1] if words else ""


def speaker_right(gold: Gold, pred: Pred) -> bool:
    if not pred.speaker:
        return False
    if pred.speaker_start is not None and pred.speaker_end is not None and any(
            min(e, pred.speaker_end) > max(s, pred.speaker_start) for s, e in gold.source):
        return True
    g, last = normalise(gold.source_text), last_word(gold.source_text)
    for name in (pred.speaker, pred.speaker_resolved):
        p = normalise(name or "")
        if p and (_contains_words(g, p) or _contains_words(p, g) or _contains_words(p, last)):
            return True
    return False


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    spans: int = 0
    speakers: int = 0

    @staticmethod
    def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def span_prf(self):
        return self.prf(self.spans, self.predicted, self.gold)

    def speaker_prf(self):
        return self.prf(self.speakers, self.predicted, self.gold)


@dataclass
class Outcome:
    """One view of one article (or of a whole split, added up)."""
    total: Tally = field(default_factory=Tally)
    by_kind: dict[str, Tally] = field(default_factory=dict)      # by gold kind: gold, spans, speakers
    false_by_kind: dict[str, int] = field(default_factory=dict)  # unmatched predictions by their kind
    missed: list[Gold] = field(default_factory=list)
    wrong_speaker: list[tuple[Gold, Pred]] = field(default_factory=list)
    false: list[Pred] = field(default_factory=list)

    def add(self, other: "Outcome") -> None:
        for name in ("gold", "predicted", "spans", "speakers"):
            setattr(self.total, name, getattr(self.total, name) + getattr(other.total, name))
        for kind, t in other.by_kind.items():
            mine = self.by_kind.setdefault(kind, Tally())
            for name in ("gold", "predicted", "spans", "speakers"):
                setattr(mine, name, getattr(mine, name) + getattr(t, name))
        for kind, n in other.false_by_kind.items():
            self.false_by_kind[kind] = self.false_by_kind.get(kind, 0) + n
        self.missed += other.missed
        self.wrong_speaker += other.wrong_speaker
        self.false += other.false


def score_view(golds: list[Gold], preds: list[Pred], pairs: dict[int, int],
               in_view=lambda g: True) -> Outcome:
    """Tally one view from a matching over every gold unit of the article.

    Gold units outside the view, or without a source (nobody is named, so no speaker can be
    right), are left out, and so are the predictions matched to them: such a prediction is
    neither right nor a false one here. Every unmatched prediction is a false one.
    """
    out = Outcome()
    matched_preds = set(pairs.values())
    for gi, g in enumerate(golds):
        if not g.source or not in_view(g):
            continue
        t = out.by_kind.setdefault(g.kind, Tally())
        t.gold += 1
        out.total.gold += 1
        pi = pairs.get(gi)
        if pi is None:
            out.missed.append(g)
            continue
        right = speaker_right(g, preds[pi])
        for tally in (t, out.total):
            tally.predicted += 1
            tally.spans += 1
            tally.speakers += right
        if not right:
            out.wrong_speaker.append((g, preds[pi]))
    for pi, p in enumerate(preds):
        if pi not in matched_preds:
            out.total.predicted += 1
            out.false_by_kind[p.kind] = out.false_by_kind.get(p.kind, 0) + 1
            out.false.append(p)
    return out


def quote_units(golds: list[Gold]) -> list[Gold]:
    """Each pair of quotation marks inside a direct or mixed attribution, as a unit of its own
    with that attribution's speaker."""
    return [replace(g, content=(piece,), pieces=(piece,))
            for g in golds if g.kind in ("direct", "mixed") for piece in g.pieces]


QUOTED_KINDS = ("direct", "partial")   # the extractor's kinds for words in quotation marks
