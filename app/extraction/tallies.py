"""Tally tables: lines that give a label and then its figure, under a line that says what they count.

    The total combat losses of the enemy ... amounted to:
    personnel - about 1,214,360 (+1,030) persons;
    tanks - 11,642 (+3);

Such a line has no verb of its own: it says what it counts through the line above it. Each line is read
as the sentence it stands for ("The total combat losses of the enemy amounted to about 1,214,360 personnel
and 1,030 personnel"), and the claims keep the line itself as their evidence. The change in brackets is
the last period's figure, a claim of its own.

A list may also stand in one sentence after its intro: "The details of the terrorists killed are as
follows: 47 in Sagaing Region, 29 in Magway Region and 20 in Bago Region." It is read as "47 terrorists
were killed in Sagaing Region, 29 in Magway Region and 20 in Bago Region", the sentence as its evidence.
"""

from __future__ import annotations

import re

from .sentences import Layout

# "tanks - 11,642 (+3);", "• aircraft: 434 (+0)", "Killed – 12": a label, a dash or colon, a figure.
_LINE = re.compile(
    r"\s*(?:[•●▪◦*]\s*|[\-–—]\s+)?(?P<label>[A-Za-z][A-Za-z ()/'’\-]{1,60}?)\s*(?:\s[\-–—]|:)\s*"
    r"(?P<qual>(?:about|approximately|around|some|over|more\s+than|up\s+to|at\s+least)\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s*(?:\(\s*\+\s*(?P<delta>\d{1,3}(?:,\d{3})+|\d+)\s*\))?"
    r"\s*(?P<unit>[a-z]+)?\s*[;.,]?\s*",
    re.IGNORECASE,
)
_INTRO_END = re.compile(r"[:：]\s*$")
# "from 24.02.22 to 06.11.26", "as of 6 November": when, which the line's reading does not need.
_PERIOD = re.compile(
    r"\s*\b(?:from|since|between|as\s+of|on|for|over)\s+[^.;:]*?\d[^;:]*?(?=\s+(?:amounted|are|were|is|was|stand|stood"
    r"|include[sd]?|totall?ed|reached|approximately|roughly)\b|$)",
    re.IGNORECASE,
)
# "are estimated as follows", "were as follows", "include": the intro's verb, read as "amounted to".
_AS_FOLLOWS = re.compile(
    r"\s+(?:(?:are|is|were|was|stand|stood|have\s+been|has\s+been)\s+)?(?:(?:estimated|approximately|roughly|put|given"
    r"|listed|recorded|reported)\s+)?(?:as\s+follows|at|include[sd]?)$",
    re.IGNORECASE,
)
_ALL_WORDS = re.compile(r"[A-Za-z ()/'’\-]+")


def tally_lines(text: str, lay: Layout) -> dict[int, str]:
    """{sentence index: the sentence it stands for} for each line of a tally table under an intro line."""
    out: dict[int, str] = {}
    sentences = lay.sentences
    i = 0
    while i < len(sentences):
        intro = sentences[i]
        if not _INTRO_END.search(text, intro.start, intro.end) or intro.headline:
            i += 1
            continue
        lead = _PERIOD.sub("", text[intro.start:intro.end].rstrip().rstrip(":：").rstrip())
        lead = _AS_FOLLOWS.sub(" amounted to", lead)
        j = i + 1
        rows: dict[int, str] = {}
        while j < len(sentences) and sentences[j].story == intro.story:
            row = _row(text[sentences[j].start:sentences[j].end])
            if row is None:
                break
            rows[j] = f"{lead} {row}."
            j += 1
        if len(rows) >= 2:
            out.update(rows)
        i = max(j, i + 1)
    return out


def _row(line: str) -> str | None:
    """The figures of one tally line as a noun phrase ("about 11,642 tanks and 3 tanks"), else None."""
    m = _LINE.fullmatch(line)
    if m is None:
        return None
    label = " ".join(m.group("label").split())
    if not _ALL_WORDS.fullmatch(label) or label.lower() in ("total", "date", "source"):
        return None
    qual = m.group("qual") or ""
    phrase = f"{qual}{m.group('num')} {label}"
    delta = m.group("delta")
    if delta and delta.replace(",", "") != "0":
        phrase += f" and {delta} {label}"
    return phrase


# "The details of (the) Indian posts destroyed are as follows: four posts in Neelum valley sector, ...".
_INLINE = re.compile(
    r"\b(?:details|breakdown|list|numbers?|tally)\s+of\s+(?:the\s+)?(?P<np>[A-Za-z][\w\-’' ]{1,50}?)\s+"
    r"(?P<verb>killed|martyred|destroyed|wounded|injured|captured|arrested|seized|downed|shot\s+down|neutrali[sz]ed"
    r"|eliminated|attacked|targeted)\s+(?:is|are|was|were)\s+(?:as\s+follows|the\s+following)\s*[:：]\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|[A-Za-z]+)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_PREPOSITION = re.compile(r"(?:in|at|on|near|over|across|along|from|inside)\b", re.IGNORECASE)
_HEAD_WORD = re.compile(r"[A-Za-z][\w\-]*")


def inline_lists(text: str, lay: Layout) -> dict[int, str]:
    """{sentence index: the sentence it stands for} for each sentence that lists its figures after "as follows:"."""
    out: dict[int, str] = {}
    for i, sent in enumerate(lay.sentences):
        s = text[sent.start:sent.end]
        if ":" not in s or "follow" not in s:
            continue
        m = _INLINE.search(s)
        if m is None:
            continue
        rest, verb = m.group("rest"), m.group("verb")
        if _PREPOSITION.match(rest):
            # "47 in Sagaing Region": the first figure takes the intro's noun ("terrorists") and its verb.
            out[i] = f"{m.group('num')} {m.group('np')} were {verb} {rest}"
        else:
            # "four posts in Neelum valley sector": its own noun, then the intro's verb.
            head = _HEAD_WORD.match(rest)
            if head is None:
                continue
            out[i] = f"{m.group('num')} {head.group()} were {verb} {rest[head.end():].lstrip()}"
    return out
