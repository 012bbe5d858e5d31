"""Statements are built once per shape of the filters and run with each view's values: a view must
get the same answers whether its statements were built for it or for another view of its shape."""

from __future__ import annotations

from datetime import date, timedelta

from app.incidents import facets, queries
from app.incidents.filters import Filters
from tests.conftest import Database
from tests.helpers import add_incidents, ingest_seeds

# Pairs of views of the same shape (the same filters set, other values).
PAIRS = [
    (Filters(province=("Kunar",)), Filters(province=("Bajaur", "Khost"))),
    (Filters(date_from=date(2025, 1, 3), date_to=date(2025, 3, 20)),
     Filters(date_from=date(2025, 2, 11), date_to=date(2025, 5, 2))),
    (Filters(province=("Kunar",), date_from=date(2025, 1, 1), date_to=date(2025, 12, 31), claimant="pakistan"),
     Filters(province=("Khost", "Bajaur"), date_from=date(2025, 3, 1), date_to=date(2025, 3, 31),
             claimant="afghanistan")),
    (Filters(q="soldiers"), Filters(q="civilians")),
    (Filters(metric="killed", date_from=date(2025, 10, 11)), Filters(metric="wounded", date_from=date(2025, 3, 1))),
]


def answers(conn: object, f: Filters) -> object:
    queries.facet_cache.clear()
    return (queries.list_incidents(conn, f, page_size=5), facets.facets(conn, f, province_limit=3),  # type: ignore[arg-type]
            facets.province_facet(conn, f, limit=None), queries.timeline_points(conn, f))  # type: ignore[arg-type]


def test_a_view_gets_the_same_answers_from_statements_built_for_another_view(db: Database) -> None:
    ingest_seeds(db)
    for i, name in enumerate(["Kunar", "Khost", "Bajaur", "Khyber", "Paktika"]):
        add_incidents(db, {name: i + 1}, day=date(2025, 1, 5) + timedelta(days=20 * i))
        add_incidents(db, {name: 2}, day=date(2025, 3, 1) + timedelta(days=7 * i), claimant="afghanistan")
    with db.engine.connect() as conn:
        for first, second in PAIRS:
            queries._statements.clear()
            fresh = answers(conn, second)
            queries._statements.clear()
            answers(conn, first)  # builds the statements of this shape with first's values
            assert answers(conn, second) == fresh, second
