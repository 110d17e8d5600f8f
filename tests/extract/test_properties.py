"""Whatever the text, the extractor never raises and its offsets hold."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from s400tracker.extract.pipeline import extract

_ALPHABET = st.sampled_from(list("ab Akar said. \"“”'’‘«»,\n:;—") + ["Lavrov", " he added", " the ministry", " on Monday"])
_TEXTS = st.lists(_ALPHABET, max_size=120).map("".join) | st.text(max_size=300)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_never_raises_and_offsets_hold(index, text):
    for f in extract(text, dt.date(2020, 12, 15), index):
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.quote
        if f.speaker_start is not None:
            assert text[f.speaker_start:f.speaker_end] == f.speaker


def test_output_does_not_depend_on_other_articles(index, seed):
    first, published = seed("001")
    other, other_published = seed("004")
    before = extract(first, published, index)
    extract(other, other_published, index)
    assert extract(first, published, index) == before
