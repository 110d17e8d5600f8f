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
