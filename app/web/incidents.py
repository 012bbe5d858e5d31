"""Incident pages: the home list with filters, facets and timeline; one incident's comparison."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qsl
from weakref import WeakKeyDictionary

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from markupsafe import Markup
from sqlalchemy.engine import Connection

from app.config import Settings
from app.errors import Invalid
from app.extraction.places import provinces as gazetteer
from app.incidents import facets as facets_
from app.incidents import filters as filters_
from app.incidents import queries, timeline
from app.incidents.context import incident_context, incident_json
from app.incidents.filters import Filters
from app.parties.service import display_name
from app.review.models import User
from app.templating import html_json, html_response, render, templates, wants_partial
from app.web import schemas
from app.web.auth import current_user, page_csrf, reader
from app.web.deps import DbSession, RecordId, get_settings

router = APIRouter()
T = TypeVar("T")
EXPORT_LIMIT = 50_000


PROVINCES = frozenset(p.name for p in gazetteer())
PARTY_FACETS = ("claimant", "subject", "metric")


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


# The filters are parsed from the raw query (app.incidents.filters, which knows the provinces and
# parties); they are documented here so the OpenAPI document, and the fuzz tests built from it,
# know them.
FILTER_PARAMETERS = {"parameters": [
    {**_param("province", "Province name, repeatable (e.g. Kunar)", {"type": "array", "items": {"type": "string"}}),
     "style": "form", "explode": True},
    _param("date_from", "First event date, YYYY-MM-DD", {"type": "string", "format": "date"}),
    _param("date_to", "Last event date, YYYY-MM-DD", {"type": "string", "format": "date"}),
    _param("claimant", "Party id of the claimant (e.g. pakistan)", {"type": "string"}),
    _param("subject", "Party id of whose count it is", {"type": "string"}),
    _param("metric", "One metric (killed, wounded, ...)", {"type": "string"}),
    _param("contested", "1 for contested incidents only", {"type": "string", "enum": ["", "0", "1"]}),
    _param("flagged", "1 for incidents with an open flag only", {"type": "string", "enum": ["", "0", "1"]}),
    _param("q", "Full-text search words", {"type": "string", "maxLength": 200}),
    _param("page", "Page number", {"type": "integer", "minimum": 1, "maximum": 100000}),
    _param("sort", "Order of the list: date (default), disagreement, sources or reported",
           {"type": "string", "enum": ["", "date", "disagreement", "sources", "reported"]}),
]}


def parse_filters(request: Request, *, options: frozenset[str] = frozenset()) -> Filters:
    """The request's filters, validated against the gazetteer's provinces and the known parties.

    `options` names parameters of the endpoint itself (not filters) that are let through.
    """
    params = {key: request.query_params.getlist(key) for key in request.query_params if key not in options}
    parties = queries.known_parties_of(request.app.state.engine)
    # Every province a claim can name comes from the gazetteer, so it is the list of known ones.
    return filters_.parse(params, provinces=PROVINCES, parties=parties | {"civilians", "militants"})


def list_context(request: Request, f: Filters, settings: Settings, *, chart: bool = False,
                 province_limit: int | None = facets_.PROVINCE_FACET_TOP) -> dict[str, Any]:
    """Everything the home page's list and its JSON twin show; with `chart`, the timeline too.

    The province facet lists the selected provinces and `province_limit` others (None: all of them).
    """
    with request.app.state.engine.connect() as conn:
        rows, total = queries.list_incidents(conn, f, page_size=settings.page_size)
        facets = facets_.facets(conn, f, province_limit=province_limit)
        province_facet = facets_.province_facet(conn, f, limit=province_limit)  # kept by facets()
        # Display names of parties (the province facet holds places, not parties).
        names = {p: display_name(p) for facet in PARTY_FACETS for p, _ in facets[facet]}
        timeline_json = _timeline_json(conn, f, names, listed=(rows, total)) if chart else None
    pages = max(1, -(-total // settings.page_size))
    return {
        "filters": f,
        "rows": rows,
        "total": total,
        "page": f.page,
        "pages": pages,
        "facets": facets,
        "province_facet": province_facet,
        "names": names,
        "timeline_json": timeline_json,
        "metrics": filters_.METRICS,
        "sorts": filters_.SORTS,
    }


def _timeline_json(conn: Connection, f: Filters, names: dict[str, str], *,
                   listed: tuple[list[queries.IncidentRow], int] | None = None) -> Markup:
    """The timeline figure as JSON safe inside <script>, cached with the facets (same key, same expiry);
    `listed`: the view's page of the list (queries.timeline_points)."""
    key = ("timeline", str(conn.engine.url), *f.cache_key())
    cached = queries.facet_cache.get(key)
    if cached is None:
        points = queries.timeline_points(conn, f, listed=listed)
        claimants = {c for r in points for c in (r.headline_data.get("figures") or {})}
        if f.metric:
            claimants |= {c for r in points for m in (r.headline_data.get("metrics") or {}).values()
                          for c in (m.get("figures") or {})}
        names = {**names, **{c: display_name(c) for c in claimants}}
        cached = html_json(timeline.figure(points, names, metric=f.metric))
        queries.facet_cache.put(key, cached)
    return Markup(cached)


@router.get("/", include_in_schema=False)
async def home(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User | None, Depends(reader)],
) -> Response:
    f = parse_filters(request)
    if not wants_partial(request) and any(not v.strip() for _, v in request.query_params.multi_items()):
        # A plain GET form sends its empty fields too (?q=&date_from=...): answer with the URL
        # of the same view without them, so that the address bar stays short and shareable.
        query = f.query(page=f.page)
        return RedirectResponse(f"/?{query}" if query else "/", status_code=303)
    # The list, facets and chart are the same for every reader (no token, no name in them):
    # rendered once per view and kept as long as the facet counts, dropped on every write.
    key = ("dashboard", str(request.app.state.engine.url), *f.cache_key(), f.page, f.sort)
    dashboard = queries.facet_cache.get(key)
    if dashboard is None:
        dashboard = await _cold(lambda: _dashboard(request, f, settings), light=_light(request, f))
        queries.facet_cache.put(key, dashboard)
    if wants_partial(request):
        response = html_response(dashboard)
    else:
        response = render(request, "incidents/list.html", {
            "dashboard": Markup(dashboard), "title": "Incidents", "nav": "incidents", "user": user,
            "csrf": page_csrf(request)})
    if request.headers.get("HX-Request") == "true":
        # The canonical URL of this view (no empty parameters) goes into the address bar.
        query = f.query(page=f.page)
        response.headers["HX-Push-Url"] = f"/?{query}" if query else "/"
    return response


@router.get("/facets/province", include_in_schema=False)
async def province_facet_page(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User | None, Depends(reader)],
) -> Response:
    """Every province with its incident count for the view the filters name (the home page lists
    the top ones only): the facet's fragment for htmx, otherwise a page with the same checkboxes in a
    form that applies them with the other filters kept."""
    f = parse_filters(request)
    key = ("province-facet", str(request.app.state.engine.url), *f.cache_key())
    fragment = queries.facet_cache.get(key)
    if fragment is None:
        fragment = await _cold(lambda: _province_fragment(request, f), light=_light(request, f))
        queries.facet_cache.put(key, fragment)
    if wants_partial(request):
        return html_response(fragment)
    # The other filters ride along as hidden fields, so applying the choice keeps the view.
    hidden = [(name, value) for name, value in parse_qsl(f.query()) if name != "province"]
    return render(request, "incidents/province_facet.html", {
        "facet": Markup(fragment), "hidden": hidden, "filters": f, "title": "Provinces",
        "nav": "incidents", "user": user, "csrf": page_csrf(request)})


def _province_fragment(request: Request, f: Filters) -> str:
    """The province facet for `f` with every province that has incidents in the view, rendered."""
    with request.app.state.engine.connect() as conn:
        facet = facets_.province_facet(conn, f, limit=None)
    return templates.env.get_template("incidents/_province_facet.html").render(
        {"province_facet": facet, "filters": f})


def _dashboard(request: Request, f: Filters, settings: Settings) -> str:
    """The home page's list, facets and chart for `f`, rendered."""
    context = list_context(request, f, settings, chart=True)
    return templates.env.get_template("incidents/_dashboard.html").render(context)


# Views nobody asked for in the last seconds are built on a few worker threads: SQLite leaves
# Python's lock while it counts, so one view's queries run on the second core while another view
# renders, and the event loop keeps answering cached views meanwhile. Few threads: more would only
# queue for Python's lock (docs/performance.md). A view of SQLite narrowed by provinces and dates
# only is built where it is asked for: its counts come from memory and the roll-ups (~1 ms of SQLite
# in ~4 ms), and handing it to a thread cost more than it saved (bench-web: 4.7 against 6.2 ms of
# CPU per view, 210 against 188 views/s).
_COLD_THREADS = 3
_cold_limiters: WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = WeakKeyDictionary()


def _light(request: Request, f: Filters) -> bool:
    """True for a view that is cheaper to build at once than on a worker thread (see above)."""
    return (request.app.state.engine.dialect.name == "sqlite"
            and not f.without("province").beyond_dates)


async def _cold(build: Callable[[], T], *, light: bool = False) -> T:
    """`build()` on one of _COLD_THREADS worker threads (per event loop: tests run several), or at
    once when `light`."""
    if light:
        return build()
    loop = asyncio.get_running_loop()
    limiter = _cold_limiters.get(loop)
    if limiter is None:
        limiter = _cold_limiters[loop] = anyio.CapacityLimiter(_COLD_THREADS)
    return await anyio.to_thread.run_sync(build, limiter=limiter)


async def _list_context(request: Request, f: Filters, settings: Settings, *, chart: bool = False,
                        province_limit: int | None = facets_.PROVINCE_FACET_TOP) -> dict[str, Any]:
    """list_context, built on the worker threads of views not in the cache."""
    return await _cold(lambda: list_context(request, f, settings, chart=chart, province_limit=province_limit),
                       light=_light(request, f))


def _row_json(row: queries.IncidentRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "url": f"/incidents/{row.id}",
        "title": row.title,
        "summary": row.summary,
        "first_date": row.first_date.isoformat() if row.first_date else None,
        "last_date": row.last_date.isoformat() if row.last_date else None,
        "provinces": row.provinces,
        "parties": row.parties,
        "headline": row.headline,
        "headline_figures": row.headline_data,
        "disagreement": round(row.discrepancy, 3),
        "contested": row.contested,
        "claims": row.claim_count,
        "articles": row.article_count,
        "outlets": row.outlet_count,
        "grade": row.grade_override or row.grade,
        "grade_computed": row.grade,
        "open_flags": row.open_flags,
        # The review state of each claimant's headline figure: unreviewed, confirmed, disputed.
        "headline_review": row.headline_data.get("review", {}),
        "last_reported": row.last_reported.isoformat() if row.last_reported else None,
    }


@router.get("/api/incidents", tags=["incidents"], summary="The filtered incident list (JSON twin of /)",
             openapi_extra=FILTER_PARAMETERS, responses=schemas.ok(schemas.IncidentListOut))
async def incidents_json(
    request: Request, settings: Annotated[Settings, Depends(get_settings)]
) -> JSONResponse:
    """Same filters as the home page: province (repeatable), date_from, date_to, claimant, subject,
    metric, contested, flagged, q, page, and sort (date, disagreement, sources or reported)."""
    f = parse_filters(request)
    # The API's province facet is complete (the page lists the top provinces and loads the rest).
    c = await _list_context(request, f, settings, province_limit=None)
    return JSONResponse({
        "filters": _filters_json(f),
        "total": c["total"],
        "page": c["page"],
        "pages": c["pages"],
        "incidents": [_row_json(r) for r in c["rows"]],
        "facets": {k: [{"value": v, "count": n} for v, n in vs] for k, vs in c["facets"].items()},
    })


def _filters_json(f: Filters) -> dict[str, Any]:
    return {
        "province": list(f.province),
        "date_from": f.date_from.isoformat() if f.date_from else None,
        "date_to": f.date_to.isoformat() if f.date_to else None,
        "claimant": f.claimant,
        "subject": f.subject,
        "metric": f.metric,
        "contested": f.contested,
        "flagged": f.flagged,
        "q": f.q,
        "page": f.page,
        "sort": f.sort,
    }


def _all_rows(request: Request, f: Filters) -> list[queries.IncidentRow]:
    with request.app.state.engine.connect() as conn:
        rows, _ = queries.list_incidents(conn, replace(f, page=1), page_size=EXPORT_LIMIT)
    return rows


@router.get("/incidents.json", tags=["incidents"], summary="Export every incident of the filtered view as JSON",
             openapi_extra=FILTER_PARAMETERS, responses=schemas.ok(schemas.IncidentExportOut))
def export_json(request: Request) -> JSONResponse:
    f = parse_filters(request)
    rows = _all_rows(request, f)
    return JSONResponse(
        {"filters": _filters_json(f), "count": len(rows), "incidents": [_row_json(r) for r in rows]},
        headers={"Content-Disposition": 'attachment; filename="incidents.json"'},
    )


CSV_FIELDS = ["id", "url", "title", "first_date", "last_date", "provinces", "parties", "headline",
              "headline_review", "disagreement", "contested", "grade", "open_flags", "claims", "articles",
              "outlets", "last_reported"]


class CSVResponse(StreamingResponse):
    media_type = "text/csv"


@router.get("/incidents.csv", tags=["incidents"], summary="Export every incident of the filtered view as CSV",
            response_class=CSVResponse, openapi_extra=FILTER_PARAMETERS,
            responses={200: {"description": "One row per incident", "content": {"text/csv": {}}}})
def export_csv(request: Request) -> StreamingResponse:
    """The filtered view's incidents as CSV (UTF-8), with absolute links; `bom=1` starts the file with
    a byte order mark, so that spreadsheet programs that guess the encoding read it as UTF-8."""
    f = parse_filters(request, options=frozenset({"bom"}))
    bom = (request.query_params.get("bom") or "").strip().lower()
    if bom not in filters_.TRUE | filters_.FALSE:
        raise Invalid(f"bom: {bom!r} is not yes or no; use bom=1 for a byte order mark, or leave it out.")
    rows = _all_rows(request, f)
    origin = str(request.base_url).rstrip("/")

    def lines() -> Iterator[str]:
        buf = io.StringIO()
        if bom in filters_.TRUE:
            buf.write("\ufeff")
        writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
        writer.writeheader()
        for n, row in enumerate(rows, 1):
            data = _row_json(row)
            data["url"] = origin + data["url"]
            data["provinces"] = "; ".join(row.provinces)
            data["parties"] = "; ".join(row.parties)
            data["headline_review"] = "; ".join(f"{k}: {v}" for k, v in sorted(data["headline_review"].items()))
            writer.writerow({k: _csv_safe(v) for k, v in data.items()})
            if n % 1000 == 0:  # large chunks: each chunk is one hop through the thread pool
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="incidents.csv"'})


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _csv_safe(value: object) -> object:
    # A cell starting with = + - @ (or a tab or line break before one) is run as a formula by
    # spreadsheets; titles and headlines come from untrusted article text (OWASP: CSV injection).
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@router.get("/incidents/{incident_id}", include_in_schema=False)
async def incident_page(
    request: Request,
    incident_id: RecordId,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User | None, Depends(current_user)],
) -> Response:
    context = incident_context(session=session, incident_id=incident_id, tolerance=settings.contest_tolerance)
    context.update(title=context["incident"].title, nav="incidents", user=user, csrf=page_csrf(request))
    return render(request, "incidents/page.html", context)


@router.get("/api/incidents/{incident_id}", tags=["incidents"], summary="One incident's comparison grid",
            responses=schemas.ok(schemas.IncidentOut))
async def incident_api(
    incident_id: RecordId,
    session: DbSession,
    settings: Annotated[Settings, Depends(get_settings)],
) -> JSONResponse:
    context = incident_context(session=session, incident_id=incident_id, tolerance=settings.contest_tolerance)
    return JSONResponse(incident_json(context))
