"""Who a speaker's words name: a party, a person met earlier, or a body the text points back to.

`Attributor` (attribution.py) finds the words before a verb of speech; this part reads them:
"Pakistan's army" is Pakistan, "Socheata" the spokeswoman introduced earlier, "the ministry" and "he"
the nearest fitting speaker before, "the group" the armed group already speaking.
"""

from __future__ import annotations

import re

from .patterns import fold
from .places import find_places
from .speakers import named_in
from .speech import (
    ARMED_HEADS,
    ARMED_NOUN,
    DEFINITE,
    FIRST_PERSON,
    GOVERNMENTAL,
    GROUP_HEADS,
    HOME,
    INDEPENDENT,
    KEPT_BY,
    LEADING_AND,
    OBJECT_VERB,
    OFFICIAL,
    PATRON_BETWEEN,
    PATRON_OF_NOUN,
    PERSONISH,
    PRONOUN,
    PROPER_MINISTRY,
    STATES_GROUP,
    Anchor,
    name,
)
from .story import StoryContext

# "the Ministry of National Defense of the Islamic Emirate of Afghanistan": a noun, then whose it is.
_NOUN_OF = re.compile(r"\b[A-Z][\w\-]+(?:\s+[A-Z]?[\w\-]+){0,4}\s+of\s+(?:the\s+)?$")


_OF_BODY = re.compile(r"\s+(?:of|by|from)\s+(?:the\s+)?(?:[\w\-’']+\s+){0,3}")
_OWN_RECORDS = re.compile(r"(?:its|their|our|his|her)\s+(?:own\s+)?(?:records|figures|data|tally|count|documents)\b")
# A strike's target named before a place: "the strikes had hit nine camps in Pakistan".
_STRUCK_IN = re.compile(r"\b(?:hit|struck|strikes?|targeted|bombed|shelled|attacked|raided)\b[^.;]*$", re.I)


# What may stand before a sentence's subject: "Separately, the", "On Monday, the".
_OPENING_SUBJECT = re.compile(r"(?:[A-Z][\w ]{0,20},\s+)?(?:[Tt]he\s+)?")
_POSSESSIVE = re.compile(r"[’']s?\b")


class SpeakerResolver(StoryContext):
    """The reading of a speaker's words, on top of the story's context; `anchors` comes from `Attributor`."""

    def anchors(self, idx: int) -> list[Anchor]:
        raise NotImplementedError

    def _speaker_in(
        self, idx: int, s: str, low: str, start: int, end: int, earlier: list[Anchor]
    ) -> tuple[str | None, str | None] | None:
        """(party, name) named in `s[start:end]`; an armed group's where it runs the state's institutions."""
        found = self._speaker_words(idx, s, low, start, end, earlier)
        if found is not None and found[0]:
            # "the Yemeni Armed Forces", "the Ministry of Health" in a story about the Houthis: the Houthis'.
            return self.de_facto(found[0], idx, low[start:end]), found[1]
        return found

    def _speaker_words(
        self, idx: int, s: str, low: str, start: int, end: int, earlier: list[Anchor]
    ) -> tuple[str | None, str | None] | None:
        """(party, name) named in `s[start:end]`, resolving "he" and "the ministry" backwards; None if none."""
        if (verb := OBJECT_VERB.search(low, start, end)) is not None:
            end = verb.start()  # "MoD condemns Pakistani airstrikes in Paktika, says": the MoD speaks
        mentions = self.lex.find(s, start, end)
        if (
            mentions
            and mentions[0].kind == "state"
            and (org := INDEPENDENT.search(low, mentions[0].end, end))
            and not OFFICIAL.search(low, mentions[0].end, org.start())
        ):
            return "third_party", None  # "the Sudan Doctors Network", "Afghan media": not the state
        if (
            mentions
            and mentions[0].kind == "state"
            and (org := INDEPENDENT.search(low, start, mentions[0].start))
            and not OFFICIAL.search(low, start, mentions[0].start)
            and not KEPT_BY.search(low, org.end(), mentions[0].start)
        ):
            return "third_party", None  # "the Human Rights Commission of Pakistan"
        if len(mentions) == 1 and PATRON_OF_NOUN.match(low, mentions[0].end):
            # "The al Qaeda-linked group said": the group the story is about, not its patron.
            group = self.group_in_story(idx, excluding=mentions[0].party)
            if group is not None:
                return group, None
        if mentions:
            first = mentions[0]
            if len(mentions) > 1 and PATRON_BETWEEN.fullmatch(low, first.end, mentions[1].start):
                first = mentions[1]  # "the al Qaeda affiliate JNIM", "the Rwanda-backed M23": the second speaks
            elif (
                len(mentions) > 1
                and first.kind == "state"
                and self._is_group(mentions[1].party)
                and STATES_GROUP.fullmatch(low, first.end, mentions[1].start)
            ):
                first = mentions[1]  # "Yemen's Houthi rebels said": the group in the country speaks
            named = next((m for m in mentions if m.kind == "person"), None)
            return first.party, name(named or first)
        known = named_in(s[start:end], self.people)
        if known is not None:
            return known  # "Socheata said": introduced earlier as a spokeswoman for Cambodia's defence ministry
        seg = LEADING_AND.sub("", low[start:end].strip())  # ", and the group said"
        if FIRST_PERSON.search(seg) and (issuer := self.issuer(self.sentences[idx].story)) is not None:
            return issuer, None  # "according to the reports of our forces", in a statement a party issued
        independent, official = INDEPENDENT.search(seg), OFFICIAL.search(seg)
        if independent is not None and _OWN_RECORDS.match(seg):
            independent = None  # "its own records showed": the records of the speaker named before, no monitor
        if (
            independent is not None and official is not None and independent.start() < official.start()
            and _OF_BODY.fullmatch(seg, independent.end(), official.start())
        ):
            independent = None  # "the Emergency Operations Center of the Ministry of Public Health": the ministry's
        if independent is not None and (official is None or independent.start() < official.start()):
            # The first of the two is the speaker's own noun: "the Director of Defence Media Operations" is an
            # official, "media reports citing officials" are not.
            return "third_party", None
        if official is not None:
            # "the Balochistan government spokesman", "a provincial official in Khost": the state where they serve.
            for place in find_places(s, start, end):
                if self.lex.is_party(place.country):
                    return place.country, None
        pron = PRONOUN.match(seg)
        definite = DEFINITE.match(seg)
        if definite is not None and definite.group("head") == "ministry" and "health" in seg:
            ground = self.ground(self.sentences[idx].story)
            if ground is not None:
                return ground, None  # "the health ministry" counts the dead on its own ground
        if definite is not None and GOVERNMENTAL.search(seg):
            definite = None  # "the provincial government's spokesman" is the state's, not the last speaker's
        if pron is not None or definite is not None:
            head = definite.group("head") if definite else pron.group() if pron else ""
            found = self._backref(idx, head, earlier, start)
            if found is not None:
                return found
        if official is None:
            return None
        if "ministr" in official.group() or "statement" in seg:
            # ("The Ministry of Information said", after al-Shabaab spoke: a government's ministry by its name.)
            found = self._backref(idx, "ministry", earlier, states_only=bool(PROPER_MINISTRY.search(s, start, end)))
            if found is not None:
                return found
        # "police said", "a provincial official in Khost said": the state where they serve.
        sent = self.sentences[idx]
        home = self.home(sent.story)
        for place in find_places(self.text, sent.start, sent.end):
            if self.lex.is_party(place.country) and not (
                home and place.country != home and place.start - sent.start > end
                and _STRUCK_IN.search(low, end, place.start - sent.start)
            ):
                # (not "strikes ... had hit nine terrorist camps in Pakistan", said by India's DGMO: the target)
                return place.country, None
        return home, HOME

    def _opening_party(self, idx: int) -> str | None:
        """The party that opens the sentence before `idx` in the same paragraph as its subject ("The IDF named ...",
        "Separately, the US Africa Command said ..."), else None: what a following "it said" points back to."""
        j = idx - 1
        if j < 0 or self.sentences[j].story != self.sentences[idx].story or self.sentences[j].headline:
            return None
        sent = self.sentences[j]
        if "\n" in self.text[sent.end:self.sentences[idx].start] or self.anchors(j):
            return None  # (a sentence with a speaker of its own hands "it" to that speaker)
        found = self.lex.find(self.text, sent.start, min(sent.end, sent.start + 60))
        if not found or not found[0].can_act or not self.lex.is_party(found[0].party):
            return None
        if not _OPENING_SUBJECT.fullmatch(self.text, sent.start, found[0].start) or _POSSESSIVE.match(
            self.text, found[0].end
        ):
            return None
        return found[0].party

    def _backref(
        self, idx: int, head: str, earlier: list[Anchor], upto: int = 0, *, states_only: bool = False
    ) -> tuple[str | None, str | None] | None:
        """The speaker an anaphor ("he", "these documents", "the ministry") points back to, else None."""
        pronoun = bool(PRONOUN.match(head))
        stem = "" if pronoun else head.rstrip("s")[:6]
        personish = bool(PERSONISH.match(head))
        story = self.sentences[idx].story
        candidates: list[Anchor] = [a for a in reversed(earlier) if a.party and not a.embedded]
        j = idx - 1
        while j >= 0 and self.sentences[j].story == story and idx - j <= 12:
            if not (self.sentences[j].headline or self.sentences[j].boilerplate):
                # (A page's "Source: Xinhua" line is no one "the military" can point back to.)
                candidates += [a for a in reversed(self.anchors(j)) if a.party and not a.embedded]
            j -= 1
        want_group = bool(GROUP_HEADS.match(head))
        if head.lower() == "it" and (subject := self._opening_party(idx)) is not None and (
            not candidates or candidates[0].party != subject
        ):
            return subject, None  # "The IDF named the soldier as X. Another soldier was hurt, it said."
        if states_only:
            candidates = [a for a in candidates
                          if (p := self.lex.parties.get(a.party or "")) is not None and p.kind == "state"]
        if want_group:
            # "the group said": an armed group already speaking in the story, not the last speaker.
            for a in candidates:
                p = self.lex.parties.get(a.party or "")
                if p is not None and p.kind == "group":
                    return a.party, a.name
            if head != "group" and (story_group := self.group_in_story(idx)) is not None:
                return story_group, None  # "the rebels said": the story's armed group, not the militia named last
            candidates = []  # then the armed group last named, below ("officials and the group said" is no group)
        for a in candidates:
            if stem and stem in a.np.lower():
                return a.party, a.name
        for a in candidates:
            if personish and (a.name or PERSONISH.search(a.np)):
                return a.party, a.name
        if head in ARMED_HEADS:
            # "The army said": a state's army, not an armed group that spoke before (unless it is an "Army").
            candidates = [
                a for a in candidates if not self._is_group(a.party or "") or ARMED_NOUN.search(a.np.lower())
            ]
        if head in ARMED_HEADS and candidates and not ARMED_NOUN.search(candidates[0].np.lower()):
            # "The army said", after a former US envoy spoke: the state whose armed forces the story named
            # ("the Sudanese Armed Forces (SAF)"), not the last speaker.
            named = self.armed_named(idx)
            if named is not None:
                return named, None
        if candidates:
            return candidates[0].party, candidates[0].name
        # No speaker yet: "the group" is the armed group last named, "the ministry" the state last named; first
        # in the sentence itself ("Al Shabaab attacked a base, and the group said it had killed 47 soldiers").
        j = idx
        while j >= 0 and self.sentences[j].story == story and idx - j <= 4:
            sent = self.sentences[j]
            if sent.headline or (j == idx and not (want_group and upto)):
                j -= 1
                continue  # a headline's "Pakistan Army violates ceasefire" is not whose "the Army said"
            found = self.lex.find(self.text, sent.start, sent.start + upto if j == idx else sent.end)
            for m in reversed(found):
                # "The Taliban's foreign ministry ...", "the Ministry of National Defense of the Islamic Emirate of
                # Afghanistan": the party named with the same noun.
                if m.can_act and stem and self.lex.is_party(m.party) and (
                    stem in self.text[m.end:m.end + 30].lower()
                    or (_NOUN_OF.search(self.text, max(sent.start, m.start - 50), m.start) and stem in fold(
                        self.text[max(sent.start, m.start - 50):m.start]))
                ):
                    return m.party, None
            for m in reversed(found):
                kind = self.lex.parties[m.party].kind if m.party in self.lex.parties else ""
                if m.can_act and (kind == "group") == want_group and self.lex.is_party(m.party):
                    return m.party, None
            j -= 1
        return None
