"""Articles stored at the same moment by several processes or threads group as if stored one by one."""

from __future__ import annotations

import threading

from sqlmodel import Session

from app.db import session_scope
from app.extraction.sources import load_manifest, read_sources
from app.pipeline import ingest_article
from tests.conftest import SEEDS, Database
from tests.helpers import ingest_seeds, partition


def test_seeds_stored_at_once_give_the_incidents_of_one_by_one(db: Database) -> None:
    ingest_seeds(db)
    with Session(db.engine) as s:
        one_by_one = partition(s)
    db.empty()

    sources = list(read_sources([SEEDS], manifest=load_manifest(SEEDS / "manifest.json")))
    start = threading.Barrier(len(sources))
    errors: list[BaseException] = []

    def store(index: int) -> None:
        source = sources[index]
        try:
            start.wait()
            with session_scope(db.engine) as session:
                ingest_article(session=session, settings=db.settings(), text=source.text, title=source.title,
                               outlet=source.outlet, url=source.url, published=source.published,
                               source_name=source.name)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=store, args=(i,)) for i in range(len(sources))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with Session(db.engine) as s:
        assert partition(s) == one_by_one
