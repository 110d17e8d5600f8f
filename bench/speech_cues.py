"""Is an attribution's cue a verb or noun of communication (speech), or of belief, intention,
perception? PolNeAR annotates both ('X said …', 'X believes …', 'X wants …'); the speech-cue view
of the corpus score keeps only the first.

The word lists are general ones, written down once and not fitted to any corpus's errors:
- verbs: Levin's verb classes of communication (English Verb Classes and Alternations, 1993,
  class 37: transfer of message, tell, manner of speaking, means of communication, talk,
  chit-chat, say, complain, advise) and the speech-act verbs of Searle's assertives, directives,
  commissives and expressives when they are performed by saying (accuse, deny, urge, promise …),
  with the ways of publishing words news uses (tweet, post, write, publish);
- nouns: the nouns of those verbs and of documents that carry words (statement, remarks,
  interview, tweet, letter, report, release …), and 'according to'.
Belief, knowledge, perception, emotion and intention (believe, think, know, learn, see, want,
hope, fear, plan, expect, decide …) are deliberately absent.
"""

from __future__ import annotations

import re

SPEECH_VERBS = frozenset("""
say tell speak talk state declare announce assert claim allege maintain contend argue insist
add note remark observe comment mention explain describe detail elaborate clarify specify
report reveal disclose divulge confirm acknowledge admit concede confess affirm reaffirm reiterate
repeat restate recount relate emphasize emphasise stress underline underscore
highlight echo narrate recite quote cite read relay convey express articulate voice
reply respond answer retort counter rebut rejoin interject interrupt
ask inquire enquire question query demand request beg plead implore urge press appeal petition
call summon invite propose suggest recommend advise counsel caution warn alert notify inform
brief instruct order command direct tell advocate
promise pledge vow swear guarantee assure reassure threaten predict forecast vouch
deny dispute contest contradict refute reject dismiss disavow retract
accuse charge blame criticize criticise condemn denounce decry deride mock ridicule scold rebuke
attack slam blast lash fault chide castigate berate lambaste disparage belittle
praise laud hail commend applaud compliment thank congratulate welcome endorse
apologize apologise complain grumble gripe groan lament bemoan protest object boast brag gloat
joke quip tease jest kid
shout yell scream cry chant exclaim holler bellow roar shriek howl whisper murmur mutter mumble
stammer stutter sigh snap snarl growl bark hiss fume rage rant rave gush
chat converse discuss debate gossip chatter testify preach lecture
write tweet retweet post blog publish email e-mail text message phone telephone radio wire
cable fax broadcast air print
label dub term brand characterize characterise portray
""".split())

SPEECH_NOUNS = frozenset("""
statement remark comment comments remarks word words interview speech address talk
announcement declaration assertion claim allegation charge accusation denial admission
confession confirmation acknowledgment acknowledgement testimony account explanation
description answer reply response retort rebuttal question query request demand appeal
plea call urging proposal suggestion recommendation advice warning caution promise pledge vow
threat prediction forecast estimate criticism condemnation complaint protest objection praise
tweet post blog email e-mail letter memo note message text op-ed editorial column article
story report release briefing conference transcript video ad advertisement
book essay interview podcast broadcast
""".split())

SPEECH_PHRASES = ("according to", "went on", "go on to", "goes on to", "chimed in", "chime in",
                  "weighed in", "weigh in", "pointed out", "point out", "points out",
                  "made clear", "make clear", "makes clear", "put it", "puts it", "spelled out")

_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "spoke": "speak", "spoken": "speak",
    "wrote": "write", "written": "write", "swore": "swear", "sworn": "swear",
    "read": "read", "taught": "teach", "besought": "beseech", "forecast": "forecast",
    "bade": "bid", "cried": "cry", "replied": "reply", "denied": "deny", "queried": "query",
    "implied": "imply", "testified": "testify", "clarified": "clarify", "specified": "specify",
    "characterized": "characterize", "shot": "shoot", "stood": "stand", "put": "put",
    "went": "go", "gone": "go", "made": "make", "thought": "think", "felt": "feel",
    "knew": "know", "known": "know", "saw": "see", "seen": "see", "heard": "hear",
    "found": "find", "meant": "mean", "sought": "seek", "understood": "understand",
}

_AUXILIARIES = frozenset("""
be is are was were been being am has have had having do does did will would shall should can could
may might must not n't also then later again once even still just only repeatedly publicly
privately reportedly quickly he she it they we i you who that which a an the to of in on
""".split())

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def lemma_candidates(word: str) -> list[str]:
    """A word's possible dictionary forms, by the regular English endings (no dictionary needed:
    membership in the lists above decides)."""
    w = word.lower()
    if w in _IRREGULAR:
        return [_IRREGULAR[w]]
    out = [w]
    if w.endswith("ies") or w.endswith("ied"):
        out.append(w[:-3] + "y")
    for suffix in ("es", "s", "ed", "d", "ing"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[:-len(suffix)]
            out.append(stem)
            if suffix in ("ed", "ing"):
                out.append(stem + "e")
                if len(stem) >= 3 and stem[-1] == stem[-2]:
                    out.append(stem[:-1])   # slammed -> slam
    return out


def cue_lemma(cue: str) -> str:
    """The cue's head: its first word of communication as a dictionary form ('issued a statement'
    -> 'statement', 'has said' -> 'say'), else its first word that is no auxiliary, as written
    ('has learned' -> 'learned')."""
    lowered = cue.lower()
    for phrase in SPEECH_PHRASES:
        if phrase in lowered:
            return phrase
    words = _WORD.findall(lowered)
    for word in words:
        for cand in lemma_candidates(word):
            if cand in SPEECH_VERBS or cand in SPEECH_NOUNS:
                return cand
    for word in words:
        if word not in _AUXILIARIES:
            return _IRREGULAR.get(word, word)   # no list decides its ending: shown as written
    return lowered.strip() or "(no cue)"


def is_speech_cue(cue: str) -> bool:
    lowered = cue.lower()
    if any(phrase in lowered for phrase in SPEECH_PHRASES):
        return True
    return any(cand in SPEECH_VERBS or cand in SPEECH_NOUNS
               for word in _WORD.findall(lowered) for cand in lemma_candidates(word))
