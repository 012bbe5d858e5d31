"""Province counts over date windows from memory (SQLite): always what a count of the incidents gives,
whoever wrote last (this process or another), after inserts, moves of dates, regrouping and deletions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import event, func, select, text
from sqlmodel import Session

from app.db import make_engine
from app.incidents import province_counts, service
from app.incidents.facets import ProvinceFacet, _scoped, province_facet
from app.incidents.filters import Filters
from app.incidents.queries import IP, facet_cache
from tests.conftest import Database
from tests.helpers import add_incidents, ingest_seeds, ingest_text

NAMES = ["Kunar", "Nangarhar", "Khost", "Paktika", "Bajaur", "Kurram"]
WINDOWS = [(None, None), (date(2024, 12, 1), date(2025, 2, 28)), (date(2024, 12, 2), date(2025, 2, 27)),
           (date(2025, 1, 5), date(2025, 1, 5)), (None, date(2025, 1, 10)), (date(2025, 2, 1), None),
           (date(1900, 1, 1), date.max), (date(2030, 1, 1), date(2030, 12, 31)),
           (date(2025, 10, 1), date(2025, 10, 31))]


@pytest.fixture
def sqlite_only(db: Database) -> Database:
    if db.kind != "sqlite":
        pytest.skip("PostgreSQL keeps no stamps: its province facet is counted in SQL")
    return db


def _truth(db: Database, first: date | None, last: date | None) -> dict[str, int]:
    f = Filters(date_from=first, date_to=last)
    with db.engine.connect() as conn:
        stmt = _scoped(conn, select(IP.c.province, func.count()).group_by(IP.c.province), IP, f)
        return {str(p): int(n) for p, n in conn.execute(stmt)}


def _memory(db: Database, first: date | None, last: date | None) -> dict[str, int]:
    with db.engine.connect() as conn:
        snapshot = province_counts.for_connection(conn)
    assert snapshot is not None
    counts = snapshot.counts(first, last)
    return {name: int(n) for name, n in zip(snapshot.names, counts.tolist(), strict=True) if n}


def _same_everywhere(db: Database) -> None:
    for first, last in WINDOWS:
        # Undated incidents count in a view without dates only (as in SQL, where they have no first_date).
        expected = _truth(db, first, last) if first or last else _truth_all(db)
        assert _memory(db, first, last) == expected, (first, last)


def _truth_all(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {str(p): int(n) for p, n in conn.execute(select(IP.c.province, func.count()).group_by(IP.c.province))}


def _spread(db: Database, start: date, days: int, step: int = 3) -> None:
    for i in range(0, days, step):
        add_incidents(db, {NAMES[i % len(NAMES)]: 1 + i % 2}, day=start + timedelta(days=i))


def test_counts_follow_every_write_of_this_process(sqlite_only: Database) -> None:
    db = sqlite_only
    _spread(db, date(2024, 11, 20), 120)
    _same_everywhere(db)
    add_incidents(db, {"Kunar": 3, "Zabul": 1}, day=date(2025, 1, 5))  # an existing day; a new place
    add_incidents(db, {"Khost": 2}, day=date(2024, 12, 25))  # a day not seen before, in the middle
    with _reads(db) as reads:
        _same_everywhere(db)
    assert reads == ["since"], "the changed rows are read, not everything again"
    with db.engine.begin() as conn:  # an incident moves to another day (the roll-up subtracts and adds)
        conn.execute(text("UPDATE incident_province SET first_date = '2025-02-14' WHERE province = 'Zabul'"))
    with _reads(db) as reads:
        _same_everywhere(db)
    assert reads == ["since"]
    with _reads(db) as reads:
        _same_everywhere(db)
    assert reads == [], "nothing changed: nothing read but the clock"


def test_counts_follow_ingest_regroup_and_deletion(sqlite_only: Database) -> None:
    db = sqlite_only
    ingest_seeds(db)
    _same_everywhere(db)
    ingest_text(db, "KABUL: The Taliban said on Saturday that 12 Pakistani soldiers were killed in Kunar.",
                published=date(2025, 10, 13))
    ingest_text(db, "An undated report: militants killed 4 civilians in Bajaur.")
    _same_everywhere(db)
    with Session(db.engine) as session:
        service.regroup(session=session, window_days=3, tolerance=0.1)
        session.commit()
    _same_everywhere(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM incident WHERE id = (SELECT min(id) FROM incident)"))
    _same_everywhere(db)


def test_counts_follow_writes_of_another_process(sqlite_only: Database) -> None:
    db = sqlite_only
    _spread(db, date(2024, 12, 1), 60)
    _same_everywhere(db)
    other = make_engine(db.url)  # another process's pool: nothing in this process hears of its writes
    try:
        add_incidents(other, {"Paktika": 4, "Helmand": 2}, day=date(2025, 1, 20))
        add_incidents(other, {"Kunar": 1}, day=date(2026, 3, 1))
    finally:
        other.dispose()
    _same_everywhere(db)


def test_a_deleted_rollup_row_reads_everything_again(sqlite_only: Database) -> None:
    db = sqlite_only
    _spread(db, date(2024, 12, 1), 60)
    _same_everywhere(db)
    epoch = _clock(db)[0]
    with db.engine.begin() as conn:  # nothing in the application deletes roll-up rows; a person might
        conn.execute(text("DELETE FROM incident_province WHERE province = 'Kunar'"))
        conn.execute(text("DELETE FROM facet_day WHERE facet = 'province' AND value = 'Kunar'"))
    assert _clock(db)[0] != epoch
    with _reads(db) as reads:
        _same_everywhere(db)
    assert reads == ["all"]


def test_province_facet_from_memory_ranks_as_sql_does(sqlite_only: Database) -> None:
    db = sqlite_only
    # Ties: several provinces with the same count are ordered by name, as SQL's ORDER BY n DESC, value.
    add_incidents(db, {"Kunar": 3, "Khost": 3, "Bajaur": 3, "Zabul": 1, "Helmand": 5, "Paktika": 1},
                  day=date(2025, 1, 10))
    add_incidents(db, {"Kurram": 7}, day=date(2025, 3, 1))
    f = Filters(province=("Zabul", "Ghazni"), date_from=date(2025, 1, 1), date_to=date(2025, 1, 31))
    with db.engine.connect() as conn:
        facet_cache.clear()
        got = province_facet(conn, f, limit=3)
        facet_cache.clear()
        everything = province_facet(conn, f, limit=None)
    assert got == ProvinceFacet([("Zabul", 1), ("Ghazni", 0)], [("Helmand", 5), ("Bajaur", 3), ("Khost", 3)], 6)
    assert got.truncated
    assert everything.top == [("Helmand", 5), ("Bajaur", 3), ("Khost", 3), ("Kunar", 3), ("Paktika", 1)]
    assert everything.ranked == [("Helmand", 5), ("Bajaur", 3), ("Khost", 3), ("Kunar", 3), ("Paktika", 1),
                                 ("Zabul", 1)]


def test_an_empty_database_and_an_empty_window(sqlite_only: Database) -> None:
    db = sqlite_only
    with db.engine.connect() as conn:
        facet_cache.clear()
        assert province_facet(conn, Filters(date_from=date(2025, 1, 1))) == ProvinceFacet([], [], 0)
    add_incidents(db, {"Kunar": 1}, day=date(2025, 1, 10))
    with db.engine.connect() as conn:
        facet_cache.clear()
        window = Filters(province=("Kunar",), date_from=date(2026, 1, 1), date_to=date(2026, 1, 2))
        assert province_facet(conn, window) == ProvinceFacet([("Kunar", 0)], [], 0)


@contextmanager
def _reads(db: Database) -> Iterator[list[str]]:
    """Which reads of facet_day's province rows the block made: "all" or "since" (the changed rows)."""
    seen: list[str] = []

    def grab(_c: object, _cur: object, statement: str, *_: object) -> None:
        if statement.startswith(province_counts.ROWS):
            seen.append("since" if "stamp >" in statement else "all")

    event.listen(db.engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", grab)


def _clock(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        epoch, stamp = conn.execute(text("SELECT epoch, stamp FROM facet_clock WHERE id = 1")).one()
        return int(epoch), int(stamp)
