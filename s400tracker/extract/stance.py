"""A suggested stance for a statement, from its wording and its cue verb (CAMEO-like codes).

Word stems and phrases, each set found in one pass of a trie-shaped pattern over the opening of
the wording: suggestion stays cheap on big imports.
"""

from __future__ import annotations

import re

from s400tracker.core.model import Found
from s400tracker.extract.cues import lemma
from s400tracker.extract.wordtrie import trie_pattern

# Checked in order: the first code with a match wins, so a threat inside a condemnation reads as
# a threat. Stems match the start of a word; phrases match anywhere in the lower-cased wording.
_CODES = (
    ("threaten", ("retaliat", "reciprocat", "countermeasure", "threaten", "consequences"),
                 ("necessary steps", "necessary measures", "take steps", "retaliatory] steps", "will respond",
                  "respond in kind")),
    ("condemn", ("condemn", "unjust", "unfair", "arrogan", "illegitimate", "illegal", "unacceptable", "criticiz",
                 "criticis", "blast", "slam", "denounc", "disrespect", "coercive", "outrage", "regrettable", "deplor",
                 "unilateral"),
                ("wrong decision",)),
    ("reject", ("reject", "dismiss", "unfounded", "baseless", "refus"),
               ("not back down", "not retreat", "not turn back", "not step back", "not give up", "no going back",
                "not intend to retreat", "not going to retreat", "not intend to give up", " never ")),
    ("demand", ("demand", "must"), ("insist that", "insists that", "insisted that")),
    ("appeal", ("urg", "appeal", "ask", "reconsider", "reverse"), ("call on", "called on", "calls on", "calling on")),
    ("dialogue", ("dialogue", "diplomacy", "negotiat", "talks", "consultation", "commission"), ("resolve the issue",)),
    ("approve", ("welcom", "prais", "hail", "partner", "cooperation", "solidarity"), ("valued ally", "valuable ally")),
    ("reaffirm", ("reaffirm", "reiterat", "insist"), ("will continue", "remain committed", "remains committed",
                                                      "stand ready", "stands ready")),
)
_STEM_CODE = {stem: code for code, stems, _ in reversed(_CODES) for stem in stems}
# The longest stem a word starts with, for every word in one pass of the regex engine.
_STEMS = re.compile(r"(?<![a-z])" + trie_pattern(sorted(_STEM_CODE)))
_RANK = {code: rank for rank, (code, _, _) in enumerate(_CODES)}
_READ = 400
_PHRASE_CODE = {phrase: code for code, _, phrases in reversed(_CODES) for phrase in phrases}
_PHRASES = re.compile(trie_pattern(sorted(_PHRASE_CODE)))

_BY_CUE = {
    "condemn": "condemn", "criticize": "condemn", "criticise": "condemn", "denounce": "condemn", "slam": "condemn",
    "blast": "condemn", "decry": "condemn", "lambast": "condemn", "castigate": "condemn", "deplore": "condemn",
    "accuse": "condemn", "censure": "condemn", "threaten": "threaten", "warn": "threaten", "vow": "reaffirm",
    "pledge": "reaffirm", "reject": "reject", "dismiss": "reject", "deny": "reject", "oppose": "reject",
    "urge": "appeal", "appeal": "appeal", "ask": "appeal", "press": "appeal", "demand": "demand",
    "welcome": "approve", "praise": "approve", "hail": "approve", "reiterate": "reaffirm", "reaffirm": "reaffirm",
    "insist": "reaffirm", "stress": "reaffirm", "emphasize": "reaffirm", "emphasise": "reaffirm",
    "underline": "reaffirm",
}


def suggest(cue_lemma: str, wording: str) -> str:
    # A statement's tone shows in its opening words; a long quotation's tail changes little.
    low = f" {wording[:_READ].lower()} "
    found = {_STEM_CODE[stem] for stem in _STEMS.findall(low)}
    found.update(_PHRASE_CODE[phrase] for phrase in _PHRASES.findall(low))
    if found:
        return min(found, key=_RANK.__getitem__)
    return _BY_CUE.get(cue_lemma, "comment")


_STANCE = Found._fields.index("stance")


def with_stances(found):
    """The statements with their suggested stance filled in."""
    return [Found._make(f[:_STANCE] + (suggest(lemma(f.cue) if f.cue else "say", f.quote),) + f[_STANCE + 1:])
            for f in found]
