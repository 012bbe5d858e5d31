"""The dates and places of one text: what day each figure's event was, and which provinces it is tied to.

`Dates` resolves "on Saturday" and datelines against the publication date; `Places` finds the places each
sentence names and keeps those where the text says something happened. The pipeline (`core.extract`)
asks them for each claim.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from datetime import date, timedelta

from .dates import DATELINE_LOW, DateMention, dateline, find_dates
from .lexicon import DATA_DIR
from .patterns import fold, lowered
from .places import PlaceMatch, find_places
from .scan import DATE_SCAN, TextScan
from .sentences import Layout

# Where a text gives no day for an event, news reports what happened the day before it
# was published; the claim's `date_basis` says that the day is this guess.
PUBLICATION_LAG = timedelta(days=1)
STATEMENT_BEFORE = lowered(
    r"\b(?:said|says|announced|confirmed|stated|told|claimed|added|reported|denied|rejected|dismissed|acknowledged"
    r"|admitted|declared|revealed|insisted|wrote|tweeted|posted|briefed|issued|released|published|circulated|shared)"
    r"(?:\s+(?!that\b|the\s+attack)\w+){0,2}?"
    r"(?:\s+(?:in|at|to|through)\s+(?:a|an|its|their|his|her|the)\s+(?:\w+\s+){0,2}?(?:statement|post|tweet|video"
    r"|message|conference|briefing|reporters|interview|release))?"
    r"\s+(?:late\s+|early\s+)?(?:on\s+)?$",
)
STATEMENT_AFTER = lowered(
    r"^\s*,?\s*(?:\w+\s+){0,1}?(?:said|says|announced|confirmed|stated|told|claimed|denied|rejected|dismissed"
    r"|acknowledged|admitted|declared|revealed|insisted|issued|released)\b",
)
DEADLINE_BEFORE = lowered(r"\b(?:until|till|by|before|next)\s+(?:the\s+)?(?:end\s+of\s+)?$")
SAME_DAY = lowered(r"\b(?:the\s+same|that)\s+(?:day|night|evening|morning|afternoon)\b")
RELATIVE_KINDS = frozenset({"overnight", "yesterday", "today", "ago"})
# A capital used for its government ("Islamabad said", "Kabul has denied"), and the place of a statement.
SPEAKS_AFTER = lowered(
    r"(?:['’]s\s+\w+)?\s+(?:has\s+|have\s+|had\s+|also\s+|on\s+\w+day\s+)?(?:said|says|claimed|claims|denied"
    r"|denies|rejected|rejects|accused|accuses|insisted|insists|added|announced|announces|stated|warned|blamed"
    r"|dismissed|responded|retorted|countered|summoned|called)\b"
)
STATEMENT_PLACE = lowered(r"\s*(?:in|from)\s+")
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})
SEAT_BEFORE = lowered(
    r"\b(?:embassy|embassies|consulate|office|offices|meeting|talks|conference|summit|ambassador|envoy|delegation"
    r"|correspondent|headquarters|headquartered|based|press|mission|representatives?|workshop)\b[^.;]{0,30}$"
)


def capital_names() -> frozenset[str]:
    """The capitals of the states (capitals.json) and of the conflict pack, as written and in capitals."""
    data = json.loads((DATA_DIR / "capitals.json").read_text(encoding="utf-8"))["capitals"]
    pack = json.loads((DATA_DIR / "parties.json").read_text(encoding="utf-8"))["parties"]
    names = {n for ns in data.values() for n in ns} | {c for spec in pack.values() for c in spec.get("capitals", ())}
    return frozenset(names | {n.upper() for n in names})


CAPITALS = capital_names()
PLACE_PREPOSITION = lowered(r"\b(?:in|at|near|from|of|outside|inside)\s+(?:the\s+)?$")
# "RAWALPINDI:", "PESHAWAR (Reuters) -": a place in capitals that opens a report says where it was filed.
_CAPS_DATELINE = re.compile(r"[A-Z][A-Z .'’\-]{2,30}(?:,\s*[A-Z][A-Za-z .]{2,30})?\s*(?:\([^)]{1,30}\)\s*)?[:—–\-]")
SPEECH_LATER = lowered(r"\s*,\s*[^,]{0,60}?\b(?:said|says|told|stated|announced|claimed|denied|added)\b")
class Dates:
    """Event days for the sentences and stories of one text, worked out on demand."""

    def __init__(self, text: str, lay: Layout, ref: date | None, scan: TextScan) -> None:
        self.text, self.lay, self.ref, self.scan = text, lay, ref, scan
        self._sentence: dict[int, tuple[list[DateMention], date | None, bool]] = {}
        self._story: dict[int, date | None] = {}

    def sentence(self, idx: int) -> tuple[list[DateMention], date | None, bool]:
        """(event-day mentions, statement day, vague) of sentence `idx`."""
        hit = self._sentence.get(idx)
        if hit is not None:
            return hit
        sent = self.lay.sentences[idx]
        t, low = self.text, self.scan.folded
        near = [sent.start + p for p in self.scan.hits(DATE_SCAN, idx)]
        mentions = find_dates(t, self.ref, sent.start, sent.end, near=near, low=self.scan.padded_folded) if near else []
        head = DATELINE_LOW.match(low, sent.start, sent.end) if mentions else None
        filed = head.end() if head is not None else sent.start
        statement = None
        events: list[DateMention] = []
        vague = False
        for m in mentions:
            if m.vague:
                vague = True
                continue
            if m.day is None:
                continue
            if m.start < filed:
                continue  # the dateline's day
            before = low[max(sent.start, m.start - 40):m.start]
            if DEADLINE_BEFORE.search(before):
                continue  # "adjourned until Thursday", "by Friday": a deadline, not when anything happened
            after = low[m.end:min(sent.end, m.end + 40)]
            if STATEMENT_BEFORE.search(before) or STATEMENT_AFTER.match(after):
                statement = statement or m.day
            else:
                events.append(m)
        if statement is not None and statement != self.ref:
            # "announced on Sunday ... overnight": relative words count from the statement.
            events = [
                (find_dates(t, statement, m.start, m.end, near=[m.start], low=self.scan.padded_folded) or [m])[0]
                if m.kind in RELATIVE_KINDS else m
                for m in events
            ]
        hit = (events, statement, vague)
        self._sentence[idx] = hit
        return hit

    def story(self, story: int) -> date | None:
        """The first event day any sentence of story `story` names, else None."""
        if story in self._story:
            return self._story[story]
        day = None
        for idx, sent in enumerate(self.lay.sentences):
            if sent.story != story or sent.boilerplate or sent.headline or not self.scan.hits(DATE_SCAN, idx):
                continue  # (a headline's date is the release's or the page's, not the event's)
            events, _, _ = self.sentence(idx)
            if events:
                day = events[0].day
                break
        self._story[story] = day
        return day

    def for_claim(self, idx: int, pos: int) -> tuple[date | None, str | None]:
        """(event day, basis) for a figure at absolute offset `pos` in sentence `idx`."""
        events, statement, vague = self.sentence(idx)
        if events:
            nearest = min(events, key=lambda m: min(abs(m.start - pos), abs(m.end - pos)))
            return nearest.day, "sentence"
        if vague:
            return None, None
        sent = self.lay.sentences[idx]
        if SAME_DAY.search(self.scan.folded, sent.start, sent.end):
            # "During the same night, ...": the day the sentence before named.
            for j in range(idx - 1, max(-1, idx - 4), -1):
                if self.lay.sentences[j].story != sent.story:
                    break
                before, _, _ = self.sentence(j)
                if before:
                    return before[-1].day, "sentence"
        story_day = self.story(sent.story)
        if story_day is not None and (statement is None or story_day <= statement):
            return story_day, "story"
        if statement is not None:
            return statement, "statement"
        if self.ref is not None:
            return self.ref - PUBLICATION_LAG, "published"
        return None, None


def publication(text: str, lay: Layout) -> date | None:
    """A byline's date in the lines above the first story's text, for texts given without one."""
    for sent in lay.sentences[:6]:
        if sent.boilerplate or sent.headline:
            day = dateline(text, sent.start, sent.end)
            if day is not None:
                return day
    return None


class Places:
    """The provinces each sentence names, read off one gazetteer scan of the whole text."""

    def __init__(self, text: str, lay: Layout) -> None:
        self.text, self.lay = text, lay
        self.all = find_places(text)
        self._starts = [p.start for p in self.all]
        self._cache: dict[int, tuple[str, ...]] = {}

    def within(self, start: int, end: int) -> list[PlaceMatch]:
        """The places of the whole-text scan that lie inside `text[start:end]`."""
        i = bisect_left(self._starts, start)
        out = []
        for p in self.all[i:]:
            if p.start >= end:
                break
            if p.end <= end:
                out.append(p)
        return out

    def of(self, idx: int) -> tuple[str, ...]:
        """The provinces sentence `idx` names, in order, each once."""
        hit = self._cache.get(idx)
        if hit is None:
            sent = self.lay.sentences[idx]
            i = bisect_left(self._starts, sent.start)
            if i > 0 and self.all[i - 1].end > sent.start:
                # A name runs across the sentence's start: scan the sentence on its own, as it reads alone.
                inside = find_places(self.text, sent.start, sent.end)
            else:
                inside = []
                for p in self.all[i:]:
                    if p.start >= sent.end:
                        break
                    if p.end <= sent.end:
                        inside.append(p)
            seen: dict[str, None] = {}
            written = self.text[sent.start:sent.end]
            low = fold(written)
            head = DATELINE_LOW.match(low) or _CAPS_DATELINE.match(written)
            kept = [p for p in inside if self._happened_at(p, sent.start, low, head.end() if head else 0)]
            # A local report's dateline ("LAKKI MARWAT: Four policemen were martyred") is where it happened
            # when the sentence names no other place.
            for p in kept or [p for p in inside if head is not None and p.start - sent.start < head.end()]:
                seen.setdefault(p.province, None)
            hit = tuple(seen)
            self._cache[idx] = hit
        return hit

    @staticmethod
    def _happened_at(p: PlaceMatch, offset: int, low: str, dateline_end: int) -> bool:
        """False for a place that says where a report comes from, not where anything happened: a dateline
        ("RAWALPINDI:", "KABUL, Dec 3 -"), a capital that speaks ("Islamabad said"), a capital where a
        statement was made ("In Islamabad, the foreign office said")."""
        start, end = p.start - offset, p.end - offset
        if start < dateline_end:
            return False
        if p.kind == "town" and SPEAKS_AFTER.match(low, end) and not PLACE_PREPOSITION.search(low, 0, start):
            return False  # "Islamabad said" (but "officials in Spin Boldak said": the place of what happened)
        if p.kind == "town" and STATEMENT_PLACE.fullmatch(low, 0, start) and SPEECH_LATER.search(low, end):
            return False  # "In Islamabad, the foreign office said ...": where it was said
        if p.surface in CAPITALS:
            # A capital is mostly its government ("Islamabad reiterated", "accusations from Kabul", "a complaint to
            # Islamabad"); it is a place where something happened only after "in", "on", "near"..., and not as
            # the seat of an embassy, an office or talks ("its embassy in Islamabad").
            before = PLACE_PREPOSITION.search(low, max(0, start - 12), start)
            return before is not None and before.group().split()[0] in LOCATIVE and not SEAT_BEFORE.search(
                low, max(0, before.start() - 40), before.start()
            )
        return True
