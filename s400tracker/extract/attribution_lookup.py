"""A sentence's attributions, indexed for the questions its quotations and clauses ask of them.

Each quotation asks which attribution stands right after it, which one last before it and which
one first after it; each participle asks whose subject it shares. Read off the whole list every
time, a sentence of thousands of quotations and verbs took time growing with their product; here
every answer is a bisection or a look-up, with the same result as reading the list in order.
"""

from __future__ import annotations

import bisect
import re

# What may stand between a quotation's closing mark and the attribution right after it.
_ONLY_PUNCTUATION = re.compile(r"[\s,.!?;:\"”’'»—–-]*")
_HEADS = ("subject", "inverted", "according")


def _reach(a) -> int:
    """Where an attribution starts beside a quotation before it: its speaker, or its verb."""
    return a.speaker.start if a.speaker is not None and a.mode == "subject" else a.cue_start


# Up to this many attributions the list is read in order: building an index would cost more.
_FEW = 6


class AttributionLookup:
    """atts: one sentence's attributions in the order of their verbs (which never overlap)."""

    __slots__ = ("atts", "_speaking", "_speaking_ends", "_speaking_starts", "_by_reach", "_reaches", "_owners", "_run")

    def __init__(self, atts: list) -> None:
        self.atts = atts
        # Built at the first question that needs them: most sentences ask none, or one.
        self._speaking = self._speaking_ends = self._speaking_starts = None
        self._by_reach = self._reaches = None
        self._owners = None
        self._run = (-1, -1)   # the last run of punctuation measured: (from, to)

    def owner(self, a):
        """Who speaks through attribution a: a participle or coordinated verb, for the last
        subject, inverted or 'according to' attribution before it in the sentence."""
        if a.mode != "participle" and a.mode != "coordinated":
            return a
        if self._owners is None:
            self._owners = {}
            head = None
            for b in self.atts:
                if (b.mode == "participle" or b.mode == "coordinated") and head is not None:
                    self._owners[id(b)] = head
                if b.mode in _HEADS:
                    head = b
        return self._owners.get(id(a), a)

    def _index_speaking(self) -> None:
        self._speaking = [a for a in self.atts if a.mode != "according"]
        self._speaking_ends = [a.cue_end for a in self._speaking]
        self._speaking_starts = [a.cue_start for a in self._speaking]

    def adjacent_after(self, text: str, q, sentence_end: int):
        """The first attribution (in the sentence's order) after q with only punctuation between."""
        if q.close is None or not self.atts:
            return None
        start = q.close + 1
        lo_run, hi_run = self._run
        if lo_run <= start <= hi_run:
            end = hi_run   # quotations closing inside one run of marks share its end
        else:
            end = _ONLY_PUNCTUATION.match(text, start, max(start, sentence_end)).end()
            self._run = (start, end)
        if len(self.atts) <= _FEW:
            for a in self.atts:
                if start <= _reach(a) <= end:
                    return a
            return None
        if self._by_reach is None:
            self._by_reach = sorted((_reach(a), i) for i, a in enumerate(self.atts))
            self._reaches = [r for r, _ in self._by_reach]
        first = bisect.bisect_left(self._reaches, start)
        last = bisect.bisect_right(self._reaches, end)
        if first == last:
            return None
        return self.atts[min(i for _, i in self._by_reach[first:last])]

    def nearest_before(self, q):
        """The last attribution, 'according to' apart, whose verb ends before q opens."""
        if len(self.atts) <= _FEW:
            found = None
            for a in self.atts:
                if a.cue_end <= q.open and a.mode != "according":
                    found = a
            return found
        if self._speaking is None:
            self._index_speaking()
        k = bisect.bisect_right(self._speaking_ends, q.open)
        return self._speaking[k - 1] if k else None

    def any_after(self, q):
        """The first attribution, 'according to' apart, whose verb starts after q ends."""
        if len(self.atts) <= _FEW:
            return next((a for a in self.atts if a.cue_start >= q.end and a.mode != "according"), None)
        if self._speaking is None:
            self._index_speaking()
        k = bisect.bisect_left(self._speaking_starts, q.end)
        return self._speaking[k] if k < len(self._speaking) else None
