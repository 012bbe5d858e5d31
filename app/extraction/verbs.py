"""What happened to a figure's noun: the verb (or the adjective) that says so, and the metric it makes.

"killed 58 soldiers" (a verb before), "58 soldiers were killed" (after), "27 dead soldiers" (the noun's own
adjective), "taking 112 prisoners", "the 58 soldiers the Taliban says it killed". `metrics.find_figures` finds
each figure and its noun phrase, then asks `read_verb` for its trigger and metric.
"""

from __future__ import annotations

import re

from .figure import CLAUSE_CUT, THING_HEADS, Figure, metric_for
from .numbers import HAS_NUMBER_RE
from .patterns import lowered
from .vocab import (
    AIRSPACE_RE,
    CEASEFIRE_RE,
    FIRE_RE,
    HEAD_LOW,
    HEAD_METRIC,
    HEADS,
    LEFT,
    LEFT_LOW,
    NOT_OBJECT_LOW,
    PERSON_HEADS,
    RIGHT,
    RIGHT_LOW,
    SELF_METRICS,
)

# "13 people had been killed, among them eight civilians and five soldiers": a breakdown of the figure before.
# ("12 injured after two soldiers died" is another figure's dying: no figure may stand between.)
_DIED_LATER = re.compile(
    r"(?:(?!\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)[^,;.]){0,80}?\b(?:died|succumbed"
    r"|passed\s+away)\b", re.I
)

_PERSON_AFTER = re.compile(
    r"\s+(?:(?!(?:when|as|after|before|while|during|in|on|at|by|and|or|near|the|a|an|of|to|from|with|were|was)\b)"
    r"[\w\-]+\s+)?(" + "|".join(f"(?P<{k}>{HEADS[k]})" for k in ("civilian", "militant", "combatant")) + r")\b",
    re.I,
)

# Verbs that take no object: "12 soldiers died" needs no auxiliary to be read as passive.
_INTRANSITIVE = re.compile(
    r"^(?:dead|died|perished|martyred|lost|embraced|laid|sustained|suffered|received|casualties|hurt|fell)", re.I
)

_PERSON_AFTER_LOW = lowered(_PERSON_AFTER)

_DIED_LATER_LOW = lowered(_DIED_LATER)

_INTRANSITIVE_LOW = lowered(_INTRANSITIVE)

# "25,041 tanks and other armoured vehicles", "30 Afghan Taliban fighters and their khawarij accomplices".
_AND_OTHER_LOW = lowered(
    r"\s+(?:and|or)\s+(?:other|similar|their|its|allied)\s+(?:[\w\-]+\s+){0,3}?[\w\-]+s\b"
)

_PARTICIPLE_AFTER_LOW = lowered(
    r",?\s+(?:(?:sitting|standing|travell?ing|riding|fitted|laden|loaded|armed|packed|carrying|equipped|stationed"
    r"|deployed|posted|guarding|manning|working|living|sheltering|waiting|returning|escorting|patrolling|flying"
    r"|heading|headed|approaching)\b"
    # ("three Pakistani posts from which the firing originated were destroyed": a relative clause of place.)
    r"|(?:from|in|at|on)\s+which\b)"
    r"[^,;.\d]{0,50}?,?(?=\s+(?:were|was|had|have|has|are|is)\s)"
)

_PLACES_HEAD_LOW = lowered(r"places|locations|points")

_AT_IN_BEFORE_LOW = lowered(r"\b(?:at|in|on)\s+$")

_STRIKE_VERB_LOW = lowered(r"\b(?:air|drone)\s*(?:strikes?|raids?)\b|\bbomb(?:ed|ing|ings)?\b")

_LOST_DEAD_LOW = lowered(r"soldiers?|officers?|fighters?|peacekeepers?|policem[ae]n|police\s+officers?|commanders?")

# The names after a figure, up to the verb: ", Lance Naik X (age 29 years, resident of District Mardan) and Sepoy Y, ".
_NAMES_THEN_LOW = lowered(
    r"\s*,\s*(?:[^;.()]|\([^()]{0,80}\)){5,260}?,\s*(?:having\s+[^,;.]{1,40},\s*)?"
    r"(?=(?:embrac|martyr|were|was|had|have|died|laid|sacrific|paid|fell|lost|succumb)\w*\s)"
)

_NAMED = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+")

_TAKEN_BEFORE_LOW = lowered(r"\b(?:took|taken|taking|takes?|captured|capturing)\s+(?:away\s+)?(?:another\s+)?$")

_PRISONER_LOW = lowered(r"prisoners?(?:\s+of\s+war)?|pows|captives")

_AS_PRISONER_LOW = lowered(r"\s+(?:as\s+)?(?:prisoners?|captives?|hostages?|alive)\b|\s+into\s+(?:custody|captivity)\b")

# "27 dead soldiers", "16 injured people": an adjective in the noun phrase that says what happened.
_STATE_BEFORE_HEAD_LOW = lowered(r"\s*(?:[\w\-]+\s+)?(?:(?P<dead>dead|slain|killed)|wounded|injured)\s+(?=[\w\-])")

_FIRING = re.compile(r"fir|shell", re.I)

def _clause_start(s: str, pos: int) -> int:
    """Where the clause holding `pos` begins (after a "that", a semicolon or a colon)."""
    cut = 0
    for m in CLAUSE_CUT.finditer(s[:pos]):
        cut = m.end()
    return cut

def _left_trigger(low: str, end: int, triggers: list[int] | None) -> re.Match[str] | None:
    """The trigger that ends right before offset `end` ("killed" in "killed 58") in lower-cased `low`, else None."""
    if triggers is None:
        return LEFT_LOW.search(low, max(0, end - 160), end)
    found = None
    for t in reversed(triggers):
        if t >= end:
            continue
        if t < end - 160:
            break
        m = LEFT_LOW.match(low, t, end)
        if found is not None:
            # "killed or wounded 300": the longer verb phrase that counts casualties, not its last word.
            return m if m is not None and m.lastgroup == "casualty" else found
        if m is not None:
            if m.lastgroup != "wound":
                return m
            found = m
    return found

_RELATIVE_CLAIM_LOW = lowered(
    r"\s+(?:that\s+|whom\s+)?(?:[\w’'\-]+\s+){1,5}?(?P<speech>says?|said|claims?|claimed|insists?|insisted"
    r"|admits?|admitted|acknowledges?|acknowledged)\s+(?:it|they|he|she|we)\s+(?:had\s+|has\s+|have\s+)?"
    r"(?:(?P<kill>killed|martyred|eliminated|neutrali[sz]ed)|(?P<lose>lost)|(?P<wound>wounded|injured)"
    r"|(?P<capture>captured|seized|detained|arrested))\b"
)

def read_verb(s: str, low: str, fig: Figure, triggers: list[int] | None = None) -> None:
    """Find what happened to the figure's noun (its trigger and metric); `low` is `s` lower-cased."""
    q = fig.q
    if fig.head == "bodies":
        # Bodies counted by a hospital or a morgue: the dead, civilians unless the phrase names a side.
        fig.metric, fig.family, fig.side = "killed", "kill", "head"
        fig.head = "combatant" if fig.owner else "civilian"
        return
    if fig.head in SELF_METRICS:
        fig.metric, fig.side = HEAD_METRIC.get(fig.head, fig.head), "head"
        if fig.head == "casualties" and fig.singular:
            fig.metric = None
        return
    if fig.head == "times":
        start = _clause_start(s, q.start)
        if _PLACES_HEAD_LOW.fullmatch(fig.head_text.lower()):
            # "violated the ceasefire at four places", "carried out drone strikes in 4 places": only after "at"/"in".
            if not _AT_IN_BEFORE_LOW.search(low, max(0, q.start - 5), q.start):
                return
            strike = _STRIKE_VERB_LOW.search(low, start, q.start)
            if strike is not None and not FIRE_RE.search(s, start, q.start):
                fig.metric, fig.side, fig.family = "airstrikes", "times", "attack"
                fig.trig_start, fig.trig_end = strike.start(), strike.end()
                return
        verbs = list(FIRE_RE.finditer(s, start, q.start))
        if verbs and not fig.singular:
            clause = s[start:fig.np_end]
            if AIRSPACE_RE.search(clause):
                fig.metric = "airspace_violations"
            elif CEASEFIRE_RE.search(clause) or _FIRING.search(verbs[-1].group()):
                fig.metric = "cross_border_fire"
            fig.side, fig.family = "times", "fire"
            fig.trig_start, fig.trig_end = verbs[-1].start(), verbs[-1].end()
        return
    left = _left_trigger(low, q.start, triggers)
    after = RIGHT_LOW.match(low, fig.np_end)
    if after is None and (other := _AND_OTHER_LOW.match(low, fig.np_end)) is not None:
        after = RIGHT_LOW.match(low, other.end())  # "25,041 tanks and other armoured vehicles have been destroyed"
    if after is None and (doing := _PARTICIPLE_AFTER_LOW.match(low, fig.np_end)) is not None:
        # "Two policemen sitting in the van were among those killed", "two quadcopters fitted with explosives were
        # shot down": a participle's phrase between the noun and its verb.
        after = RIGHT_LOW.match(low, doing.end())
    if (
        left is not None
        and after is not None
        and after.lastgroup in ("kill", "wound")
        and (HAS_NUMBER_RE.search(low, left.start(), q.start)
             # "8 soldiers killed in action and 13 wounded": a verb reached past an object is the first figure's
             or (left.lastgroup in ("kill", "wound") and " and " in low[left.end(left.lastgroup):q.start]))
    ):
        left = None  # "the toll rose to 14 dead and 30 injured": the verb before is the first figure's
    if left is not None and left.lastgroup and fig.head in ("none", "others") and left.lastgroup in ("destroy", "down",
                                                                                                "capture"):
        _infer_thing(s, low, fig, left.start())
    if left is not None and fig.head == "none":
        # "the number of people killed ... has risen to 20": the noun is in the trigger.
        inner = [h for h in HEAD_LOW.finditer(low, left.start(), left.end()) if h.lastgroup in PERSON_HEADS]
        if inner and inner[0].lastgroup:
            fig.head, fig.head_text = inner[0].lastgroup, s[inner[0].start():inner[0].end()]
    if left is not None and left.lastgroup == "casualty_put" and after is not None and after.lastgroup not in (
        None, "aux", "casualty"
    ):
        left = None  # "put the losses at more than 200 fighters killed": the verb after says what
    if left is not None and left.lastgroup:
        metric = metric_for(left.lastgroup, fig.head)
        if metric == "killed" and after is not None and after.lastgroup == "casualty":
            metric = "casualties"  # "lost 970 troops killed and wounded"
        if metric == "casualties" and left.lastgroup == "lose" and _LOST_DEAD_LOW.fullmatch(fig.head_text.lower()):
            # "had lost 11 officers", "the loss of six soldiers": the dead (a tally's "lost 230 servicemen" counts
            # the killed and wounded together).
            metric = "killed"
        # "an attack on a post" tells a story, it does not count posts.
        if metric is not None and not (fig.singular and left.lastgroup in ("lose", "attack")):
            fig.metric, fig.family, fig.side = metric, left.lastgroup, "left"
            fig.trig_start, fig.trig_end = left.start(), left.end()
            return
    right = after  # the same words after the noun: read once
    if right is not None and right.lastgroup and right.lastgroup != "aux":
        family = right.lastgroup
        if fig.head in ("none", "others") and family in ("destroy", "down", "capture"):
            _infer_thing(s, low, fig, fig.q.start)
        verb = right.group(family)
        passive = bool(right.group("aux").strip()) or bool(_INTRANSITIVE_LOW.match(verb))
        if family == "wound" and not passive and _DIED_LATER_LOW.match(low, right.end()):
            family = "kill"  # "two passengers wounded in Wednesday's attack died overnight"
        if fig.head == "none" and family in ("wound", "kill") and not right.group("aux").strip() and (
            person := _PERSON_AFTER_LOW.match(low, right.end())
        ):
            # "seven bodies and three wounded people": the verb is an adjective of the noun after it.
            fig.head = next(k for k in ("civilian", "militant", "combatant") if person.group(k))
            fig.head_text, fig.np_end = s[person.start(1):person.end()], person.end()
            passive = True
        if passive or NOT_OBJECT_LOW.match(low, right.end()):
            metric = metric_for(family, fig.head)
            if metric is not None:
                fig.metric, fig.family, fig.side = metric, family, "right"
                fig.trig_start, fig.trig_end = right.start(family), right.end(family)
                return
    if fig.head in PERSON_HEADS and (adj := _STATE_BEFORE_HEAD_LOW.match(low, fig.q.end, fig.np_end)):
        # "the BLA's claim of 27 dead soldiers": the noun's own adjective says what happened to it.
        fig.metric = "killed" if adj.group("dead") else "wounded"
        fig.family, fig.side = ("kill" if adj.group("dead") else "wound"), "head"
        return
    if fig.head in PERSON_HEADS and _TAKEN_BEFORE_LOW.search(low, max(0, q.start - 24), q.start) and (
        _PRISONER_LOW.fullmatch(fig.head_text.lower()) or _AS_PRISONER_LOW.match(low, fig.np_end)
    ):
        # "taking 112 prisoners", "had taken 35 army soldiers prisoner", "taken four soldiers alive".
        fig.metric, fig.family, fig.side = "captured", "capture", "left"
        return
    if fig.head in PERSON_HEADS and (names := _NAMES_THEN_LOW.match(low, fig.np_end)) is not None and _NAMED.search(
        s, names.start(), names.end()
    ) and (after := RIGHT_LOW.match(low, names.end() - 1)) is not None and after.lastgroup in ("kill", "wound"):
        # "two brave sons of soil, Lance Naik Muhammad Idrees (age: 29 years) and Sepoy Asad Ullah (age: 24 years),
        # having fought gallantly, embraced shahadat": the men named between the figure and its verb.
        family = after.lastgroup
        fig.metric, fig.family, fig.side = metric_for(family, fig.head), family, "right"
        fig.trig_start, fig.trig_end = after.start(family), after.end(family)
        return
    rel = _RELATIVE_CLAIM_LOW.match(low, fig.np_end) if fig.head in PERSON_HEADS else None
    if rel is not None:
        # "the 58 soldiers (that) the Taliban says it killed": the noun is the object of the verb in
        # a clause that also names who says so. Read like "killed 58 soldiers", its actor being "it".
        family = rel.lastgroup or ""
        metric = metric_for(family, fig.head)
        if metric is not None:
            fig.metric, fig.family, fig.side = metric, family, "left"
            fig.trig_start, fig.trig_end = rel.start(family), rel.end(family)
            fig.speech_end = rel.end("speech")

def _infer_thing(s: str, low: str, fig: Figure, before: int) -> None:
    """ "Afghan drones: 7 downed": a figure without a noun counts the thing named just before it."""
    best = None
    for h in HEAD_LOW.finditer(low, max(0, before - 200), before):
        if h.lastgroup in THING_HEADS:
            best = h
    if best is not None and best.lastgroup:
        fig.head, fig.head_text = best.lastgroup, s[best.start():best.end()]

# Any trigger, anywhere: for denials, which name what they deny without a figure.
ANY_TRIGGER_RE = re.compile(
    "|".join(f"(?P<{k}_l>\\b(?:{v})\\b)" for k, v in LEFT.items())
    + "|"
    + "|".join(f"(?P<{k}_r>\\b(?:{v})\\b)" for k, v in RIGHT.items()),
    re.IGNORECASE,
)

ANY_TRIGGER_LOW = lowered(ANY_TRIGGER_RE)
