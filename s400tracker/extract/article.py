"""What an article's text says about itself: a title line and a publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from s400tracker.extract.dates import HEAD_CHARS, date_marker, dateline

_TITLE_MAX = 140


@dataclass(frozen=True)
class Header:
    title: str
    published: dt.date | None


def read_header(text: str) -> Header:
    """Title from the first line (the lead's first sentence when the line is a whole paragraph),
    publication date from a 'date YYYY-MM-DD' marker or a date line near the top."""
    marker = date_marker(text)
    body = text[marker[1]:] if marker else text
    # The top of the text only: a first line cut short there still gives the same title.
    first = next((line.strip() for line in body[:HEAD_CHARS].splitlines() if line.strip()), "")
    if len(first) > _TITLE_MAX:
        sentence = re.match(r"(.{20,}?[.!?])\s", first)
        first = sentence.group(1) if sentence and len(sentence.group(1)) <= _TITLE_MAX else first
    if len(first) > _TITLE_MAX:
        first = first[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    published = marker[2] if marker else dateline(text)
    return Header(title=first, published=published)
