"""What an article's text says about itself: a title line and a publication date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Header:
    title: str
    published: dt.date | None


def read_header(text: str) -> Header:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return Header(title=first[:200], published=None)  # being written
