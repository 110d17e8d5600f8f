"""What the analyst asks the store for: one filter value shared by the matrix, lists and exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

BUCKETS = ("day", "week", "month")


@dataclass(frozen=True)
class StatementFilter:
    """Which statements to show. Empty tuples mean "no restriction"."""

    actors: tuple[str, ...] = ()       # Actor.key
    groups: tuple[str, ...] = ()       # Actor.group
    start: dt.date | None = None       # inclusive, on the effective date
    end: dt.date | None = None         # inclusive
    text: str = ""                     # full-text search over quotes and notes
    tags: tuple[str, ...] = ()         # any of these tags
    stances: tuple[str, ...] = ()      # effective stance (analyst's, else the suggestion)
    kinds: tuple[str, ...] = ()        # direct / partial / indirect
    annotated_only: bool = False
    include_hidden: bool = False       # hidden statements too
    hidden_only: bool = False          # only hidden statements (wins over include_hidden)
    conflicts_only: bool = False       # only statements with an unresolved annotation conflict
    tracked_only: bool = True          # False adds statements whose speaker is no tracked actor
    undated: bool | None = None        # None: any; True: only undated; False: only dated
    document_id: int | None = None     # statements found in one article

    def replace(self, **changes) -> "StatementFilter":
        return replace(self, **changes)


def bucket_start(day: dt.date, bucket: str) -> dt.date:
    """The first day of the week (Monday) or month that holds `day`."""
    if bucket == "day":
        return day
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")


def bucket_end(start: dt.date, bucket: str) -> dt.date:
    """The last day (inclusive) of the bucket that begins on `start`."""
    if bucket == "day":
        return start
    if bucket == "week":
        return start + dt.timedelta(days=6)
    if bucket == "month":
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    raise ValueError(f"unknown bucket {bucket!r}; expected one of {BUCKETS}")


def next_bucket(start: dt.date, bucket: str) -> dt.date:
    return bucket_end(start, bucket) + dt.timedelta(days=1)
