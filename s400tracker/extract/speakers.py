"""From a speaker phrase to a tracked actor: aliases, ambiguous titles, roles, pronouns.

Matching runs on folded text (case- and accent-free), so 'Cavusoglu' finds Çavuşoğlu and 'KALIN'
finds Kalın. An ambiguous alias ('the Foreign Ministry') is settled by a country word in the
phrase, then by the actor last spoken of, then by the country words of the sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Sequence

from s400tracker.core.model import Actor
from s400tracker.extract import cues, dates
from s400tracker.extract.text import fold
from s400tracker.extract.wordtrie import ALNUM_CHARS, WordStarts, trie_pattern

# A phrase names an organisation when its head (last word) is one of these, or it is a place.
_ORG_HEADS = re.compile(
    r"(?:ministry|department|dept|party|office|government|administration|embassy|agency|presidency|kremlin|"
    r"pentagon|house|nato|council|committee|parliament|congress|senate|cabinet|palace|authorities|chp|mfa|"
    r"turkey|russia|states|us|u\.s\.?|washington|ankara|moscow|iran|china|eu|union|america|france|germany|"
    r"israel|greece|alliance|treasury|military|army|forces|court|bank|company|opposition|coalition|bloc)$"
)


# Country words that name no tracked actor's country keep a shared title from resolving:
# "the Iranian Foreign Ministry spokesman" is not the Turkish or the Russian ministry.
NATIONS = frozenset(fold(w) for w in """
    iran iranian china chinese beijing tehran eu european brussels britain british uk london france french paris
    germany german berlin greece greek athens israel israeli syria syrian damascus ukraine ukrainian kyiv kiev
    india indian delhi pakistan pakistani japan japanese tokyo korea korean seoul pyongyang saudi riyadh qatar
    qatari egypt egyptian cairo iraq iraqi baghdad azerbaijan azerbaijani baku armenia armenian yerevan
    georgia georgian italy italian rome spain spanish madrid canada canadian ottawa australia australian
    poland polish warsaw sweden swedish finland finnish norway norwegian netherlands dutch belgian cyprus
    cypriot nicosia libya libyan lebanon lebanese jordan jordanian uae emirati afghanistan afghan venezuela
    venezuelan cuba cuban mexico mexican brazil brazilian belarus belarusian minsk kazakhstan hungary hungarian
    serbia serbian bulgaria bulgarian romania romanian""".split())


# Heads of definite descriptions that journalists use for the person just quoted.
_PERSON_EPITHETS = frozenset("""politician diplomat veteran general leader official envoy former statesman
    lawmaker senator ambassador negotiator commander chief president premier minister secretary spokesman
    spokeswoman spokesperson adviser advisor aide economist analyst professor expert""".split())
_REACH = 60   # names and speakers looked back over
_MALE = frozenset("""mr mr. sir lord king prince father son brother husband uncle spokesman chairman congressman
    businessman statesman""".split())
_FEMALE = frozenset("""ms ms. mrs mrs. miss madam lady queen princess mother daughter sister wife aunt spokeswoman
    chairwoman congresswoman businesswoman stateswoman""".split())
_GROUP_HEADS = re.compile(r"(?:officials|sources|aides|lawmakers|leaders|diplomats|people|critics|supporters|"
                          r"analysts|experts|members|authorities|democrats|republicans|ministers|voters)$")


def _gender(m: "Mention") -> str | None:
    """'m' or 'f' when the speaker's phrase or name carries a title or a gendered noun."""
    words = fold(m.phrase.text if m.phrase is not None else m.name).split()
    if any(w in _MALE for w in words):
        return "m"
    if any(w in _FEMALE for w in words):
        return "f"
    return None


def _plural(m: "Mention") -> bool:
    words = fold(m.phrase.text if m.phrase is not None else m.name).split()
    return bool(words) and _GROUP_HEADS.match(words[-1]) is not None
_AGED = re.compile(r"\d+-year-old")
_DOCUMENTS = frozenset("statement communique communiqué declaration readout release note letter".split())


@dataclass(slots=True)
class Mention:
    pos: int
    actor: str | None
    name: str        # the actor's name, or the phrase for an untracked speaker
    person: bool
    roles: frozenset = frozenset()
    spoke: bool = False  # a speaker of a statement, not just a name in the text
    date: object = None
    date_basis: str = ""
    phrase: object = None  # the speaker phrase as written, for quotes that go on without one
    phrase_words: tuple | None = None  # the phrase's folded words, once a later speaker asked


@functools.lru_cache(maxsize=4096)
def is_person_phrase(phrase: str) -> bool:
    words = fold(phrase).rstrip(".").split()
    return bool(words) and not _ORG_HEADS.match(words[-1])


class ActorIndex:
    """Actors compiled for matching; build once per import, reuse for every article."""

    def __init__(self, actors: Sequence[Actor]):
        self.actors = {a.key: a for a in actors}
        self.names = {a.key: a.name for a in actors}
        owners: dict[str, set[str]] = {}
        self.ambiguous: set[str] = set()
        for a in actors:
            for alias in (a.name, *a.aliases):
                owners.setdefault(fold(alias), set()).add(a.key)
            for alias in a.ambiguous:
                owners.setdefault(fold(alias), set()).add(a.key)
                self.ambiguous.add(fold(alias))
        self.owners = {alias: tuple(sorted(keys)) for alias, keys in owners.items() if alias}
        alternatives = sorted(self.owners, key=len, reverse=True)
        # Factored into a trie: hundreds of aliases cost little more than a few.
        self.alias_re = re.compile(r"(?<![\w])(?:" + trie_pattern(alternatives) + r")(?![\w])") if alternatives else None
        # Names and verbs of saying in one pass over the article: at a word's start the name is
        # tried first, then the verb. One pass costs two thirds of two.
        names = r"(" + trie_pattern(alternatives) + r")(?![\w])|" if alternatives else ""
        self._scan_re = re.compile(r"(?<![\w])(?:" + names + cues.CUE_WORDS + r"\b)")
        self._cues_in_name: dict[str, tuple[int, ...]] = {}   # folded alias -> its cue words' offsets
        # One pass finds where names, verbs of saying and time expressions may start.
        self._starts = WordStarts([*alternatives, *cues.CUE_FORMS, *dates.START_FORMS], word_chars=ALNUM_CHARS)
        self.roles = {a.key: frozenset(fold(r) for r in a.roles) for a in actors}
        self.countries = {a.key: tuple(fold(c) for c in a.countries) for a in actors}
        self._country_re = {
            key: re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])")
            for key, words in self.countries.items() if words
        }

    def mentions(self, folded: str, lo: int, hi: int) -> list[tuple[int, int, tuple[str, ...]]]:
        if self.alias_re is None:
            return []
        return [(m.start(), m.end(), self.owners[m.group(0)]) for m in self.alias_re.finditer(folded, lo, hi)]

    def word_starts(self, folded: str) -> list[int]:
        """Candidate places for scan() and for dates.time_expressions, from one pass."""
        return self._starts.candidates(folded)

    def scan(self, folded: str, candidates: list[int] | None = None
             ) -> tuple[list[tuple[int, int, tuple[str, ...]]], list[int]]:
        """The tracked names in the whole (folded) article, as mentions() gives them, and where
        its words of saying start, as cues.CUE_SCAN finds them. candidates: word_starts(folded)."""
        names: list[tuple[int, int, tuple[str, ...]]] = []
        hits: list[int] = []
        owners, cues_in = self.owners, self._cues_in_name
        match = self._scan_re.match
        with_names = self.alias_re is not None
        end = 0
        # The pattern tried only where a name or verb may start, as finditer would have found it.
        if candidates is None:
            candidates = self.word_starts(folded)
        for start in candidates:
            if start < end:
                continue   # inside the name just found
            m = match(folded, start)
            if m is None:
                continue
            end = m.end()
            name = m.group(1) if with_names else None
            if name is None:
                hits.append(start)
            else:
                names.append((start, end, owners[name]))
                # A verb of saying inside a name ("state" in "us state department"), as before.
                inner = cues_in.get(name)
                if inner is None:
                    inner = cues_in[name] = tuple(c.start() for c in cues.CUE_SCAN.finditer(name))
                if inner:
                    hits.extend(start + k for k in inner)
        return names, hits

    def country_of(self, candidates: Sequence[str], folded: str, lo: int, hi: int) -> list[str]:
        return [k for k in candidates if k in self._country_re and self._country_re[k].search(folded, lo, hi)]

    def alias_person(self, alias_folded: str) -> bool:
        return is_person_phrase(alias_folded)


@dataclass
class Discourse:
    """What the article has said so far: who spoke and who was named, newest last."""

    index: ActorIndex
    folded: str
    history: list[Mention] = field(default_factory=list)
    names: list | None = None         # every tracked name in the article (index.mentions), if scanned
    name_starts: list[int] = field(default_factory=list)
    _country_hits: dict = field(default_factory=dict)   # actor key -> (starts, ends) of its country's names

    def recent(self):
        """The names and speakers anaphora may reach, newest first. Bounded: a pronoun refers to
        someone named a few paragraphs up, and an article of thousands of quotations must not
        make every resolution read all of them."""
        return reversed(self.history[-_REACH:])

    def names_in(self, start: int, end: int) -> list[tuple[int, int, tuple[str, ...]]]:
        """Tracked names wholly inside text[start:end], from the article's one scan when there is one."""
        if self.names is None:
            return self.index.mentions(self.folded, start, end)
        lo = bisect.bisect_left(self.name_starts, start)
        hi = bisect.bisect_left(self.name_starts, end)
        return [m for m in self.names[lo:hi] if m[1] <= end]

    def note_names(self, found) -> None:
        """Remember the tracked actors named (found: index.mentions() of a stretch of text)."""
        for s, e, keys in found:
            if len(keys) == 1:
                key = keys[0]
                self.history.append(Mention(s, key, self.index.names[key], self.index.alias_person(self.folded[s:e]),
                                            self.index.roles[key]))

    def resolve(self, text: str, start: int, end: int, pronoun: bool, sentence: tuple[int, int]) -> Mention:
        """The actor (or untracked speaker) behind the phrase text[start:end]."""
        phrase = text[start:end]
        low = self.folded[start:end]
        if pronoun:
            return self._antecedent(low)
        found = self.names_in(start, end)
        if found and self._foreign(start, end, found):
            found = []
        if found:
            s, e, keys = max(found, key=lambda m: (m[1] - m[0], -m[0]))
            key = self._settle(keys, start, end, sentence)
            if key is not None:
                return Mention(start, key, self.index.names[key], is_person_phrase(phrase), self.index.roles[key])
        role = self._role_reference(low)
        if role is not None:
            return role
        issuer = self._document_reference(low)
        if issuer is not None:
            return issuer
        same = self._same_name(low)
        if same is not None:
            return same
        return Mention(start, None, phrase, is_person_phrase(phrase))

    def _same_name(self, low: str) -> Mention | None:
        """'Price said' after 'State Department spokesperson Ned Price said': the same speaker."""
        words = low.split()
        if not 1 <= len(words) <= 2 or words[0] in ("the", "a", "an"):
            return None
        words = tuple(words)
        for m in self.recent():
            if m.spoke and m.phrase is not None:
                earlier = m.phrase_words
                if earlier is None:   # folded once per speaker, not once per later phrase
                    earlier = m.phrase_words = tuple(fold(m.phrase.text).split())
                if len(earlier) > len(words) and earlier[-len(words):] == words:
                    return Mention(m.pos, m.actor, m.name, m.person, m.roles, date=m.date, date_basis=m.date_basis)
        return None

    def _document_reference(self, low: str) -> Mention | None:
        """'the statement added': whoever issued it, the organisation that spoke last."""
        words = low.replace("'s", "").split()
        if not words or words[-1] not in _DOCUMENTS:
            return None
        for m in self.recent():
            if m.spoke and not m.person:
                return Mention(m.pos, m.actor, m.name, m.person, m.roles, date=m.date, date_basis=m.date_basis)
        return None

    def _foreign(self, start: int, end: int, found) -> bool:
        """The phrase names a country none of the matched actors belongs to."""
        words = {w[:-2] if w.endswith("'s") else w for w in self.folded[start:end].split()}
        if words.isdisjoint(NATIONS):
            return False
        keys = {k for _, _, ks in found for k in ks}
        own = {w for k in keys for w in self.index.countries.get(k, ())}
        alias_words = {w for s, e, _ in found for w in self.folded[s:e].split()}
        strangers = {w for w in words - alias_words if w in NATIONS}
        return bool(strangers) and not (words & own)

    def _settle(self, keys: tuple[str, ...], start: int, end: int, sentence: tuple[int, int]) -> str | None:
        if len(keys) == 1:
            return keys[0]
        own = self.index.country_of(keys, self.folded, start, end)
        if len(own) == 1:
            return own[0]
        for m in self.recent():
            if m.actor in keys:
                return m.actor
        # The sentence's countries, then the one the article spoke of most recently: read from
        # one scan of the article per country, not a scan of all before each speaker.
        around = [k for k in keys if self._country_named(k, *sentence) is not None]
        if len(around) == 1:
            return around[0]
        best, best_pos = None, -1
        for key in keys:
            pos = self._country_named(key, 0, sentence[1])
            if pos is not None and pos > best_pos:
                best, best_pos = key, pos
        return best

    def _country_named(self, key: str, lo: int, hi: int) -> int | None:
        """Where the last naming of key's country wholly inside folded[lo:hi] starts, if any."""
        hits = self._country_hits.get(key)
        if hits is None:
            pattern = self.index._country_re.get(key)
            found = list(pattern.finditer(self.folded)) if pattern is not None else []
            hits = self._country_hits[key] = ([m.start() for m in found], [m.end() for m in found])
        starts, ends = hits
        k = bisect.bisect_right(ends, hi) - 1   # the names never overlap: their ends ascend with their starts
        return starts[k] if k >= 0 and starts[k] >= lo else None

    def _antecedent(self, pronoun: str) -> Mention:
        """The speaker (else the name) a pronoun refers to: the newest that agrees with it in gender
        (known from a title or a gendered noun in the name, else either) and number."""
        pronoun = {"him": "he", "her": "she", "them": "they"}.get(pronoun, pronoun)
        want_person = pronoun in ("he", "she", "i")
        if pronoun in ("he", "she", "it", "i"):
            clash = {"he": "f", "she": "m"}.get(pronoun)
            for m in self.recent():
                if m.spoke and m.person == want_person and (clash is None or _gender(m) != clash):
                    return m
            for m in self.recent():
                if m.person == want_person and (clash is None or _gender(m) != clash):
                    return m
        elif self.history:
            # "they": a group, an organisation or people named in the plural, not one person.
            for m in self.recent():
                if m.spoke and (not m.person or _plural(m)):
                    return m
            for m in self.recent():
                if m.spoke:
                    return m
        return Mention(0, None, pronoun, want_person)

    def _role_reference(self, low: str) -> Mention | None:
        """'the minister', 'the ministry', 'the secretary': the last actor the role fits."""
        words = low.split()
        if not words or words[0] not in ("the", "this", "that"):
            return None
        role = " ".join(w for w in words[1:])
        head = words[-1]
        nations = {w for w in words if w in NATIONS}
        for m in self.recent():
            if m.actor is None:
                # An untracked speaker with that title, named more recently, is the one meant.
                if m.spoke and head in fold(m.name).split():
                    return Mention(m.pos, None, m.name, m.person, date=m.date, date_basis=m.date_basis, phrase=m.phrase)
                continue
            if nations and not nations & set(self.index.countries.get(m.actor, ())):
                continue
            if role in m.roles or head in m.roles:
                return Mention(m.pos, m.actor, m.name, m.person, m.roles, date=m.date, date_basis=m.date_basis)
        if head in _PERSON_EPITHETS or _AGED.fullmatch(head):
            # "the 64-year-old", "the veteran diplomat": the person who spoke last.
            for m in self.recent():
                if m.spoke and m.person:
                    return Mention(m.pos, m.actor, m.name, m.person, m.roles, date=m.date, date_basis=m.date_basis)
        return None

    def spoke(self, mention: Mention, pos: int, date, basis: str, phrase=None) -> None:
        self.history.append(Mention(pos, mention.actor, mention.name, mention.person, mention.roles, True, date, basis,
                                    phrase or mention.phrase))
