"""What a story is about: its home state, its ground, its armed group, who fights whom, whose document it is.

`StoryContext` answers these per story of a text (a page may hold several), once each; the attribution
reader (`attribution.Attributor`) builds on it.
"""

from __future__ import annotations

from .dates import DATELINE_LOW
from .lexicon import Lexicon
from .patterns import fold
from .places import find_places
from .sentences import Layout
from .speakers import people
from .speech import (
    ARMED_AFTER,
    ARMED_NOUN,
    CIVILIAN_STORY,
    DE_FACTO_ORGAN,
    DOCUMENT_HEAD,
    FIRST_PERSON,
    HEADLINE_SOURCE,
    ISSUED,
    OFFICIAL,
)


class StoryContext:
    """Per-story facts of one text that the attribution of its figures relies on."""

    def __init__(self, text: str, lay: Layout, lexicon: Lexicon) -> None:
        self.text = text
        self.lay = lay
        self.sentences = lay.sentences
        self.lex = lexicon
        self._home: dict[int, str | None] = {}
        self._opponents: dict[tuple[str, int], str | None] = {}
        self._issuer: dict[int, str | None] = {}
        self._people: dict[str, str] | None = None
        self._civilian: dict[int, bool] = {}
        self._ground: dict[int, str | None] = {}

    def says_civilians(self, story: int) -> bool:
        """True where a story calls its victims civilians anywhere: its "people" are then civilians too."""
        if story not in self._civilian:
            st = self.lay.stories[story]
            self._civilian[story] = CIVILIAN_STORY.search(self.text, st.start, st.end) is not None
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
            if not counts:
                # "Seven New People's Army rebels were killed, the Army's 3rd Infantry Division said": a story that
                # names no state and no known place is told from the state the armed group it names fights.
                for m in self.lex.find(self.text, st.start, st.end):
                    p = self.lex.parties.get(m.party)
                    if p is not None and p.kind == "group":
                        states = [o for o in self.lex.opponents(m.party)
                                  if (q := self.lex.parties.get(o)) is not None and q.kind == "state"]
                        if states:
                            counts[states[0]] = 1
                            break
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
        if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] >= 2 * ranked[1][1] and ranked[0][1] >= 2):
            return ranked[0][0]
        return None

    def ground(self, story: int) -> str | None:
        """The party on whose ground most of the story's places lie, else None (read once per story)."""
        if story not in self._ground:
            st = self.lay.stories[story]
            counts: dict[str, int] = {}
            for place in find_places(self.text, st.start, st.end):
                if self.lex.is_party(place.country):
                    counts[place.country] = counts.get(place.country, 0) + 1
            self._ground[story] = max(counts, key=lambda k: counts[k]) if counts else None
        return self._ground[story]

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
            if m.party != party and p is not None and p.kind != "third_party" and m.can_act:
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

    def de_facto(self, party: str, idx: int, words: str) -> str:
        """`party`, or the armed group of the story up to sentence `idx` that runs its institutions (lexicon
        `governs`) where `words` (lower-cased) name one: "the Yemeni Armed Forces" in a story about the Houthis."""
        if not DE_FACTO_ORGAN.search(words):
            return party
        group = self.group_in_story(idx)
        if group is None:
            group = self._seat_holder(self.sentences[idx].story, party)
        p = self.lex.parties.get(group or "")
        return group if group is not None and p is not None and p.governs == party else party

    def _seat_holder(self, story: int, party: str) -> str | None:
        """The armed group that holds `party`'s capital where the story is datelined there ("SANA'A, Oct. 16 (Saba) -
        The spokesman of the Yemeni Armed Forces"), else None."""
        first = next((s for s in self.sentences if s.story == story and not s.headline), None)
        if first is None:
            return None
        head = DATELINE_LOW.match(fold(self.text[first.start:first.end]))
        if head is None:
            return None
        words = self.text[first.start:first.start + head.end()].lower().replace("’", "'")
        for p in self.lex.parties.values():
            if p.governs == party and any(seat.lower().replace("’", "'") in words for seat in p.seats):
                return p.id
        return None

    def _is_group(self, party: str) -> bool:
        p = self.lex.parties.get(party)
        return p is not None and p.kind == "group"

    def issuer(self, story: int) -> str | None:
        """The party whose own document the story is ("Ministry of Defence — Press Release No. 417"), else None.

        A press release or statement speaks in its issuer's voice throughout, without "said".
        """
        if story not in self._issuer:
            found = None
            heads = [s for s in self.sentences if s.story == story and s.headline]
            # ("No PR-07/2026-ISPR   Dated: 9 January 2026": a release's number line under its headline.)
            heads += [s for s in [s for s in self.sentences if s.story == story and not s.headline][:1]
                      if DOCUMENT_HEAD.search(self.text, s.start, s.end)]
            if any(DOCUMENT_HEAD.search(self.text, s.start, s.end) for s in heads):
                for s in heads:
                    party = next((m.party for m in self.lex.find(self.text, s.start, s.end)
                                  if self.lex.is_party(m.party)), None)
                    if party is not None:
                        # ("Statement of the Yemeni Armed Forces", from Sanaa: the Houthis'.)
                        last = max(i for i, x in enumerate(self.sentences) if x.story == story)
                        found = self.de_facto(party, last, fold(self.text[s.start:s.end]))
                        break
                if found is None and any(OFFICIAL.search(fold(self.text[s.start:s.end])) for s in heads):
                    # "Communique of the Minister of National Defence": a ministry that names no country is the
                    # government of the ground the text is on.
                    found = self.home(story)
            if found is None:
                # "Eleven khwarij sent to hell in North Waziristan IBO: ISPR", over a text that speaks of "own troops":
                # the release of the body the headline names.
                for s in heads:
                    tail = HEADLINE_SOURCE.search(self.text, s.start, s.end)
                    if tail is None:
                        continue
                    named = [m.party for m in self.lex.find(self.text, tail.start("who"), tail.end("who"))
                             if self.lex.is_party(m.party)]
                    st = self.lay.stories[story]
                    if named and FIRST_PERSON.search(self.text, s.end, st.end):
                        found = named[0]
                        break
            if found is None:
                # "The Ministry of National Defence ... issued the following statement": the text below is its own.
                body = [s for s in self.sentences if s.story == story and not s.headline][:3]
                for s in body:
                    m = ISSUED.search(self.text, s.start, s.end)
                    if m is not None:
                        found = next((x.party for x in self.lex.find(self.text, s.start, m.start())
                                      if self.lex.is_party(x.party)), None)
                        if found is not None:
                            break
            self._issuer[story] = found
        return self._issuer[story]

    def armed_named(self, idx: int) -> str | None:
        """The state whose army the story named last before sentence `idx` ("the Sudanese Armed Forces")."""
        story = self.sentences[idx].story
        j = idx - 1
        while j >= 0 and self.sentences[j].story == story and idx - j <= 12:
            sent = self.sentences[j]
            for m in reversed(self.lex.find(self.text, sent.start, sent.end)):
                p = self.lex.parties.get(m.party)
                if p is not None and p.kind == "state" and (
                    ARMED_NOUN.search(fold(self.text[m.start:m.end]))
                    or ARMED_AFTER.match(fold(self.text[m.end:m.end + 30]))
                ):
                    return m.party
            j -= 1
        return None
