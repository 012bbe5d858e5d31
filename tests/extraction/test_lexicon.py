"""The parties lexicon: aliases from data, and every state by name or demonym."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.extraction import extract
from app.extraction.lexicon import default_lexicon, load_lexicon


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("the Islamic Emirate", "afghanistan"),
        ("Zabihullah Mujahid", "afghanistan"),
        ("the Taliban-run defence ministry", "afghanistan"),
        ("ISPR", "pakistan"),
        ("security sources", "pakistan"),
        ("Tehrik-i-Taliban Pakistan", "ttp"),
        ("Tehreek-e-Taliban Pakistan", "ttp"),
        ("the Pakistani Taliban", "ttp"),
        ("UNAMA", "third_party"),
        ("the Indian army", "india"),
        ("Thai soldiers", "thailand"),
        ("Cambodia's defence ministry", "cambodia"),
        ("North Korean troops", "north_korea"),
        ("Russian forces", "russia"),
    ],
)
def test_find_names_the_party(text: str, party: str) -> None:
    assert default_lexicon().find(text)[0].party == party


def test_common_words_are_not_parties() -> None:
    assert default_lexicon().find("who said un-named turkey chad") == []


def test_find_prefers_the_longest_name_and_gives_offsets() -> None:
    text = "Fighters of the Afghan Taliban"
    (m,) = default_lexicon().find(text)
    assert (m.party, text[m.start:m.end]) == ("afghanistan", "Afghan Taliban")


def test_a_lexicon_is_data(tmp_path: Path) -> None:
    path = tmp_path / "parties.json"
    path.write_text(json.dumps({"parties": {
        "rsf": {"kind": "group", "opponents": ["sudan"], "aliases": ["RSF", "Rapid Support Forces"]},
    }}))
    lex = load_lexicon(path)
    result = extract("The RSF said its fighters killed 40 Sudanese soldiers.", lexicon=lex)
    assert {(c.claimant, c.subject, c.value) for c in result.claims} == {("rsf", "sudan", 40)}
