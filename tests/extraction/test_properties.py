"""Properties that hold for any text: no exception, valid offsets, sane values."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.extraction import extract
from app.extraction.types import METRICS, QUALIFIERS, STANCES

WORDS = st.sampled_from([
    "killed", "58", "Pakistani", "soldiers", "were", "the", "Taliban", "said", "at least", "twenty-three",
    "posts", "captured", "denied", "on Saturday", ".", ",", "\n", "\n\n", "according to", "ISPR", "drones",
    "shot down", "between", "and", "15-20", "civilians", "“", "”", "UNAMA", "a", "dozen", "times", "fired",
    "airspace", "violations", "Kunar", "Kurram", "He", "rejected", "claims", "of", "seizing", "outposts",
])
SENTENCES = st.lists(WORDS, max_size=60).map(" ".join)


def check(text: str, published: date | None) -> None:
    result = extract(text, published=published)
    for c in result.claims:
        assert text[c.start:c.end] == c.evidence
        assert c.metric in METRICS and c.qualifier in QUALIFIERS and c.stance in STANCES
        assert c.value is None or c.value >= 0
        assert c.value_high is None or (c.value is not None and c.value_high > c.value)
        assert 0 <= c.story < len(result.stories)
        assert c.value is not None or c.stance == "denies"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.none() | st.dates())
def test_any_text_gives_valid_claims(text: str, published: date | None) -> None:
    check(text, published)


@settings(max_examples=300, deadline=None)
@given(SENTENCES, st.none() | st.dates())
def test_conflict_like_text_gives_valid_claims(text: str, published: date | None) -> None:
    check(text, published)
