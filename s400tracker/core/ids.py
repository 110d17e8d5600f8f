"""Statement ids that stay the same across stores and re-imports of the same article."""

from __future__ import annotations

import hashlib


def text_sha256(text: str) -> str:
    # Of the decoded text, not the file's bytes: the same article saved as UTF-8 or UTF-16 is the
    # same document, and statement offsets index this text.
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def statement_id(document_sha256: str, start: int, end: int) -> str:
    """The id of an extracted statement: where it sits in which article."""
    return hashlib.sha256(f"{document_sha256}:{start}:{end}".encode()).hexdigest()[:16]


def analyst_statement_id(document_sha256: str, start: int, end: int) -> str:
    """The id of a statement the analyst marked by hand; never equal to an extracted one."""
    return hashlib.sha256(f"{document_sha256}:{start}:{end}:analyst".encode()).hexdigest()[:16]
