"""Statement ids that stay the same across stores and re-imports of the same article."""

from __future__ import annotations


def _sha256(data: bytes) -> str:
    import hashlib   # here, not at the top: loading OpenSSL was 5 ms of the app's launch, which hashes nothing

    return hashlib.sha256(data).hexdigest()


def text_sha256(text: str) -> str:
    # Of the decoded text, not the file's bytes: the same article saved as UTF-8 or UTF-16 is the
    # same document, and statement offsets index this text.
    return _sha256(text.encode("utf-8"))


def statement_id(document_sha256: str, start: int, end: int) -> str:
    """The id of an extracted statement: where it sits in which article."""
    return _sha256(f"{document_sha256}:{start}:{end}".encode())[:16]


def analyst_statement_id(document_sha256: str, start: int, end: int) -> str:
    """The id of a statement the analyst marked by hand; never equal to an extracted one."""
    return _sha256(f"{document_sha256}:{start}:{end}:analyst".encode())[:16]


# An id is 16 hex digits, and about one in eight hundred is all digits, or digits around one
# "e": a spreadsheet opening a CSV, whose cells have no types, reads it as a number
# (507e427609610636 became 1.79769313486232E+308, 0000000000001234 became 1234). In a CSV an id
# is written after this letter, which no number, date or hex digit starts with, so every id
# stays text; wherever an id is typed back (the CLI), it may come with the letter or without.
ID_TEXT_PREFIX = "s"
_HEX = frozenset("0123456789abcdef")


def id_as_text(statement_id: str) -> str:
    """The id as a CSV export writes it: one form for every id, never read as a number."""
    return ID_TEXT_PREFIX + statement_id


def parse_statement_id(text: str) -> str:
    """The stored id for an id as the analyst typed or pasted it: bare (the XLSX export, the
    app, bundles) or as the CSV export writes it (id_as_text)."""
    text = text.strip()
    bare = text[len(ID_TEXT_PREFIX):].lower()
    if text[:1].lower() == ID_TEXT_PREFIX and len(bare) == 16 and set(bare) <= _HEX:
        return bare
    return text
