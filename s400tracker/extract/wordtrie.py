"""A regular expression for a list of words, factored into a trie.

Python's engine tries the alternatives of (?:said|says|saying|…) one by one at every position;
factored as sa(?:id|y(?:s|ing)) it rejects a position after a character or two. With hundreds
of cue words this is what keeps the extractor fast.
"""

from __future__ import annotations

import re


def trie_pattern(words) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(trie)


def _render(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # A word that is a prefix of another: the longer one is tried first, then nothing.
        return "(?:" + body + ")?" if len(branches) == 1 or body.startswith("(?:") else body + "?"
    return body


# Finding where listed words start, fast. Python's regex engine finds a literal character at C
# speed, but a pattern opening with a class or an assertion such as (?<!\w) is tried at every
# position of the text, which made the scan for names and verbs of saying a seventh of all
# extraction. So the search runs on a copy in which every character outside [A-Za-z0-9_] is a
# space, with a literal space before each word: a byte string with the text's offsets, each
# non-ASCII character counting as one byte ("?" from the encoder, then a space).
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_TO_SPACED = bytes(c if c in _WORD_BYTES else 0x20 for c in range(256))


def spaced(text: str) -> bytes:
    """text with every character outside [A-Za-z0-9_] a space, as bytes, behind one space more
    (so that a word at offset 0 has a space before it too: offset i of text is i + 1 here)."""
    return b" " + text.encode("ascii", "replace").translate(_TO_SPACED)


class WordStarts:
    """Candidate places where one of `words` starts after a character that is no word character.

    A superset: wherever a word of the list stands in the text at such a place, its offset is
    among the candidates; a caller confirms each on the text itself. (Both the text and the words
    go through the same character-by-character mapping, so a word in the text is a word of the
    mapped list in the copy, and the character before it a space.)
    """

    def __init__(self, words):
        forms = sorted({_spaced_form(w) for w in words if w})
        self._re = re.compile((" (?=" + trie_pattern(forms) + ")").encode("ascii")) if forms else None

    def candidates(self, spaced_text: bytes) -> list[int]:
        if self._re is None:
            return []
        # The match is the space before the word: offset m.start() in the copy is the word's
        # offset in the text, and no later candidate is hidden inside a match.
        return [m.start() for m in self._re.finditer(spaced_text)]


def _spaced_form(word: str) -> str:
    return word.encode("ascii", "replace").translate(_TO_SPACED).decode("ascii")
