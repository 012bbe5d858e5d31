"""The words of conflict reporting: what counts (head nouns) and what happened to it (trigger verbs).

Everything here is compiled once at import. Patterns are written for whole words and
matched case-insensitively; headlines in Title Case match too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import inflect

from .patterns import lowered, trie_pattern

NOUNS_FILE = Path(__file__).parent / "data" / "nouns.json"
_INFLECT = inflect.engine()

IC = re.IGNORECASE

# --- Head nouns: what a figure counts -------------------------------------------------------------
HEADS: dict[str, str] = {
    # Self-naming metrics: the noun says what is counted, whatever the verb.
    "airstrikes": r"air[\s\-]?strikes?|air[\s\-]?raids?|drone[\s\-]strikes?|aerial\s+(?:strikes?|bombardments?|attacks?"
    r"|bombings?)|air\s+attacks?|bombing\s+raids?|(?:drone|air)\s+attacks?",
    "airspace_violations": r"air[\s\-]?space\s+(?:violations?|incursions?|intrusions?|breaches)|aerial\s+(?:violations?"
    r"|incursions?|intrusions?)|air\s+violations?|violations?\s+of\s+(?:\w+\s+){0,2}air[\s\-]?space"
    r"|(?:incursions?|intrusions?)\s+into\s+(?:\w+\s+){0,2}air[\s\-]?space",
    "air_patrols": r"(?:aerial|air|reconnaissance|surveillance)\s+patrols?|(?:reconnaissance|surveillance|spy)\s+"
    r"(?:flights?|missions?|sorties)|(?:drone|aerial)\s+(?:reconnaissance\s+)?(?:flights?|sorties)",
    "cross_border_fire": r"cease[\s\-]?fire\s+(?:violations?|breaches)|(?:incidents?|instances?|cases?|rounds?)\s+of\s+"
    r"(?:cross[\s\-]border\s+|unprovoked\s+)?(?:firing|shelling|fire)|(?:cross[\s\-]border\s+)?(?:firing|shelling)\s+"
    r"incidents?|exchanges?\s+of\s+fire"
    # "12 incidents in which Pakistani forces fired mortars across the border"
    r"|(?:incidents?|instances?|cases?|occasions?)\s+(?:in\s+which|when|where)\s+(?:[\w\-]+\s+){0,4}?(?:fired|shelled"
    r"|opened\s+fire)",
    # (A word of whose count may stand first: "civilian deaths" is a count of deaths, not of civilians.)
    "casualties": r"(?:civilian\s+|military\s+|combat\s+)?casualties",
    # Nouns that say the counted people died or were hurt: "48 civilian deaths", "11 martyrs", "57 injuries".
    "deaths": r"(?:civilian\s+|military\s+|combat\s+)?(?:deaths|fatalities|martyrs|killings|homicides|murders)",
    "injuries": r"(?:civilian\s+)?injuries|injured\s+people",
    # "the hospital received 37 bodies": the noun says they are dead ("the bodies of 58 soldiers" is a trigger).
    "bodies": r"(?:dead\s+)?bodies(?!\s+of\b)|corpses",
    # Plain "strikes" are air strikes only where aircraft are named (see metrics.AIR_CONTEXT).
    "strikes": r"(?:precision\s+|missile\s+)?(?:strikes|raids)",
    "times": r"times|occasions|places|locations|points",
    # Things that suffer: the verb says what happened to them.
    "post": r"(?:military\s+|security\s+|border\s+|army\s+|check[\s\-]?)?(?:posts?|outposts?|checkposts?|checkpoints?"
    r"|positions?|bases?|pickets?|bunkers?|trenches|strongholds?|headquarters|garrisons?)"
    r"|military\s+(?:cent(?:er|re)s?|installations?)",
    "drone": r"drones?|quadcopters?|quad[\s\-]copters?|UAVs?|unmanned\s+aerial\s+vehicles?|unmanned\s+aircraft"
    r"|MQ-\d\w?s?|Reapers?|Predators?|Shaheds?|Gerans?|Orlans?|Lancets?|Bayraktars?|TB2s?|Herons?|Harops?|Hermes"
    r"|Mohajers?|Samad|loitering\s+munitions?|kamikaze\s+drones?",
    "aircraft": r"(?:fighter\s+)?(?:aircraft|jets?)|warplanes?|(?:air)?planes?|helicopters?|choppers?|gunships?|bombers"
    # Types that news names on their own: "an Indian Rafale", "two Su-34s".
    r"|Rafales?|Mirages?|F-16s?|F-35s?|F-15s?|JF-17s?|J-10s?|Su-\d\ds?|MiG-\d\ds?|Mi-\d\ds?|Mi-8s?|Ka-52s?"
    r"|Apaches?|Black\s+Hawks?|Tornados?|Typhoons?|Gripens?|Tu-\d\d\w?s?|A-50s?|Il-76s?",
    "vehicle": r"tanks?|(?:armou?red\s+)?vehicles?|APCs?|armou?red\s+personnel\s+carriers?|humvees?|trucks?"
    r"|artillery\s+(?:pieces?|guns?|systems?)|howitzers?|(?:rocket\s+)?launchers?|(?:rocket|missile|air[\s\-]defen[cs]e)\s+systems?",
    "civilian": r"civilians?|people|persons?|residents?|villagers?|children|child|kids?|women|woman|girls?|boys?"
    r"|passengers?|worshipp?ers?|students?|workers?|labou?rers?|farmers?|refugees?|pilgrims?|shoppers?|bystanders?"
    r"|non[\s\-]?combatants?|family\s+members|members\s+of\s+(?:a|one|the\s+same)\s+(?:single\s+)?family|tribesm[ae]n"
    r"|infants?|teachers?|journalists?|doctors?|traders?|shopkeepers?|drivers?|worshippers|porters?|vendors?|motorists?"
    r"|commuters?|elders|nurses?|health\s+workers|aid\s+workers|passers[\s\-]by|passer[\s\-]by|patients|citizens",
    "militant": r"militants?|terrorists?|insurgents?|rebels?|attackers?|assailants?|gunm[ae]n|khawarij|khwarij"
    r"|kharijis?|khariji|jihadists?|extremists?|(?:suicide\s+)?bombers?|miscreants?|infiltrators?|armed\s+men"
    r"|terrorist\s+(?:operatives?|commanders?)|operatives?|intruders?|elements|outlaws|bandits|gangsters?|gang\s+members"
    r"|suspects|suspected\s+(?:militants|terrorists|insurgents)",
    "combatant": r"soldiers?|troops?|troopers?|servicem[ae]n|service\s+members|personnel|(?:border\s+)?guards?"
    r"|officers?|policem[ae]n|police(?:\s*(?:men|officers?|personnel|officials?|constables?|guards?|commandos?))?|constables?|rangers|cops?|commandos?|paramilitar(?:y|ies)|militiam[ae]n"
    r"|recruits?|cadets?|jawans?|sepoys?|fighters?(?!\s+(?:aircraft|jets?|planes?))|mujahideen|mujahids?|commanders?"
    r"|members(?!\s+of\s+(?:a|one|the|his|her|their)\s+(?:\w+\s+)?famil)|forces"
    r"|gunners?|pilots?|crew(?:men)?|snipers?|men|army\s+men|sentries|sentry|FC\s+men|levies|nationals|rangers?"
    r"|mercenar(?:y|ies)|servicewom[ae]n|reservists?|conscripts?|militia\s+members"
    r"|prisoners?(?:\s+of\s+war)?|POWs|captives|sons\s+of\s+(?:the\s+)?soil",
    "others": r"others|more|of\s+them|individuals?|victims?",
}


def _noun_forms(noun: str) -> list[str]:
    """A head noun and its plural (from inflect), as patterns where a space or hyphen matches either."""
    forms = {noun, _INFLECT.plural_noun(noun) or noun}
    return [re.escape(f).replace(r"\ ", r"[\s\-]+").replace(r"\-", r"[\s\-]+") for f in forms]


def _with_data_nouns(heads: dict[str, str]) -> dict[str, str]:
    """`heads` with the nouns of data/nouns.json added to their categories, each in singular and plural."""
    data = json.loads(NOUNS_FILE.read_text(encoding="utf-8"))
    out = dict(heads)
    for category, nouns in data.items():
        if category.startswith("_"):
            continue
        forms = sorted({f for noun in nouns for f in _noun_forms(noun)}, key=len, reverse=True)
        out[category] = f"{heads[category]}|{'|'.join(forms)}"
    return out


HEADS = _with_data_nouns(HEADS)
HEAD_CATEGORIES = tuple(HEADS)
PERSON_HEADS = frozenset({"civilian", "militant", "combatant", "others", "none"})
SELF_METRICS = frozenset({
    "airstrikes", "airspace_violations", "air_patrols", "cross_border_fire", "casualties", "deaths", "injuries",
})
# What a self-naming head counts, where its category is not already a metric.
HEAD_METRIC = {"deaths": "killed", "injuries": "wounded"}
# Head nouns as whole words ("personnel" holds no "person").
HEAD_RE = re.compile(r"\b(?:" + "|".join(f"(?P<{k}>{v})" for k, v in HEADS.items()) + r")\b", IC)

# Words that end a noun phrase: a modifier between a figure and its noun is none of these.
STOP_WORDS = (
    "were|was|is|are|have|has|had|been|be|being|and|or|but|in|on|at|to|from|by|with|for|of|during|after|before|"
    "while|that|which|who|whom|when|as|near|along|across|into|over|under|this|these|those|the|a|an|its|their|his|"
    "her|our|they|he|she|it|we|killed|dead|died|wounded|injured|captured|destroyed|including|among|between|"
    "than|per|since|until|till|within|without|inside|outside|opposite|against|amid|despite|about|also|so|not|no|each|"
    "both|all|times|said|says|according|reportedly|allegedly|who|where"
)
# The stop words as a trie (patterns.trie_pattern): the same words, but one path to try per
# modifier instead of a hundred alternatives.
_STOP_TRIE = trie_pattern(STOP_WORDS.split("|"))
# (A party's acronym in brackets stands among the words: "12 Kurdistan Workers' Party (PKK) fighters".)
_MOD = rf"(?:(?!(?:{_STOP_TRIE})\b)[A-Za-z][\w'’.\-]*\s+|\([A-Z][\w\-/]{{1,9}}\)\s+)"
# "and three civilians" is a second figure, not a second kind of people in the first.
_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen"
    r"|dozens|several|many|some|scores|hundreds|another|other|more)"
)
_PEOPLE = "|".join(f"(?:{HEADS[k]})" for k in ("civilian", "militant", "combatant"))
# A figure's noun phrase: up to four modifiers, or "of its/the ...", then a head noun.
def _np_pattern(heads: list[str]) -> re.Pattern[str]:
    return re.compile(
        rf"[”\"’']?\s*(?:(?P<ownonly>of\s+(?:its|their|our)\s+own)\b(?!\s+\w+\s+(?:were|was|had|have)|\s+(?:{_PEOPLE})\b)|"
        rf"(?P<of>of\s+(?:(?:its|their|our|his|her|the|these|those|whom|them)\s+(?:own\s+)?"
        rf"|(?:the\s+)?(?:[\d,]+|{_NUMBER_WORD})\s+))?"
        # (not a possessive: "New People's Army (NPA) rebels" counts rebels, not people)
        rf"(?P<mods>{_MOD}{{0,4}}?)(?P<head>{'|'.join(f'(?:{HEADS[k]})' for k in heads)})\b(?![’']s\b)"
        # "1,212 soldiers and officers had been martyred": people of two kinds counted together.
        rf"(?:\s+and\s+(?!{_NUMBER_WORD}\b){_MOD}{{0,2}}?(?:{_PEOPLE})\b(?!\s+(?:of|who)\b))?)",
        IC,
    )


# "30 more soldiers": "more" is a head ("wounded 30 more") only where no other noun follows.
NP_RE = _np_pattern([k for k in HEADS if k != "others"])
NP_OTHERS_RE = _np_pattern(["others"])
# A figure with no noun ("killed 58 in the attack", "12 killed"): the next word ends the phrase.
_VERB_AFTER = (
    r"downed|martyred|shot|intercepted|seized|neutrali[sz]ed|eliminated|missing|hurt|perished|taken|abducted|detained"
    r"|arrested|remain|remained"
)
BARE_RE = re.compile(rf"[”\"’]?\s*(?:$|[,.;:)\"”’'(\[–—-]|(?:{_STOP_TRIE}|{_VERB_AFTER})\b)", IC)

# --- Triggers: what happened ------------------------------------------------------------------
# "The number of people killed when shells landed on a village has risen to": the rest of such a phrase.
_NUMBER_OF_TAIL = (
    r"[^.;:]{0,120}?\b(?:risen|rose|climbed|jumped|reached|hit|stands|stood|increased|is|was|put|at|to)(?:\s+(?:to|at))?"
)
# Before a figure ("killed 58", "the killing of 58", "a death toll of 23"): must end right at it.
LEFT = {
    # "put the civilian death toll from the October fighting at 87" (and "put Russian losses ... at", below).
    "kill": r"put(?:s|ting)?\s+(?:[\w\-’']+\s+){0,5}?(?:death\s+toll|toll|dead|deaths|fatalities)"
    r"(?:\s+[^.;:\d]{0,60}?)?\s+at"
    r"|(?:dead|killed|victims|fatalities)\s+(?:include[sd]?|including|were)"
    r"|kill(?:ed|ing|s)?|slew|slaying|neutrali[sz](?:e|ed|ing|es)|eliminat(?:e|ed|ing|es)|martyr(?:ed|ing)"
    r"|massacred|massacring|gunned\s+down|shot\s+dead|executed|sen[dt]\s+to\s+(?:hell|(?:their|his)\s+fate)|"
    r"(?:killings?|deaths?|murders?|martyrdom|massacre|elimination|neutrali[sz]ation)\s+of"
    r"|(?:took|taken|claimed|claiming|taking|claims|cost|costing)\s+the\s+lives\s+of|lives\s+of|bodies\s+of"
    r"|(?:own\s+)?(?:dead|death\s+toll|fatalities)\s+at"
    r"|(?:death\s+)?toll(?:\s+(?:even\s+|much\s+|slightly\s+)?(?:higher|lower),?)?(?:\s+(?:has|had|have|now|further|rose"
    r"|risen|climbed|jumped|reached|hit|increased|stands|stood|is|was|at|of|to)){1,4}|(?:number|toll|tally)\s+of\s+(?:[\w\-]+\s+){0,4}?(?:dead|deaths|fatalities|killed"
    r"|neutrali[sz]ed|eliminated|martyred)\b"
    rf"{_NUMBER_OF_TAIL}",
    "lose": r"lost|losing|loses|loss\s+of",

    "wound": r"(?:injured|wounded)\s+(?:include[sd]?|including|were)"
    r"|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|(?:wounding|injuring|injuries\s+to|injury\s+to)(?:\s+of)?"
    r"|(?:the\s+)?injur(?:y|ies)\s+of"  # "led to the martyrdom of 2 personnel and the injury of 4 civilians"
    rf"|number\s+of\s+(?:[\w\-]+\s+){{0,2}}?(?:wounded|injured)\b{_NUMBER_OF_TAIL}",
    "casualty": r"casualt(?:y|ies)\s+(?:toll|count|figure)(?:\s+(?:has|had|now|rose|risen|climbed|reached|stands"
    r"|stood|is|was|at|of|to)){1,4}|(?:killed|killing)\s+(?:or|and)\s+(?:wounded|injured|wounding|injuring)",
    "casualty_put": r"(?:(?:inflicted|inflicting|caused|causing)\s+(?:heavy\s+)?)?(?:losses|casualties)\s+(?:at|of)"
    r"|put(?:s|ting)?\s+(?:[\w\-’']+\s+){0,5}?(?:losses|casualties)(?:\s+[^.;:\d]{0,60}?)?\s+at"
    # "the losses of the Ukrainian army in the area of the Battlegroup West amounted to up to 215 servicemen"
    r"|(?:losses|casualties)(?:\s+(?:of|among|in|since)\s+[^.;:\d]{1,100}?|,[^.;:\d]{1,40}?,)?"
    r"(?:\s+(?:there|here|overall|altogether|in\s+total|in\s+that\s+area|that\s+day))?\s+(?:amount(?:ed|ing)\s+to"
    r"|totall?(?:ed|ing)|(?:(?:have|has|had)\s+)?(?:reached|exceeded|passed|topped|surpassed)"
    r"|(?:stands?|stood|were|was|are|is)\s+(?:(?:estimated|put)\s+)?at|(?:rose|risen|climbed)\s+to)"
    # "bringing the total losses of the Russian army since the start of the invasion to about 1,312,450"
    r"|(?:bringing|brought|raising|raised|pushing|pushed|taking|took)\s+(?:the\s+|its\s+|their\s+)?(?:total\s+"
    r"|overall\s+|cumulative\s+)?(?:personnel\s+|combat\s+)?(?:losses|casualties)(?:\s+(?:of|among|in|since)\s+[^.;:\d]{1,100}?)?\s+to",
    "capture": r"captur(?:ed|ing|es)|seiz(?:ed|ing|es)|(?:took|taken|taking|take|gained|gaining|seized)\s+(?:full\s+)?"
    r"control\s+(?:of|over)|overr[au]n|overrunning|(?:capture|seizure|takeover|fall)\s+of|took\s+over|taking\s+over"
    r"|detain(?:ed|ing)|arrest(?:ed|ing)|apprehend(?:ed|ing)|(?:took|taken)\s+(?:prisoner|captive|hostage)"
    r"|abduct(?:ed|ing)|kidnapp?(?:ed|ing)|(?:arrests?|detention)\s+of",
    "destroy": r"destroy(?:ed|ing|s)?|destruction\s+of|demolish(?:ed|ing)|raz(?:ed|ing)|(?:blew|blown|blowing)\s+up"
    r"|torch(?:ed|ing)|set\s+(?:ablaze|on\s+fire)|set(?:ting)?\s+fire\s+to|wreck(?:ed|ing)|flatten(?:ed|ing)"
    r"|burn(?:ed|t|ing)(?:\s+down)?",
    "down": r"shot\s+down|shooting\s+down|shoots?\s+down|downed|downing|brought\s+down|bringing\s+down|brings?\s+down"
    r"|intercept(?:ed|ing)"
    r"|(?:downing|shooting\s+down|interception)\s+of",
    "attack": r"attack(?:ed|ing|s)?(?:\s+on)?|assaults?\s+on|(?:attacks?|raids?|strikes?|assaults?)\s+(?:on|against)"
    r"|target(?:ed|ing)|raid(?:ed|ing)|storm(?:ed|ing)|struck|shell(?:ed|ing)|(?:opened\s+fire|fired)\s+(?:on|at)",
}
# After a figure's noun phrase ("58 soldiers were killed", "12 dead"). Order matters: "killed or
# wounded" is a casualty count before it is a kill count.
RIGHT = {
    "casualty": r"(?:killed|dead|martyred)\s+(?:or|and)\s+(?:wounded|injured)|casualties",
    "kill": r"killed|dead|died|martyred|slain|perished|murdered|massacred|executed|lost\s+(?:their|his|her)\s+lives"
    r"|paid\s+the\s+(?:supreme|ultimate)\s+(?:price|sacrifice)|made\s+the\s+(?:supreme|ultimate)\s+sacrifice"
    r"|fell\s+(?:with\s+arms\s+in\s+hand|in\s+(?:battle|action|combat))|killed\s+in\s+action"
    r"|embrac(?:ed|es|e|ing)\s+(?:martyrdom|shahadat)|brought\s+(?:in\s+)?dead"
    r"|(?:were|was)\s+(?:also\s+)?among\s+(?:the|those)\s+(?:dead|killed)"
    r"|(?:laid\s+down|sacrificed|gave)\s+(?:their|his|her)\s+(?:own\s+)?lives?|neutrali[sz]ed|eliminated|shot\s+dead|gunned\s+down|sent\s+to\s+(?:hell|(?:their|his)\s+fate)",
    "wound": r"wounded|injured|hurt|(?:sustained|suffered|received)\s+(?:\w+\s+)?(?:injuries|wounds)"
    # "nine more soldiers were under treatment", "16 wounded are being treated", "brought in with shrapnel wounds"
    r"|under\s+treatment|being\s+treated(?:\s+for\s+(?:\w+\s+)?(?:injuries|wounds))?|hospitali[sz]ed"
    r"|brought\s+in\s+with\s+(?:\w+\s+)?(?:injuries|wounds)"
    r"|brought\s+(?:in\s+)?(?:to\s+\w+\s+)?(?:wounded|injured)",
    "capture": r"captured|seized|(?:taken|held)\s+(?:as\s+)?(?:prisoners?|captives?|hostages?)|detained|arrested"
    r"|apprehended|abducted|kidnapped|overrun|(?:fell|fallen)(?=\s+(?:to|into)\b)",
    "destroy": r"destroyed|demolished|razed|blown\s+up|torched|set\s+(?:ablaze|on\s+fire)|wrecked|flattened"
    r"|burned|burnt",
    "down": r"shot\s+down|downed|brought\s+down|intercepted",
    "attack": r"attacked|targeted|raided|stormed|came\s+under\s+(?:attack|fire)|hit",
}
# Verbs that make "N times" a count of firing or of violations.
FIRE_RE = re.compile(
    r"\b(?:fir(?:ed|ing)|shell(?:ed|ing)|open(?:ed|ing)\s+(?:[\w\-]+\s+)?fire|violat(?:ed|ing)|breach(?:ed|ing)|intrud(?:ed|ing)"
    r"|entered|infiltrat(?:ed|ing))\b",
    IC,
)
AIRSPACE_RE = re.compile(r"\bair[\s\-]?space\b", IC)
CEASEFIRE_RE = re.compile(r"\bcease[\s\-]?fire\b", IC)

# "destroyed an ammunition depot and three tanks": the verb reaches past a first object.
# "shot down 4 guided aerial bombs, 12 HIMARS rockets and 1,286 drones": so past a short list of other things.
_SKIPPED_ITEM = (
    r"(?:(?:an?|the|some)\s+)?(?:[\w\-]+\s+){0,6}?[\w\-]+(?:\s+of\s+(?:the\s+)?(?:[\w\-]+\s+){0,5}?[\w\-]+)?"
)
_SKIPPED_OBJECT = (
    rf"(?:\s+(?:(?:an?|the|some)\s+)?(?:[\w\-]+\s+){{1,3}}?(?:and|as\s+well\s+as)"
    rf"|\s+{_SKIPPED_ITEM}(?:\s*,\s*{_SKIPPED_ITEM}){{1,4}},?\s+(?:and|as\s+well\s+as))?"
)
# "lost only two fighters", "killed a total of 40", "killed another 12": words between a verb and its figure.
_BEFORE_FIGURE = r"(?:\s+(?:only|just|merely|a\s+mere|a\s+total\s+of|another|an\s+additional|a\s+further))?"
# "shot down or suppressed 94 drones", "destroyed or damaged 12 tanks": a second verb that shares the object (not
# "killed or wounded", which counts casualties).
_OR_VERB = (
    r"(?:\s+(?:or|and|and/or)\s+(?:[a-z]+ly\s+)?(?!wound|injur|hurt|maim)(?:[a-z]{3,}ed|shot\s+down|brought\s+down))?"
)
LEFT_RE = re.compile(
    "(?:" + "|".join(f"(?P<{k}>\\b(?:{v}))" for k, v in LEFT.items())
    + rf"){_OR_VERB}{_SKIPPED_OBJECT}{_BEFORE_FIGURE}[\s“\"‘'”’]*$",
    IC,
)
# Passive or intransitive: an auxiliary, or nothing after the verb that could be its object.
_AUX = (
    r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|got|have|had|been|reportedly|allegedly|also"
    r"|reported|confirmed|believed\s+to\s+have\s+been|feared"
    r"|all|now|later|subsequently|each|both|either|too|\w+ly)){0,4}"
)
# "12 soldiers from the Frontier Corps were killed": a short phrase may stand between.
_PP = (
    r"[”\"’]?"
    r"(?:\s+(?:from|of|in|at|on|near|along|across|inside|outside|opposite|around|within|close\s+to|belonging\s+to"
    r"|stationed\s+(?:in|at))\s+(?:(?!\b(?:that|which|who|and|but|while)\b)[^,;.:()\"“”]){1,45}?"
    # "1,034 personnel of the army, Frontier Corps and police had lost their lives"
    r"|\s+of\s+(?:the\s+)?[\w\-]+(?:\s+[\w\-]+)?(?:,\s+[\w\-]+(?:\s+[\w\-]+)?)+,?\s+and\s+(?:the\s+)?[\w\-]+"
    r"(?:\s+[\w\-]+)?(?=\s+(?:were|was|had|have|has)\s))?"
    # "three Afghan tanks and an artillery gun were destroyed": a second noun in the list.
    r"(?:\s+and\s+(?:(?:an?|the|some|[\d,]+|one|two|three|four|five)\s+(?:[\w\-]+\s+){0,2}?[\w\-]+"
    # ('more than 150 Taliban fighters and "affiliated khwarij" had been killed': a quoted second noun.)
    r"|[“\"‘'](?:[\w\-]+\s+){0,2}?[\w\-]+[”\"’'])"
    r"(?=\s+(?:were|was|had\s+been|have\s+been|has\s+been|lost|died|perished)\s))?"
    # ", including a child," and "that had entered Pakistani airspace" may stand between a noun and its verb.
    r"(?:\s*,\s*(?:including|among\s+them|among\s+whom|mostly|most\s+of\s+them|many\s+of\s+them)\s+[^,;.]{1,60},"
    # ", five of them children,", ", a woman and her son,", ", all of them civilians,": an apposition.
    r"|\s*,\s*(?:(?:[\w\-]+\s+)?of\s+(?:them|whom)\s+[^,;.]{1,40}|(?:an?|all|both|most|many)\s+[^,;.]{1,50}),"
    r"|\s+(?:that|which|who)\s+[^,;.]{1,70}?(?=\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s)"
    # 'all 18 attackers, whom it described as "Indian-sponsored terrorists of Fitna al Hindustan", were killed'
    r"|\s*,\s*(?:whom|who|which)\s+[^;.]{1,90}?,(?=\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s)"
    # "3 brave sons of soil, having fought gallantly, embraced shahadat"; "2 posts used for infiltration were destroyed"
    r"|\s*,\s*having\s+[^,;.]{1,40},"
    r"|\s+(?:used|belonging|located|set\s+up|operated|deployed)\s+[^,;.]{1,50}?(?=\s+(?:were|was|had\s+been|have\s+been)\s)"
    # "11 civilians including women and children were martyred": the same without commas.
    r"|\s+(?:including|among\s+them|mostly)\s+[^,;.\d]{1,50}?(?=\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s))?"
)
RIGHT_RE = re.compile(
    # ('had been "martyred"': the verb in quotes, as statements are quoted.)
    rf"{_PP}(?P<aux>{_AUX})\s*,?\s+[“\"‘']?(?:" + "|".join(f"(?P<{k}>{v})" for k, v in RIGHT.items()) + r")\b", IC
)
_NOT_OBJECT = re.compile(
    r"\s*(?:$|[,.;:)\"”’'–—(]|(?:in|on|at|during|while|when|after|before|by|near|and|or|as|since|following|across"
    r"|along|inside|within|from|amid|today|yesterday|overnight|last|this|early|late|earlier|later|so|over|under"
    r"|with|including|among|so\s+far|till|until|but|whereas|according|said|says|officials?|police|sources?|the\s+army"
    r"|in\s+the)\b)",
    IC,
)

# --- Cheap prefilter -----------------------------------------------------------------------
_TRIGGER_WORDS = (
    r"kill|slew|slain|slay|neutrali|eliminat|martyr|massacr|gunned|dead|death|died|toll|lives|perish|lost|los[ei]"
    r"|wound|injur|hurt|casualt|fatalit|captur|seiz|control|overr|took|taken|detain|arrest|apprehend|prisoner|captive"
    r"|hostage|abduct|kidnap|destroy|destruct|demolish|raz|blew|blown|torch|ablaze|wreck|flatten|shot|down|intercept"
    r"|attack|assault|raid|strike|target|storm|struck|shell|fire|firing|violat|breach|intru|incursion|patrol"
    r"|reconnaissance|surveillance|sortie|airspace|hell|deny|denie|denied|reject|dismiss|refut"
)
PREFILTER_RE = re.compile(rf"\b(?:{_TRIGGER_WORDS})", IC)
# Denials: a party rejects a figure or an event (with or without a number).
DENIAL_RE = re.compile(
    r"\b(?P<deny>den(?:ied|ies|y|ying)|reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|refut(?:ed|es|ing)?|rubbished"
    r"|(?:called|termed|described|dismissed)\s+(?:[\w“”\"']+\s+){1,6}?(?:as\s+)?[“\"'‘]?(?:an?\s+)?(?:baseless|false|untrue"
    r"|fabricated|fabrication|propaganda|unfounded|exaggerated|fiction|fictitious|lies?|fake|nonsense))\b",
    IC,
)
NEGATED_DENIAL_RE = re.compile(
    r"\b(?:not|never|neither|nor|n't|without|refused\s+to|declined\s+to)\s+(?:\w+\s+){0,3}$", IC
)

# --- Twins for lower-cased text (patterns.lowered) ---------------------------------------------
# The readers run these over `fold(sentence)`: the same matches at the same
# offsets, found several times faster than with IGNORECASE.
HEAD_LOW = lowered(HEAD_RE)
NP_LOW = lowered(NP_RE)
NP_OTHERS_LOW = lowered(NP_OTHERS_RE)
BARE_LOW = lowered(BARE_RE)
LEFT_LOW = lowered(LEFT_RE)
RIGHT_LOW = lowered(RIGHT_RE)
NOT_OBJECT_LOW = lowered(_NOT_OBJECT)
DENIAL_LOW = lowered(DENIAL_RE)
NEGATED_DENIAL_LOW = lowered(NEGATED_DENIAL_RE)
