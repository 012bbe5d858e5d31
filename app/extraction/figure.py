"""A figure read in a sentence, and what a verb of a given family counts with a given noun.

Shared by the figure reader (`metrics`), the roles (`roles`) and the reader of denials (`denied`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import Quantity
from .vocab import PERSON_HEADS

# Where a clause begins: after a semicolon or colon, "that", "which", "while", "whereas" or "but".
CLAUSE_CUT = re.compile(r"[;:]|\bthat\b|\bwhich\b|\bwhile\b|\bwhereas\b|\bbut\b")
# The things a figure can count besides people (head categories of vocab.HEADS).
THING_HEADS = frozenset({"post", "drone", "aircraft", "vehicle"})
# What a trigger does to what a figure counts: (trigger family, head category) -> metric.
PERSON_METRIC = {"kill": "killed", "lose": "casualties", "wound": "wounded", "casualty": "casualties",
                  "casualty_put": "casualties", "capture": "captured"}
THING_METRIC = {
    ("lose", "aircraft"): "aircraft_downed",
    ("lose", "drone"): "drones_downed",
    ("lose", "vehicle"): "vehicles_destroyed",  # "Russia has also lost 8,985 tanks"
    ("lose", "post"): "posts_captured",
    ("capture", "post"): "posts_captured",
    ("destroy", "post"): "posts_destroyed",
    ("attack", "post"): "posts_attacked",
    ("destroy", "drone"): "drones_downed",
    ("down", "drone"): "drones_downed",
    ("destroy", "aircraft"): "aircraft_downed",
    ("down", "aircraft"): "aircraft_downed",
    ("destroy", "vehicle"): "vehicles_destroyed",
    # "2 drones neutralised", "eliminated three tanks": the words for killing, said of things.
    ("kill", "drone"): "drones_downed",
    ("kill", "aircraft"): "aircraft_downed",
    ("kill", "vehicle"): "vehicles_destroyed",
    # "losses amounted to up to 185 servicemen, a tank and three armoured vehicles".
    ("casualty_put", "vehicle"): "vehicles_destroyed",
    ("casualty_put", "aircraft"): "aircraft_downed",
    ("casualty_put", "drone"): "drones_downed",
}


@dataclass(slots=True)
class Figure:
    """A figure of a sentence, what it counts and the words that say so (offsets local to the sentence)."""

    q: Quantity
    np_start: int
    np_end: int
    head: str  # head category from vocab.HEADS, "none" (no noun), or "party" ("killed 30 Taliban")
    head_text: str
    owner: str | None = None  # party named in the noun phrase ("Pakistani soldiers")
    own: bool = False  # "its own troops", "of their soldiers": the speaker's side
    family: str | None = None
    trig_start: int = -1
    trig_end: int = -1
    side: str = ""  # "left" (active: "killed 58"), "right" (passive: "58 were killed"), "head", "times"
    metric: str | None = None
    singular: bool = False
    # Where the figure's own speaker is named, when not before it: "the 58 soldiers the Taliban says it killed".
    speech_end: int = -1
    part: bool = False  # a part of the figure before it: "seven soldiers, including two officers"

    @property
    def rule(self) -> str:
        """The name of the rule that read this figure."""
        return f"{self.side}:{self.family or self.metric}:{self.head}"


def metric_for(family: str, head: str) -> str | None:
    """The metric a verb of `family` counts with a noun of category `head`, else None."""
    if head in PERSON_HEADS or head == "party":
        return PERSON_METRIC.get(family)
    return THING_METRIC.get((family, head))
