"""Store offsets (code points, CRLF kept) ↔ Qt text positions (UTF-16, one char per break)."""

from __future__ import annotations

import pytest

from s400tracker.gui.textpos import display_text, from_qt, to_qt

TEXTS = [
    ("plain", "He said \"no\" today."),
    ("crlf", "Line one\r\nHe said \"no\"\r\ntoday."),
    ("emoji", "Intro 🙂🙂 then \"no\" 🙂 end"),
    ("both", "🙂\r\n\"no\"\r\n🙂 x"),
    ("lone cr", "a\rb \"no\" c"),
]


@pytest.mark.parametrize("name,text", TEXTS, ids=[t[0] for t in TEXTS])
def test_a_span_maps_to_the_same_characters_and_back(name, text, qapp):
    from PySide6.QtGui import QTextCursor, QTextDocument

    start = text.index('"no"')
    end = start + 4
    doc = QTextDocument()
    doc.setPlainText(display_text(text))
    cursor = QTextCursor(doc)
    cursor.setPosition(to_qt(text, start))
    cursor.setPosition(to_qt(text, end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == '"no"'
    assert from_qt(text, to_qt(text, start)) == start
    assert from_qt(text, to_qt(text, end)) == end


def test_the_table_has_no_duplicates():
    assert len({t for _, t in TEXTS}) == len(TEXTS)
