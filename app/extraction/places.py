"""Gazetteer: place names in news text mapped to first-level areas (ISO 3166-2) of their country.

All knowledge lives in two data files of one schema: data/places.json (Afghanistan and Pakistan:
names, spellings, districts, towns, crossings, coordinates) and data/world_places.json (the areas
and main towns of the other countries of the world's conflicts: Ukraine, Russia, Sudan, DR Congo,
Myanmar...). An area's country is the state id that data/demonyms.json gives its ISO alpha-2 code.
At import both are compiled into ONE regular expression: the names are laid out as a trie (shared
prefixes factored out), so at each position of the text the engine follows a single path instead
of trying thousands of alternatives, and a longer name always wins over a name it starts with
("Khyber Pakhtunkhwa" over "Khyber", "North Kivu" over nothing, "Jammu and Kashmir" over "Jammu").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["PlaceMatch", "Province", "find_places", "location", "other_side", "province", "provinces"]

DATA_DIR = Path(__file__).with_name("data")
DATA_FILE = DATA_DIR / "places.json"  # Afghanistan and Pakistan
WORLD_FILE = DATA_DIR / "world_places.json"  # the other countries
DATA_FILES: tuple[Path, ...] = (DATA_FILE, WORLD_FILE)
DEMONYMS_FILE = DATA_DIR / "demonyms.json"
KINDS: tuple[str, ...] = ("province", "district", "town", "crossing", "region")


def _countries(path: Path) -> dict[str, str]:
    """Return the state id for each ISO alpha-2 code: {"AF": "afghanistan", "CD": "dr_congo", ...}."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {v["iso"]: k for k, v in data.items() if isinstance(v, dict) and "iso" in v}


_COUNTRIES = _countries(DEMONYMS_FILE)


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """One place name found in a text; `text[start:end] == surface`."""

    start: int
    end: int
    surface: str
    province: str  # English short form of the first-level area: "Kunar", "Khyber Pakhtunkhwa", "North Kivu"
    country: str  # state id of demonyms.json: "afghanistan", "pakistan", "ukraine", "dr_congo"...
    kind: str  # "province" | "district" | "town" | "crossing" | "region"


@dataclass(frozen=True, slots=True)
class Province:
    """A first-level area (ISO 3166-2) of a country with a point for a map bubble."""

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
    area: bool = False  # a name of the first-level area itself ("Donetsk", "Kabul"), not of a place in it


# Inside a name a space and a hyphen are interchangeable, and line breaks happen.
_SEP = r"(?:[^\S\n]*[-\u2010\u2011\u2013][^\S\n]*|\s+)"
_SEP_RUN = re.compile(r"\s*[-\u2010\u2011\u2013]\s*|\s+")
_APOS_CHARS = "'\u2019\u02bc\u2018"
_APOS = f"[{_APOS_CHARS}]"
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
# Words after an area's own name that say the area, not its capital, is meant ("Kharkiv region",
# "Kursk oblast", "Kano State", "Khartoum state"); after other names they say nothing. "Tehran state
# media" is the capital's.
_AREA_AFTER = re.compile(
    r"[^\S\n]+(?:regions?|oblasts?|governorates?|states?|county|counties|departments?|divisions?|krai)(?!\w)"
    r"(?!\s+of\b)(?![-\s]+(?:media|television|tv|radio|news|broadcaster|agency|run|owned|controlled)\b)",
    re.IGNORECASE,
)
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
        # Every first atom is a single character, so "\w." looks at the character before the name. An
        # apostrophe class is spelt out as one literal per apostrophe: the engine's skip of positions
        # that start no name only works when every alternative starts with a literal.
        parts: list[str] = []
        for atom, child in sorted(self.children.items()):
            firsts = [re.escape(ch) for ch in _APOS_CHARS] if atom == _APOS else [atom]
            parts.extend(first + r"(?<!\w.)" + child.pattern() for first in firsts)
        return "(?:" + "|".join(parts) + ")"


def _caps_variant(name: str) -> str | None:
    """Return the ALL-CAPS form of a name worth matching in headlines, or None."""
    letters = sum(ch.isalpha() for ch in name)
    upper = name.upper()
    return upper if letters >= _MIN_CAPS_LETTERS and upper != name else None


def _load(
    paths: tuple[Path, ...],
) -> tuple[tuple[Province, ...], dict[str, Province], dict[str, _Entry], re.Pattern[str]]:
    """Return the provinces, the province lookup, the name table and the compiled matcher.

    All files go into one trie. Province names are unique across the files; a name given to two
    places is an error, except that a block phrase of one file gives way to a real name of another
    (places.json blocks "Sistan-Baluchestan", which world_places.json names as Iran's province).
    """
    files: list[dict[str, Any]] = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    all_provinces: list[Province] = []
    by_name: dict[str, Province] = {}
    fallback_names: dict[str, Province] = {}  # pycountry names and ISO codes, unless a name or alias
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

    def name_province(name: str, prov: Province) -> None:
        key = _key(name).casefold()
        if by_name.get(key, prov) != prov:
            raise ValueError(f"gazetteer name {name!r} is given to two provinces")
        by_name[key] = prov

    text_names: list[tuple[str, _Entry]] = []
    for data in files:
        for raw in data["provinces"]:
            prov = Province(
                name=raw["name"],
                country=_COUNTRIES[raw["iso"].split("-")[0]],
                iso_code=raw["iso"],
                lat=float(raw["lat"]),
                lon=float(raw["lon"]),
            )
            if any(p.name == prov.name for p in all_provinces):
                raise ValueError(f"two provinces are named {prov.name!r}")
            all_provinces.append(prov)
            for name in (raw["name"], *raw["aliases"]):
                name_province(name, prov)
            for name in (raw["pycountry_name"], raw["iso"]):
                fallback_names.setdefault(_key(name).casefold(), prov)
            capital_names = set(raw.get("capital_names", ()))
            bare = (raw["name"],) if raw.get("name_in_text", True) else ()
            for name in (*bare, *raw["aliases"]):
                kind = "town" if name in capital_names else "province"
                needs = tuple(raw.get("needs_next", ())) if name == raw["name"] else ()
                text_names.append((name, _Entry(prov, kind, prov.lat, prov.lon, None, needs, area=True)))
    for key, prov in fallback_names.items():
        by_name.setdefault(key, prov)

    def lookup(name: str) -> Province:
        found = by_name.get(_key(name).casefold())
        if found is None:
            raise ValueError(f"gazetteer names an unknown province: {name!r}")
        return found

    for data in files:
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
            text_names.extend((name, entry) for name in (raw["name"], *raw["aliases"]))
    for name, entry in text_names:
        add_name(name, entry)

    block = _Entry(None, "", None, None, None, ())
    for data in files:
        for raw in data["blocks"]:
            if _key(raw["text"]) not in entries:  # a real name of another file wins over a block
                add_name(raw["text"], block)

    # Names never start inside a word: "Paktia" is not found in "XPaktia".
    matcher = re.compile(trie.root_pattern())
    return tuple(all_provinces), by_name, entries, matcher


_PROVINCES, _BY_NAME, _ENTRIES, _MATCHER = _load(DATA_FILES)


def _entry(surface: str) -> _Entry:
    """Return the gazetteer entry for a matched surface."""
    entry = _ENTRIES.get(surface)
    return entry if entry is not None else _ENTRIES[_key(surface)]


def _kind(text: str, start: int, end: int, entry: _Entry) -> str:
    """Return the kind a neighbouring word gives the name at text[start:end], else the entry's own."""
    default = entry.kind
    if default not in _REFINABLE:
        return default
    if entry.area and _AREA_AFTER.match(text, end) is not None:
        return "province"
    after = _KIND_AFTER.match(text, end)
    if after is not None:
        return _KIND_WORDS[after.group(1).lower()]
    before = _KIND_BEFORE.search(text, max(0, start - 20), start)
    if before is not None:
        return _KIND_WORDS[before.group(1).lower()]
    return default


# A title and a given name before a name: the name is a person's ("nurse Faadumo Cali").
_TITLED_NAME = re.compile(
    r"\b(?:nurse|doctor|dr\.?|mr\.?|mrs\.?|ms\.?|spokes(?:man|woman|person)|colonel|col\.|general|gen\.|major"
    r"|maj\.|captain|capt\.|lieutenant|lt\.|sergeant|sgt\.|brigadier|brig\.|elder|journalist|correspondent|analyst"
    r"|professor|prof\.|resident|farmer|teacher|medic|surgeon|sepoy|naik|havildar|constable|inspector)\s+"
    r"[A-Z][\w'’\-]+\s+$"
)


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
        if text[text.rfind(" ", max(0, m_start - 30), m_start - 1) + 1:m_start][:1].isupper() and _TITLED_NAME.search(
            text, max(0, m_start - 60), m_start
        ):
            continue  # "nurse Faadumo Cali", "Colonel Ahmed Lahore": a person's surname, not a town
        found.append(
            PlaceMatch(
                start=m_start,
                end=m_end,
                surface=m.group(),
                province=entry.province.name,
                country=entry.province.country,
                kind=_kind(text, m_start, m_end, entry),
            )
        )
    return found


def provinces() -> tuple[Province, ...]:
    """Return all first-level areas: Afghanistan's, Pakistan's, then the world file's, country by country."""
    return _PROVINCES


# A trailing word that names the kind of area: "Donetsk region", "Kano State", "Kunar province".
_AREA_WORD = re.compile(
    r"\s+(?:province|region|oblast|governorate|state|county|department|division|krai)$", re.IGNORECASE
)


def province(name: str) -> Province | None:
    """Return the province for a name, alias, pycountry name or ISO code (any case), or None.

    A trailing area word is dropped where the whole does not name a province ("Kursk oblast").
    """
    key = _key(name).casefold()
    found = _BY_NAME.get(key)
    if found is None:
        bare = _AREA_WORD.sub("", key)
        found = _BY_NAME.get(bare) if bare != key else None
    return found


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
