"""Gazetteer: names in news text map to the right first-level area, at the right offsets."""

from __future__ import annotations

import json
import math
from typing import Any

import pycountry
import pytest

from app.extraction.places import (
    DATA_FILE,
    DEMONYMS_FILE,
    KINDS,
    WORLD_FILE,
    PlaceMatch,
    Province,
    find_places,
    location,
    other_side,
    province,
    provinces,
)

DATA: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
WORLD: dict[str, Any] = json.loads(WORLD_FILE.read_text(encoding="utf-8"))
STATE_IDS = {
    v["iso"]: k for k, v in json.loads(DEMONYMS_FILE.read_text(encoding="utf-8")).items() if isinstance(v, dict)
}
# Rough bounding boxes of the two countries: catch swapped or mistyped coordinates.
BOXES = {"afghanistan": (29.3, 38.6, 60.4, 75.0), "pakistan": (23.6, 37.1, 60.8, 77.9)}
AFPK = [p for p in provinces() if p.country in BOXES]
WORLD_CODES = sorted({raw["iso"].split("-")[0] for raw in WORLD["provinces"]})


def only(text: str) -> PlaceMatch:
    """Return the single match in text, failing if there is not exactly one."""
    found = find_places(text)
    assert len(found) == 1, found
    return found[0]


def assert_offsets(text: str, found: list[PlaceMatch]) -> None:
    """Fail unless every match's offsets give its surface, in order and without overlap."""
    last_end = -1
    for m in found:
        assert text[m.start : m.end] == m.surface
        assert m.start >= last_end
        last_end = m.end


def needs_suffix(raw: dict[str, Any]) -> str:
    """Return the word a conditional name needs after it (" district" for Tank), else ""."""
    words = raw.get("needs_next", ())
    return f" {words[0]}" if words else ""


# --- provinces: pycountry, names, lookup ---------------------------------------------------


def test_provinces_are_exactly_pycountry_subdivisions_of_af_and_pk() -> None:
    expected = {s.code for c in ("AF", "PK") for s in pycountry.subdivisions.get(country_code=c)}
    assert {p.iso_code for p in AFPK} == expected
    assert len(AFPK) == 41
    assert provinces()[:41] == tuple(AFPK)  # Afghanistan's and Pakistan's come first


@pytest.mark.parametrize("raw", DATA["provinces"], ids=lambda r: r["iso"])
def test_data_records_pycountry_name_for_each_province(raw: dict[str, Any]) -> None:
    assert pycountry.subdivisions.get(code=raw["iso"]).name == raw["pycountry_name"]


@pytest.mark.parametrize(
    ("iso", "name"),
    [
        ("AF-KNR", "Kunar"),
        ("AF-PIA", "Paktia"),
        ("AF-PKA", "Paktika"),
        ("AF-NIM", "Nimruz"),
        ("AF-PAN", "Panjshir"),
        ("AF-NAN", "Nangarhar"),
        ("AF-KHO", "Khost"),
        ("AF-SAR", "Sar-e Pul"),
        ("PK-KP", "Khyber Pakhtunkhwa"),
        ("PK-BA", "Balochistan"),
        ("PK-JK", "Azad Jammu and Kashmir"),
        ("PK-GB", "Gilgit-Baltistan"),
        ("PK-IS", "Islamabad"),
    ],
)
def test_province_short_names_are_the_news_forms(iso: str, name: str) -> None:
    found = province(iso)
    assert found is not None
    assert found.name == name


@pytest.mark.parametrize("prov", provinces(), ids=lambda p: p.iso_code)
def test_every_province_resolves_by_name_case_and_code(prov: Province) -> None:
    assert province(prov.name) == prov
    assert province(prov.name.lower()) == prov
    assert province(prov.name.upper()) == prov
    assert province(prov.iso_code) == prov
    assert prov.country == STATE_IDS[prov.iso_code.split("-")[0]]


def test_province_names_are_unique() -> None:
    names = [p.name for p in provinces()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("prov", AFPK, ids=lambda p: p.iso_code)
def test_every_province_name_is_found_in_text(prov: Province) -> None:
    text = f"Clashes were reported in {prov.name} on Saturday."
    m = only(text)
    assert (m.surface, m.province, m.country) == (prov.name, prov.name, prov.country)
    assert text[m.start : m.end] == m.surface
    # The two capitals' bare names are the cities (often the governments); the rest are provinces.
    assert m.kind == ("town" if prov.name in ("Kabul", "Islamabad") else "province")


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("khyber-pakhtunkhwa", "Khyber Pakhtunkhwa"),
        ("KPK", "Khyber Pakhtunkhwa"),
        ("nwfp", "Khyber Pakhtunkhwa"),
        ("Baluchistan", "Balochistan"),
        ("paktiya", "Paktia"),
        ("Nimroz", "Nimruz"),
        ("Hilmand", "Helmand"),
        ("Paktiyā", "Paktia"),
        ("AJK", "Azad Jammu and Kashmir"),
        ("Sar-e-Pol", "Sar-e Pul"),
    ],
)
def test_province_lookup_accepts_aliases(alias: str, name: str) -> None:
    found = province(alias)
    assert found is not None
    assert found.name == name


@pytest.mark.parametrize("name", ["Kurram", "Kashmir", "Afghanistan", "Darfur", "Donbas", "Goma", "Niger Delta", ""])
def test_province_lookup_rejects_non_provinces(name: str) -> None:
    assert province(name) is None


@pytest.mark.parametrize("prov", AFPK, ids=lambda p: p.iso_code)
def test_province_centroid_lies_in_its_country(prov: Province) -> None:
    lat0, lat1, lon0, lon1 = BOXES[prov.country]
    assert lat0 <= prov.lat <= lat1
    assert lon0 <= prov.lon <= lon1


# --- every name in the data file -------------------------------------------------------------

PROVINCE_ALIASES = [(alias, raw["name"]) for raw in DATA["provinces"] for alias in raw["aliases"]]
PLACE_NAMES = [(name, raw) for raw in DATA["places"] for name in (raw["name"], *raw["aliases"])]


@pytest.mark.parametrize(("alias", "name"), PROVINCE_ALIASES, ids=[a for a, _ in PROVINCE_ALIASES])
def test_every_province_alias_is_found_in_text(alias: str, name: str) -> None:
    text = f"Officials in {alias}, speaking on Sunday, said so."
    m = only(text)
    assert (m.surface, m.province) == (alias, name)
    assert text[m.start : m.end] == alias


@pytest.mark.parametrize(("name", "raw"), PLACE_NAMES, ids=[n for n, _ in PLACE_NAMES])
def test_every_sub_place_name_is_found_in_text(name: str, raw: dict[str, Any]) -> None:
    text = f"Fighting near {name}{needs_suffix(raw)}: residents fled."
    m = only(text)
    assert (m.surface, m.province) == (name, raw["province"])
    assert text[m.start : m.end] == name
    expected_country = province(raw["province"])
    assert expected_country is not None
    assert m.country == expected_country.country


@pytest.mark.parametrize("raw", DATA["places"], ids=lambda r: r["name"])
def test_sub_place_data_is_consistent(raw: dict[str, Any]) -> None:
    assert raw["kind"] in KINDS[1:]
    prov = province(raw["province"])
    assert prov is not None and prov.name == raw["province"]  # data uses the canonical short form
    if raw.get("other_side"):
        side = province(raw["other_side"])
        assert side is not None and side.country != prov.country
    if raw["lat"] is not None:
        lat0, lat1, lon0, lon1 = BOXES[prov.country]
        assert lat0 <= raw["lat"] <= lat1 and lon0 <= raw["lon"] <= lon1
        # A place lies within a few degrees of its province's point (Balochistan is the widest).
        assert math.dist((raw["lat"], raw["lon"]), (prov.lat, prov.lon)) < 5.0


def test_gazetteer_is_big_enough() -> None:
    assert len(DATA["places"]) >= 100
    assert len(PROVINCE_ALIASES) >= 60


# --- the places named in the brief and common news phrasings ------------------------------------

SUB_PLACES = [
    # text, surface, province, kind
    ("clashes in Kurram district", "Kurram", "Khyber Pakhtunkhwa", "district"),
    ("an attack in Bajaur", "Bajaur", "Khyber Pakhtunkhwa", "district"),
    ("villages of Chitral", "Chitral", "Khyber Pakhtunkhwa", "district"),
    ("at Angoor Adda", "Angoor Adda", "Khyber Pakhtunkhwa", "crossing"),
    ("in North Waziristan", "North Waziristan", "Khyber Pakhtunkhwa", "district"),
    ("in South Waziristan district", "South Waziristan", "Khyber Pakhtunkhwa", "district"),
    ("the Khyber district", "Khyber", "Khyber Pakhtunkhwa", "district"),
    ("Mohmand tribal district", "Mohmand", "Khyber Pakhtunkhwa", "district"),
    ("Orakzai district", "Orakzai", "Khyber Pakhtunkhwa", "district"),
    ("in Bannu", "Bannu", "Khyber Pakhtunkhwa", "district"),
    ("in Lakki Marwat", "Lakki Marwat", "Khyber Pakhtunkhwa", "district"),
    ("in Tank district", "Tank", "Khyber Pakhtunkhwa", "district"),
    ("in Dera Ismail Khan", "Dera Ismail Khan", "Khyber Pakhtunkhwa", "district"),
    ("in D.I. Khan", "D.I. Khan", "Khyber Pakhtunkhwa", "district"),
    ("in DI Khan", "DI Khan", "Khyber Pakhtunkhwa", "district"),
    ("in Dera-Ismail-Khan", "Dera-Ismail-Khan", "Khyber Pakhtunkhwa", "district"),
    ("in Lower Dir", "Lower Dir", "Khyber Pakhtunkhwa", "district"),
    ("in the Swat valley", "Swat", "Khyber Pakhtunkhwa", "district"),
    ("in Peshawar", "Peshawar", "Khyber Pakhtunkhwa", "town"),
    ("the Tirah valley", "Tirah", "Khyber Pakhtunkhwa", "region"),
    ("in Miranshah", "Miranshah", "Khyber Pakhtunkhwa", "town"),
    ("in Miran Shah", "Miran Shah", "Khyber Pakhtunkhwa", "town"),
    ("in Wana", "Wana", "Khyber Pakhtunkhwa", "town"),
    ("the Ghulam Khan border crossing", "Ghulam Khan", "Khyber Pakhtunkhwa", "crossing"),
    ("the Torkham border", "Torkham", "Khyber Pakhtunkhwa", "crossing"),
    ("the former FATA", "FATA", "Khyber Pakhtunkhwa", "region"),
    ("in Chaman", "Chaman", "Balochistan", "town"),
    ("in Zhob", "Zhob", "Balochistan", "district"),
    ("in Quetta", "Quetta", "Balochistan", "town"),
    ("in Qila Abdullah", "Qila Abdullah", "Balochistan", "district"),
    ("in Killa Abdullah", "Killa Abdullah", "Balochistan", "district"),
    ("in Gwadar", "Gwadar", "Balochistan", "town"),
    ("in Turbat", "Turbat", "Balochistan", "town"),
    ("in Noshki", "Noshki", "Balochistan", "district"),
    ("in Spin Boldak", "Spin Boldak", "Kandahar", "town"),
    ("in Dand-e-Patan", "Dand-e-Patan", "Paktia", "district"),
    ("in Dand Patan district", "Dand Patan", "Paktia", "district"),
    ("in Barmal", "Barmal", "Paktika", "district"),
    ("in Urgun", "Urgun", "Paktika", "district"),
    ("in Dangam", "Dangam", "Kunar", "district"),
    ("in Asadabad", "Asadabad", "Kunar", "town"),
    ("in Jalalabad", "Jalalabad", "Nangarhar", "town"),
    ("in Achin", "Achin", "Nangarhar", "district"),
    ("in Momand Dara", "Momand Dara", "Nangarhar", "district"),
    ("in Lashkar Gah", "Lashkar Gah", "Helmand", "town"),
    ("in Lashkargah", "Lashkargah", "Helmand", "town"),
    ("in Zaranj", "Zaranj", "Nimruz", "town"),
    ("in Mazar-e-Sharif", "Mazar-e-Sharif", "Balkh", "town"),
    ("in Mazar-i-Sharif", "Mazar-i-Sharif", "Balkh", "town"),
    ("at Bagram", "Bagram", "Parwan", "town"),
    # Apostrophes: straight and curly, in names and after them.
    ("in Qal'a-i-Naw", "Qal'a-i-Naw", "Badghis", "town"),
    ("in Qal’a-i-Naw", "Qal’a-i-Naw", "Badghis", "town"),
    ("Kunar’s governor", "Kunar", "Kunar", "province"),
    ("Helmand's capital", "Helmand", "Helmand", "province"),
    # Hyphen/space and line-break variants of multi-word names.
    ("Khyber-Pakhtunkhwa police", "Khyber-Pakhtunkhwa", "Khyber Pakhtunkhwa", "province"),
    ("Khyber\nPakhtunkhwa police", "Khyber\nPakhtunkhwa", "Khyber Pakhtunkhwa", "province"),
    ("Gilgit Baltistan", "Gilgit Baltistan", "Gilgit-Baltistan", "province"),
    ("in Sar-e-Pul", "Sar-e-Pul", "Sar-e Pul", "province"),
    # Headlines in capitals.
    ("CLASHES IN KHYBER PAKHTUNKHWA", "KHYBER PAKHTUNKHWA", "Khyber Pakhtunkhwa", "province"),
    ("TALIBAN ATTACK IN KUNAR", "KUNAR", "Kunar", "province"),
    ("Islamabad-based analysts", "Islamabad", "Islamabad", "town"),
]


@pytest.mark.parametrize(("text", "surface", "prov", "kind"), SUB_PLACES, ids=[t for t, *_ in SUB_PLACES])
def test_news_phrasings_map_to_the_right_province(text: str, surface: str, prov: str, kind: str) -> None:
    m = only(text)
    assert (m.surface, m.province, m.kind) == (surface, prov, kind)
    assert text[m.start : m.end] == surface


def test_list_of_provinces_yields_each_one() -> None:
    text = "clashes took place at several points, including in Kunar and Helmand provinces."
    found = find_places(text)
    assert [(m.surface, m.province, m.kind) for m in found] == [
        ("Kunar", "Kunar", "province"),
        ("Helmand", "Helmand", "province"),
    ]
    assert_offsets(text, found)


def test_sentence_with_many_places_gives_all_in_order() -> None:
    text = (
        "Pakistani jets flew over Paktika, Helmand, Nangarhar, Khost, Kunar and Kandahar, "
        "while Khyber Pakhtunkhwa's Kurram district and Chaman in Balochistan saw shelling."
    )
    found = find_places(text)
    assert [m.province for m in found] == [
        "Paktika",
        "Helmand",
        "Nangarhar",
        "Khost",
        "Kunar",
        "Kandahar",
        "Khyber Pakhtunkhwa",
        "Khyber Pakhtunkhwa",
        "Balochistan",
        "Balochistan",
    ]
    assert_offsets(text, found)


# --- longest match, word boundaries, false friends -------------------------------------------------

LONGEST = [
    ("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "province"),
    ("Khyber Pass", "Khyber Pass", "region"),
    ("North Waziristan", "North Waziristan", "district"),
    ("Upper South Waziristan", "Upper South Waziristan", "district"),
    ("Waziristan", "Waziristan", "region"),
    ("Momand Dara", "Momand Dara", "district"),
    ("Mohmand Dara", "Mohmand Dara", "district"),
    ("Upper Dir", "Upper Dir", "district"),
    ("Islamabad Capital Territory", "Islamabad Capital Territory", "province"),
    ("Azad Jammu and Kashmir", "Azad Jammu and Kashmir", "province"),
    ("Maidan Wardak", "Maidan Wardak", "province"),
]


@pytest.mark.parametrize(("text", "surface", "kind"), LONGEST, ids=[t for t, *_ in LONGEST])
def test_longest_name_wins(text: str, surface: str, kind: str) -> None:
    m = only(f"in {text} today")
    assert (m.surface, m.kind) == (surface, kind)


def test_momand_dara_is_nangarhar_not_mohmand() -> None:
    assert only("in Mohmand Dara district").province == "Nangarhar"
    assert only("in Mohmand district").province == "Khyber Pakhtunkhwa"


NO_PLACE = [
    "XKunar",
    "Kunarx",
    "Paktiax",
    "Pakistani and Afghan officials",
    "Punjabi and Sindhi speakers",  # demonyms, not the provinces
    "Balochi nationalists",
    "Kabuli pulao",
    "Tank fire hit the post",  # Tank needs "district"/"city" after it
    "a Tank destroyed",
    "Dir. John Smith",
    "SWAT teams",
    "Ghulam Khan said",  # a personal name unless "border", "crossing"...
    "KP Sharma Oli visited Kathmandu",
    "K P Sharma",
    "Pakhtunkhwa Milli Awami Party",
    "Gomal University",
    "Gayan scored a century",  # a Sri Lankan first name unless "district" follows
    "Kheibar Shekan and Khyber Shekan missiles",
    "Jalal-Abad in Kyrgyzstan",
    "kunar and helmand",  # lower case is not a proper noun
    "the Durand Line",  # no single province
    "East Punjab",  # historical name, still blocked
]


@pytest.mark.parametrize("text", NO_PLACE)
def test_no_match_inside_words_or_false_friends(text: str) -> None:
    assert find_places(text) == []


def test_paktia_is_not_found_inside_paktika() -> None:
    assert [m.province for m in find_places("Paktika and Paktia")] == ["Paktika", "Paktia"]


def test_punjab_is_reported_as_pakistan_by_default() -> None:
    # The Indian state shares the name: the caller decides by context where no qualifier says India.
    m = only("floods in Punjab")
    assert (m.province, m.country) == ("Punjab", "pakistan")


@pytest.mark.parametrize(
    ("text", "surface", "prov", "country"),
    [
        # Once blocks of places.json, now names of the world gazetteer: the block gives way.
        ("Iran's Sistan-Baluchestan province", "Sistan-Baluchestan", "Sistan and Baluchestan", "iran"),
        ("in Sistan and Baluchestan", "Sistan and Baluchestan", "Sistan and Baluchestan", "iran"),
        ("in Iranian Balochistan", "Iranian Balochistan", "Sistan and Baluchestan", "iran"),
        ("in Indian Punjab", "Indian Punjab", "Punjab (India)", "india"),
        ("the Indian state of Punjab", "Indian state of Punjab", "Punjab (India)", "india"),
        ("India's Punjab", "India's Punjab", "Punjab (India)", "india"),
        ("in Punjab, India", "Punjab, India", "Punjab (India)", "india"),
    ],
)
def test_former_blocks_are_now_their_own_provinces(text: str, surface: str, prov: str, country: str) -> None:
    m = only(text)
    assert (m.surface, m.province, m.country) == (surface, prov, country)


def test_amritsar_punjab_india_is_india_twice() -> None:
    found = find_places("Amritsar, Punjab, India")
    assert [(m.surface, m.province, m.country) for m in found] == [
        ("Amritsar", "Punjab (India)", "india"),
        ("Punjab, India", "Punjab (India)", "india"),
    ]


# --- kind refinement -------------------------------------------------------------------------------

KIND_WORDS = [
    ("in Kabul", "Kabul", "town"),
    ("in Kabul province", "Kabul", "province"),
    ("in the province of Kabul", "Kabul", "province"),
    ("in Kandahar", "Kandahar", "province"),
    ("in Kandahar city", "Kandahar", "town"),
    ("in the city of Kandahar", "Kandahar", "town"),
    ("in Kurram Agency", "Kurram", "district"),
    ("the Balochistan town of Chaman", "Balochistan", "province"),
    ("Khyber Pakhtunkhwa province", "Khyber Pakhtunkhwa", "province"),
    ("at the Torkham city gate", "Torkham", "crossing"),  # crossings keep their kind
]


@pytest.mark.parametrize(("text", "surface", "kind"), KIND_WORDS, ids=[t for t, *_ in KIND_WORDS])
def test_neighbouring_kind_word_refines_kind(text: str, surface: str, kind: str) -> None:
    m = find_places(text)[0]
    assert (m.surface, m.kind) == (surface, kind)


# --- ranges ------------------------------------------------------------------------------------------


def test_range_limits_matches_and_keeps_absolute_offsets() -> None:
    text = "Kunar first. Then Helmand and Khost. Finally Kandahar."
    start = text.index("Then")
    end = text.index("Finally")
    found = find_places(text, start, end)
    assert [m.surface for m in found] == ["Helmand", "Khost"]
    assert_offsets(text, found)


def test_name_cut_by_range_end_is_not_reported() -> None:
    text = "Clashes in Khyber Pakhtunkhwa and Kunar"
    end = text.index("Pakhtunkhwa") + 4  # inside the word
    assert find_places(text, 0, end) == []
    assert find_places("in Kunarx", 0, len("in Kunar")) == []


def test_conditional_name_sees_words_past_range_end() -> None:
    text = "in Tank district"
    assert [m.surface for m in find_places(text, 0, len("in Tank"))] == ["Tank"]


# --- coordinates and crossings ----------------------------------------------------------------


def test_location_uses_place_point_or_province_point() -> None:
    kurram = only("in Kurram")
    assert location(kurram) == (33.8, 70.2)
    kunar = only("in Kunar")
    kunar_province = province("Kunar")
    assert kunar_province is not None
    assert location(kunar) == (kunar_province.lat, kunar_province.lon)


@pytest.mark.parametrize(
    ("text", "near", "far"),
    [
        ("at Torkham", "Khyber Pakhtunkhwa", "Nangarhar"),
        ("at Chaman", "Balochistan", "Kandahar"),
        ("in Spin Boldak", "Kandahar", "Balochistan"),
        ("at the Ghulam Khan crossing", "Khyber Pakhtunkhwa", "Khost"),
        ("at Angoor Adda", "Khyber Pakhtunkhwa", "Paktika"),
        ("in Dand-e-Patan", "Paktia", "Khyber Pakhtunkhwa"),
    ],
)
def test_border_crossings_name_both_sides(text: str, near: str, far: str) -> None:
    m = only(text)
    side = other_side(m)
    assert m.province == near
    assert side is not None and side.name == far


def test_inland_place_has_no_other_side() -> None:
    assert other_side(only("in Peshawar")) is None


# --- a long text (smoke check, no timing) ----------------------------------------------------------


def test_long_text_gives_every_match_with_valid_offsets() -> None:
    paragraph = (
        "Taliban forces attacked posts in Kunar and Helmand provinces, while Pakistan said its "
        "troops in Kurram district and at Angoor Adda repulsed them; Islamabad and Kabul traded blame. "
    )
    text = paragraph * 2000
    found = find_places(text)
    assert len(found) == 6 * 2000
    assert_offsets(text, found)


# --- the world gazetteer (world_places.json) -----------------------------------------------------------

WORLD_PROVINCES: list[dict[str, Any]] = WORLD["provinces"]
WORLD_IN_TEXT = [raw for raw in WORLD_PROVINCES if raw.get("name_in_text", True)]
WORLD_ALIASES = [(alias, raw["name"]) for raw in WORLD_PROVINCES for alias in raw["aliases"]]
WORLD_PLACE_NAMES = [(name, raw) for raw in WORLD["places"] for name in (raw["name"], *raw["aliases"])]
PROVINCE_FIELDS = {
    "iso", "name", "pycountry_name", "lat", "lon", "aliases", "capital_names", "name_in_text", "needs_next",
}


def test_world_covers_forty_countries_with_their_state_ids() -> None:
    assert len(WORLD_CODES) == 40
    assert set(WORLD_CODES) <= set(STATE_IDS)
    assert {"ukraine", "russia", "sudan", "dr_congo", "myanmar", "palestine"} <= {p.country for p in provinces()}


@pytest.mark.parametrize("code", WORLD_CODES)
def test_world_provinces_are_exactly_pycountry_top_level_subdivisions(code: str) -> None:
    expected = {s.code for s in pycountry.subdivisions.get(country_code=code) if s.parent_code is None}
    assert {raw["iso"] for raw in WORLD_PROVINCES if raw["iso"].split("-")[0] == code} == expected


@pytest.mark.parametrize("raw", WORLD_PROVINCES, ids=lambda r: r["iso"])
def test_world_data_records_pycountry_name_and_iso(raw: dict[str, Any]) -> None:
    sub = pycountry.subdivisions.get(code=raw["iso"])
    assert sub is not None and sub.parent_code is None
    assert sub.name == raw["pycountry_name"]
    assert set(raw) <= PROVINCE_FIELDS
    assert -90 <= raw["lat"] <= 90 and -180 <= raw["lon"] <= 180
    prov = province(raw["iso"])
    assert prov is not None
    assert (prov.name, prov.country) == (raw["name"], STATE_IDS[raw["iso"].split("-")[0]])
    assert province(raw["pycountry_name"]) is not None


@pytest.mark.parametrize("raw", WORLD_IN_TEXT, ids=lambda r: r["iso"])
def test_every_world_province_name_is_found_in_text(raw: dict[str, Any]) -> None:
    text = f"Clashes were reported in {raw['name']}{needs_suffix(raw)} on Saturday."
    m = only(text)
    prov = province(raw["iso"])
    assert prov is not None
    assert (m.surface, m.province, m.country) == (raw["name"], prov.name, prov.country)
    assert m.kind == ("town" if raw["name"] in raw.get("capital_names", ()) else "province")


@pytest.mark.parametrize(("alias", "name"), WORLD_ALIASES, ids=[a for a, _ in WORLD_ALIASES])
def test_every_world_province_alias_is_found_in_text(alias: str, name: str) -> None:
    text = f"Officials in {alias}, speaking on Sunday, said so."
    m = only(text)
    assert (m.surface, m.province) == (alias, name)
    found = province(alias)
    assert found is not None and found.name == name


@pytest.mark.parametrize(("name", "raw"), WORLD_PLACE_NAMES, ids=[n for n, _ in WORLD_PLACE_NAMES])
def test_every_world_place_name_is_found_in_text(name: str, raw: dict[str, Any]) -> None:
    text = f"Fighting near {name}{needs_suffix(raw)}: residents fled."
    m = only(text)
    prov = province(raw["province"])
    assert prov is not None
    assert (m.surface, m.province, m.country) == (name, raw["province"], prov.country)


@pytest.mark.parametrize("raw", WORLD["places"], ids=lambda r: r["name"])
def test_world_place_data_is_consistent(raw: dict[str, Any]) -> None:
    assert raw["kind"] in KINDS[1:]
    prov = province(raw["province"])
    assert prov is not None and prov.name == raw["province"]
    if raw.get("other_side"):
        side = province(raw["other_side"])
        assert side is not None and side.country != prov.country
    if raw["lat"] is not None:
        assert math.dist((raw["lat"], raw["lon"]), (prov.lat, prov.lon)) < 5.0


def test_world_gazetteer_is_big_enough() -> None:
    assert len(WORLD_PROVINCES) > 900
    assert len(WORLD["places"]) >= 500


WORLD_NEWS = [
    # text, surface, province, country, kind
    ("Russian troops advanced near Pokrovsk", "Pokrovsk", "Donetsk", "ukraine", "town"),
    ("a strike on Kramatorsk", "Kramatorsk", "Donetsk", "ukraine", "town"),
    ("fighting in the Donetsk region", "Donetsk", "Donetsk", "ukraine", "province"),
    ("the Donetsk oblast", "Donetsk", "Donetsk", "ukraine", "province"),
    ("the Zaporizhia plant", "Zaporizhia", "Zaporizhzhia", "ukraine", "province"),
    ("the Zaporozhye plant", "Zaporozhye", "Zaporizhzhia", "ukraine", "province"),
    ("shelling of Kharkov", "Kharkov", "Kharkiv", "ukraine", "province"),
    ("the city of Kharkiv", "Kharkiv", "Kharkiv", "ukraine", "town"),
    ("drones over Kyiv", "Kyiv", "Kyiv", "ukraine", "town"),
    ("in the Kyiv region", "Kyiv region", "Kyiv Oblast", "ukraine", "province"),
    ("in Bucha", "Bucha", "Kyiv Oblast", "ukraine", "town"),
    ("Ukrainian troops left Sudzha", "Sudzha", "Kursk", "russia", "town"),
    ("in the Kursk region", "Kursk", "Kursk", "russia", "province"),
    ("Belgorod Oblast", "Belgorod", "Belgorod", "russia", "province"),
    ("the Vladimir region", "Vladimir", "Vladimir", "russia", "province"),
    ("RSF shelled El Fasher", "El Fasher", "North Darfur", "sudan", "town"),
    ("in al-Fashir", "Fashir", "North Darfur", "sudan", "town"),
    ("in Khartoum", "Khartoum", "Khartoum", "sudan", "town"),
    ("Khartoum state", "Khartoum", "Khartoum", "sudan", "province"),
    ("in Bentiu", "Bentiu", "Unity", "south_sudan", "town"),
    ("M23 took Goma", "Goma", "North Kivu", "dr_congo", "town"),
    ("in Nord-Kivu", "Nord-Kivu", "North Kivu", "dr_congo", "province"),
    ("rebels entered Bukavu", "Bukavu", "South Kivu", "dr_congo", "town"),
    ("a Boko Haram attack near Maiduguri", "Maiduguri", "Borno", "nigeria", "town"),
    ("Borno State", "Borno", "Borno", "nigeria", "province"),
    ("killings in Plateau State", "Plateau", "Plateau", "nigeria", "province"),
    ("strikes on Khan Younis", "Khan Younis", "Khan Younis", "palestine", "province"),
    ("strikes on Khan Yunis", "Khan Yunis", "Khan Younis", "palestine", "province"),
    ("in Rafah", "Rafah", "Rafah", "palestine", "province"),
    ("the Jabalia camp", "Jabalia", "North Gaza", "palestine", "town"),
    ("in Gaza City", "Gaza City", "Gaza", "palestine", "town"),
    ("across the Gaza Strip", "Gaza Strip", "Gaza", "palestine", "region"),
    ("in Gaza", "Gaza", "Gaza", "palestine", "province"),
    ("in East Jerusalem", "East Jerusalem", "East Jerusalem", "palestine", "province"),
    ("an attack in Jerusalem", "Jerusalem", "Jerusalem", "israel", "province"),
    ("rockets on Sderot", "Sderot", "Southern District", "israel", "town"),
    ("the Houthis in Sanaa", "Sanaa", "Sanaa", "yemen", "town"),
    ("in Sana'a", "Sana'a", "Sanaa", "yemen", "town"),
    ("fighting in Marib", "Marib", "Marib", "yemen", "province"),
    ("the port of Hodeidah", "Hodeidah", "Hodeidah", "yemen", "province"),
    ("in Aden", "Aden", "Aden", "yemen", "province"),
    ("the fall of Myawaddy", "Myawaddy", "Kayin", "myanmar", "town"),
    ("the fall of Lashio", "Lashio", "Shan", "myanmar", "town"),
    ("in northern Shan State", "Shan", "Shan", "myanmar", "province"),
    ("in Chin State", "Chin", "Chin", "myanmar", "province"),
    ("airstrikes in Sagaing", "Sagaing", "Sagaing", "myanmar", "province"),
    ("in Si Sa Ket", "Si Sa Ket", "Sisaket", "thailand", "province"),
    ("in Sisaket province", "Sisaket", "Sisaket", "thailand", "province"),
    ("the Preah Vihear temple", "Preah Vihear temple", "Preah Vihear", "cambodia", "town"),
    ("in Preah Vihear province", "Preah Vihear", "Preah Vihear", "cambodia", "province"),
    ("the war in Tigray", "Tigray", "Tigray", "ethiopia", "province"),
    ("Fano fighters in Amhara", "Amhara", "Amhara", "ethiopia", "province"),
    ("in the Afar region", "Afar", "Afar", "ethiopia", "province"),
    ("in Mekelle", "Mekelle", "Tigray", "ethiopia", "town"),
    ("in Banadir", "Banadir", "Banadir", "somalia", "province"),
    ("a bombing in Mogadishu", "Mogadishu", "Banadir", "somalia", "town"),
    ("troops in Ladakh", "Ladakh", "Ladakh", "india", "province"),
    ("the Galwan Valley clash", "Galwan Valley", "Ladakh", "india", "region"),
    ("shelling in Poonch and Rajouri", "Rajouri", "Jammu and Kashmir", "india", "town"),
    ("Srinagar, May 8", "Srinagar", "Jammu and Kashmir", "india", "town"),
    ("in Indian-administered Kashmir", "Indian-administered Kashmir", "Jammu and Kashmir", "india", "province"),
    (
        "shelling in Pakistan-administered Jammu and Kashmir",
        "Pakistan-administered Jammu and Kashmir",
        "Azad Jammu and Kashmir",
        "pakistan",
        "region",
    ),
    ("barrel bombs on Aleppo", "Aleppo", "Aleppo", "syria", "province"),
    ("Stepanakert", "Stepanakert", "Khankendi", "azerbaijan", "province"),
    ("a drone on Erbil", "Erbil", "Kurdistan Region", "iraq", "town"),
    ("gangs in Port-au-Prince", "Port-au-Prince", "Ouest", "haiti", "town"),
    ("cartel violence in Culiacán", "Culiacán", "Sinaloa", "mexico", "town"),
    ("the Catatumbo region", "Catatumbo", "Norte de Santander", "colombia", "region"),
    ("camps in Cox's Bazar", "Cox's Bazar", "Chittagong", "bangladesh", "town"),
    ("the siege of Marawi", "Marawi", "Bangsamoro", "philippines", "town"),
    ("in Şanlıurfa", "Şanlıurfa", "Sanliurfa", "turkey", "province"),
    ("in Urfa", "Urfa", "Sanliurfa", "turkey", "province"),
    ("KHARTOUM, April 21", "KHARTOUM", "Khartoum", "sudan", "town"),
    ("Tehran state media said", "Tehran", "Tehran", "iran", "town"),
    ("in Tehran province", "Tehran", "Tehran", "iran", "province"),
    ("the Kaduna state government", "Kaduna", "Kaduna", "nigeria", "province"),
]


@pytest.mark.parametrize(("text", "surface", "prov", "country", "kind"), WORLD_NEWS, ids=[t for t, *_ in WORLD_NEWS])
def test_world_news_phrasings_map_to_area_and_country(
    text: str, surface: str, prov: str, country: str, kind: str
) -> None:
    m = only(text)
    assert (m.surface, m.province, m.country, m.kind) == (surface, prov, country, kind)
    assert text[m.start : m.end] == surface


WORLD_NO_PLACE = [
    # Common words, personal names and countries that are also (parts of) area or town names.
    "The North and the South agreed on a truce.",
    "the Centre for Strategic Studies said",
    "troops camped on the Plateau",
    "Unity is strength, he said.",
    "in the East and the West",
    "Delta Air Lines cancelled flights",
    "Niger's junta expelled the envoy",
    "Georgia and Jordan voted",
    "Vladimir Putin said",
    "Batman and Van Gogh",
    "Red Sea shipping lanes",
    "across the Sahel",
    "Lakes and Rivers",
    "Eastern Province",
    "the Far North",
    "Mon and Chin and Shan",
    "Karen said",
    "Edo and Imo",
    "Meta Platforms",
    "Sucre and Bolívar",
    "Córdoba and Magdalena",
    "Cesar Chavez",
    "Hidalgo and Guerrero",
    "Medina said",
    "Hail Mary",
    "Bay Area",
    "Bari, Italy",
    "Gao Feng said",
    "Adama Traoré scored",
    "Shire horses",
    "Keren said",
    "Nasir said",
    "Engels wrote",
    "Salif Keita sang",
    "Ngozi Okonjo-Iweala",
    "Takeo Fukuda",
    "Santander bank",
    "Somali pirates",
    "the Cordillera",
    "Littoral and Cascades",
    "the Amur tiger",
    "Fars news agency",
    "Nan and Tak",
    "Aydin said",
    "Lori and Ararat",
    "the Tana River",
    "the River Nile",
    "along the Blue Nile River",
    "the Dnipro River",
    "Lake Tanganyika",
    "Jos Buttler scored",
    "the Arakan Army",
    "the Kachin Independence Army",
    "the Sinaloa Cartel",
    "the Jalisco cartel",
    "pirates in the Gulf of Aden",
    "the Kurdistan Workers' Party",
    "Darfur and Kordofan",
    "the Donbas",
    "Nagorno-Karabakh",
    "the West Bank",
    "Mozambique's Gaza Province",
    "al-Bab",  # lower case starts no name
]


@pytest.mark.parametrize("text", WORLD_NO_PLACE)
def test_world_ambiguity_guards_find_nothing(text: str) -> None:
    assert find_places(text) == []


def test_guarded_names_count_with_their_word() -> None:
    cases = [
        ("in Plateau state", "Plateau"),
        ("in Unity State", "Unity"),
        ("in Delta State", "Delta"),
        ("the Vladimir Oblast", "Vladimir"),
        ("in Van province", "Van"),
        ("in the Bay region", "Bay"),
        ("in Cameroon's Far North region", "Far North"),
    ]
    for text, prov in cases:
        assert only(text).province == prov, text


def test_anglophone_regions_of_cameroon() -> None:
    found = find_places("Cameroon's North-West and South-West regions")
    assert [(m.surface, m.province, m.country) for m in found] == [
        ("North-West", "North-West", "cameroon"),
        ("South-West", "South-West", "cameroon"),
    ]


def test_world_sentence_with_many_places_in_order() -> None:
    text = (
        "Russia said it downed drones over the Belgorod, Kursk and Bryansk regions, while Ukraine "
        "reported strikes on Kharkiv, Sumy and Odesa; in Sudan, El Fasher and Kadugli were shelled."
    )
    found = find_places(text)
    assert [(m.province, m.country) for m in found] == [
        ("Belgorod", "russia"),
        ("Kursk", "russia"),
        ("Bryansk", "russia"),
        ("Kharkiv", "ukraine"),
        ("Sumy", "ukraine"),
        ("Odesa", "ukraine"),
        ("North Darfur", "sudan"),
        ("South Kordofan", "sudan"),
    ]
    assert_offsets(text, found)


@pytest.mark.parametrize(
    ("text", "near", "far"),
    [
        ("refugees crossed at Adre", "Ouaddai", "West Darfur"),
        ("aid trucks at Kerem Shalom", "Southern District", "Rafah"),
        ("the Bab al-Hawa crossing", "Idlib", "Hatay"),
    ],
)
def test_world_border_crossings_name_both_sides(text: str, near: str, far: str) -> None:
    m = only(text)
    side = other_side(m)
    assert m.province == near
    assert side is not None and side.name == far


def test_world_location_uses_place_point() -> None:
    lat, lon = location(only("in Goma"))
    assert math.dist((lat, lon), (-1.68, 29.23)) < 0.2
    north_kivu = province("North Kivu")
    assert north_kivu is not None
    assert location(only("in North Kivu")) == (north_kivu.lat, north_kivu.lon)


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Donetsk region", "UA-14"),
        ("Kursk oblast", "RU-KRS"),
        ("kharkov", "UA-63"),
        ("Nord-Kivu", "CD-NK"),
        ("Halab", "SY-HL"),
        ("Ḩalab", "SY-HL"),
        ("Al Ḩudaydah", "YE-HU"),
        ("Si Sa Ket", "TH-33"),
        ("Tigrai", "ET-TI"),
        ("Banaadir", "SO-BN"),
        ("Ladākh", "IN-LA"),
        ("Indian Punjab", "IN-PB"),
        ("Punjab", "PK-PB"),
        ("Plateau State", "NG-PL"),
        ("Kunar province", "AF-KNR"),
        ("Jerusalem", "IL-JM"),
        ("Gaza", "PS-GZA"),
    ],
)
def test_world_province_lookup(name: str, iso: str) -> None:
    found = province(name)
    assert found is not None and found.iso_code == iso
