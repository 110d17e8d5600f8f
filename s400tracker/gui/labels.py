"""How dates, columns and statements read on screen ("Mon 14 Dec 2020")."""

from __future__ import annotations

import datetime as dt

from s400tracker.core.matrix import Column
from s400tracker.core.model import KIND_LABELS, STANCES, Statement

# Month and weekday names are spelled out here rather than with strftime("%a %b") so the headers
# read the same whatever the user's C locale is.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(d: dt.date | None) -> str:
    if d is None:
        return "undated"
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def column(c: Column, bucket: str) -> str:
    if c is None:
        return "Undated"
    if bucket == "month":
        return f"{_MONTHS[c.month - 1]} {c.year}"
    if bucket == "week":
        return f"Week of {c.day} {_MONTHS[c.month - 1]} {c.year}"
    return day(c)


def kind(k: str) -> str:
    return KIND_LABELS.get(k, k)


def stance(code: str | None, suggested: bool = False) -> str:
    if not code:
        return "no stance"
    text = STANCES.get(code, code)
    return f"{text} (suggested)" if suggested else text


def snippet(text: str, length: int = 60) -> str:
    """The start of a quote on one line, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0] or flat[:length]
    return cut + "…"


def quote_line(s: Statement, length: int = 90) -> str:
    mark = " ✎" if s.annotation else ""
    return f"“{snippet(s.quote, length)}”{mark}"
