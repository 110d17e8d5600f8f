"""The matrix as the analyst reads it: actors down, dates across, in order, gaps as asked."""

from __future__ import annotations

import datetime as dt

import pytest

from s400tracker.core.matrix import CellCount, build_matrix
from s400tracker.core.query import bucket_end, bucket_start
from tests.helpers import ACTORS

D = dt.date


def cell(actor, day, count=1, quote="q", annotated=False, stance=None):
    return CellCount(actor, day, count, quote, annotated, stance)


def test_columns_are_the_days_with_statements_ascending_and_undated_last():
    m = build_matrix(ACTORS, [cell("akar", D(2020, 12, 17)), cell("us", None),
                              cell("us", D(2020, 12, 14))])
    assert m.columns == (D(2020, 12, 14), D(2020, 12, 17), None)
    assert [m.label(c) for c in m.columns] == ["2020-12-14", "2020-12-17", "undated"]
    assert m.cell("akar", D(2020, 12, 17)).count == 1
    assert m.cell("akar", D(2020, 12, 14)) is None


def test_a_continuous_calendar_fills_the_gaps():
    m = build_matrix(ACTORS, [cell("akar", D(2020, 12, 30)), cell("us", D(2021, 1, 2))],
                     continuous=True)
    assert m.columns == tuple(D(2020, 12, 30) + dt.timedelta(days=i) for i in range(4))


def test_month_columns_step_by_month_and_cover_the_whole_month():
    m = build_matrix(ACTORS, [cell("akar", D(2020, 12, 1)), cell("us", D(2021, 2, 1))],
                     bucket="month", continuous=True)
    assert m.columns == (D(2020, 12, 1), D(2021, 1, 1), D(2021, 2, 1))
    assert m.column_range(D(2021, 2, 1)) == (D(2021, 2, 1), D(2021, 2, 28))
    assert m.label(D(2021, 2, 1)) == "2021-02"


def test_rows_follow_actor_positions_and_can_be_limited_to_active_actors():
    shuffled = list(reversed(ACTORS))
    m = build_matrix(shuffled, [cell("kalin", D(2021, 2, 11))])
    assert [a.key for a in m.rows] == ["us", "akar", "kalin"]
    active = build_matrix(ACTORS, [cell("kalin", D(2021, 2, 11))], only_active=True)
    assert [a.key for a in active.rows] == ["kalin"]


def test_undated_can_be_left_out_and_unknown_actors_are_ignored():
    m = build_matrix(ACTORS, [cell("us", None), cell("ghost", D(2020, 12, 14))], undated=False)
    assert m.columns == () and m.total() == 0


def test_an_unknown_bucket_is_refused():
    with pytest.raises(ValueError, match="bucket"):
        build_matrix(ACTORS, [], bucket="fortnight")


BUCKETS = [
    # (day, bucket, first day, last day, why)
    (D(2020, 12, 15), "day", D(2020, 12, 15), D(2020, 12, 15), "a day is its own bucket"),
    (D(2020, 12, 15), "week", D(2020, 12, 14), D(2020, 12, 20), "weeks start on Monday"),
    (D(2020, 12, 14), "week", D(2020, 12, 14), D(2020, 12, 20), "a Monday starts its week"),
    (D(2021, 1, 3), "week", D(2020, 12, 28), D(2021, 1, 3), "a week across the new year"),
    (D(2020, 12, 31), "month", D(2020, 12, 1), D(2020, 12, 31), "December ends on the 31st"),
    (D(2020, 2, 10), "month", D(2020, 2, 1), D(2020, 2, 29), "leap February"),
    (D(2021, 2, 10), "month", D(2021, 2, 1), D(2021, 2, 28), "common February"),
]


def test_bucket_table_has_no_duplicates():
    assert len({row[:2] for row in BUCKETS}) == len(BUCKETS)


@pytest.mark.parametrize("day, bucket, first, last, why", BUCKETS, ids=[r[-1] for r in BUCKETS])
def test_buckets(day, bucket, first, last, why):
    assert bucket_start(day, bucket) == first
    assert bucket_end(first, bucket) == last
