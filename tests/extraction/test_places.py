"""Gazetteer: names in news text map to the right first-level area, at the right offsets."""

from __future__ import annotations

import json
import math
from typing import Any

import pycountry
import pytest

from app.extraction.places import (
    DATA_FILE,
    KINDS,
    PlaceMatch,
    Province,
    find_places,
    location,
    other_side,
    province,
    provinces,
)

DATA: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
# Rough bounding boxes of the two countries: catch swapped or mistyped coordinates.
BOXES = {"afghanistan": (29.3, 38.6, 60.4, 75.0), "pakistan": (23.6, 37.1, 60.8, 77.9)}


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
    assert {p.iso_code for p in provinces()} == expected
    assert len(provinces()) == 41


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
    assert prov.country == {"AF": "afghanistan", "PK": "pakistan"}[prov.iso_code[:2]]


@pytest.mark.parametrize("prov", provinces(), ids=lambda p: p.iso_code)
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


@pytest.mark.parametrize("name", ["Kurram", "Punjab, India", "Kashmir", "Afghanistan", ""])
def test_province_lookup_rejects_non_provinces(name: str) -> None:
    assert province(name) is None


@pytest.mark.parametrize("prov", provinces(), ids=lambda p: p.iso_code)
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
    "KP Sharma Oli visited Delhi",
    "K P Sharma",
    "Iran's Sistan-Baluchestan province",
    "in Sistan and Baluchestan",
    "in Indian Punjab",
    "the Indian state of Punjab",
    "India's Punjab",
    "Amritsar, Punjab, India",  # "Amritsar" is not in the gazetteer, and "Punjab, India" is blocked
    "Pakhtunkhwa Milli Awami Party",
    "Gomal University",
    "Gayan scored a century",  # a Sri Lankan first name unless "district" follows
    "Kheibar Shekan and Khyber Shekan missiles",
    "Jalal-Abad in Kyrgyzstan",
    "kunar and helmand",  # lower case is not a proper noun
    "the Durand Line",  # no single province
]


@pytest.mark.parametrize("text", NO_PLACE)
def test_no_match_inside_words_or_false_friends(text: str) -> None:
    assert find_places(text) == []


def test_paktia_is_not_found_inside_paktika() -> None:
    assert [m.province for m in find_places("Paktika and Paktia")] == ["Paktika", "Paktia"]


def test_punjab_is_reported_as_pakistan_by_default() -> None:
    # The Indian state shares the name: the caller decides by context where no block applies.
    m = only("floods in Punjab")
    assert (m.province, m.country) == ("Punjab", "pakistan")


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
