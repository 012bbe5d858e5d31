"""Who puts a figure forward: speech verbs, "according to", headlines, denials and carry-over."""

from __future__ import annotations

from .dates import DATELINE_LOW
from .lexicon import Lexicon
from .patterns import fold, lowered
from .resolve import SpeakerResolver
from .scan import DENIAL_SCAN, SPEECH_SCAN, TextScan
from .sentences import Layout
from .speech import (
    ACRONYM_SEGMENT,
    APPOSITION_OF,
    APPOSITIVE_BEFORE,
    ARMED_MEN,
    BACKGROUND,
    BOUNDARY,
    BULLET,
    BY_AFTER,
    BY_COUNT,
    CARRY_BACK,
    CLAIM_NOUN,
    CLAIM_OWNER_AFTER,
    COMMA_BEFORE,
    COORDINATED,
    DETERMINER_BEFORE,
    FIRST_PERSON,
    HEADLINE_SOURCE,
    IN_A_BEFORE,
    INDEPENDENT,
    INVERTED,
    LINKED_TO,
    MAX_SPEAKER_WORDS,
    NAME_AFTER,
    NOUN_AFTER,
    NOUN_AS_SUBJECT,
    NOUN_BEFORE,
    PARENTHESIS_BEFORE,
    PARENTHETICAL,
    PARTICIPLE,
    PASSIVE_BEFORE,
    PASSIVE_SPEECH,
    PROGRESSIVE,
    RELATIVE_CUT,
    RELATIVE_IN,
    REPORT_GOES_ON,
    SEGMENT_STOP,
    SOURCE_AFTER,
    SPEECH_RE,
    UP_TO_PUNCTUATION,
    Anchor,
    Attribution,
    claimant,
    clause_end,
    without_fillers,
)
from .vocab import DENIAL_LOW, NEGATED_DENIAL_LOW

# A verb's own words that are only "and" (its subject is the sentence's first), and that subject before a first
# verb ("Reacting, the Defence Headquarters described ...").
_AND_ONLY = lowered(r"[\s,”\"]*(?:and|but)\s*")
_SUBJECT_THEN_VERB = lowered(
    r"(?:[\w\-]+,\s+)?(?P<subject>(?:[\w’'\-]+\s+){1,6}?)(?:also\s+)?(?:described|called|termed|dismissed|condemned"
    r"|criticised|criticized|rejected|accused|blamed|issued|released|responded|reacted|welcomed|confirmed)\b"
)

class Attributor(SpeakerResolver):
    """Reads the speakers of a text's sentences on demand and resolves who speaks for a figure."""

    def __init__(self, text: str, lay: Layout, lexicon: Lexicon, scan: TextScan | None = None) -> None:
        super().__init__(text, lay, lexicon)
        self.scan = scan
        self._anchors: dict[int, list[Anchor]] = {}
        self.items: frozenset[int] = frozenset()  # the lines of a list or table, which go on their intro's report

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
                 if (not DETERMINER_BEFORE.search(low, max(0, m.start() - 6), m.start())
                     or CLAIM_NOUN.match(m.group()))
                 and (not BY_AFTER.match(low, m.end())
                      or (CLAIM_NOUN.match(m.group()) and CLAIM_OWNER_AFTER.match(low, m.end())))
                 and not (PASSIVE_BEFORE.search(low, max(0, m.start() - 10), m.start())
                          and not PROGRESSIVE.match(low, m.start()))]
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
            if word.startswith(("statement", "claim")) and NOUN_AS_SUBJECT.match(low, end):
                continue  # "The statement said ...": the noun is the next verb's speaker
            if word.startswith(("statement", "claim")) and IN_A_BEFORE.search(low, max(0, start - 30), start):
                continue  # "X, in a statement issued on Friday, said": how X spoke, not a claim of its own
            embedded = bool(CLAIM_NOUN.match(word)) and (
                bool(NOUN_AFTER.match(low, end)) or bool(NOUN_BEFORE.search(low, max(0, start - 40), start))
                or bool(CLAIM_OWNER_AFTER.match(low, end))
            )
            if word == "statement" and not embedded:
                continue
            coordinated = bool(COORDINATED.search(low, max(prev_end, start - 6), start))
            if (coordinated or PARTICIPLE.match(word)) and out and not embedded:
                # "said ... and acknowledged": the second verb has the first one's speaker.
                last = next((a for a in reversed(out) if not a.embedded and a.kind != "according"), None)
                if last is not None:
                    scope_end = clause_end(s, end) if kind == "denial" else len(s)
                    out.append(Anchor(start, end, last.party, last.name, kind, False, "", scope_end))
                    prev_end = end
                    continue
            owner = CLAIM_OWNER_AFTER.match(low, end) if embedded else None
            found = self._speaker_in(idx, s, low, owner.start("who"), owner.end("who"), out) if owner else None
            if owner is not None and (found is None or not found[0]) and ARMED_MEN.search(owner.group("who")):
                found = (self.group_in_story(idx), None)  # "the claim of the Khawarij that": the story's group
            if owner is not None and found is not None and found[0]:
                # "dismissed the claim of the Khawarij that 47 soldiers were killed": the claim's owner follows it.
                party, name, np = found[0], found[1], owner.group("who")
            else:
                party, name, np = self._resolve_before(idx, s, low, prev_end, start, out, embedded=embedded)
            if party is None and not out and COMMA_BEFORE.search(s, prev_end, start) and INVERTED.match(word):
                after = NAME_AFTER.match(low, end)
                if after is not None:
                    # "..., said Zabihullah Mujahid": the speaker follows the verb.
                    party, name, np = self._resolve_after(idx, s, low, end, out)
            if party is None and not np.strip() and word in ("read", "put", "puts", "show", "shows", "showed"):
                continue  # common words that only speak for someone named just before them
            scope_end = clause_end(s, end) if kind == "denial" or embedded else len(s)
            out.append(Anchor(start, end, party, name, kind, embedded, np, scope_end))
            prev_end = end
        for m in PASSIVE_SPEECH.finditer(low) if " by " in low else ():
            # "This was reported by the General Staff", "figures announced by the ministry": the agent speaks.
            found = self._speaker_in(idx, s, low, m.start("who"), m.end("who"), out)
            if found is not None and found[0]:
                out.append(Anchor(m.start(), m.end(), found[0], found[1], "according", False, m.group("who"), len(s)))
                out.sort(key=lambda a: a.start)
        for m in BY_COUNT.finditer(low):
            # "By the military's own count, more than 1,100 militants were killed": the count's owner speaks.
            found = self._speaker_in(idx, s, low, m.start("who"), m.end("who"), out)
            if found is not None and found[0]:
                out.append(Anchor(m.start(), m.end(), found[0], found[1], "according", False, m.group("who"), len(s)))
                out.sort(key=lambda a: a.start)
        if sent.headline and (tail := HEADLINE_SOURCE.search(s)) is not None:
            # "Four Afghan quadcopters downed: security sources".
            found = self._speaker_in(idx, s, low, tail.start("who"), tail.end("who"), out)
            if found is not None and found[0]:
                out.append(Anchor(len(s), len(s), found[0], found[1], "speech", False, tail.group("who"), len(s)))
        return out

    def _resolve_before(
        self, idx: int, s: str, low: str, floor: int, verb: int, earlier: list[Anchor], *, embedded: bool
    ) -> tuple[str | None, str | None, str]:
        """(party, name, words) of the speaker named before a verb at `verb`; `low` is `s` lower-cased."""
        kind = APPOSITIVE_BEFORE.search(low, 0, verb)
        if kind is not None and all(a.start > kind.start() for a in earlier) and INDEPENDENT.fullmatch(kind["head"]):
            # "X, a rights group that tracks killings by the regime, says": the apposition says what X is.
            return "third_party", None, s[kind.start():verb]
        par = PARENTHESIS_BEFORE.search(low, floor, verb)
        if par is not None and low[floor:par.start()].strip():
            # "Rwanda's army, which has troops deployed in the province, said", "The Hafiz Gul Bahadur group, a
            # Pakistani Taliban faction that operates apart from the TTP, said": the noun before the parenthesis.
            verb = par.start()
        cut = floor
        stop = verb
        for m in BOUNDARY.finditer(low, floor, verb):
            cut = m.end()
        rel = RELATIVE_CUT.search(low, max(floor, cut - 10), cut)
        if rel is not None and not low[cut:verb].strip():
            # "Pakistan, which denied": the verb's subject is the noun before the relative pronoun.
            stop, cut = rel.start(), floor
            for m in BOUNDARY.finditer(low, floor, stop):
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
            seg_low = without_fillers(low[seg_start:seg_end])
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
            if len(bounds) > 1 and PARENTHETICAL.match(seg_low) and tried <= 3:
                continue  # ", who asked not to be named because ...,": a parenthesis about the speaker
            if len(bounds) > 1 and (APPOSITION_OF.search(seg_low) or LINKED_TO.match(seg_low)) and tried <= 3:
                continue  # "JNIM, al-Qaeda's affiliate in the Sahel, said", "JNIM, linked to al-Qaeda, said"
            if len(bounds) > 1 and seg_low in ("which", "who") and tried <= 2:
                continue  # "Pakistan, which denied": the speaker is the noun before the relative pronoun

            if len(seg.split()) > MAX_SPEAKER_WORDS and (rel := RELATIVE_IN.search(low, seg_start, seg_end)):
                # "Local elders in Mahaday who spoke to Garowe Online on condition of anonymity said": the noun
                # before the relative clause speaks.
                seg_end = rel.start()
                seg = s[seg_start:seg_end].strip()
            if tried > 3 or (tried > 1 and SEGMENT_STOP.search(seg)) or len(seg.split()) > MAX_SPEAKER_WORDS:
                break
            found = self._speaker_in(idx, s, low, seg_start, seg_end, earlier)
            if found is None and ACRONYM_SEGMENT.match(low, seg_start - 1, seg_end):
                # "Doctors Without Borders (MSF) said": an acronym the lexicon does not know; its name before it.
                name_start = max((m.end() for m in BOUNDARY.finditer(low, floor, seg_start - 1)), default=floor)
                name_start = max(name_start, low.rfind(",", floor, seg_start - 1) + 1)
                found = self._speaker_in(idx, s, low, name_start, seg_end, earlier)
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
        if _AND_ONLY.fullmatch(low, cut, stop) and cut > floor and (
            opening := _SUBJECT_THEN_VERB.match(low, floor, cut)
        ) is not None:
            # 'The Defence Headquarters described the report as "one-sided" and denied ...': the second verb's
            # subject opens the sentence.
            found = self._speaker_in(idx, s, low, floor, opening.end("subject"), earlier)
            if found is not None and found[0] is not None:
                return found[0], found[1], s[floor:opening.end("subject")]
        return None, None, window

    def _resolve_after(
        self, idx: int, s: str, low: str, start: int, earlier: list[Anchor]
    ) -> tuple[str | None, str | None, str]:
        """(party, name, words) of the speaker named after "according to"."""
        m = UP_TO_PUNCTUATION.match(s, start)
        end = m.end() if m else len(s)
        found = self._speaker_in(idx, s, low, start, end, earlier)
        np = s[start:end].strip()
        return (found[0], found[1], np) if found else (None, None, np)

    # --- the claimant of one figure ---------------------------------------------------------------
    def attribute(self, idx: int, pos: int) -> Attribution:
        """Who puts forward the figure at local offset `pos` of sentence `idx`."""
        anchors = self.anchors(idx)
        denial = next((a for a in reversed(anchors) if a.kind == "denial" and a.end <= pos < a.scope_end), None)
        if denial is not None:
            inner = next((a for a in anchors if a.embedded and denial.end <= a.start <= pos and a.party), None)
            return Attribution(claimant(denial.party), denial.name, True, "denial",
                               inner.party if inner else None)
        before = [a for a in anchors if a.end <= pos and a.kind != "denial"
                  and (not a.embedded or (pos < a.scope_end and a.party))]
        if before:
            a = before[-1]
            return self._or_carry(idx, Attribution(claimant(a.party), a.name, False, "speech"))
        according = next((a for a in anchors if a.kind == "according"), None)
        if according is not None:
            return self._or_carry(idx, Attribution(claimant(according.party), according.name, False, "according"))
        after = next((a for a in anchors if a.start >= pos and a.kind == "speech" and not a.embedded), None)
        if after is not None:
            return self._or_carry(idx, Attribution(claimant(after.party), after.name, False, "tail"))
        nxt = self.sentences[idx + 1] if idx + 1 < len(self.sentences) else None
        if nxt is not None and nxt.story == self.sentences[idx].story and SOURCE_AFTER.match(self.text, nxt.start):
            named = [a for a in self.anchors(idx + 1) if a.kind == "according" and a.party and a.start < 40]
            if named:
                return Attribution(claimant(named[0].party), named[0].name, False, "source-after")
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
        if idx in self.items or BULLET.match(self.text, sent.start):
            j = idx - 1
            while j >= 0 and self.sentences[j].story == sent.story and (
                j in self.items or BULLET.match(self.text, self.sentences[j].start)
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
            goes_on = prev.story == sent.story and bool(REPORT_GOES_ON.match(self.text, sent.start, sent.end))
            if (prev.paragraph == sent.paragraph or goes_on) and not prev.headline:
                spoken = [a for a in self.anchors(idx - 1) if not a.embedded and a.kind != "denial" and a.party]
                if spoken:
                    return Attribution(spoken[-1].party or "unattributed", spoken[-1].name, False, "carry")
        issuer = self.issuer(sent.story)
        if issuer is not None:
            return Attribution(issuer, None, False, "document")
        if not sent.headline and not BACKGROUND.search(self.text, sent.start, sent.end):
            # Wire copy goes on reporting its last source without repeating it: the nearest speaker of the
            # story's last few sentences (a figure in the article's own voice with no source is rare).
            for j in range(idx - 1, max(-1, idx - CARRY_BACK), -1):
                prev = self.sentences[j]
                if prev.story != sent.story or prev.headline:
                    break
                spoken = [a for a in self.anchors(j) if not a.embedded and a.kind != "denial" and a.party]
                if spoken:
                    return Attribution(spoken[-1].party or "unattributed", spoken[-1].name, False, "carry-back")
            single = self._single_source(idx)
            if single is not None:
                # A bulletin that reports one source all along (a ministry's daily summary): its report goes on.
                return Attribution(single, None, False, "single-source")
        if FIRST_PERSON.search(self.text, sent.start, sent.end):
            # "9 civilians of our country were martyred": a statement's own voice, however far its issuer was named.
            for j in range(idx - 1, -1, -1):
                prev = self.sentences[j]
                if prev.story != sent.story:
                    break
                spoken = [a for a in self.anchors(j) if not a.embedded and a.kind != "denial" and a.party]
                if spoken:
                    return Attribution(spoken[-1].party or "unattributed", spoken[-1].name, False, "first-person")
        return Attribution("unattributed", None, False, "none")

    def _single_source(self, idx: int) -> str | None:
        """The one party that every speaker of the story so far speaks for (at least two of them), else None."""
        sent = self.sentences[idx]
        parties: set[str] = set()
        count = 0
        for j in range(idx - 1, -1, -1):
            prev = self.sentences[j]
            if prev.story != sent.story:
                break
            for a in self.anchors(j):
                if a.party and not a.embedded:
                    parties.add(a.party)
                    count += 1
            if len(parties) > 1:
                return None  # two sources already: no need to read further back
        if len(parties) == 1 and count >= 2:
            (party,) = parties
            return party if self.lex.is_party(party) else None
        return None

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
