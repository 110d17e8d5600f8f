"""Each seed's reactions, pinned: (seed, words of the quote, actor, kind, date)."""

import datetime as dt

import pytest

from s400tracker.core.model import Found
from s400tracker.extract.pipeline import extract

D = dt.date
EXPECTED = [
    # 000: dated by its "date 2020-12-15" marker; "on Monday" is the 14th.
    ("000", "resolve the S-400 problem immediately", "us-state-dept", "partial", D(2020, 12, 14)),
    ("000", "Ankara remains an ally", "us-state-dept", "indirect", D(2020, 12, 14)),
    ("000", "unjust", "turkish-mfa", "partial", D(2020, 12, 14)),
    ("000", "take the necessary steps against this decision", "turkish-mfa", "partial", D(2020, 12, 14)),
    ("000", "to resolve the issue through dialogue and diplomacy", "turkish-mfa", "partial", D(2020, 12, 14)),
    ("000", "arrogance towards international law", "lavrov", "partial", D(2020, 12, 14)),
    ("000", "illegitimate, unilateral coercive measures", "lavrov", "partial", D(2020, 12, 14)),
    # 001: no date in its text; Pompeo "on Monday", and "he added" is still Pompeo.
    ("001", "The United States made clear to Turkey", "us-state-dept", "direct", D(2020, 12, 14)),
    ("001", "Turkey nevertheless decided to move ahead", "us-state-dept", "direct", D(2020, 12, 14)),
    ("001", "unfair", "turkish-mfa", "partial", D(2020, 12, 14)),
    ("001", "urged the United States to reconsider", "turkish-mfa", "indirect", D(2020, 12, 14)),
    ("001", "Turkey stands ready to address this issue", "turkish-mfa", "direct", D(2020, 12, 14)),
    ("001", "another manifestation of an arrogant attitude", "lavrov", "partial", D(2020, 12, 14)),
    # 002: "the defence minister", "the minister" are Akar; "the secretary" is Pompeo.
    ("002", "shaken all the values", "akar", "partial", D(2020, 12, 15)),
    ("002", "It is clear that sanctions on a NATO member", "akar", "direct", D(2020, 12, 15)),
    ("002", "the sanctions aren’t in line with military", "akar", "indirect", D(2020, 12, 15)),
    ("002", "all necessary measures", "akar", "partial", D(2020, 12, 15)),
    ("002", "urged the US to reverse its decision", "akar", "indirect", D(2020, 12, 15)),
    # After "Monday's announcement", undated statements belong to Monday, not to Akar's Tuesday.
    ("002", "include a ban on all US export licenses", "us-state-dept", "partial", D(2020, 12, 14)),
    ("002", "a valued ally and an important regional security partner", "us-state-dept", "partial", D(2020, 12, 14)),
    ("002", "take the necessary steps against this decision, which", "turkish-mfa", "partial", D(2020, 12, 14)),
    ("002", "the justification for the sanctions", "turkish-mfa", "indirect", D(2020, 12, 14)),
    ("002", "as soon as possible", "chp", "partial", D(2020, 12, 15)),
    # 003: Thursday 2021-02-11; Akar's "on Tuesday" is the 9th.
    ("003", "Turkey will not turn back from its acquisition", "kalin", "indirect", D(2021, 2, 11)),
    ("003", "talks are being held with Washington", "kalin", "indirect", D(2021, 2, 11)),
    ("003", "Ankara would propose only partially activating", "akar", "indirect", D(2021, 2, 9)),
    # 004: dated by its "17 December 2020" line; the quote left unclosed ends with its paragraph.
    ("004", "On the subject of S-400, we will not back down", "cavusoglu", "direct", D(2020, 12, 17)),
    ("004", "unilateral move", "cavusoglu", "partial", D(2020, 12, 17)),
    ("004", "sovereign rights.", "cavusoglu", "partial", D(2020, 12, 17)),
    ("004", "clear signal", "us-state-dept", "partial", D(2020, 12, 14)),
    # … and the ministry's statements after "On December 14" belong to that day.
    ("004", "will not refrain from taking measures", "turkish-mfa", "partial", D(2020, 12, 14)),
]


def test_table_has_no_duplicates():
    keys = [(s, q) for s, q, *_ in EXPECTED]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("prefix,words,actor,kind,day", EXPECTED, ids=[f"{e[0]}:{e[1][:30]}" for e in EXPECTED])
def test_seed_statement(seed, index, prefix, words, actor, kind, day):
    text, published = seed(prefix)
    found = [f for f in extract(text, published, index) if words in f.quote]
    assert found, f"no statement containing {words!r}"
    # A reported clause may carry a quoted fragment: then both are statements, each of its kind.
    f = next((f for f in found if f.kind == kind), found[0])
    assert (f.actor, f.kind) == (actor, kind)
    assert f.date == day
    assert text[f.start:f.end] == f.quote


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_offsets_index_the_text(seed, index, prefix):
    text, published = seed(prefix)
    for f in extract(text, published, index):
        assert len(f) == len(Found._fields)   # every field filled: Found is built positionally
        assert text[f.start:f.end] == f.quote
        if f.speaker_start is not None:
            assert text[f.speaker_start:f.speaker_end] == f.speaker


def test_unclosed_quote_stops_at_its_paragraph(seed, index):
    text, published = seed("004")
    found = next(f for f in extract(text, published, index) if "sovereign rights" in f.quote)
    assert "\n" not in found.quote and "December 14" not in found.quote


def test_news_agencies_and_untracked_speakers_are_not_tracked_actors(seed, index):
    text, published = seed("004")
    erdogan = [f for f in extract(text, published, index) if f.speaker and "Erdogan" in f.speaker]
    assert erdogan and all(f.actor is None for f in erdogan)
    text, published = seed("000")
    assert not any(f.speaker and "Interfax" in f.speaker for f in extract(text, published, index))


def test_undated_article_gets_no_invented_date(seed, index):
    text, _ = seed("002")
    found = extract(text, None, index)
    assert found and all(f.date is None and f.date_basis == "undated" for f in found)
