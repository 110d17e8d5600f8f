"""Suggested stances: (cue lemma, wording, expected code)."""

import pytest

from s400tracker.core.model import STANCES
from s400tracker.extract.stance import suggest

CASES = [
    ("say", "we will take the necessary steps against this decision", "threaten"),
    ("condemn", "condemned the US sanctions", "condemn"),
    ("say", "unjust", "condemn"),
    ("say", "On the subject of S-400, we will not back down", "reject"),
    ("urge", "urged the US to reverse its decision", "appeal"),
    ("say", "Turkey stands ready to address this issue through dialogue and diplomacy", "dialogue"),
    ("welcome", "welcomed the move", "approve"),
    ("say", "the meeting took place in Brussels", "comment"),
    ("reiterate", "the purchase was complete", "reaffirm"),
    ("say", "Turkey must abandon the system", "demand"),
]


@pytest.mark.parametrize("cue,wording,expected", CASES, ids=[c[1][:30] for c in CASES])
def test_suggested_stance(cue, wording, expected):
    assert expected in STANCES
    assert suggest(cue, wording) == expected


def test_the_import_gets_a_stance_for_every_statement(seed, index):
    from s400tracker.extract.pipeline import extract
    from s400tracker.extract.stance import with_stances

    text, published = seed("000")
    found = with_stances(extract(text, published, index))
    assert found and all(f.stance in STANCES for f in found)
    unjust = next(f for f in found if f.quote == "unjust")
    assert unjust.stance == "condemn"
