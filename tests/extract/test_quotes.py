"""Quotation spans: (paragraph, expected quoted texts, why)."""

import pytest

from s400tracker.extract.quotes import find_quotes

CASES = [
    ('He said "we will not back down" today.', ["we will not back down"], "straight quotes"),
    ("He said “we will not back down” today.", ["we will not back down"], "curly quotes"),
    ("“We will act,” he said, “and soon.”", ["We will act", "and soon."], "interrupted by the attribution"),
    ("Il a dit «non» hier.", ["non"], "guillemets"),
    ("Turkey Remains 'Valuable Ally', Washington Says", ["Valuable Ally"], "British single quotes"),
    ("Turkey's and the countries' positions", [], "apostrophes are no quotes"),
    ('targets Turkey\'s "sovereign rights.', ["sovereign rights."], "unclosed: runs to the paragraph's end"),
    ('a "unilateral move" and "sovereign rights.', ["unilateral move", "sovereign rights."], "unclosed after a closed one"),
    ("He called it ‘unjust’ and 'unfair'.", ["unjust", "unfair"], "curly and straight singles"),
]


@pytest.mark.parametrize("text,expected,why", CASES, ids=[c[2] for c in CASES])
def test_quotes(text, expected, why):
    assert [text[q.start:q.end] for q in find_quotes(text, 0, len(text))] == expected, why
