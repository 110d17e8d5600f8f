"""Plain-text articles, decoded exactly as import decodes them today (services/articles.py:
UTF-8 with or without BOM, UTF-16 by its BOM, else Windows-1252; binary refused)."""

from __future__ import annotations

from s400tracker.formats.model import Refusal


def decode_text(data: bytes) -> str:
    # Imported here: services/articles.py is to call this package, and a module-level import
    # back into it would be a cycle.
    from s400tracker.services.articles import ArticleError, decode

    try:
        return decode(data)
    except ArticleError as e:
        raise Refusal(str(e)) from e
