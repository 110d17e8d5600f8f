"""Same statement, other outlet: (wording one, wording two, same?, why)."""

import pytest

from s400tracker.core.similarity import same_wording, wording_key

CASES = [
    ("arrogance towards international law", "another manifestation of an arrogant attitude towards international law",
     True, "trimmed and rephrased by two outlets"),
    ("illegitimate, unilateral coercive measures", "illegitimate, unilateral coercive measures.", True, "punctuation"),
    ("take the necessary steps against this decision",
     "take the necessary steps against this decision, which will inevitably have a negative impact on our relations",
     True, "one outlet quotes more"),
    ("unjust", "unfair", False, "one word each: only the same word is the same"),
    ("unjust", "unjust", True, "the same word"),
    ("We will not back down on the S-400", "We will respond to the sanctions in kind", False, "different statements"),
    ("the sanctions are a grave mistake", "the sanctions will not change our position", False, "shared topic only"),
]


def test_table_has_no_duplicates():
    assert len({(a, b) for a, b, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize("a,b,same,why", CASES, ids=[c[3] for c in CASES])
def test_same_wording(a, b, same, why):
    assert same_wording(wording_key(a), wording_key(b)) is same, why
    assert same_wording(wording_key(b), wording_key(a)) is same, "symmetric"
