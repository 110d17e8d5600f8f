"""A suggested stance for a statement, from its cue verb and its wording (CAMEO-like codes)."""

from __future__ import annotations

import re

# Checked in order: the first that matches wins, so a threat inside a condemnation reads as a threat.
_WORDING = (
    ("threaten", r"\b(?:retaliat\w*|reciprocat\w*|countermeasures?|necessary (?:steps|measures)|take (?:\[?\w+\]? )?steps|"
                 r"will respond|respond in kind|consequences|threaten\w*)\b"),
    ("condemn", r"\b(?:condemn\w*|unjust|unfair|arrogan\w*|illegitimate|illegal|unacceptable|wrong decision|"
                r"criticiz\w*|criticis\w*|blast\w*|slam\w*|denounc\w*|disrespect\w*|coercive|outrage\w*|"
                r"regrettable|deplor\w*|unilateral)\b"),
    ("reject", r"\b(?:reject\w*|dismiss\w*|unfounded|baseless|will not (?:back down|retreat|turn back|step back|give up)|"
               r"not back down|not (?:intend|going) to (?:retreat|give up)|no going back|refus\w*|never)\b"),
    ("demand", r"\b(?:demand\w*|must|insist\w* that)\b"),
    ("appeal", r"\b(?:urg\w*|call(?:ed|s|ing)? on|appeal\w*|ask\w*|reconsider|reverse)\b"),
    ("dialogue", r"\b(?:dialogue|diplomacy|negotiat\w*|talks|consultation\w*|commission|resolve the issue)\b"),
    ("approve", r"\b(?:welcom\w*|prais\w*|hail\w*|valu(?:ed|able) ally|partner|cooperation|solidarity)\b"),
    ("reaffirm", r"\b(?:reaffirm\w*|reiterat\w*|will continue|remain\w* committed|stand(?:s)? ready|insist\w*|"
                 r"not (?:turn back|retreat))\b"),
)
# One pass over the wording finds every code that applies; the order above then picks one.
_ANY = re.compile("|".join(f"(?P<{code}>{pattern})" for code, pattern in _WORDING), re.IGNORECASE)
_PRIORITY = {code: rank for rank, (code, _) in enumerate(_WORDING)}

_BY_CUE = {
    "condemn": "condemn", "criticize": "condemn", "criticise": "condemn", "denounce": "condemn", "slam": "condemn",
    "blast": "condemn", "decry": "condemn", "lambast": "condemn", "castigate": "condemn", "deplore": "condemn",
    "accuse": "condemn", "threaten": "threaten", "warn": "threaten", "vow": "reaffirm", "pledge": "reaffirm",
    "reject": "reject", "dismiss": "reject", "deny": "reject", "oppose": "reject", "urge": "appeal",
    "appeal": "appeal", "ask": "appeal", "demand": "demand", "welcome": "approve",
    "praise": "approve", "hail": "approve", "reiterate": "reaffirm", "reaffirm": "reaffirm", "insist": "reaffirm",
    "stress": "reaffirm", "emphasize": "reaffirm", "emphasise": "reaffirm", "underline": "reaffirm",
}


def suggest(cue_lemma: str, wording: str) -> str:
    found = {m.lastgroup for m in _ANY.finditer(wording)}
    if found:
        return min(found, key=_PRIORITY.__getitem__)
    return _BY_CUE.get(cue_lemma, "comment")
