"""People a text introduces once with an affiliation, so that later "Socheata said" speaks for the same side.

"Maly Socheata, a spokeswoman for Cambodia's defence ministry, said ..." and "Cambodian defence
ministry spokeswoman Maly Socheata said ..." both tie the name to a party; the registry then answers
for the full name, and for the surname alone, wherever the text names the person again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import Lexicon
from .places import PlaceMatch, find_places

# A person's name: two to four capitalised words, with the particles names carry ("al-", "bin", "de").
_NAME = re.compile(
    r"\b(?P<name>[A-Z][a-zà-ÿ’'\-]+(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|abu|abd)[\s\-])?[A-Z][a-zà-ÿ’'\-]+){1,3})"
)
# Words that say the name is a person who speaks for a body: the role nouns of an apposition.
_ROLE = re.compile(
    r"\b(?:spokes(?:man|woman|person)|spokes\w*|minister|ministry|official|commander|governor|general|colonel"
    r"|lieutenant|major|captain|brigadier|chief|head|director|secretary|envoy|ambassador|adviser|advisor|aide"
    r"|deputy|leader|president|prime|premier|mayor|researcher|analyst|coordinator|representative|officer"
    r"|administrator|commissioner|police|army|military|forces|sheriff|chairman|chairwoman|member|founder|doctor"
    r"|surgeon|emir|mullah|monitor|rapporteur|investigator|witness)\b",
    re.IGNORECASE,
)
# Capitalised words that open sentences or name no one.
_NOT_NAMES = frozenset({
    "The", "A", "An", "In", "On", "At", "By", "For", "Of", "And", "But", "He", "She", "It", "They", "We", "This",
    "That",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "According", "Meanwhile", "However",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Mr", "Ms", "Mrs", "Dr", "Gen", "Col", "Maj", "Lt", "Capt", "Brig",
})
_TITLES = re.compile(r"^(?:Mr|Ms|Mrs|Dr|Gen|Col|Maj|Lt|Capt|Brig|General|Colonel|Major|Captain|Lieutenant)\.?\s+")
_AFTER_WINDOW = 90
_BEFORE_WINDOW = 70


def _clean(name: str) -> str:
    return _TITLES.sub("", name).strip()


def people(text: str, lex: Lexicon) -> dict[str, str]:
    """Name (and surname) -> party for every person `text` introduces next to a party and a role word."""
    found: dict[str, str] = {}
    mentions = lex.find(text)
    starts = [m.start for m in mentions]
    for m in _NAME.finditer(text):
        name = _clean(m.group("name"))
        words = name.split()
        if len(words) < 2 or words[0] in _NOT_NAMES or any(w in _NOT_NAMES for w in words[1:]):
            continue
        if any(x.start <= m.start() < x.end for x in mentions[_first_at(starts, m.start() - 60):]):
            continue  # the name is itself a lexicon entry ("Zabihullah Mujahid")
        if find_places(name):
            continue  # "Khyber Pakhtunkhwa", "North Waziristan": a place, not a person
        party = _affiliation_after(text, m.end(), lex) or _affiliation_before(text, m.start(), lex)
        if party is None:
            continue
        found.setdefault(name, party)
        if len(words[-1]) > 3:
            found.setdefault(words[-1], party)
    return found


def _first_at(starts: list[int], pos: int) -> int:
    for i, s in enumerate(starts):
        if s >= pos:
            return i
    return len(starts)


def _affiliation_after(text: str, end: int, lex: Lexicon) -> str | None:
    """'NAME, a spokeswoman for Cambodia's defence ministry,': the party of the apposition after a name."""
    if not text.startswith(",", end) and not text.startswith(" (", end):
        return None
    window = text[end + 1:end + _AFTER_WINDOW]
    stop = re.search(r"[,;.)]|\s(?:said|says|told|added)\b", window)
    clause = window[:stop.start()] if stop else window
    if not _ROLE.search(clause):
        return None
    found = lex.find(clause)
    return found[0].party if found else _state_of_place(clause, lex)


def _affiliation_before(text: str, start: int, lex: Lexicon) -> str | None:
    """'Cambodian defence ministry spokeswoman NAME': the party of the title before a name."""
    window = text[max(0, start - _BEFORE_WINDOW):start]
    cut = max(window.rfind(","), window.rfind("."), window.rfind(";"), window.rfind("\n"), window.rfind("“"))
    clause = window[cut + 1:]
    words = clause.split()
    if not words or not _ROLE.fullmatch(re.sub(r"['’]s$", "", words[-1])):
        return None
    found = lex.find(clause)
    return found[-1].party if found else _state_of_place(clause, lex)


def _state_of_place(clause: str, lex: Lexicon) -> str | None:
    """The state of a place named in a title ("Balochistan government spokesperson"), else None."""
    for place in find_places(clause):
        if lex.is_party(place.country):
            return place.country
    return None


def named_in(segment: str, registry: dict[str, str]) -> tuple[str, str] | None:
    """(party, name) of a registered person that `segment` names, longest name first; else None."""
    if not registry:
        return None
    for m in _NAME.finditer(segment):
        name = _clean(m.group("name"))
        if name in registry:
            return registry[name], name
    for word in re.findall(r"\b[A-Z][a-zà-ÿ’'\-]{3,}\b", segment):
        if word in registry:
            return registry[word], word
    return None


_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9\-/]{1,9})\)")


_NAME_WORD = re.compile(r"[A-Za-z][\w'’]*")
_SMALL = frozenset({"the", "of", "for", "and", "in", "on", "to"})
_INDEPENDENT_NAME = re.compile(
    r"\b(?:Rights|Monitoring|Monitor|Commission|Observatory|Institute|Centre|Center|Project|Network|Mission|Council"
    r"|Foundation|Watch|Committee|Office|Programme|Program|Agency|Organi[sz]ation|Association|Doctors|Lawyers)\b"
)
_FIRST_WORD = re.compile(r"(?!(?:the|of|for|and|in)\b)[A-Za-z]", re.I)


def defined_names(text: str, lex: Lexicon) -> dict[str, tuple[str, str]]:
    """Short names a text defines for a party it has just named: "the Arakan Army (AA)" -> {"AA": ...}."""
    found: dict[str, tuple[str, str]] = {}
    for m in lex.find(text):
        if m.kind in ("person", "capital"):
            continue
        after = _ACRONYM_AFTER.match(text, m.end)
        if after is None:
            continue
        acr = after.group("acr")
        first = _FIRST_WORD.search(m.surface)
        if first is None or first.group()[0].upper() != acr[0].upper():
            # "the UN Human Rights Monitoring Mission in Ukraine (HRMMU)": a longer name than the party's, an
            # independent body where its words say so.
            words = [w for w in _NAME_WORD.findall(text, max(0, m.end - 160), m.end) if w.lower() not in _SMALL]
            name = " ".join(words[-len(acr):])
            initials = "".join(w[0] for w in words[-len(acr):]).upper()
            if acr not in found and initials == acr.upper() and _INDEPENDENT_NAME.search(name):
                found[acr] = ("third_party", "third_party")
            continue
        if acr not in found and not lex.find(acr):
            found[acr] = (m.party, m.kind)
    for a in _ACRONYM.finditer(text) if "(" in text else ():
        # "The People's Anti-Fascist Front (PAFF)": an armed group the lexicon does not know, named by the text.
        # (Read back from each acronym: a search for the name at every capital letter is slow.)
        g = _GROUP_NAME_BEFORE.search(text, max(0, a.start() - 120), a.start())
        if g is None:
            continue
        name, acr = g.group("name"), a.group("acr")
        words = [w for w in _NAME_WORD.findall(name) if w.lower() not in _SMALL]
        initials = "".join(w[0] for w in words).upper()
        if acr in found or name in found or lex.find(name) or lex.find(acr) or _INDEPENDENT_NAME.search(name):
            continue
        if initials != acr.upper() and initials[-len(acr):] != acr.upper():
            continue
        party = (acr.lower(), "alias")
        found[acr] = party
        found[name] = party
    return found


# A capitalised name ending in an armed group's noun, with its acronym: "the People's Anti-Fascist Front (PAFF)".
_GROUP_NAME_BEFORE = re.compile(
    r"(?P<name>(?:[A-Z][\w’'\-]*\s+(?:(?:of|for|and|the|al|el)\s+)?){0,6}(?:Front|Army|Movement|Brigades?|Militia"
    r"|Alliance|Mujahideen|Battalions?|Resistance|Coalition|Liberation\s+[A-Z]\w+|Tigers|Rebels|Guerrillas))\s*$"
)
_ACRONYM = re.compile(r"\s*\((?P<acr>[A-Z][A-Z\-]{1,7})\)")


# The state's forces named without the state: "government forces", "the junta", "the army".
_GOVERNMENT_NOUNS = (
    "government forces", "Government forces", "government troops", "Government troops", "government soldiers",
    "pro-government forces", "government-affiliated factions", "government-affiliated forces", "regime forces",
    "junta forces", "junta troops", "junta soldiers", "the junta", "The junta", "the army", "The army",
    "the military", "The military", "the armed forces", "The armed forces", "security forces", "Security forces",
    "troops", "Troops", "soldiers", "Soldiers",
)


def government_names(
    text: str, lex: Lexicon, places: Sequence[PlaceMatch] | None = None
) -> dict[str, tuple[str, str]]:
    """In a text where one state fights armed groups, the words for its forces name that state.

    "The army said ... killed 40 members of government-affiliated factions": with Sudan the only state
    and the RSF the only other side, the army and the government forces are Sudan's. A text that names
    two states (Russia and Ukraine) or no armed group leaves these words to the readers that need a name.
    """
    states: set[str] = set()
    groups = False
    for m in lex.find(text):
        party = lex.parties.get(m.party)
        if party is None or m.kind in ("person",):
            continue
        if party.kind == "state" and m.kind in ("state", "alias") and m.can_act:  # not "Chinese-backed"
            states.add(m.party)
        elif party.kind == "group":
            groups = True
    if len(states) != 1 or not groups:
        return {}
    (state,) = states
    counts: dict[str, int] = {}
    for place in find_places(text) if places is None else places:  # (the text's places, where already found)
        if lex.is_party(place.country):
            counts[place.country] = counts.get(place.country, 0) + 1
    if counts and state not in counts and max(counts.values()) >= 2:
        # "Kyaukphyu ... China's Yunnan Province": a story set in another country whose state it never names
        # does not lend its army to the one state it mentions in passing.
        return {}
    return {noun: (state, "alias") for noun in _GOVERNMENT_NOUNS}
