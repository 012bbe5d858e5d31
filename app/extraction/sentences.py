"""Sentences, paragraphs and stories of a text, with character offsets into it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .patterns import fold, lowered
from .types import Story

# A period after these does not end a sentence ("Lt. Gen.", "U.S. forces", "Oct. 9").
ABBREVIATIONS = frozenset(
    (
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "brig", "cpl", "pvt", "adm",
        "gov", "sen", "rep", "st", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "a.m", "p.m", "inc", "ltd", "co", "corp", "vs",
        "prof", "rev", "hon", "mt", "ft", "jr", "sr", "dept", "govt", "approx", "est", "fig", "lt.gen", "maj.gen",
        "brig.gen",
    )
)
_LINE_RE = re.compile(r"[^\n]+")
# Written to open with a character class (not `[.!?…]+`, not two alternatives), so that the engine
# jumps from one stop to the next instead of trying the pattern at every character.
_BOUNDARY_RE = re.compile(r"[.!?…][.!?…]*[\"”’')\]]*(?:(?=\s+[\"“‘'(\[]?[A-Z0-9])|\s*$)")
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_TERMINAL_RE = re.compile(r"[.!?…:][\"”’')\]]*\s*$")
_TERMINALS = frozenset(".!?…:")
_CLOSERS = "\"”’')]"
_BOILERPLATE_RE = re.compile(
    r"^\W*(?:also\s+read|read\s+(?:more|also)|related\s*:|watch\s*:|subscribe|follow\s+us|click\s+here|"
    r"no\s+comments|post\s+a\s+comment|share\s+this|advertisement|copyright|©|source\s*:|"
    r"(?:published|updated|posted|written\s+by)\b|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+\d)",
    re.IGNORECASE,
)
_BOILERPLATE_LOW = lowered(_BOILERPLATE_RE)  # for folded text (patterns.lowered)
# "By Asad Hashim", "By our correspondent | Peshawar": a byline, capitalised as written (not "By region, the ...").
_BYLINE_START = re.compile(r"^\W*By\s+(?:[A-Z][\w.'’\-]*|our|a|staff)(?:\s+[A-Z][\w.'’\-]*){0,4}\s*(?:$|[,|•/–\-])")
_SEPARATOR_RE = re.compile(r"^\s*(?:[*#=_~\-]\s*){3,}$")
# A byline or page furniture anywhere in a short line: "Staff Reporter | Published September 7, 2023".
_BYLINE_RE = re.compile(
    r"\b(?:published|updated|staff\s+reporter|correspondent|\d+\s+min(?:ute)?s?\s+read|\d+\s+comments?)\b|\|\s*\w",
    re.IGNORECASE,
)
_TERMINAL_COLON = re.compile(r":\s*$")
_BULLET_RE = re.compile(r"\s*[•●▪◦·*–\-]\s")
# "UKRAINE: ...", "PAKISTAN: ...": a page of briefs labels each one.
_LABEL_RE = re.compile(r"[A-Z][A-Z .'’/\-]{2,30}:\s")
_TIMESTAMP_RE = re.compile(
    r"\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|IST|PKT|EST|ET|CET|EET|local\s+time))?\s*[—–\-:]?"
)
HEADLINE_MAX_WORDS = 25


class Sentence(NamedTuple):
    """One sentence: `text[start:end]`, its paragraph, its story and whether it is a headline."""

    start: int
    end: int
    paragraph: int
    story: int
    headline: bool = False
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """The sentences and stories of a text."""

    sentences: tuple[Sentence, ...]
    stories: tuple[Story, ...]


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    gap: int  # blank lines before it
    headline: bool
    boilerplate: bool
    separator: bool  # "* * *", "-----"


def _ends_sentence(line: str) -> bool:
    """True where `line` ends like a sentence: _TERMINAL_RE.search(line), read from the end instead."""
    return line.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINALS


def _looks_like_headline(line: str) -> bool:
    # The ending first: a paragraph's full stop settles it without splitting the paragraph into words.
    return not _ends_sentence(line) and 0 < len(line.split(None, HEADLINE_MAX_WORDS)) <= HEADLINE_MAX_WORDS


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    prev_end = 0
    for m in _LINE_RE.finditer(text):
        raw = m.group()
        if not raw.strip():
            continue
        lead = len(raw) - len(raw.lstrip())
        start, end = m.start() + lead, m.start() + len(raw.rstrip())
        gap = text.count("\n", prev_end, m.start()) - 1 if out else 0
        line = text[start:end]
        headline = _looks_like_headline(line)
        separator = bool(_SEPARATOR_RE.match(line))
        boiler = separator or bool(_BOILERPLATE_LOW.match(fold(line))) or bool(_BYLINE_START.match(line))
        boiler = boiler or (headline and bool(_BYLINE_RE.search(line)))
        out.append(_Line(start, end, max(gap, 0), headline, boiler, separator))
        prev_end = m.end()
    return out


def _same_text(a: str, b: str) -> bool:
    # The first words tell most paragraphs apart without splitting the whole of both.
    return a.split(None, 1)[:1] == b.split(None, 1)[:1] and a.split() == b.split()


def _story_starts(text: str, lines: list[_Line]) -> list[int]:
    """Indices of the lines that open a story.

    Pages that keep a story's paragraphs on adjacent lines separate stories by blank
    lines; pages that put a blank line after every paragraph separate them by two.
    A headline opens the story below it; a block that only repeats the lead of the
    next block (a teaser) belongs to it; a block with no sentence in it (a byline,
    "No comments") stays with its neighbours.
    """
    if not lines:
        return []
    blocks: list[list[int]] = []
    for i, line in enumerate(lines):
        if i == 0 or line.gap > 0 or line.separator:
            blocks.append([])
        blocks[-1].append(i)
    def header(block: list[int]) -> bool:
        return all(lines[i].headline or lines[i].boilerplate for i in block)

    # (A headline with its byline on the next line says nothing about how the text is spaced; nor does a live
    # blog's entry at the end, its time on the line above it: most paragraphs tell.)
    body = [b for b in blocks
            if not header(b) and not _TIMESTAMP_RE.fullmatch(text, lines[b[0]].start, lines[b[0]].end)]
    spaced = bool(body) and sum(len(b) == 1 for b in body) >= 0.6 * len(body)
    min_gap = 2 if spaced else 1

    starts = [0]
    # A live blog's entries each open with their time ("9:40 AM", "14:05 GMT"): each is a story of its own.
    starts += [i for i, line in enumerate(lines) if i and _TIMESTAMP_RE.fullmatch(text, line.start, line.end)]
    labelled = [i for i, line in enumerate(lines) if _LABEL_RE.match(text, line.start, line.end)]
    if len(labelled) >= 2:
        # A page of briefs: each labelled paragraph opens a story of its own.
        starts += labelled[1:] if labelled[0] == 0 else labelled
    for bi in range(1, len(blocks)):
        first = lines[blocks[bi][0]]
        prev = blocks[bi - 1]
        if first.gap < min_gap and not first.separator:
            continue
        if header(prev):
            continue  # a headline or byline belongs to the text below it
        if _TERMINAL_COLON.search(text, lines[prev[-1]].start, lines[prev[-1]].end) or all(
            _BULLET_RE.match(text, lines[i].start) for i in blocks[bi]
        ):
            continue  # "Main points:" and the list below it
        if len(prev) == 1 and _same_text(text[lines[prev[0]].start:lines[prev[0]].end], text[first.start:first.end]):
            continue  # a teaser that repeats this block's lead
        if bi == len(blocks) - 1 and header(blocks[bi]):
            continue  # trailing "Based on AFP report", "No comments"
        starts.append(blocks[bi][0])
    return sorted(set(starts))


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of one line `text[start:end]` as (start, end) offsets, trimmed of spaces."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BOUNDARY_RE.finditer(text, start, end):
        dot = m.start()
        if text[dot] == "." and len(m.group().rstrip()) == 1:
            written = _word_before(text, max(pos, dot - 12), dot)
            word = written.lower()
            # "Lt.", "U.S.", and lone initials ("A. Khan") do not end a sentence.
            if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha() and written.isupper()):
                continue
            if pos == start and text[pos:dot].strip().isdigit() and len(text[pos:dot].strip()) <= 3:
                continue  # "1. On the night of ...": a numbered point opens the line, it is no sentence
        stop = m.end()
        s, e = _trim(text, pos, stop)
        if e > s:
            out.append((s, e))
        pos = stop
    s, e = _trim(text, pos, end)
    if e > s:
        out.append((s, e))
    return out


def _word_before(text: str, floor: int, dot: int) -> str:
    """The word before the period at `dot` ("Lt", "U.S"): letters and inner periods from `floor` on, else ""."""
    before = text[floor:dot]
    run = before[len(before.rstrip(_WORD_CHARS)):]
    return run.lstrip(".")  # a word starts with a letter


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    kept = piece.strip()
    if not kept:
        return end, end
    start += len(piece) - len(piece.lstrip())
    return start, start + len(kept)


def layout(text: str, title: str | None = None) -> Layout:
    """The text cut into sentences and stories; `title` (the manifest's) names the first story."""
    lines = _lines(text)
    starts = _story_starts(text, lines)
    story_of_line: list[int] = []
    story = -1
    start_set = set(starts)
    for i in range(len(lines)):
        if i in start_set:
            story += 1
        story_of_line.append(max(story, 0))
    sentences: list[Sentence] = []
    for i, line in enumerate(lines):
        for s, e in split_sentences(text, line.start, line.end):
            sentences.append(Sentence(s, e, i, story_of_line[i], line.headline, line.boilerplate))
    stories: list[Story] = []
    for n, first in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else len(lines)) - 1
        # The story's headline: the longest headline line above its first sentence (the
        # others are an outlet's name or a byline).
        top = []
        for i in range(first, last + 1):
            if not lines[i].headline:
                break
            if not lines[i].boilerplate:
                top.append(text[lines[i].start:lines[i].end])
        heading = max(top, key=len) if top else None
        if n == 0 and title:
            heading = title
        stories.append(Story(index=n, start=lines[first].start, end=lines[last].end, title=heading))
    if not stories:
        stories.append(Story(index=0, start=0, end=len(text), title=title))
    return Layout(tuple(sentences), tuple(stories))
