"""Figures in a list share what the read one counts: "killed 20 soldiers and three civilians", "19 of the dead
were in Kunar, 15 in Paktika", "5 tanks (11,584 in total), 9 armoured vehicles".

`metrics.find_figures` reads each figure's own words first, then hands the sentence's figures here.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .figure import CLAUSE_CUT, Figure, metric_for
from .patterns import lowered
from .vocab import SELF_METRICS

# Between two figures of one list ("killed 20 soldiers and three civilians").
_LIST_JOIN = re.compile(
    # "5 tanks (11,584 in total), 9 armoured vehicles": a bracket after an item, or the rest of one.
    r"(?:[^()\d]{0,30}\)|\s*\([^()]{1,40}\))?"
    # "30,120 field artillery guns and mortars and 43,910 vehicles": a second noun without a figure of its own.
    r"(?:\s+and\s+(?:other\s+)?(?![\d,]+\b)[a-z][\w\-]*(?:\s+[a-z][\w\-]*){0,2}(?=\s*,|\s+and\b))?"
    # "15 members of government forces, nine SDF fighters and three civilians": whose they are, after the noun.
    r"(?:\s+(?:of|from)\s+(?:the\s+)?(?![\d,]+\b)[a-z][\w\-’']*(?:\s+[a-z][\w\-’']*){0,5}(?=\s*,|\s+and\s))?"
    r"(?:\s*,\s*including\s+[^,;]{1,40})?"
    r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|while\s+)?|and\s+|as\s+well\s+as\s+|plus\s+)$",
    re.I,
)
_GAPPED = re.compile(r"\s+(?:in|at|on|near|from)\s+[^,;.\d]{1,40}?,?\s+and\s+", re.I)
_GAPPED_AFTER = re.compile(r"\s+(?:in|at|on|near|from)\b", re.I)
_BREAKDOWN = re.compile(
    r"[^;]{0,90}?(?:,?\s*(?:among\s+them|among\s+whom|of\s+whom|of\s+them|including|includ(?:es|ed)|among\s+which"
    r"|with)\s+|:\s*|\s[—–]\s*)$", re.I
)
_COMPARED = re.compile(r"[^.;]{0,40}?\b(?:compared\s+(?:with|to)|against|versus|vs\.?)\s+$", re.I)
# The readers run these twins over the lower-cased sentence (patterns.lowered).
_LIST_JOIN_LOW = lowered(_LIST_JOIN)
_TOTAL_OPEN_LOW = lowered(r"\s*\(\s*(?:(?:in\s+)?total(?:ling)?\s*:?\s*|up\s+to\s+|overall\s*:?\s*|\+\s*)?")
_TOTAL_CLOSE_LOW = lowered(r"(?:\s+(?:in\s+total|total|overall|so\s+far|since\s+[^()]{1,40}))?\s*\)")
# Parts of a tally, each with its place: "19 over the Bryansk Region, 14 over the Kursk Region and one over the sea".
_PLACED_JOIN_LOW = lowered(
    r"\s+(?:over|in|on|at|near|across|from|along|inside|off|opposite)\s+[^,;:\d]{1,60}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)"
)
# "19 of the dead were in Kunar, 15 in Paktika": a place after the figure's verb, then the next figure and its place.
_VERB_PLACED_JOIN_LOW = lowered(
    r"(?:\s+(?:were|was|had\s+been|have\s+been|occurred|took\s+place|died|recorded|reported)){1,2}"
    r"\s+(?:over|in|on|at|near|across|from|along|inside|off|opposite)\s+[^,;:\d]{1,60}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)"
)
_PLACE_FIRST_JOIN_LOW = lowered(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:in|on|at|near|across|from|along|inside)\s+[^,;:\d]{1,50}?\s*,?\s*"
)
_PLACED_AFTER_LOW = lowered(r"\s+(?:over|in|on|at|near|across|from|along|inside|off|opposite)\s")
_BREAKDOWN_LOW = lowered(_BREAKDOWN)
_GAPPED_LOW = lowered(_GAPPED)
_GAPPED_AFTER_LOW = lowered(_GAPPED_AFTER)
_COMPARED_LOW = lowered(_COMPARED)
_GAPPED_SUBJECT_LOW = lowered(
    r"(?:\s+(?:in|on|at|near|over|across|along)\s+[^,;:\d]{1,60}?)?(?:\s*,\s*(?:and\s+|while\s+)?|\s+and\s+)the\s+"
    r"(?!(?:[\w\-’']+\s+){0,3}?(?:said|says|told|added|reported)\b)(?:[\w\-’']+\s+){1,3}"
)
_CONDITION_LOW = lowered(r"\s+in\s+(?:a\s+)?(?:very\s+)?(?:critical|serious|stable|grave|satisfactory|good|poor)\b")
_COMMA_ONLY_LOW = lowered(r"\s*[,:]\s*")
_OF_THEM_LOW = lowered(r"\s+of\s+(?:them|whom)\b")


def continue_lists(low: str, figures: list[Figure]) -> None:
    """Figures listed after (or before) a read one share its verb: "killed 20 soldiers and three civilians"."""
    for prev, cur in pairwise(figures):
        if (
            cur.metric is None and prev.metric is not None
            and _TOTAL_OPEN_LOW.fullmatch(low, prev.np_end, cur.q.start) and _TOTAL_CLOSE_LOW.match(low, cur.np_end)
        ):
            # "destroyed 5 tanks (11,584 in total)": the running total of the same thing, in brackets.
            _same_noun(cur, prev)
            _borrow(cur, prev, prev.metric, prev.side)
            continue
        if cur.metric is None and prev.metric in SELF_METRICS and (
            (cur.head == "others" and _LIST_JOIN_LOW.fullmatch(low, prev.np_end, cur.q.start))
            or _COMPARED_LOW.fullmatch(low, prev.np_end, cur.q.start)
        ):
            # "14 reconnaissance sorties in August, compared with five in July"; "and five more".
            _borrow(cur, prev, prev.metric, prev.side, trigger=False)
        elif cur.metric is None and prev.metric is not None and (
            _BREAKDOWN_LOW.fullmatch(low, prev.np_end, cur.q.start)
            or (_OF_THEM_LOW.match(low, cur.q.end)
                and (cur.head not in ("others", "none")
                     # "destroyed 93 drones over Russian regions, 41 of them over Bryansk Oblast": a part by place
                     or (cur.head == "others" and _PLACED_AFTER_LOW.match(low, cur.np_end) is not None
                         and not _CONDITION_LOW.match(low, cur.np_end)))  # ("two of them in critical condition")
                and cur.q.start - prev.np_end < 60
                and not CLAUSE_CUT.search(low, prev.np_end, cur.q.start))
        ):
            # ("killed 163 people in January, 92 of them security personnel": an apposition that splits them.)
            # "41 drones, including 20 over Kursk": a part of the figure before, counted like it.
            _same_noun(cur, prev)
            cur.part = True
            _borrow(cur, prev, metric_for(prev.family or "", cur.head) if prev.family else prev.metric, "left")
        elif (
            cur.metric is None and prev.metric is not None and cur.head == "none" and not prev.part
            and _COMMA_ONLY_LOW.fullmatch(low, prev.np_end, cur.q.start) and _PLACED_AFTER_LOW.match(low, cur.np_end)
            and not _CONDITION_LOW.match(low, cur.np_end)
        ):
            # "carried out four airstrikes, three in Barmal district and one in Gurbuz": the parts by place.
            cur.part = True
            _same_noun(cur, prev)
            _borrow(cur, prev, prev.metric, prev.side)
        elif (
            cur.metric is None and prev.metric is not None and prev.side == "left" and prev.family
            and (_LIST_JOIN_LOW.fullmatch(low, prev.np_end, cur.q.start)
                 or (prev.part and _PLACED_JOIN_LOW.fullmatch(low, prev.np_end, cur.q.start)))
        ):
            cur.part = prev.part  # "19 over the Bryansk Region, 14 over the Kursk Region": the parts go on
            _same_noun(cur, prev)
            _borrow(cur, prev, metric_for(prev.family, cur.head), "left")
        elif (
            cur.metric is None and prev.metric is not None and prev.side == "head" and cur.head == "none"
            and _PLACED_AFTER_LOW.match(low, prev.np_end)
            and _PLACED_JOIN_LOW.fullmatch(low, prev.np_end, cur.q.start)
        ):
            # "71 civilian deaths in Donetsk, 44 in Kharkiv": the noun that says what is counted, by place.
            _same_noun(cur, prev)
            _borrow(cur, prev, prev.metric, "head")
        elif (
            cur.metric is None and prev.metric is not None and prev.side == "right" and prev.trig_end >= 0
            and cur.head in ("none", prev.head)
            and _PLACED_JOIN_LOW.fullmatch(low, max(prev.trig_end, prev.np_end), cur.q.start)
            and (prev.part or _PLACED_AFTER_LOW.match(low, prev.trig_end))
        ):
            # "22 drones were destroyed over the Bryansk Region, 17 over the Kursk Region": a tally by place.
            cur.part = True
            _same_noun(cur, prev)
            _borrow(cur, prev, prev.metric, "right")
        elif (
            cur.metric is None and prev.metric is not None and prev.side == "right" and prev.trig_end >= 0
            and cur.head in ("none", prev.head)
            and _GAPPED_LOW.fullmatch(low, prev.trig_end, cur.q.start)
            and _GAPPED_AFTER_LOW.match(low, cur.np_end)
        ):
            # "611 died in Khyber Pakhtunkhwa and 302 in Balochistan": the verb is left out the second time.
            _borrow(cur, prev, prev.metric, "right")
        elif (
            cur.metric is None and prev.metric is not None and cur.head in ("none", prev.head)
            and _VERB_PLACED_JOIN_LOW.fullmatch(low, max(prev.trig_end, prev.np_end), cur.q.start)
            and _PLACED_AFTER_LOW.match(low, cur.np_end)
        ):
            # "276 of those killed were in Khyber Pakhtunkhwa, 51 in Balochistan": parts by place after the verb.
            cur.part = True
            _same_noun(cur, prev)
            _borrow(cur, prev, prev.metric, prev.side)
        elif (
            cur.metric is None and prev.metric is not None and prev.side == "left" and prev.family
            and cur.head == "none" and _GAPPED_SUBJECT_LOW.fullmatch(low, prev.np_end, cur.q.start)
        ):
            # "the Sever battlegroup eliminated up to 1,350 servicemen, the Zapad battlegroup up to 1,620": the verb
            # is left out after each new subject.
            _same_noun(cur, prev)
            cur.owner = cur.owner or prev.owner
            _borrow(cur, prev, prev.metric, "left")
    for cur, nxt in reversed(list(pairwise(figures))):
        if (
            cur.metric is None and nxt.metric is not None and nxt.side == "right" and nxt.family
            and (_LIST_JOIN_LOW.fullmatch(low, cur.np_end, nxt.q.start)
                 or (cur.head == nxt.head and cur.head not in ("none", "others")
                     and _PLACE_FIRST_JOIN_LOW.fullmatch(low, cur.np_end, nxt.q.start)))
        ):
            # "In Kunar 7 posts, in Nangarhar 5 posts and in Khost 3 posts of the enemy were destroyed".
            _borrow(cur, nxt, metric_for(nxt.family, cur.head), "right")


def _same_noun(fig: Figure, src: Figure) -> None:
    """A figure with no noun of its own in a list counts the noun of the figure it follows ("and 11 over Belgorod",
    "41 of them over Bryansk")."""
    if fig.head in ("none", "others") and src.head not in ("none", "others", "times"):
        fig.head, fig.head_text = src.head, src.head_text


def _borrow(fig: Figure, src: Figure, metric: str | None, side: str, *, trigger: bool = True) -> None:
    """`fig` reads as `src` does (its verb's family, and with `trigger` its trigger span), counting `metric`."""
    if metric is None:
        return
    fig.metric, fig.family, fig.side = metric, src.family, side
    if trigger:
        fig.trig_start, fig.trig_end = src.trig_start, src.trig_end
