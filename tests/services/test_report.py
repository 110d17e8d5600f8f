"""The briefing: self-contained, complete (actors, notes, picture), and inert (nothing from an
article or a note becomes markup)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser

import pytest

from s400tracker import paths
from s400tracker.core.query import StatementFilter
from s400tracker.services.tracker import Tracker

EVIL_NOTE = '<script>alert("x")</script><img src="http://evil.example/p.png"> & “ok”'


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "seeded.db"
    with Tracker.open(path, seed=True) as t:
        t.import_paths([paths.seeds_dir()])
    return path


@pytest.fixture
def tracker(seeded, tmp_path):
    shutil.copy(seeded, tmp_path / "t.db")
    with Tracker.open(tmp_path / "t.db") as t:
        t.author = "ana"
        yield t


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    return p


def report(tracker, tmp_path, f=StatementFilter()) -> str:
    out = tmp_path / "briefing.html"
    tracker.write_report(out, f)
    return out.read_text(encoding="utf-8")


def test_the_briefing_has_every_actor_the_notes_and_the_picture_inline(tracker, tmp_path):
    kalin = tracker.cell_statements("kalin", dt.date(2021, 2, 11))[0]
    tracker.annotate(kalin.id, note="Firm line two months on", tags=("no-retreat",))
    html = report(tracker, tmp_path)
    doc = parse(html)
    text = " ".join(doc.text)
    for actor in tracker.actors():
        assert actor.name in text
    assert "Firm line two months on" in text and "Note by ana" in text
    assert "no-retreat" in text
    assert kalin.quote in text
    assert kalin.sources[0].title in text                     # where it comes from
    svgs = [a for t, a in doc.tags if t == "svg"]
    assert len(svgs) == 1
    circles = [t for t, _ in doc.tags if t == "circle"]
    assert len(circles) == tracker.statement_count(StatementFilter(undated=False))
    assert "@media print" in html


def test_the_briefing_refers_to_nothing_outside_itself(tracker, tmp_path):
    html = report(tracker, tmp_path)
    assert not re.search(r"https?:", html, re.I)
    assert not re.search(r"<script|<link|@import|<iframe|<img|<object|<embed", html, re.I)
    for url in re.findall(r"url\(([^)]*)\)", html, re.I):
        assert url.strip("'\" ").startswith(("#", "data:")), url
    for _tag, attrs in parse(html).tags:
        assert not {"src", "href"} & set(attrs)


def test_nothing_an_article_or_a_note_contains_becomes_markup(tracker, tmp_path):
    s = tracker.statements()[0]
    tracker.annotate(s.id, note=EVIL_NOTE, tags=("<b>bold</b>",))
    html = report(tracker, tmp_path)
    doc = parse(html)
    assert [t for t, _ in doc.tags if t in ("script", "img")] == []
    assert EVIL_NOTE in "".join(doc.text)                     # shown as the characters it is
    assert "<b>bold</b>" in "".join(doc.text)
    assert "&lt;script&gt;" in html


def test_the_briefing_honours_the_filters(tracker, tmp_path):
    f = StatementFilter(groups=("Russia",))
    html = report(tracker, tmp_path, f)
    text = " ".join(parse(html).text)
    assert "Lavrov" in text and "Kalın" not in text and "Akar" not in text
    assert "groups: Russia" in text
    lanes = re.findall(r"<text x=\"10\"[^>]*>([^<]*)</text>", html)
    assert lanes == ["Lavrov"]


def test_the_briefing_quotes_merged_statements_in_their_fullest_wording(tracker):
    # In the seeds AFP's full wordings were reported shorter by other outlets.
    from s400tracker.services import report

    page = report.render(tracker.store)
    text = " ".join(page.split())
    assert ("Turkey stands ready to address this issue through dialogue and diplomacy in "
            "conformity with the spirit of alliance") in text
    assert "which will inevitably have a negative impact on our relations" in text
