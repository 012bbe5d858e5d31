"""Scans read per sentence, in one pass for several lists, find what a scan of the whole text finds.

The pipeline scans for most word lists only the sentences that need them, and runs the four
lists every sentence with a trigger word needs as one pattern (scan.FIGURE_WORDS). Both are
speed-ups only; these tests hold them to one whole-text scan per list.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from app.extraction import scan
from app.extraction.context import _CAPS_DATELINE
from app.extraction.context import Places as _Places
from app.extraction.dates import DATELINE_LOW
from app.extraction.patterns import fold
from app.extraction.places import find_places
from app.extraction.scan import FIGURE_WORDS, TextScan
from app.extraction.sentences import Layout, layout

CASES_DIR = Path(__file__).parent / "cases"
SCANS = [scan.TRIGGER_SCAN, scan.DENIAL_SCAN, scan.SPEECH_SCAN, scan.NUMBER_SCAN, scan.SINGULAR_SCAN, scan.DATE_SCAN]
WORDS = {
    "number": scan.NUMBER_WORDS,
    "singular": scan.SINGULAR_HEADS,
    "denial": scan.DENIAL_WORDS,
    "speech": scan.SPEECH_WORDS,
}


@cache
def laid_out() -> tuple[tuple[str, Layout], ...]:
    """The blind corpus's articles and their layouts, each also in upper case."""
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        text = yaml.safe_load(path.read_text(encoding="utf-8"))["text"]
        out += [(text, layout(text)), (text.upper(), layout(text.upper()))]
    return tuple(out)


def text_scan(text: str, lay: Layout) -> TextScan:
    return TextScan(text, [s.start for s in lay.sentences], [s.end for s in lay.sentences])


@pytest.mark.parametrize("pattern", SCANS, ids=lambda p: p.pattern[30:60])
def test_a_sentence_scan_finds_what_the_whole_text_scan_finds(pattern: re.Pattern[str]) -> None:
    for text, lay in laid_out():
        whole = text_scan(text, lay).by_sentence(pattern)
        per_sentence = text_scan(text, lay)
        for i in range(len(lay.sentences)):
            assert per_sentence.hits(pattern, i) == whole.get(i, [])


def test_one_pass_for_figure_words_finds_what_each_scan_finds() -> None:
    for text, lay in laid_out():
        ts = text_scan(text, lay)
        for i in range(len(lay.sentences)):
            found = ts.fill(FIGURE_WORDS, i)
            for name, member in FIGURE_WORDS.members.items():
                assert found[name] == text_scan(text, lay).hits(member, i), (name, text[lay.sentences[i].start:][:80])


def test_figure_words_never_start_at_one_place() -> None:
    # What lets one pass stand for four scans: no two lists' words can start at one place, and
    # none holds a place (after a space or a hyphen) where another list's word could start.
    members = FIGURE_WORDS.members
    for name, phrases in WORDS.items():
        for phrase, tail in itertools.product(phrases, ("", "s", "ed", "ing", "er", "ty", "teen", " x", "-x", ".")):
            text = " " + phrase + tail
            starts = [other for other, p in members.items() if p.match(text)]
            assert len(starts) <= 1, (text, starts)
            for inner in (m.start() for m in re.finditer(r"[\s\-]", phrase)):
                inside = " " + phrase[inner + 1:] + tail
                assert not [o for o, p in members.items() if o != name and p.match(inside)], (phrase, inside)


def test_sentence_places_are_those_a_scan_of_the_sentence_finds() -> None:
    straddling = "Fighting in Khyber\nPakhtunkhwa killed 12 soldiers.\nThe army said 3 posts in Kurram fell."
    for text, lay in [*laid_out(), (straddling, layout(straddling))]:
        places = _Places(text, lay)
        for i, sent in enumerate(lay.sentences):
            # (Datelines and capitals that speak are left out of both: _Places._happened_at.)
            written = text[sent.start:sent.end]
            low = fold(written)
            head = DATELINE_LOW.match(low) or _CAPS_DATELINE.match(written)
            found = find_places(text, sent.start, sent.end)
            kept = [p for p in found if _Places._happened_at(p, sent.start, low, head.end() if head else 0)]
            kept = kept or [p for p in found if head is not None and p.start - sent.start < head.end()]
            want = tuple(dict.fromkeys(p.province for p in kept))
            assert places.of(i) == want
