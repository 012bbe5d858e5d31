"""Figures in a sentence and what they count: "killed 58 Pakistani soldiers" is 58, killed, soldiers."""

from __future__ import annotations

import re

from .figure import Figure, metric_for
from .lexicon import Lexicon
from .lists import continue_lists
from .numbers import HAS_NUMBER_RE, QUALIFIER_WORDS, Quantity, find_quantities
from .patterns import at_word_starts, fold, lowered
from .verbs import ANY_TRIGGER_LOW, read_verb
from .vocab import (
    AIRSPACE_RE,
    BARE_LOW,
    FIRE_RE,
    HEAD_LOW,
    HEADS,
    NP_LOW,
    NP_OTHERS_LOW,
    PERSON_HEADS,
    RIGHT_LOW,
    SELF_METRICS,
)

ACTION_METRICS = frozenset({"airstrikes", "airspace_violations", "air_patrols", "cross_border_fire"})
_QUALIFIER_BEFORE = re.compile(r"\b(?P<q>at\s+least|more\s+than|over|nearly|about|around|up\s+to|some)\s+$", re.I)
# Numbers that natural disasters, not a party, put forward.
DISASTER_RE = re.compile(
    r"\b(?:earthquakes?|quakes?|aftershocks?|tremors?|floods?|flooding|flash\s+floods|landslides?|avalanches?"
    r"|rain[\s\-]related|heavy\s+rains?"
    r"|cyclones?|storms?|heat\s*waves?|monsoon|downpours?|snowfall|epidemic|outbreak|cholera|road\s+accident"
    r"|traffic\s+accident|bus\s+crash|plane\s+crash|stampede)\b",
    re.I,
)
_SINGULAR_RE = re.compile(
    r"\b(?P<det>an?|another|a\s+single|one\s+more)\s+(?=(?:[\w'’\-]+\s+){0,4}?(?:vehicle|truck|pickup|launcher"
    r"|howitzer|armou?red\s+personnel\s+carrier|soldier|trooper|guard|officer|policeman"
    r"|civilian|child|woman|militant|terrorist|commander|fighter|sepoy|jawan|cadet|drone|quadcopter|helicopter|jet"
    r"|aircraft|post|outpost|checkpost|checkpoint|tank|serviceman|man|person|resident|boy|girl|porter|villager|worker"
    r"|driver|student|teacher|shopkeeper|farmer|vendor|passenger|journalist|constable|reservist|ranger|gendarme"
    r"|militiaman|conscript|rafale|mirage|f-16|su-\d\d"
    r"|mig-\d\d|mq-9|reaper|shahed|bayraktar|apache|warplane|fighter\s+jet|uav)\b)",
    re.IGNORECASE,
)
_BARE_SINGULAR = re.compile(
    r"\b(?P<verb>shoots?\s+down|shot\s+down|downs|downed|captures?|captured|seizes?|seized|destroys?|destroyed)\s"
    r"(?=(?:[\w'’\-]+\s+){0,2}?(?:drone|quadcopter|helicopter|jet|aircraft|post|outpost|checkpost|tank)\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# Plain "strikes" count air strikes where the sentence names aircraft.
AIR_CONTEXT = re.compile(
    r"\b(?:jets?|aircraft|warplanes?|planes?|drones?|air\s+force|aerial|helicopters?|fighter)\b", re.I
)
# "twice", "three times": a count of times without a figure.
_TIMES_WORDS = re.compile(r"\b(?P<w>once|twice|thrice)\b", re.I)
_TIMES_VALUE = {"once": 1, "twice": 2, "thrice": 3}
# "three civilians, among them a nine-year-old girl": one of those already counted.
_AMONG_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+$", re.I)
# "Of the dead, 14 were civilians": the figure's noun comes after "were".
_OF_THE = re.compile(
    r"\b(?:of|among)\s+(?:the|those|these)\s+(?P<what>dead|killed|victims|fatalities|wounded|injured)\b", re.I
)
_WERE_HEAD = re.compile(r"\s+(?:were|was)\s+(?P<mods>(?:[\w\-]+\s+){0,2}?)(?P<head>" +
                        "|".join(f"(?:{HEADS[k]})" for k in ("civilian", "combatant", "militant")) + r")\b", re.I)
_ORDINAL_VALUE = {
    w: i for i, w in enumerate(
        ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
         "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"),
        start=2,
    )
}
_ORDINAL_LOW = lowered(
    r"\bthe\s+(?P<n>\d{1,4}(?:st|nd|rd|th)|" + "|".join(_ORDINAL_VALUE) + r")\s+(?=(?:such\s+)?[\w\-]+)"
)
_AND_HEAD = re.compile(
    r"\s+and\s+(?:[\w\-]+\s+){0,2}?(?:" + "|".join(f"(?:{HEADS[k]})" for k in ("militant", "combatant")) + r")\b", re.I
)
_SINGULAR_HEADS = frozenset({"combatant", "civilian", "militant", "drone", "aircraft", "post", "vehicle"})
# "of their soldiers": as written (lower-case words only), so "Its" opening a title does not count.
_OWN_OF = re.compile(r"\b(?:its|their|our)\b")
# ("while their two quadcopters were shot down", after the Afghan Taliban: "their" is the last side named, only "our"
# and "its own" are the speaker's.)
_OWN_BEFORE = re.compile(r"\b(?:our\s+(?:own\s+)?|(?:its|their)\s+own\s+)$", re.I)

_QUALIFIER_BEFORE_LOW = lowered(_QUALIFIER_BEFORE)
DISASTER_PADDED = at_word_starts(lowered(DISASTER_RE))  # run over padded lower-cased text
_SINGULAR_LOW = lowered(_SINGULAR_RE)
_BARE_SINGULAR_LOW = lowered(_BARE_SINGULAR)
AIR_CONTEXT_LOW = lowered(AIR_CONTEXT)
_TIMES_WORDS_LOW = lowered(_TIMES_WORDS)
_COUNTED_EVENTS = frozenset({"cross_border_fire", "airspace_violations"})
_TIME_AFTER_LOW = lowered(r"\s*(?:time|occasion)\b")
_CLAUSE_END_LOW = lowered(r"[;:.]|\bbut\b|\bwhile\b")
_RANK = (
    r"(?:Lance\s+(?:Naik|Havildar)|Naik|Sepoy|Havildar|Subedar(?:\s+Major)?|Sowar|Captain|Capt\.|Major|Lieutenant"
    r"(?:\s+Colonel)?|Lt\.?(?:\s+Col\.?)?|Colonel|Col\.|Sergeant|Sgt\.|Corporal|Cpl\.|Constable|Head\s+Constable"
    r"|(?:Assistant\s+)?Sub[\s\-]Inspector|Inspector|(?:[Pp]olice\s+)?constable)"
)
_NAMES = r"(?:\s+[A-Z][\w'’\-]+){1,4}(?:\s*\([^()]{0,90}\))?"
_RANKED = re.compile(rf"\b{_RANK}{_NAMES}")
_AND_RANKED = re.compile(rf"\s*(?:,|,?\s+and)\s+{_RANK}{_NAMES}")
_RANK_TAIL = re.compile(r"\s*,\s*(?:having\s+[^,;.]{1,50}|aged?\s+\d+|\d+)\s*,")
_NOT_MILITARY_LOW = lowered(r"\b(?:tanker|fuel|passenger|civilian|commercial|private|cargo|goods|food|aid|water)\b")
# "between 11 p.m. on Monday and 7 a.m.": a time of day, not a figure.
_CLOCK_AFTER_LOW = lowered(r"(?:[.:]\d\d)?\s*(?:a\.?m\b\.?|p\.?m\b\.?|hrs\b|gmt\b|utc\b|o[’']clock\b)")
# "October 12": a day of the month, not a figure.
_MONTH_BEFORE_LOW = lowered(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
    r"|september|october|november|december)\.?\s+$"
)
_AGED_BEFORE_LOW = lowered(r"\b(?:aged|ages?(?:\s+of)?)\s+(?:between\s+)?(?:[\w\-]+\s*(?:,|and|to|-)\s*)*$")
_AMONG_BEFORE_LOW = lowered(_AMONG_BEFORE)
_OF_THE_LOW = lowered(_OF_THE)
_ANOTHER_VERB_LOW = lowered(r"\b(?:and|while)\s+(?P<det>another|one\s+other)\s+(?=(?:was\s+)?(?:injured|wounded)\b)")
_PARTITIVE_METRIC = {"wounded": "wounded", "injured": "wounded", "casualties": "casualties"}
_METRIC_FAMILY = {"killed": "kill", "wounded": "wound", "casualties": "casualty"}
_PARTITIVE_LOW = lowered(
    r"\s+of\s+(?:the|those|these)\s+(?:(?P<civ>civilian)\s+)?"
    r"(?P<what>dead|killed|deaths|victims|fatalities|wounded|injured|casualties)\b"
    # (only a part that the text places: "three of the wounded died overnight" adds no figure)
    r"(?=(?:\s+(?:were|was|had\s+been|have\s+been|occurred|took\s+place|recorded|reported)){1,2}"
    r"\s+(?:in|at|on|near|across|along|inside|opposite)\s(?!(?:a\s+)?(?:critical|serious|stable|grave)\b)"
    # ("14 of those killed were children": the part is of a kind of people)
    r"|\s+(?:were|was)\s+(?:[\w\-]+\s+){0,2}?(?:"
    + "|".join(f"(?:{HEADS[k]})" for k in ("civilian", "combatant", "militant")) + r")\b)"
)
_WERE_HEAD_LOW = lowered(_WERE_HEAD)
_AND_HEAD_LOW = lowered(_AND_HEAD)
_OWN_BEFORE_LOW = lowered(_OWN_BEFORE)
# ("14 Cambodian drone incursions into Thai airspace": the drone was a modifier too.)
_HEAD_AFTER_LOW = lowered(
    r"\s+(?:" + "|".join(f"(?P<{k}>{HEADS[k]})" for k in ("combatant", "civilian", "airspace_violations")) + r")\b"
)
# "Sepoy Arif Khan, 24, and ...": an age after a name.
_NAME_COMMA_BEFORE = re.compile(r"\b[A-Z][a-z'’\-]+,\s*$")


def has_figure_words(sentence: str) -> bool:
    """True where a sentence may hold a figure (digits, number words, "a soldier")."""
    return bool(HAS_NUMBER_RE.search(sentence) or _TIMES_WORDS.search(sentence) or _SINGULAR_RE.search(sentence))


def _noun_phrase(
    s: str, low: str, q: Quantity, lex: Lexicon
) -> tuple[str, str, int, int, str | None, bool] | None:
    """(category, head, np start, np end, owner party, own side) of the noun after a figure; None if uncountable.

    `low` is `s` lower-cased (same offsets).
    """
    m = NP_LOW.match(low, q.end) or NP_OTHERS_LOW.match(low, q.end)
    if m is not None and m.group("ownonly"):
        return "others", "", m.start(), m.end(), None, True  # "nine of their own"
    if m is not None:
        head_start, head_end = m.span("head")
        np_end = m.end()
        if (more := _HEAD_AFTER_LOW.match(low, np_end)) is not None:
            # "Two Levies personnel", "three FC men": the first head was a modifier of the second.
            head_start, head_end = more.start(more.lastgroup or 0), more.end()
            np_end = more.end()
        head_text = s[head_start:head_end]
        hm = HEAD_LOW.fullmatch(low[head_start:head_end])
        cat = hm.lastgroup if hm and hm.lastgroup else "others"
        owner = None
        # "violations of Afghan airspace": a name inside the noun itself is not whose count it is.
        owner_end = head_start + (len(head_text) if cat not in SELF_METRICS else 0)
        for mention in lex.find(s, m.start(), owner_end):
            if mention.can_act:
                owner = mention.party
                break
            if mention.kind == "third_party" and cat == "combatant":
                cat = "civilian"  # "six UN personnel", "MSF staff": an independent body's people are civilians
        of_start, of_end = m.span("of")
        own = (of_start >= 0 and bool(_OWN_OF.search(s[of_start:of_end]))) or " own " in m.group()
        if not own and _OWN_BEFORE_LOW.search(low[max(0, q.start - 12):q.start]):
            own = True
        return cat, head_text, m.start(), np_end, owner, own
    # "killed 30 Taliban", "200 Taliban and affiliated khwarij": a party's name stands for its men.
    after = lex.find(s, q.end, min(len(s), q.end + 40))
    if after and after[0].can_act and not s[q.end:after[0].start].strip():
        mention = after[0]
        more = _AND_HEAD_LOW.match(low, mention.end)
        if more is not None:
            return "party", mention.surface, q.end, more.end(), mention.party, False
        tail = BARE_LOW.match(low, mention.end)
        if tail is not None:
            return "party", mention.surface, q.end, mention.end, mention.party, False
    if BARE_LOW.match(low, q.end) is not None:
        if _YEAR.match(q.text):
            return None  # "in 2021"
        return "none", "", q.end, q.end, None, False
    return None


def find_figures(
    s: str, lex: Lexicon, *, numbers: list[int] | None = None, triggers: list[int] | None = None,
    singular: bool = True, low: str | None = None,
) -> list[Figure]:
    """The figures of sentence `s` that count something a metric knows, each with its trigger.

    `numbers` and `triggers` are where the text scans saw figures and trigger words (offsets
    in `s`); without them the whole sentence is read. `low` is `s` lower-cased, where the
    caller has it already.
    """
    if low is None:
        low = fold(s)
    found = [(q, False) for q in find_quantities(s, near=numbers, low=low)
             if not _AGED_BEFORE_LOW.search(low, max(0, q.start - 24), q.start)
             and not (_NAME_COMMA_BEFORE.search(s, max(0, q.start - 30), q.start) and s[q.end:q.end + 1] in ",)"
                      and q.value is not None and q.value < 110)
             and not _MONTH_BEFORE_LOW.search(low, max(0, q.start - 12), q.start)
             and not _CLOCK_AFTER_LOW.match(low, q.end)]
    for m in _TIMES_WORDS_LOW.finditer(low) if "ice" in s or "once" in s else ():
        qual = _QUALIFIER_BEFORE_LOW.search(low, max(0, m.start() - 12), m.start())
        start = qual.start() if qual else m.start()
        qualifier = QUALIFIER_WORDS.get(" ".join(qual.group("q").lower().split()), "exact") if qual else "exact"
        found.append((Quantity(start, m.end(), _TIMES_VALUE[m.group("w")], None, qualifier, s[start:m.end()]), False))
    # "the death of a soldier", "a drone was shot down": one, though no figure is written.
    if singular:
        found += [(Quantity(m.start(), m.end("det"), 1, None, "exact", s[m.start("det"):m.end("det")]), True)
                  for m in _SINGULAR_LOW.finditer(low)
                  if not _AMONG_BEFORE_LOW.search(low, max(0, m.start() - 14), m.start())]
        # "An Indian Army soldier was killed and another injured": one more, its noun left out.
        found += [(Quantity(m.start("det"), m.end("det"), 1, None, "exact", s[m.start("det"):m.end("det")]), False)
                  for m in _ANOTHER_VERB_LOW.finditer(low)]
        # Headline English drops the article: "Afghan forces shoot down Pakistani drone".
        found += [(Quantity(m.end("verb"), m.end("verb"), 1, None, "exact", ""), True)
                  for m in _BARE_SINGULAR_LOW.finditer(low)]
    ordinals = []
    if "th " in low or "nd " in low or "rd " in low or "st " in low:
        # "the fourth Indian quadcopter downed this year", "the 26th MQ-9 the group has brought down": a running count.
        for m in _ORDINAL_LOW.finditer(low):
            word = m.group("n")
            value = int(word[:-2]) if word[0].isdigit() else _ORDINAL_VALUE[word]
            ordinals.append(Quantity(m.start("n"), m.end("n"), value, None, "exact", s[m.start("n"):m.end("n")]))
        found += [(q, True) for q in ordinals]
    found.sort(key=lambda item: item[0].start)
    read_singular = singular
    figures: list[Figure] = []
    for q, singular in found:
        if q in ordinals and (time := _TIME_AFTER_LOW.match(low, q.end)) is not None:
            # "the third time this week that Afghan forces had fired across the border": a running count of firing.
            if (fire := FIRE_RE.search(s, time.end())) is not None and not _CLAUSE_END_LOW.search(low, time.end(),
                                                                                                  fire.start()):
                fig = Figure(q, q.end, time.end(), "times", s[time.start():time.end()], None, False)
                fig.metric = "airspace_violations" if AIRSPACE_RE.search(s, fire.start()) else "cross_border_fire"
                fig.side, fig.family, fig.trig_start, fig.trig_end = "times", "fire", fire.start(), fire.end()
                figures.append(fig)
            continue
        if _TIMES_WORDS_LOW.search(q.text.lower()):
            np: tuple[str, str, int, int, str | None, bool] | None = ("times", q.text, q.end, q.end, None, False)
        else:
            np = _noun_phrase(s, low, q, lex)
        if np is None:
            continue
        cat, head_text, np_start, np_end, owner, own = np
        if cat == "vehicle" and _NOT_MILITARY_LOW.search(low, q.end, np_end):
            continue  # "set fire to 40 tanker trucks", "a passenger van": no military vehicle
        if cat == "strikes":
            if not AIR_CONTEXT_LOW.search(low):
                continue
            cat = "airstrikes"
        if cat == "none" and (were := _WERE_HEAD_LOW.match(low, q.end)) and (of := _OF_THE_LOW.search(low, 0, q.start)):
            # "Of the dead, 14 were civilians".
            figures.append(_part_of_the_dead(s, low, lex, Figure(q, np_start, np_end, "none", "", None, own,
                                                                 singular=singular), of.group("what"), were))
            continue
        if cat == "none" and (part := _PARTITIVE_LOW.match(low, q.end)):
            # "276 of those killed were in Khyber Pakhtunkhwa", "14 of those killed were children": a part of the dead.
            head = "civilian" if part.group("civ") else "none"
            fig = Figure(q, np_start, part.end(), head, "", None, False, part=True)
            were = _WERE_HEAD_LOW.match(low, part.end())
            figures.append(_part_of_the_dead(s, low, lex, fig, part.group("what"), were))
            continue
        if singular and cat not in _SINGULAR_HEADS and not (q in ordinals and cat in _COUNTED_EVENTS):
            continue
        fig = Figure(q, np_start, np_end, cat, head_text, owner, own, singular=singular)
        read_verb(s, low, fig, triggers)
        if q in ordinals:
            fig.singular = False
            if fig.metric is None and (later := ANY_TRIGGER_LOW.search(low, np_end, min(len(low), np_end + 50))):
                family = (later.lastgroup or "").rsplit("_", 1)[0]
                fig.metric = metric_for(family, cat)
                fig.family, fig.side = family, "right"
                fig.trig_start, fig.trig_end = later.start(), later.end()
            if fig.metric not in ("drones_downed", "aircraft_downed", "posts_captured", "posts_destroyed",
                                  "vehicles_destroyed", "cross_border_fire", "airspace_violations"):
                continue  # "the third soldier killed" names one man; a running count is of things
        figures.append(fig)
    if read_singular:
        figures += _ranked_men(s, low, figures)
    continue_lists(low, figures)
    return [f for f in figures if f.metric is not None]


def _ranked_men(s: str, low: str, figures: list[Figure]) -> list[Figure]:
    """Men named by rank in a sentence that gives no figure for them: "Sepoy Zeeshan Ahmed (age: 26 years), having
    fought gallantly, embraced shahadat" is one soldier killed, "Naik X and Sepoy Y were martyred" two."""
    m = _RANKED.search(s)
    if m is None or _AMONG_BEFORE_LOW.search(low, max(0, m.start() - 14), m.start()) or any(
        f.metric and f.head in PERSON_HEADS and f.q.start < m.start() for f in figures
    ):
        return []  # ("two soldiers, Naik X and Sepoy Y, were martyred": the men of a figure already read)
    count, end = 1, m.end()
    while (more := _AND_RANKED.match(s, end)) is not None:
        count, end = count + 1, more.end()
    if (tail := _RANK_TAIL.match(s, end)) is not None:
        end = tail.end()
    verb = RIGHT_LOW.match(low, end)
    if verb is None or verb.lastgroup not in ("kill", "wound"):
        return []
    family = verb.lastgroup
    q = Quantity(m.start(), m.start(), count, None, "exact", "")
    fig = Figure(q, m.start(), end, "combatant", s[m.start():m.end()], None, False, singular=True)
    fig.metric, fig.family, fig.side = metric_for(family, "combatant"), family, "right"
    fig.trig_start, fig.trig_end = verb.start(family), verb.end(family)
    return [fig]


def _part_of_the_dead(
    s: str, low: str, lex: Lexicon, fig: Figure, what: str, were: re.Match[str] | None
) -> Figure:
    """`fig` as a part of the dead (or wounded) the words `what` name, of the kind `were` says ("14 were civilians")."""
    if were is not None:
        hm = HEAD_LOW.fullmatch(low, *were.span("head"))
        fig.head = hm.lastgroup if hm and hm.lastgroup else fig.head
        fig.head_text, fig.np_end = s[were.start("head"):were.end("head")], were.end()
        fig.owner = next((x.party for x in lex.find(s, were.start("mods"), were.end()) if x.can_act), None)
    fig.metric = _PARTITIVE_METRIC.get(what, "killed")
    fig.side, fig.family = "of-the", _METRIC_FAMILY[fig.metric]
    return fig


