"""Is this the same statement, reported by another outlet? Wording compared loosely.

Outlets trim, translate and rephrase one statement: "arrogance towards international law" in one
article is "an arrogant attitude towards international law" in another. We compare the content
words, cut to their first letters (a crude stem that survives arrogance/arrogant), and call two
wordings the same when the shorter one's words are nearly all in the longer one's.
"""

from __future__ import annotations

import functools
import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP = frozenset("""a an the of to in on at by for from with and or but as that this these those it its is are was
    were be been being will would shall should can could may might must do does did has have had not no
    we our us they their them he his she her i my me you your which who whom whose what when where why
    how than then so such also very more most all any some each other into over about against between""".split())
_STEM = 6
_MIN_WORDS = 3        # below this, only the same words count as the same statement
_OVERLAP = 0.8


@functools.lru_cache(maxsize=65536)   # an import compares each article with the same candidates
def wording_key(text: str) -> frozenset[str]:
    return frozenset(w[:_STEM] for w in _WORD.findall(text.casefold()) if w not in _STOP)


def same_wording(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < _MIN_WORDS:
        return short == long_
    return len(short & long_) >= _OVERLAP * len(short)
