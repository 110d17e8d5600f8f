"""Untracked speakers are grouped by who they are, and tracking one fills a new matrix row."""

import pytest

from s400tracker.core.query import StatementFilter
from s400tracker.services.speakers import group_speakers, track_speaker
from s400tracker.services.tracker import Tracker
from s400tracker.paths import seeds_dir


def test_spellings_of_one_person_form_one_group_and_pronouns_are_left_out():
    rows = [("Erdogan", 5), ("Turkish President Tayyip Erdogan", 3), ("Turkey’s President Recep Tayyip Erdoğan", 1),
            ("he", 7), ("The Kremlin", 2), ("the Kremlin", 1), ("a US official", 1),
            ("Iranian Foreign Minister", 1), ("The minister", 1)]
    groups = group_speakers(rows)
    assert [(g.key, g.count) for g in groups] == [("erdogan", 9), ("kremlin", 3), ("iranian foreign minister", 1),
                                                  ("minister", 1), ("us official", 1)]
    erdogan = groups[0]
    assert erdogan.label == "Erdogan" and erdogan.suggested_name() == "Erdogan"
    assert "Turkish President Tayyip Erdogan" in erdogan.suggested_aliases()
    assert groups[1].suggested_name() == "Kremlin"


@pytest.fixture
def seeded(tmp_path):
    with Tracker.open(tmp_path / "t.db", seed=False) as t:
        t.import_paths([seeds_dir()])
        yield t


def test_tracking_a_speaker_gives_their_statements_a_row(seeded):
    groups = group_speakers(seeded.untracked_speakers())
    erdogan = next(g for g in groups if g.key == "erdogan")
    assert erdogan.count >= 2
    actor, _ = track_speaker(seeded, erdogan.suggested_name(), "Turkey", erdogan.suggested_aliases())
    assert actor.name in [a.name for a in seeded.actors()]
    assert seeded.statement_count(StatementFilter(actors=(actor.key,))) >= erdogan.count
    assert all(g.key != "erdogan" for g in group_speakers(seeded.untracked_speakers()))


def test_tracking_refuses_a_name_already_taken(seeded):
    with pytest.raises(ValueError, match="already"):
        track_speaker(seeded, "Lavrov", "Russia", [])
