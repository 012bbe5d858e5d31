"""Word scans: where trigger words, figures, verbs of speech and dates may be, found once per sentence.

Each scan is one fast pass (see patterns.fast_words). The trigger scan reads the whole article;
the others read only the sentences that need them, the four that every sentence with a trigger
word needs in a single pass (FIGURE_WORDS). The pipeline then reads in detail only the sentences
the scans point to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .patterns import WORD_START, fast_words, lower_same_length, refold

# Word starts of every trigger: a sentence without one holds no claim.
TRIGGER_STEMS = (
    "kill", "slew", "slain", "slay", "neutrali", "eliminat", "martyr", "massacr", "gunned", "dead", "death", "died",
    "toll", "lives", "supreme", "ultimate",
    "perish", "lost", "losing", "loses", "loss", "wound", "injur", "hurt", "casualt", "fatalit",
    "captur", "seiz", "control", "overr", "took", "taken", "detain", "arrest", "apprehend",
    "prisoner", "captive", "hostage", "abduct", "kidnap", "destroy", "destruct", "demolish", "raz", "blew", "blown",
    "blowing", "torch", "ablaze", "set fire", "setting fire",
    "burn", "wreck", "flatten", "shot", "shoot", "shooting", "downed", "downing",
    "brought down",
    "bring down", "brings down",
    "bringing down", "brought in", "intercept",
    # "bringing its total losses since ... to 1,246,310": a running total's verb.
    "bringing", "brought", "raising", "pushing", "put",
    "attack", "assault", "raid", "strike", "target", "storm", "struck", "hit", "shell", "fire", "fired", "firing",
    "opened fire", "violat", "breach", "intru", "incursion", "patrol", "reconnaissance", "surveillance", "sortie",
    "airspace", "air space", "air strike", "air raid", "air attack", "airstrike", "aerial", "drone strike",
    "sent to hell", "send to hell", "sent to their fate", "number of", "tally", "bodies", "fall of", "fell to",
    "fallen to", "takeover",
    "embraced", "laid down", "inflict", "times", "occasions", "twice", "thrice", "strikes", "violations",
    # A denial may name no figure and no trigger of its own ("called the claim baseless"): it still
    # denies something (core._denials_without_figures).
    "denied", "denies", "deny", "denying", "reject", "dismiss", "refut", "rubbish", "baseless", "fabricat",
    "propaganda", "unfounded", "untrue", "false", "fictiti", "nonsense", "exaggerat", "fake",
)
DENIAL_WORDS = ("den", "reject", "dismiss", "refut", "rubbish", "called", "termed", "described")
SPEECH_WORDS = (
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "claimed", "claims", "claim", "claiming",
    "record", "list", "lists", "listed", "gave", "gives", "announced", "announces", "announce", "announcing",
    "confirmed", "confirms", "confirm", "confirming", "acknowledged", "acknowledges", "acknowledge", "acknowledging",
    "admitted", "admits", "admit", "admitting", "conceded", "concedes", "insisted", "insists", "insist", "insisting",
    "stated", "states", "reported", "reports", "report", "reporting", "added", "adds", "adding", "noted", "notes",
    "asserted", "asserts", "asserting", "alleged", "alleges", "allege", "alleging", "maintained", "maintains",
    "affirmed", "affirms", "affirm", "contended", "contends",
    "declared", "declares", "revealed", "reveals", "reveal", "revealing", "indicated", "indicates", "indicate",
    "showed", "shows", "show", "suggested", "suggests", "wrote", "writes", "tweeted", "posted", "mentioned",
    "explained", "disclosed", "discloses", "estimated", "estimates", "counted", "recorded", "records", "put", "puts",
    "countered", "counters", "quoted", "cited", "informed", "raised", "revised", "updated", "lowered", "briefed",
    "documented", "documents", "verified",
    "compiled", "tallied", "tracked", "logged", "registered",
    "boasted", "accused", "accuses", "blamed", "read", "statement", "according to", "spoke", "speaks", "talked",
)
NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fourty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "dozen", "twice", "thrice",
    "once",
    # running counts: "the third ceasefire violation this month", "the fourth drone downed this year"
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
)
SINGULAR_HEADS = (
    "soldier", "trooper", "guard", "officer", "policeman", "civilian", "child", "woman", "militant", "terrorist",
    "commander", "fighter", "sepoy", "jawan", "cadet", "drone", "quadcopter", "helicopter", "jet", "aircraft", "post",
    "outpost", "checkpost", "checkpoint", "tank", "serviceman", "man", "person", "resident", "boy", "girl", "porter",
    "villager", "worker", "driver", "student", "teacher", "shopkeeper", "farmer", "vendor", "passenger", "journalist",
    "constable", "vehicle", "truck", "pickup", "launcher", "howitzer", "carrier",
    "reservist", "ranger", "gendarme", "militiaman", "conscript", "warplane", "uav", "rafale", "mirage", "shahed",
    "bayraktar", "apache", "reaper",
    # men named by rank ("Naik X embraced shahadat"): metrics._ranked_men
    "naik", "havildar", "subedar", "sowar", "captain", "capt", "lieutenant", "sergeant", "sgt", "corporal",
)
DATE_WORDS = (
    "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun", "july", "jul",
    "august", "aug", "september", "sept", "sep", "october", "oct", "november", "nov", "december", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "overnight", "night",
    "yesterday", "today", "tonight", "morning", "afternoon", "evening", "ago", "week", "weeks", "month", "months",
    "year", "years", "weekend", "hours", "day", "days", "nights", "since", "between", "within", "monthly", "weekly",
    "annual", "yearly", "far", "period",
)

TRIGGER_SCAN = re.compile(fast_words(TRIGGER_STEMS, whole=False))
DENIAL_SCAN = re.compile(fast_words(DENIAL_WORDS, whole=False))
SPEECH_SCAN = re.compile(fast_words(SPEECH_WORDS))
NUMBER_SCAN = re.compile(fast_words(NUMBER_WORDS, whole=False, extra=r"\d"))
SINGULAR_SCAN = re.compile(fast_words(SINGULAR_HEADS))
DATE_SCAN = re.compile(fast_words(DATE_WORDS, extra=r"\d"))


class ScanUnion(NamedTuple):
    """Several scans run as one pass, each scan's matches under its name (see `union`)."""

    pattern: re.Pattern[str]
    members: dict[str, re.Pattern[str]]


def union(members: dict[str, re.Pattern[str]]) -> ScanUnion:
    """The scans `members` (made with fast_words) as one pass over a sentence.

    This finds what each scan finds on its own only because no two of their words can
    start at one place and none holds a place where another's could start (a space or a
    hyphen): tests/extraction/test_scan.py checks it for FIGURE_WORDS.
    """
    parts = "|".join(f"(?P<{name}>{p.pattern[len(WORD_START):]})" for name, p in members.items())
    return ScanUnion(re.compile(f"{WORD_START}(?:{parts})"), members)


# The scans every sentence with a trigger word needs (a figure, a singular noun, a denial) and
# the speech verbs its attribution will ask for where it holds a figure: one pass for all four.
FIGURE_WORDS = union(
    {"number": NUMBER_SCAN, "singular": SINGULAR_SCAN, "denial": DENIAL_SCAN, "speech": SPEECH_SCAN}
)


class TextScan:
    """The scans of one text, by sentence: `hits(PATTERN, i)` are offsets local to sentence i.

    A scan runs over the whole text only where every sentence needs it (`by_sentence`); the
    others run sentence by sentence on demand (`hits`), so that a pattern only the few
    sentences with a trigger word need is never run over the rest of the article.
    """

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.lower = lower_same_length(text)
        self.low = " " + self.lower  # as patterns.padded(text): what the scans read
        # What the patterns made with patterns.lowered read (the same but in odd texts).
        self.folded = refold(self.lower)
        self.padded_folded = self.low if self.folded is self.lower else " " + self.folded
        self.starts = starts
        self.ends = ends
        # Keyed by the pattern's source: a compiled pattern hashes its whole program on every lookup.
        self._by: dict[str, dict[int, list[int]]] = {}
        self._one: dict[str, dict[int, list[int]]] = {}

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence holding offset `pos` (-1 before the first)."""
        return bisect_right(self.starts, pos) - 1

    def by_sentence(self, pattern: re.Pattern[str]) -> dict[int, list[int]]:
        """Sentence index -> local offsets of the pattern's matches in it (one scan per text and pattern)."""
        hit = self._by.get(pattern.pattern)
        if hit is None:
            hit = {}
            starts, ends = self.starts, self.ends
            for m in pattern.finditer(self.low):
                pos = m.start()  # the padding shifts the word start onto the delimiter's offset
                i = bisect_right(starts, pos) - 1
                if i >= 0 and pos < ends[i]:
                    hit.setdefault(i, []).append(pos - starts[i])
            self._by[pattern.pattern] = hit
        return hit

    def hits(self, pattern: re.Pattern[str], idx: int) -> list[int]:
        """Local offsets of the pattern's matches in sentence `idx` (scanned once, on first asking)."""
        key = pattern.pattern
        whole = self._by.get(key)
        if whole is not None:
            return whole.get(idx, [])
        done = self._one.get(key)
        if done is None:
            done = self._one[key] = {}
        hit = done.get(idx)
        if hit is None:
            start = self.starts[idx]
            # In the padded text the delimiter before the sentence's first word sits at `start`, and
            # the sentence's last character at `end`: a match cannot run on into the next sentence.
            hit = [m.start() - start for m in pattern.finditer(self.low, start, self.ends[idx] + 1)]
            done[idx] = hit
        return hit

    def fill(self, scans: ScanUnion, idx: int) -> dict[str, list[int]]:
        """Each scan of `scans` by name -> its matches in sentence `idx`, found in one pass (`hits` has them too)."""
        found: dict[str, list[int]] = {name: [] for name in scans.members}
        start = self.starts[idx]
        for m in scans.pattern.finditer(self.low, start, self.ends[idx] + 1):
            found[m.lastgroup or ""].append(m.start() - start)
        one = self._one
        for name, member in scans.members.items():
            done = one.get(member.pattern)
            if done is None:
                done = one[member.pattern] = {}
            done[idx] = found[name]
        return found
