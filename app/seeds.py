"""Load the sample articles of seeds/ through the one ingest pipeline."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from app.articles import service as articles
from app.config import PROJECT_DIR, Settings
from app.db import session_scope
from app.extraction.sources import load_manifest, read_sources
from app.pipeline import IngestResult, ingest_article

SEEDS_DIR = PROJECT_DIR / "seeds"


def load(*, engine: Engine, settings: Settings, folder: Path = SEEDS_DIR) -> list[IngestResult]:
    """The results of ingesting every seed article, each in its own transaction."""
    manifest = load_manifest(folder / "manifest.json")
    results = []
    for source in read_sources([folder], manifest=manifest):
        with session_scope(engine) as session:
            results.append(
                ingest_article(
                    session=session, settings=settings, text=source.text, title=source.title,
                    outlet=source.outlet, url=source.url, published=source.published,
                    source_name=source.name,
                )
            )
    return results


def load_if_empty(*, engine: Engine, settings: Settings) -> list[IngestResult]:
    """Seed results when the database had no article, else nothing."""
    with session_scope(engine) as session:
        if articles.count(session=session):
            return []
    return load(engine=engine, settings=settings)
