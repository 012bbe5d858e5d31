"""Sentences and stories, with offsets into the text."""

from __future__ import annotations

import itertools

from app.extraction.sentences import _TERMINAL_RE, _ends_sentence, layout, split_sentences


def test_split_sentences_keeps_abbreviations_and_offsets() -> None:
    text = "Lt. Gen. Ahmed said U.S. forces left. The army said 12 soldiers died."
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == [
        "Lt. Gen. Ahmed said U.S. forces left.",
        "The army said 12 soldiers died.",
    ]


def test_layout_splits_a_page_of_unrelated_stories() -> None:
    text = (
        "Border clash kills one soldier\n\n"
        "Security sources said one soldier was killed.\nThe clash lasted an hour.\n\n\n"
        "A conference opened in Vienna.\nNinety delegates attended.\n\n"
        "The award goes to two activists.\nThey thanked the jury.\n"
    )
    lay = layout(text)
    assert len(lay.stories) == 3
    assert lay.stories[0].title == "Border clash kills one soldier"
    stories = {text[s.start:s.end].split(".")[0]: s.story for s in lay.sentences}
    assert stories["A conference opened in Vienna"] == 1
    assert stories["The award goes to two activists"] == 2


def test_layout_keeps_one_article_with_blank_lines_between_paragraphs_whole() -> None:
    text = "Headline here\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
    assert len(layout(text).stories) == 1


def test_layout_keeps_a_teaser_that_repeats_the_lead_in_its_story() -> None:
    lead = "Security sources confirmed a deadly clash."
    text = f"Headline\n\n{lead}\n\n{lead}\nMore detail follows.\n"
    assert len(layout(text).stories) == 1


def test_layout_splits_labelled_briefs() -> None:
    text = "UKRAINE: Two people were hurt.\nPAKISTAN: Security forces killed 16 militants.\n"
    assert len(layout(text).stories) == 2


def test_every_sentence_is_a_trimmed_slice_of_the_text() -> None:
    text = "  One.  Two!\n\n  Three?  \n"
    for s in layout(text).sentences:
        assert text[s.start:s.end] == text[s.start:s.end].strip()
        assert text[s.start:s.end]


def test_a_line_ends_like_a_sentence_where_the_terminal_pattern_says() -> None:
    # _ends_sentence reads the end of a line with string methods instead of _TERMINAL_RE: the same answer.
    alphabet = ["a", ".", "!", "?", "…", ":", '"', "”", "’", "'", ")", "]", " ", "\t", "\n", "\xa0", "(", "“"]
    for n in range(5):
        for chars in itertools.product(alphabet, repeat=n):
            line = "".join(chars)
            assert _ends_sentence(line) == bool(_TERMINAL_RE.search(line)), repr(line)
