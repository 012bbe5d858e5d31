"""Who puts a figure forward: speech verbs, "according to", headlines, denials and carry-over."""

from __future__ import annotations

import re
from typing import NamedTuple

from .dates import DATELINE_LOW
from .lexicon import Lexicon, Mention
from .patterns import fold, lowered
from .places import find_places
from .scan import DENIAL_SCAN, SPEECH_SCAN, TextScan
from .sentences import Layout
from .speakers import named_in, people
from .vocab import DENIAL_LOW, NEGATED_DENIAL_LOW

IC = re.IGNORECASE
# The patterns made with `lowered` read a sentence lower-cased (patterns.fold, same
# offsets): written as if case-insensitive, they match as fast as plain patterns do. Whatever a
# match says that goes out (a speaker's words) is taken from the sentence as written.
_SPEECH = (
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
SPEECH_RE = lowered(rf"\b(?:{_SPEECH})\b")
# A claim named as a noun ("Taliban claims of seizing outposts", "a Pakistani claim that"): the
# speaker is embedded in someone else's sentence.
_CLAIM_NOUN = lowered(r"^(?:claims?|statement)\b")
_NOUN_AS_SUBJECT = lowered(
    r"(?:\s+(?:issued|released|posted|circulated|published|read\s+out)\b[^,;.“”]{0,40}?)?"
    r"\s+(?:also\s+|further\s+|had\s+|has\s+|then\s+)?(?:said|says|added|adds|claimed|stated|noted|alleged"
    r"|accused|read|reads|warned|went\s+on)\b"
)
_IN_A_BEFORE = lowered(r"\bin\s+(?:a|an|its|their|his|her|the)\s+(?:[\w\-]+\s+){0,2}$")
_CLAIM_OWNER_AFTER = lowered(r"\s+(?:of|by|from)\s+(?P<who>[^,;.“”\"]{2,60}?)\s+that\b")
_ARMED_MEN = lowered(r"\b(?:terrorists|militants|insurgents|rebels|jihadists|khawarij|khwarij|extremists|gunmen)\b")
_NOUN_AFTER = lowered(r"\s+(?:of|that|about|regarding)\b")
_NOUN_BEFORE = lowered(r"(?:\b(?:the|a|an|these|those|its|their|his|her|such)|['’]s?)\s+(?:[\w\-]+\s+){0,3}$")
# (The alternatives start with different characters, so their order is free: the punctuation
# first, then the words behind one boundary test, is twice as fast as one alternative per word.)
_BOUNDARY = lowered(r"[;:“”\"(—–]|\s-\s|\b(?:that|which|but|while|whereas)\b")
# A participle or preposition opens a parenthesis, not a speaker: ", shared with this newspaper by a former official,".
_PARENTHETICAL = lowered(
    r"(?:shared|cited|quoted|obtained|seen|written|speaking|citing|according|without|who|which|in|on|at|with|by|after"
    r"|before|during|however|meanwhile|though|also|including|released|issued|published|laid|tabled|presented"
    r"|submitted|sent|posted|circulated|read\s+out|made\s+public)\b",
)
_HEADLINE_SOURCE = re.compile(r":\s*(?P<who>[^:]{2,40}?)\s*$")
_PRONOUN = lowered(r"^(?:he|she|they|it|we|his|her|its|their)\b")
_DEFINITE = lowered(
    r"^(?:the|this|that|these|those|such|its|their|his|her)\s+(?:[\w\-’']+\s+){0,3}?(?P<head>ministry|spokes(?:man|person|woman)"
    r"|officials?|sources?|statement|military|army|government|authorities|documents?|letters?|reports?|leaks?"
    r"|group|agency|administration|department|office|commander|minister|embassy|ambassador|envoy|police|forces"
    r"|media\s+wing|wing|account|communiqu[eé]|records?|data|figures?|tally|count|reply|answer|response|release"
    r"|handout|bulletin|update|briefing|note|team|unit|cell|committee|council|command|headquarters)\b",
)
# Between a patron and its client in one noun phrase: "the al Qaeda affiliate JNIM", "Rwanda-backed M23".
_PATRON_BETWEEN = lowered(
    r"['’]?s?[\s\-]*(?:[\w\-]+\s+){0,2}?(?:(?:linked|backed|allied|affiliated|aligned|sponsored|supported|funded)|affiliate|branch|ally"
    r"|proxy|offshoot|franchise|wing)\s*"
)
# A body no lexicon names but whose kind says it is independent: "the Frontier Conflict Monitor".
_INDEPENDENT = lowered(
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
_OFFICIAL = lowered(
    r"\b(?:officials?|police|authorities|spokes(?:man|person|woman)|ministry|military|army|government|governor"
    r"|administration|department|officers?|commanders?|sources|border\s+service|forces|minister|commissioner|dpo|dsp"
    r"|sho|superintendent|inspector|mayor|administrator|chief|constabulary|levies|rangers|frontier\s+corps"
    r"|director(?:ate)?|armed\s+forces|troops|division|brigade|battalion|corps|command|junta|regime|mouthpiece"
    r"|state\s+(?:media|television|tv|radio|news\s+agency)|news\s+agency|headquarters|rpo|igp|dig|ssp|directorate"
    r"|prefect|presidency|cabinet|parliament|senator|lawmaker|general\s+staff|air\s+defen[cs]es?|air\s+force|navy)\b",
)
_PATRON_OF_NOUN = lowered(
    r"[\s\-]*(?:linked|backed|allied|affiliated|aligned|sponsored|supported|funded|inspired)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:group|militants|rebels|fighters|militia|insurgents|faction|jihadists|movement)\b"
)
# A participle that ties the speaker to a patron: "JNIM, linked to al-Qaeda, claimed".
_LINKED_TO = lowered(
    r"(?:which\s+is\s+|and\s+)?(?:closely\s+|loosely\s+)?(?:(?:linked|tied|affiliated|allied|aligned|associated"
    r"|loyal)\s+(?:to|with)|(?:backed|supported|funded|armed)\s+by|an?\s+(?:affiliate|ally|offshoot|branch|proxy)"
    r"\s+of)\b"
)
# An apposition that says what kind of body the speaker is: "X, a volunteer group that documents attacks".
_APPOSITIVE_KIND = lowered(
    r"an?\s+(?:[\w\-]+\s+){0,3}?(?P<head>monitor|observatory|watchdog|rights\s+group|(?:aid|volunteer|medical|civic"
    r"|monitoring|relief|humanitarian|research|advocacy|activist|residents['’]?|community)\s+(?:group|network|body"
    r"|organi[sz]ation|collective|committee)|think[\s\-]tank|charity|hospital|clinic|NGO|research\s+(?:institute|centre"
    r"|center)|institute)\b"
)
_APPOSITIVE_BEFORE = lowered(
    r",\s*" + _APPOSITIVE_KIND.pattern + r"(?:\s+(?:that|which|who)\b[^,;]*)?,\s*$"
)
# A state's possessive before an armed group: "Yemen's Houthi rebels", "Sudan's RSF".
_STATES_GROUP = lowered(r"['’]s?\s+(?:[\w\-]+\s+)?")
# "the army", "the military": a state's armed forces, and how a story first names them.
_ARMED_HEADS = frozenset({"army", "military", "forces"})
_ARMED_NOUN = lowered(r"\b(?:army|military|armed\s+forces|forces|troops|soldiers|general\s+staff|defen[cs]e)\b")
_ARMED_AFTER = lowered(r"['’]?s?\s*(?:army|military|armed\s+forces|defen[cs]e\s+forces|troops)\b")
# A record and the body that keeps it: "a tally by the Lebanese Health Ministry" is the ministry's.
_KEPT_BY = lowered(r"\b(?:by|from)\b")
_APPOSITION_OF = lowered(
    r"['’]s\s+(?:\w+\s+)?(?:affiliate|branch|ally|allies|offshoot|proxy|proxies|faction|partner|franchise)\b"
)
_BY_COUNT = lowered(
    r"\b(?:by|according\s+to)\s+(?P<who>[^,;.]{2,50}?)(?:['’]s?)\s+(?:own\s+)?(?:count|tally|estimates?|reckoning|figures"
    r"|numbers|data)\b"
)
_PASSIVE_SPEECH = lowered(
    r"\b(?:was|were|is|are|been|being)\s+(?:first\s+|also\s+|later\s+)?(?:reported|announced|stated|said|confirmed"
    r"|claimed|published|posted|disclosed|released)\s+by\s+(?P<who>[^,;.]{2,80}?)(?=\s+(?:on|in|at|via|through"
    r"|during|late|early|after)\b|[,;.]|$)"
)
# "This was reported by the General Staff": a sentence that names the source of the one before it.
_SOURCE_AFTER = re.compile(r"(?:This|That|These|It|The\s+(?:figures?|data|losses|toll)\s+(?:was|were))\b", re.I)
_GOVERNMENTAL = lowered(r"\b(?:government|governmental|provincial|federal|state|ministry|ministerial)\b")
_COORDINATED = lowered(r"(?:\band|\bbut|\bor)\s*$")
# "sources cited by Reuters", "figures reported by the ministry": a participle, not the speaker's verb.
_BY_AFTER = lowered(r"\s+by\b")
# "Cambodian losses were estimated at 30": a passive verb of speech whose subject is what is counted, not a speaker.
_PASSIVE_BEFORE = lowered(r"\b(?:was|were|is|are|been|being)\s+$")
_PARENTHESIS_BEFORE = lowered(
    r",\s*(?:(?:which|who)\s+(?!said|says|told|added|claimed|stated)|an?\s+(?:[\w\-’']+\s+){0,4}?(?:faction|group"
    r"|militia|alliance|coalition|movement|outfit|offshoot|front|organi[sz]ation|insurgency|splinter)\b)[^,;:“”\"]*,\s*$"
)
_RELATIVE_CUT = lowered(r",\s*(?:which|who)$")
_COMMA_BEFORE = re.compile(r",\s*$")
_NAME_AFTER = lowered(r"\s+(?!that\b)[^,;.\d]{2,60}(?:[,;.]|$)")
_INVERTED = lowered(r"(?:said|says|added|claimed|told|insisted|confirmed|stated)$")
_PARTICIPLE = lowered(r"(?:adding|saying|claiming|insisting|noting|asserting|alleging)$")
_BULLET = re.compile(r"\s*[•●▪◦·\-*–]\s")
_PERSONISH = re.compile(r"spokes|minister|official|commander|ambassador|envoy|governor|chief|general|he\b|she\b", IC)
_SEGMENT_STOP = re.compile(r"\d")
# Words between a speaker and the verb that name nobody: "Pakistan, however, neither confirmed".
_FILLER = lowered(
    r"(?:^|\s+)(?:has|have|had|also|further|earlier|later|then|again|neither|nor|not|did|does|never|however"
    r"|reportedly|separately|previously|initially|subsequently|meanwhile|though|too|in\s+turn|for\s+(?:its|their|his"
    r"|her)\s+part|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|in\s+a\s+statement|on\s+the\s+other\s+hand)\s*$",
)
# The last word of every _FILLER phrase: a segment that ends with none of them needs no search.
_FILLER_LAST = frozenset({
    "has", "have", "had", "also", "further", "earlier", "later", "then", "again", "neither", "nor", "not", "did",
    "does", "never", "however", "reportedly", "separately", "previously", "initially", "subsequently", "meanwhile",
    "though", "too", "turn", "part", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "statement", "hand",
})
_DETERMINER_BEFORE = lowered(r"\b(?:the|a|an|its|their|his|her|this|these|those|our|of)\s+$")
MAX_SPEAKER_WORDS = 12
# The name given to a speaker whose state was not said but taken for the story's home ("police said").
HOME = "@home"
# How many sentences back a figure with no speaker of its own looks for one.
_CARRY_BACK = 4
# A sentence of background ("In August 2024, militants killed 23 passengers") is the article's own voice.
_BACKGROUND = re.compile(
    r"\b(?:in|during|by|until|of)\s+(?:(?:early|late|mid)[\s\-])?(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|(?:19|20)\d\d)\b|\b(?:last|previous)\s+(?:year|month|summer"
    r"|winter|spring|autumn)\b|\bearlier\s+this\s+year\b"
    # "shut since August, when ...", but not a running tally "since February 24, 2022"
    r"|\bsince\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?!\.?\s*\d)",
    re.IGNORECASE,
)


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


# Words by which a story says that the people it counts were civilians.
_CIVILIAN_STORY = re.compile(r"\b(?:civilians?|non-?combatants?)\b", re.I)


class Attributor:
    """Reads the speakers of a text's sentences on demand and resolves who speaks for a figure."""

    def __init__(self, text: str, lay: Layout, lexicon: Lexicon, scan: TextScan | None = None) -> None:
        self.text = text
        self.scan = scan
        self.lay = lay
        self.sentences = lay.sentences
        self.lex = lexicon
        self._anchors: dict[int, list[Anchor]] = {}
        self._home: dict[int, str | None] = {}
        self._opponents: dict[tuple[str, int], str | None] = {}
        self._issuer: dict[int, str | None] = {}
        self._people: dict[str, str] | None = None
        self._civilian: dict[int, bool] = {}
        self.items: frozenset[int] = frozenset()  # the lines of a list or table, which go on their intro's report

    def says_civilians(self, story: int) -> bool:
        """True where a story calls its victims civilians anywhere: its "people" are then civilians too."""
        if story not in self._civilian:
            st = self.lay.stories[story]
            self._civilian[story] = _CIVILIAN_STORY.search(self.text, st.start, st.end) is not None
        return self._civilian[story]

    @property
    def people(self) -> dict[str, str]:
        """The people the text introduces with an affiliation: name or surname -> party (read once)."""
        if self._people is None:
            self._people = people(self.text, self.lex)
        return self._people

    def home(self, story: int) -> str | None:
        """The state a story names most: whose officials "officials" are when nothing else says."""
        if story not in self._home:
            st = self.lay.stories[story]
            counts: dict[str, int] = {}
            first_body = next((s.start for s in self.sentences if s.story == story and not s.headline), st.start)
            for m in self.lex.find(self.text, st.start, st.end):
                p = self.lex.parties.get(m.party)
                if p is not None and p.kind == "state" and m.kind != "person":
                    # A dateline ("ISLAMABAD:") says where the story is told from.
                    weight = 10 if m.kind == "capital" and m.start - first_body < 3 else 1
                    counts[m.party] = counts.get(m.party, 0) + weight
            # Where things happen tells whose officials speak more than whom the story names: an Indian
            # story names Pakistan at every turn, its places are in India. A dateline place counts most.
            for place in find_places(self.text, st.start, st.end):
                if self.lex.is_party(place.country):
                    weight = 10 if place.start - first_body < 3 else 2
                    counts[place.country] = counts.get(place.country, 0) + weight
            self._home[story] = max(counts, key=lambda k: counts[k]) if counts else None
        return self._home[story]

    def group_near(self, idx: int, pos: int | None = None) -> str | None:
        """The one armed group named in sentence `idx` or the three before it in its paragraph, else None.

        "militants" or "rebels" with a group named beside them are that group's men (spec/claims.md:
        `militants` are armed men the text does not tie to a party); two groups in view tie them to neither.
        """
        here = self.sentences[idx]
        found: set[str] = set()
        for j in range(idx, max(-1, idx - 4), -1):
            sent = self.sentences[j]
            if sent.story != here.story or sent.paragraph != here.paragraph:
                break
            # (In the figure's own sentence only the names before it: "20 militants, including two commanders of
            # the X group" does not make the twenty X's men.)
            stop = sent.end if j != idx or pos is None else pos
            for m in self.lex.find(self.text, sent.start, stop):
                party = self.lex.parties.get(m.party)
                if party is not None and party.kind == "group":
                    found.add(m.party)
        return next(iter(found)) if len(found) == 1 else None

    def group_in_story(self, idx: int, excluding: str | None = None) -> str | None:
        """The armed group the story names up to sentence `idx`, else None: whose "the terrorists" are.

        With more than one group named, the one named at least twice as often as any other ("JNIM" five times,
        its patron "al-Qaeda" once).
        """
        here = self.sentences[idx]
        counts: dict[str, int] = {}
        st = self.lay.stories[here.story]
        for m in self.lex.find(self.text, st.start, here.end):
            party = self.lex.parties.get(m.party)
            if party is not None and party.kind == "group" and m.party != excluding:
                counts[m.party] = counts.get(m.party, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1] and ranked[0][1] >= 3):
            return ranked[0][0]
        return None

    def ground(self, story: int) -> str | None:
        """The party on whose ground most of the story's places lie, else None."""
        st = self.lay.stories[story]
        counts: dict[str, int] = {}
        for place in find_places(self.text, st.start, st.end):
            if self.lex.is_party(place.country):
                counts[place.country] = counts.get(place.country, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def opponent(self, party: str | None, story: int) -> str | None:
        """Whom `party` fights: of the lexicon's opponents the first the story names, else the other
        side the story names most ("Pakistan" in a story about India), else the lexicon's first."""
        if party is None:
            return None
        key = (party, story)
        if key in self._opponents:
            return self._opponents[key]
        st = self.lay.stories[story]
        counts: dict[str, int] = {}
        for m in self.lex.find(self.text, st.start, st.end):
            p = self.lex.parties.get(m.party)
            if m.party != party and p is not None and p.kind != "third_party" and m.kind != "person":
                counts[m.party] = counts.get(m.party, 0) + 1
        known = self.lex.opponents(party)
        # Of the lexicon's opponents, the one the story names most (ties: the lexicon's order).
        named = [o for o in known if o in counts]
        found = max(named, key=lambda o: (counts[o], -known.index(o))) if named else None
        p = self.lex.parties.get(party)
        if found is None and known and p is not None and p.kind == "group":
            found = known[0]  # an armed group's enemy is the state it fights, whoever else the story names
        if found is None and not known and p is not None and p.kind == "group":
            # A group the text named itself ("the People's Anti-Fascist Front"): the state the story names most.
            states = {k: n for k, n in counts.items() if self.lex.parties[k].kind == "state"}
            found = max(states, key=lambda k: states[k]) if states else None
        if found is None:
            found = max(counts, key=lambda k: counts[k]) if counts else (known[0] if known else None)
        self._opponents[key] = found
        return found

    # --- speakers of one sentence -------------------------------------------------------------------
    def anchors(self, idx: int) -> list[Anchor]:
        """The anchors of sentence `idx`, left to right (computed once)."""
        cached = self._anchors.get(idx)
        if cached is None:
            cached = self._find_anchors(idx)
            self._anchors[idx] = cached
        return cached

    def _find_anchors(self, idx: int) -> list[Anchor]:
        sent = self.sentences[idx]
        s = self.text[sent.start:sent.end]
        low = fold(s)
        out: list[Anchor] = []
        if self.scan is not None:
            speech = [m for p in self.scan.hits(SPEECH_SCAN, idx) if (m := SPEECH_RE.match(low, p)) is not None]
            denials = [m for p in self.scan.hits(DENIAL_SCAN, idx) if (m := DENIAL_LOW.match(low, p)) is not None]
        else:
            speech, denials = list(SPEECH_RE.finditer(low)), list(DENIAL_LOW.finditer(low))
        # "the alleged incursions", "its reported facilitation": adjectives, not verbs of speech.
        spans = [(m.start(), m.end(), "speech") for m in speech
                 if (not _DETERMINER_BEFORE.search(low, max(0, m.start() - 6), m.start())
                     or _CLAIM_NOUN.match(m.group()))
                 and (not _BY_AFTER.match(low, m.end())
                      or (_CLAIM_NOUN.match(m.group()) and _CLAIM_OWNER_AFTER.match(low, m.end())))
                 and not _PASSIVE_BEFORE.search(low, max(0, m.start() - 10), m.start())]
        for m in denials:
            if not NEGATED_DENIAL_LOW.search(low, max(0, m.start() - 30), m.start()):
                spans.append((m.start(), m.end(), "denial"))
        spans.sort()
        head = DATELINE_LOW.match(low) if spans else None  # the first speaker is read after a dateline
        prev_end = head.end() if head is not None else 0
        for start, end, kind in spans:
            word = low[start:end]
            if kind == "speech" and word.startswith("according"):
                party, name, np = self._resolve_after(idx, s, low, end, out)
                out.append(Anchor(start, end, party, name, "according", False, np, len(s)))
                prev_end = end
                continue
            if word.startswith(("statement", "claim")) and _NOUN_AS_SUBJECT.match(low, end):
                continue  # "The statement said ...": the noun is the next verb's speaker
            if word.startswith(("statement", "claim")) and _IN_A_BEFORE.search(low, max(0, start - 30), start):
                continue  # "X, in a statement issued on Friday, said": how X spoke, not a claim of its own
            embedded = bool(_CLAIM_NOUN.match(word)) and (
                bool(_NOUN_AFTER.match(low, end)) or bool(_NOUN_BEFORE.search(low, max(0, start - 40), start))
                or bool(_CLAIM_OWNER_AFTER.match(low, end))
            )
            if word == "statement" and not embedded:
                continue
            coordinated = bool(_COORDINATED.search(low, max(prev_end, start - 6), start))
            if (coordinated or _PARTICIPLE.match(word)) and out and not embedded:
                # "said ... and acknowledged": the second verb has the first one's speaker.
                last = next((a for a in reversed(out) if not a.embedded and a.kind != "according"), None)
                if last is not None:
                    scope_end = _clause_end(s, end) if kind == "denial" else len(s)
                    out.append(Anchor(start, end, last.party, last.name, kind, False, "", scope_end))
                    prev_end = end
                    continue
            owner = _CLAIM_OWNER_AFTER.match(low, end) if embedded else None
            found = self._speaker_in(idx, s, low, owner.start("who"), owner.end("who"), out) if owner else None
            if owner is not None and (found is None or not found[0]) and _ARMED_MEN.search(owner.group("who")):
                found = (self.group_in_story(idx), None)  # "the claim of the Khawarij that": the story's group
            if owner is not None and found is not None and found[0]:
                # "dismissed the claim of the Khawarij that 47 soldiers were killed": the claim's owner follows it.
                party, name, np = found[0], found[1], owner.group("who")
            else:
                party, name, np = self._resolve_before(idx, s, low, prev_end, start, out, embedded=embedded)
            if party is None and not out and _COMMA_BEFORE.search(s, prev_end, start) and _INVERTED.match(word):
                after = _NAME_AFTER.match(low, end)
                if after is not None:
                    # "..., said Zabihullah Mujahid": the speaker follows the verb.
                    party, name, np = self._resolve_after(idx, s, low, end, out)
            if party is None and not np.strip() and word in ("read", "put", "puts", "show", "shows", "showed"):
                continue  # common words that only speak for someone named just before them
            scope_end = _clause_end(s, end) if kind == "denial" or embedded else len(s)
            out.append(Anchor(start, end, party, name, kind, embedded, np, scope_end))
            prev_end = end
        for m in _PASSIVE_SPEECH.finditer(low) if " by " in low else ():
            # "This was reported by the General Staff", "figures announced by the ministry": the agent speaks.
            found = self._speaker_in(idx, s, low, m.start("who"), m.end("who"), out)
            if found is not None and found[0]:
                out.append(Anchor(m.start(), m.end(), found[0], found[1], "according", False, m.group("who"), len(s)))
                out.sort(key=lambda a: a.start)
        for m in _BY_COUNT.finditer(low):
            # "By the military's own count, more than 1,100 militants were killed": the count's owner speaks.
            found = self._speaker_in(idx, s, low, m.start("who"), m.end("who"), out)
            if found is not None and found[0]:
                out.append(Anchor(m.start(), m.end(), found[0], found[1], "according", False, m.group("who"), len(s)))
                out.sort(key=lambda a: a.start)
        if sent.headline and (tail := _HEADLINE_SOURCE.search(s)) is not None:
            # "Four Afghan quadcopters downed: security sources".
            found = self._speaker_in(idx, s, low, tail.start("who"), tail.end("who"), out)
            if found is not None and found[0]:
                out.append(Anchor(len(s), len(s), found[0], found[1], "speech", False, tail.group("who"), len(s)))
        return out

    def _resolve_before(
        self, idx: int, s: str, low: str, floor: int, verb: int, earlier: list[Anchor], *, embedded: bool
    ) -> tuple[str | None, str | None, str]:
        """(party, name, words) of the speaker named before a verb at `verb`; `low` is `s` lower-cased."""
        kind = _APPOSITIVE_BEFORE.search(low, 0, verb)
        if kind is not None and all(a.start > kind.start() for a in earlier) and _INDEPENDENT.fullmatch(kind["head"]):
            # "X, a rights group that tracks killings by the regime, says": the apposition says what X is.
            return "third_party", None, s[kind.start():verb]
        par = _PARENTHESIS_BEFORE.search(low, floor, verb)
        if par is not None and low[floor:par.start()].strip():
            # "Rwanda's army, which has troops deployed in the province, said", "The Hafiz Gul Bahadur group, a
            # Pakistani Taliban faction that operates apart from the TTP, said": the noun before the parenthesis.
            verb = par.start()
        cut = floor
        stop = verb
        for m in _BOUNDARY.finditer(low, floor, verb):
            cut = m.end()
        rel = _RELATIVE_CUT.search(low, max(floor, cut - 10), cut)
        if rel is not None and not low[cut:verb].strip():
            # "Pakistan, which denied": the verb's subject is the noun before the relative pronoun.
            stop, cut = rel.start(), floor
            for m in _BOUNDARY.finditer(low, floor, stop):
                cut = m.end()
            verb = stop
        window = s[cut:stop]
        pieces = window.split(",")
        offset = cut
        bounds = []
        for piece in pieces:
            bounds.append((offset, offset + len(piece)))
            offset += len(piece) + 1
        tried = 0
        for seg_start, seg_end in reversed(bounds):
            seg_low = _without_fillers(low[seg_start:seg_end])
            seg_end = seg_start + len(seg_low)
            seg_low = seg_low.strip()
            if not seg_low:
                continue
            seg = s[seg_start:seg_end].strip()
            tried += 1
            if len(bounds) > 1 and seg_low.startswith("citing ") and tried <= 3:
                cited = self._speaker_in(idx, s, low, seg_start, seg_end, earlier)
                if cited is not None and cited[0] is not None:
                    return cited[0], cited[1], seg  # "Pakistani media, citing security sources, reported"
            if len(bounds) > 1 and _PARENTHETICAL.match(seg_low) and tried <= 3:
                continue  # ", who asked not to be named because ...,": a parenthesis about the speaker
            if len(bounds) > 1 and (_APPOSITION_OF.search(seg_low) or _LINKED_TO.match(seg_low)) and tried <= 3:
                continue  # "JNIM, al-Qaeda's affiliate in the Sahel, said", "JNIM, linked to al-Qaeda, said"
            if len(bounds) > 1 and seg_low in ("which", "who") and tried <= 2:
                continue  # "Pakistan, which denied": the speaker is the noun before the relative pronoun

            if tried > 3 or (tried > 1 and _SEGMENT_STOP.search(seg)) or len(seg.split()) > MAX_SPEAKER_WORDS:
                break
            found = self._speaker_in(idx, s, low, seg_start, seg_end, earlier)
            if found is not None:
                return found[0], found[1], seg
            if embedded:
                break
        if embedded:
            return None, None, window
        # No speaker named: the verb shares the subject of the one before it ("confirmed ..., but rejected").
        for a in reversed(earlier):
            if not a.embedded and a.kind != "according":
                return a.party, a.name, ""
        return None, None, window

    def _is_group(self, party: str) -> bool:
        p = self.lex.parties.get(party)
        return p is not None and p.kind == "group"

    def _resolve_after(
        self, idx: int, s: str, low: str, start: int, earlier: list[Anchor]
    ) -> tuple[str | None, str | None, str]:
        """(party, name, words) of the speaker named after "according to"."""
        m = _UP_TO_PUNCTUATION.match(s, start)
        end = m.end() if m else len(s)
        found = self._speaker_in(idx, s, low, start, end, earlier)
        np = s[start:end].strip()
        return (found[0], found[1], np) if found else (None, None, np)

    def _speaker_in(
        self, idx: int, s: str, low: str, start: int, end: int, earlier: list[Anchor]
    ) -> tuple[str | None, str | None] | None:
        """(party, name) named in `s[start:end]`, resolving "he" and "the ministry" backwards; None if none."""
        mentions = self.lex.find(s, start, end)
        if (
            mentions
            and mentions[0].kind == "state"
            and (org := _INDEPENDENT.search(low, mentions[0].end, end))
            and not _OFFICIAL.search(low, mentions[0].end, org.start())
        ):
            return "third_party", None  # "the Sudan Doctors Network", "Afghan media": not the state
        if (
            mentions
            and mentions[0].kind == "state"
            and (org := _INDEPENDENT.search(low, start, mentions[0].start))
            and not _OFFICIAL.search(low, start, mentions[0].start)
            and not _KEPT_BY.search(low, org.end(), mentions[0].start)
        ):
            return "third_party", None  # "the Human Rights Commission of Pakistan"
        if len(mentions) == 1 and _PATRON_OF_NOUN.match(low, mentions[0].end):
            # "The al Qaeda-linked group said": the group the story is about, not its patron.
            group = self.group_in_story(idx, excluding=mentions[0].party)
            if group is not None:
                return group, None
        if mentions:
            first = mentions[0]
            if len(mentions) > 1 and _PATRON_BETWEEN.fullmatch(low, first.end, mentions[1].start):
                first = mentions[1]  # "the al Qaeda affiliate JNIM", "the Rwanda-backed M23": the second speaks
            elif (
                len(mentions) > 1
                and first.kind == "state"
                and self._is_group(mentions[1].party)
                and _STATES_GROUP.fullmatch(low, first.end, mentions[1].start)
            ):
                first = mentions[1]  # "Yemen's Houthi rebels said": the group in the country speaks
            named = next((m for m in mentions if m.kind == "person"), None)
            return first.party, _name(named or first)
        known = named_in(s[start:end], self.people)
        if known is not None:
            return known  # "Socheata said": introduced earlier as a spokeswoman for Cambodia's defence ministry
        seg = low[start:end].strip()
        if _FIRST_PERSON.search(seg) and (issuer := self.issuer(self.sentences[idx].story)) is not None:
            return issuer, None  # "according to the reports of our forces", in a statement a party issued
        independent, official = _INDEPENDENT.search(seg), _OFFICIAL.search(seg)
        if independent is not None and (official is None or independent.start() < official.start()):
            # The first of the two is the speaker's own noun: "the Director of Defence Media Operations" is an
            # official, "media reports citing officials" are not.
            return "third_party", None
        if official is not None:
            # "the Balochistan government spokesman", "a provincial official in Khost": the state where they serve.
            for place in find_places(s, start, end):
                if self.lex.is_party(place.country):
                    return place.country, None
        pron = _PRONOUN.match(seg)
        definite = _DEFINITE.match(seg)
        if definite is not None and definite.group("head") == "ministry" and "health" in seg:
            ground = self.ground(self.sentences[idx].story)
            if ground is not None:
                return ground, None  # "the health ministry" counts the dead on its own ground
        if definite is not None and _GOVERNMENTAL.search(seg):
            definite = None  # "the provincial government's spokesman" is the state's, not the last speaker's
        if pron is not None or definite is not None:
            head = definite.group("head") if definite else pron.group() if pron else ""
            found = self._backref(idx, head, earlier)
            if found is not None:
                return found
        if official is None:
            return None
        if "ministr" in official.group() or "statement" in seg:
            found = self._backref(idx, "ministry", earlier)
            if found is not None:
                return found
        # "police said", "a provincial official in Khost said": the state where they serve.
        sent = self.sentences[idx]
        for place in find_places(self.text, sent.start, sent.end):
            if self.lex.is_party(place.country):
                return place.country, None
        return self.home(sent.story), HOME

    def _backref(self, idx: int, head: str, earlier: list[Anchor]) -> tuple[str | None, str | None] | None:
        """The speaker an anaphor ("he", "these documents", "the ministry") points back to, else None."""
        pronoun = bool(_PRONOUN.match(head))
        stem = "" if pronoun else head.rstrip("s")[:6]
        personish = bool(_PERSONISH.match(head))
        story = self.sentences[idx].story
        candidates: list[Anchor] = [a for a in reversed(earlier) if a.party and not a.embedded]
        j = idx - 1
        while j >= 0 and self.sentences[j].story == story and idx - j <= 12:
            if not (self.sentences[j].headline or self.sentences[j].boilerplate):
                # (A page's "Source: Xinhua" line is no one "the military" can point back to.)
                candidates += [a for a in reversed(self.anchors(j)) if a.party and not a.embedded]
            j -= 1
        if head.startswith("group"):
            # "the group said": an armed group already speaking in the story, not the last speaker.
            for a in candidates:
                p = self.lex.parties.get(a.party or "")
                if p is not None and p.kind == "group":
                    return a.party, a.name
            candidates = []  # then the armed group last named, below ("officials and the group said" is no group)
        for a in candidates:
            if stem and stem in a.np.lower():
                return a.party, a.name
        for a in candidates:
            if personish and (a.name or _PERSONISH.search(a.np)):
                return a.party, a.name
        if head in _ARMED_HEADS:
            # "The army said": a state's army, not an armed group that spoke before (unless it is an "Army").
            candidates = [
                a for a in candidates if not self._is_group(a.party or "") or _ARMED_NOUN.search(a.np.lower())
            ]
        if head in _ARMED_HEADS and candidates and not _ARMED_NOUN.search(candidates[0].np.lower()):
            # "The army said", after a former US envoy spoke: the state whose armed forces the story named
            # ("the Sudanese Armed Forces (SAF)"), not the last speaker.
            named = self._armed_named(idx)
            if named is not None:
                return named, None
        if candidates:
            return candidates[0].party, candidates[0].name
        # No speaker yet: "the group" is the armed group last named, "the ministry" the state last named.
        want_group = head.startswith("group")
        j = idx - 1
        while j >= 0 and self.sentences[j].story == story and idx - j <= 4:
            sent = self.sentences[j]
            if sent.headline:
                j -= 1
                continue  # a headline's "Pakistan Army violates ceasefire" is not whose "the Army said"
            found = self.lex.find(self.text, sent.start, sent.end)
            for m in reversed(found):
                # "The Taliban's foreign ministry ...": the party named with the same noun.
                if m.can_act and stem and stem in self.text[m.end:m.end + 30].lower() and self.lex.is_party(m.party):
                    return m.party, None
            for m in reversed(found):
                kind = self.lex.parties[m.party].kind if m.party in self.lex.parties else ""
                if m.can_act and (kind == "group") == want_group and self.lex.is_party(m.party):
                    return m.party, None
            j -= 1
        return None

    def _armed_named(self, idx: int) -> str | None:
        """The state whose army the story named last before sentence `idx` ("the Sudanese Armed Forces")."""
        story = self.sentences[idx].story
        j = idx - 1
        while j >= 0 and self.sentences[j].story == story and idx - j <= 12:
            sent = self.sentences[j]
            for m in reversed(self.lex.find(self.text, sent.start, sent.end)):
                p = self.lex.parties.get(m.party)
                if p is not None and p.kind == "state" and (
                    _ARMED_NOUN.search(fold(self.text[m.start:m.end]))
                    or _ARMED_AFTER.match(fold(self.text[m.end:m.end + 30]))
                ):
                    return m.party
            j -= 1
        return None

    # --- the claimant of one figure ---------------------------------------------------------------
    def attribute(self, idx: int, pos: int) -> Attribution:
        """Who puts forward the figure at local offset `pos` of sentence `idx`."""
        anchors = self.anchors(idx)
        denial = next((a for a in reversed(anchors) if a.kind == "denial" and a.end <= pos < a.scope_end), None)
        if denial is not None:
            inner = next((a for a in anchors if a.embedded and denial.end <= a.start <= pos and a.party), None)
            return Attribution(_claimant(denial.party), denial.name, True, "denial",
                               inner.party if inner else None)
        before = [a for a in anchors if a.end <= pos and a.kind != "denial"
                  and (not a.embedded or (pos < a.scope_end and a.party))]
        if before:
            a = before[-1]
            return self._or_carry(idx, Attribution(_claimant(a.party), a.name, False, "speech"))
        according = next((a for a in anchors if a.kind == "according"), None)
        if according is not None:
            return self._or_carry(idx, Attribution(_claimant(according.party), according.name, False, "according"))
        after = next((a for a in anchors if a.start >= pos and a.kind == "speech" and not a.embedded), None)
        if after is not None:
            return self._or_carry(idx, Attribution(_claimant(after.party), after.name, False, "tail"))
        nxt = self.sentences[idx + 1] if idx + 1 < len(self.sentences) else None
        if nxt is not None and nxt.story == self.sentences[idx].story and _SOURCE_AFTER.match(self.text, nxt.start):
            named = [a for a in self.anchors(idx + 1) if a.kind == "according" and a.party and a.start < 40]
            if named:
                return Attribution(_claimant(named[0].party), named[0].name, False, "source-after")
        return self._carry(idx)

    def _or_carry(self, idx: int, found: Attribution) -> Attribution:
        """`found`, or where its speaker could not be told ("the report said"), the source the story goes on with."""
        if found.claimant != "unattributed":
            return found
        carried = self._carry(idx)
        return carried if carried.claimant != "unattributed" else found

    def _carry(self, idx: int) -> Attribution:
        """The speaker of the sentence before, in the same paragraph: its report goes on.

        A bulleted list goes on the report of the sentence that introduces it.
        """
        sent = self.sentences[idx]
        quoted = self._quote_speaker(idx)
        if quoted is not None:
            return quoted
        if idx in self.items or _BULLET.match(self.text, sent.start):
            j = idx - 1
            while j >= 0 and self.sentences[j].story == sent.story and (
                j in self.items or _BULLET.match(self.text, self.sentences[j].start)
            ):
                j -= 1
            for k in (j, j - 1):
                if k >= 0 and self.sentences[k].story == sent.story:
                    spoken = [a for a in self.anchors(k) if not a.embedded and a.kind != "denial" and a.party]
                    if spoken:
                        return Attribution(spoken[-1].party or "unattributed", spoken[-1].name, False, "carry")
        if idx > 0 and not sent.headline:
            prev = self.sentences[idx - 1]
            # "The count includes ...": a new paragraph that goes on about the report just quoted.
            goes_on = prev.story == sent.story and bool(_REPORT_GOES_ON.match(self.text, sent.start, sent.end))
            if (prev.paragraph == sent.paragraph or goes_on) and not prev.headline:
                spoken = [a for a in self.anchors(idx - 1) if not a.embedded and a.kind != "denial" and a.party]
                if spoken:
                    return Attribution(spoken[-1].party or "unattributed", spoken[-1].name, False, "carry")
        issuer = self.issuer(sent.story)
        if issuer is not None:
            return Attribution(issuer, None, False, "document")
        if not sent.headline and not _BACKGROUND.search(self.text, sent.start, sent.end):
            # Wire copy goes on reporting its last source without repeating it: the nearest speaker of the
            # story's last few sentences (a figure in the article's own voice with no source is rare).
            for j in range(idx - 1, max(-1, idx - _CARRY_BACK), -1):
                prev = self.sentences[j]
                if prev.story != sent.story or prev.headline:
                    break
                spoken = [a for a in self.anchors(j) if not a.embedded and a.kind != "denial" and a.party]
                if spoken:
                    return Attribution(spoken[-1].party or "unattributed", spoken[-1].name, False, "carry-back")
        if _FIRST_PERSON.search(self.text, sent.start, sent.end):
            # "9 civilians of our country were martyred": a statement's own voice, however far its issuer was named.
            for j in range(idx - 1, -1, -1):
                prev = self.sentences[j]
                if prev.story != sent.story:
                    break
                spoken = [a for a in self.anchors(j) if not a.embedded and a.kind != "denial" and a.party]
                if spoken:
                    return Attribution(spoken[-1].party or "unattributed", spoken[-1].name, False, "first-person")
        return Attribution("unattributed", None, False, "none")

    def _quote_speaker(self, idx: int) -> Attribution | None:
        """For a sentence inside a quotation that runs over several sentences, the speaker named
        where it closes: '“Since October 12, more than 210 ... killed. ...,” the minister said.'"""
        sent = self.sentences[idx]
        t = self.text
        para_start = sent.start
        j = idx
        while j > 0 and self.sentences[j - 1].paragraph == sent.paragraph:
            j -= 1
            para_start = self.sentences[j].start
        before = t[para_start:sent.start + 1]
        inside = t[sent.start:sent.end]
        if before.count("“") <= before.count("”") or "”" in inside:
            return None  # not inside an open quotation, or it closes here (the sentence's own tail)
        for k in range(idx + 1, min(len(self.sentences), idx + 5)):
            nxt = self.sentences[k]
            if nxt.paragraph != sent.paragraph:
                break
            close = t.find("”", nxt.start, nxt.end)
            if close < 0:
                continue
            spoken = [a for a in self.anchors(k) if a.start >= close - nxt.start and a.party and not a.embedded]
            if spoken:
                return Attribution(spoken[0].party or "unattributed", spoken[0].name, False, "quote")
            return None
        return None

    def issuer(self, story: int) -> str | None:
        """The party whose own document the story is ("Ministry of Defence — Press Release No. 417"), else None.

        A press release or statement speaks in its issuer's voice throughout, without "said".
        """
        if story not in self._issuer:
            found = None
            heads = [s for s in self.sentences if s.story == story and s.headline]
            if any(_DOCUMENT_HEAD.search(self.text, s.start, s.end) for s in heads):
                for s in heads:
                    party = next((m.party for m in self.lex.find(self.text, s.start, s.end)
                                  if self.lex.is_party(m.party)), None)
                    if party is not None:
                        found = party
                        break
            if found is None:
                # "The Ministry of National Defence ... issued the following statement": the text below is its own.
                body = [s for s in self.sentences if s.story == story and not s.headline][:3]
                for s in body:
                    m = _ISSUED.search(self.text, s.start, s.end)
                    if m is not None:
                        found = next((x.party for x in self.lex.find(self.text, s.start, m.start())
                                      if self.lex.is_party(x.party)), None)
                        if found is not None:
                            break
            self._issuer[story] = found
        return self._issuer[story]


_ISSUED = re.compile(
    r"\b(?:issued|released|published|put\s+out)\s+(?:the\s+following|a|an|its)\s+(?:\w+\s+)?(?:statement|communiqu[eé]"
    r"|press\s+release|bulletin)\b",
    re.I,
)
# A speaker's own perspective: "our forces", "we", "the enemy", "own troops" (a statement's voice).
_FIRST_PERSON = re.compile(r"\b(?:our|we|us|the\s+enemy|enemy['’]s|own\s+(?:troops|forces))\b", re.I)
_DOCUMENT_HEAD = re.compile(
    r"\b(?:press\s+release|statement\s+(?:of|by|from|issued)|communiqu[eé]|handout|official\s+statement)\b", IC
)
_REPORT_GOES_ON = re.compile(
    r"(?:(?:The|This|That|These|Those|Its|Their|Of\s+the)\s+(?:[\w\-’']+\s+){0,2}?(?:count|tally|toll|figures?|list"
    r"|report|statement|documents?|data|breakdown|records?|numbers?|dead|victims|casualties)\b"
    r"|Of\s+(?:them|these|those|whom),)"
)


def _without_fillers(seg: str) -> str:
    """`seg` without the words at its end that name nobody ("has also", "in a statement")."""
    while True:
        words = seg.rsplit(None, 1)
        if not words or words[-1] not in _FILLER_LAST:
            return seg
        f = _FILLER.search(seg)
        if f is None or not f.group():
            return seg
        seg = seg[:f.start()]


def _claimant(party: str | None) -> str:
    return party or "unattributed"


def _name(m: Mention) -> str | None:
    return m.surface if m.kind in ("person", "alias") and m.surface[:1].isupper() else None


_CLAUSE_END = re.compile(
    r";|\s[—–]\s|,\s+(?:while|but|whereas)\b|,\s+(?:and\s+)?(?:said|saying|adding|insisting|noting)\b"
)
_UP_TO_PUNCTUATION = re.compile(r"[^,;.:]*")


def _clause_end(s: str, pos: int) -> int:
    m = _CLAUSE_END.search(s, pos)
    return m.start() if m else len(s)
