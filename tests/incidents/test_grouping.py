"""Grouping event mentions into incidents: units built by hand, no database."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.extraction.types import ExtractedClaim, Extraction, Story
from app.incidents import grouping
from app.incidents.grouping import Unit, anchor, group, related, terms_of, units_from_extraction

D = date(2025, 10, 11)

# Wording of reports on one border clash, and of unrelated events of the same conflict.
CLASH = (
    "Taliban forces launched retaliatory attacks on Pakistani military outposts along the Durand Line "
    "overnight; heavy artillery exchanges in Kunar and Helmand; outposts captured; the defence ministry "
    "said the retaliatory operation ended at midnight"
)
CLASH_2 = (
    "Fierce border clashes along the Durand Line as Taliban forces attacked Pakistani outposts in "
    "retaliation for airstrikes; artillery exchanges in Kunar; Pakistan said its troops responded"
)
TTP = "A wave of deadly TTP attacks on checkpoints and convoys in north-western districts killed policemen"
LEAKS = "Leaked documents list airspace violations and aerial reconnaissance patrols by jets and drones in August"
AWARD = "A women's rights award will be presented at the Geneva summit to two activists"


def unit(
    key: str,
    *,
    published: date | None = D,
    events: tuple[date, ...] = (D,),
    provinces: tuple[str, ...] = (),
    parties: tuple[str, ...] = ("afghanistan", "pakistan"),
    figures: tuple[tuple[str, str, int], ...] = (),
    text: str = CLASH,
    article: str | None = None,
    story: int = 0,
    outlet: str | None = None,
) -> Unit:
    return Unit(
        key=key,
        article_key=article or key,
        story=story,
        published=published,
        outlet=outlet,
        event_dates=tuple(sorted(events)),
        provinces=frozenset(provinces),
        parties=frozenset(parties),
        figures=frozenset(figures),
        terms=terms_of(text),
        claim_indexes=(0,),
    )


def incidents(units: list[Unit]) -> set[frozenset[str]]:
    """The grouping as a set of incidents, each a set of unit keys."""
    labels = group(units)
    out: dict[str, set[str]] = {}
    for key, label in labels.items():
        out.setdefault(label, set()).add(key)
    return {frozenset(v) for v in out.values()}


# ---------------------------------------------------------------------------------------------
# related(): table of pairs


PAIRS = [
    # (case, a, b, related?)
    (
        "same clash, other outlets, different figures",
        unit("a", figures=(("killed", "pakistan", 58),), provinces=("Kunar",), outlet="JND"),
        unit("b", figures=(("killed", "pakistan", 23),), provinces=("Kunar", "Helmand"), text=CLASH_2),
        True,
    ),
    (
        "same clash, no places known on one side",
        unit("a", figures=(("killed", "pakistan", 58),)),
        unit("b", figures=(("killed", "afghanistan", 200),), provinces=("Kunar",), text=CLASH_2),
        True,
    ),
    (
        "same day, same sides, one names no place, nothing else in common",
        unit("a", provinces=("Kunar",), figures=(("killed", "pakistan", 5),)),
        unit("b", figures=(("killed", "pakistan", 9),), text=AWARD),
        False,
    ),
    (
        "same day, same sides, neither names a place, similar wording",
        unit("a", figures=(("killed", "pakistan", 58),)),
        unit("b", figures=(("killed", "afghanistan", 200),), text=CLASH_2),
        True,
    ),
    (
        "same day, other pair of sides (TTP attacks vs border clash)",
        unit("a", figures=(("killed", "pakistan", 58),), provinces=("Kunar",)),
        unit("b", parties=("pakistan", "ttp"), figures=(("killed", "pakistan", 20),), text=TTP),
        False,
    ),
    (
        "same day, other pair of sides even with the same wording and a shared figure",
        unit("a", figures=(("killed", "pakistan", 20),)),
        unit("b", parties=("pakistan", "ttp"), figures=(("killed", "pakistan", 20),)),
        False,
    ),
    (
        "same day, same sides, different provinces, nothing else in common",
        unit("a", provinces=("Kunar",), figures=(("killed", "pakistan", 5),)),
        unit("b", provinces=("Kurram",), figures=(("killed", "pakistan", 9),), text=AWARD),
        False,
    ),
    (
        "same day, same sides, different provinces but a shared figure",
        unit("a", provinces=("Kunar",), figures=(("killed", "pakistan", 58),)),
        unit("b", provinces=("Khost",), figures=(("killed", "pakistan", 58),), text=AWARD),
        True,
    ),
    (
        "event dates a day apart ('late Friday' vs 'Saturday')",
        unit("a", events=(D - timedelta(days=1),)),
        unit("b", events=(D,), text=CLASH_2),
        True,
    ),
    (
        "new clash a week later, same sides and places",
        unit("a", provinces=("Kunar",)),
        unit("b", events=(D + timedelta(days=7),), published=D + timedelta(days=7), provinces=("Kunar",)),
        False,
    ),
    (
        "new clash three days later, same sides and places, stated event dates",
        unit("a", provinces=("Kunar",)),
        unit("b", events=(D + timedelta(days=3),), published=D + timedelta(days=3), provinces=("Kunar",)),
        False,
    ),
    (
        "follow-up days later with revised figures and no event date",
        unit("a", provinces=("Kunar",), figures=(("killed", "pakistan", 9),), published=D + timedelta(days=1)),
        unit(
            "b",
            events=(),
            published=D + timedelta(days=3),
            parties=("pakistan",),
            provinces=("Kunar",),
            figures=(("killed", "pakistan", 20),),
            text=CLASH_2,
        ),
        True,
    ),
    (
        "follow-up a week later that dates the event",
        unit("a", figures=(("killed", "pakistan", 9),)),
        unit("b", published=D + timedelta(days=7), figures=(("killed", "pakistan", 20),), text=CLASH_2),
        True,
    ),
    (
        "undated-event report published before the event cannot report it",
        unit("a", events=(D + timedelta(days=2),), published=D + timedelta(days=2)),
        unit("b", events=(), published=D),
        False,
    ),
    (
        "one known side, same day, nothing else in common",
        unit("a", parties=("pakistan",), figures=(("killed", "pakistan", 12),), text=AWARD),
        unit("b", parties=("pakistan", "ttp"), figures=(("killed", "pakistan", 20),), text=TTP),
        False,
    ),
    (
        "one known side, same day, a shared figure",
        unit("a", parties=("pakistan",), figures=(("killed", "pakistan", 20),), text=AWARD),
        unit("b", parties=("pakistan", "ttp"), figures=(("killed", "pakistan", 20),), text=TTP),
        True,
    ),
    (
        "one known side, shared place and similar wording",
        unit("a", parties=("pakistan",), provinces=("Kunar",), text=CLASH_2),
        unit("b", provinces=("Kunar", "Helmand")),
        True,
    ),
    (
        "'no casualties' (0) ties nothing",
        unit("a", parties=("pakistan",), figures=(("killed", "pakistan", 0),), text=AWARD),
        unit("b", parties=("pakistan", "ttp"), figures=(("killed", "pakistan", 0),), text=TTP),
        False,
    ),
    (
        "undated units: same sides and wording, no shared figure",
        unit("a", events=(), published=None, figures=(("killed", "pakistan", 1),)),
        unit("b", figures=(("killed", "pakistan", 58),)),
        False,
    ),
    (
        "undated units: shared figure but different wording",
        unit("a", events=(), published=None, figures=(("airspace_violations", "pakistan", 55),), text=LEAKS),
        unit("b", figures=(("airspace_violations", "pakistan", 55),), text=AWARD),
        False,
    ),
    (
        "undated units: shared figure, same wording, same sides",
        unit("a", events=(), published=None, figures=(("airspace_violations", "pakistan", 55),), text=LEAKS),
        unit("b", figures=(("airspace_violations", "pakistan", 55),), text=LEAKS),
        True,
    ),
    (
        "undated units: two undated stories of one page, different matters",
        unit("a", events=(), published=None, figures=(("killed", "pakistan", 1),), article="p", story=0),
        unit("b", events=(), published=None, figures=(("air_patrols", "pakistan", 22),), article="p", story=1),
        False,
    ),
    (
        "units of one story were split on purpose",
        unit("a", article="x", story=2),
        unit("b", article="x", story=2, parties=("pakistan",)),
        False,
    ),
    (
        "published-only reports four days apart, beyond the window",
        unit("a", events=(), published=D),
        unit("b", events=(), published=D + timedelta(days=4)),
        False,
    ),
    (
        "published-only reports three days apart need more than the date",
        unit("a", events=(), published=D, provinces=("Kunar",), text=TTP),
        unit("b", events=(), published=D + timedelta(days=3), provinces=("Kunar",), text=AWARD),
        False,
    ),
    (
        "published-only reports the same day",
        unit("a", events=(), published=D, provinces=("Kunar",)),
        unit("b", events=(), published=D, provinces=("Kunar",), text=CLASH_2),
        True,
    ),
]


@pytest.mark.parametrize(("case", "a", "b", "expected"), PAIRS, ids=[p[0] for p in PAIRS])
def test_related_table(case: str, a: Unit, b: Unit, expected: bool) -> None:
    assert related(a, b) is expected, case
    assert related(b, a) is expected, f"{case} (reversed)"


def test_related_never_true_beyond_the_anchor_window() -> None:
    a = unit("a", figures=(("killed", "pakistan", 58),))
    for days in range(-10, 11):
        b = unit(
            "b",
            events=(D + timedelta(days=days),),
            published=D + timedelta(days=days),
            figures=(("killed", "pakistan", 58),),
        )
        assert anchor(b) is not None and anchor(a) is not None
        if abs(days) > grouping.WINDOW_DAYS:
            assert not related(a, b)
    assert related(a, unit("b", figures=(("killed", "pakistan", 58),)))


def test_anchor_prefers_event_date_then_publication() -> None:
    assert anchor(unit("a", events=(D, D - timedelta(days=1)))) == D - timedelta(days=1)
    assert anchor(unit("a", events=(), published=D)) == D
    assert anchor(unit("a", events=(), published=None)) is None


# ---------------------------------------------------------------------------------------------
# group(): whole scenarios


def scenario() -> list[Unit]:
    """Four outlets on one clash, a same-day TTP attack, a follow-up, a clash a week later, a leak."""
    return [
        unit("001", figures=(("killed", "pakistan", 12),), provinces=("Kunar", "Helmand"), outlet="A"),
        unit(
            "002",
            figures=(("killed", "pakistan", 58), ("killed", "pakistan", 23), ("killed", "afghanistan", 200)),
            provinces=("Kunar", "Kandahar"),
            text=CLASH_2,
            outlet="B",
        ),
        unit("003", figures=(("killed", "pakistan", 58), ("posts_captured", "pakistan", 25)), outlet="C"),
        unit("004a", article="004", figures=(("drones_downed", "afghanistan", 3),), provinces=("Kunar",)),
        unit(
            "004b",
            article="004",
            parties=("pakistan", "ttp"),
            figures=(("killed", "pakistan", 20), ("killed", "civilians", 3)),
            text=TTP,
        ),
        unit(
            "005-follow-up",
            events=(),
            published=D + timedelta(days=2),
            parties=("pakistan",),
            figures=(("killed", "pakistan", 23),),
            text=CLASH_2,
        ),
        unit(
            "006-week-later",
            events=(D + timedelta(days=7),),
            published=D + timedelta(days=8),
            provinces=("Kunar",),
            figures=(("killed", "pakistan", 7),),
        ),
        unit(
            "000-leak",
            events=(),
            published=None,
            figures=(("airspace_violations", "pakistan", 55),),
            text=LEAKS,
        ),
        unit("000-kp", events=(), published=None, figures=(("killed", "pakistan", 1),), provinces=("KP",)),
    ]


EXPECTED = {
    frozenset({"001", "002", "003", "004a", "005-follow-up"}),
    frozenset({"004b"}),
    frozenset({"006-week-later"}),
    frozenset({"000-leak"}),
    frozenset({"000-kp"}),
}


def test_group_scenario() -> None:
    assert incidents(scenario()) == EXPECTED


def test_a_vague_report_does_not_bridge_a_busy_day() -> None:
    """Three clashes of one pair of sides in three provinces on one day, and a one-line report that
    names neither a place nor a figure any of them carries: it must not fuse the three into one."""
    busy = [
        unit("kunar", provinces=("Kunar",), figures=(("killed", "pakistan", 7),), text=CLASH),
        unit("kurram", provinces=("Kurram",), figures=(("killed", "pakistan", 4),), text=TTP),
        unit("chaman", provinces=("Chaman",), figures=(("killed", "afghanistan", 3),), text=LEAKS),
        unit("vague", figures=(("killed", "pakistan", 2),), text=AWARD),
    ]
    assert incidents(busy) == {frozenset({k}) for k in ("kunar", "kurram", "chaman", "vague")}


def test_group_labels_are_least_unit_key() -> None:
    labels = group(scenario())
    assert labels["003"] == "001"
    assert labels["004b"] == "004b"
    assert set(labels) == {u.key for u in scenario()}


def test_group_does_not_depend_on_arrival_order() -> None:
    units = scenario()
    expected = group(units)
    rng = random.Random(7)
    for _ in range(200):
        shuffled = units[:]
        rng.shuffle(shuffled)
        assert group(shuffled) == expected


def test_group_incremental_merging_matches_batch() -> None:
    """Placing units one at a time, joining (and merging) every incident a unit is related to,
    gives the batch result for every arrival order of the articles: what the database does."""
    units = scenario()
    expected = incidents(units)
    for order in itertools.permutations(range(len(units)), len(units)):
        if random.Random(hash(order)).random() > 0.002:  # ~700 of the 362,880 orders
            continue
        placed: list[tuple[Unit, int]] = []
        next_id = 0
        for n in order:
            u = units[n]
            linked = {i for v, i in placed if related(u, v)}
            target = min(linked) if linked else next_id
            next_id += not linked
            placed = [(v, target if i in linked else i) for v, i in placed] + [(u, target)]
        got: dict[int, set[str]] = {}
        for v, i in placed:
            got.setdefault(i, set()).add(v.key)
        assert {frozenset(s) for s in got.values()} == expected


def test_group_chains_through_a_window_sweep_like_all_pairs() -> None:
    """The sweep compares only anchors within the window; the components equal all-pairs ones."""
    units = [
        unit(f"u{n}", events=(D + timedelta(days=n),), published=D + timedelta(days=n), text=CLASH)
        for n in range(0, 12, 1)
    ]
    brute: dict[str, str] = {u.key: u.key for u in units}

    def find(k: str) -> str:
        while brute[k] != k:
            k = brute[k]
        return k

    for a, b in itertools.combinations(units, 2):
        if related(a, b):
            ra, rb = find(a.key), find(b.key)
            brute[max(ra, rb)] = min(ra, rb)
    assert group(units) == {k: find(k) for k in brute}


unit_strategy = st.builds(
    unit,
    key=st.text(alphabet="abcdefgh", min_size=1, max_size=3),
    published=st.one_of(st.none(), st.integers(-6, 6).map(lambda n: D + timedelta(days=n))),
    events=st.lists(st.integers(-6, 6).map(lambda n: D + timedelta(days=n)), max_size=2).map(
        lambda ds: tuple(sorted(set(ds)))
    ),
    provinces=st.lists(st.sampled_from(["Kunar", "Helmand", "Khost"]), max_size=2).map(tuple),
    parties=st.lists(st.sampled_from(["afghanistan", "pakistan", "ttp"]), max_size=3).map(
        lambda ps: tuple(sorted(set(ps)))
    ),
    figures=st.lists(
        st.tuples(
            st.sampled_from(["killed", "wounded"]),
            st.sampled_from(["pakistan", "afghanistan"]),
            st.integers(0, 3),
        ),
        max_size=2,
    ).map(tuple),
    text=st.sampled_from([CLASH, CLASH_2, TTP, LEAKS, AWARD]),
    article=st.sampled_from([None, "x"]),
    story=st.integers(0, 1),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(unit_strategy, max_size=10, unique_by=lambda u: u.key), st.randoms(use_true_random=False))
def test_group_is_order_independent_and_matches_brute_force(units: list[Unit], rnd: random.Random) -> None:
    shuffled = units[:]
    rnd.shuffle(shuffled)
    labels = group(units)
    assert group(shuffled) == labels
    # Same components as comparing every pair, however far apart their anchors.
    for a, b in itertools.combinations(units, 2):
        assert related(a, b) == related(b, a)
        if related(a, b):
            assert labels[a.key] == labels[b.key]
    for key, label in labels.items():
        assert label <= key


# ---------------------------------------------------------------------------------------------
# units_from_extraction(): splitting an article


def claim(
    text: str,
    sentence: str,
    *,
    claimant: str,
    metric: str = "killed",
    subject: str,
    value: int | None,
    agent: str | None = None,
    event_date: date | None = D,
    story: int = 0,
    provinces: tuple[str, ...] = (),
    occurrence: int = 0,
) -> ExtractedClaim:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(sentence, start + 1)
    return ExtractedClaim(
        claimant=claimant,
        metric=metric,
        subject=subject,
        value=value,
        value_high=None,
        qualifier="exact",
        stance="acknowledges" if claimant == subject else "asserts",
        event_date=event_date,
        provinces=provinces,
        evidence=sentence,
        start=start,
        end=start + len(sentence),
        value_text=str(value),
        rule="test",
        story=story,
        agent=agent,
    )


TTP_SENTENCE = (
    "His comments followed deadly TTP attacks on Saturday, which killed 20 Pakistani security personnel "
    "and three civilians in several north-western districts."
)
ARTICLE = (
    "Taliban forces clashed with Pakistani troops along the border in Kunar on Saturday.\n"
    "The Taliban said 58 Pakistani soldiers were killed. Pakistan's army said 23 of its troops died.\n"
    "A Pakistani official said troops shot down three Afghan quadcopters. No casualties were confirmed.\n"
    "The defence minister spoke in parliament about the security situation in the country.\n"
    f"{TTP_SENTENCE}\n"
    "Last week, a separate Taliban raid in Kurram killed 4 Pakistani soldiers.\n"
)


def article_extraction() -> Extraction:
    t = ARTICLE
    claims = (
        claim(
            t,
            "The Taliban said 58 Pakistani soldiers were killed.",
            claimant="afghanistan",
            subject="pakistan",
            value=58,
        ),
        claim(
            t,
            "Pakistan's army said 23 of its troops died.",
            claimant="pakistan",
            subject="pakistan",
            value=23,
        ),
        claim(
            t,
            "A Pakistani official said troops shot down three Afghan quadcopters.",
            claimant="pakistan",
            metric="drones_downed",
            subject="afghanistan",
            value=3,
        ),
        claim(t, "No casualties were confirmed.", claimant="unattributed", subject="pakistan", value=0),
        claim(
            t,
            TTP_SENTENCE,
            claimant="unattributed",
            subject="pakistan",
            value=20,
            agent="ttp",
        ),
        claim(
            t,
            TTP_SENTENCE,
            claimant="unattributed",
            subject="civilians",
            value=3,
        ),
        claim(
            t,
            "Last week, a separate Taliban raid in Kurram killed 4 Pakistani soldiers.",
            claimant="unattributed",
            subject="pakistan",
            value=4,
            agent="afghanistan",
            event_date=D - timedelta(days=6),
            provinces=("Kurram",),
        ),
    )
    return Extraction(
        claims=claims,
        stories=(Story(index=0, start=0, end=len(t)),),
        version="test",
        places=("Kunar", "Kurram"),
    )


def test_units_split_a_story_by_sides_and_by_days() -> None:
    units = units_from_extraction(article_extraction(), ARTICLE, article_key="art", published=D, outlet="AFP")
    by_claims = {u.claim_indexes: u for u in units}
    assert set(by_claims) == {(0, 1, 2, 3), (4, 5), (6,)}
    clash, ttp, raid = by_claims[(0, 1, 2, 3)], by_claims[(4, 5)], by_claims[(6,)]
    assert clash.parties == {"afghanistan", "pakistan"}
    assert ttp.parties == {"pakistan", "ttp"}
    # The sideless civilians claim shares a sentence with the TTP claim and goes with it.
    assert ("killed", "civilians", 3) in ttp.figures
    # The recap of last week's raid has the same sides but another day: a unit of its own.
    assert raid.event_dates == (D - timedelta(days=6),)
    assert len({u.key for u in units}) == 3
    assert raid.key.endswith("@" + (D - timedelta(days=6)).isoformat())
    assert clash.key.startswith("art:0:afghanistan+pakistan@")
    assert ttp.key == "art:0:pakistan+ttp"
    # The main event is described by the whole story; the others by their own paragraphs.
    assert clash.provinces == {"Kunar", "Kurram"}
    assert ttp.provinces == frozenset()
    assert "quadcopter" in clash.terms and "quadcopter" not in ttp.terms
    assert all(u.published == D and u.outlet == "AFP" and u.article_key == "art" for u in units)
    # Units of one story are never related to each other.
    assert not any(related(a, b) for a, b in itertools.combinations(units, 2))


def test_units_without_distinguishing_sides_form_one_unit_per_story() -> None:
    t = "Twelve Pakistani soldiers were killed.\n\nA separate story: 3 drones were shot down.\n"
    claims = (
        claim(t, "Twelve Pakistani soldiers were killed.", claimant="unattributed", subject="pakistan", value=12),
        claim(
            t,
            "A separate story: 3 drones were shot down.",
            claimant="unattributed",
            metric="drones_downed",
            subject="afghanistan",
            value=3,
            story=1,
            event_date=None,
        ),
    )
    stories = (Story(index=0, start=0, end=38), Story(index=1, start=40, end=len(t)))
    ex = Extraction(claims=claims, stories=stories, version="test")
    units = units_from_extraction(ex, t, article_key="k", published=None, outlet=None)
    assert [(u.key, u.claim_indexes, u.parties) for u in units] == [
        ("k:0:pakistan", (0,), frozenset({"pakistan"})),
        ("k:1:afghanistan", (1,), frozenset({"afghanistan"})),
    ]
    assert units[1].event_dates == ()
    assert anchor(units[1]) is None


def test_units_of_an_article_without_claims() -> None:
    ex = Extraction(claims=(), stories=(Story(index=0, start=0, end=4),), version="test")
    assert units_from_extraction(ex, "text", article_key="k", published=D, outlet=None) == []


def test_units_do_not_depend_on_claim_order() -> None:
    ex = article_extraction()
    base = {
        (u.key, frozenset(ex.claims[i] for i in u.claim_indexes), u.provinces, u.terms)
        for u in units_from_extraction(ex, ARTICLE, article_key="a", published=D, outlet=None)
    }
    rng = random.Random(3)
    for _ in range(20):
        claims = list(ex.claims)
        rng.shuffle(claims)
        shuffled = Extraction(claims=tuple(claims), stories=ex.stories, version="test", places=ex.places)
        got = {
            (u.key, frozenset(shuffled.claims[i] for i in u.claim_indexes), u.provinces, u.terms)
            for u in units_from_extraction(shuffled, ARTICLE, article_key="a", published=D, outlet=None)
        }
        assert got == base


def test_claim_sides() -> None:
    t = "x" * 10
    own = claim(t, "x", claimant="pakistan", subject="pakistan", value=23)
    other = claim(t, "x", claimant="pakistan", subject="afghanistan", value=200)
    by_agent = claim(t, "x", claimant="unattributed", subject="pakistan", value=20, agent="ttp")
    civilians = claim(t, "x", claimant="third_party", subject="civilians", value=3)
    assert grouping.claim_sides(own) == {"pakistan"}
    assert grouping.claim_sides(other) == {"afghanistan", "pakistan"}
    assert grouping.claim_sides(by_agent) == {"pakistan", "ttp"}
    assert grouping.claim_sides(civilians) == frozenset()


def test_terms_drop_stop_words_and_fold_plurals() -> None:
    assert terms_of("The clashes and a clash at border posts, said officials on Saturday") == {
        "clash",
        "border",
        "post",
    }


def test_main_event_is_the_one_reported_in_most_sentences_then_first() -> None:
    """One sentence with two figures of a side event does not outweigh the main event told first."""
    t = (
        "Taliban forces and Pakistani troops clashed along the border in Kunar and Khost on Saturday.\n"
        "An official in Khyber Pakhtunkhwa said troops shot down three Afghan quadcopters.\n"
        f"{TTP_SENTENCE}\n"
    )
    claims = (
        claim(
            t,
            "An official in Khyber Pakhtunkhwa said troops shot down three Afghan quadcopters.",
            claimant="pakistan",
            metric="drones_downed",
            subject="afghanistan",
            value=3,
        ),
        claim(t, TTP_SENTENCE, claimant="pakistan", subject="pakistan", value=20, agent="ttp"),
        claim(t, TTP_SENTENCE, claimant="pakistan", subject="civilians", value=3, agent="ttp"),
    )
    ex = Extraction(
        claims=claims,
        stories=(Story(index=0, start=0, end=len(t)),),
        version="test",
        places=("Kunar", "Khost", "Khyber Pakhtunkhwa"),
    )
    clash, ttp = units_from_extraction(ex, t, article_key="k", published=D, outlet=None)
    assert clash.claim_indexes == (0,) and ttp.claim_indexes == (1, 2)
    # The main event takes the story's places; the side event only those of its own sentences.
    assert clash.provinces == {"Kunar", "Khost", "Khyber Pakhtunkhwa"}
    assert ttp.provinces == frozenset()
    assert "clashed" in clash.terms and "clashed" not in ttp.terms
