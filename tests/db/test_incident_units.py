"""Stored units: the SQL pre-filter of candidate units never drops a unit that `related` could accept."""

from __future__ import annotations

import itertools
import json
import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, text
from sqlmodel import Session

from app.articles.models import Article
from app.incidents import grouping, service
from app.incidents.grouping import Unit, terms_of
from app.incidents.models import Incident, IncidentUnit
from app.migrate import downgrade, upgrade
from tests.conftest import Database

D = date(2025, 10, 11)
# "north_waziristan_group" has underscores, which LIKE would read as wildcards.
PARTIES = ("afghanistan", "pakistan", "ttp", "india", "north_waziristan_group", "northxwaziristan_group")
WORDS = ["border", "clash", "outposts", "artillery", "Kunar", "soldiers", "killed", "airstrike", "convoy",
         "checkpoint", "drone"]


def _unit(rng: random.Random, key: str) -> Unit:
    sides = rng.sample(PARTIES, rng.choice((0, 1, 1, 2, 2, 2, 3)))
    day = D + timedelta(days=rng.randrange(-5, 6))
    dated = rng.random() < 0.8
    return Unit(
        key=key,
        article_key=key,
        story=0,
        published=day + timedelta(days=1) if rng.random() < 0.95 else None,
        outlet=None,
        event_dates=(day,) if dated else (),
        provinces=frozenset(rng.sample(["Kunar", "Kurram", "Helmand"], rng.randrange(3))),
        parties=frozenset(sides),
        figures=frozenset({("killed", rng.choice(PARTIES), rng.randrange(1, 4))}),
        terms=terms_of(" ".join(rng.sample(WORDS, 6))),
        claim_indexes=(),
    )


def _store(session: Session, units: list[Unit]) -> None:
    now = datetime.now(UTC)
    session.execute(insert(Article), [{"id": 1, "text": "x", "content_hash": "0" * 64, "ingested_at": now,
                                       "extractor_version": "t", "story_count": 1}])
    session.execute(insert(Incident), [{"id": 1, "title": "t", "provinces": [], "parties": [], "headline_data": {},
                                        "updated_at": now}])
    session.execute(insert(IncidentUnit), [
        {"key": u.key, "article_id": 1, "incident_id": 1, "anchor": grouping.anchor(u),
         "sides": service.sides_column(u.parties), "features": service.unit_to_features(u)} for u in units
    ])
    session.flush()


def test_candidates_keep_every_unit_whose_sides_do_not_clash(db: Database, session: Session) -> None:
    rng = random.Random(5)
    stored = [_unit(rng, f"s{n:03d}") for n in range(300)]
    _store(session, stored)
    service.parsed_units.data.clear()
    window = grouping.WINDOW_DAYS
    for n in range(120):
        new = _unit(rng, f"new{n}")
        found = {u.key for _, u in service._candidates(session=session, unit=new, window_days=window)}
        day = grouping.anchor(new)
        in_window = {u.key for u in stored if day is None or (a := grouping.anchor(u)) is None
                     or abs((a - day).days) <= window}
        compatible = {u.key for u in stored if grouping._sides_match(new.parties, u.parties) is not None}
        assert found == in_window & compatible, sorted(new.parties)
        assert {u.key for u in stored if grouping.related(new, u, window_days=window)} <= found
    session.rollback()


def test_sides_column_is_sorted_and_delimited() -> None:
    assert service.sides_column([]) == ""
    assert service.sides_column(["pakistan", "afghanistan", "pakistan"]) == "|afghanistan|pakistan|"
    for a, b in itertools.permutations(["ttp", "india"]):
        assert service.sides_column([a, b]) == "|india|ttp|"


def test_migration_fills_the_sides_of_units_stored_before_it(db: Database) -> None:
    downgrade(db.url, "0002")
    try:
        now = datetime.now(UTC).isoformat(sep=" ")
        features = {"parties": ["ttp", "pakistan"], "key": "k"}
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO article (id, text, content_hash, ingested_at, extractor_version,"
                              " story_count) VALUES (1, 'x', :h, :now, 't', 1)"), {"h": "1" * 64, "now": now})
            conn.execute(text("INSERT INTO incident (id, title, summary, provinces, parties, status, discrepancy,"
                              " contested, headline, headline_data, claim_count, article_count, outlet_count,"
                              " updated_at)"
                              " VALUES (1, 't', '', '[]', '[]', 'open', 0, false, '', '{}', 0, 0, 0, :now)"),
                         {"now": now})
            for key, parties in (("k", ["ttp", "pakistan"]), ("none", [])):
                conn.execute(text("INSERT INTO incident_unit (key, article_id, incident_id, anchor, features)"
                                  " VALUES (:k, 1, 1, NULL, :f)"),
                             {"k": key, "f": json.dumps({**features, "key": key, "parties": parties})})
        upgrade(db.url, "head")
        with db.engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT key, sides FROM incident_unit ORDER BY key")).all())
        assert rows == {"k": "|pakistan|ttp|", "none": ""}
    finally:
        upgrade(db.url, "head")
        db.empty()
