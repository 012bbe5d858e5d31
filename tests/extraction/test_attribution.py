"""Speaker words: what attribution strips from a speaker's words before it looks the speaker up."""

from __future__ import annotations

import itertools

from app.extraction.speech import FILLER as _FILLER
from app.extraction.speech import without_fillers as _without_fillers


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


def test_a_state_that_is_no_side_speaks_as_an_independent_source() -> None:
    # spec/claims.md: "so is a state that is not a side in the fight it reports on".
    from datetime import date

    from app.extraction import extract

    text = (
        "RSF shelling kills 40 in El Fasher\n\n"
        "PORT SUDAN, May 3 (Reuters) - The Sudanese army said RSF shelling killed 40 civilians in El Fasher on "
        "Friday. The RSF said it had killed 60 soldiers.\n\n"
        "The U.S. State Department said at least 55 civilians had been killed in the city since Thursday."
    )
    claims = {(c.claimant, c.subject, c.value) for c in extract(text, published=date(2025, 5, 3)).claims}
    assert ("sudan", "civilians", 40) in claims
    assert ("rsf", "sudan", 60) in claims
    assert ("third_party", "civilians", 55) in claims
