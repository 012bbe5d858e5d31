"""The extractor end to end, one wording per row: what a careful reader takes from a sentence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.extraction import EXTRACTOR_VERSION, claim_to_spec, extract

PUBLISHED = date(2025, 10, 12)  # a Sunday

Key = tuple[str, str, str, int | None, int | None]


def keys(text: str, **kw: Any) -> set[Key]:
    """The scorer's keys of every claim extracted from `text`."""
    kw.setdefault("published", PUBLISHED)
    return {(c.claimant, c.metric, c.subject, c.value, c.value_high) for c in extract(text, **kw).claims}


# --- metrics in all wordings ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The Taliban said they killed 58 Pakistani soldiers.", ("afghanistan", "killed", "pakistan", 58, None)),
        ("Pakistan's army said 23 soldiers were martyred.", ("pakistan", "killed", "pakistan", 23, None)),
        ("ISPR said 12 soldiers lost their lives.", ("pakistan", "killed", "pakistan", 12, None)),
        ("ISPR said 19 khwarij were sent to hell.", ("pakistan", "killed", "ttp", 19, None)),
        ("The ISPR said troops neutralized 30 terrorists.", ("pakistan", "killed", "militants", 30, None)),
        ("Zabihullah Mujahid said the killing of 58 Pakistani soldiers was a response.",
         ("afghanistan", "killed", "pakistan", 58, None)),
        ("Pakistan's military acknowledged a death toll of 23 troops.", ("pakistan", "killed", "pakistan", 23, None)),
        ("The Taliban said 30 Pakistani soldiers were wounded.", ("afghanistan", "wounded", "pakistan", 30, None)),
        ("ISPR said 45 Afghan fighters were killed or wounded.",
         ("pakistan", "casualties", "afghanistan", 45, None)),
        ("The Taliban said its forces captured 25 army posts.",
         ("afghanistan", "posts_captured", "pakistan", 25, None)),
        ("ISPR said troops destroyed 21 Taliban positions.", ("pakistan", "posts_destroyed", "afghanistan", 21, None)),
        ("Security sources said troops shot down three Afghan quadcopters.",
         ("pakistan", "drones_downed", "afghanistan", 3, None)),
        ("The Taliban said Afghan forces shot down a Pakistani fighter jet.",
         ("afghanistan", "aircraft_downed", "pakistan", 1, None)),
        ("Security sources said three Afghan tanks were destroyed.",
         ("pakistan", "vehicles_destroyed", "afghanistan", 3, None)),
        ("The Taliban said Pakistani jets carried out 12 air strikes.",
         ("afghanistan", "airstrikes", "pakistan", 12, None)),
        ("Kabul said Pakistan committed 55 airspace violations.",
         ("afghanistan", "airspace_violations", "pakistan", 55, None)),
        ("Kabul said Pakistani drones flew 14 reconnaissance flights over Kunar.",
         ("afghanistan", "air_patrols", "pakistan", 14, None)),
        ("Kabul said Pakistani border guards fired into Afghan territory more than 30 times.",
         ("afghanistan", "cross_border_fire", "pakistan", 30, None)),
        ("The Taliban said two Pakistani soldiers had been taken prisoner.",
         ("afghanistan", "captured", "pakistan", 2, None)),
        ("The Thai army said Cambodian troops attacked four Thai posts.",
         ("thailand", "posts_attacked", "thailand", 4, None)),
        # Two kinds of people counted together, and a second figure with its own verb.
        ("Pakistan's defence minister said 1,212 soldiers and officers had been martyred.",
         ("pakistan", "killed", "pakistan", 1212, None)),
        ("Pakistani officials said the toll had risen to 14 dead and 30 injured.",
         ("pakistan", "wounded", "pakistan", 30, None)),
        ("The ISPR said troops killed 14 khwarij and 30 others were injured.",
         ("pakistan", "wounded", "ttp", 30, None)),
        # A quoted verb, a quoted figure, and a figure inside a relative clause.
        ("The TTP said its fighters had “eliminated seven police personnel” in the raid.",
         ("ttp", "killed", "pakistan", 7, None)),
        ("Pakistan's army said its troops had killed 'more than 200' Taliban fighters.",
         ("pakistan", "killed", "afghanistan", 200, None)),
        ("The report leaves out the 58 Pakistani soldiers that the Taliban says it killed on Saturday.",
         ("afghanistan", "killed", "pakistan", 58, None)),
        # spec/claims.md: "Lost N soldiers" is casualties unless the text says they died.
        ("The tally leaves out the 23 soldiers that Pakistan's army says it lost that day.",
         ("pakistan", "casualties", "pakistan", 23, None)),
    ],
)
def test_metric_wordings(text: str, key: Key) -> None:
    assert key in keys(text)


# --- claimants --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("According to ISPR, 12 soldiers were martyred.", "pakistan"),
        ("Twelve soldiers were martyred, the ISPR said.", "pakistan"),
        ("At least 12 Pakistani soldiers were killed, said Zabihullah Mujahid.", "afghanistan"),
        ("Security sources cited by Reuters said 12 Afghan fighters were killed.", "pakistan"),
        ("UNAMA said at least 37 civilians had been killed.", "third_party"),
        ("Hospital officials said 12 civilians died.", "third_party"),
        ("Twelve Pakistani soldiers have been killed in a Taliban offensive.", "unattributed"),
        ("The Indian Army said five Pakistani posts were destroyed.", "india"),
        ("Russia's defence ministry said 48 Ukrainian soldiers were taken prisoner.", "russia"),
    ],
)
def test_claimants(text: str, claimant: str) -> None:
    assert {k[0] for k in keys(text)} == {claimant}


def test_pronoun_speaker_points_back_to_the_last_named_one() -> None:
    text = "A senior security official in Pakistan stated that fighting went on. He said 3 Afghan drones were downed."
    assert ("pakistan", "drones_downed", "afghanistan", 3, None) in keys(text)


def test_these_documents_point_back_to_whose_documents_they_are() -> None:
    text = (
        "Leaked Taliban documents revealed that Pakistani forces committed 55 airspace violations.\n"
        "According to these documents, Pakistani jets conducted at least 22 aerial patrols."
    )
    assert ("afghanistan", "air_patrols", "pakistan", 22, None) in keys(text)


def test_two_speakers_in_one_sentence_each_keep_their_figures() -> None:
    text = (
        "While the Taliban insists on the killing of 58 Pakistani soldiers and wounding of 30 others, "
        "Pakistan's military acknowledges a death toll of 23 troops but counters with claims of having "
        "neutralized over 200 Taliban fighters."
    )
    assert keys(text) == {
        ("afghanistan", "killed", "pakistan", 58, None),
        ("afghanistan", "wounded", "pakistan", 30, None),
        ("pakistan", "killed", "pakistan", 23, None),
        ("pakistan", "killed", "afghanistan", 200, None),
    }


def test_taliban_alone_is_afghanistan_and_the_pakistani_taliban_are_ttp() -> None:
    assert ("ttp", "killed", "pakistan", 20, None) in keys(
        "The Tehreek-e-Taliban Pakistan said its fighters killed 20 policemen in Bannu."
    )
    assert ("afghanistan", "killed", "pakistan", 20, None) in keys(
        "The Taliban said its fighters killed 20 Pakistani soldiers."
    )


# --- stance -----------------------------------------------------------------------------------------------
def test_denial_without_a_number() -> None:
    text = "Pakistani officials confirmed clashes but rejected Taliban claims of seizing outposts."
    (claim,) = extract(text, published=PUBLISHED).claims
    assert (claim.claimant, claim.metric, claim.subject, claim.value, claim.stance) == (
        "pakistan", "posts_captured", "pakistan", None, "denies"
    )
    assert claim.value_text == ""


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # The denial names no figure and no trigger word: it answers the claim before it.
        ("The Taliban said Afghan forces shot down a Pakistani fighter jet over Khost. Pakistan's military called "
         "the claim “baseless” and said all of its aircraft had returned safely.",
         ("pakistan", "aircraft_downed", "pakistan", None, None)),
        # Of the claim answered, the sentence's main one.
        ("Pakistan said Afghan drones had violated its airspace nine times and that two of them had been shot down. "
         "Zabihullah Mujahid rejected the allegations.",
         ("afghanistan", "airspace_violations", "afghanistan", None, None)),
        # Plain "strikes" in a story about air strikes.
        ("Pakistani drones carried out four air strikes in Khost. Pakistan's military spokesman denied that Pakistan "
         "had carried out any strikes in Afghanistan.",
         ("pakistan", "airstrikes", "pakistan", None, None)),
    ],
)
def test_denial_answers_an_earlier_claim(text: str, key: Key) -> None:
    denials = {k for k in keys(text) if k[3] is None}
    assert denials == {key}


def test_a_quotation_over_several_sentences_belongs_to_whoever_closes_it() -> None:
    text = ("The minister addressed the house.\n“Since October 12, more than 210 Afghan Taliban have been killed "
            "in our response. We will not hesitate,” the defence minister, Khawaja Asif, said.")
    assert keys(text) == {("pakistan", "killed", "afghanistan", 210, None)}


def test_a_press_release_speaks_for_its_issuer() -> None:
    text = ("Ministry of National Defence\nPress Release No. 417\n\n1. On the night of 28 December, Pakistani "
            "aircraft conducted three air strikes on civilian homes in Khost, killing 6 civilians.")
    assert keys(text) == {("afghanistan", "airstrikes", "pakistan", 3, None),
                          ("afghanistan", "killed", "civilians", 6, None)}


def test_a_headline_with_a_byline_keeps_the_page_one_story() -> None:
    text = ("MoD: Three Pakistani soldiers captured in Khost\nAriana News | 02 December 2025\n\n"
            "The Ministry of Defense of the Islamic Emirate says its forces captured three Pakistani soldiers.\n\n"
            "According to the statement, five Pakistani soldiers were killed in the fighting.")
    assert ("afghanistan", "killed", "pakistan", 5, None) in keys(text)


def test_a_statement_named_by_reference_speaks_for_its_issuer() -> None:
    text = ("The Taliban's foreign ministry summoned Pakistan's envoy. According to a ministry statement, Pakistani "
            "drones flew 14 reconnaissance flights over Kunar.\nThe statement said Pakistani shelling had killed a "
            "woman in Kunar.")
    assert ("afghanistan", "killed", "civilians", 1, None) in keys(text)


def test_a_dateline_capital_names_whose_officials_speak() -> None:
    text = ("ISLAMABAD: The defence minister told the Senate that 1,212 soldiers had been martyred in attacks "
            "by terrorists operating from Afghan soil.")
    assert keys(text) == {("pakistan", "killed", "pakistan", 1212, None)}


def test_the_opponent_is_the_one_the_story_names() -> None:
    text = "Pakistan's military said Pakistani forces shot down five Indian fighter aircraft and one drone."
    assert ("pakistan", "drones_downed", "india", 1, None) in keys(text)


def test_denial_of_a_figure_keeps_the_figure_and_the_claim_denied() -> None:
    text = "Pakistan dismissed as a fabrication an Afghan Taliban claim that 35 Pakistani soldiers were killed."
    by_stance = {c.stance: c for c in extract(text, published=PUBLISHED).claims}
    assert by_stance["denies"].claimant == "pakistan" and by_stance["denies"].value == 35
    assert by_stance["asserts"].claimant == "afghanistan"


def test_neither_confirmed_nor_denied_is_no_denial() -> None:
    assert keys("Pakistan neither confirmed nor denied responsibility for the airstrikes.") == set()


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Pakistan's army said 23 soldiers were martyred.", "acknowledges"),
        ("Pakistan's army said 23 Afghan fighters were killed.", "asserts"),
        ("UNAMA said 23 civilians were killed.", "asserts"),
    ],
)
def test_stance(text: str, stance: str) -> None:
    assert {c.stance for c in extract(text, published=PUBLISHED).claims} == {stance}


# --- subjects ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("ISPR said 30 militants were killed.", "militants"),
        ("ISPR said 30 terrorists were killed.", "militants"),
        ("UNAMA said 30 civilians were killed.", "civilians"),
        ("Israel's military said it carried out 20 air strikes on Lebanon.", "israel"),
        ("Pakistan's army said 50 of its own servicemen had been killed.", "pakistan"),
        ("Cambodia said 13 people had been killed on the Cambodian side.", "cambodia"),
    ],
)
def test_subjects(text: str, subject: str) -> None:
    assert {k[2] for k in keys(text)} == {subject}


def test_agent_tells_who_inflicted_the_loss() -> None:
    text = "His comments followed TTP attacks on Saturday, which killed 20 Pakistani security personnel."
    (claim,) = extract(text, published=PUBLISHED).claims
    assert claim.agent == "ttp" and claim.subject == "pakistan"


# --- not claims -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The border is 2,611 kilometres long.",
        "The conference brought together 90 delegates.",
        "Hundreds of trucks were stranded at Torkham.",
        "The Taliban suffered heavy casualties.",
        "Dozens of soldiers were killed, residents said.",
        "The ban has left 1.4 million students out of school.",
        "The Taliban returned to power in 2021.",
        "The earthquake killed more than 2,200 people, officials said.",
        "The 12-year-old was taken to hospital on 23 August 2024.",
        "Since October 12, the army has been on alert, ISPR said.",
        "Heavy rains killed 23 people in Khyber Pakhtunkhwa, the disaster authority said.",
        "The hospital received two boys, aged 9 and 12, for treatment.",
    ],
)
def test_non_claims(text: str) -> None:
    assert keys(text) == set()


# --- dates, places, stories, offsets ------------------------------------------------------------------------
def test_event_date_resolves_weekdays_against_publication() -> None:
    (claim,) = extract("The Taliban said 58 Pakistani soldiers were killed on Saturday.", published=PUBLISHED).claims
    assert claim.event_date == date(2025, 10, 11) and claim.date_basis == "sentence"


def test_statement_day_is_not_the_event_day() -> None:
    text = "Afghanistan announced on Sunday that its forces killed 58 Pakistani soldiers in overnight operations."
    (claim,) = extract(text, published=PUBLISHED).claims
    assert claim.event_date == date(2025, 10, 11)


def test_story_date_carries_to_the_story_claims() -> None:
    text = "Fighting broke out on Saturday.\nThe Taliban said 58 Pakistani soldiers were killed."
    (claim,) = extract(text, published=PUBLISHED).claims
    assert claim.event_date == date(2025, 10, 11) and claim.date_basis == "story"


def test_no_date_without_publication_or_text() -> None:
    (claim,) = extract("The Taliban said 58 Pakistani soldiers were killed.").claims
    assert claim.event_date is None


def test_provinces_come_from_the_gazetteer() -> None:
    (claim,) = extract("ISPR said 4 soldiers were martyred in Kurram district.", published=PUBLISHED).claims
    assert claim.provinces == ("Khyber Pakhtunkhwa",)


def test_claims_know_their_story() -> None:
    text = (
        "Clash on the border\n\nPakistan's army said 3 soldiers were martyred.\nThe fighting lasted hours.\n\n\n"
        "Vienna talks open\n\nUNAMA said 12 civilians were killed in Kunar.\nTalks go on.\n"
    )
    result = extract(text, published=PUBLISHED)
    assert {c.value: c.story for c in result.claims} == {3: 0, 12: 1}


def test_evidence_is_the_sentence_at_its_offsets() -> None:
    text = "Intro line.\n\nThe Taliban said 58 Pakistani soldiers were killed. Nothing else."
    result = extract(text)
    assert result.version == EXTRACTOR_VERSION
    (claim,) = result.claims
    assert text[claim.start:claim.end] == claim.evidence == "The Taliban said 58 Pakistani soldiers were killed."
    spec = claim_to_spec(claim, "a.txt")
    assert spec["article"] == "a.txt" and spec["event_date"] is None and spec["value_text"] == "58"


def test_headline_figure_repeated_in_the_body_is_kept_once() -> None:
    text = "Taliban claim 58 Pakistani soldiers killed\n\nThe Taliban said 58 Pakistani soldiers were killed."
    claims = extract(text, published=PUBLISHED).claims
    assert [c.evidence for c in claims] == ["The Taliban said 58 Pakistani soldiers were killed."]


def test_datelines_and_speaking_capitals_are_no_places_of_what_happened() -> None:
    # Issue 12: a border clash reported from Rawalpindi, with "Islamabad said", is no incident of Punjab or
    # Islamabad; a local report's dateline is its place when the sentence names no other.
    from app.extraction import extract

    text = (
        "Clash at the border\n\n"
        "RAWALPINDI: ISPR said 23 soldiers were martyred in Kurram on Saturday. Islamabad said 40 Afghan "
        "fighters were killed in Kunar. In Islamabad, the foreign office said two civilians were killed in Bajaur.\n\n"
        "LAKKI MARWAT: Four policemen were martyred when militants stormed a police station."
    )
    result = extract(text, published=date(2025, 10, 12))
    by_value = {c.value: c.provinces for c in result.claims}
    assert by_value[23] == ("Khyber Pakhtunkhwa",)
    assert by_value[40] == ("Kunar",)
    assert by_value[2] == ("Khyber Pakhtunkhwa",)
    assert by_value[4] == ("Khyber Pakhtunkhwa",)
    assert "Islamabad" not in result.places and "Punjab" not in result.places


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Islamabad reiterated that 12 soldiers were killed in Kurram.", ("Khyber Pakhtunkhwa",)),
        ("The Taliban sent letters to its embassy in Islamabad saying 5 civilians were killed in Kunar.", ("Kunar",)),
        ("Afghan authorities said Pakistani airstrikes in Kabul killed 5 civilians.", ("Kabul",)),
        ("The Taliban rejected accusations from Islamabad that 30 fighters were killed.", ()),
    ],
)
def test_a_capital_is_a_place_only_where_something_happens_in_it(sentence: str, places: tuple[str, ...]) -> None:
    # Issue 12: "Islamabad said", "a complaint to Islamabad", "its embassy in Islamabad" are the government or
    # its seat; "airstrikes in Kabul" happened in Kabul.
    from app.extraction import extract

    result = extract("Border report\n\n" + sentence, published=date(2025, 10, 12))
    assert result.claims, sentence
    assert result.claims[0].provinces == places
