"""Hostile text: runs of quotation marks, colons, dates and verbs that stay linear in time.

These once made the extractor re-read a whole sentence for every quotation in it. The suite's
timeout guards them; the assertions check what is found is still consistent.
"""

import datetime as dt

import pytest

from s400tracker.extract.pipeline import extract

PATTERNS = {
    "quotation marks and spaces": '" ',
    "curly pairs": "“a ”b ",
    "a speaker with a colon before each quotation": 'X: "a" ',
    "dates and verbs without speakers": "on Monday 14 December 2020 said ",
    "attributions": 'Akar said "x," he said. ',
    "guillemets": "«a» ",
    "single quotes and apostrophes": "'a' b's ",
}


@pytest.mark.parametrize("unit", PATTERNS.values(), ids=PATTERNS.keys())
def test_hostile_runs_are_extracted_consistently(index, unit):
    text = unit * (100_000 // len(unit))
    for f in extract(text, dt.date(2020, 12, 15), index):
        assert text[f.start:f.end] == f.quote


def test_a_megabyte_of_quotation_marks_and_spaces(index):
    text = '" ' * 500_000
    assert extract(text, dt.date(2020, 12, 15), index) == []
