"""A statement's context comes out whole whatever control characters the article holds.

SQLite's text functions stop at a NUL, and a UTF-16 article may well hold one: its context, as
the detail panel shows it, was cut short at the NUL or came out empty.
"""

from __future__ import annotations

import codecs

import pytest

from s400tracker.services.tracker import Tracker

CONTROLS = {
    "NUL": "\x00",
    "start of heading": "\x01",
    "escape": "\x1b",
    "unit separator": "\x1f",
    "delete": "\x7f",
    "vertical tab": "\x0b",
    "form feed": "\x0c",
    "C1 control": "\x85",
}


@pytest.mark.parametrize("char", CONTROLS.values(), ids=CONTROLS.keys())
def test_the_context_of_a_utf16_article_keeps_its_control_characters(tmp_path, char):
    sentence = f'"We will answer{char} every step", Akar said on Monday.'
    text = f"Talks{char} stalled.\n{sentence}\nMore{char} later."
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    with Tracker.open(tmp_path / "t.db") as tracker:
        report = tracker.import_paths([folder])
        assert report.ok, report.summary()
        (statement,) = tracker.statements()
        (source,) = statement.sources
        assert source.context == sentence
        assert statement.quote == f"We will answer{char} every step"
        again = tracker.statement(statement.id)   # the detail panel's read of one statement
        assert again.sources[0].context == sentence
