"""Whose count a figure is (subject) and who did it (agent)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from .agents import SPEECH_CUT, clause_start
from .figure import THING_HEADS, Figure
from .lexicon import Lexicon, Mention
from .metrics import ACTION_METRICS
from .patterns import fold, lowered
from .places import PlaceMatch, find_places
from .speech import ARMED_MEN

IC = re.IGNORECASE
# "on the Cambodian side", "on their side": whose side a count is.
_SIDE = lowered(r"\bon\s+(?:the\s+)?(?P<who>(?:[\w\-’']+\s+){0,2}?)side\b")
_MORE = lowered(r"\b(?:more|other|additional|another|further)\b")
_LEFT_BEHIND = lowered(
    r"\b(?:left|leaving|abandoned|abandoning)\s+(?:behind\s+)?"
    r"(?:(?:some|about|around|nearly|more\s+than|over|at\s+least)\s+)?$"
)
_CLAUSE_BREAK = lowered(r"[,;:.]|\b(?:and|in|on|at|near|by|from|who|which|that)\b")
_OF_PARTY = lowered(r"\s+(?:of|from|belonging\s+to|loyal\s+to)\s+(?:the\s+)?")
_GENERIC_PEOPLE = re.compile(r"^(?:people|persons?|individuals?|citizens|nationals)$", IC)
# "Russian losses", "the Ukrainian army's losses": an owner right before the losses.
_JUST_BEFORE = lowered(r"(?:['’]s?)?(?:\s+(?:army|armed\s+forces|forces|military|troops|side)(?:['’]s?)?)?\s*")
# Armed men named by what they did: in a story about one group's attack, its men.
_ATTACKERS = re.compile(r"attackers?|assailants?|raiders?|infiltrators?")
_PUT_THE = lowered(r"\bput(?:s|ting)?\s+the\s+(?:[\w\-’']+\s+){1,3}$")
_AMONG_OWN = lowered(r"\s+(?:among|in)\s+(?:its|their|our)\s+(?:own\s+)?(?:troops|soldiers|men|ranks|forces|personnel"
                     r"|fighters)\b")
_ITS_TOTAL = lowered(r"\b(?:its|their)\s+(?:total|overall|cumulative)\b")
_OWN_LOSSES = lowered(
    r"\b(?:its|their|our)\s+own\s+(?:dead|losses|casualties|troops|soldiers|men)\b"
    # "The army said it regretted the death of five soldiers", "deplores the loss of", "mourned the martyrdom of"
    r"|\b(?:regret(?:s|ted)?|deplor(?:es|ed)?|mourn(?:s|ed)?|lament(?:s|ed)?)\s+(?:the\s+)?(?:deaths?|loss(?:es)?"
    r"|martyrdom)\s+of\s+$"
    # "On our side, we deplore 8 soldiers"
    r"|\b(?:on|from)\s+(?:our|its|their)\s+(?:own\s+)?side\b(?![^.;]{0,40}\benemy)"
)
# "the Afghan side's losses at more than 200": the owner of the count stands before it.
_LOSSES_OF = lowered(
    r"(?:losses|casualties|toll|dead|fatalities|death\s+toll)\s+(?:\w+\s+){0,3}?(?:at|of|to|as)\s*[“\"']?\s*$",
)
_FOR_THE_LOSS = lowered(r"\b(?:for|at\s+the\s+cost\s+of|with)\s+(?:the\s+)?loss\s+of\s*$")
_DEFINITE_BEFORE = lowered(r"\b(?:the|these|those)\s+$")
_OF_THE = lowered(r"\s+of\s+(?:the|these|those)\b")
# "the enemy", "the adversary": in a party's statement, the party's opponent (spec/claims.md).
_ENEMY = lowered(r"\b(?:enemy|adversary|opponent|other\s+side|opposing\s+side)\b")
# The speaker as the doer of an action it reports: "acknowledged conducting", "said it had carried out".
_SPEAKER_DID = lowered(
    r"(?:\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+|would\s+)?|\b(?:acknowledged|admitted|confirmed|announced"
    r"|said|says|claimed)\s+(?:that\s+)?(?:having\s+)?)(?:also\s+|so\s+far\s+)?(?:conducted|conducting|conduct"
    r"|carried\s+out|carrying\s+out|launched|launching|mounted|flew|flown|made)\s+(?:(?:a\s+total\s+of|about"
    r"|around|some|more\s+than|over|at\s+least|nearly|up\s+to)\s+)?$"
)
_STATE_FORCES = lowered(
    r"\b(?:the\s+(?:army|military|armed\s+forces|police|junta|regime)|government\s+(?:forces|troops|soldiers)"
    r"|security\s+forces|regime\s+forces)\b"
)
_ENEMY_AFTER = lowered(r"\s*(?:the\s+|our\s+)?(?:enemy|adversary|opponent|other\s+side)\b")
_PATRON_AFTER = lowered(r"['’]?s?[\s\-]*(?:proxy|proxies|backed|sponsored|funded|supported|affiliate)\b")
_ENEMYS = lowered(r"\b(?:enemy|adversary|opponent|other\s+side)['’]s?\s+$")  # "The enemy's losses"
# "the Kiev regime lost": a capital with its government's word stands for the side that acts.
_REGIME_AFTER = lowered(r"\s+(?:regime|government|authorities|forces|troops|army|junta)\b")


def _acts(m: Mention, low: str) -> bool:
    """True where a mention names a side that acts or suffers (a capital only as "the Kiev regime")."""
    return m.can_act or (m.kind == "capital" and bool(_REGIME_AFTER.match(low, m.end)))


_SUFFERED_BY = lowered(
    r"\s+(?:(?:that|which)\s+)?(?P<who>[^,;.]{1,40}?)\s+(?:had\s+|have\s+|has\s+)?(?:suffered|sustained|incurred)\b"
    r"|\s+(?:that|which)\s+(?P<loser>[^,;.]{1,40}?)\s+(?:had\s+|have\s+|has\s+)?lost\b"
)
_GROUP_OWNER = lowered(r"\b(?:militia|rebels?|insurgents?|terrorists?|gangs?)['’]s?\s")
_CIVILIAN_WORDS = lowered(r"\bcivilians?\b|\bchild|\bwomen\b|\bresidents?\b|\bpeople\b")
_FIGHTER_WORDS = re.compile(r"^(?:fighters?|gunmen|men|commanders?|operatives?)$", IC)


_ARMED_BODY = lowered(
    r"(?:what\s+\w+\s+called\s+)?[“\"]?(?:(?:terrorist|armed|militant|extremist|jihadist|rebel|criminal)\s+)*"
    r"(?:cells?|gangs?|militias?|factions?|outfits?)\b"
)
_USED_BY = lowered(
    r"(?:\s+(?:fitted|laden|loaded|armed)\s+with\s+[\w\-]+)?,?\s+(?:(?:launched|operated|flown|sent|fired|used|deployed"
    r"|owned|manned)\s+by|belonging\s+to)\s+(?:the\s+)?"
)
_MERCENARIES = lowered(r"(?:[\w\-]+\s+)?(?:mercenar(?:y|ies)|militias?|gangs?)\b")
_PLACE_BEFORE = lowered(r"\b(?:from|in|into|inside|across|near|within|towards?|along)\s+(?:the\s+)?$")
_BY = lowered(r"\s+by\s+")
_OF_THEIR = lowered(r"\s*of\s+(?:their|its)\s+(?!own\b)")
_THEIRS = lowered(r"(?:its|their|our)\b")


def find_subject(
    s: str,
    fig: Figure,
    lex: Lexicon,
    *,
    claimant: str,
    agent: str | None,
    previous: str | None,
    home: Callable[[], str | None],
    opponent: Callable[[str | None], str | None],
    low: str | None = None,
    group: Callable[[], str | None] | None = None,
    story_group: Callable[[], str | None] | None = None,
    civilian_story: Callable[[], bool] | None = None,
    places: Callable[[], list[PlaceMatch]] | None = None,
) -> tuple[str | None, str]:
    """(subject, how) of a figure: whose loss it counts, or who acted for an action metric.

    `low` is `s` lower-cased, where the caller has it already; `places` gives the sentence's places where the
    caller has scanned them already.
    """
    if low is None:
        low = fold(s)
    if places is None:
        places = partial(find_places, s)
    metric = fig.metric or ""
    speaker = claimant if lex.is_party(claimant) else None
    side = _side(s, low, fig, lex, speaker)
    if metric in ACTION_METRICS:
        if fig.owner:
            return fig.owner, "noun"
        m = _BY.match(low[fig.np_end:fig.np_end + 6])
        if m is not None:
            after = lex.find(s, fig.np_end, min(len(s), fig.np_end + 60))
            if after and after[0].can_act:
                return after[0].party, "by"
        if agent:
            return agent, "actor"
        if speaker and _SPEAKER_DID.search(low, max(0, fig.q.start - 60), fig.q.start):
            return speaker, "speaker did"  # "Pakistan acknowledged conducting 14 air strikes", "said it had launched"
        if speaker:
            return opponent(speaker), "speaker's opponent"
        return home(), "story"
    if fig.head == "none" and fig.side == "left" and fig.trig_start >= 0:
        # "put the number of Afghan Taliban killed at some 20": the count's noun is inside the trigger.
        inside = [m for m in lex.find(s, fig.trig_start, fig.trig_end) if m.can_act]
        if _CIVILIAN_WORDS.search(low, fig.trig_start, fig.trig_end):
            return "civilians", "trigger"  # "put Afghan civilian deaths at no fewer than 37"
        if not inside and (put := _PUT_THE.search(low, max(0, fig.trig_start - 40), fig.trig_start)) is not None:
            # "put the Afghan death toll higher, at more than 40": the owner before the toll's own words.
            inside = [m for m in lex.find(s, put.start(), fig.trig_start) if m.can_act]
        if inside:
            return inside[0].party, "trigger"
    if fig.head in THING_HEADS and not fig.owner and (used := _USED_BY.match(low, fig.np_end)) is not None:
        # "three drones launched by militants", "a CH-4 drone operated by the Congolese army", "drones belonging to
        # the mercenaries": whose things they were, named after them.
        rest_end = min(len(s), used.end() + 50)
        who = [m for m in lex.find(s, used.end(), rest_end) if _acts(m, low) and m.start - used.end() < 25]
        if who:
            return who[0].party, "used-by"
        named = ARMED_MEN.match(low, used.end()) is not None
        if named or _MERCENARIES.match(low, used.end()):
            men = _not_the_speaker(_armed_men(story_group if story_group is not None else group), speaker, opponent)
            if men != "militants" or named or not speaker:
                return men, "used-by"  # ("the militia's" drones, no group named: the speaker's opponent's, below)
    if fig.head in ("deaths", "injuries", "casualties") and not fig.owner:
        # "19 civilian deaths", "11 martyrs from the armed forces": whose dead the noun's words say.
        words = low[fig.q.end:fig.np_end]
        if _CIVILIAN_WORDS.search(words):
            return "civilians", "noun"
        if speaker and _AMONG_OWN.match(low, fig.np_end):
            return speaker, "own"  # "conceded 23 deaths among its troops"
        if previous and (fig.head == "injuries" or fig.np_end <= fig.q.end):
            return previous, "previous"  # ("71 civilian deaths in Donetsk, 44 in Kharkiv": the 44 are deaths too)
    if fig.family == "casualty_put" and fig.trig_start >= 0 and not fig.owner:
        # "The Ukrainian army's losses in this area amounted to 380 servicemen": the owner inside the trigger, or
        # just before it ("Russian losses amounted to").
        inside = [m for m in lex.find(s, max(0, fig.trig_start - 30), fig.trig_end)
                  if _acts(m, low) and not SPEECH_CUT.search(low, m.end, fig.trig_start)
                  and (m.start >= fig.trig_start or _JUST_BEFORE.fullmatch(low, m.end, fig.trig_start))]
        if inside and not _ENEMY.search(low, fig.trig_start, fig.trig_end) and not _ENEMYS.search(
            low, max(0, fig.trig_start - 30), fig.trig_start
        ):
            return inside[-1].party, "losses-of"
        if previous and fig.head == "none" and not inside and _ITS_TOTAL.search(low, fig.trig_start, fig.trig_end):
            return previous, "previous"  # "Russia has lost 1,090 troops, bringing its total losses to 1,246,310"
    inflicted = fig.trig_start >= 0 and "inflict" in low[max(0, fig.trig_start - 12):fig.trig_end]
    if fig.family == "casualty_put" and inflicted:
        # "inflicted losses of up to 455 servicemen": the other side's losses.
        actor = agent or speaker
        if actor and (opp := opponent(actor)) and opp != actor:
            return opp, "inflicted"
    if speaker and (
        _ENEMY.search(low, fig.q.end, fig.np_end)
        or (fig.family == "casualty_put" and fig.trig_start >= 0 and (
            _ENEMY.search(low, fig.trig_start, fig.trig_end)
            or _ENEMYS.search(low, max(0, fig.trig_start - 30), fig.trig_start)))
    ) and (opp := opponent(speaker)) and opp != speaker:
        # "12 enemy drones", "enemy fighters", "the losses of the enemy amounted to": the speaker's opponent's
        return opp, "enemy"
    if fig.head in ("none", "others", "bodies", "civilian") and not fig.owner and (
        left := _LEFT_BEHIND.search(low, max(0, fig.q.start - 40), fig.q.start)
    ) is not None:
        # "The enemy left around thirty dead", "the terrorists left sixty of their dead": the dead of whoever left
        # them, the subject of the clause.
        start = clause_start(low, left.start())
        if speaker and _ENEMY.search(low, start, left.start()) and (opp := opponent(speaker)) and opp != speaker:
            return opp, "enemy"
        who = [m for m in lex.find(s, start, left.start()) if _acts(m, low)]
        if who:
            return who[-1].party, "left-behind"
        if ARMED_MEN.search(low, start, left.start()):
            return _armed_men(story_group if lex.generic is None and story_group is not None else group), "left-behind"
    if not fig.owner and (of := _OF_PARTY.match(low, fig.np_end)) is not None:
        # "35 fighters of the M23 armed group", "70 members of the Pakistani Taliban": the owner after the noun.
        if speaker and _ENEMY_AFTER.match(low, of.end()) and (opp := opponent(speaker)) and opp != speaker:
            return opp, "enemy"  # "31 soldiers of the enemy were killed"
        who = [m for m in lex.find(s, of.end(), min(len(s), of.end() + 60))
               if _acts(m, low) and not _CLAUSE_BREAK.search(low, of.end(), m.start) and m.start - of.end() < 30
               and not _PATRON_AFTER.match(low, m.end)]  # not "Indian" in "terrorists of Indian proxy X"
        if who:
            return who[0].party, "of"
        if _ARMED_BODY.match(low, of.end()) and (story_group is not None or group is not None):
            # "four members of the cell had been arrested": the armed group the story names.
            return _armed_men(story_group if story_group is not None else group), "of"
    if (suffered := _SUFFERED_BY.match(low, fig.np_end)) is not None:
        # "1,210 casualties that Russian forces suffered": the owner named after the noun.
        part = "who" if suffered.group("who") is not None else "loser"
        who = [m for m in lex.find(s, suffered.start(part), suffered.end(part)) if _acts(m, low)]
        if who:
            return who[0].party, "suffered"
    if _GROUP_OWNER.search(low, fig.q.end, fig.np_end):
        # "28 of the militia's mercenaries": the armed group's men.
        return _armed_men(story_group if story_group is not None else group), "group's"
    if fig.part and previous and previous != "civilians" and fig.head != "civilian" and not fig.owner:
        return previous, "part"  # "seven soldiers, including two officers": the officers are soldiers too
    if speaker and not fig.owner and _OWN_LOSSES.search(low, max(0, fig.q.start - 40), fig.q.start):
        return speaker, "own"  # "puts its own dead at 22"
    more = bool(_MORE.search(low, fig.q.end, fig.np_end))
    if previous and (fig.head in ("none", "others") or more) and not fig.own and not fig.owner:
        return previous, "previous"  # "one civilian had been killed and five wounded"
    if side and (fig.head not in ("civilian",) or _GENERIC_PEOPLE.match(fig.head_text.strip())) and not fig.owner:
        return side, "side"
    if (
        fig.head in _VICTIM_HEADS and not fig.owner and _unmarked_victims(low, fig) and not more
        and not (civilian_story is not None and civilian_story()) and claimant != "third_party"
    ):
        # "killed three people in Kharkiv", "the hospital received 13 bodies": people the text does not call
        # civilians count for the side on whose ground they were hit (spec/claims.md, "Whose count").
        ground = _ground(places(), lex, speaker, agent, home)
        if ground is not None:
            return ground, "ground"
    if fig.head == "civilian":
        return "civilians", "noun"
    if fig.head == "party" and fig.owner:
        return fig.owner, "noun"
    if fig.owner:
        return fig.owner, "noun"
    if fig.own and previous and fig.head in THING_HEADS and _OF_THEIR.match(low[fig.q.end:fig.np_end]):
        return previous, "previous"  # "eight soldiers were killed and four of their posts overrun"
    if fig.own and speaker and (opp := _theirs_not_ours(low, fig, speaker, opponent)) is not None:
        return opp, "theirs"
    if fig.own and speaker:
        return speaker, "own"
    if speaker and _OWN_LOSSES.search(low, max(0, fig.q.start - 60), fig.q.start):
        return speaker, "own"
    if fig.family == "lose" and speaker and _FOR_THE_LOSS.search(low, max(0, fig.trig_start - 20), fig.trig_end):
        return speaker, "own"  # "killed 34 Taliban for the loss of five soldiers"
    if fig.family == "lose" and fig.trig_start >= 0:
        # "Pakistan lost 12 soldiers": the loser stands before the verb.
        start = clause_start(low, fig.trig_start)
        who = [m for m in lex.find(s, start, fig.trig_start) if _acts(m, low)]
        if who:
            return who[-1].party, "loser"
        if speaker and _ENEMY.search(low, start, fig.trig_start) and (opp := opponent(speaker)) and opp != speaker:
            return opp, "enemy"  # "The enemy lost up to 480 servicemen": the speaker's opponent
        if (
            speaker and lex.parties[speaker].kind == "group" and _STATE_FORCES.search(low, start, fig.trig_start)
            and (opp := opponent(speaker)) and opp != speaker
        ):
            return opp, "state's forces"  # the ELN "said the army had lost more than 15 men"
        if speaker:
            return speaker, "loser"  # "Ethiopia acknowledged the loss of one aircraft"
    window_start = max(0, fig.q.start - 80)
    if _LOSSES_OF.search(low, window_start, fig.q.start):
        start = clause_start(low, fig.q.start)
        if speaker and _ENEMY.search(low, start, fig.q.start) and (opp := opponent(speaker)) and opp != speaker:
            return opp, "enemy"  # "The enemy's losses amounted to up to 185 servicemen"
        who = [m for m in lex.find(s, start, fig.q.start) if m.can_act]
        if who:
            return who[-1].party, "losses-of"
    if fig.head == "militant":
        men, how = _militants(low, fig, lex, group, story_group)
        theirs = _not_the_speaker(men, speaker, opponent)  # the M23 "neutralized 35 attackers"
        return (theirs, "speaker's opponent") if theirs != men else (men, how)
    if fig.head in ("others", "none") or fig.q.text.lower() in ("another", "one more"):
        if previous:
            return previous, "previous"
        if fig.head == "others":
            # "19 of them": the last side or armed group named before the figure.
            back = [m for m in lex.find(s, 0, fig.q.start) if _acts(m, low)  # ("the Damascus government")
                    # ("khwarij ... to infiltrate from Afghanistan ..., killing five of them": a place, not them)
                    and not _PLACE_BEFORE.search(low, max(0, m.start - 30), m.start)]
            armed = next(iter(reversed(list(ARMED_MEN.finditer(low, 0, fig.q.start)))), None)
            if back and (armed is None or back[-1].start > armed.start()):
                return back[-1].party, "antecedent"
            if armed is not None:
                # '"The terrorists used rockets ... and at least 10 of them were killed"'
                # (the Houthis' "the mercenaries ... killed 27 of them")
                men = _armed_men(story_group if lex.generic is None else group)
                return _not_the_speaker(men, speaker, opponent), "antecedent"
    if agent:
        opp = opponent(agent)
        if opp and opp != agent:
            return opp, "agent's opponent"
    if _FIGHTER_WORDS.match(fig.head_text.strip()):
        return _armed_men(group), "noun"
    thing = fig.head in THING_HEADS
    if metric == "posts_attacked":
        # Attacked posts are reported by those who hold them: "terrorists attacked two military posts".
        for place in places():
            if lex.is_party(place.country):
                return place.country, "place"
        if speaker:
            return speaker, "speaker"
    if thing and speaker:
        # A side counts the enemy's drones it downed and posts it took; its own appear as "our posts".
        opp = opponent(speaker)
        if opp:
            return opp, "speaker's opponent"
    if fig.head == "combatant":
        # "Seven policemen were martyred ... in Dera Ismail Khan": the state where it happened, unless a state
        # speaks of soldiers killed on the other side's ground ("two soldiers were killed in northern Gaza").
        for place in places():
            if lex.is_party(place.country):
                opp = opponent(speaker) if speaker else None
                if speaker and speaker != place.country and (
                    opp == place.country or (opp in lex.parties and lex.parties[opp].kind == "group")
                ) and (lex.parties[speaker].kind == "state" and place.country not in lex.pack):
                    # ("one soldier had been killed in Rafah", the Israeli military said, fighting Hamas there.)
                    return speaker, "speaker"
                return place.country, "place"
    if speaker and lex.parties.get(speaker) and lex.parties[speaker].kind == "state":
        return speaker, "speaker"
    if (fig.head == "combatant" or thing) and (story_home := home()):
        return story_home, "story"
    return None, "unknown"


_VICTIM_HEADS = frozenset({"civilian", "bodies", "deaths", "injuries", "none"})
# Words that say the victims were civilians ("including two children", "residents", "passengers").
_CIVILIAN_SAID = lowered(
    r"\bcivilian|\bchild|\bkids?\b|\bwomen\b|\bwoman\b|\bgirls?\b|\bboys?\b|\bbab(?:y|ies)\b|\bresidents?\b"
    r"|\bvillagers?\b|\bpassengers?\b|\bworshippers?\b|\bfamil(?:y|ies)\b|\bnon-?combatants?\b|\bmarket\b"
    r"|\bhomes?\b|\bhouses?\b|\bmosque\b|\bschool\b|\bhospital\b(?=[^.]{0,30}\b(?:hit|struck|strike|attack))",
)


def _unmarked_victims(low: str, fig: Figure) -> bool:
    """True where a figure counts generic people ("people", "bodies", "others") in a sentence that never says
    the victims were civilians or fighters."""
    head = fig.head_text.strip()
    if fig.head == "civilian" and not _GENERIC_PEOPLE.match(head):
        return False  # "three children": the noun says it
    if fig.head == "none" and fig.metric not in ("killed", "wounded", "casualties"):
        return False
    return not _CIVILIAN_SAID.search(low) and not ARMED_MEN.search(low)


def _ground(
    found: list[PlaceMatch], lex: Lexicon, speaker: str | None, agent: str | None, home: Callable[[], str | None]
) -> str | None:
    """The state on whose ground the people of a sentence were hit: a place of the sentence, else the state
    that reports its own dead, else the story's home; never the side that struck."""
    for place in found:
        if lex.is_party(place.country) and place.country != agent:
            return place.country
    if speaker and speaker != agent and lex.parties.get(speaker) and lex.parties[speaker].kind == "state":
        return speaker
    story = home()
    if story and story != agent and lex.is_party(story):
        return story
    return None


# "its"/"their" as written, not "its own"; "our"/"we" in the speaker's voice.
_ITS_THEIR_LOW = lowered(r"\b(?:its|their)\b(?!\s+own\b)")
_OUR_LOW = lowered(r"\b(?:our|we)\b")


def _theirs_not_ours(
    low: str, fig: Figure, speaker: str, opponent: Callable[[str | None], str | None]
) -> str | None:
    """The speaker's opponent where a figure's "its"/"their" stands in a sentence the speaker tells as "our": '"Our
    forces repelled an attack by the militia, eliminating 120 of its members"'. None otherwise."""
    if not _ITS_THEIR_LOW.search(low, fig.q.end, fig.np_end) or not _OUR_LOW.search(low, 0, fig.q.start):
        return None
    opp = opponent(speaker)
    return opp if opp and opp != speaker else None


def _militants(
    low: str, fig: Figure, lex: Lexicon, group: Callable[[], str | None] | None,
    story_group: Callable[[], str | None] | None,
) -> tuple[str, str]:
    """(subject, how) of "militants", "terrorists", "attackers": whose armed men the story makes them."""
    if story_group is not None and (
        _DEFINITE_BEFORE.search(low, max(0, fig.q.start - 12), fig.q.start)
        or _OF_THE.match(low, fig.q.end, fig.np_end)
    ):
        # "nine of the terrorists": the ones the story has named.
        return _armed_men(group) if group and group() else _armed_men(story_group), "noun"
    if (lex.generic is None or _ATTACKERS.match(fig.head_text.lower())) and story_group is not None and not (
        group and group()
    ):
        # Outside the conflict pack's own stories (where "militants" are often nobody's in particular), the
        # rebels of a story that names one armed group are that group's.
        return _armed_men(story_group), "noun"
    return _armed_men(group), "noun"


def _not_the_speaker(men: str, speaker: str | None, opponent: Callable[[str | None], str | None]) -> str:
    """`men`, the armed men a figure counts, or the speaker's opponent where they came out as the speaker's own: no
    side calls its own men "attackers", "terrorists" or "mercenaries"."""
    if speaker is not None and men == speaker and (opp := opponent(speaker)) and opp != speaker:
        return opp
    return men


def _armed_men(group: Callable[[], str | None] | None) -> str:
    """Whose "militants" or "rebels" a figure counts: the one armed group the text names around it, else nobody's."""
    found = group() if group is not None else None
    return found or "militants"


def _side(s: str, low: str, fig: Figure, lex: Lexicon, speaker: str | None) -> str | None:
    """The side a clause puts a figure on ("on the Afghan side", "on their side"), else None."""
    end = min(len(s), fig.np_end + 80)
    if low.find("side", fig.q.start, end) < 0:
        return None  # most figures have no "side" after them: a plain search settles it
    for m in _SIDE.finditer(low, fig.q.start, end):
        who = m.group("who")
        if _THEIRS.match(who):
            return speaker
        found = [x for x in lex.find(s, m.start("who"), m.end("who")) if x.can_act]
        if found:
            return found[0].party
        break
    return None
