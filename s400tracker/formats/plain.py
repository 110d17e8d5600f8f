"""Plain-text articles, decoded exactly as import decodes them today (services/articles.py:
UTF-8 with or without BOM, UTF-16 by its BOM, else Windows-1252; binary refused)."""

from __future__ import annotations

from s400tracker.formats.model import Refusal


def decode_text(data: bytes) -> str:
    # Imported at the first call, not with this module: services/articles.py is to call this
    # package, and an import back into it at load time would be a cycle.
    global _decode, _ArticleError
    if _decode is None:
        from s400tracker.services.articles import ArticleError, decode

        _decode, _ArticleError = decode, ArticleError
    try:
        return _decode(data)
    except _ArticleError as e:
        raise Refusal(str(e)) from e


_decode = None
_ArticleError: type = Exception
