"""Quotations of an article's claims: each stretch of text once, every claim's evidence marked."""

from __future__ import annotations

from app.articles.highlight import passages

TEXT = "A" * 300 + " first claim. second claim. " + "B" * 500 + " third claim. " + "C" * 50


def test_claims_whose_quotations_overlap_share_one_passage() -> None:
    first, second = TEXT.index("first claim."), TEXT.index("second claim.")
    third = TEXT.index("third claim.")
    got = passages(TEXT, [(1, first, first + 12), (2, second, second + 13), (3, third, third + 12),
                          (4, first, first + 12)])
    assert [p.claims for p in got] == [(1, 4, 2), (3,)]
    marked = [(s.text, s.claims) for s in got[0].segments if s.claims]
    assert marked == [("first claim.", (1, 4)), ("second claim.", (2,))]
    assert (got[0].cut_before, got[0].cut_after, got[1].cut_after) == (True, True, False)
    # The passages are the article's own text, in order, with nothing repeated.
    joined = [("".join(s.text for s in p.segments)) for p in got]
    assert all(j in TEXT for j in joined) and joined[0].count("first claim.") == 1


def test_spans_outside_the_text_are_ignored() -> None:
    assert passages("short", [(1, 3, 99), (2, -1, 2)]) == []
