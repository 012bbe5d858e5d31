"""bench-web names each statement it prints a plan for by what the statement is, not by its position."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bench.web import capture
from tests.conftest import Database
from tests.helpers import add_incidents, ingest_seeds

VIEWS = [
    {"province": ["Kunar"], "date_from": ["2025-01-01"], "date_to": ["2025-12-31"]},
    {},
    {"claimant": ["pakistan"]},
    {"q": ["soldiers"], "province": ["Kunar"]},
    {"date_from": ["2025-03-01"]},
]


@pytest.mark.parametrize("params", VIEWS, ids=lambda p: "&".join(p) or "home")
def test_every_statement_of_a_view_is_named(db: Database, params: dict[str, list[str]]) -> None:
    if db.kind != "sqlite":
        pytest.skip("the benchmark prints SQLite's plans")
    ingest_seeds(db)
    for i in range(60):  # more than a page, so the list's count runs too
        add_incidents(db, {"Kunar": 1}, day=date(2025, 3, 1) + timedelta(days=i))
    statements = capture.capture(db.url, params)
    names = [s.name for s in statements]
    assert "statement" not in names, [(s.name, s.sql[:120]) for s in statements if s.name == "statement"]
    assert names[:2] == ["known parties", "list"]
    assert capture.by_name(statements, "list").source == "list_incidents"
    assert {s.source for s in statements} >= {"known_parties", "list_incidents", "facets", "province_facet"}


def test_the_province_counts_reads_are_told_apart() -> None:
    """The read of the changed rows starts as the full read does: it must not be named as the full read."""
    from app.incidents import province_counts

    assert capture.kind(province_counts.SINCE) == "province counts: rows changed since"
    assert capture.kind(province_counts.ROWS).startswith("province counts read into memory")
    assert capture.kind(province_counts.CLOCK) == "clock of the province counts in memory"
