"""The verbs and phrases that attribute speech, and what kind of content each one takes.

"say" verbs take a clause (X said that …); "act" verbs are reactions whose verb phrase is the
content (X urged the US to reconsider). Belief verbs (believes, hopes, thinks) are not speech.
"""

from __future__ import annotations

import bisect
import functools
import re

from s400tracker.extract.wordtrie import trie_pattern


_SAY = """say said says saying|tell told tells telling|add added adds adding|stress stressed stresses stressing|
note noted notes noting|warn warned warns warning|insist insisted insists insisting|argue argued argues arguing|
claim claimed claims claiming|announce announced announces announcing|suggest suggested suggests suggesting|
clarify clarified clarifies clarifying|reiterate reiterated reiterates reiterating|explain explained explains explaining|
emphasize emphasized emphasizes emphasizing|emphasise emphasised emphasises emphasising|underline underlined underlines underlining|
underscore underscored underscores underscoring|maintain maintained maintains maintaining|assert asserted asserts asserting|
affirm affirmed affirms affirming|declare declared declares declaring|confirm confirmed confirms confirming|
acknowledge acknowledged acknowledges acknowledging|admit admitted admits admitting|reply replied replies replying|
respond responded responds responding|remark remarked remarks remarking|write wrote writes writing|tweet tweeted tweets tweeting|
point pointed points pointing|indicate indicated indicates indicating|predict predicted predicts predicting|
recall recalled recalls recalling|complain complained complains complaining|counter countered counters countering|
conclude concluded concludes concluding|repeat repeated repeats repeating|state stated states stating|
comment commented comments commenting|continue continued continues continuing|reaffirm reaffirmed reaffirms reaffirming|
tell told|allege alleged alleges alleging|deny denied denies denying|mention mentioned mentions mentioning|
caution cautioned cautions cautioning|assure assured assures assuring|signal signalled signaled signals signalling signaling|
hint hinted hints hinting|contend contended contends contending|answer answered answers answering|
observe observed observes observing|report reported reports reporting|remind reminded reminds reminding|
read"""

_ACT = """urge urged urges urging|condemn condemned condemns condemning|criticize criticized criticizes criticizing|
criticise criticised criticises criticising|denounce denounced denounces denouncing|slam slammed slams slamming|
blast blasted blasts blasting|reject rejected rejects rejecting|dismiss dismissed dismisses dismissing|
welcome welcomed welcomes welcoming|praise praised praises praising|hail hailed hails hailing|
demand demanded demands demanding|accuse accused accuses accusing|threaten threatened threatens threatening|
vow vowed vows vowing|pledge pledged pledges pledging|promise promised promises promising|
appeal appealed appeals appealing|ask asked asks asking|call called calls calling|describe described describes describing|
label labelled labeled labels labelling labeling|brand branded brands branding|term termed terms terming|
dub dubbed dubs dubbing|decry decried decries decrying|protest protested protests protesting|
lambast lambasted lambasts lambasting|castigate castigated castigates castigating|
defend defended defends defending|express expressed expresses expressing|vow vowed|
regret regretted regrets regretting|deplore deplored deplores deploring|oppose opposed opposes opposing|
invite invited invites inviting|advise advised advises advising|recommend recommended recommends recommending|
propose proposed proposes proposing|challenge challenged challenges challenging|censure censured censures censuring|
reprimand reprimanded reprimands reprimanding|rebuke rebuked rebukes rebuking|assail assailed assails assailing|press pressed presses pressing"""


# Verbs of communication beyond the ones above, from a general list rather than from errors: Levin's
# communication classes (manner of speaking, say, complain, advise, talk) and the speech-act verbs
# news uses (concede, reveal, cite, endorse …). Verbs whose base form is mostly a noun or a verb of
# something else in news ("order", "charge", "address", "object", "post") are left out.
_SAY_MORE = """reveal disclose divulge concede confess recount relate specify elaborate estimate
    retort rebut interject exclaim quip joke boast brag gloat lament bemoan grumble fume rant shout yell
    scream whisper mutter testify speculate surmise reason theorize guarantee swear reassure forecast
    posit volunteer muse marvel inform notify speak talk"""
_ACT_MORE = """question query attack endorse discuss cite echo mock ridicule deride blame thank congratulate
    applaud commend
    laud fault chide berate disparage belittle dispute contest contradict refute disavow retract request
    implore beg plead petition inquire enquire characterize characterise portray highlight voice convey
    articulate apologize apologise scold reprimand excoriate"""
_IRREGULAR_FORMS = {"swear": "swore sworn", "speak": "spoke spoken", "plead": "pled"}
_DOUBLED = frozenset(["rebut", "quip"])


def _inflected(base: str) -> str:
    """A regular verb's forms: base, -s, -ed, -ing (and the irregular ones listed)."""
    if base.endswith("y") and base[-2] not in "aeiou":
        third, past, ing = base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    elif base.endswith("e"):
        third, past, ing = base + "s", base + "d", (base if base.endswith("ee") else base[:-1]) + "ing"
    else:
        third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
        stem = base + base[-1] if base in _DOUBLED else base
        past, ing = stem + "ed", stem + "ing"
    extra = _IRREGULAR_FORMS.get(base, "").split()
    if base in ("swear", "speak"):
        return " ".join([base, third, ing, *extra])
    return " ".join(dict.fromkeys([base, third, past, ing, *extra]))


_SAY = _SAY + "|" + "|".join(_inflected(b) for b in _SAY_MORE.split())
_ACT = _ACT + "|" + "|".join(_inflected(b) for b in _ACT_MORE.split())


def _forms(table: str) -> dict[str, str]:
    forms = {}
    for group in table.replace("\n", "").split("|"):
        words = group.split()
        for w in words:
            forms[w] = words[0]
    return forms


SAY_FORMS = _forms(_SAY)
ACT_FORMS = _forms(_ACT)
# Verbs whose object is not speech unless "that" follows: "answered questions", "confirmed the visit".
NEEDS_THAT = frozenset("""answer reply respond comment remark write tweet observe report mention recall state explain
    continue repeat confirm acknowledge admit indicate signal hint predict conclude complain counter deny point
    announce declare reveal disclose confess relate specify elaborate estimate testify inform notify
    speak talk reason volunteer guarantee forecast""".split())

# Of those, the verbs whose object is itself what was said: "denied the allegations", "announced
# new sanctions", "repeated his demand".
OBJECT_SAID = frozenset("deny announce acknowledge admit reveal disclose repeat mention explain predict estimate".split())

# Base forms attribute only after a plural or headline subject ("officials say", "Washington
# Says"), never after a modal or "to" ("will take steps", "to resolve"): see is_blocked.
BASE_FORMS = frozenset(words.split()[0] for words in (_SAY + "|" + _ACT).replace("\n", "").split("|"))
# "read" attributes only after a quotation: '"…," read the ministry's statement'.
INVERTED_ONLY = frozenset(["read"])
_BLOCKERS = frozenset("to will would could should may might must can cannot not did does do n't never "
                      "the a an this that its his her their our your my".split())

BELIEF = frozenset("believe believes believed think thinks thought hope hopes hoped expect expects expected "
                   "fear fears feared feel feels felt want wants wanted".split())

_SINGLE_WORDS = frozenset(SAY_FORMS) | frozenset(ACT_FORMS)
# Two-word cues: first word -> second words that complete it.
_PAIRS = {"according": ("to",), "made": ("clear",), "make": ("clear",), "makes": ("clear",), "hit": ("out",),
          "hits": ("out",), "lashed": ("out",), "lashes": ("out",), "pointed": ("out",), "points": ("out",)}


# Every word that may start a cue, for a quick scan of a whole article: sentences without one
# (and without a quotation) need no closer look.
CUE_FORMS = sorted(_SINGLE_WORDS | set(_PAIRS))
CUE_WORDS = trie_pattern(CUE_FORMS)
CUE_SCAN = re.compile(r"\b" + CUE_WORDS + r"\b")


_start = re.Match.start


def find_cues(toks: list[re.Match], hits=None) -> list[tuple[int, int, int, str]]:
    """(token index, start, end, cue text) for each cue among a sentence's tokens.

    hits, when given, are the offsets CUE_SCAN found, ascending: only those tokens are looked at.
    """
    if hits is None:
        indices = range(len(toks))
    else:
        # A bisection on the tokens' starts for each hit.
        n = len(toks)
        indices = []
        for h in hits:
            k = bisect.bisect_left(toks, h, key=_start)
            if k < n and toks[k].start() == h and (not indices or indices[-1] != k):
                indices.append(k)
    found = []
    for i in indices:
        t = toks[i]
        w = t[0]
        s, e = t.span()
        if w[-1] == ".":  # the word closing a sentence carries its full stop
            w = w[:-1]
            e -= 1
        low = w.lower()
        pair = _PAIRS.get(low)
        if pair and i + 1 < len(toks) and toks[i + 1][0].lower().rstrip(".") in pair:
            second = toks[i + 1][0].rstrip(".")
            found.append((i, s, toks[i + 1].start() + len(second), f"{w} {second}"))
        elif low in _SINGLE_WORDS:
            found.append((i, s, e, w))
    return found


@functools.lru_cache(maxsize=2048)
def lemma(cue: str) -> str:
    w = cue.lower().split()[0]
    if w in ("made", "make", "makes"):
        return "make clear"
    if w in ("hit", "hits", "lashed", "lashes"):
        return "criticize"
    if w in ("pointed", "points"):
        return "note"
    return SAY_FORMS.get(w) or ACT_FORMS.get(w) or w


@functools.lru_cache(maxsize=2048)
def is_act(cue: str) -> bool:
    w = cue.lower().split()[0]
    return w in ACT_FORMS or w in ("hit", "hits", "lashed", "lashes")


@functools.lru_cache(maxsize=2048)
def is_participle(cue: str) -> bool:
    return cue.lower().split()[0].endswith("ing")


@functools.lru_cache(maxsize=2048)
def blocked(cue: str, word_before: str) -> bool:
    """A base form after a modal, "to" or a determiner is no statement made ("will take steps")."""
    w = cue.lower().split()[0]
    return w in BASE_FORMS and word_before.lower() in _BLOCKERS
