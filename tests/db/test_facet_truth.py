"""Facet counts equal a count of the incidents that the list itself returns (each facet with its own
filter left out), for views narrowed by places, dates, parties, flags and words."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from sqlalchemy import text

from app.incidents import queries
from app.incidents.facets import facets
from app.incidents.filters import Filters
from tests.conftest import Database
from tests.helpers import add_incidents, ingest_seeds

VIEWS = [
    Filters(province=("Kunar",)),
    Filters(province=("Kunar",), date_from=date(2025, 3, 1), date_to=date(2025, 3, 20)),
    Filters(province=("Kunar", "Khost"), date_from=date(2025, 3, 12)),
    Filters(claimant="pakistan", date_to=date(2025, 3, 15)),
    Filters(contested=True, date_from=date(2025, 10, 1)),
    Filters(q="soldiers", date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)),
    Filters(province=("Kunar",), claimant="afghanistan"),
    Filters(metric="killed", date_from=date(2025, 10, 1)),
]


def _listed(conn: object, f: Filters) -> list[int]:
    rows, total = queries.list_incidents(conn, f, page_size=10_000)  # type: ignore[arg-type]
    assert len(rows) == total
    return [row.id for row in rows]


def test_facets_equal_the_listed_incidents_counted(db: Database) -> None:
    ingest_seeds(db)
    for i in range(30):
        add_incidents(db, {("Kunar", "Khost", "Bajaur")[i % 3]: 1}, day=date(2025, 3, 1) + timedelta(days=i),
                      claimant=("pakistan", "afghanistan")[i % 2])
    checked = 0
    with db.engine.connect() as conn:
        places = [(int(i), str(p)) for i, p in
                  conn.execute(text("SELECT incident_id, province FROM incident_province"))]
        roles = [(int(i), str(r), str(p)) for i, r, p in
                 conn.execute(text("SELECT incident_id, role, party FROM incident_party"))]
        for f in VIEWS:
            queries.facet_cache.clear()
            got = facets(conn, f)
            ids = set(_listed(conn, f.without("province")))
            truth = Counter(p for i, p in places if i in ids)
            assert dict(got["province"]) == dict(truth), f
            for role in ("claimant", "subject", "metric"):
                ids = set(_listed(conn, f.without(role)))
                truth = Counter(p for i, r, p in roles if i in ids and r == role)
                assert dict(got[role]) == dict(truth), (f, role)
                checked += sum(truth.values())
    assert checked > 50
