"""Precision, recall and F1 of extracted statements against hand-annotated ones.

A prediction matches a gold statement when their quote spans overlap by at least half of the
longer one. Its speaker is right when its speaker span overlaps the gold speaker's, or when both
name the same tracked actor (a pronoun resolved to the right actor counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    actor: str | None = None


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    spans: int = 0      # gold statements whose span was found
    speakers: int = 0   # … and attributed to the right speaker

    def add(self, other: "Tally") -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.spans += other.spans
        self.speakers += other.speakers

    @staticmethod
    def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else (1.0 if not gold else 0.0)
        r = hits / gold if gold else (1.0 if not predicted else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def span_prf(self):
        return self._prf(self.spans, self.predicted, self.gold)

    def speaker_prf(self):
        return self._prf(self.speakers, self.predicted, self.gold)


@dataclass
class Score:
    by_kind: dict[str, Tally] = field(default_factory=dict)

    def tally(self, kind: str) -> Tally:
        return self.by_kind.setdefault(kind, Tally())

    def total(self, kinds=None) -> Tally:
        t = Tally()
        for kind, tally in self.by_kind.items():
            if kinds is None or kind in kinds:
                t.add(tally)
        return t


def overlap(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = min(a1, b1) - max(a0, b0)
    longest = max(a1 - a0, b1 - b0)
    return inter / longest if inter > 0 and longest > 0 else 0.0


def _speaker_right(gold: Span, pred: Span) -> bool:
    if gold.actor and pred.actor:
        return gold.actor == pred.actor
    if gold.speaker_start is None or pred.speaker_start is None:
        return False
    return min(gold.speaker_end, pred.speaker_end) > max(gold.speaker_start, pred.speaker_start)


def score_document(gold: list[Span], predicted: list[Span], into: Score) -> None:
    """Greedy one-to-one matching by overlap; a prediction's kind is tallied under the gold kind."""
    taken: set[int] = set()
    for g in gold:
        into.tally(g.kind).gold += 1
        best, best_overlap = None, 0.5
        for i, p in enumerate(predicted):
            o = overlap(g.start, g.end, p.start, p.end)
            if i not in taken and o >= best_overlap:
                best, best_overlap = i, o
        if best is None:
            continue
        taken.add(best)
        t = into.tally(g.kind)
        t.spans += 1
        t.speakers += _speaker_right(g, predicted[best])
        t.predicted += 1
    for i, p in enumerate(predicted):
        if i not in taken:
            into.tally(p.kind).predicted += 1
