"""What an article's text says about itself: a title line and a publication date (core/article_head.py
reads them; the import and the CLI's extract call it through here)."""

from __future__ import annotations

from s400tracker.core.article_head import Header, read_header

__all__ = ["Header", "read_header"]
