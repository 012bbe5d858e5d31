"""Speaker words: what attribution strips from a speaker's words before it looks the speaker up."""

from __future__ import annotations

import itertools

from app.extraction.attribution import _FILLER, _without_fillers


def strip_fillers_plainly(seg: str) -> str:
    """What _without_fillers does, with no shortcut: search for a filler at the end until there is none."""
    while (f := _FILLER.search(seg)) is not None and f.group():
        seg = seg[:f.start()]
    return seg


def test_fillers_go_as_the_plain_search_takes_them() -> None:
    # _without_fillers skips the search where the last word ends no filler phrase; the words
    # below end every phrase _FILLER knows, and some end none.
    words = [
        "pakistan", "the ministry", "has", "also", "however", "in turn", "for its part", "for their part",
        "on monday", "on sunday", "in a statement", "on the other hand", "turn", "part", "hand", "statement",
        "reportedly", "neither", "nor", "not", "did", "officials", "spokesman", "  ", "\t", "sunday",
    ]
    for n in range(1, 4):
        for parts in itertools.product(words, repeat=n):
            seg = " ".join(parts)
            assert _without_fillers(seg) == strip_fillers_plainly(seg), repr(seg)
            assert _without_fillers(seg + " ") == strip_fillers_plainly(seg + " "), repr(seg)
