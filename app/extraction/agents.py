"""Who did it: the party a figure's verb names as acting ("Afghan forces repulsed an attack and killed 35"), or
the agent after a passive verb ("killed by Pakistani shelling"). `roles.find_subject` reads whose count it is.
"""

from __future__ import annotations

import re

from .dates import DATELINE_LOW
from .figure import Figure
from .lexicon import Lexicon
from .patterns import fold, lowered

# The patterns made with `lowered` read the sentence lower-cased (patterns.fold, same
# offsets): written as if case-insensitive, they match as fast as plain patterns do.
# "its forces killed", "we captured": the side of the one who speaks.
_OWN_ACTOR = lowered(
    r"\b(?:its|their|our)\s+(?:own\s+)?(?:[\w\-]+\s+){0,2}?(?:forces|troops|fighters|soldiers|mujahideen|units|men"
    r"|army|military|guards|jets|aircraft|warplanes|drones|artillery|navy|air\s+force|defen[cs]es)\b|\b(?:we|they)\b"
    r"|\b(?:said|says|claimed|added|announced|stated|confirmed)\s+(?:that\s+)?it\b",
)

# "said it carried out 20 strikes": after a verb of speech, "it" is the speaker.
_OWN_PRONOUN = lowered(r"\s*(?:that\s+)?(?:it|they|we)\b")

# What an actor launches: "a Taliban offensive", "TTP attacks", "Pakistani airstrikes".
_ATTACK_NOUN = lowered(
    r"[\w\s\-’']{0,25}?\b(?:attacks?|offensive|strikes?|airstrikes?|raids?|assaults?|ambush|shelling|fire|firing"
    r"|bombing|operations?|forces|fighters|troops|militants|gunmen|drones?|jets?|artillery|mortars?)\b",
)

_PASSIVE_AGENT = lowered(r"\s+(?P<prep>by|in|during|after|following|from)\s+(?P<rest>[^,;.:]{0,60})")

# (The words behind one boundary test: one test per place instead of one per word.)
_BOUNDARY = lowered(r"[;:“”\"]|\b(?:that\b|while\b|whereas\b|but\b|and\b(?=\s+(?:the|a|an)\b))")

SPEECH_CUT = lowered(
    r"\b(?:said|says|claimed|claims|announced|confirmed|acknowledged|acknowledges|insisted|insists|stated|reported"
    r"|added|noted|asserted|alleged|declared|revealed|indicated|told|according\s+to|put|puts|counters|countered"
    r"|accused|accuses|blamed|blames"
    r"|denied|rejected|dismissed)\b",
)

PREPOSITION_BEFORE = lowered(
    r"\b(?:in|into|inside|across|near|within|throughout|from|on|against|at|of|to|toward|towards|with|over|along)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|northwestern"
    r"|northeastern|southwestern|southeastern|north-western|north-eastern|south-western|south-eastern)\s+)?$"
    r"|\(\s*$"  # "Peshawar (Pakistan)": a dateline's country
)

_QUOTES = frozenset('“”"')

_SHORT_QUOTE = re.compile(r"[“\"][^“”\"]{1,22}[”\"]")

# "an attack by government troops and allied Wazalendo militias": a name inside a "by" phrase is no clause's subject.
_BY_PHRASE = lowered(r"\bby\s+(?:[\w\-’']+\s+){0,5}$")

# A group's statement calling itself by what it is: "the rebels had repelled ...".
_GROUP_AS_SUBJECT = lowered(r"\s*(?:that\s+)?the\s+(?:rebels|group|movement|insurgents|mujahideen|resistance)\b")

_RELATIVE = re.compile(r",\s*(?:which|that|who)\s+(?:\w+\s+){0,2}$")

def clause_start(low: str, pos: int) -> int:
    """Where the clause holding `pos` begins in the lower-cased sentence `low`."""
    cut = 0
    for m in _BOUNDARY.finditer(low, 0, pos):
        if m.group() in _QUOTES and _SHORT_QUOTE.search(low, max(0, m.start() - 24), min(len(low), m.end() + 24)):
            continue  # 'killed "more than 150" troops': a few quoted words inside the clause, not a new one
        cut = m.end()
    for m in SPEECH_CUT.finditer(low, cut, pos):
        cut = m.end()
    return cut

def find_agent(
    s: str, fig: Figure, lex: Lexicon, claimant: str | None, others: tuple[tuple[int, int], ...] = (),
    *, low: str | None = None,
) -> str | None:
    """The party that inflicted the loss or carried out the action, where the sentence says it.

    `others` are the spans of the sentence's other figures: "killed 58 Pakistani soldiers and
    captured 25 posts" names the victims of the first verb, not the actor of the second.
    `low` is `s` lower-cased, where the caller has it already.
    """
    if low is None:
        low = fold(s)
    if (fig.side in ("left", "times", "head") and fig.trig_start >= 0) or fig.side == "head":
        end = fig.trig_start if fig.trig_start >= 0 else fig.q.start
        start = clause_start(low, end)
        if start > 0 and low[start - 1] in "“\"" and not low[start:end].strip():
            # 'its fighters had “eliminated seven police personnel”': a quote that opens on the verb
            # quotes the words, it does not start a new clause.
            start = clause_start(low, start - 1)
        # "attacks ..., which killed 20": the relative pronoun points back past the comma.
        rel = _RELATIVE.search(s[start:end])
        if rel is not None:
            start = clause_start(low, start + rel.start())
        dateline = DATELINE_LOW.match(low)
        if dateline is not None:
            start = max(start, dateline.end())  # "BENI, DR Congo (AFP) -": where it is told from, not who acted
        party = _last_actor(s, low, start, end, lex, claimant, others)
        if party is not None:
            return party
    if fig.side == "right" and fig.trig_end >= 0:
        m = _PASSIVE_AGENT.match(low, fig.trig_end)
        if m is not None:
            rest_start = m.start("rest")
            for mention in lex.find(s, rest_start, m.end("rest")):
                if not mention.can_act:
                    continue
                if m.group("prep") == "by" or _ATTACK_NOUN.match(low, mention.end):
                    return mention.party
                break
    return None

def _last_actor(
    s: str, low: str, start: int, end: int, lex: Lexicon, claimant: str | None, others: tuple[tuple[int, int], ...]
) -> str | None:
    # The subject of the clause comes first: "Afghan forces repulsed a Pakistani attack and killed 35".
    best: tuple[int, str] | None = None
    # A name after another figure of the clause is that figure's object ("inflicted losses of 210 servicemen on the
    # Ukrainian army and destroyed five guns"), not the subject of this one.
    first_other = min((a for a, _ in others if start <= a < end), default=end)
    for mention in lex.find(s, start, min(end, first_other)):
        if mention.can_act and not PREPOSITION_BEFORE.search(low, max(start, mention.start - 30), mention.start) and (
            not _BY_PHRASE.search(low, max(start, mention.start - 50), mention.start)
        ):
            # (A name after a preposition is a place or an object: "in northwestern Pakistan", "fire from Afghan
            # Taliban positions", not the clause's subject.)
            best = (mention.start, mention.party)
            break
    own = _OWN_ACTOR.search(low, start, end) or _OWN_PRONOUN.match(low, start, end)
    if own is None and claimant and claimant in lex.parties and lex.parties[claimant].kind == "group":
        own = _GROUP_AS_SUBJECT.match(low, start, end)  # the M23 "said the rebels had repelled ... and captured"
    if own is not None and claimant and lex.is_party(claimant) and (best is None or own.start() < best[0]):
        return claimant
    return best[1] if best else None
