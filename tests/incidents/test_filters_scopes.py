"""Filters.without and Filters.beyond_dates: a facet's scope, and whether more than dates narrow a view."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.incidents.filters import DEFAULT_SORT, UNSET, Filters

FULL = Filters(province=("Kunar", "Khost"), date_from=date(2024, 1, 1), date_to=date(2024, 3, 31),
               claimant="pakistan", subject="afghanistan", metric="killed", contested=True, flagged=True,
               q="border", page=4, sort="sources")


@pytest.mark.parametrize("name", list(UNSET))
def test_without_unsets_one_filter_and_keeps_the_others(name: str) -> None:
    scope = FULL.without(name)
    assert getattr(scope, name) == getattr(Filters(), name)
    for other in UNSET:
        if other != name:
            assert getattr(scope, other) == getattr(FULL, other), other
    assert (scope.page, scope.sort) == (1, DEFAULT_SORT)


def test_without_gives_page_one_whatever_page_was_asked_first() -> None:
    """The scopes are cached per filters, whose equality leaves out the page and the order."""
    assert Filters(province=("Kunar",), page=7).without("claimant").page == 1
    assert Filters(province=("Kunar",), page=2, sort="reported").without("claimant") == Filters(province=("Kunar",))
    assert Filters(province=("Kunar",), page=2).without("claimant").page == 1


def test_unset_is_every_filter_and_the_value_that_narrows_nothing() -> None:
    assert UNSET == {"province": (), "date_from": None, "date_to": None, "claimant": None, "subject": None,
                     "metric": None, "contested": False, "flagged": False, "q": None}
    assert not Filters(**UNSET).active  # type: ignore[arg-type]


@pytest.mark.parametrize("name", list(UNSET))
def test_beyond_dates_is_active_with_the_dates_taken_out(name: str) -> None:
    one = replace(Filters(), **{name: getattr(FULL, name)})
    assert one.beyond_dates == replace(one, date_from=None, date_to=None).active
    assert one.beyond_dates == (name not in ("date_from", "date_to"))
