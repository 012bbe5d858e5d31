"""Armed groups the data does not know, named by the text that introduces them with their acronym."""

from __future__ import annotations

import pytest

from app.extraction import extract
from app.extraction.lexicon import default_lexicon
from app.extraction.speakers import defined_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An unknown group's name with its acronym: the acronym names a new party.
        ("The People's Anti-Fascist Front (PAFF) claimed the attack.", {"PAFF": "paff"}),
        # The acronym must fit the name's initials.
        ("The People's Anti-Fascist Front (XYZ) claimed the attack.", {}),
        # A body whose words say it is independent is no armed group.
        ("The Rights Monitoring Alliance (RMA) said.", {}),
        # A group the data knows keeps its own id.
        ("The Arakan Army (AA) said it seized three posts.", {"AA": "arakan_army"}),
    ],
)
def test_a_group_named_with_its_acronym(text: str, expected: dict[str, str]) -> None:
    found = defined_names(text, default_lexicon())
    assert {k: v[0] for k, v in found.items() if k.isupper()} == expected


def test_the_named_group_speaks_and_fights_the_state_the_story_names() -> None:
    text = ("JAMMU, Oct 3 - The People's Anti-Fascist Front (PAFF) said it killed five Indian soldiers in Kishtwar. "
            "India's army said two soldiers were killed.")
    keys = {(c.claimant, c.metric, c.subject, c.value) for c in extract(text).claims}
    assert ("paff", "killed", "india", 5) in keys
