"""Facet counts of the dashboard: incidents per province, claimant, subject and metric within a view.

Each facet is counted with its own filter left out (Datasette-style). Counts narrowed by dates only
come from the roll-ups (facet_total, facet_month, facet_day) that triggers keep in the writing
transaction; other views count incident_province / incident_party within the filtered incidents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, bindparam, case, func, select, union_all
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from app.incidents import province_counts, rawsql
from app.incidents.filters import Filters
from app.incidents.queries import (
    AFTER_UNDATED,
    FD,
    FM,
    FT,
    IP,
    IPA,
    I,
    _filtered,
    _month_window,
    _statement,
    bind_values,
    facet_cache,
    in_provinces,
    shape,
)


def facets(conn: Connection, f: Filters, *, province_limit: int | None = None) -> dict[str, list[tuple[str, int]]]:
    """Incident counts per province, claimant, subject and metric within the filtered set (Datasette-style).

    Each facet is counted with its own filter left out, so the other values stay selectable. With
    `province_limit`, the province facet is the one province_facet() gives (the selected provinces,
    then that many others, the largest counts first); without, every province with incidents in the view.
    """
    key = (str(conn.engine.url), province_limit, *f.cache_key())
    cached = facet_cache.get(key)
    if cached is not None:
        return cached
    out: dict[str, list[tuple[str, int]]] = {}
    scopes = {facet: f.without(facet) for facet in ("province", "claimant", "subject", "metric")}
    roles = ("claimant", "subject", "metric")
    shared = scopes["claimant"]
    if not (f.claimant or f.subject or f.metric) and shared.beyond_dates:
        # No party or metric filter: the three party-table facets share one scope, so one query
        # (the filtered incidents looked up once) counts them all.
        stmt = _statement(("party facets", *shape(conn, shared)), lambda: _scoped(conn, (
            select(IPA.c.role, IPA.c.party, func.count())
            .where(IPA.c.role.in_(roles))
            .group_by(IPA.c.role, IPA.c.party)
            .order_by(IPA.c.role, func.count().desc(), IPA.c.party)
        ), IPA, shared))
        for role in roles:
            out[role] = []
        for role, party, n in rawsql.fetch(conn, stmt, bind_values(conn, f)):
            out[str(role)].append((str(party), int(n)))
    province = province_facet(conn, f, limit=province_limit)
    out["province"] = province.shown if province_limit is not None else province.ranked
    for facet, scope in scopes.items():
        if facet in out:
            continue
        if not scope.beyond_dates:
            # Nothing but dates narrows this facet: sum the daily roll-up instead of counting incidents.
            out[facet] = _rolled_up(conn, facet, scope)
            continue
        stmt = _statement((facet, *shape(conn, scope)), lambda facet=facet, scope=scope: _scoped(conn, (
            select(IPA.c.party, func.count())
            .where(IPA.c.role == facet)
            .group_by(IPA.c.party)
            .order_by(func.count().desc(), IPA.c.party)
        ), IPA, scope))
        out[facet] = [(str(p), int(n)) for p, n in rawsql.fetch(conn, stmt, bind_values(conn, f))]
    out = {facet: out[facet] for facet in scopes}  # always in the same order
    facet_cache.put(key, out)
    return out


PROVINCE_FACET_TOP = 20


@dataclass(frozen=True, slots=True)
class ProvinceFacet:
    """The province facet of a view: the selected provinces with their counts (0 when none), then
    the other provinces with the largest counts (at most the limit asked for), and how many provinces
    have incidents in the view in all."""

    selected: list[tuple[str, int]]
    top: list[tuple[str, int]]
    total: int

    @property
    def shown(self) -> list[tuple[str, int]]:
        """What the facet lists: the selected provinces first, then the others."""
        return self.selected + self.top

    @property
    def ranked(self) -> list[tuple[str, int]]:
        """The provinces with incidents, the largest count first (then by name)."""
        return sorted((vn for vn in self.shown if vn[1] > 0), key=lambda vn: (-vn[1], vn[0]))

    @property
    def truncated(self) -> bool:
        """True when some provinces with incidents in the view are not listed."""
        return sum(1 for _, n in self.shown if n > 0) < self.total


def province_facet(conn: Connection, f: Filters, *, limit: int | None = PROVINCE_FACET_TOP) -> ProvinceFacet:
    """Incident counts per province within the filtered set (the province filter left out): every
    selected province, then at most `limit` others (all with None), the largest count first.

    One query: the provinces are counted (from the daily roll-up when only dates narrow the view),
    then ordered with the selected ones first and cut to size in the database, and the number of
    provinces with incidents comes back on the same rows (a window count taken before the LIMIT).
    """
    key = ("province", str(conn.engine.url), limit, *f.cache_key())
    cached = facet_cache.get(key)
    if cached is not None:
        return cached
    scope = f.without("province")
    chosen = f.province
    dates_only = not scope.beyond_dates
    if dates_only:
        # Narrowed by dates only: the window's counts from the running totals in memory (SQLite).
        snapshot = province_counts.for_connection(conn)
        if snapshot is not None:
            window = snapshot.counts(f.date_from, f.date_to)
            result = ProvinceFacet([(name, snapshot.count_of(window, name)) for name in chosen],
                                   snapshot.ranked(window, limit, frozenset(chosen)),
                                   int((window > 0).sum()))
            facet_cache.put(key, result)
            return result

    def build() -> Select[Any]:
        if dates_only:
            counted = _rolled_up_counts(conn, "province", scope)
        else:
            counted = _scoped(conn, select(IP.c.province, func.count()).group_by(IP.c.province), IP, scope)
        rows = counted.subquery()
        value, n = rows.c
        first = [case((value.in_(bindparam("chosen", list(chosen), expanding=True)), 0), else_=1)] if chosen else []
        stmt = select(value, n, func.count().over()).where(n > 0).order_by(*first, n.desc(), value)
        return stmt if limit is None else stmt.limit(bindparam("limit", limit + len(chosen)))

    stmt = _statement(("province facet", *shape(conn, scope), bool(chosen), limit is None), build)
    values = {**bind_values(conn, f), "limit": (limit or 0) + len(chosen)}
    found = [(str(v), int(k), int(total)) for v, k, total in rawsql.fetch(conn, stmt, values)]
    counts = {v: k for v, k, _ in found}
    selected = [(name, counts.get(name, 0)) for name in chosen]
    top = [(v, k) for v, k, _ in found if v not in chosen]
    if limit is not None:
        top = top[:limit]
    result = ProvinceFacet(selected, top, found[0][2] if found else 0)
    facet_cache.put(key, result)
    return result


def _rolled_up_counts(conn: Connection, facet: str, f: Filters) -> Select[Any]:
    """(value, count) per value of `facet` within f's dates, in no order: without dates the running
    totals (facet_total); with dates the window's whole months from facet_month and the days at its
    two ends from facet_day, summed per value.

    A quarter of ~1,000 provinces is ~8,500 rows of facet_day but ~4,500 of months and end days,
    and the grouping (a temporary B-tree on SQLite) costs per row (README, bench-web, for the
    figures); a year is 32,000 rows against ~14,000.
    """
    if not (f.date_from or f.date_to):
        return select(FT.c.value, FT.c.incidents).where(FT.c.facet == facet)
    parts_, values = _month_window(f)
    day = FD.c.day

    def days(*where: ColumnElement[bool]) -> Select[Any]:
        return select(FD.c.value, FD.c.incidents).where(FD.c.facet == facet, *where)

    if parts_ == "days":  # no whole month inside: days only
        parts = [days(*_window(FD, f, named=True))]
    else:
        months = select(FM.c.value, FM.c.incidents).where(FM.c.facet == facet,
                                                          FM.c.month >= bindparam("w_start", values["w_start"]))
        parts = [months, days(day >= bindparam("w_first", values["w_first"]),
                              day < bindparam("w_start", values["w_start"]))]
        if parts_ in ("months and both ends", "months and first end"):
            parts[0] = months.where(FM.c.month < bindparam("w_end", values["w_end"]))
        if parts_ == "months and both ends":
            parts.append(days(day >= bindparam("w_end", values["w_end"]), day <= bindparam("date_to", f.date_to)))
    rows = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    return select(rows.c.value, func.sum(rows.c.incidents)).group_by(rows.c.value)


def _rolled_up(conn: Connection, facet: str, f: Filters) -> list[tuple[str, int]]:
    """Incident counts per value of `facet` within f's dates, from the daily roll-up (facet_day),
    or without dates from the running totals (facet_total)."""
    def build() -> Select[Any]:
        if not (f.date_from or f.date_to):
            return select(FT.c.value, FT.c.incidents).where(FT.c.facet == facet)
        if conn.dialect.name == "sqlite":
            # SQLite groups through a temporary B-tree (about 1 µs a row: 5 ms for the ~8,000 rows of a
            # quarter's thousand provinces); one index range per value (facet_total lists them) costs less.
            day = FD.alias("d")
            n = (select(func.sum(day.c.incidents))
                 .where(day.c.facet == FT.c.facet, day.c.value == FT.c.value, *_window(day, f, named=True))
                 .scalar_subquery())
            return select(FT.c.value, n).where(FT.c.facet == facet)
        total = func.sum(FD.c.incidents)
        return select(FD.c.value, total).where(FD.c.facet == facet, *_window(FD, f, named=True)).group_by(FD.c.value)

    key = ("rolled up", facet, conn.dialect.name, f.date_from is not None or f.date_to is not None,
           f.date_to is not None)
    return _counts(conn, key, build, bind_values(conn, f))


def _counts(conn: Connection, key: tuple[object, ...], build: Any, values: Mapping[str, Any]) -> list[tuple[str, int]]:
    """The (value, count) rows of the statement `build()` makes (built once per `key`, run with
    `values`) whose count is above 0, the largest count first (then by value).

    On SQLite the rows come back packed in one JSON array: sqlite3 lets go of Python's lock for each
    row it steps, and a thousand hand-overs among busy threads cost more than the query. Filtered and
    ordered here, not in SQL, where SQLite would copy a correlated count into the WHERE and ORDER BY and
    run it three times. (Python orders strings by code point, SQLite's BINARY collation by UTF-8
    bytes: the same order.)
    """
    def counted() -> Select[Any]:
        rows = build().subquery()
        value, n = rows.c
        if conn.dialect.name != "sqlite":  # ordered by the database's collation, as before
            return select(value, n).where(n > 0).order_by(n.desc(), value)
        return select(func.json_group_array(func.json_array(value, n)))

    stmt = _statement(("counts", *key), counted)
    if conn.dialect.name != "sqlite":
        return [(str(v), int(k)) for v, k in rawsql.fetch(conn, stmt, values)]
    packed = rawsql.fetch(conn, stmt, values)[0][0]
    found = [(str(v), int(k)) for v, k in rawsql.loaded(packed) if k]
    found.sort(key=lambda vk: (-vk[1], vk[0]))
    return found


def _window(table: Any, f: Filters, *, named: bool = False) -> list[ColumnElement[bool]]:
    """The days of facet_day (or an alias of it) within f's dates; never the undated incidents' day.

    One lower bound only: given two (day > UNDATED and day >= date_from), SQLite may seek from the
    smaller one and read every earlier day. With `named`, the bounds are the bind parameters w_first
    and date_to (bind_values()).
    """
    first = max(f.date_from or AFTER_UNDATED, AFTER_UNDATED)
    out = [table.c.day >= (bindparam("w_first", first) if named else first)]
    if f.date_to:
        out.append(table.c.day <= (bindparam("date_to", f.date_to) if named else f.date_to))
    return out


def _scoped(conn: Connection, stmt: Select[Any], table: Any, f: Filters) -> Select[Any]:
    """A facet count over `table` (incident_province or incident_party) narrowed to the filters.

    Both tables carry a copy of the incident's first date, so date-only filters need no join;
    without filters the count runs on the table alone. Narrowed by more than dates, the count
    takes the filtered incidents' ids and reads nothing but the table's primary key: the dates are
    in the subquery (it then starts from the most selective index: a province's incidents in the
    window, a party's ...), and repeated on the table they would cost a lookup of each of its rows
    (a first view of one province over a quarter: ~110 rows of incident_party, 0.27 → 0.18 ms, mean of
    1,800 views in-process; 0.12 ms with the ids taken straight from incident_province).
    """
    if f.beyond_dates:
        if not f.without("province").beyond_dates:
            # Provinces and dates only: the ids straight from incident_province (a look at each
            # incident for its date again cost as much as the count).
            return stmt.where(table.c.incident_id.in_(in_provinces(f)))
        return stmt.where(table.c.incident_id.in_(_filtered(conn, replace(f, page=1), I.c.id)))
    if f.date_from:
        stmt = stmt.where(table.c.first_date >= bindparam("date_from", f.date_from))
    if f.date_to:
        stmt = stmt.where(table.c.first_date <= bindparam("date_to", f.date_to))
    return stmt
