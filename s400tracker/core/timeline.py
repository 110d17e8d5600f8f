"""The timeline picture as a value: one lane per actor, one mark per dated statement, a date axis.

Pure layout in pixels, shared by the app's timeline view (gui/widgets/timeline_view.py, which
paints it with Qt) and the briefing's SVG (services/timeline_svg.py), so both show the same
picture. Zooming is a new layout at another `px_per_day`, so marks stay round at every zoom.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Sequence

from s400tracker.core.model import NO_STANCE, STANCE_COLORS, Actor, Statement

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Tick steps in days, smallest first; the first that leaves room for a label is used.
_STEPS = (1, 2, 7, 14, 30, 91, 365)
MIN_LABEL_GAP = 78


@dataclass(frozen=True)
class Lane:
    key: str
    name: str
    group: str
    color: str
    top: float
    height: float
    count: int


@dataclass(frozen=True)
class Mark:
    statement_id: str
    actor: str
    date: dt.date
    x: float
    y: float
    r: float
    stance: str | None
    annotated: bool
    quote: str

    @property
    def color(self) -> str:
        return STANCE_COLORS.get(self.stance or "", NO_STANCE)

    def contains(self, x: float, y: float, slack: float = 2.0) -> bool:
        return (x - self.x) ** 2 + (y - self.y) ** 2 <= (self.r + slack) ** 2


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool   # a month starts here: a stronger line


@dataclass(frozen=True)
class Timeline:
    width: float
    height: float
    label_width: float
    axis_top: float          # where the axis labels sit (above the lanes)
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    start: dt.date | None
    end: dt.date | None
    px_per_day: float
    undated: int             # statements without a date: not drawn, said in a caption

    def mark_at(self, x: float, y: float) -> Mark | None:
        hits = [m for m in self.marks if m.contains(x, y)]
        return min(hits, key=lambda m: (m.x - x) ** 2 + (m.y - y) ** 2) if hits else None

    def x_of(self, day: dt.date) -> float:
        assert self.start is not None
        return self.label_width + ((day - self.start).days + 0.5) * self.px_per_day


def layout(
    actors: Sequence[Actor],
    statements: Sequence[Statement],
    *,
    width: float = 1000.0,
    px_per_day: float | None = None,
    label_width: float = 150.0,
    lane_height: float = 40.0,
    max_lane_height: float = 110.0,
    axis_height: float = 30.0,
    radius: float = 5.5,
    pad_days: int = 2,
) -> Timeline:
    """Lay out `statements` (already filtered) in lanes for `actors`, in their order.

    `px_per_day` None fits the date range into `width`; otherwise the picture is as wide as the
    range needs at that scale. Statements of actors not in `actors` are left out.
    """
    keys = [a.key for a in actors]
    dated = [s for s in statements if s.actor in keys and s.date is not None]
    undated = sum(1 for s in statements if s.actor in keys and s.date is None)
    by_cell: dict[tuple[str, dt.date], list[Statement]] = {}
    for s in dated:
        by_cell.setdefault((s.actor, s.date), []).append(s)
    first = min((s.date for s in dated), default=None)
    last = max((s.date for s in dated), default=None)
    right = 16.0
    if first is not None and last is not None:
        first -= dt.timedelta(days=pad_days)
        last += dt.timedelta(days=pad_days)
        days = (last - first).days + 1
        if px_per_day is None:
            px_per_day = max(0.05, (width - label_width - right) / days)
        width = label_width + days * px_per_day + right
    px_per_day = px_per_day or 0.0

    # A lane grows to hold its busiest day's marks stacked (up to a point: beyond it they
    # overlap, and zooming in spreads them side by side).
    step = 2 * radius + 2
    per_row = max(1, int(px_per_day // step))
    rows_needed = {k: 1 for k in keys}
    for (actor, _day), group in by_cell.items():
        rows_needed[actor] = max(rows_needed[actor], math.ceil(len(group) / per_row))
    counts = {k: 0 for k in keys}
    for s in dated:
        counts[s.actor] += 1
    lanes = []
    top = axis_height
    for a in actors:
        h = min(max(lane_height, rows_needed[a.key] * step + 10), max_lane_height)
        lanes.append(Lane(a.key, a.name, a.group, a.color, top, h, counts[a.key]))
        top += h
    height = top + 8
    if first is None or last is None:
        return Timeline(width, height, label_width, 0.0, tuple(lanes), (), (), None, None,
                        px_per_day, undated)
    lane_of = {lane.key: lane for lane in lanes}
    marks = []
    for (actor, day), group in by_cell.items():
        lane = lane_of[actor]
        cx = label_width + ((day - first).days + 0.5) * px_per_day
        marks.extend(_cluster(group, cx, lane, px_per_day, radius))
    marks.sort(key=lambda m: (m.x, m.y))
    return Timeline(width, height, label_width, 0.0, tuple(lanes), tuple(marks),
                    _ticks(first, last, px_per_day, label_width), first, last, px_per_day,
                    undated)


def _cluster(group: list[Statement], cx: float, lane: Lane, ppd: float, r: float) -> list[Mark]:
    """Statements of one actor and day side by side when the day is wide enough, else stacked
    (overlapping a little when there are many: every one stays clickable at a higher zoom)."""
    n = len(group)
    step = 2 * r + 2
    columns = max(1, min(n, int(ppd // step)))
    rows = math.ceil(n / columns)
    usable = lane.height - 2 * r - 8
    dy = min(step, usable / (rows - 1)) if rows > 1 else 0.0
    cy = lane.top + lane.height / 2
    out = []
    for i, s in enumerate(group):
        col, row = i % columns, i // columns
        x = cx + (col - (columns - 1) / 2) * step
        y = cy + (row - (rows - 1) / 2) * dy
        out.append(Mark(s.id, lane.key, s.date, x, y, r, s.stance, s.annotation is not None,
                        s.quote))
    return out


def _ticks(first: dt.date, last: dt.date, ppd: float, left: float) -> tuple[Tick, ...]:
    step = next((s for s in _STEPS if s * ppd >= MIN_LABEL_GAP), _STEPS[-1])
    out: list[Tick] = []
    day = first
    shown_year = None
    while day <= last:
        if _is_tick(day, step):
            x = left + ((day - first).days + 0.5) * ppd
            if step >= 30:
                label = f"{_MONTHS[day.month - 1]} {day.year}" if step < 365 else str(day.year)
            else:
                label = f"{day.day} {_MONTHS[day.month - 1]}"
                if day.year != shown_year:
                    label += f" {day.year}"
            shown_year = day.year
            out.append(Tick(x, label, day.day == 1))
        day += dt.timedelta(days=1)
    return tuple(out)


def _is_tick(day: dt.date, step: int) -> bool:
    if step == 1:
        return True
    if step == 2:
        return day.toordinal() % 2 == 0
    if step == 7:
        return day.weekday() == 0
    if step == 14:
        return day.weekday() == 0 and (day.toordinal() // 7) % 2 == 0
    if step == 30:
        return day.day == 1
    if step == 91:
        return day.day == 1 and day.month in (1, 4, 7, 10)
    return day.day == 1 and day.month == 1
