"""Time expressions: (text, publication, expected day, basis, why)."""

import datetime as dt

import pytest

from s400tracker.core.article_head import read_header
from s400tracker.extract.dates import time_expressions
from s400tracker.extract.text import fold

D = dt.date
CASES = [
    ("said on Monday", D(2020, 12, 15), D(2020, 12, 14), "weekday", "Tuesday's paper: Monday is the day before"),
    ("said on Tuesday", D(2021, 2, 11), D(2021, 2, 9), "weekday", "resolves backwards, never forwards"),
    ("Akar said Tuesday.", D(2020, 12, 15), D(2020, 12, 15), "weekday", "same weekday as publication is that day"),
    ("said last Tuesday", D(2020, 12, 15), D(2020, 12, 8), "weekday", "'last' excludes the publication day"),
    ("said last\nTuesday", D(2020, 12, 15), D(2020, 12, 8), "weekday", "a hard-wrapped line breaks inside the expression"),
    ("said this\nMonday", D(2020, 12, 15), D(2020, 12, 14), "weekday", "'this' and its weekday on two lines"),
    ("On December 14, the", D(2020, 12, 17), D(2020, 12, 14), "explicit", "month and day"),
    ("on 14 December", D(2020, 12, 17), D(2020, 12, 14), "explicit", "day and month"),
    ("on December 30", D(2021, 1, 2), D(2020, 12, 30), "explicit", "no year: the last such day before publication"),
    ("17 December 2020", None, D(2020, 12, 17), "explicit", "a full date needs no publication date"),
    ("2020-12-14", None, D(2020, 12, 14), "explicit", "ISO"),
    ("on Dec. 14, 2020", None, D(2020, 12, 14), "explicit", "abbreviated month with a full stop"),
    ("on the 14th of December", D(2020, 12, 17), D(2020, 12, 14), "explicit", "ordinal and 'of'"),
    ("on February 29", D(2021, 3, 1), D(2020, 2, 29), "explicit", "29 February without a year: the last leap day"),
    ("on 32 December", D(2020, 12, 15), None, "explicit", "no such day is no day (not a day in 2031)"),
    ("on 2020-02-30", None, None, "explicit", "an impossible ISO date"),
    ("yesterday", D(2020, 12, 15), D(2020, 12, 14), "relative", "the day before publication"),
    ("Monday's announcement", D(2020, 12, 15), D(2020, 12, 14), "weekday", "possessive weekday"),
    ("on Monday", None, None, "weekday", "an undated article cannot resolve a weekday"),
]


def test_table_has_no_duplicates():
    assert len({(c[0], c[1]) for c in CASES}) == len(CASES)


@pytest.mark.parametrize("text,published,expected,basis,why", CASES, ids=[c[4] for c in CASES])
def test_time_expression(text, published, expected, basis, why):
    found = time_expressions(text, 0, len(text), published)
    assert len(found) == 1, why
    assert (found[0].date, found[0].basis) == (expected, basis), why
    # The extractor's path: the fast scan over the lower-cased copy finds the same expression.
    assert time_expressions(text, 0, len(text), published, folded=fold(text)) == found, why


@pytest.mark.parametrize("text", ["in May 2020", "a 2017 law", "the S-400 system", "Turkey may respond"])
def test_not_a_day(text):
    assert time_expressions(text, 0, len(text), D(2020, 12, 15)) == []


HEADERS = [
    (" date 2020-12-15 The United States on Monday imposed sanctions.", D(2020, 12, 15), "marker"),
    ("Title line\n\n17 December 2020\n\nBody text.", D(2020, 12, 17), "date line"),
    ("Title\nDecember 17, 2020 10:30 GMT\nBody", D(2020, 12, 17), "date line with time"),
    ("Title\nThe sanctions of December 14, 2020 were announced.\n", None, "a date inside a sentence is no date line"),
    ("No date anywhere.\nAt all.", None, "undated"),
]


@pytest.mark.parametrize("text,published,why", HEADERS, ids=[h[2] for h in HEADERS])
def test_publication_date_from_text(text, published, why):
    assert read_header(text).published == published
