"""Tally tables: label-and-figure lines under an intro line, read as the sentence their intro makes."""

from __future__ import annotations

import pytest

from app.extraction import extract
from app.extraction.sentences import layout
from app.extraction.tallies import inline_lists, tally_lines

TABLE = """Russian losses over the past day - General Staff

The General Staff of the Armed Forces of Ukraine reported the figures on Facebook.

The total combat losses of the enemy from 24.02.22 to 06.11.26 are estimated as follows:

personnel - about 1,214,360 (+1,030) persons;
tanks - 11,642 (+3);
aircraft - 434 (+0);
operational-tactical level UAVs - 91,770 (+212).

The data are being verified, the General Staff noted.
"""


def test_each_line_reads_as_the_intro_with_its_figures() -> None:
    rows = tally_lines(TABLE, layout(TABLE))
    assert len(rows) == 4
    readings = list(rows.values())
    # The period in figures and "are estimated as follows" give way to "amounted to".
    assert readings[1] == "The total combat losses of the enemy amounted to 11,642 tanks and 3 tanks."
    # A change of zero is no figure of its own.
    assert readings[2] == "The total combat losses of the enemy amounted to 434 aircraft."


@pytest.mark.parametrize(
    "text",
    [
        # No intro line ending in a colon: a list of figures is no table.
        "tanks - 11,642 (+3);\naircraft - 434 (+0);\n",
        # One line alone under a colon is not a table.
        "The losses amounted to:\n\ntanks - 11,642 (+3);\n\nThat was all, the ministry said.\n",
        # Lines that are sentences, not a label and a figure.
        "Key points:\n\nRussia said 40 drones were downed.\n\nUkraine said 12 were.\n",
    ],
)
def test_what_is_not_a_table(text: str) -> None:
    assert tally_lines(text, layout(text)) == {}


def test_claims_of_a_table_keep_their_line_as_evidence_and_the_intro_speaker() -> None:
    got = {(c.claimant, c.metric, c.subject, c.value, c.evidence) for c in extract(TABLE).claims}
    assert ("ukraine", "vehicles_destroyed", "russia", 11642, "tanks - 11,642 (+3);") in got
    assert ("ukraine", "vehicles_destroyed", "russia", 3, "tanks - 11,642 (+3);") in got
    assert ("ukraine", "casualties", "russia", 1214360, "personnel - about 1,214,360 (+1,030) persons;") in got
    assert ("ukraine", "drones_downed", "russia", 212,
            "operational-tactical level UAVs - 91,770 (+212).") in got
    assert not any(c.value == 0 for c in extract(TABLE).claims)


@pytest.mark.parametrize(
    ("sentence", "reads_as"),
    [
        # The first figure takes the intro's noun and verb; the rest follow it by place.
        ("The details of the terrorists killed are as follows: 47 in Sagaing Region, 29 in Magway Region.",
         "47 terrorists were killed in Sagaing Region, 29 in Magway Region."),
        # A first figure with its own noun keeps it.
        ("The details of Indian posts destroyed are as follows: four posts in Neelum valley sector, three posts "
         "in Leepa sector.",
         "four posts were destroyed in Neelum valley sector, three posts in Leepa sector."),
        # No list after a colon: nothing to read.
        ("The details of the operation are as follows: troops moved at dawn.", None),
    ],
)
def test_a_list_after_as_follows_in_one_sentence(sentence: str, reads_as: str | None) -> None:
    found = inline_lists(sentence, layout(sentence))
    assert found.get(0) == reads_as


def test_an_inline_list_gives_one_claim_per_place() -> None:
    text = ("NAY PYI TAW, 18 Nov - The information team said 76 PDF terrorists were killed in clashes. "
            "The details of the terrorists killed are as follows: 47 in Sagaing Region, 29 in Magway Region.")
    values = sorted(c.value for c in extract(text).claims if c.metric == "killed" and c.value is not None)
    assert values == [29, 47, 76]
