"""Extraction does work in proportion to the text, and its quicker readings say what the old ones said.

The steps are counted (every function call, Python's and C's, made while extracting), never timed:
four times the text must take about four times the steps. Timings at 10 KB … 1 MB and beyond are
`python -m bench.adversarial`. The second half reads the development set, the seeds and generated
news with the straightforward readings the extractor once used beside the indexed ones it uses
now, and requires the same answer at every question asked.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from bench import generate
from bench.adversarial import PATTERNS, article
from bench.score_extraction import DEFAULT_CASES
from s400tracker.extract import attribution_lookup, attributions, clauses, cues, dating, pipeline
from s400tracker.extract.pipeline import extract
from s400tracker.paths import seeds_dir

STEPPED = ["nested_attributions", "long_sentence_of_verbs", "quotes_and_speakers", "commas_before_verbs",
           "ambiguous_speakers", "days_and_verbs", "participles", "dotted_quotes"]


def _steps(text: str, index) -> tuple[int, int]:
    """(function calls, characters handed to the clause-break search) while extracting text."""
    calls = chars = 0
    clause_break = clauses.clause_break.__code__

    def counter(frame, event, arg):
        nonlocal calls, chars
        if event in ("call", "c_call"):
            calls += 1
            if frame.f_code is clause_break and event == "call":
                chars += frame.f_locals["hi"] - frame.f_locals["lo"]

    sys.setprofile(counter)
    try:
        extract(text, dt.date(2020, 12, 15), index)
    finally:
        sys.setprofile(None)
    return calls, chars


@pytest.mark.parametrize("name", STEPPED)
def test_four_times_the_text_takes_about_four_times_the_steps(index, name):
    small = _steps(article(PATTERNS[name], 6_000), index)
    large = _steps(article(PATTERNS[name], 24_000), index)
    assert large[0] <= 4.6 * small[0], f"{name}: {small[0]} calls at 6 KB, {large[0]} at 24 KB"
    assert large[1] <= 4.6 * max(small[1], 100), f"{name}: clauses read {small[1]} characters at 6 KB, {large[1]} at 24 KB"


# The readings the extractor once made, each by going over every attribution or every character
# before the place in question.

def _nested_by_every_earlier(text, att, found):
    if att.mode != "subject" or att.speaker is None or (att.speaker.pronoun and not cues.is_act(att.cue)):
        return False
    if text[:att.speaker.start].rstrip().endswith(","):
        return False
    for earlier in found:
        if earlier.mode in ("subject", "inverted") and not cues.is_act(earlier.cue) and earlier.cue_end <= att.speaker.start:
            between = text[earlier.cue_end:att.speaker.start]
            if (clauses.clause_break(between, 0, len(between)) == len(between)
                    and not clauses.COORDINATION.search(between)):
                return True
    return False


def _adjacent_after_in_order(text, q, atts):
    if q.close is None:
        return None
    for a in atts:
        lo = a.speaker.start if a.speaker is not None and a.mode == "subject" else a.cue_start
        if lo > q.close and attribution_lookup._ONLY_PUNCTUATION.fullmatch(text, q.close + 1, lo):
            return a
    return None


def _owner_in_order(a, atts):
    if a.mode in ("participle", "coordinated"):
        earlier = [b for b in atts if b.cue_start < a.cue_start and b.mode in ("subject", "inverted", "according")]
        if earlier:
            return earlier[-1]
    return a


def _nothing_said_after_copied(text, lo, end, told=False):
    if told:
        m = clauses._TOLD_OBJECT.match(text, lo, end)
        lo = m.end() if m else lo
    for _ in range(3):
        m = clauses._ADJUNCT.match(text, lo, end)
        if not m or m.end() <= lo:
            break
        lo = m.end()
    rest = text[lo:end].strip(" ,.")
    return (not rest or bool(clauses._PARTICIPLE_START.match(rest)) or bool(clauses._SUBORDINATE_START.match(rest))
            or rest.lower().startswith("and "))


def _day_of_all(exprs, a):
    datable = [x for x in exprs if x.date is not None and x.start - a.cue_end <= dating.SAYING_DAY_REACH]
    return min(datable, key=lambda x: min(abs(x.start - a.cue_end), abs(a.cue_start - x.end))) if datable else None


def _articles(tmp_path):
    """(text, published, news): news, or hostile text whose attributions the lookups index
    (there a speaker far beyond the last verb is no longer read as inside what it said)."""
    texts = [(json.loads(line)["text"], None, True) for line in DEFAULT_CASES.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    texts += [(p.read_text(encoding="utf-8"), None, True) for p in sorted(seeds_dir().glob("*.txt"))]
    texts += [(p.read_text(encoding="utf-8"), dt.date(2022, 8, 20), True)
              for p in generate.generate(60, tmp_path, seed=11, style="news")]
    texts += [(article(unit, 3_000), dt.date(2020, 12, 15), False) for unit in PATTERNS.values()]
    return texts


def test_indexed_readings_agree_with_reading_everything(index, tmp_path, monkeypatch):
    asked = {"nested": 0, "adjacent": 0, "nearest": 0, "after": 0, "owner": 0, "tail": 0, "day": 0}
    disagreements = []

    news = True

    def check(what, new, old, where):
        asked[what] += 1
        if new is not old and new != old and (news or what != "nested"):
            disagreements.append((what, where))
        return new

    nested = attributions._nested
    monkeypatch.setattr(attributions, "_nested", lambda text, att, found: check(
        "nested", nested(text, att, found), _nested_by_every_earlier(text, att, found), att.cue_start))
    tail = clauses.nothing_said_after

    def checked_tail(text, lo, end, told=False):
        return check("tail", tail(text, lo, end, told), _nothing_said_after_copied(text, lo, end, told), lo)
    monkeypatch.setattr(clauses, "nothing_said_after", checked_tail)
    monkeypatch.setattr(attributions, "nothing_said_after", checked_tail)
    day = dating._nearest_day
    monkeypatch.setattr(dating, "_nearest_day", lambda art, a, exprs: check(
        "day", day(art, a, exprs), _day_of_all(exprs, a), a.cue_start))

    class Checked(attribution_lookup.AttributionLookup):
        def adjacent_after(self, text, q, sentence_end):
            return check("adjacent", super().adjacent_after(text, q, sentence_end),
                         _adjacent_after_in_order(text, q, self.atts), q.open)

        def nearest_before(self, q):
            before = [a for a in self.atts if a.cue_end <= q.open and a.mode != "according"]
            return check("nearest", super().nearest_before(q), before[-1] if before else None, q.open)

        def any_after(self, q):
            after = [a for a in self.atts if a.cue_start >= q.end and a.mode != "according"]
            return check("after", super().any_after(q), after[0] if after else None, q.open)

        def owner(self, a):
            return check("owner", super().owner(a), _owner_in_order(a, self.atts), a.cue_start)

    monkeypatch.setattr(pipeline, "AttributionLookup", Checked)
    for text, published, news in _articles(tmp_path):
        extract(text, published, index)
    assert not disagreements
    assert all(asked.values()), asked   # every reading was put to the question
