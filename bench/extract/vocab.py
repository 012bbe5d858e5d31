"""Vocabulary of the synthetic news corpus: parties, places and conflicts (data, no logic)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Party:
    """One side of a conflict as news reports name it.

    `speakers` start a sentence as the one who speaks ("Pakistan's military");
    `people` name its fighters as a plural noun phrase ("Pakistani soldiers");
    `forces` name it as the one that acts ("Pakistani forces"); `adj` is the
    demonym used before things it owns ("Pakistani posts").
    """

    id: str
    speakers: tuple[str, ...]
    people: tuple[str, ...]
    person: tuple[str, ...]  # singular of `people`, for a count of one
    forces: tuple[str, ...]
    adj: str
    territory: str  # "Afghan" in "Afghan airspace"
    capital: str
    officials: tuple[tuple[str, str], ...]  # (full name with role, short name for later quotes)


@dataclass(frozen=True, slots=True)
class Place:
    """A place a clash can be tied to; `province` is the first-level area it lies in, if the text says."""

    phrase: str  # as it reads after "in"/"near": "Kunar province", "the Kurram district"
    province: str | None  # first-level area the phrase names, else None
    side: str  # party id of the side the place belongs to


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two sides, their places and what fighting between them usually counts."""

    key: str
    a: Party
    b: Party
    places: tuple[Place, ...]
    metrics: tuple[tuple[str, int], ...]  # (metric id, weight)
    datelines: tuple[str, ...]
    line_name: str  # "the Durand Line", "the Line of Control"
    third_parties: tuple[str, ...]
    topics: tuple[str, ...]  # keys of filler paragraph families in filler.py


AFGHANISTAN = Party(
    id="afghanistan",
    speakers=(
        "The Taliban's Ministry of Defence",
        "Afghanistan's defence ministry",
        "The Islamic Emirate",
        "Taliban government spokesman Zabihullah Mujahid",
        "Zabihullah Mujahid, the chief spokesman of the Taliban government,",
        "Enayatullah Khowarazmi, a spokesman for the Afghan Ministry of Defence,",
        "Afghan border officials",
        "The Taliban",
        "Taliban officials in Kabul",
        "The Afghan Ministry of Foreign Affairs",
        "A Taliban commander in the area",
        "Hamdullah Fitrat, the deputy spokesman of the Islamic Emirate,",
    ),
    people=(
        "Taliban fighters",
        "Afghan soldiers",
        "Afghan Taliban fighters",
        "Afghan border guards",
        "Taliban troops",
        "members of the Afghan forces",
    ),
    person=("Taliban fighter", "Afghan soldier", "Afghan border guard"),
    forces=("Afghan forces", "Taliban forces", "the Islamic Emirate's forces", "Afghan border forces"),
    adj="Afghan",
    territory="Afghan",
    capital="Kabul",
    officials=(
        ("Taliban spokesman Zabihullah Mujahid", "Mujahid"),
        ("defence ministry spokesman Enayatullah Khowarazmi", "Khowarazmi"),
        ("deputy spokesman Hamdullah Fitrat", "Fitrat"),
    ),
)

PAKISTAN = Party(
    id="pakistan",
    speakers=(
        "The Inter-Services Public Relations (ISPR)",
        "The ISPR",
        "Pakistan's military",
        "The Pakistani army's media wing",
        "Security sources",
        "Pakistani security officials",
        "Interior Minister Mohsin Naqvi",
        "Defence Minister Khawaja Asif",
        "Pakistan's Foreign Office",
        "A senior security official in Peshawar",
        "The Pakistan Army",
        "Prime Minister Shehbaz Sharif",
    ),
    people=(
        "Pakistani soldiers",
        "Pakistani troops",
        "members of Pakistan's security forces",
        "Pakistani border guards",
        "Frontier Corps personnel",
        "Pakistani security personnel",
    ),
    person=("Pakistani soldier", "Pakistani border guard", "Frontier Corps soldier"),
    forces=("Pakistani forces", "Pakistani troops", "the Pakistan Army", "Pakistani security forces"),
    adj="Pakistani",
    territory="Pakistani",
    capital="Islamabad",
    officials=(
        ("Interior Minister Mohsin Naqvi", "Naqvi"),
        ("Defence Minister Khawaja Asif", "Asif"),
        ("ISPR Director General Lt Gen Ahmed Sharif Chaudhry", "Chaudhry"),
    ),
)

TTP = Party(
    id="ttp",
    speakers=(
        "The Tehrik-i-Taliban Pakistan (TTP)",
        "The TTP",
        "A TTP spokesman, Mohammad Khurasani,",
        "The Pakistani Taliban",
        "Tehreek-e-Taliban Pakistan",
    ),
    people=("TTP militants", "TTP fighters", "Pakistani Taliban fighters", "members of the TTP"),
    person=("TTP militant", "TTP commander"),
    forces=("TTP fighters", "the Pakistani Taliban", "TTP militants"),
    adj="TTP",
    territory="TTP-held",
    capital="",
    officials=(("TTP spokesman Mohammad Khurasani", "Khurasani"),),
)

INDIA = Party(
    id="india",
    speakers=(
        "The Indian Army",
        "India's defence ministry",
        "Indian army officials",
        "A spokesman for the Indian Army's Northern Command",
        "Defence Minister Rajnath Singh",
        "New Delhi",
        "Indian military sources",
    ),
    people=("Indian soldiers", "Indian troops", "Indian army personnel", "Border Security Force personnel"),
    person=("Indian soldier", "Indian army jawan", "BSF constable"),
    forces=("Indian troops", "the Indian Army", "Indian forces"),
    adj="Indian",
    territory="Indian",
    capital="New Delhi",
    officials=(
        ("Defence Minister Rajnath Singh", "Singh"),
        ("Northern Command spokesman Col Suneet Bartwal", "Bartwal"),
    ),
)

PAKISTAN_LOC = Party(
    id="pakistan",
    speakers=(
        "The ISPR",
        "Pakistan's military",
        "The Pakistan Army",
        "Information Minister Attaullah Tarar",
        "Pakistani military officials",
        "Islamabad",
    ),
    people=("Pakistani soldiers", "Pakistani troops", "Pakistan Army personnel"),
    person=("Pakistani soldier", "Pakistani army officer"),
    forces=("Pakistani troops", "the Pakistan Army", "Pakistani forces"),
    adj="Pakistani",
    territory="Pakistani",
    capital="Islamabad",
    officials=(
        ("Information Minister Attaullah Tarar", "Tarar"),
        ("ISPR chief Ahmed Sharif Chaudhry", "Chaudhry"),
    ),
)

THAILAND = Party(
    id="thailand",
    speakers=(
        "The Royal Thai Army",
        "Thailand's defence ministry",
        "Thai army spokesman Maj Gen Winthai Suvaree",
        "The Thai military",
        "Thailand's Second Army Region",
        "Thai officials",
        "Acting Prime Minister Phumtham Wechayachai",
    ),
    people=("Thai soldiers", "Thai troops", "Thai rangers", "members of the Thai armed forces"),
    person=("Thai soldier", "Thai ranger"),
    forces=("Thai forces", "the Thai army", "Thai troops"),
    adj="Thai",
    territory="Thai",
    capital="Bangkok",
    officials=(
        ("army spokesman Maj Gen Winthai Suvaree", "Winthai"),
        ("Defence Minister Nattaphon Narkphanit", "Nattaphon"),
    ),
)

CAMBODIA = Party(
    id="cambodia",
    speakers=(
        "Cambodia's Ministry of National Defence",
        "Cambodian defence ministry spokeswoman Maly Socheata",
        "Phnom Penh",
        "Cambodian officials",
        "The Royal Cambodian Armed Forces",
        "Prime Minister Hun Manet",
    ),
    people=("Cambodian soldiers", "Cambodian troops", "members of the Royal Cambodian Armed Forces"),
    person=("Cambodian soldier",),
    forces=("Cambodian forces", "Cambodian troops", "the Cambodian army"),
    adj="Cambodian",
    territory="Cambodian",
    capital="Phnom Penh",
    officials=(("spokeswoman Lt Gen Maly Socheata", "Socheata"), ("Prime Minister Hun Manet", "Hun Manet")),
)

RUSSIA = Party(
    id="russia",
    speakers=(
        "Russia's defence ministry",
        "The Russian Ministry of Defence",
        "Moscow",
        "Kremlin spokesman Dmitry Peskov",
        "Russian military bloggers",
        "The Russian army's general staff",
        "Russian officials",
    ),
    people=("Russian soldiers", "Russian troops", "Russian servicemen"),
    person=("Russian soldier", "Russian officer"),
    forces=("Russian forces", "Russian troops", "the Russian army"),
    adj="Russian",
    territory="Russian",
    capital="Moscow",
    officials=(
        ("Kremlin spokesman Dmitry Peskov", "Peskov"),
        ("Defence Minister Andrei Belousov", "Belousov"),
    ),
)

UKRAINE = Party(
    id="ukraine",
    speakers=(
        "Ukraine's general staff",
        "The Ukrainian air force",
        "President Volodymyr Zelensky",
        "Kyiv",
        "Ukrainian military officials",
        "Ukraine's armed forces",
        "The general staff of Ukraine's armed forces",
    ),
    people=("Ukrainian soldiers", "Ukrainian troops", "Ukrainian servicemen"),
    person=("Ukrainian soldier", "Ukrainian serviceman"),
    forces=("Ukrainian forces", "Ukrainian troops", "the Ukrainian army"),
    adj="Ukrainian",
    territory="Ukrainian",
    capital="Kyiv",
    officials=(("President Volodymyr Zelensky", "Zelensky"), ("air force spokesman Yuriy Ihnat", "Ihnat")),
)

CONFLICTS: tuple[Conflict, ...] = (
    Conflict(
        key="afpak",
        a=AFGHANISTAN,
        b=PAKISTAN,
        places=(
            Place("Kunar province", "Kunar", "afghanistan"),
            Place("Nangarhar province", "Nangarhar", "afghanistan"),
            Place("Paktika province", "Paktika", "afghanistan"),
            Place("the eastern province of Khost", "Khost", "afghanistan"),
            Place("Helmand province", "Helmand", "afghanistan"),
            Place("Kandahar's Spin Boldak district", "Kandahar", "afghanistan"),
            Place("the Dand-e-Patan district of Paktia", "Paktia", "afghanistan"),
            Place("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "pakistan"),
            Place("the Kurram district of Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "pakistan"),
            Place("Bajaur", None, "pakistan"),
            Place("the Chaman area of Balochistan", "Balochistan", "pakistan"),
            Place("North Waziristan", None, "pakistan"),
            Place("the Torkham border crossing", None, "pakistan"),
            Place("the Angoor Adda crossing", None, "pakistan"),
        ),
        metrics=(
            ("killed", 10),
            ("wounded", 5),
            ("posts_captured", 3),
            ("posts_destroyed", 3),
            ("posts_attacked", 2),
            ("captured", 1),
            ("drones_downed", 2),
            ("airstrikes", 2),
            ("airspace_violations", 1),
            ("air_patrols", 1),
            ("cross_border_fire", 1),
            ("casualties", 1),
            ("vehicles_destroyed", 1),
        ),
        datelines=("KABUL", "ISLAMABAD", "PESHAWAR", "JALALABAD", "QUETTA", "KANDAHAR"),
        line_name="the Durand Line",
        third_parties=(
            "The United Nations Assistance Mission in Afghanistan (UNAMA)",
            "Hospital officials in Jalalabad",
            "The UN human rights office",
            "Doctors at the provincial hospital",
            "The Afghanistan Analysts Network",
        ),
        topics=("trade_afpak", "refugees_afpak", "diplomacy_afpak", "history_afpak", "economy_generic"),
    ),
    Conflict(
        key="ttp",
        a=TTP,
        b=PAKISTAN,
        places=(
            Place("Bannu", None, "pakistan"),
            Place("the Lakki Marwat district of Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa", "pakistan"),
            Place("Dera Ismail Khan", None, "pakistan"),
            Place("North Waziristan", None, "pakistan"),
            Place("South Waziristan", None, "pakistan"),
            Place("Khyber Pakhtunkhwa province", "Khyber Pakhtunkhwa", "pakistan"),
            Place("the Tank district", None, "pakistan"),
            Place("Swat valley", None, "pakistan"),
            Place("the Tirah valley", None, "pakistan"),
            Place("Zhob in Balochistan", "Balochistan", "pakistan"),
        ),
        metrics=(
            ("killed", 12),
            ("wounded", 6),
            ("posts_attacked", 2),
            ("captured", 2),
            ("casualties", 1),
            ("vehicles_destroyed", 1),
        ),
        datelines=("PESHAWAR", "BANNU", "DERA ISMAIL KHAN", "ISLAMABAD"),
        line_name="the Afghan border",
        third_parties=(
            "Hospital sources in Bannu",
            "The Pakistan Institute for Conflict and Security Studies",
            "Doctors at Lady Reading Hospital",
            "Local elders",
        ),
        topics=("security_ttp", "economy_generic", "politics_pak", "refugees_afpak"),
    ),
    Conflict(
        key="loc",
        a=INDIA,
        b=PAKISTAN_LOC,
        places=(
            Place("the Poonch sector", None, "india"),
            Place("Kupwara district", None, "india"),
            Place("the Uri sector of Jammu and Kashmir", "Jammu and Kashmir", "india"),
            Place("Rajouri", None, "india"),
            Place("the Neelum valley", None, "pakistan"),
            Place("Kotli in Azad Kashmir", "Azad Kashmir", "pakistan"),
            Place("the Bhimber sector", None, "pakistan"),
            Place("Pakistan's Punjab province", "Punjab", "pakistan"),
        ),
        metrics=(
            ("killed", 8),
            ("wounded", 4),
            ("posts_destroyed", 3),
            ("cross_border_fire", 3),
            ("drones_downed", 3),
            ("aircraft_downed", 2),
            ("airstrikes", 1),
        ),
        datelines=("SRINAGAR", "MUZAFFARABAD", "NEW DELHI", "ISLAMABAD", "JAMMU"),
        line_name="the Line of Control",
        third_parties=(
            "Hospital officials in Muzaffarabad",
            "Local elders",
            "The UN Military Observer Group",
        ),
        topics=("diplomacy_loc", "economy_generic", "history_loc"),
    ),
    Conflict(
        key="thaicam",
        a=THAILAND,
        b=CAMBODIA,
        places=(
            Place("Surin province", "Surin", "thailand"),
            Place("Thailand's Sisaket province", "Sisaket", "thailand"),
            Place("Ubon Ratchathani", "Ubon Ratchathani", "thailand"),
            Place("the Ta Muen Thom temple area", None, "thailand"),
            Place("Oddar Meanchey province", "Oddar Meanchey", "cambodia"),
            Place("Preah Vihear province", "Preah Vihear", "cambodia"),
            Place("the disputed Ta Krabey temple", None, "cambodia"),
        ),
        metrics=(
            ("killed", 8),
            ("wounded", 5),
            ("posts_captured", 2),
            ("vehicles_destroyed", 2),
            ("drones_downed", 1),
            ("airstrikes", 2),
            ("captured", 1),
        ),
        datelines=("BANGKOK", "PHNOM PENH", "SURIN", "SIEM REAP"),
        line_name="the border",
        third_parties=("Doctors at Surin hospital", "Hospital officials in Surin", "Red Cross officials"),
        topics=("diplomacy_thaicam", "economy_generic", "refugees_thaicam"),
    ),
    Conflict(
        key="rusukr",
        a=RUSSIA,
        b=UKRAINE,
        places=(
            Place("the Donetsk region", "Donetsk", "ukraine"),
            Place("Kharkiv region", "Kharkiv", "ukraine"),
            Place("the Zaporizhzhia region", "Zaporizhzhia", "ukraine"),
            Place("Sumy region", "Sumy", "ukraine"),
            Place("the Kherson region", "Kherson", "ukraine"),
            Place("Russia's Kursk region", "Kursk", "russia"),
            Place("the Belgorod region", "Belgorod", "russia"),
            Place("the Bryansk region", "Bryansk", "russia"),
        ),
        metrics=(
            ("drones_downed", 6),
            ("killed", 6),
            ("casualties", 3),
            ("wounded", 3),
            ("vehicles_destroyed", 3),
            ("aircraft_downed", 1),
            ("airstrikes", 1),
            ("captured", 1),
        ),
        datelines=("KYIV", "MOSCOW", "KHARKIV", "ZAPORIZHZHIA"),
        line_name="the front line",
        third_parties=(
            "The UN human rights monitoring mission in Ukraine",
            "The Institute for the Study of War",
            "Hospital officials in Kharkiv",
        ),
        topics=("diplomacy_rusukr", "economy_generic", "energy_rusukr"),
    ),
)

# Conflict weights: the default conflict dominates, as it does in the project's real feed.
CONFLICT_WEIGHTS: dict[str, int] = {"afpak": 40, "ttp": 25, "loc": 12, "thaicam": 11, "rusukr": 12}

OUTLETS: tuple[str, ...] = (
    "Reuters",
    "AFP",
    "the Associated Press",
    "Al Jazeera",
    "Dawn",
    "Tolo News",
    "Afghanistan International",
    "the BBC",
    "local media",
    "state television",
    "The Express Tribune",
    "Khaama Press",
)

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

NUMBER_WORDS: dict[int, str] = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
    12: "twelve",
    13: "thirteen",
    14: "fourteen",
    15: "fifteen",
    16: "sixteen",
    17: "seventeen",
    18: "eighteen",
    19: "nineteen",
    20: "twenty",
    30: "thirty",
    40: "forty",
    50: "fifty",
    60: "sixty",
    70: "seventy",
    80: "eighty",
    90: "ninety",
}
