"""A regular expression for a list of words, factored into a trie; and WordStarts, which finds
where any of many words may start in a text with one fast pass.

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
# extraction. So the search runs on a copy in which every character that is not a word character
# is a space, with a literal space before each word: a byte string with the text's offsets, each
# non-ASCII character counting as one byte ("?" from the encoder, then a space).
WORD_CHARS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"   # \w, in ASCII
ALNUM_CHARS = WORD_CHARS[:-1]                                                     # str.isalnum, in ASCII


_start = re.Match.start


class WordStarts:
    """Candidate places where one of `words` starts after a character outside `word_chars`.

    A superset: wherever a word of the list stands in the text at such a place, its offset is
    among the candidates, and the caller confirms each on the text itself. (The text and the
    words go through the same character-by-character mapping, so a word in the text is a word of
    the mapped list in the copy, and the character before it a space.)
    """

    def __init__(self, words, word_chars: bytes = WORD_CHARS):
        keep = frozenset(word_chars)
        self._table = bytes(c if c in keep else 0x20 for c in range(256))
        forms = {self._spaced(w).decode("ascii") for w in words if w}
        self._re = re.compile((" (?=" + _by_first_letter(forms) + ")").encode("ascii")) if forms else None

    def _spaced(self, text: str) -> bytes:
        return text.encode("ascii", "replace").translate(self._table)

    def candidates(self, text: str) -> list[int]:
        """The candidates in text, in order."""
        if self._re is None:
            return []
        # One space more in front, so that a word at offset 0 has one before it too. A match is
        # that space before the word: its offset in the copy is the word's offset in the text,
        # and no later candidate hides inside a match.
        return list(map(_start, self._re.finditer(b" " + self._spaced(text))))


# Word-initial letters of English, most frequent first. The engine tries the alternatives after a
# space one by one, so the order decides how many it tries before the one that applies.
_INITIALS = "tsaoiwcbpmfhdrelngu"


def _by_first_letter(forms) -> str:
    """The forms as one trie pattern whose first-letter branches come in _INITIALS order, and
    whose forms of one character (digits) are one character set."""
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[0], []).append(form)
    singles = sorted(c for c, group in groups.items() if group == [c])
    order = sorted((c for c in groups if c not in singles),
                   key=lambda c: (_INITIALS.find(c) % (len(_INITIALS) + 1), c))
    branches = [trie_pattern(sorted(groups[c])) for c in order]
    if singles:
        branches.append("[" + "".join(re.escape(c) for c in singles) + "]")
    return "(?:" + "|".join(branches) + ")"
