"""Regex building blocks shared by the extractor's modules."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Sentinels used inside the trie for characters that match a class, not themselves.
_SEP = "\x00"  # a space or hyphen in a phrase: "Tehrik-i-Taliban" also matches "Tehrik i Taliban"
_APOS = "\x01"  # either apostrophe
_RENDER = {_SEP: r"[\s\-‐]+", _APOS: "['’]"}

_Trie = dict[str, "_Trie"]


def _normalise_phrase(phrase: str) -> str:
    out = re.sub(r"[\s\-‐]+", _SEP, phrase.strip())
    return re.sub(r"['’]", _APOS, out)


def _trie(phrases: Iterable[str]) -> _Trie:
    trie: _Trie = {}
    for phrase in phrases:
        node = trie
        for ch in _normalise_phrase(phrase):
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex alternation of `phrases` shaped as a trie, so the longest phrase wins and matching is fast.

    Python's `re` tries alternatives one by one; a trie shares prefixes, which keeps
    a few hundred names (all states and demonyms) cheap to scan for.
    """
    return _render(_trie(phrases)) or "(?!)"


def _render(node: _Trie) -> str:
    terminal = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = _RENDER.get(ch) or re.escape(ch)
        branches.append(piece + _render(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        # Greedy optional: a longer phrase is tried first, the shorter one is the fallback.
        return "(?:" + body + ")?"
    return body


def phrase_key(text: str) -> str:
    """The lookup key of a matched phrase: lower case, single spaces, plain apostrophes."""
    return re.sub(r"[\s\-‐]+", " ", text.strip().lower()).replace("’", "'")


def words(*phrases: str) -> str:
    """An alternation of plain phrases (spaces match any whitespace), longest first."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


# What may stand right before a word. Scans look for one of these followed by a phrase: the
# engine then only enters the matcher at word starts, which makes a whole-article scan 10-20
# times faster than `\b(?:...)` with IGNORECASE. Scanned texts get a leading space (see `padded`).
# It is `[\s"“”‘’'(\[/—–\-]` with the characters `\s` stands for spelled out (tests/extraction/
# test_patterns.py checks they are the same): a class of plain characters is one table look-up
# per character for the engine, `\s` a call, and scans spend most of their time on this test.
WORD_START = (
    "[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"  # \s
    "\"“”‘’'(\\[/—–\\-]"
)


def fast_words(phrases: Iterable[str], *, whole: bool = True, extra: str = "") -> str:
    """A pattern for lower-case `phrases` at word starts, to run over `padded(text)`.

    A match's start is the offset of the phrase in the unpadded text. `whole=False` matches
    stems ("kill" in "killing"); `extra` is one more alternative (e.g. a digit).
    """
    body = trie_pattern(p.lower() for p in phrases)
    if extra:
        body = f"{extra}|{body}"
    end = r"(?!\w)" if whole else ""
    return f"{WORD_START}(?:{body}){end}"


def initials_first(phrases: Iterable[str]) -> str:
    """A pattern for whole `phrases` at word starts in `padded` text, entered only at their first characters.

    It finds what `fast_words(phrases)` finds, but opens with the trie's first characters
    and checks the word start behind them: Python's engine then jumps from one possible first
    character to the next. That pays where few characters of a text can open a phrase (names
    written with a capital); `fast_words` is faster where most can. Offsets are those of the
    padded text: a match's start is one more than the phrase's offset in the unpadded text.
    """
    trie = _trie(phrases)
    trie.pop("", None)  # an empty phrase names nothing
    if not trie:
        return "(?!)"
    branches = [(_RENDER.get(ch) or re.escape(ch)) + rf"(?<={WORD_START}.)" + _render(trie[ch]) for ch in sorted(trie)]
    return "(?:" + "|".join(branches) + r")(?!\w)"


def padded(text: str, *, lower: bool = True) -> str:
    """`text` after one space (so a scan finds a phrase at offset 0), in lower case unless told otherwise."""
    return " " + (lower_same_length(text) if lower else text)


def lower_same_length(text: str) -> str:
    """`text` in lower case with every offset kept (the few characters that grow when lowered stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# The letters IGNORECASE takes for a letter of the Latin alphabet where lower() does not give
# it: the Turkish dotted and dotless i, and the long s.
_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """`text` as IGNORECASE compares it, with every offset kept: lower-cased, "İ", "ı" and "ſ" made "i", "i", "s"."""
    return refold(lower_same_length(text))


def refold(low: str) -> str:
    """`fold` of a text `low` that lower_same_length has lower-cased already."""
    if "\u0130" in low or "\u0131" in low or "\u017f" in low:
        return low.translate(_FOLDS)
    return low


# Every pattern `lowered` made, so that a test can check each against its case-insensitive reading.
LOWERED: list[re.Pattern[str]] = []


def lowered(pattern: str | re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, written to match case-insensitively, compiled to match folded text exactly.

    Python's engine skips an alternative by its first character only where it compares
    characters as they are: under IGNORECASE it enters every alternative of a long word list at
    every position. Run over `fold(text)` (same offsets), the lower-cased pattern finds the same
    matches two to five times faster. Escapes (\\S, \\W, \\u2010) and group names keep their
    case; take the words a match covers from the original text by offset.
    """
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    assert "\\N" not in source and not re.search(r"\(\?[aiLmsux]", source), "inline flags or \\N{...}"
    out: list[str] = []
    i = 0
    while i < len(source):
        if source[i] == "\\":
            out.append(source[i:i + 2])
            i += 2
        elif source.startswith(("(?P<", "(?P="), i):
            close = source.index(">" if source[i + 3] == "<" else ")", i)
            out.append(source[i:close + 1])
            i = close + 1
        else:
            out.append(source[i].lower())
            i += 1
    compiled = re.compile("".join(out))
    LOWERED.append(compiled)
    return compiled


def at_word_starts(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` (a `lowered` twin whose every match starts a word) made to search `padded` text fast.

    The twin opens with the non-word character before the word (in padded text there is one
    before the first word, too): Python's engine then jumps from one such character to the next
    instead of entering a long alternation at every position. In padded text the match's
    start is the offset of its first word in the unpadded text; every other offset (its end,
    its groups) is one more than in the unpadded text.
    """
    return re.compile(rf"\W(?:{pattern.pattern})")
