"""The dashboard's filters: parsed strictly from the URL, with messages a person can act on."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from app.errors import Invalid
from app.extraction.types import METRICS

PARTY_ID = re.compile(r"^[a-z][a-z_]{1,63}$")
PAGE = re.compile(r"[0-9]{1,6}")
MAX_Q = 200
MAX_PROVINCES = 20
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}
KNOWN_PARAMS = {"province", "date_from", "date_to", "claimant", "subject", "metric", "contested", "flagged", "q",
                "page", "sort"}
# sort= values and what they mean, in the order the form offers them; the first is the default.
SORTS: dict[str, str] = {
    "date": "Event date",  # newest first
    "disagreement": "Disagreement",  # the parties' largest ratio first (see /about/figures#sorting)
    "sources": "Sources",  # most outlets, then most articles, first
    "reported": "Latest report",  # most recently reported first
}
DEFAULT_SORT = "date"


@dataclass(frozen=True, slots=True)
class Filters:
    """What the incident list is narrowed to; every field maps to one URL parameter."""

    province: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    claimant: str | None = None
    subject: str | None = None
    metric: str | None = None
    contested: bool = False
    flagged: bool = False  # only incidents with an open flag on them or on one of their figures
    q: str | None = None
    page: int = field(default=1, compare=False)
    sort: str = field(default=DEFAULT_SORT, compare=False)  # the order, not the set: facets ignore it

    def query(self, **changes: object) -> str:
        """The URL query string of these filters with `changes` applied (page reset unless given)."""
        # A page writes the same few queries several times (exports, pager, links): built once.
        return _query(self, self.page, self.sort, tuple(sorted(changes.items())))

    @property
    def active(self) -> bool:
        """True when any filter narrows the list."""
        return bool(self.province or self.date_from or self.date_to or self.claimant or self.subject
                    or self.metric or self.contested or self.flagged or self.q)

    @property
    def beyond_dates(self) -> bool:
        """True when anything but the dates narrows the list."""
        return bool(self.province or self.claimant or self.subject or self.metric or self.contested
                    or self.flagged or self.q)

    def without(self, name: str) -> Filters:
        """These filters with `name` unset, on page 1 in the default order: a facet's scope (each facet
        is counted with its own filter left out). Worked out once per view: dataclasses.replace
        costs several microseconds, and a view asks for each scope a few times."""
        return _without(self, name)

    def cache_key(self) -> tuple[object, ...]:
        """A hashable key of everything but the page."""
        return (self.province, self.date_from, self.date_to, self.claimant, self.subject, self.metric,
                self.contested, self.flagged, self.q)


# The value of each filter that narrows nothing: its default.
UNSET: dict[str, object] = {field_.name: field_.default for field_ in fields(Filters) if field_.compare}


@lru_cache(maxsize=1024)
def _without(filters: Filters, name: str) -> Filters:
    # The result's page and order are fixed, so a hit for filters equal but for those (which
    # Filters' equality leaves out) gives the same answer.
    return replace(filters, **{name: UNSET[name], "page": 1, "sort": DEFAULT_SORT})  # type: ignore[arg-type]


@lru_cache(maxsize=2048)
def _query(filters: Filters, page: int, sort: str, changes: tuple[tuple[str, object], ...]) -> str:
    """Filters.query; `page` and `sort` are in the key because Filters' equality leaves them out."""
    f = replace(filters, **{"page": 1, **dict(changes)})  # type: ignore[arg-type]
    pairs: list[tuple[str, str]] = [("province", p) for p in f.province]
    for name in ("date_from", "date_to"):
        value = getattr(f, name)
        if value:
            pairs.append((name, value.isoformat()))
    for name in ("claimant", "subject", "metric", "q"):
        value = getattr(f, name)
        if value:
            pairs.append((name, value))
    if f.contested:
        pairs.append(("contested", "1"))
    if f.flagged:
        pairs.append(("flagged", "1"))
    if f.sort != DEFAULT_SORT:
        pairs.append(("sort", f.sort))
    if f.page > 1:
        pairs.append(("page", str(f.page)))
    return urlencode(pairs)


def _one(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = [v.strip() for v in params.get(name, []) if v.strip()]
    if len(values) > 1:
        raise Invalid(f"{name} was given {len(values)} times; give it once.")
    return values[0] if values else None


def _date(params: Mapping[str, Sequence[str]], name: str) -> date | None:
    value = _one(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{name}: {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2025-10-11.") from None


def _party(params: Mapping[str, Sequence[str]], name: str, known: set[str] | None) -> str | None:
    value = _one(params, name)
    if value is None:
        return None
    value = value.lower()
    if not PARTY_ID.match(value):
        raise Invalid(f"{name}: {value!r} is not a party id (lower-case letters and _, e.g. pakistan).")
    if known is not None and value not in known:
        listed = ", ".join(sorted(known)) or "none yet"
        raise Invalid(f"{name}: no claim names {value!r}; known values: {listed}.")
    return value


@lru_cache(maxsize=4)
def _known_by_lower(names: frozenset[str]) -> dict[str, str]:
    return {name.lower(): name for name in names}


def _by_lower(names: AbstractSet[str]) -> dict[str, str]:
    """The names keyed by their lower case; built once for a frozenset (the gazetteer's thousand provinces)."""
    if isinstance(names, frozenset):
        return _known_by_lower(names)
    return {name.lower(): name for name in names}


def parse(
    params: Mapping[str, Sequence[str]],
    *,
    provinces: AbstractSet[str] | None = None,
    parties: set[str] | None = None,
) -> Filters:
    """Filters from a multi-valued query mapping; Invalid names the parameter and the fix.

    `provinces` and `parties` are the known values; when given, unknown ones are refused.
    """
    if "" in params:
        raise Invalid(f"The URL has a filter with no name (={params[''][0]!r}); write name=value, "
                      "e.g. province=Kunar.")
    unknown = sorted(set(params) - KNOWN_PARAMS)
    if unknown:
        raise Invalid(f"Unknown filter {', '.join(unknown)}; use: {', '.join(sorted(KNOWN_PARAMS))}.")
    chosen: list[str] = []
    for raw in params.get("province", []):
        value = " ".join(raw.split())
        if not value:
            continue
        if provinces is not None:
            match = _by_lower(provinces).get(value.lower())
            if match is None:
                raise Invalid(f"province: {value!r} is not a known province (e.g. Kunar, Khyber Pakhtunkhwa).")
            value = match
        if value not in chosen:
            chosen.append(value)
    if len(chosen) > MAX_PROVINCES:
        raise Invalid(f"province: at most {MAX_PROVINCES} provinces at once.")
    date_from, date_to = _date(params, "date_from"), _date(params, "date_to")
    if date_from and date_to and date_from > date_to:
        raise Invalid(
            f"date_from ({date_from.isoformat()}) is after date_to ({date_to.isoformat()}): \"From\" must be on or "
            "before \"To\". Swap the two dates or clear one of them."
        )
    metric = _one(params, "metric")
    if metric is not None and metric not in METRICS:
        raise Invalid(f"metric: {metric!r} is not a metric; use one of: {', '.join(METRICS)}.")
    contested_raw = (_one(params, "contested") or "").lower()
    if contested_raw not in TRUE | FALSE:
        raise Invalid(f"contested: {contested_raw!r} is not yes or no; use contested=1 or leave it out.")
    flagged_raw = (_one(params, "flagged") or "").lower()
    if flagged_raw not in TRUE | FALSE:
        raise Invalid(f"flagged: {flagged_raw!r} is not yes or no; use flagged=1 or leave it out.")
    q = _one(params, "q")
    if q is not None and any(ord(ch) < 32 for ch in q):
        raise Invalid("q: the search text contains control characters; type plain words.")
    if q is not None and len(q) > MAX_Q:
        raise Invalid(f"q: the search text is {len(q)} characters long; the limit is {MAX_Q}.")
    sort = (_one(params, "sort") or DEFAULT_SORT).lower()
    if sort not in SORTS:
        raise Invalid(f"sort: {sort!r} is not an order; use one of: {', '.join(SORTS)}.")
    page_raw = _one(params, "page") or "1"
    # Only ASCII digits: str.isdigit() also accepts '²' or '١', which int() refuses or reads differently.
    if not PAGE.fullmatch(page_raw) or not 1 <= int(page_raw) <= 100_000:
        raise Invalid(f"page: {page_raw!r} is not a page number (1, 2, ...).")
    return Filters(
        province=tuple(chosen),
        date_from=date_from,
        date_to=date_to,
        claimant=_party(params, "claimant", parties),
        subject=_party(params, "subject", parties | {"civilians", "militants"} if parties is not None else None),
        metric=metric,
        contested=contested_raw in TRUE,
        flagged=flagged_raw in TRUE,
        q=q,
        page=int(page_raw),
        sort=sort,
    )
