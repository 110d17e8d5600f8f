"""The timeline layout both the app and the briefing draw."""

from __future__ import annotations

import datetime as dt

import pytest

from s400tracker.core.model import Statement
from s400tracker.core.timeline import layout
from tests.helpers import ACTORS

D = dt.date(2020, 12, 14)


def st(i: int, actor: str, day: dt.date | None, stance: str | None = None) -> Statement:
    return Statement(id=f"s{i}", actor=actor, speaker=None, date=day, date_basis="explicit",
                     quote=f"quote {i}", kind="direct", stance=stance, stance_suggested=False,
                     hidden=False, origin="extracted")


def test_one_lane_per_actor_in_order_and_marks_in_their_lane_at_their_day():
    statements = [st(1, "us", D), st(2, "kalin", D + dt.timedelta(days=10), "reject"),
                  st(3, "akar", None)]
    t = layout(ACTORS, statements, width=800)
    assert [lane.key for lane in t.lanes] == ["us", "akar", "kalin"]
    assert t.width <= 800 and t.undated == 1
    us, kalin = sorted(t.marks, key=lambda m: m.x)
    lane = {l.key: l for l in t.lanes}
    assert lane["us"].top < us.y < lane["us"].top + lane["us"].height
    assert lane["kalin"].top < kalin.y < lane["kalin"].top + lane["kalin"].height
    assert kalin.x - us.x == pytest.approx(10 * t.px_per_day)
    assert kalin.color == "#c0504d"
    assert t.mark_at(kalin.x + 1, kalin.y - 1).statement_id == "s2"
    assert t.mark_at(kalin.x + 30, kalin.y) is None


def test_many_statements_on_one_day_stay_apart_and_the_lane_grows():
    statements = [st(i, "akar", D) for i in range(8)]
    # A year in 800 pixels: a day is narrower than a mark, so they stack.
    t = layout(ACTORS, [*statements, st(9, "us", D + dt.timedelta(days=365))], width=800)
    ys = sorted(m.y for m in t.marks if m.actor == "akar")
    assert all(b - a >= 2 * t.marks[0].r for a, b in zip(ys, ys[1:]))
    assert t.lanes[1].height > t.lanes[0].height
    # Zoomed in far enough, they sit side by side instead.
    wide = layout(ACTORS, statements, px_per_day=200)
    assert len({round(m.x) for m in wide.marks}) == 8
    assert len({m.y for m in wide.marks}) == 1


def test_ticks_leave_room_for_their_labels_at_every_zoom():
    statements = [st(1, "us", D), st(2, "us", D + dt.timedelta(days=400))]
    for ppd in (0.5, 3, 12, 90):
        t = layout(ACTORS, statements, px_per_day=ppd)
        xs = [tick.x for tick in t.ticks]
        assert xs and all(b - a >= 70 for a, b in zip(xs, xs[1:])), ppd


def test_no_dated_statement_is_an_empty_picture_not_an_error():
    t = layout(ACTORS, [st(1, "us", None)])
    assert t.marks == () and t.ticks == () and t.undated == 1 and len(t.lanes) == 3
