"""The briefing says which filters made it, and only those; its search folds as the app's does."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from s400tracker.core.model import Found
from s400tracker.core.query import StatementFilter
from s400tracker.services.report import describe_filter, render
from tests.helpers import ACTORS, make_document

D1, D2 = dt.date(2021, 2, 1), dt.date(2021, 2, 11)


@pytest.mark.parametrize("f, said", [
    (StatementFilter(), "all statements"),
    (StatementFilter(start=D1), "from 1 Feb 2021"),
    (StatementFilter(end=D2), "until 11 Feb 2021"),
    (StatementFilter(start=D1, end=D2), "from 1 Feb 2021 to 11 Feb 2021"),
    (StatementFilter(actors=("kalin",), start=D1), "actors: Kalın; from 1 Feb 2021"),
    (StatementFilter(hidden_only=True), "hidden statements only"),
    (StatementFilter(include_hidden=True), "hidden statements included"),
    (StatementFilter(conflicts_only=True), "statements with an unresolved conflict only"),
    (StatementFilter(text="  kalin "), "search “kalin”"),
])
def test_the_briefing_names_only_the_filters_set(f, said):
    assert describe_filter(f, ACTORS) == said


def test_the_briefings_search_finds_kalin_spelled_without_turkish_letters(store):
    text = 'Akar said "Kalın is right, the S-400 stays". Akar said "talks go on".'
    found = []
    for quote, actor in (("Kalın is right, the S-400 stays", "akar"), ("talks go on", "akar")):
        start = text.index(quote)
        found.append(Found(start=start, end=start + len(quote), quote=quote, kind="direct",
                           speaker=actor, actor=actor, date=D2, date_basis="explicit"))
    store.add_document(make_document(text), found)
    page = render(store, StatementFilter(text="kalin"))
    assert "Kalın is right, the S-400 stays" in html.unescape(page)
    assert "talks go on" not in html.unescape(page)
    assert re.search(r"1 statements? by 1 actor", page)
