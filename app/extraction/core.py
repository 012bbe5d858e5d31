"""The pipeline: text in, claims out, each with the sentence it came from."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import partial

from .agents import find_agent
from .attribution import Attributor
from .context import (
    Dates,
    Places,
    publication,
)
from .denied import find_denied
from .figure import Figure
from .lexicon import Lexicon, default_lexicon
from .metrics import ACTION_METRICS, DISASTER_PADDED, find_figures
from .patterns import fold, lowered, phrase_key
from .roles import find_subject
from .scan import FIGURE_WORDS, TRIGGER_SCAN, TextScan
from .sentences import Layout, layout
from .speakers import defined_names, government_names
from .speech import HOME
from .tallies import inline_lists, tally_lines
from .types import ExtractedClaim, Extraction

EXTRACTOR_VERSION = "2026.12.5"

# "called the claim baseless", "rejected these figures": the denial points back to a claim.
_ANAPHORIC_OBJECT = re.compile(
    r"\b(?:claims?|reports?|figures?|allegations?|assertions?|numbers?|toll|tally|count|findings|accounts?|versions?"
    r"|estimates?|statements?)\b",
    re.I,
)
# A sentence that may deny something without a figure ("no post had been overrun", "did not target civilians").
_NEGATION_WORDS = (" no ", "none", " not ", "never", "n't", "n’t", '"no ', "“no ", '"not ', "“not ")
_NEGATED_EVENT = lowered(
    r"\b(?:no|none\s+of\s+(?:its|their|our|the)|not\s+(?:a\s+)?single|not\s+one\s+of\s+(?:its|their|our))\s+"
    r"(?:[\w\-]+\s+){0,2}?(?=(?:posts?|outposts?|checkposts?|positions?|bases?|soldiers?|troops?|personnel|aircraft"
    r"|jets?|planes?|helicopters?|drones?|pilots?)\b)"
)
# "do not target civilians", "There were no civilian casualties", "did not strike civilian objects": a denial of
# civilian dead without a figure.
_NEGATED_CIVILIAN = lowered(
    r"\b(?:no|not|never|n['’]t)\s+(?:(?:any|a\s+single|credible|evidence|indication|that)\s+)*(?:[\w\-]+\s+){0,2}?"
    r"(?:civilians?|civilian\s+(?:casualties|deaths|areas?|objects?|targets?|sites?|population|homes)|residential\s+areas?"
    r"|non[\s\-]?combatants)\b"
)
# "the post had never been overrun", "the base near Mahaday had not fallen", "not one post had changed hands".
_POST_HELD = lowered(
    r"\b(?:posts?|outposts?|checkposts?|bases?|camps?|positions?)\b[^,;.]{0,40}?\b(?:(?:had|has|have|was|were|is|are)\s+)?"
    r"(?:never|not)\s+(?:been\s+)?(?:overrun|fallen|fell|captured|seized|taken|lost|changed\s+hands)\b"
    r"|\b(?:no|not\s+(?:a\s+single|one))\s+(?:[\w\-]+\s+){0,2}?(?:posts?|outposts?|bases?|positions?)\s+(?:had\s+|has\s+)?"
    r"changed\s+hands"
)
# A strike report with its own figure ("killed four fighters and no civilians were hurt") is an assessment, not a
# denial; "gave no figures for civilians" and "made no mention of civilian casualties" deny nothing.
_FIGURE_NEAR = lowered(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores)\b")
_NO_WORD = lowered(
    r"\b(?:figures?|comment|mention|word|details?|information|numbers?|toll|distinguish\w*|differentiate\w*)\b"
)
_CLAUSE_STOP = re.compile(r"[;:]|,\s+(?:but|while|and\s+that)\b|\band\s+(?:that|said)\b")
# A claim named by what it counts: "the abduction claim", "capture claims", "the casualty claim", "its dead".
_CLAIM_KIND = re.compile(
    r"\b(?:(?P<capture>abduction|kidnapping|capture|hostage)|(?P<aircraft>helicopter|aircraft|jet|warplane|plane)"
    r"|(?P<drone>drone|UAV)|casualty|death\s+toll|toll|dead)\s+(?:claims?|figures?|count|reports?)\b"
    r"|\bnames?\s+of\s+its\s+dead\b",
    re.I,
)
_MARTYRED = lowered(r"\bmartyr(?:ed|dom)\b|\bembraced\s+(?:martyrdom|shahadat)\b|\bshaheed\b")
# ("rejected the figure as baseless" denies the claim, not a number: most annotators leave its value empty)
_A_FIGURE = re.compile(r"(?:number|toll|tally|count)", re.I)
_PEOPLE = re.compile(r"^(?:people|persons|individuals)$", re.I)
_ANAPHOR_NEXT = re.compile(r"(?:The|These|Those|Such)\s+(?P<words>(?:[\w\-]+\s+){0,2}[\w\-]+)")


def extract(
    text: str, *, published: date | None = None, title: str | None = None, lexicon: Lexicon | None = None
) -> Extraction:
    """Every claim in `text`, with its story, evidence sentence and offsets."""
    lay = layout(text, title)
    ref = published or publication(text, lay)
    places = Places(text, lay)
    lex = _lexicon_for(text, lexicon or default_lexicon(), places)
    lex = lex.with_local({**government_names(text, lex, places.all), **defined_names(text, lex)})
    lex.reading(text)
    scan = TextScan(text, [s.start for s in lay.sentences], [s.end for s in lay.sentences])
    attributor = Attributor(text, lay, lex, scan)
    dates = Dates(text, lay, ref, scan)
    claims: list[ExtractedClaim] = []
    # Only a sentence with a trigger word can hold a claim: the other scans run on those alone.
    triggers = scan.by_sentence(TRIGGER_SCAN)
    # (A tally table's lines hold no trigger: each is read as the sentence it stands for, see tallies.py.)
    tallies = {**inline_lists(text, lay), **tally_lines(text, lay)} if ":" in text else {}
    attributor.items = frozenset(tallies)
    for idx in sorted(triggers.keys() | tallies.keys()):
        sent = lay.sentences[idx]
        if sent.boilerplate:
            continue
        if idx in tallies:
            claims += _tally_claims(idx, tallies[idx], lex, attributor, dates, places, lay)
            continue
        words = scan.fill(FIGURE_WORDS, idx)
        numbers, singular, denied = words["number"], bool(words["singular"]), bool(words["denial"])
        s = text[sent.start:sent.end]
        low = fold(s)
        if low.startswith(("no ", "not ")) or any(w in low for w in _NEGATION_WORDS):
            claims += _denials_by_negation(idx, s, low, lex, attributor, dates, places, lay)
        if not (numbers or singular or denied):
            continue
        if DISASTER_PADDED.search(scan.padded_folded, sent.start, sent.end + 1):
            continue  # an earthquake's toll is no party's claim
        figures = find_figures(s, lex, numbers=numbers, triggers=triggers[idx], singular=singular, low=low)
        if figures:
            before = _subject_before(claims, lay, idx)
            claims += _claims_of_figures(idx, s, figures, lex, attributor, dates, places, lay, before)
        if denied:
            claims += _denials_without_figures(idx, s, figures, lex, attributor, dates, places, claims, lay)
    claims = _bystanders(claims, lex, attributor, places)
    claims = _dedupe(claims, lay)
    return Extraction(
        claims=tuple(claims),
        stories=lay.stories,
        version=EXTRACTOR_VERSION,
        # (Only places where the text says something happened: not datelines, not capitals that speak.)
        places=tuple(dict.fromkeys(name for idx in range(len(lay.sentences)) for name in places.of(idx))),
    )


def _tally_claims(
    idx: int, reads_as: str, lex: Lexicon, attributor: Attributor, dates: Dates, places: Places, lay: Layout
) -> list[ExtractedClaim]:
    """The claims of one line of a tally table, read as the sentence it stands for, with the line as evidence."""
    sent = lay.sentences[idx]
    line = attributor.text[sent.start:sent.end]
    figures = find_figures(reads_as, lex)
    found = _claims_of_figures(idx, reads_as, figures, lex, attributor, dates, places, lay) if figures else []
    return [replace(c, evidence=line, rule=c.rule + "/tally") for c in found]


def _bystanders(
    claims: list[ExtractedClaim], lex: Lexicon, attributor: Attributor, places: Places
) -> list[ExtractedClaim]:
    """Claims of a state that is no side in the fight its story reports are an independent source's (spec/claims.md:
    "so is a state that is not a side in the fight it reports on"): the US counting the dead in Sudan."""
    sides: dict[int, set[str]] = {}
    for c in claims:
        found = sides.setdefault(c.story, set())
        found.update(p for p in (c.subject, c.agent) if p and lex.is_party(p))
        party = lex.parties.get(c.claimant)
        if party is not None and party.kind == "group":
            found.add(c.claimant)
    # A state whose ground the story is on is a side too (its ministry counting the dead of strikes on it).
    for story, found in sides.items():
        st = attributor.lay.stories[story]
        found.update(p.country for p in places.within(st.start, st.end))
    out = []
    for c in claims:
        party = lex.parties.get(c.claimant)
        story_sides = sides.get(c.story, set())
        if (
            party is not None and party.kind == "state" and c.claimant not in story_sides and len(story_sides) >= 2
            and c.claimant != attributor.home(c.story)
        ):
            c = replace(c, claimant="third_party", stance="asserts" if c.stance == "acknowledges" else c.stance,
                        rule=c.rule + "/bystander")
        out.append(c)
    return out


def _lexicon_for(text: str, lex: Lexicon, places: Places) -> Lexicon:
    """The lexicon to read `text` with: the conflict pack's context aliases ("security sources" speak for
    Pakistan) only where the text is about the pack's conflict, that is, names its places or its parties
    by more than a state's name, and names no other state more often than the pack's."""
    generic = lex.generic
    if generic is None or not lex.pack:
        return lex
    cue = any(p.country in lex.pack for p in places.all)
    counts: dict[str, int] = {}
    # (Read from the pack lexicon's own scan, which a text about the pack's conflict is read with anyway, leaving out
    # the context aliases: the generic lexicon is the same without them.)
    for m in lex.find(text):
        if m.kind == "alias" and phrase_key(m.surface) not in generic.entries:
            continue
        if m.party in lex.pack:
            counts["pack"] = counts.get("pack", 0) + 1
            cue = cue or m.kind != "state" or m.party != "pakistan"
        elif generic.is_party(m.party) and m.kind == "state":
            counts[m.party] = counts.get(m.party, 0) + 1
    pack = counts.pop("pack", 0)
    if cue and all(n <= pack for n in counts.values()):
        return lex
    return generic


def _subject_before(claims: list[ExtractedClaim], lay: Layout, idx: int) -> str | None:
    """The subject of the last claim of the sentence before `idx`, where both are in one paragraph:
    "Two civilians were killed. Thirty were wounded" counts the same people twice."""
    if idx == 0 or not claims:
        return None
    here, prev = lay.sentences[idx], lay.sentences[idx - 1]
    last = claims[-1]
    if prev.paragraph != here.paragraph or prev.story != here.story or last.start != prev.start:
        return None
    return last.subject if last.stance != "denies" else None


def _claims_of_figures(
    idx: int, s: str, figures: list[Figure], lex: Lexicon, attributor: Attributor, dates: Dates,
    places: Places, lay: Layout, before: str | None = None,
) -> list[ExtractedClaim]:
    sent = lay.sentences[idx]
    out: list[ExtractedClaim] = []
    previous: str | None = None
    spans = tuple((f.q.start, f.np_end) for f in figures)
    low = fold(s)
    home, opponent = partial(attributor.home, sent.story), partial(_opponent, attributor, sent.story)
    for fig, nxt in zip(figures, [*figures[1:], None], strict=True):
        if fig.head == "none" and nxt is not None and nxt.part and nxt.head == "civilian":
            fig.head = "civilian"  # "a toll of 11 dead, including two children": the dead are civilians
    read: list[tuple[Figure, int]] = []  # each figure with the index of its claim in `out`
    for fig in figures:
        att = attributor.attribute(idx, fig.speech_end if fig.speech_end >= 0 else fig.q.start)
        agent = find_agent(s, fig, lex, att.claimant, spans, low=low)
        if att.name == HOME:
            # "Russian attacks killed 10 civilians, regional authorities reported": officials whose state the text
            # does not say, reporting what another side did, are the officials of the side it was done to.
            claimant = att.claimant
            own_words = att.how in ("speech", "according", "tail")
            if own_words and fig.head == "civilian" and agent == claimant and _named_actor(s, low, fig, lex, agent):
                opp = attributor.opponent(agent, sent.story)
                claimant = opp if opp else claimant
            att = att._replace(claimant=claimant, name=None)
        subject, how = find_subject(
            s, fig, lex, claimant=att.claimant, agent=agent, previous=previous, home=home, opponent=opponent, low=low,
            group=partial(attributor.group_near, idx, sent.start + fig.q.start),
            story_group=partial(attributor.group_in_story, idx),
            civilian_story=partial(attributor.says_civilians, sent.story),
            places=partial(places.within, sent.start, sent.end),
        )
        if subject is None and before is not None and fig.head in ("none", "others"):
            subject, how = before, "sentence-before"  # "Two civilians were killed. Thirty were wounded."
        if subject is None and att.denied and lex.is_party(att.claimant) and fig.metric in (
            "killed", "wounded", "casualties", "captured"
        ):
            # "dismissed the BLA's figure of 18 dead": the denier's own losses, as the other side claims them.
            subject, how = att.claimant, "denied"
        if subject is None and att.claimant == "third_party" and fig.head in (
            "none", "deaths", "injuries"
        ) and fig.metric in ("killed", "wounded", "casualties"):
            subject, how = "civilians", "independent-toll"  # "civil society leaders gave a toll of 44 dead"
        if subject is None or fig.metric is None:
            continue
        previous = subject
        day, basis = dates.for_claim(idx, sent.start + fig.q.start)
        if (
            att.claimant == "unattributed" and lex.is_party(subject) and fig.trig_start >= 0
            and _MARTYRED.search(low, fig.trig_start, max(fig.trig_end, fig.np_end + 30))
        ):
            # "an attack that left three soldiers martyred": a party's own word for its own dead.
            att = att._replace(claimant=subject, how="martyred")
        base = ExtractedClaim(
            claimant=att.claimant,
            metric=fig.metric,
            subject=subject,
            value=fig.q.value,
            value_high=fig.q.value_high,
            qualifier=fig.q.qualifier,
            stance=_stance(att.claimant, subject, fig.metric, denied=att.denied, lex=lex),
            event_date=day,
            provinces=_provinces(idx, fig, places, lay, attributor.text),
            evidence=s,
            start=sent.start,
            end=sent.end,
            value_text=fig.q.text,
            rule=f"{fig.rule}/{att.how}/{how}",
            story=sent.story,
            agent=agent if agent != subject or fig.metric in ACTION_METRICS else None,
            claimant_name=att.name,
            date_basis=basis,
        )
        read.append((fig, len(out)))
        out.append(base)
        if att.denied and att.embedded_claimant and att.embedded_claimant != att.claimant:
            # "rejected the Taliban's claim that 35 soldiers were killed": the Taliban's claim, as reported.
            out.append(replace(base, claimant=att.embedded_claimant, claimant_name=None,
                               stance=_stance(att.embedded_claimant, subject, fig.metric, denied=False, lex=lex),
                               rule=base.rule + "/embedded"))
    _people_split(read, out, lex)
    return out


def _people_split(read: list[tuple[Figure, int]], out: list[ExtractedClaim], lex: Lexicon) -> None:
    """ "163 people, 92 of them security personnel and 71 civilians", "31 people, including 19 policemen": people
    among whom the text counts a side's men are counted for that side (spec/claims.md), not as civilians."""
    for i, (fig, at) in enumerate(read):
        words = fig.head_text.strip()
        generic = fig.head == "none" or (fig.head == "civilian" and (not words or bool(_PEOPLE.match(words))))
        if not generic or out[at].subject != "civilians":
            continue
        parts = []
        for later, later_at in read[i + 1:]:
            if not later.part:
                break
            parts.append(out[later_at].subject)
        side = next((p for p in parts if lex.is_party(p)), None)
        if side is not None:
            claim = out[at]
            out[at] = replace(claim, subject=side, stance=_stance(claim.claimant, side, claim.metric,
                                                                  denied=claim.stance == "denies", lex=lex))


_OWN_WORDS = re.compile(r"\b(?:it|its|we|our|they|their|he|she)\b")


def _named_actor(s: str, low: str, fig: Figure, lex: Lexicon, agent: str) -> bool:
    """True where the sentence names `agent` as the actor in words ("Russian attacks killed"), not as "it"."""
    end = fig.trig_start if fig.trig_start >= 0 else fig.q.start
    named = any(m.party == agent and m.can_act for m in lex.find(s, 0, end))
    return named and not _OWN_WORDS.search(low, 0, end)


def _opponent(attributor: Attributor, story: int, party: str | None) -> str | None:
    return attributor.opponent(party, story)


def _denials_without_figures(
    idx: int, s: str, figures: list[Figure], lex: Lexicon, attributor: Attributor, dates: Dates,
    places: Places, so_far: list[ExtractedClaim], lay: Layout,
) -> list[ExtractedClaim]:
    """Claims a party denies without a number: "rejected Taliban claims of seizing outposts"."""
    sent = lay.sentences[idx]
    out: list[ExtractedClaim] = []
    air = any(c.metric == "airstrikes" for c in so_far if c.story == sent.story)
    for a in attributor.anchors(idx):
        if a.kind != "denial" or a.party is None or not lex.is_party(a.party):
            continue
        if any(a.end <= f.q.start < a.scope_end for f in figures):
            continue
        found = find_denied(s, a.end, a.scope_end, lex, air=air)
        metric, owner = (found if found else (None, None))
        value: int | None = None
        value_high: int | None = None
        if metric is None and (kind := _CLAIM_KIND.search(s, a.start, a.scope_end)) is not None:
            # "rejected the abduction claim", "the militants' casualty claim": the claim's own noun says what.
            metric = ("captured" if kind.group("capture") else "aircraft_downed" if kind.group("aircraft")
                      else "drones_downed" if kind.group("drone") else "killed")
        if metric is None and (anaphor := _ANAPHORIC_OBJECT.search(s, a.start, a.scope_end)):
            earlier = _denied_earlier(so_far, a.party, sent.story, idx, lay)
            if earlier is not None:
                metric = earlier.metric
                if earlier.subject == "civilians":
                    owner = "civilians"  # "rejected the findings" of civilians killed by its strikes
                if _A_FIGURE.fullmatch(anaphor.group()):
                    # "Police called that figure propaganda": the number itself is denied.
                    value, value_high, owner = earlier.value, earlier.value_high, earlier.subject
        if metric is None:
            continue
        out.append(_denial(
            idx, a.start, s, lay, dates, places, claimant=a.party, name=a.name, metric=metric,
            subject=owner or a.party, value=value, value_high=value_high,
            rule=f"denial:{metric}" + ("" if found else "/earlier-claim"),
        ))
    return out


def _denial(
    idx: int, pos: int, s: str, lay: Layout, dates: Dates, places: Places, *, claimant: str, name: str | None,
    metric: str, subject: str, rule: str, value: int | None = None, value_high: int | None = None,
) -> ExtractedClaim:
    """A claim that `claimant` denies (`value` None where no number is denied), read at offset `pos`."""
    sent = lay.sentences[idx]
    day, basis = dates.for_claim(idx, sent.start + pos)
    name = None if name == HOME else name
    return ExtractedClaim(
        claimant=claimant, metric=metric, subject=subject, value=value, value_high=value_high, qualifier="exact",
        stance="denies", event_date=day, provinces=places.of(idx), evidence=s, start=sent.start, end=sent.end,
        value_text="" if value is None else str(value), rule=rule, story=sent.story, agent=None,
        claimant_name=name, date_basis=basis,
    )


def _denials_by_negation(
    idx: int, s: str, low: str, lex: Lexicon, attributor: Attributor, dates: Dates, places: Places, lay: Layout,
) -> list[ExtractedClaim]:
    """A party's report that something the other side claims did not happen: "no post had been overrun".

    Only for events (posts taken, people captured, aircraft downed, strikes): "no soldiers were
    killed" is a figure of zero, not a denial.
    """
    out: list[ExtractedClaim] = []
    for m in _NEGATED_CIVILIAN.finditer(low):
        att = attributor.attribute(idx, m.start())
        if lex.is_party(att.claimant) and not _FIGURE_NEAR.search(low) and not _NO_WORD.search(m.group()):
            out.append(_denial(idx, m.start(), s, lay, dates, places, claimant=att.claimant, name=att.name,
                               metric="killed", subject="civilians", rule="denial:killed/no-civilians"))
            break
    for m in _POST_HELD.finditer(low):
        att = attributor.attribute(idx, m.start())
        if lex.is_party(att.claimant):
            out.append(_denial(idx, m.start(), s, lay, dates, places, claimant=att.claimant, name=att.name,
                               metric="posts_captured", subject=att.claimant, rule="denial:posts_captured/held"))
            break
    for m in _NEGATED_EVENT.finditer(low):
        stop = _CLAUSE_STOP.search(low, m.end())
        found = find_denied(s, m.start(), stop.start() if stop else len(s), lex)
        if found is None or found[0] in ("killed", "wounded", "casualties"):
            continue
        att = attributor.attribute(idx, m.start())
        if not lex.is_party(att.claimant):
            continue
        metric, owner = found
        out.append(_denial(idx, m.start(), s, lay, dates, places, claimant=att.claimant, name=att.name,
                           metric=metric, subject=owner or att.claimant, rule=f"denial:{metric}/negation"))
    return out


def _denied_earlier(
    claims: list[ExtractedClaim], denier: str, story: int, idx: int, lay: Layout
) -> ExtractedClaim | None:
    """The metric of a recent claim against the denier ("called the claim baseless"), else None.

    The latest sentence that holds such claims is the one denied; of its claims, the first is the
    sentence's main one ("drones violated the airspace nine times, and two were shot down").
    """
    first_start = lay.sentences[max(0, idx - 4)].start
    found: ExtractedClaim | None = None
    for c in reversed(claims):
        if c.story != story or c.start < first_start or (found is not None and c.start != found.start):
            break
        if c.claimant != denier and c.stance != "denies" and (
            c.subject == denier or (c.subject == "civilians" and c.agent == denier)
        ):
            found = c
    return found


def _stance(claimant: str, subject: str, metric: str, *, denied: bool, lex: Lexicon) -> str:
    if denied:
        return "denies"
    if claimant == subject and metric not in ACTION_METRICS and lex.is_party(claimant):
        return "acknowledges"
    return "asserts"


def _provinces(idx: int, fig: Figure, places: Places, lay: Layout, text: str) -> tuple[str, ...]:
    """The areas the sentence names; else those of a next sentence that goes on about the same thing."""
    own = places.of(idx)
    if own:
        return own
    nxt = idx + 1
    if nxt < len(lay.sentences) and lay.sentences[nxt].story == lay.sentences[idx].story:
        sent = lay.sentences[nxt]
        m = _ANAPHOR_NEXT.match(text, sent.start, sent.end)
        head = fig.head_text.lower().split()[-1].rstrip("s") if fig.head_text else ""
        if m is not None and head and head in {w.rstrip("s") for w in m.group("words").lower().split()}:
            return places.of(nxt)
    # "Security sources in Khyber Pakhtunkhwa confirmed a clash. According to these sources, one
    # soldier was killed": a sentence that names no place goes on where the one before it is.
    story = lay.sentences[idx].story
    for back in (idx - 1, idx - 2):
        if back < 0 or lay.sentences[back].story != story or lay.sentences[back].headline:
            break
        found = places.of(back)
        if found:
            return found if len(found) <= 2 else ()
    return ()


def _dedupe(claims: list[ExtractedClaim], lay: Layout) -> list[ExtractedClaim]:
    """Claims without repeats: a headline's figure that the story's body states again, a teaser's copy."""
    headlines = {sent.start for sent in lay.sentences if sent.headline}
    body = {(c.story, c.metric, c.value, c.value_high) for c in claims if c.start not in headlines}
    seen: set[tuple[object, ...]] = set()
    out = []
    for c in claims:
        if c.start in headlines and (c.story, c.metric, c.value, c.value_high) in body:
            continue
        key = (c.claimant, c.metric, c.subject, c.value, c.value_high, c.stance, c.evidence)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
