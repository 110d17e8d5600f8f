"""Statements are built and printed by field name: reordering Found's fields must not mix up values."""

import collections
import datetime as dt

from s400tracker import cli
from s400tracker.core.model import Found
from s400tracker.extract import state

STATEMENT = Found(10, 42, "We will answer in kind", "direct", "Minister Ann Vale", 0, 17, "vale",
                  dt.date(2026, 3, 2), "explicit", "said", None, 0, 60, "Ann Vale")


def test_a_printed_line_reads_each_value_by_its_field_name():
    reordered = collections.namedtuple("Reordered", tuple(reversed(Found._fields)))
    moved = reordered(**STATEMENT._asdict())
    actors = {"vale": '"Ann Vale"'}
    assert cli._json_lines('"a.txt"', [moved], actors) == cli._json_lines('"a.txt"', [STATEMENT], actors)
    assert '"speaker": "Minister Ann Vale", "speaker_resolved": "Ann Vale", "speaker_start": 0, "speaker_end": 17' in cli._json_lines(
        '"a.txt"', [moved], actors)


def test_the_extractor_matches_its_values_to_found_by_name():
    fields = tuple(reversed(state._EMIT_FIELDS))
    make = state._found_maker(fields)
    values = tuple(reversed([getattr(STATEMENT, name) for name in state._EMIT_FIELDS]))
    assert make(values) == STATEMENT
