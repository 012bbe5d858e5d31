"""Gazetteer: place names in news text mapped to first-level areas of Afghanistan and Pakistan.

All knowledge lives in data/places.json (names, spellings, districts, towns, crossings,
coordinates). At import it is compiled into ONE regular expression: the names are laid out as
a trie (shared prefixes factored out), so at each position of the text the engine follows a
single path instead of trying hundreds of alternatives, and a longer name always wins over a
name it starts with ("Khyber Pakhtunkhwa" over "Khyber").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["PlaceMatch", "Province", "find_places", "location", "other_side", "province", "provinces"]

DATA_FILE = Path(__file__).with_name("data") / "places.json"
KINDS: tuple[str, ...] = ("province", "district", "town", "crossing", "region")
_COUNTRIES = {"AF": "afghanistan", "PK": "pakistan"}


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """One place name found in a text; `text[start:end] == surface`."""

    start: int
    end: int
    surface: str
    province: str  # English short form of the first-level area: "Kunar", "Khyber Pakhtunkhwa"
    country: str  # "afghanistan" | "pakistan"
    kind: str  # "province" | "district" | "town" | "crossing" | "region"


@dataclass(frozen=True, slots=True)
class Province:
    """A first-level area (ISO 3166-2) of Afghanistan or Pakistan with a point for a map bubble."""

    name: str
    country: str
    iso_code: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class _Entry:
    """What one gazetteer name stands for; `province is None` marks a block phrase."""

    province: Province | None
    kind: str
    lat: float | None
    lon: float | None
    other_side: Province | None
    needs_next: tuple[str, ...]


# Inside a name a space and a hyphen are interchangeable, and line breaks happen.
_SEP = r"(?:[^\S\n]*[-\u2010\u2011\u2013][^\S\n]*|\s+)"
_SEP_RUN = re.compile(r"\s*[-\u2010\u2011\u2013]\s*|\s+")
_APOS = "['\u2019\u02bc\u2018]"
_APOS_RUN = re.compile(_APOS)
_NAME_TOKEN = re.compile(r"[^\s\-\u2010\u2011\u2013]+")
_END = r"(?!\w)"
# Names that are ALL CAPS in headlines; shorter ones (SWAT, TANK, GHOR) are left out as too ambiguous.
_MIN_CAPS_LETTERS = 5

# A kind word right after or before a name tells which of a province's, district's or city's
# senses is meant ("Kabul province", "Khost city", "the district of Kurram").
_KIND_WORDS = {
    "province": "province",
    "provinces": "province",
    "district": "district",
    "districts": "district",
    "agency": "district",
    "agencies": "district",
    "tehsil": "district",
    "city": "town",
    "town": "town",
}
# "the Balochistan town of Chaman": a kind word followed by "of" names the place inside, not this one.
_KIND_AFTER = re.compile(r"[^\S\n]+(" + "|".join(_KIND_WORDS) + r")(?!\w)(?!\s+of\b)", re.IGNORECASE)
_KIND_BEFORE = re.compile(r"(province|district|city|town)\s+of\s+$", re.IGNORECASE)
_REFINABLE = frozenset({"province", "district", "town"})
# Room past `end` so that a name's lookahead (needs_next) sees the real following words.
_LOOKAHEAD_MARGIN = 40


def _key(surface: str) -> str:
    """Return the surface with separators and apostrophes normalised: the gazetteer's lookup key."""
    return _APOS_RUN.sub("'", _SEP_RUN.sub(" ", surface.strip()))


def _atoms(name: str) -> list[str]:
    """Return the regex atoms of a name: one per character, one per separator run."""
    tokens = [(m.start(), m.end()) for m in _NAME_TOKEN.finditer(name)]
    atoms: list[str] = []
    for i, (start, end) in enumerate(tokens):
        if i:
            gap = name[tokens[i - 1][1] : start]
            prev, cur = name[tokens[i - 1][0] : tokens[i - 1][1]], name[start:end]
            # Between single capitals ("K-P") the separator is kept as written: "K P" is a person's initials.
            acronym = (len(prev) == 1 and prev.isupper()) or (len(cur) == 1 and cur.isupper())
            atoms.append(re.escape(gap) if acronym else _SEP)
        atoms.extend(_APOS if _APOS_RUN.fullmatch(ch) else re.escape(ch) for ch in name[start:end])
    return atoms


class _Trie:
    """Prefix tree of name atoms, rendered as one alternation with a single path per prefix."""

    __slots__ = ("children", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.terminal: str | None = None  # the regex that closes a name ending here

    def add(self, atoms: list[str], terminal: str) -> None:
        """Insert a name's atoms; `terminal` is the regex that must hold where the name ends."""
        node = self
        for atom in atoms:
            node = node.children.setdefault(atom, _Trie())
        if node.terminal is not None and node.terminal != terminal:
            raise ValueError(f"conflicting conditions for one gazetteer name: {''.join(atoms)!r}")
        node.terminal = terminal

    def pattern(self) -> str:
        """Return the regex for this subtree; longer continuations come before the name's end."""
        parts = [atom + child.pattern() for atom, child in sorted(self.children.items())]
        if self.terminal is not None:
            parts.append(self.terminal)
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    def root_pattern(self) -> str:
        """Return the regex for the whole trie, with names starting at a word start only.

        The word-start check comes after each name's first character, not before the
        alternation, so that the pattern starts with plain characters and the regex engine can
        skip positions that start no name (about 40% faster than a leading lookbehind).
        """
        # Every first atom is a single character, so "\w." looks at the character before the name.
        return "(?:" + "|".join(a + r"(?<!\w.)" + c.pattern() for a, c in sorted(self.children.items())) + ")"


def _caps_variant(name: str) -> str | None:
    """Return the ALL-CAPS form of a name worth matching in headlines, or None."""
    letters = sum(ch.isalpha() for ch in name)
    upper = name.upper()
    return upper if letters >= _MIN_CAPS_LETTERS and upper != name else None


def _load(
    path: Path,
) -> tuple[tuple[Province, ...], dict[str, Province], dict[str, _Entry], re.Pattern[str]]:
    """Return the provinces, the province lookup, the name table and the compiled matcher."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    all_provinces: list[Province] = []
    by_name: dict[str, Province] = {}
    entries: dict[str, _Entry] = {}
    trie = _Trie()

    def add_name(name: str, entry: _Entry) -> None:
        for variant in (name, _caps_variant(name)):
            if variant is None:
                continue
            key = _key(variant)
            if entries.get(key, entry) != entry:
                raise ValueError(f"gazetteer name {variant!r} is given to two places")
            entries[key] = entry
            terminal = _END
            if entry.needs_next:
                words = "|".join(re.escape(w) for w in entry.needs_next)
                terminal += rf"(?=[^\S\n]+(?:{words})(?!\w))"
            trie.add(_atoms(variant), terminal)

    for raw in data["provinces"]:
        prov = Province(
            name=raw["name"],
            country=_COUNTRIES[raw["iso"].split("-")[0]],
            iso_code=raw["iso"],
            lat=float(raw["lat"]),
            lon=float(raw["lon"]),
        )
        all_provinces.append(prov)
        capital_names = set(raw.get("capital_names", ()))
        for name in (raw["name"], raw["pycountry_name"], raw["iso"], *raw["aliases"]):
            by_name[_key(name).casefold()] = prov
        for name in (raw["name"], *raw["aliases"]):
            kind = "town" if name in capital_names else "province"
            add_name(name, _Entry(prov, kind, prov.lat, prov.lon, None, ()))

    def lookup(name: str) -> Province:
        found = by_name.get(_key(name).casefold())
        if found is None:
            raise ValueError(f"gazetteer names an unknown province: {name!r}")
        return found

    for raw in data["places"]:
        if raw["kind"] not in KINDS[1:]:
            raise ValueError(f"unknown kind {raw['kind']!r} for {raw['name']!r}")
        side = raw.get("other_side")
        entry = _Entry(
            province=lookup(raw["province"]),
            kind=raw["kind"],
            lat=raw.get("lat"),
            lon=raw.get("lon"),
            other_side=lookup(side) if side else None,
            needs_next=tuple(raw.get("needs_next", ())),
        )
        for name in (raw["name"], *raw["aliases"]):
            add_name(name, entry)

    block = _Entry(None, "", None, None, None, ())
    for raw in data["blocks"]:
        add_name(raw["text"], block)

    # Names never start inside a word: "Paktia" is not found in "XPaktia".
    matcher = re.compile(trie.root_pattern())
    return tuple(all_provinces), by_name, entries, matcher


_PROVINCES, _BY_NAME, _ENTRIES, _MATCHER = _load(DATA_FILE)


def _entry(surface: str) -> _Entry:
    """Return the gazetteer entry for a matched surface."""
    entry = _ENTRIES.get(surface)
    return entry if entry is not None else _ENTRIES[_key(surface)]


def _kind(text: str, start: int, end: int, default: str) -> str:
    """Return the kind a neighbouring word gives the name at text[start:end], else the default."""
    if default not in _REFINABLE:
        return default
    after = _KIND_AFTER.match(text, end)
    if after is not None:
        return _KIND_WORDS[after.group(1).lower()]
    before = _KIND_BEFORE.search(text, max(0, start - 20), start)
    if before is not None:
        return _KIND_WORDS[before.group(1).lower()]
    return default


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMatch]:
    """Return the place names in text[start:end], in order, non-overlapping, the longest name winning.

    Offsets are relative to the whole text. A name cut by `end` in the middle of a word is not
    reported.
    """
    stop = len(text) if end is None else min(end, len(text))
    found: list[PlaceMatch] = []
    for m in _MATCHER.finditer(text, start, min(len(text), stop + _LOOKAHEAD_MARGIN)):
        m_start, m_end = m.span()
        if m_start >= stop:
            break
        if m_end > stop:
            continue
        entry = _entry(m.group())
        if entry.province is None:  # a block phrase: the name inside it is some other place
            continue
        found.append(
            PlaceMatch(
                start=m_start,
                end=m_end,
                surface=m.group(),
                province=entry.province.name,
                country=entry.province.country,
                kind=_kind(text, m_start, m_end, entry.kind),
            )
        )
    return found


def provinces() -> tuple[Province, ...]:
    """Return all first-level areas of Afghanistan and Pakistan, Afghan ones first."""
    return _PROVINCES


def province(name: str) -> Province | None:
    """Return the province for a name, alias, pycountry name or ISO code (any case), or None."""
    return _BY_NAME.get(_key(name).casefold())


def location(match: PlaceMatch) -> tuple[float, float]:
    """Return (lat, lon) of the matched place, or of its province where the place has no point."""
    entry = _entry(match.surface)
    if entry.lat is not None and entry.lon is not None:
        return entry.lat, entry.lon
    assert entry.province is not None  # find_places never reports blocks
    return entry.province.lat, entry.province.lon


def other_side(match: PlaceMatch) -> Province | None:
    """Return the province across the border for a crossing or border town, else None."""
    return _entry(match.surface).other_side
