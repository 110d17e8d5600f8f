"""Verbs of communication from a general list, not only the common ones, attribute what follows."""

import datetime as dt

import pytest

from s400tracker.extract.pipeline import extract

DAY = dt.date(2026, 5, 14)

CASES = [
    ("Ambassador Ilse Marant conceded that the border talks had stalled.", "Ilse Marant", "the border talks had stalled"),
    ("Deputy Minister Oren Kask revealed that Veloria had recalled its envoy.", "Oren Kask",
     "Veloria had recalled its envoy"),
    ("Senator Paula Ferrin questioned whether the treaty could survive the vote.", "Paula Ferrin",
     "whether the treaty could survive the vote"),
    ("The Velorian envoy, Anton Brask, endorsed the ceasefire plan on Tuesday.", "Anton Brask", "the ceasefire plan"),
    ("Foreign Minister Hedda Lorn lamented that the summit had produced no agreement.", "Hedda Lorn",
     "the summit had produced no agreement"),
    ("Spokesman Karel Voss cited new satellite images showing troops near the pass.", "Karel Voss",
     "new satellite images showing troops near the pass"),
    ("Senator Jane Roe (D-Ore.) said the treaty with Veloria was flawed.", "Jane Roe", "the treaty with Veloria was flawed"),
    ("The Velorian envoy is demanding that the border talks resume at once.", "The Velorian envoy",
     "the border talks resume at once"),
    ("The envoy left the hall early, urging both sides to return to the table.", "The envoy",
     "both sides to return to the table"),
    ("Foreign Minister Hedda Lorn denied the reports of a secret deal with Veloria.", "Hedda Lorn",
     "denied the reports of a secret deal with Veloria"),
]


@pytest.mark.parametrize("text, speaker, content", CASES, ids=[c[1] for c in CASES])
def test_a_general_verb_of_saying_attributes_its_content(index, text, speaker, content):
    found = extract(text, DAY, index)
    assert any(content in f.quote and speaker in (f.speaker or "") for f in found), found


def test_a_pronoun_is_resolved_to_the_speaker_of_its_gender(index):
    text = ("Ms. Lena Varga said the offer to Veloria still stood. Mr. Tomas Hale said it had lapsed. "
            "\"We will wait for an answer,\" she said.")
    quote = next(f for f in extract(text, DAY, index) if f.quote.startswith("We will wait"))
    assert (quote.speaker, quote.speaker_resolved) == ("she", "Ms. Lena Varga")


def test_they_is_resolved_to_a_group_not_to_one_person(index):
    text = ("The Velorian Foreign Ministry said the talks would resume. Mr. Tomas Hale said he doubted it. "
            "They added that a date would be set within a week.")
    added = next(f for f in extract(text, DAY, index) if "a date would be set" in f.quote)
    assert added.speaker_resolved == "The Velorian Foreign Ministry"


def test_a_pronoun_no_one_stands_for_is_unresolved(index):
    found = extract("\"We will not move,\" he said.", DAY, index)
    assert [(f.speaker, f.speaker_resolved) for f in found] == [("he", None)]


@pytest.mark.parametrize("text, clause", [
    ("Ambassador Ilse Marant said the ruling was \"a grave error\" and would be appealed.",
     "the ruling was \"a grave error\" and would be appealed"),
    ("Minister Oren Kask called the blockade \"an act of piracy\" on Monday.", "called the blockade \"an act of piracy\""),
    ("Senator Paula Ferrin said Veloria had \"no intention\" of joining the pact.",
     "Veloria had \"no intention\" of joining the pact"),
])
def test_quoted_words_inside_a_reported_clause_make_one_statement_of_the_clause(index, text, clause):
    found = extract(text, DAY, index)
    assert len(found) == 1, found
    assert clause in found[0].quote and found[0].kind == "partial"


def test_a_quotation_signed_with_a_dash_and_a_name_is_that_persons(index):
    text = ("Readers in Veloria wrote to us about the border treaty.\n\n"
            "\u201cThe treaty gives away our valley for nothing.\u201d\u2015 Marta Velkova\n\n"
            "\u201cI have waited ten years for this peace.\u201d \u2014 Janis Orlov\n")
    found = extract(text, DAY, index)
    assert [(f.quote[:12], f.speaker) for f in found] == [("The treaty g", "Marta Velkova"), ("I have waite", "Janis Orlov")]
