"""Claim sentences in the context of a story: who speaks, which claims a sentence plants, denials.

A story fixes the conflict, the places and the day; each maker below returns one
sentence and the claims it carries (spec/claims.md vocabulary), recording them
in the story so later sentences (denials) can refer back to them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date

from claims import (
    ACTION_METRICS,
    Figure,
    Planted,
    Setting,
    action_clause,
    attribute,
    cap,
    draw_value,
    figure,
    iso,
    loss_clause,
    people,
)
from vocab import OUTLETS, Conflict, Party

# Conflicts where only one side flies airstrikes, patrols and airspace violations.
AIR_POWER: dict[str, str] = {"afpak": "pakistan", "thaicam": "thailand"}


@dataclass(slots=True)
class StoryState:
    """What a story has said so far: claims (for denials to refer to) and officials already introduced."""

    conflict: Conflict
    published: date | None
    places: list[tuple[str, str | None]]
    when: str
    event_date: date | None
    claims: list[Planted] = field(default_factory=list)
    introduced: set[str] = field(default_factory=set)


def _setting(rng: random.Random, st: StoryState) -> Setting:
    """Return where/when phrases for one claim sentence: each is stated about half of the time."""
    where: str = ""
    provinces: tuple[str, ...] = ()
    if rng.random() < 0.55:
        phrase, province = rng.choice(st.places)
        prep = rng.choice((" in", " in", " near", " along the border in"))
        where, provinces = f"{prep} {phrase}", ((province,) if province else ())
    if rng.random() < 0.5:
        return Setting(where, provinces, st.when, st.event_date)
    return Setting(where, provinces, "", None)


def _pick_metric(rng: random.Random, conflict: Conflict) -> str:
    """Return a metric drawn with the conflict's weights."""
    names = [m for m, _ in conflict.metrics]
    return rng.choices(names, [w for _, w in conflict.metrics])[0]


def _other(conflict: Conflict, party: Party) -> Party:
    """Return the side facing `party`."""
    return conflict.b if party is conflict.a else conflict.a


def _speaker(rng: random.Random, st: StoryState, party: Party) -> str:
    """Return a speaker phrase for `party`; a named official is introduced in full once, then by surname."""
    if rng.random() < 0.25 and party.officials:
        full, short = rng.choice(party.officials)
        if full in st.introduced:
            return short
        st.introduced.add(full)
        return full  # may open with a lower-case role ("deputy spokesman ..."): callers capitalise
    return rng.choice(party.speakers)


def _plant(
    st: StoryState,
    claimant: str,
    metric: str,
    subject: str,
    fig: Figure | None,
    stance: str,
    setting: Setting,
    optional: bool = False,
) -> Planted:
    """Return (and remember) a planted claim."""
    claim = Planted(
        claimant=claimant,
        metric=metric,
        subject=subject,
        value=fig.value if fig else None,
        value_high=fig.high if fig else None,
        qualifier=fig.qualifier if fig else "exact",
        stance=stance,
        event_date=iso(setting.event_date),
        provinces=setting.provinces,
        optional=optional,
    )
    st.claims.append(claim)
    return claim


def evidence(st: StoryState, sentence: str, planted: list[Planted]) -> list[Planted]:
    """Return `planted` with `sentence` as their evidence, updating the story's record of them too."""
    if not planted:
        return planted
    done = [replace(p, evidence=sentence) for p in planted]
    # The sentence's claims are the last ones the story recorded (in any order).
    st.claims[-len(done) :] = done
    return done


def party_claim(rng: random.Random, st: StoryState, metric: str | None = None) -> tuple[str, list[Planted]]:
    """Return a sentence in which one side states a count, and the claims it carries."""
    c = st.conflict
    claimant = rng.choice((c.a, c.b))
    metric = metric or _pick_metric(rng, c)
    setting = _setting(rng, st)
    if metric in ACTION_METRICS:
        if metric != "cross_border_fire" and c.key in AIR_POWER:
            claimant = c.a if AIR_POWER[c.key] == c.b.id else c.b
        actor = _other(c, claimant)
        fig = figure(rng, draw_value(rng, metric, c, actor.id))
        clause = action_clause(rng, metric, actor, claimant, fig, setting)
        sentence = attribute(rng, clause, _speaker(rng, st, claimant), acknowledges=False, when="")
        return sentence, [_plant(st, claimant.id, metric, actor.id, fig, "asserts", setting)]
    # A TTP statement never counts its own dead here; Pakistan's often counts "terrorists" without a group.
    own = claimant.id != "ttp" and metric in ("killed", "wounded") and rng.random() < 0.3
    victim = claimant if own else _other(c, claimant)
    kind = "party"
    if c.key == "ttp" and claimant.id == "pakistan" and not own and metric in ("killed", "wounded", "captured"):
        kind = "militants" if rng.random() < 0.6 else "party"
    subject = "militants" if kind == "militants" else victim.id
    fig = figure(rng, draw_value(rng, metric, c, subject))
    agent = None if own else claimant
    planted: list[Planted] = []
    if metric == "killed" and rng.random() < 0.25:
        # Two figures in one sentence: killed and wounded.
        fig2 = figure(rng, draw_value(rng, "wounded", c, subject), allow_range=False)
        np = people(rng, victim, fig, kind)
        verb = "were" if fig.plural else "was"
        clause = f"{np} {verb} killed and {fig2.text} {'others' if fig2.plural else 'other'} wounded" + (
            f"{setting.where}{setting.when}"
        )
        planted.append(_plant(st, claimant.id, "wounded", subject, fig2, "acknowledges" if own else "asserts", setting))
    else:
        clause = loss_clause(rng, metric, victim, kind, agent, fig, setting, own=own)
    sentence = attribute(rng, clause, _speaker(rng, st, claimant), acknowledges=own, when="")
    planted.insert(0, _plant(st, claimant.id, metric, subject, fig, "acknowledges" if own else "asserts", setting))
    return sentence, planted


def quoted_claim(rng: random.Random, st: StoryState) -> tuple[str, list[Planted]]:
    """Return a first-person quote with a figure, attributed to a named official."""
    c = st.conflict
    claimant = rng.choice([p for p in (c.a, c.b) if p.officials])
    enemy = _other(c, claimant)
    full, short = rng.choice(claimant.officials)
    name = short if full in st.introduced else full
    st.introduced.add(full)
    setting = Setting("", (), "", None)
    outlet = rng.choice(OUTLETS)
    form = rng.randrange(4)
    if form == 0:
        fig = figure(rng, draw_value(rng, "killed", c, enemy.id))
        fig2 = figure(rng, draw_value(rng, "posts_destroyed", c, enemy.id), allow_range=False)
        posts = "posts" if fig2.plural else "post"
        killed = people(rng, enemy, fig)
        text = f'"We killed {killed} and destroyed {fig2.text} of their {posts}," {name} told {outlet}.'
        return text, [
            _plant(st, claimant.id, "killed", enemy.id, fig, "asserts", setting),
            _plant(st, claimant.id, "posts_destroyed", enemy.id, fig2, "asserts", setting),
        ]
    if form == 1 and claimant.id != "ttp":
        fig = figure(rng, draw_value(rng, "killed", c, claimant.id), allow_range=False)
        noun = "brave soldiers" if fig.plural else "brave soldier"
        text = f'"We lost {fig.text} of our {noun}, and the nation salutes them," {name} said.'
        if fig.value == 1 and fig.text in ("one", "a"):
            text = f'"We lost one of our brave soldiers, and the nation salutes him," {name} said.'
        return text, [_plant(st, claimant.id, "killed", claimant.id, fig, "acknowledges", setting)]
    if form == 2 and "drones_downed" in dict(c.metrics):
        fig = figure(rng, draw_value(rng, "drones_downed", c, enemy.id))
        text = f'"Our air defences shot down {fig.text} enemy drones{st.when}," {name} said.'
        return text, [_plant(st, claimant.id, "drones_downed", enemy.id, fig, "asserts", setting)]
    fig = figure(rng, draw_value(rng, "killed", c, enemy.id))
    np = people(rng, enemy, fig)
    text = f'{cap(name)} said: "{np[:1].upper()}{np[1:]} {"were" if fig.plural else "was"} sent to hell."'
    return text, [_plant(st, claimant.id, "killed", enemy.id, fig, "asserts", setting)]


def other_voice_claim(rng: random.Random, st: StoryState) -> tuple[str, list[Planted]]:
    """Return a count from an independent source or in the article's own voice."""
    c = st.conflict
    setting = _setting(rng, st)
    metric = rng.choice(("killed", "killed", "wounded"))
    kind = rng.choice(("civilians", "civilians", "party"))
    victim = rng.choice((c.a, c.b))
    subject = "civilians" if kind == "civilians" else victim.id
    fig = figure(rng, draw_value(rng, metric, c, subject))
    clause = loss_clause(rng, metric, victim, kind, None, fig, setting)
    if rng.random() < 0.55:
        speaker = rng.choice(c.third_parties)
        sentence = attribute(rng, clause, speaker, acknowledges=False, when="")
        return sentence, [_plant(st, "third_party", metric, subject, fig, "asserts", setting)]
    tail = rng.choice(("", "", f" as fighting flared along {c.line_name}", ", in the deadliest clash in months"))
    sentence = f"{clause[:1].upper()}{clause[1:]}{tail}."
    return sentence, [_plant(st, "unattributed", metric, subject, fig, "asserts", setting)]


def denial(rng: random.Random, st: StoryState) -> tuple[str, list[Planted]]:
    """Return a sentence in which a side rejects a figure or an event."""
    c = st.conflict
    setting = Setting("", (), "", None)
    # Deny a figure the other side put forward earlier in the story, when there is one.
    earlier = [
        p
        for p in st.claims
        if p.stance == "asserts"
        and p.metric == "killed"
        and p.value
        and p.subject in (c.a.id, c.b.id)
        and p.claimant != p.subject
        and p.value_high is None
    ]
    if earlier and rng.random() < 0.6:
        target = rng.choice(earlier)
        denier = c.a if target.subject == c.a.id else c.b
        fig = Figure(f"{target.value:,}", target.value or 0, None, "exact", True)
        speaker = cap(_speaker(rng, st, denier))
        text = rng.choice(
            (
                f"{speaker} rejected claims that {fig.text} of its soldiers had been killed, calling them propaganda.",
                f'{speaker} dismissed the figure of {fig.text} dead as "baseless".',
            )
        )
        return text, [_plant(st, denier.id, "killed", denier.id, fig, "denies", setting)]
    denier = rng.choice((c.a, c.b))
    speaker = cap(_speaker(rng, st, denier))
    form = rng.randrange(3)
    if form == 0 and denier.id != "ttp":
        text = f"{speaker} denied that any of its posts had been captured."
        return text, [_plant(st, denier.id, "posts_captured", denier.id, None, "denies", setting)]
    if form == 1 and "airstrikes" in dict(c.metrics):
        text = f"{speaker} denied carrying out airstrikes in {rng.choice(st.places)[0]}."
        return text, [_plant(st, denier.id, "airstrikes", denier.id, None, "denies", setting)]
    other = _other(c, denier)
    text = f"{speaker} rejected the {other.adj} claims as exaggerated and said the situation was under control."
    return text, []
