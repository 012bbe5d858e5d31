"""The words of attribution: verbs of speech, the shapes of speakers' names, and the small helpers that read them.

What `attribution.Attributor` matches when it looks for who speaks in a sentence: kept apart so that
the reader's logic and its vocabulary can be read separately.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import Mention
from .patterns import lowered

IC = re.IGNORECASE
# The patterns made with `lowered` read a sentence lower-cased (patterns.fold, same
# offsets): written as if case-insensitive, they match as fast as plain patterns do. Whatever a
# match says that goes out (a speaker's words) is taken from the sentence as written.
SPEECH = (
    r"said|says|say|saying|told|tells|tell|telling|claimed|claims|claim|claiming|record|list|lists|listed|gave|gives|announced|announces|announce"
    r"|announcing|confirmed|confirms|confirm|confirming|acknowledged|acknowledges|acknowledge|acknowledging"
    r"|admitted|admits|admit|admitting|conceded|concedes|insisted|insists|insist|insisting|stated|states|reported"
    r"|reports|report|reporting|added|adds|adding|noted|notes|asserted|asserts|asserting|alleged|alleges|allege"
    r"|alleging|affirmed|affirms|affirm|contended|contends|maintained|maintains|declared|declares|revealed|reveals|reveal|revealing|indicated|indicates"
    r"|indicate|showed|shows|show|suggested|suggests|wrote|writes|tweeted|posted|mentioned|explained|disclosed"
    r"|discloses|estimated|estimates|counted|recorded|records|put|puts|countered|counters|quoted|cited|informed|raised"
    r"|revised|updated|lowered|documented|documents|verified|compiled|tallied|tracked|logged|registered"
    r"|briefed|boasted|accused|accuses|blamed|read|statement|according\s+to|spoke\s+of|speaks\s+of|spoke\s+about"
    r"|talked\s+of"
)
# ("the United States", "the Gulf States", "the Islamic State": names, not "states" said.)
SPEECH_RE = lowered(rf"(?<!united )(?<!gulf )(?<!islamic )\b(?:{SPEECH})\b")
# A claim named as a noun ("Taliban claims of seizing outposts", "a Pakistani claim that"): the
# speaker is embedded in someone else's sentence.
CLAIM_NOUN = lowered(r"^(?:claims?|statement)\b")
NOUN_AS_SUBJECT = lowered(
    r"(?:\s+(?:issued|released|posted|circulated|published|read\s+out)\b[^,;.“”]{0,40}?)?"
    r"\s+(?:also\s+|further\s+|had\s+|has\s+|then\s+)?(?:said|says|added|adds|claimed|stated|noted|alleged"
    r"|accused|read|reads|warned|went\s+on)\b"
)
IN_A_BEFORE = lowered(r"\bin\s+(?:a|an|its|their|his|her|the)\s+(?:[\w\-]+\s+){0,2}$")
CLAIM_OWNER_AFTER = lowered(r"\s+(?:of|by|from)\s+(?P<who>[^,;.“”\"]{2,60}?)\s+that\b")
# Armed men the text names by what they are, not by their group ("the terrorists", "the khawarij").
ARMED_MEN = lowered(
    r"\b(?:terrorists|militants|insurgents|rebels|jihadists|khawarij|khwarij|extremists|gunmen|attackers|assailants)\b"
)
NOUN_AFTER = lowered(r"\s+(?:of|that|about|regarding)\b")
NOUN_BEFORE = lowered(r"(?:\b(?:the|a|an|these|those|its|their|his|her|such)|['’]s?)\s+(?:[\w\-]+\s+){0,3}$")
# (The alternatives start with different characters, so their order is free: the punctuation
# first, then the words behind one boundary test, is twice as fast as one alternative per word.)
BOUNDARY = lowered(r"[;:“”\"(—–]|\s-\s|\b(?:that|which|but|while|whereas)\b")
# "(MSF) ": a segment that is an acronym in brackets, cut from its name.
ACRONYM_SEGMENT = lowered(r"\(\s*[\w\-]{2,10}\)\s*$")
# A participle or preposition opens a parenthesis, not a speaker: ", shared with this newspaper by a former official,".
PARENTHETICAL = lowered(
    r"(?:shared|cited|quoted|obtained|seen|written|speaking|citing|according|without|who|which|in|on|at|with|by|after"
    r"|through|via"
    r"|before|during|however|meanwhile|though|also|including|released|issued|published|laid|tabled|presented"
    r"|submitted|sent|posted|circulated|read\s+out|made\s+public)\b",
)
HEADLINE_SOURCE = re.compile(r":\s*(?P<who>[^:]{2,40}?)\s*$")
PRONOUN = lowered(r"^(?:he|she|they|it|we|his|her|its|their)\b")
DEFINITE = lowered(
    r"^(?:the|this|that|these|those|such|its|their|his|her)\s+(?:[\w\-’']+\s+){0,3}?(?P<head>ministry|spokes(?:man|person|woman)"
    r"|officials?|sources?|statement|military|army|government|authorities|documents?|letters?|reports?|leaks?"
    r"|group|agency|administration|department|office|commander|minister|embassy|ambassador|envoy|police|forces"
    r"|media\s+wing|wing|account|communiqu[eé]|records?|data|figures?|tally|count|reply|answer|response|release"
    r"|handout|bulletin|update|briefing|note|team|unit|cell|committee|council|command|headquarters|mission"
    r"|monitors|rebels?|militants|insurgents|jihadists|militias?|paramilitar(?:y|ies))\b",
)
# Between a patron and its client in one noun phrase: "the al Qaeda affiliate JNIM", "Rwanda-backed M23".
PATRON_BETWEEN = lowered(
    r"['’]?s?[\s\-]*(?:[\w\-]+\s+){0,2}?(?:(?:linked|backed|allied|affiliated|aligned|sponsored|supported|funded)|affiliate|branch|ally"
    r"|proxy|offshoot|franchise|wing)\s*"
)
# A body no lexicon names but whose kind says it is independent: "the Frontier Conflict Monitor".
INDEPENDENT = lowered(
    r"\b(?:monitor|observatory|institute|(?<!media\s)(?<!press\s)(?:centre|center)|watch|think[\s\-]tank|rights\s+group|volunteers?|newspaper"
    # ("Afghan media", "local media reported"; not a side's "media centre" or "media information officer")
    r"|media(?!\s+(?:information|officers?|office|cent(?:re|er)|wing|cell|department|branch|unit|operations"
    r"|coordinator|director|advis[eo]r|relations|affairs|arm|team|directorate|bureau|section|service|spokes\w+))"
    r"|tally|correspondents?|reporters?|hospitals?|medics|paramedics|doctors|rescuers|rescue\s+(?:workers|service)"
    r"|aid\s+(?:group|agency|workers)|charity|NGO|researchers|analysts|project|foundation|database|records"
    r"|civil\s+society|residents?|witness(?:es)?|eyewitness(?:es)?|activists?|lawyers|rescue\s+(?:group|team)s?"
    r"|network|rights|relief|medical\s+charity|community\s+leaders?|tribal\s+elders?|clinic|commission|syndicate"
    r"|association|red\s+cross|red\s+crescent|emergency\s+rooms?|health\s+workers?|elders?"
    r"|(?:medical|medics['’]?|doctors['’]?|humanitarian|monitoring|rescue|volunteer|civic|relief)\s+(?:group|body|union))\b",
)
# Speakers that are a state's officials without saying which state: "police said", "officials said".
OFFICIAL = lowered(
    r"\b(?:officials?|police|authorities|spokes(?:man|person|woman)|ministry|military|army|government|governor"
    r"|administration|department|officers?|commanders?|sources|border\s+service|forces|minister|commissioner|dpo|dsp"
    r"|sho|superintendent|inspector|mayor|administrator|chief|constabulary|levies|rangers|frontier\s+corps"
    r"|director(?:ate)?|armed\s+forces|troops|division|brigade|battalion|corps|command|junta|regime|mouthpiece"
    r"|state\s+(?:media|television|tv|radio|news\s+agency)|news\s+agency|headquarters|rpo|igp|dig|ssp|directorate"
    r"|prefect|presidency|cabinet|parliament|senator|lawmaker|general\s+staff|air\s+defen[cs]es?|air\s+force|navy"
    r"|ombudsman|attorney\s+general|prosecutors?|public\s+prosecutor)\b",
)
PATRON_OF_NOUN = lowered(
    r"[\s\-]*(?:linked|backed|allied|affiliated|aligned|sponsored|supported|funded|inspired)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:group|militants|rebels|fighters|militia|insurgents|faction|jihadists|movement)\b"
)
# A participle that ties the speaker to a patron: "JNIM, linked to al-Qaeda, claimed".
LINKED_TO = lowered(
    r"(?:which\s+is\s+|and\s+)?(?:closely\s+|loosely\s+)?(?:(?:linked|tied|affiliated|allied|aligned|associated"
    r"|loyal)\s+(?:to|with)|(?:backed|supported|funded|armed)\s+by|an?\s+(?:affiliate|ally|offshoot|branch|proxy)"
    r"\s+of)\b"
)
# An apposition that says what kind of body the speaker is: "X, a volunteer group that documents attacks".
APPOSITIVE_KIND = lowered(
    r"an?\s+(?:[\w\-]+\s+){0,3}?(?P<head>monitor|observatory|watchdog|rights\s+group|(?:aid|volunteer|medical|civic"
    r"|monitoring|relief|humanitarian|research|advocacy|activist|residents['’]?|community)\s+(?:group|network|body"
    r"|organi[sz]ation|collective|committee)|think[\s\-]tank|charity|hospital|clinic|NGO|research\s+(?:institute|centre"
    r"|center)|institute)\b"
)
APPOSITIVE_BEFORE = lowered(
    r",\s*" + APPOSITIVE_KIND.pattern + r"(?:\s+(?:that|which|who)\b[^,;]*)?,\s*$"
)
# A state's possessive before an armed group: "Yemen's Houthi rebels", "Sudan's RSF".
STATES_GROUP = lowered(r"['’]s?\s+(?:[\w\-]+\s+)?")
# "the army", "the military": a state's armed forces, and how a story first names them.
# "MoD condemns Pakistani airstrikes, says ...": a verb whose object is another party ends the speaker's words.
OBJECT_VERB = lowered(
    r"\s(?:condemn|accus|slam|blam|reject|dismiss|welcom|hail|warn|urg|criticis|criticiz|denounc|lambast)\w*\s"
)
# A relative clause inside a long speaker's words: "elders in Mahaday who spoke to Garowe Online ... said".
RELATIVE_IN = lowered(r"\s(?:who|which)\s")
# The institutions an armed group runs where it holds the capital (lexicon `governs`).
DE_FACTO_ORGAN = lowered(
    r"\b(?:armed\s+forces|ministry\s+of\s+(?:public\s+)?health|health\s+ministry|air\s+defen[cs]es?)\b"
)
# ", and the group said": a conjunction before a speaker.
LEADING_AND = lowered(r"^(?:and|but|while|whereas)\s+")
ARMED_HEADS = frozenset({"army", "military", "forces"})
# "The Ministry of Information": a government's ministry by its proper name.
PROPER_MINISTRY = re.compile(r"\bMinistry\s+of\s+(?:the\s+)?[A-Z]")
# "The rebels said", "the paramilitary said": the armed group that speaks in the story, like "the group".
GROUP_HEADS = re.compile(r"group|rebel|militant|insurgent|jihadist|militia|paramilitar")
ARMED_NOUN = lowered(r"\b(?:army|military|armed\s+forces|forces|troops|soldiers|general\s+staff|defen[cs]e)\b")
ARMED_AFTER = lowered(r"['’]?s?\s*(?:army|military|armed\s+forces|defen[cs]e\s+forces|troops)\b")
# A record and the body that keeps it: "a tally by the Lebanese Health Ministry" is the ministry's.
KEPT_BY = lowered(r"\b(?:by|from)\b")
APPOSITION_OF = lowered(
    r"['’]s\s+(?:\w+\s+)?(?:affiliate|branch|ally|allies|offshoot|proxy|proxies|faction|partner|franchise)\b"
    # "JNIM, the Sahel branch of Al-Qaeda, claimed": the patron named after the noun
    r"|^(?:an?|the|its)\s+(?:[\w\-]+\s+){0,3}?(?:affiliate|branch|ally|offshoot|proxy|faction|partner|franchise"
    r"|wing)\s+of\b"
)
BY_COUNT = lowered(
    r"\b(?:by|according\s+to)\s+(?P<who>[^,;.]{2,50}?)(?:['’]s?)\s+(?:own\s+)?(?:count|tally|estimates?|reckoning|figures"
    r"|numbers|data)\b"
)
PASSIVE_SPEECH = lowered(
    r"\b(?:was|were|is|are|been|being)\s+(?:first\s+|also\s+|later\s+)?(?:reported|announced|stated|said|confirmed"
    r"|claimed|published|posted|disclosed|released)\s+by\s+(?P<who>[^,;.]{2,80}?)(?=\s+(?:on|in|at|via|through"
    r"|during|late|early|after)\b|[,;.]|$)"
)
# "This was reported by the General Staff": a sentence that names the source of the one before it.
SOURCE_AFTER = re.compile(r"(?:This|That|These|It|The\s+(?:figures?|data|losses|toll)\s+(?:was|were))\b", re.I)
GOVERNMENTAL = lowered(r"\b(?:government|governmental|provincial|federal|state|ministry|ministerial)\b")
COORDINATED = lowered(r"(?:\band|\bbut|\bor)\s*$")
# "sources cited by Reuters", "figures reported by the ministry": a participle, not the speaker's verb.
BY_AFTER = lowered(r"\s+by\b")
# "Cambodian losses were estimated at 30": a passive verb of speech whose subject is what is counted, not a speaker.
PASSIVE_BEFORE = lowered(r"\b(?:was|were|is|are|been|being)\s+$")
# ("was saying", "had been insisting": progressive, not passive.)
PROGRESSIVE = lowered(r"\w+ing\b")
PARENTHESIS_BEFORE = lowered(
    r",\s*(?:(?:which|who)\s+(?!said|says|told|added|claimed|stated)|an?\s+(?:[\w\-’']+\s+){0,4}?(?:faction|group"
    r"|militia|alliance|coalition|movement|outfit|offshoot|front|organi[sz]ation|insurgency|splinter)\b)[^,;:“”\"]*,"
    r"\s*(?:(?:has|have|had)(?:\s+also)?\s+|also\s+)?$"
)
RELATIVE_CUT = lowered(r",\s*(?:which|who)$")
COMMA_BEFORE = re.compile(r",\s*$")
NAME_AFTER = lowered(r"\s+(?!that\b)[^,;.\d]{2,60}(?:[,;.]|$)")
INVERTED = lowered(r"(?:said|says|added|claimed|told|insisted|confirmed|stated)$")
PARTICIPLE = lowered(r"(?:adding|saying|claiming|insisting|noting|asserting|alleging)$")
BULLET = re.compile(r"\s*[•●▪◦·\-*–]\s")
PERSONISH = re.compile(r"spokes|minister|official|commander|ambassador|envoy|governor|chief|general|he\b|she\b", IC)
# A figure (not a name with a digit in it: "M23", "F-16") ends a speaker's words.
SEGMENT_STOP = re.compile(r"(?<![\w/\-])\d")
# Words between a speaker and the verb that name nobody: "Pakistan, however, neither confirmed".
FILLER = lowered(
    r"(?:^|\s+)(?:has|have|had|also|further|earlier|later|then|again|neither|nor|not|did|does|never|however"
    r"|reportedly|separately|previously|initially|subsequently|meanwhile|though|too|in\s+turn|for\s+(?:its|their|his"
    r"|her)\s+part|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|in\s+a\s+statement|on\s+the\s+other\s+hand)\s*$",
)
# The last word of every FILLER phrase: a segment that ends with none of them needs no search.
FILLER_LAST = frozenset({
    "has", "have", "had", "also", "further", "earlier", "later", "then", "again", "neither", "nor", "not", "did",
    "does", "never", "however", "reportedly", "separately", "previously", "initially", "subsequently", "meanwhile",
    "though", "too", "turn", "part", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "statement", "hand",
})
DETERMINER_BEFORE = lowered(r"\b(?:the|a|an|its|their|his|her|this|these|those|our|of)\s+$")
MAX_SPEAKER_WORDS = 12
# The name given to a speaker whose state was not said but taken for the story's home ("police said").
HOME = "@home"
# How many sentences back a figure with no speaker of its own looks for one.
CARRY_BACK = 4
# A sentence of background ("In August 2024, militants killed 23 passengers") is the article's own voice.
BACKGROUND = re.compile(
    r"\b(?:in|during|by|until|of)\s+(?:(?:early|late|mid)[\s\-])?(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|(?:19|20)\d\d)\b|\b(?:last|previous)\s+(?:year|month|summer"
    r"|winter|spring|autumn)\b|\bearlier\s+this\s+year\b"
    # "shut since August, when ...", but not a running tally "since February 24, 2022"
    r"|\bsince\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\.?\s*\d)",
    re.IGNORECASE,
)



# Words by which a story says that the people it counts were civilians.
CIVILIAN_STORY = re.compile(r"\b(?:civilians?|non-?combatants?)\b", re.I)


ISSUED = re.compile(
    r"\b(?:issued|released|published|put\s+out)\s+(?:the\s+following|a|an|its)\s+(?:\w+\s+)?(?:statement|communiqu[eé]"
    r"|press\s+release|bulletin|summary|update|briefing)\b",
    re.I,
)
# A speaker's own perspective: "our forces", "we", "the enemy", "own troops" (a statement's voice).
FIRST_PERSON = re.compile(r"\b(?:our|we|us|the\s+enemy|enemy['’]s|own\s+(?:troops|forces))\b", re.I)
DOCUMENT_HEAD = re.compile(
    r"\b(?:press\s+release|statement\s+(?:of|by|from|issued)|communiqu[eé]|handout|official\s+statement)\b"
    r"|\bNo\.?\s*PR[\s\-]?\d+|\bPR[\s\-]?\d+/\d{2,4}"
    # "Summary of the Russian Defence Ministry on the progress of ...", "Bulletin of the General Staff"
    r"|(?<![^\n])(?:daily\s+|weekly\s+)?(?:summary|bulletin|briefing|update|report|statement)\s+(?:of|by|from)"
    r"\s+the\b", IC
)
REPORT_GOES_ON = re.compile(
    r"(?:(?:The|This|That|These|Those|Its|Their|Of\s+the)\s+(?:[\w\-’']+\s+){0,2}?(?:count|tally|toll|figures?|list"
    r"|report|statement|documents?|data|breakdown|records?|numbers?|dead|victims|casualties)\b"
    r"|Of\s+(?:them|these|those|whom),)"
)


def without_fillers(seg: str) -> str:
    """`seg` without the words at its end that name nobody ("has also", "in a statement")."""
    while True:
        words = seg.rsplit(None, 1)
        if not words or words[-1] not in FILLER_LAST:
            return seg
        f = FILLER.search(seg)
        if f is None or not f.group():
            return seg
        seg = seg[:f.start()]


def claimant(party: str | None) -> str:
    return party or "unattributed"


def name(m: Mention) -> str | None:
    return m.surface if m.kind in ("person", "alias") and m.surface[:1].isupper() else None


CLAUSE_END = re.compile(
    r";|\s[—–]\s|,\s+(?:while|but|whereas)\b|,\s+(?:and\s+)?(?:said|saying|adding|insisting|noting)\b"
)
UP_TO_PUNCTUATION = re.compile(r"[^,;.:]*")


def clause_end(s: str, pos: int) -> int:
    m = CLAUSE_END.search(s, pos)
    return m.start() if m else len(s)


class Anchor(NamedTuple):
    """A place in a sentence where a party is said to speak; figures after `end` are in its scope."""

    start: int  # the verb (local offsets)
    end: int
    party: str | None  # claimant id; None where the speaker could not be told
    name: str | None  # a named person or body ("Zabihullah Mujahid", "ISPR")
    kind: str  # "speech" | "according" | "denial"
    embedded: bool  # a claim named as a noun inside another's sentence
    np: str  # the words that named the speaker
    scope_end: int  # for a denial or an embedded claim: where its object ends


class Attribution(NamedTuple):
    """Who puts a figure forward, and how the extractor knows."""

    claimant: str
    name: str | None
    denied: bool
    how: str  # "speech", "according", "tail", "carry", "none"
    embedded_claimant: str | None = None  # for a figure inside a denial: whose claim is denied
