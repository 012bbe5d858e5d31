"""What a denial denies when it names no figure: "rejected claims of seizing outposts" denies posts captured."""

from __future__ import annotations

from .figure import metric_for
from .lexicon import Lexicon
from .metrics import AIR_CONTEXT_LOW
from .patterns import fold, lowered
from .verbs import ANY_TRIGGER_LOW
from .vocab import HEAD_LOW, HEAD_METRIC, HEADS, SELF_METRICS

# "denied that any civilians were hit", "denied hitting civilians", "rejected reports that civilians had been
# targeted", "denied targeting residential areas of civilians": civilian dead, whatever else the words name.
_CIVILIANS_HIT_LOW = lowered(
    r"\bcivilians?\s+(?:(?:areas?|homes?|houses?|objects?|sites?|targets?|neighbou?rhoods?|infrastructure)\s+)?"
    r"(?:(?:were|was|had\s+been|have\s+been|being)\s+)?(?:hit|targeted|struck|attacked|harmed|shelled"
    r"|bombed)\b|\b(?:hit|hitting|target|targets|targeting|targeted|strike|strikes|striking|struck|shell|shelling"
    r"|shelled|bomb|bombing|bombed|attack|attacking|attacked|harmed)\s+(?:[\w\-]+\s+){0,2}?(?:" + HEADS["civilian"]
    + r")\b"
)
# "denied that any Cambodian drone had entered Thai airspace": an airspace violation.
_ENTERED_AIRSPACE_LOW = lowered(
    r"\b(?:entered|violated|intruded\s+into|crossed\s+into|flew\s+into)\s+(?:[\w\-]+\s+){0,2}?air[\s\-]?space\b"
)
_POST_HIT_LOW = lowered(r"\b(?:hit|damaged|destroyed|struck)\b")
_POST_FELL_LOW = lowered(r"\b(?:fallen|fell|overrun|lost|captured|seized)\b")


def find_denied(
    s: str, start: int, end: int, lex: Lexicon, *, air: bool = False
) -> tuple[str, str | None] | None:
    """(metric, owner) that a denial's words name without a figure ("claims of seizing outposts"), else None.

    `air`: the story is about air or drone strikes, so a plain "strikes" means them.
    """
    low = fold(s)
    if _CIVILIANS_HIT_LOW.search(low, start, end) is not None:
        return "killed", "civilians"
    # The trigger words are read only once a noun asks for them: the search is a long one.
    triggers: list[tuple[int, int, str]] | None = None
    best: tuple[int, str, str | None] | None = None
    for h in HEAD_LOW.finditer(low, start, end):
        cat = h.lastgroup or ""
        if cat in ("times", "others"):
            continue
        if cat == "strikes":
            if not (air or AIR_CONTEXT_LOW.search(low)):
                continue
            cat = "airstrikes"
        owner = None
        near = [m for m in lex.find(s, max(start, h.start() - 30), h.start()) if m.can_act]
        if near and not s[near[-1].end:h.start()].strip(" \t'’s"):
            owner = near[-1].party
        if owner is None and cat == "civilian":
            owner = "civilians"  # "denied that any civilians had been killed"
        if cat in SELF_METRICS:
            if cat != "casualties":
                if owner is None and h.group().lower().startswith("civilian"):
                    owner = "civilians"  # "rejected the figure of civilian deaths"
                return HEAD_METRIC.get(cat, cat), owner
            continue
        if cat in ("drone", "aircraft") and (entered := _ENTERED_AIRSPACE_LOW.search(low, h.end(), end)) and (
            entered.start() - h.end() < 30
        ):
            return "airspace_violations", owner
        if cat == "post" and (fell := _POST_FELL_LOW.search(low, h.end(), end)) and fell.start() - h.end() < 50:
            return "posts_captured", owner  # "denied that any post had fallen"
        if cat == "post" and (hit := _POST_HIT_LOW.search(low, h.end(), end)) and hit.start() - h.end() < 30:
            return "posts_destroyed", owner  # "denied that any Indian post had been hit": the damage claimed
        if triggers is None:
            triggers = [(m.start(), m.end(), (m.lastgroup or "")[:-2])
                        for m in ANY_TRIGGER_LOW.finditer(low, start, end)]
        for t_start, t_end, family in triggers:
            metric = metric_for(family, cat)
            if metric is None:
                continue
            distance = h.start() - t_end if t_end <= h.start() else t_start - h.end()
            if distance < 0 or distance > 40:
                continue
            if best is None or distance < best[0]:
                best = (distance, metric, owner)
    return (best[1], best[2]) if best else None
