"""The corpus yardstick's rules on tiny invented passages: which prediction answers which gold
attribution, when its speaker is right, what kind an attribution is, which cues are speech, and
the refusal of the test split (the hidden set) by every entry point."""

from __future__ import annotations

import json

import pytest

from bench import corpus, polnear
from bench.corpus_score import AlnumIndex, Gold, Pred, match, quote_units, score_view, speaker_right
from bench.speech_cues import is_speech_cue


def _span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


PASSAGE = '"The ferry will run again in May," said Mayor Ann Lee, "and fares stay the same."'


@pytest.mark.parametrize("pred_words, expected", [
    ("The ferry will run again in May", True),          # 25 of the 44 letters and digits
    ("The ferry will run again", False),                 # 20 of 44: under half
    ("said Mayor Ann Lee", False),                       # between the fragments: counts for nothing
    ('The ferry will run again in May," said Mayor Ann Lee, "and fares stay', True),   # 37 of 44
    ('again in May," said Mayor Ann Lee, "and fares stay the same.', True),            # 29 of 44
    ('May," said Mayor Ann Lee, "and fares stay the same.', True),                     # 22 of 44: half
    ("and fares stay the same.", False),                                               # 19 of 44

])
def test_a_prediction_matches_when_it_covers_half_the_gold_fragments_letters(pred_words, expected):
    gold = Gold(content=(_span(PASSAGE, "The ferry will run again in May,"),
                         _span(PASSAGE, "and fares stay the same.")),
                source=(_span(PASSAGE, "Mayor Ann Lee"),), source_text="Mayor Ann Lee")
    pred = Pred(*_span(PASSAGE, pred_words))
    assert (match(AlnumIndex(PASSAGE), [gold], [pred]) == {0: 0}) is expected


def test_matching_is_one_to_one_best_coverage_first():
    text = "Ann Lee said the ferry runs in May. Bo Park said fares rise."
    golds = [Gold(content=(_span(text, "the ferry runs in May"),)),
             Gold(content=(_span(text, "fares rise"),))]
    preds = [Pred(*_span(text, "the ferry runs")),          # 12 of 17: covers it, less well
             Pred(*_span(text, "the ferry runs in May")),   # covers it fully
             Pred(*_span(text, "fares rise"))]
    assert match(AlnumIndex(text), golds, preds) == {0: 1, 1: 2}


@pytest.mark.parametrize("gold_source, pred_speaker, resolved, right", [
    ("Sen. Jane Roe", "she", "Jane Roe", True),      # the name the pronoun resolves to counts
    ("Sen. Jane Roe", "she", "Ann Lee", False),
    ("Sen. Jane Roe", "she", None, False),
])
def test_the_resolved_name_counts_as_the_prediction(gold_source, pred_speaker, resolved, right):
    gold = Gold(content=((100, 120),), source=((10, 23),), source_text=gold_source)
    pred = Pred(100, 120, speaker=pred_speaker, speaker_start=60, speaker_end=63, speaker_resolved=resolved)
    assert speaker_right(gold, pred) is right


@pytest.mark.parametrize("gold_source, pred_speaker, overlap, right", [
    ("Mayor Ann Lee", "Ann Lee", False, True),              # one contains the other
    ("Ann Lee", "Mayor Ann Lee of Portville", False, True),
    ("Sen. Jane Roe (D-Ore.)", "Roe", False, True),          # the gold's last word, party left out
    ("the mayor's office", "The Mayor's Office", False, True),  # case and possessive normalised
    ("Ann Lee", "Bo Park", False, False),
    ("the chairman", "he", False, False),                    # 'he' is inside 'the', not a word of it
    ("he", "Ann Lee", True, True),                           # the spans overlap
    ("Ann Lee", None, False, False),                         # no speaker is never right
])
def test_speaker_is_right_by_overlap_containment_or_last_word(gold_source, pred_speaker, overlap, right):
    gold = Gold(content=((100, 120),), source=((10, 10 + len(gold_source)),), source_text=gold_source)
    start = 10 if overlap else 50
    pred = Pred(100, 120, speaker=pred_speaker, speaker_start=start,
                speaker_end=start + len(pred_speaker or ""))
    assert speaker_right(gold, pred) is right


@pytest.mark.parametrize("content, kind, pieces", [
    ('“We will win,”', "direct", ["We will win,"]),
    ('“We will win,” she said', "mixed", ["We will win,"]),
    ('that the plan was “a disaster” for the port', "mixed", ["a disaster"]),
    ("that the council’s plan was sound", "indirect", []),                 # an apostrophe, no quote
    ("it is ‘in their heads’ now", "mixed", ["in their heads"]),
    ("''We will win,'' she said, ''and soon''", "mixed", ["We will win,", "and soon"]),   # typewriter marks
    ("that the mayor's plan was sound", "indirect", []),
    ('“The first paragraph.\n\n“The second one.”', "direct", ["The first paragraph.", "The second one."]),
])
def test_kind_and_quote_pieces_follow_the_quotation_marks(content, kind, pieces):
    text = "Intro. " + content + " End."
    spans = [_span(text, content)]
    found = polnear.quote_pieces(text, spans)
    assert [text[s:e] for s, e in found] == pieces
    assert polnear.kind_of(text, spans, found) == kind


@pytest.mark.parametrize("cue, speech", [
    ("said", True), ("told", True), ("has slammed", True), ("issued a statement", True),
    ("according to", True), ("is saying", True), ("pointed out", True),
    ("believes", False), ("wants", False), ("has learned", False), ("hopes", False), ("fears", False),
])
def test_speech_cues_are_verbs_and_nouns_of_communication(cue, speech):
    assert is_speech_cue(cue) is speech


def test_views_leave_out_sourceless_and_other_view_attributions_and_their_predictions():
    text = "Ann Lee said the ferry runs. Bo Park believes fares rise. The plan drew criticism online."
    golds = [
        Gold(content=(_span(text, "the ferry runs"),), source=(_span(text, "Ann Lee"),),
             source_text="Ann Lee", cue_text="said"),
        Gold(content=(_span(text, "fares rise"),), source=(_span(text, "Bo Park"),),
             source_text="Bo Park", cue_text="believes"),
        Gold(content=(_span(text, "The plan"),), cue_text="drew criticism"),   # nobody named
    ]
    preds = [Pred(*_span(text, "the ferry runs"), speaker="Ann Lee"),
             Pred(*_span(text, "fares rise"), speaker="Ann Lee"),
             Pred(*_span(text, "The plan"), speaker="Bo Park"),
             Pred(*_span(text, "drew criticism online"), speaker="Bo Park")]
    pairs = match(AlnumIndex(text), golds, preds)
    everything = score_view(golds, preds, pairs)
    speech = score_view(golds, preds, pairs, lambda g: is_speech_cue(g.cue_text))
    assert (everything.total.gold, everything.total.predicted, everything.total.speakers) == (2, 3, 1)
    assert (speech.total.gold, speech.total.predicted, speech.total.speakers) == (1, 2, 1)
    assert len(everything.wrong_speaker) == 1 and len(speech.false) == 1


def test_each_pair_of_quotation_marks_is_a_unit_with_the_attributions_speaker():
    gold = Gold(content=((0, 10), (20, 30)), source=((12, 18),), source_text="Ann Lee",
                kind="direct", pieces=((1, 9), (21, 29)))
    units = quote_units([gold, Gold(content=((40, 50),), kind="indirect")])
    assert [u.content for u in units] == [((1, 9),), ((21, 29),)]
    assert {u.source_text for u in units} == {"Ann Lee"}


# --- the hidden test split is refused everywhere ----------------------------------------------------

@pytest.mark.parametrize("path", ["test", "data/test", "/x/PolNeAR/data/test/text/a.txt", "data\\test\\a.ann",
                                  "corpus-data/TEST/articles"])
def test_any_path_through_the_test_split_is_refused(path):
    with pytest.raises(polnear.TestSplitRefused):
        polnear.refuse_test(path)


@pytest.mark.parametrize("path", ["data/dev", "tests/bench", "data/train/text/contest.txt", "latest"])
def test_paths_that_only_look_alike_pass(path):
    polnear.refuse_test(path)


def test_the_command_lines_refuse_the_test_split(tmp_path, capsys):
    assert corpus.main(["--split", "test", "--data", str(tmp_path)]) == 2
    assert "test split" in capsys.readouterr().err
    assert corpus.main(["--split", "dev", "--data", str(tmp_path / "test")]) == 2
    assert "test split" in capsys.readouterr().err
    assert polnear.main(["--split", "test", "--polnear", str(tmp_path)]) == 2
    assert "test split" in capsys.readouterr().err


def test_a_missing_snapshot_or_conversion_says_what_to_run(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(polnear.ENV_VAR, raising=False)
    assert polnear.main(["--out", str(tmp_path / "out")]) == 2
    assert "run the fetch first" in capsys.readouterr().err
    assert corpus.main(["--data", str(tmp_path / "nothing")]) == 2
    assert "bench.polnear" in capsys.readouterr().err


ARTICLE = ('Ferry returns\n\n"The ferry will run again in May," said Mayor Ann Lee. '
           "She added that fares would stay the same.\n")


def _brat_line(tid: str, label: str, text: str, words: str) -> str:
    s, e = _span(text, words)
    return f"{tid}\t{label} {s} {e}\t{words}"


def _fake_checkout(root):
    """An invented corpus laid out as PolNeAR is, with a test split that must stay untouched."""
    ann = "\n".join([
        _brat_line("T1", "Content", ARTICLE, "The ferry will run again in May,"),
        _brat_line("T2", "Cue", ARTICLE, "said"),
        _brat_line("T3", "Source", ARTICLE, "Mayor Ann Lee"),
        _brat_line("T4", "Attribution", ARTICLE, "said"),
        "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3",
        _brat_line("T5", "Source", ARTICLE, "She"),
        _brat_line("T6", "Cue", ARTICLE, "added"),
        _brat_line("T7", "Content", ARTICLE, "that fares would stay the same"),
        _brat_line("T8", "Attribution", ARTICLE, "added"),
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
    ]) + "\n"
    for split in ("train", "dev", "test"):
        (root / "data" / split / "text").mkdir(parents=True)
        (root / "data" / split / "attributions").mkdir(parents=True)
        (root / "data" / split / "text" / "local_2020-05-01_ferry.txt").write_text(ARTICLE, encoding="utf-8")
        (root / "data" / split / "attributions" / "local_2020-05-01_ferry_ab12.ann").write_text(ann, encoding="utf-8")


def test_conversion_and_scoring_end_to_end_never_touch_the_test_split(tmp_path, monkeypatch, capsys):
    _fake_checkout(tmp_path / "snap")
    seen = []
    real_list, real_read = polnear.Snapshot.list, polnear.Snapshot.read_many
    monkeypatch.setattr(polnear.Snapshot, "list", lambda self, folder: seen.append(folder) or real_list(self, folder))
    monkeypatch.setattr(polnear.Snapshot, "read_many",
                        lambda self, paths: seen.extend(paths) or real_read(self, paths))
    out = tmp_path / "out"
    assert polnear.main(["--polnear", str(tmp_path / "snap"), "--out", str(out)]) == 0
    assert seen and not any("test" in p.split("/") for p in seen)
    assert sorted(p.name for p in out.iterdir()) == ["dev", "train"]
    gold = [json.loads(line) for line in (out / "dev" / "gold.jsonl").read_text().splitlines()]
    assert [(g["source_text"], g["cue_text"], g["kind"]) for g in gold] == [
        ("Mayor Ann Lee", "said", "direct"), ("She", "added", "indirect")]
    assert (out / "dev" / "articles" / "local_2020-05-01_ferry.txt").read_text(encoding="utf-8") == ARTICLE
    capsys.readouterr()
    assert corpus.main(["--data", str(out), "--split", "dev"]) == 0
    printed = capsys.readouterr().out
    quotes = next(line for line in printed.splitlines() if line.startswith("quotes  total"))
    assert quotes.split()[2:6] == ["1", "1", "1", "1"]   # gold, predicted, found, right
