"""Files in, spec JSON lines out: the one path the CLI and `python -m app.extraction` share."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from .core import extract
from .lexicon import Lexicon
from .sources import Source, load_manifest, read_sources
from .spec import claim_to_spec
from .types import Extraction


def extract_files(
    paths: Iterable[Path | str],
    *,
    manifest: Path | str | None = None,
    published: date | None = None,
    lexicon: Lexicon | None = None,
) -> Iterator[tuple[Source, Extraction]]:
    """Each article file (folders are expanded) with what the extractor finds in it.

    The manifest gives each file's title and publication date; `published` is the
    fallback date for files it does not date. Raises sources.SourceError for a file
    or manifest that cannot be read.
    """
    entries = load_manifest(Path(manifest)) if manifest is not None else None
    for source in read_sources([Path(p) for p in paths], manifest=entries, published=published):
        yield source, extract(source.text, published=source.published, title=source.title, lexicon=lexicon)


def spec_lines(results: Iterable[tuple[Source, Extraction]]) -> Iterator[str]:
    """One spec JSON object (a line without its newline) per claim, article by article."""
    for source, extraction in results:
        for claim in extraction.claims:
            yield json.dumps(claim_to_spec(claim, source.name), ensure_ascii=False)
