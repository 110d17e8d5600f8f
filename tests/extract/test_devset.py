"""The development set: hand-annotated news passages scored as the hidden evaluation scores them."""

from bench.score_extraction import DEFAULT_CASES, QUOTED, load_cases, run
from s400tracker.extract.scoring import Score, Span, score_document


def test_cases_are_well_formed():
    cases = load_cases(DEFAULT_CASES)
    assert len({c["id"] for c in cases}) == len(cases), "duplicate case ids"
    for c in cases:
        for g in c["gold"]:
            assert g["quote"] in c["text"] and g["speaker"] in c["text"], c["id"]
            assert g["kind"] in ("direct", "partial", "indirect"), c["id"]


def test_development_set_scores():
    score = run(load_cases(DEFAULT_CASES))
    quoted = score.total(QUOTED).speaker_prf()[2]
    overall = score.total().speaker_prf()[2]
    assert quoted >= 0.9, f"speaker F1 on quotation-mark quotes {quoted:.2f}"
    assert overall >= 0.8, f"speaker F1 over all attributions {overall:.2f}"


def test_scorer_counts_wrong_speakers_and_missed_spans():
    gold = [Span(0, 10, "direct", 20, 25, None), Span(30, 40, "indirect", 50, 55, "akar")]
    predicted = [Span(1, 10, "direct", 60, 65, None), Span(100, 110, "indirect", 50, 55, "akar")]
    score = Score()
    score_document(gold, predicted, score)
    total = score.total()
    assert (total.gold, total.predicted, total.spans, total.speakers) == (2, 2, 1, 0)
