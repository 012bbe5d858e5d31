"""Counterclaim's claim extractor: a pure library, text in, claims out.

    from app.extraction import extract, claim_to_spec
    result = extract(text, published=date(2025, 10, 12), title="...")
    for claim in result.claims:
        print(claim_to_spec(claim, "article.txt"))
"""

from .core import EXTRACTOR_VERSION, extract
from .lexicon import Lexicon, load_lexicon
from .spec import claim_to_spec
from .types import METRICS, QUALIFIERS, STANCES, ExtractedClaim, Extraction, Story

__all__ = [
    "EXTRACTOR_VERSION",
    "METRICS",
    "QUALIFIERS",
    "STANCES",
    "ExtractedClaim",
    "Extraction",
    "Lexicon",
    "Story",
    "claim_to_spec",
    "extract",
    "load_lexicon",
]
