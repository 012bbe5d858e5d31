"""Claim sentences for the synthetic corpus: one figure (or two) that a party puts forward.

Each sentence is built together with the claim keys it carries, so the corpus can
report an indicative recall; the wording varies in voice (active, passive, noun
phrase), number form (digits, words, "a dozen", ranges), qualifier, speech verb
and attribution (reported speech, "according to", quotes, article voice).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from vocab import NUMBER_WORDS, OUTLETS, Conflict, Party

# (plural, singular) nouns for the two subjects that are not parties.
MILITANTS: tuple[tuple[str, str], ...] = (
    ("militants", "militant"),
    ("terrorists", "terrorist"),
    ("insurgents", "insurgent"),
    ("attackers", "attacker"),
    ("armed men", "gunman"),
)
CIVILIANS: tuple[tuple[str, str], ...] = (
    ("civilians", "civilian"),
    ("residents", "resident"),
    ("villagers", "villager"),
    ("non-combatants", "non-combatant"),
)
POSTS: tuple[str, ...] = ("posts", "border posts", "checkpoints", "military posts", "positions", "outposts")
# First words of speaker phrases that are common nouns, lower-cased inside a sentence.
COMMON_OPENERS = frozenset({"Hospital", "Police", "Local", "Doctors", "Security", "Emergency", "Regional"})
LOSS_METRICS = frozenset(
    {
        "killed",
        "wounded",
        "captured",
        "casualties",
        "posts_captured",
        "posts_destroyed",
        "posts_attacked",
        "drones_downed",
        "aircraft_downed",
        "vehicles_destroyed",
    }
)
ACTION_METRICS = frozenset({"airstrikes", "airspace_violations", "air_patrols", "cross_border_fire"})
PEOPLE_METRICS = frozenset({"killed", "wounded", "captured", "casualties"})


@dataclass(frozen=True, slots=True)
class Planted:
    """A claim the generator put into the text, in the vocabulary of spec/claims.md."""

    claimant: str
    metric: str
    subject: str
    value: int | None
    value_high: int | None
    qualifier: str
    stance: str
    event_date: str | None
    provinces: tuple[str, ...]
    optional: bool = False
    evidence: str = ""  # the sentence that carries the claim (without a dateline the page may prefix)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as it will be written, with what it means."""

    text: str
    value: int
    high: int | None
    qualifier: str
    plural: bool


@dataclass(frozen=True, slots=True)
class Setting:
    """Where and when a story's clash took place, as phrases and as data."""

    where: str  # " in Kunar province" or ""
    provinces: tuple[str, ...]
    when: str  # " on Saturday" or ""
    event_date: date | None


def iso(d: date | None) -> str | None:
    """Return `d` as an ISO string, or None."""
    return d.isoformat() if d else None


def cap(s: str) -> str:
    """Return `s` with its first letter upper-cased."""
    return s[:1].upper() + s[1:]


def _mid(speaker: str) -> str:
    """Return a speaker phrase as it reads inside a sentence ("the ISPR"); an appositive keeps its comma."""
    for article in ("The ", "A "):
        if speaker.startswith(article):
            return article.lower() + speaker[len(article) :]
    if speaker.split(" ", 1)[0] in COMMON_OPENERS:
        return speaker[:1].lower() + speaker[1:]
    return speaker


def _words(n: int) -> str | None:
    """Return `n` in English words when it is short to write (up to ninety-nine), else None."""
    if n in NUMBER_WORDS:
        return NUMBER_WORDS[n]
    if 20 < n < 100 and n % 10 in NUMBER_WORDS:
        return f"{NUMBER_WORDS[n - n % 10]}-{NUMBER_WORDS[n % 10]}"
    return None


def _digits(n: int) -> str:
    """Return `n` as digits with thousands separators."""
    return f"{n:,}"


def _number(rng: random.Random, n: int) -> str:
    """Return `n` written as a reporter might: digits mostly, words or "a dozen" sometimes."""
    if n == 12 and rng.random() < 0.3:
        return "a dozen"
    if n == 24 and rng.random() < 0.3:
        return "two dozen"
    words = _words(n)
    if words is not None and (n < 10 or rng.random() < 0.3):
        return words
    return _digits(n)


def draw_value(rng: random.Random, metric: str, conflict: Conflict, subject: str) -> int:
    """Return a plausible count for `metric` in `conflict`."""
    big_war = conflict.key == "rusukr"
    if metric == "casualties":
        return rng.randint(850, 1550) if big_war and subject in ("ukraine", "russia") else rng.randint(8, 120)
    if metric == "drones_downed":
        return rng.randint(12, 340) if big_war else rng.randint(1, 25)
    if metric in ("killed", "wounded", "captured"):
        r = rng.random()
        if r < 0.5:
            return rng.randint(1, 15)
        if r < 0.85:
            return rng.randint(16, 90)
        return rng.randint(10, 45) * 10
    upper = {
        "posts_captured": 30,
        "posts_destroyed": 25,
        "posts_attacked": 40,
        "aircraft_downed": 6,
        "vehicles_destroyed": 45,
        "airstrikes": 40,
        "airspace_violations": 60,
        "air_patrols": 40,
        "cross_border_fire": 60,
    }[metric]
    return rng.randint(1 if metric != "airspace_violations" else 4, upper)


QUALIFIERS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("exact", ("",), 50),
    ("at_least", ("at least", "no fewer than", "a minimum of"), 15),
    ("more_than", ("more than", "over"), 10),
    ("about", ("around", "about", "some", "nearly", "roughly", "approximately", "close to"), 12),
    ("up_to", ("up to", "as many as"), 6),
    ("range", ("",), 7),
)


def figure(rng: random.Random, value: int, *, allow_range: bool = True) -> Figure:
    """Return `value` dressed with a qualifier and written in one of several number forms."""
    names = [q[0] for q in QUALIFIERS if allow_range or q[0] != "range"]
    weights = [q[2] for q in QUALIFIERS if allow_range or q[0] != "range"]
    qualifier = rng.choices(names, weights)[0]
    if value == 1 and qualifier != "exact":
        qualifier = "exact"
    if qualifier == "range":
        step = max(2, round(value * rng.choice((0.2, 0.3, 0.5))))
        high = value + step
        if value >= 30:
            value, high = round(value, -1) or 10, round(high, -1) + 10
        form = rng.randrange(3)
        lo_text, hi_text = _number(rng, value), _digits(high) if value >= 10 else _number(rng, high)
        if form == 0:
            text = f"between {lo_text} and {hi_text}"
        elif form == 1:
            text = f"{lo_text} to {hi_text}"
        else:
            text = f"{_digits(value)}-{_digits(high)}"
        return Figure(text, value, high, "range", True)
    if qualifier == "about" and value > 20:
        value = round(value, -1)
    words = dict((q[0], q[1]) for q in QUALIFIERS)[qualifier]
    prefix = rng.choice(words)
    number = "one" if value == 1 and rng.random() < 0.7 else _number(rng, value)
    if value == 1 and number == "one" and rng.random() < 0.3:
        number = "a"
    text = f"{prefix} {number}".strip()
    return Figure(text, value, None, qualifier, value != 1)


def people(rng: random.Random, party: Party | None, fig: Figure, kind: str = "party") -> str:
    """Return a noun phrase for people of `party` (or militants/civilians) agreeing with `fig`."""
    if kind in ("militants", "civilians"):
        plural, singular = rng.choice(MILITANTS if kind == "militants" else CIVILIANS)
        return f"{fig.text} {plural if fig.plural else singular}"
    assert party is not None
    noun = rng.choice(party.people if fig.plural else party.person)
    if fig.text == "a" and noun[:1] in "AEIOU":
        return f"an {noun}"
    return f"{fig.text} {noun}"


def _be(fig: Figure, present_perfect: bool = False) -> str:
    """Return the auxiliary agreeing with `fig` ("were"/"was", "have been"/"has been")."""
    if present_perfect:
        return "have been" if fig.plural else "has been"
    return "were" if fig.plural else "was"


def _things(rng: random.Random, metric: str, owner: Party, fig: Figure) -> str:
    """Return a noun phrase counting posts, drones, aircraft or vehicles owned by `owner`."""
    nouns = {
        "posts_captured": POSTS,
        "posts_destroyed": POSTS,
        "posts_attacked": POSTS,
        "drones_downed": ("drones", "quadcopters", "unmanned aerial vehicles", "drones"),
        "aircraft_downed": ("fighter jets", "aircraft", "helicopters", "jets"),
        "vehicles_destroyed": ("tanks", "armoured vehicles", "artillery pieces", "military vehicles"),
    }[metric]
    noun = rng.choice(nouns)
    if not fig.plural:
        noun = {"aircraft": "aircraft", "artillery pieces": "artillery piece"}.get(noun, noun.rstrip("s"))
    return f"{fig.text} {owner.adj} {noun}"


def loss_clause(
    rng: random.Random,
    metric: str,
    victim: Party | None,
    victim_kind: str,
    agent: Party | None,
    fig: Figure,
    setting: Setting,
    *,
    own: bool = False,
) -> str:
    """Return a clause (no final stop, lower-case start) stating that `victim` suffered `fig` of `metric`.

    `own` says the speaker counts its own side's losses, which is when "martyred" is said.
    """
    place, when = setting.where, setting.when
    if metric in PEOPLE_METRICS:
        np = people(rng, victim, fig, victim_kind)
        forms: list[str]
        if metric == "killed":
            verb = rng.choice(("killed", "killed", "martyred")) if own else "killed"
            forms = [f"{np} {_be(fig)} {verb}{place}{when}", f"{np} {_be(fig, True)} killed{place}{when}"]
            if fig.plural:
                forms.append(f"{np} lost their lives{place}{when}")
            if agent is not None:
                forces = rng.choice(agent.forces)
                active = rng.choice(("killed", "killed", "neutralized", "eliminated"))
                forms += [f"{forces} {active} {np}{place}{when}", f"{forces} had killed {np}{place}{when}"]
        elif metric == "wounded":
            verb = rng.choice(("wounded", "injured", "wounded"))
            forms = [f"{np} {_be(fig)} {verb}{place}{when}", f"{np} sustained injuries{place}{when}"]
            if agent is not None:
                forms.append(f"{rng.choice(agent.forces)} wounded {np}{place}{when}")
        elif metric == "captured":
            forms = [
                f"{np} {_be(fig)} taken prisoner{place}{when}",
                f"{np} {_be(fig)} captured alive{place}{when}",
            ]
            if agent is not None:
                forms.append(f"{rng.choice(agent.forces)} captured {np}{place}{when}")
        else:  # casualties
            forms = [f"{np} {_be(fig)} killed or wounded{place}{when}"]
            if agent is not None:
                forms.append(f"{rng.choice(agent.forces)} inflicted {fig.text} casualties on the enemy{place}{when}")
            if victim is not None:
                forms.append(f"{rng.choice(victim.forces)} suffered {fig.text} casualties{place}{when}")
                forms.append(f"{rng.choice(victim.forces)} suffered losses of {fig.text} servicemen{place}{when}")
        return rng.choice(forms)
    assert victim is not None
    things = _things(rng, metric, victim, fig)
    verb_passive, verb_active = {
        "posts_captured": (rng.choice(("captured", "seized", "overrun")), rng.choice(("captured", "seized"))),
        "posts_destroyed": ("destroyed", rng.choice(("destroyed", "demolished"))),
        "posts_attacked": ("attacked", rng.choice(("attacked", "targeted"))),
        "drones_downed": (rng.choice(("shot down", "downed", "intercepted and destroyed")), "shot down"),
        "aircraft_downed": ("shot down", rng.choice(("shot down", "downed"))),
        "vehicles_destroyed": ("destroyed", rng.choice(("destroyed", "knocked out"))),
    }[metric]
    forms = [f"{things} {_be(fig)} {verb_passive}{place}{when}"]
    if agent is not None:
        forms.append(f"{rng.choice(agent.forces)} {verb_active} {things}{place}{when}")
        if metric == "posts_captured":
            forms.append(f"{rng.choice(agent.forces)} took control of {things}{place}{when}")
        if metric == "posts_attacked":
            forms.append(f"{rng.choice(agent.forces)} launched attacks on {things}{place}{when}")
    return rng.choice(forms)


def action_clause(rng: random.Random, metric: str, actor: Party, victim: Party, fig: Figure, setting: Setting) -> str:
    """Return a clause stating that `actor` carried out `fig` of action `metric` against `victim`."""
    place, when = setting.where, setting.when
    forces = rng.choice(actor.forces)
    if metric == "airstrikes":
        forms = [
            f"{forces} carried out {fig.text} {'airstrikes' if fig.plural else 'airstrike'}{place}{when}",
            f"{fig.text} {actor.adj} {'air strikes' if fig.plural else 'air strike'} hit targets{place}{when}",
            f"{actor.adj} jets conducted {fig.text} {'strikes' if fig.plural else 'strike'} on "
            f"{victim.territory} territory{when}",
        ]
    elif metric == "airspace_violations":
        forms = [
            f"{actor.adj} aircraft violated {victim.territory} airspace {fig.text} times{when}",
            f"{forces} committed {fig.text} airspace violations{when}",
            f"there had been {fig.text} violations of {victim.territory} airspace by {actor.adj} jets{when}",
        ]
    elif metric == "air_patrols":
        forms = [
            f"{actor.adj} jets and drones conducted {fig.text} reconnaissance flights over "
            f"{victim.territory} territory{when}",
            f"{actor.adj} aircraft carried out {fig.text} aerial patrols over the border areas{when}",
        ]
    else:  # cross_border_fire
        forms = [
            f"{forces} fired across the border {fig.text} times{when}",
            f"{forces} opened fire into {victim.territory} territory on {fig.text} occasions{when}",
            f"{forces} committed {fig.text} ceasefire violations{place}{when}",
        ]
    return rng.choice(forms)


SAY = (
    "said",
    "said",
    "said",
    "claimed",
    "stated",
    "announced",
    "reported",
    "alleged",
    "insisted",
    "maintained",
)
ACK = ("confirmed", "acknowledged", "admitted", "said", "said")


def attribute(rng: random.Random, clause: str, speaker: str, *, acknowledges: bool, when: str) -> str:
    """Return a full sentence that attributes `clause` to `speaker` in one of several frames.

    `when` dates the statement (" on Sunday"), not the event; it may be empty.
    """
    verb = rng.choice(ACK if acknowledges else SAY)
    outlet = rng.choice(OUTLETS)
    mid, start = _mid(speaker), cap(speaker)
    # After the clause, an appositive speaker ("Mujahid, the chief spokesman,") reads better inverted.
    said_after = f"{verb} {mid.rstrip(',')}" if speaker.endswith(",") else f"{mid} {verb}"
    frame = rng.randrange(9)
    if frame == 0:
        return f"{start} {verb}{when} that {clause}."
    if frame == 1:
        return f"{cap(clause)}, {said_after}."
    if frame == 2:
        return f"According to {mid.rstrip(',')}, {clause}."
    if frame == 3:
        return f"{start} {verb} {clause}."
    if frame == 4:
        return f"In a statement issued{when or ' late in the evening'}, {mid} said {clause}."
    if frame == 5:
        return f"{start} told {outlet} that {clause}."
    if frame == 6:
        return f"{cap(clause)}, {said_after} in a statement, without providing evidence."
    if frame == 7:
        return f"{start} {verb} in a post on X that {clause}."
    return f"{cap(clause)}, according to {mid.rstrip(',')}."
