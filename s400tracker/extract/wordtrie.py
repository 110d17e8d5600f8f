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
