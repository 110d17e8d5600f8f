"""Counts in the words a reader expects: "1 statement", "2 statements", "0 articles"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun, singular for exactly one. `plural` for the nouns that do not take an s;
    a phrase ("undated statement") takes it on its last word."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def verb(n: int, singular: str, plural: str) -> str:
    """The verb that agrees with a count: verb(1, "is", "are")."""
    return singular if n == 1 else plural
