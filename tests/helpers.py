"""Values and stand-in extractors shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
import re

from s400tracker.core.ids import text_sha256
from s400tracker.core.model import Actor, Document, Found

ACTORS = [
    Actor(key="us", name="US State Dept", group="United States", aliases=("Pompeo",),
          color="#2f6fb0", position=0),
    Actor(key="akar", name="Akar", group="Turkey", aliases=("Akar", "Hulusi Akar"),
          color="#c0392b", position=1),
    Actor(key="kalin", name="Kalın", group="Turkey", aliases=("Kalın",), color="#c0392b",
          position=2),
]


def make_document(text: str, published: dt.date | None = dt.date(2020, 12, 15),
                  title: str = "An article", path: str = "a.txt", outlet: str = "AFP") -> Document:
    return Document(id=0, sha256=text_sha256(text), path=path, title=title, outlet=outlet,
                    published=published, date_basis="sidecar" if published else "undated",
                    text=text)


def quote_finder(actor_by_speaker: dict[str, str], date: dt.date | None = None):
    """A stand-in extractor: every "…" followed by `, NAME said` is a statement of NAME.

    Lets store and service tests control exactly what extraction finds, whatever the real
    extractor does.
    """

    def extract(text, published, index):
        found = []
        for m in re.finditer(r'"([^"]+)",? (\w+) said', text):
            speaker = m.group(2)
            found.append(Found(
                start=m.start(1), end=m.end(1), quote=m.group(1), kind="direct",
                speaker=speaker, speaker_start=m.start(2), speaker_end=m.end(2),
                actor=actor_by_speaker.get(speaker), date=date or published,
                date_basis="publication" if (date or published) else "undated",
                context_start=m.start(), context_end=m.end(),
            ))
        return found

    return extract


def fixed_finder(found: list[Found]):
    """A stand-in extractor that finds exactly `found` in any article."""

    def extract(text, published, index):
        return list(found)

    return extract


def no_index(actors):
    return None
