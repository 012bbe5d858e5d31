"""The daily facet roll-up: triggers keep it equal to a count of the incidents, whoever writes."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select, text
from sqlmodel import Session

from app.incidents import service
from app.incidents.facets import _rolled_up, _rolled_up_counts, _scoped, facets
from app.incidents.filters import Filters
from app.incidents.queries import IP, IPA, facet_cache
from tests.conftest import Database
from tests.helpers import add_incidents, ingest_seeds, ingest_text

TOTALS = "SELECT facet, value, incidents FROM facet_total WHERE incidents > 0"
MONTHS = "SELECT facet, value, month, incidents FROM facet_month WHERE incidents > 0"
ROLLUP = "SELECT facet, value, day, incidents FROM facet_day WHERE incidents > 0 ORDER BY 1, 2, 3"
COUNTED = """
SELECT 'province', province, coalesce(first_date, '0001-01-01'), count(*) FROM incident_province
GROUP BY province, coalesce(first_date, '0001-01-01')
UNION ALL
SELECT role, party, coalesce(first_date, '0001-01-01'), count(*) FROM incident_party
GROUP BY role, party, coalesce(first_date, '0001-01-01')
ORDER BY 1, 2, 3
"""


def _same(db: Database) -> None:
    with db.engine.connect() as conn:
        rolled = [(f, v, str(d), int(n)) for f, v, d, n in conn.execute(text(ROLLUP))]
        counted = [(f, v, str(d), int(n)) for f, v, d, n in conn.execute(text(COUNTED))]
    assert rolled == counted
    assert rolled, "nothing was rolled up"
    totals: dict[tuple[str, str], int] = {}
    for f, v, _d, n in counted:
        totals[(f, v)] = totals.get((f, v), 0) + n
    months: dict[tuple[str, str, str], int] = {}
    for f, v, d, n in counted:
        months[(f, v, d[:8] + "01")] = months.get((f, v, d[:8] + "01"), 0) + n
    with db.engine.connect() as conn:
        kept = {(f, v): int(n) for f, v, n in conn.execute(text(TOTALS))}
        by_month = {(f, v, str(m)): int(n) for f, v, m, n in conn.execute(text(MONTHS))}
    assert kept == totals
    assert by_month == months


def test_rollup_follows_ingest_merge_regroup_and_deletion(db: Database) -> None:
    ingest_seeds(db)
    _same(db)
    ingest_text(db, "KABUL: The Taliban said on Saturday that 12 Pakistani soldiers were killed in Kunar.",
                published=date(2025, 10, 13))
    ingest_text(db, "An undated report: militants killed 4 civilians in Bajaur.")
    _same(db)
    with Session(db.engine) as session:
        service.regroup(session=session, window_days=3, tolerance=0.1)
        session.commit()
    _same(db)
    with db.engine.begin() as conn:  # an incident deleted outright: its rows go by cascade
        conn.execute(text("DELETE FROM incident WHERE id = (SELECT min(id) FROM incident)"))
    _same(db)


def test_facets_from_the_rollup_equal_facets_counted(db: Database) -> None:
    ingest_seeds(db)
    ingest_text(db, "An undated report: militants killed 4 civilians in Bajaur.")
    windows = [Filters(), Filters(date_from=date(2025, 10, 12)), Filters(date_to=date(2025, 10, 11)),
               Filters(date_from=date(2025, 10, 1), date_to=date(2025, 10, 31))]
    with db.engine.connect() as conn:
        for f in windows:
            counted = select(IP.c.province, func.count()).group_by(IP.c.province).order_by(
                func.count().desc(), IP.c.province)
            assert _rolled_up(conn, "province", f) == [tuple(r) for r in conn.execute(_scoped(conn, counted, IP, f))]
            for role in ("claimant", "subject", "metric"):
                stmt = (select(IPA.c.party, func.count()).where(IPA.c.role == role).group_by(IPA.c.party)
                        .order_by(func.count().desc(), IPA.c.party))
                assert _rolled_up(conn, role, f) == [tuple(r) for r in conn.execute(_scoped(conn, stmt, IPA, f))]
        facet_cache.clear()
        assert facets(conn, Filters())["province"]


def test_facets_counted_in_one_query_equal_facets_counted_one_by_one(db: Database) -> None:
    ingest_seeds(db)
    narrowed = [Filters(province=("Kunar",)), Filters(contested=True, date_from=date(2025, 10, 1)),
                Filters(q="soldiers")]
    with db.engine.connect() as conn:
        for f in narrowed:
            facet_cache.clear()
            got = facets(conn, f)
            assert list(got) == ["province", "claimant", "subject", "metric"]
            for role in ("claimant", "subject", "metric"):
                stmt = (select(IPA.c.party, func.count()).where(IPA.c.role == role).group_by(IPA.c.party)
                        .order_by(func.count().desc(), IPA.c.party))
                one_by_one = [(str(p), int(n)) for p, n in conn.execute(_scoped(conn, stmt, IPA, f))]
                assert got[role] == one_by_one, (f, role)
            assert got["claimant"], f


def test_window_counts_from_months_and_end_days_equal_incidents_counted(db: Database) -> None:
    names = ["Kunar", "Nangarhar", "Khost", "Paktika", "Bajaur"]
    day = date(2024, 11, 20)
    for i in range(0, 200, 3):  # incidents every third day for 200 days, in turn in each province
        add_incidents(db, {names[i % 5]: 1 + i % 2}, day=day + timedelta(days=i))
    add_incidents(db, {"Kunar": 2}, day=date(2024, 12, 31))
    add_incidents(db, {"Khost": 1}, day=date(2025, 3, 1))
    windows = [(date(2024, 12, 1), date(2025, 2, 28)), (date(2024, 12, 2), date(2025, 2, 27)),
               (date(2024, 12, 31), date(2025, 3, 1)), (date(2025, 1, 5), date(2025, 1, 25)),
               (date(2025, 1, 1), date(2025, 1, 31)), (date(2024, 12, 15), None), (None, date(2025, 2, 10)),
               (date(2025, 3, 1), date(2025, 3, 1)), (date(1900, 1, 1), date.max), (date(2025, 2, 1), date(2025, 2, 1))]
    with db.engine.connect() as conn:
        for date_from, date_to in windows:
            f = Filters(date_from=date_from, date_to=date_to)
            stmt = select(IP.c.province, func.count()).group_by(IP.c.province)
            truth = {str(p): int(n) for p, n in conn.execute(_scoped(conn, stmt, IP, f))}
            got = {str(v): int(n) for v, n in conn.execute(_rolled_up_counts(conn, "province", f)) if n}
            assert got == truth, (date_from, date_to)
