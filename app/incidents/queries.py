"""Read-only queries behind the dashboard: the filtered incident list, facets, timeline points.

They select the columns they show (no ORM objects) and lean on the covering indexes of
incident_province, incident_party and claim: docs/performance.md measured why.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, func, literal_column, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from app.articles.models import Article
from app.claims.models import Claim
from app.incidents.filters import Filters
from app.incidents.models import Incident, IncidentParty, IncidentProvince

I = Incident.__table__  # type: ignore[attr-defined]  # noqa: E741
IP = IncidentProvince.__table__  # type: ignore[attr-defined]
IPA = IncidentParty.__table__  # type: ignore[attr-defined]
C = Claim.__table__  # type: ignore[attr-defined]
A = Article.__table__  # type: ignore[attr-defined]


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


COLUMNS = [I.c.id, I.c.title, I.c.summary, I.c.first_date, I.c.last_date, I.c.provinces, I.c.parties,
           I.c.headline, I.c.headline_data, I.c.discrepancy, I.c.contested, I.c.claim_count,
           I.c.article_count, I.c.outlet_count]


def search_condition(conn: Connection, q: str) -> ColumnElement[bool]:
    """Incidents with a claim from an article matching the free-text search `q`."""
    if conn.dialect.name == "sqlite":
        # FTS5 has its own query syntax; quoting every word makes any user text a valid query.
        words = ['"' + w.replace('"', '""') + '"' for w in q.split()]
        articles: Select[Any] = select(literal_column("rowid")).select_from(text("article_fts")).where(
            text("article_fts MATCH :fts_q").bindparams(fts_q=" ".join(words))
        )
    else:
        vector = func.to_tsvector("english", func.coalesce(A.c.title, "") + " " + A.c.text)
        articles = select(A.c.id).where(vector.op("@@")(func.websearch_to_tsquery("english", q)))
    return I.c.id.in_(select(C.c.incident_id).where(C.c.article_id.in_(articles)))


def conditions(conn: Connection, f: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions on `incident` for the filters."""
    where: list[ColumnElement[bool]] = []
    if f.province:
        sub = select(IP.c.incident_id).where(IP.c.province.in_(f.province))
        if f.date_from:
            sub = sub.where(IP.c.first_date >= f.date_from)
        if f.date_to:
            sub = sub.where(IP.c.first_date <= f.date_to)
        where.append(I.c.id.in_(sub))
    if f.date_from:
        where.append(I.c.first_date >= f.date_from)
    if f.date_to:
        where.append(I.c.first_date <= f.date_to)
    for role, value in (("claimant", f.claimant), ("subject", f.subject)):
        if value:
            where.append(I.c.id.in_(select(IPA.c.incident_id).where(IPA.c.role == role, IPA.c.party == value)))
    if f.metric:
        where.append(I.c.id.in_(select(C.c.incident_id).where(C.c.metric == f.metric)))
    if f.contested:
        where.append(I.c.contested.is_(True))
    if f.q:
        where.append(search_condition(conn, f.q))
    return where


def _filtered(conn: Connection, f: Filters, *columns: Any) -> Select[Any]:
    stmt = select(*columns).select_from(I)
    where = conditions(conn, f)
    return stmt.where(and_(*where)) if where else stmt


def list_incidents(conn: Connection, f: Filters, *, page_size: int) -> tuple[list[IncidentRow], int]:
    """One page of incidents (newest first) and the number of incidents the filters match."""
    total = int(conn.execute(_filtered(conn, f, func.count())).scalar_one())
    stmt = (
        _filtered(conn, f, *COLUMNS)
        .order_by(I.c.first_date.desc().nulls_last(), I.c.id.desc())
        .limit(page_size)
        .offset((f.page - 1) * page_size)
    )
    return [IncidentRow(*row) for row in conn.execute(stmt)], total


def timeline_points(conn: Connection, f: Filters, *, limit: int = 2000) -> list[IncidentRow]:
    """The dated incidents the filters match, newest first, for the timeline chart."""
    stmt = (
        _filtered(conn, f, *COLUMNS)
        .where(I.c.first_date.is_not(None))
        .order_by(I.c.first_date.desc(), I.c.id.desc())
        .limit(limit)
    )
    return [IncidentRow(*row) for row in conn.execute(stmt)]


class _Cache:
    """Facet counts cost a scan; keep them briefly, and drop them whenever this process writes."""

    def __init__(self, ttl: float = 15.0, size: int = 256) -> None:
        self.ttl, self.size = ttl, size
        self.data: dict[tuple[object, ...], tuple[float, Any]] = {}

    def get(self, key: tuple[object, ...]) -> Any:
        hit = self.data.get(key)
        if hit and time.monotonic() - hit[0] < self.ttl:
            return hit[1]
        return None

    def put(self, key: tuple[object, ...], value: Any) -> None:
        if len(self.data) >= self.size:
            self.data.clear()
        self.data[key] = (time.monotonic(), value)

    def clear(self) -> None:
        self.data.clear()


facet_cache = _Cache()


def facets(conn: Connection, f: Filters) -> dict[str, list[tuple[str, int]]]:
    """Incident counts per province, claimant and subject within the filtered set (Datasette-style).

    Each facet is counted with its own filter left out, so the other values stay selectable.
    """
    key = (str(conn.engine.url), *f.cache_key())
    cached = facet_cache.get(key)
    if cached is not None:
        return cached
    out: dict[str, list[tuple[str, int]]] = {}
    without_province = Filters(**{**_fields(f), "province": ()})
    ids = _filtered(conn, without_province, I.c.id)
    stmt = (
        select(IP.c.province, func.count())
        .where(IP.c.incident_id.in_(ids))
        .group_by(IP.c.province)
        .order_by(func.count().desc(), IP.c.province)
    )
    out["province"] = [(str(p), int(n)) for p, n in conn.execute(stmt)]
    for role in ("claimant", "subject"):
        scoped = Filters(**{**_fields(f), role: None})
        ids = _filtered(conn, scoped, I.c.id)
        stmt = (
            select(IPA.c.party, func.count())
            .where(IPA.c.role == role, IPA.c.incident_id.in_(ids))
            .group_by(IPA.c.party)
            .order_by(func.count().desc(), IPA.c.party)
        )
        out[role] = [(str(p), int(n)) for p, n in conn.execute(stmt)]
    facet_cache.put(key, out)
    return out


def _fields(f: Filters) -> dict[str, Any]:
    return {name: getattr(f, name) for name in f.__dataclass_fields__}


def known_values(conn: Connection) -> tuple[set[str], set[str]]:
    """(provinces, parties) that appear in incidents, to validate filter values against."""
    key = ("known", str(conn.engine.url))
    cached = facet_cache.get(key)
    if cached is not None:
        return cached
    provinces = {str(p) for (p,) in conn.execute(select(IP.c.province).distinct())}
    parties = {str(p) for (p,) in conn.execute(select(IPA.c.party).distinct())}
    facet_cache.put(key, (provinces, parties))
    return provinces, parties


def incidents_by_province(conn: Connection, f: Filters) -> list[tuple[str, int, int]]:
    """(province, incidents, contested incidents) within the filters, for the provinces page."""
    ids = _filtered(conn, Filters(**{**_fields(f), "province": ()}), I.c.id, I.c.contested).subquery()
    stmt = (
        select(IP.c.province, func.count(), func.sum(case((ids.c.contested, 1), else_=0)))
        .join(ids, ids.c.id == IP.c.incident_id)
        .group_by(IP.c.province)
        .order_by(func.count().desc())
    )
    return [(str(p), int(n), int(k or 0)) for p, n, k in conn.execute(stmt)]

