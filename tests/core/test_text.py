"""Counts read as English: one of a thing is singular."""

import pytest

from s400tracker.core.text import counted, verb


@pytest.mark.parametrize("n, noun, plural, expected", [
    (0, "statement", None, "0 statements"),
    (1, "statement", None, "1 statement"),
    (2, "statement", None, "2 statements"),
    (1, "actor", None, "1 actor"),
    (11, "actor", None, "11 actors"),
    (1, "undated statement", None, "1 undated statement"),
    (3, "more article", None, "3 more articles"),
    (1, "match", "matches", "1 match"),
    (2, "match", "matches", "2 matches"),
])
def test_counted(n, noun, plural, expected):
    assert counted(n, noun, plural) == expected


def test_verb_agrees_with_the_count():
    assert [verb(n, "is", "are") for n in (0, 1, 2)] == ["are", "is", "are"]
