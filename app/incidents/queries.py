"""Read-only queries behind the dashboard: the filtered incident list, timeline points (facets: facets.py).

They select the columns they show (no ORM objects) and lean on the covering indexes of
incident_province, incident_party and claim: docs/performance.md measured why.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from sqlalchemy import Select, and_, bindparam, case, func, literal_column, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.elements import ColumnElement

from app.articles.models import Article
from app.claims.models import Claim
from app.incidents import rawsql
from app.incidents.filters import Filters
from app.incidents.models import (
    UNDATED,
    FacetDay,
    FacetMonth,
    FacetTotal,
    Incident,
    IncidentParty,
    IncidentProvince,
)
from app.parties.models import Party

I = Incident.__table__  # type: ignore[attr-defined]  # noqa: E741
IP = IncidentProvince.__table__  # type: ignore[attr-defined]
IPA = IncidentParty.__table__  # type: ignore[attr-defined]
C = Claim.__table__  # type: ignore[attr-defined]
A = Article.__table__  # type: ignore[attr-defined]
FD = FacetDay.__table__  # type: ignore[attr-defined]
FT = FacetTotal.__table__  # type: ignore[attr-defined]
FM = FacetMonth.__table__  # type: ignore[attr-defined]
AFTER_UNDATED = UNDATED + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """One line of the incident list (an object, not a dict: Jinja renders attributes faster)."""

    id: int
    title: str
    summary: str
    first_date: date | None
    last_date: date | None
    provinces: list[str]
    parties: list[str]
    headline: str
    headline_data: dict[str, Any]
    discrepancy: float
    contested: bool
    claim_count: int
    article_count: int
    outlet_count: int
    grade: str
    grade_override: str | None
    open_flags: int
    last_reported: date | None


COLUMNS = [I.c.id, I.c.title, I.c.summary, I.c.first_date, I.c.last_date, I.c.provinces, I.c.parties,
           I.c.headline, I.c.headline_data, I.c.discrepancy, I.c.contested, I.c.claim_count,
           I.c.article_count, I.c.outlet_count, I.c.grade, I.c.grade_override, I.c.open_flags, I.c.last_reported]
# How the list's columns come back from SQLite's own connection (rawsql.fetch), in COLUMNS order.
_ROW = rawsql.converter(COLUMNS)


def search_condition(conn: Connection, q: str) -> ColumnElement[bool]:
    """Incidents with a claim from an article matching the free-text search `q`."""
    if conn.dialect.name == "sqlite":
        # FTS5 has its own query syntax; quoting every word makes any user text a valid query.
        words = ['"' + w.replace('"', '""') + '"' for w in q.split()]
        articles: Select[Any] = select(literal_column("rowid")).select_from(text("article_fts")).where(
            text("article_fts MATCH :fts_q").bindparams(bindparam("fts_q", " ".join(words)))
        )
    else:
        vector = func.to_tsvector("english", func.coalesce(A.c.title, "") + " " + A.c.text)
        articles = select(A.c.id).where(vector.op("@@")(func.websearch_to_tsquery("english", bindparam("q", q))))
    return I.c.id.in_(select(C.c.incident_id).where(C.c.article_id.in_(articles)))


def in_provinces(f: Filters) -> Select[Any]:
    """The ids of the incidents in f's provinces within f's dates (incident_province carries a copy
    of each incident's first date, so the window needs no look at `incident`)."""
    sub = select(IP.c.incident_id).where(IP.c.province.in_(bindparam("province", list(f.province), expanding=True)))
    if f.date_from:
        sub = sub.where(IP.c.first_date >= bindparam("date_from", f.date_from))
    if f.date_to:
        sub = sub.where(IP.c.first_date <= bindparam("date_to", f.date_to))
    return sub


def conditions(conn: Connection, f: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions on `incident` for the filters.

    Every value is a named bind parameter (those of bind_values()), so that a statement built for one
    view serves every view of the same shape (see _statement).
    """
    where: list[ColumnElement[bool]] = []
    if f.province:
        where.append(I.c.id.in_(in_provinces(f)))
    if f.date_from:
        where.append(I.c.first_date >= bindparam("date_from", f.date_from))
    if f.date_to:
        where.append(I.c.first_date <= bindparam("date_to", f.date_to))
    for role, value in (("claimant", f.claimant), ("subject", f.subject), ("metric", f.metric)):
        if value:
            where.append(I.c.id.in_(select(IPA.c.incident_id).where(
                IPA.c.role == role, IPA.c.party == bindparam(role, value))))
    if f.contested:
        where.append(I.c.contested.is_(True))
    if f.flagged:
        where.append(I.c.open_flags > 0)
    if f.q:
        where.append(search_condition(conn, f.q))
    return where


def bind_values(conn: Connection, f: Filters) -> Mapping[str, Any]:
    """The values of the named bind parameters that the statements for `f` hold (conditions(),
    _scoped(), the facet roll-ups), to run a statement built for another view of the same shape.

    Read-only: a view's statements all ask for them, so they are worked out once per view."""
    return _bind_values(conn.dialect.name, f)


@lru_cache(maxsize=256)
def _bind_values(dialect: str, f: Filters) -> Mapping[str, Any]:
    # (Filters' equality leaves out the page and the order, which no bind value depends on.)
    values: dict[str, Any] = {"province": list(f.province), "chosen": list(f.province), "date_from": f.date_from,
                              "date_to": f.date_to, "claimant": f.claimant, "subject": f.subject, "metric": f.metric}
    if f.q:
        if dialect == "sqlite":
            values["fts_q"] = " ".join('"' + w.replace('"', '""') + '"' for w in f.q.split())
        else:
            values["q"] = f.q
    values.update(_month_window(f)[1])
    return MappingProxyType(values)


def shape(conn: Connection, f: Filters) -> tuple[object, ...]:
    """What the SQL for `f` depends on besides the values of bind_values()."""
    return _shape(conn.dialect.name, f)


@lru_cache(maxsize=256)
def _shape(dialect: str, f: Filters) -> tuple[object, ...]:
    return (dialect, bool(f.province), f.date_from is not None, f.date_to is not None, bool(f.claimant),
            bool(f.subject), bool(f.metric), f.contested, f.flagged, bool(f.q), _month_window(f)[0])


# Building a statement and its cache key costs more Python than running it (a third of a cold view's
# CPU, measured with py-spy): statements are built once per shape of the filters and run with the
# view's values. Few shapes exist (which filters are set), so the dict stays small.
_statements: dict[tuple[object, ...], Any] = {}


def _statement(key: tuple[object, ...], build: Any) -> Any:
    """The statement `build()` makes, built once per `key` (which must name everything it depends on)."""
    stmt = _statements.get(key)
    if stmt is None:
        if len(_statements) > 4096:
            _statements.clear()
        stmt = _statements[key] = build()
    return stmt


def _filtered(conn: Connection, f: Filters, *columns: Any) -> Select[Any]:
    stmt = select(*columns).select_from(I)
    where = conditions(conn, f)
    return stmt.where(and_(*where)) if where else stmt


def order(sort: str) -> list[Any]:
    """The ORDER BY of a sort= value (app.incidents.filters.SORTS); ties go to the newest event."""
    newest = [I.c.first_date.desc().nulls_last(), I.c.id.desc()]
    if sort == "disagreement":
        return [I.c.discrepancy.desc(), I.c.contested.desc(), *newest]
    if sort == "sources":
        return [I.c.outlet_count.desc(), I.c.article_count.desc(), *newest]
    if sort == "reported":
        return [I.c.last_reported.desc().nulls_last(), *newest]
    return newest


def list_incidents(conn: Connection, f: Filters, *, page_size: int) -> tuple[list[IncidentRow], int]:
    """One page of incidents in the order f.sort names and the number of incidents the filters match."""
    values = bind_values(conn, f)
    offset = (f.page - 1) * page_size
    stmt = _statement(("list", *shape(conn, f), f.sort), lambda: (
        _filtered(conn, f, *COLUMNS)
        .order_by(*order(f.sort))
        .limit(bindparam("limit", page_size))
        .offset(bindparam("offset", 0))
    ))
    rows = rawsql.fetch(conn, stmt, {**values, "limit": page_size, "offset": offset})
    if 0 < len(rows) < page_size or (not rows and offset == 0):
        total = offset + len(rows)  # the last page: what it holds is all there is to count
    else:
        counting = _statement(("count", *shape(conn, f)), lambda: _filtered(conn, f, func.count()))
        total = int(rawsql.fetch(conn, counting, values)[0][0])
    if conn.dialect.name != "sqlite":
        return [IncidentRow(*row) for row in rows], total
    return [IncidentRow(*_ROW(row)) for row in rows], total


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """What the timeline plots of one incident."""

    id: int
    title: str
    first_date: date
    headline_data: dict[str, Any]


TIMELINE_LIMIT = 400


def timeline_points(conn: Connection, f: Filters, *, limit: int = TIMELINE_LIMIT,
                    listed: tuple[list[IncidentRow], int] | None = None) -> list[TimelinePoint]:
    """The latest `limit` dated incidents the filters match, for the timeline chart.

    `listed` is the page list_incidents gave for `f` (rows, total): when its first page holds every
    incident the filters match (most first views do), the points are taken from it, not queried again.
    """
    if listed is not None and f.page == 1 and listed[1] <= len(listed[0]):
        points = [TimelinePoint(r.id, r.title, r.first_date, r.headline_data) for r in listed[0]
                  if r.first_date is not None]
        points.sort(key=lambda p: (p.first_date, p.id), reverse=True)
        return points[:limit]
    def build() -> Select[Any]:
        stmt = (
            _filtered(conn, f, I.c.id, I.c.title, I.c.first_date, I.c.headline_data)
            .where(I.c.first_date.is_not(None))
            .order_by(I.c.first_date.desc(), I.c.id.desc())
            .limit(bindparam("limit", limit))
        )
        if conn.dialect.name != "sqlite":
            return stmt
        # Up to 400 rows packed in one JSON row (see _counts: one hand-over of Python's lock, not
        # 400, and one JSON parse instead of one per row), ordered again below as the query ordered them.
        rows = stmt.subquery()
        return select(func.json_group_array(func.json_array(
            rows.c.id, rows.c.title, rows.c.first_date, func.json(rows.c.headline_data))))

    stmt = _statement(("timeline", *shape(conn, f)), build)
    values = {**bind_values(conn, f), "limit": limit}
    if conn.dialect.name != "sqlite":
        return [TimelinePoint(*row) for row in conn.execute(stmt, values)]
    packed = rawsql.fetch(conn, stmt, values)[0][0]
    points = [TimelinePoint(i, t, date.fromisoformat(d), h) for i, t, d, h in rawsql.loaded(packed)]
    points.sort(key=lambda p: (p.first_date, p.id), reverse=True)
    return points


class _Cache:
    """Facet counts cost a scan; keep them briefly, and drop them whenever this process writes.

    Views are evicted oldest first once `size` are held; entries put with `pinned` (a few per
    database, such as its known parties, which every view reads) are not, so a stream of new
    views does not push them out.
    """

    def __init__(self, ttl: float = 15.0, size: int = 256) -> None:
        self.ttl, self.size = ttl, size
        # OrderedDict: dropping the oldest is O(1) (a dict's first key is found by skipping the
        # holes that earlier deletions at its front left).
        self.data: OrderedDict[tuple[object, ...], tuple[float, Any]] = OrderedDict()
        self.pinned: dict[tuple[object, ...], tuple[float, Any]] = {}

    def get(self, key: tuple[object, ...]) -> Any:
        hit = self.data.get(key) or self.pinned.get(key)
        if hit and time.monotonic() - hit[0] < self.ttl:
            return hit[1]
        return None

    def put(self, key: tuple[object, ...], value: Any, *, pinned: bool = False) -> None:
        if pinned:
            self.pinned[key] = (time.monotonic(), value)
            return
        while len(self.data) >= self.size:
            try:
                self.data.popitem(last=False)  # the oldest entry
            except KeyError:  # another thread emptied it meanwhile
                break
        self.data[key] = (time.monotonic(), value)

    def clear(self) -> None:
        self.data.clear()
        self.pinned.clear()


facet_cache = _Cache()


def _month_window(f: Filters) -> tuple[str, dict[str, date | None]]:
    """Which parts a window of f's dates reads (_rolled_up_counts), and their bounds: w_first, the
    first day; w_start, the first whole month's first day; w_end, the first day after the last
    whole month (None: no bound)."""
    if not (f.date_from or f.date_to):
        return "totals", {}
    first = max(f.date_from or AFTER_UNDATED, AFTER_UNDATED)
    start = first if first.day == 1 else _month_after(first)
    end: date | None
    if f.date_to is None or f.date_to == date.max:
        end = None
    elif (f.date_to + timedelta(days=1)).day == 1:  # the last day of its month
        end = _month_after(f.date_to)
    else:
        end = f.date_to.replace(day=1)
    values = {"w_first": first, "w_start": start, "w_end": end}
    if start is None or (end is not None and end <= start):
        return "days", values
    if end is None:
        return "months", values
    return ("months and both ends" if f.date_to is not None and end <= f.date_to else "months and first end"), values


def _month_after(day: date) -> date | None:
    """The first day of the month after `day`'s (None in the calendar's last month)."""
    if (day.year, day.month) == (date.max.year, 12):
        return None
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def known_parties(conn: Connection) -> set[str]:
    """The party ids the database knows (every claimant has a row in `party`), to validate filters."""
    key = ("parties", str(conn.engine.url))
    cached = facet_cache.get(key)
    if cached is None:
        cached = frozenset(str(p) for (p,) in conn.execute(select(Party.__table__.c.id)))  # type: ignore[attr-defined]
        facet_cache.put(key, cached, pinned=True)
    return set(cached)


def known_parties_of(engine: Engine) -> set[str]:
    """known_parties, without taking a connection from the pool while they are cached."""
    cached = facet_cache.get(("parties", str(engine.url)))
    if cached is not None:
        return set(cached)
    with engine.connect() as conn:
        return known_parties(conn)


def incidents_by_province(conn: Connection, f: Filters) -> list[tuple[str, int, int]]:
    """(province, incidents, contested incidents) within the filters, for the provinces page."""
    ids = _filtered(conn, replace(f, province=()), I.c.id, I.c.contested).subquery()
    stmt = (
        select(IP.c.province, func.count(), func.sum(case((ids.c.contested, 1), else_=0)))
        .join(ids, ids.c.id == IP.c.incident_id)
        .group_by(IP.c.province)
        .order_by(func.count().desc())
    )
    return [(str(p), int(n), int(k or 0)) for p, n, k in conn.execute(stmt)]

