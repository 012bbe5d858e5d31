"""Value types the extractor hands out: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

METRICS: tuple[str, ...] = (
    "killed",
    "casualties",
    "wounded",
    "captured",
    "posts_captured",
    "posts_destroyed",
    "posts_attacked",
    "drones_downed",
    "aircraft_downed",
    "vehicles_destroyed",
    "airstrikes",
    "airspace_violations",
    "air_patrols",
    "cross_border_fire",
)
QUALIFIERS: tuple[str, ...] = ("exact", "at_least", "more_than", "about", "up_to", "range")
STANCES: tuple[str, ...] = ("asserts", "acknowledges", "denies")
# Subjects that are not parties (spec/claims.md).
NON_PARTY_SUBJECTS: tuple[str, ...] = ("civilians", "militants")
# Claimants that are not parties of the conflict.
NON_PARTY_CLAIMANTS: tuple[str, ...] = ("third_party", "unattributed")


@dataclass(frozen=True, slots=True)
class Story:
    """One story of an article: a span of the text that reports one matter."""

    index: int
    start: int
    end: int
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One figure one party puts forward, with the evidence it came from.

    `start`/`end` are character offsets into the text given to `extract`, so
    `text[start:end] == evidence` always holds.
    """

    claimant: str
    metric: str
    subject: str
    value: int | None
    value_high: int | None
    qualifier: str
    stance: str
    event_date: date | None
    provinces: tuple[str, ...]
    evidence: str
    start: int
    end: int
    value_text: str  # the figure as written: "over 200", "Twelve", "" for a denial without number
    rule: str  # name of the rule that produced the claim
    story: int  # index into Extraction.stories
    # Who did it, where the text says: the side that inflicted a loss or carried
    # out an action (party id), else None. Used to tell apart two events in one
    # story (border clashes vs. a TTP attack on the same day).
    agent: str | None = None
    claimant_name: str | None = None  # "Zabihullah Mujahid", "ISPR", when named
    # Where event_date comes from: "sentence" (the claim's own sentence names the day), "story"
    # (another sentence of the story does), "statement" (the day the claim was made),
    # "published" (a guess: the day before publication), or None when there is no date.
    date_basis: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractor found in one text."""

    claims: tuple[ExtractedClaim, ...]
    stories: tuple[Story, ...]
    version: str
    places: tuple[str, ...] = field(default=())  # provinces named anywhere in the text
