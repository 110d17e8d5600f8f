"""Map between the store's offsets (Python code points into the article text) and positions in
a QTextDocument (UTF-16 code units, with every line break a single character).

Without this, a quote after an emoji or in a CRLF article would be highlighted a few characters
off, and a span the analyst selects would be stored shifted.
"""

from __future__ import annotations


def display_text(text: str) -> str:
    """The text as shown: line breaks normalised to "\\n" (Qt folds CRLF into one break)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def to_qt(text: str, index: int) -> int:
    """The QTextDocument position of Python offset `index` into the stored `text`."""
    head = text[:index]
    crlf = head.count("\r\n")
    astral = sum(1 for c in head if ord(c) > 0xFFFF)
    return index - crlf + astral


def from_qt(text: str, position: int) -> int:
    """The Python offset into the stored `text` of QTextDocument `position`."""
    qt = 0
    i = 0
    n = len(text)
    while i < n and qt < position:
        if text.startswith("\r\n", i):
            i += 2
        else:
            i += 1
            if ord(text[i - 1]) > 0xFFFF:
                qt += 1
        qt += 1
    return i
