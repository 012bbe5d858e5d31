"""The dashboard's statements run on SQLite's own connection (app.incidents.rawsql) give what
SQLAlchemy's execution gives, converted alike, for every kind of filter and any number of provinces."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func

from app.incidents import queries
from app.incidents.filters import Filters
from app.incidents.queries import COLUMNS, IncidentRow, _filtered, order
from tests.conftest import Database
from tests.helpers import add_incidents, ingest_seeds

VIEWS = [
    Filters(),
    Filters(province=("Kunar",)),
    Filters(province=("Bajaur", "Khost", "Kunar")),
    Filters(province=("Khost",), date_from=date(2025, 1, 1), date_to=date(2025, 3, 31)),
    Filters(date_from=date(2025, 2, 1), sort="disagreement"),
    Filters(claimant="afghanistan", sort="sources"),
    Filters(subject="pakistan", metric="killed", sort="reported"),
    Filters(contested=True),
    Filters(flagged=True),
    Filters(q="soldiers", page=1),
    Filters(province=("Kunar", "Khost"), page=2),
    Filters(date_to=date.max, date_from=date(1900, 1, 1)),
]


def _expected(conn: object, f: Filters, page_size: int) -> tuple[list[IncidentRow], int]:
    total = int(conn.execute(_filtered(conn, f, func.count())).scalar_one())  # type: ignore[attr-defined]
    stmt = _filtered(conn, f, *COLUMNS).order_by(*order(f.sort)).limit(page_size).offset((f.page - 1) * page_size)
    return [IncidentRow(*row) for row in conn.execute(stmt)], total  # type: ignore[attr-defined]


def test_raw_statements_answer_as_sqlalchemy_does(db: Database) -> None:
    ingest_seeds(db)
    for i, name in enumerate(["Kunar", "Khost", "Bajaur", "Khyber", "Paktika"]):
        add_incidents(db, {name: i + 2}, day=date(2025, 1, 5) + timedelta(days=20 * i))
        add_incidents(db, {name: 2}, day=date(2025, 3, 1) + timedelta(days=7 * i), claimant="afghanistan")
    with db.engine.connect() as conn:
        for f in VIEWS:
            queries.facet_cache.clear()
            got = queries.list_incidents(conn, f, page_size=3)
            assert got == _expected(conn, f, 3), f
            assert all(isinstance(r.first_date, date | None) and isinstance(r.provinces, list)
                       and isinstance(r.contested, bool) and isinstance(r.headline_data, dict) for r in got[0])
        assert any(queries.list_incidents(conn, f, page_size=3)[0] for f in VIEWS[1:4])


def test_totals_from_a_short_last_page_equal_a_count(db: Database) -> None:
    # 12 incidents in Kunar: pages of 5 are full, full, short (2), then empty; pages of 4 end exactly.
    for i in range(12):
        add_incidents(db, {"Kunar": 1}, day=date(2025, 1, 1) + timedelta(days=i))
    add_incidents(db, {"Khost": 1}, day=date(2025, 2, 1))
    with db.engine.connect() as conn:
        for f in [Filters(province=("Kunar",), page=p) for p in (1, 2, 3, 4)] + [Filters(page=9), Filters()]:
            for size in (4, 5, 50):
                queries.facet_cache.clear()
                rows, total = queries.list_incidents(conn, f, page_size=size)
                assert total == int(conn.execute(_filtered(conn, f, func.count())).scalar_one()), (f, size)
                assert len(rows) == max(0, min(size, total - (f.page - 1) * size))


def test_timeline_from_the_list_equals_the_timeline_queried(db: Database) -> None:
    ingest_seeds(db)
    for i, name in enumerate(["Kunar", "Khost", "Bajaur"]):
        add_incidents(db, {name: i + 2}, day=date(2025, 1, 5) + timedelta(days=20 * i))
    with db.engine.connect() as conn:
        for f in [*VIEWS, Filters(sort="sources"), Filters(province=("Kunar",), sort="disagreement")]:
            for size in (3, 50):
                queries.facet_cache.clear()
                listed = queries.list_incidents(conn, f, page_size=size)
                assert queries.timeline_points(conn, f, listed=listed) == queries.timeline_points(conn, f), (f, size)
