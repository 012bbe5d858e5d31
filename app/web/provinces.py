"""The provinces page: a map of incident counts per province, and the same as a table."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from app.extraction.places import provinces as gazetteer
from app.incidents import queries
from app.incidents.filters import Filters
from app.review.models import User
from app.templating import render
from app.web import schemas
from app.web.auth import current_user, page_csrf
from app.web.incidents import FILTER_PARAMETERS, parse_filters

router = APIRouter()


def provinces_context(request: Request, f: Filters) -> dict[str, Any]:
    """Incident counts per province with map coordinates, and the map figure."""
    with request.app.state.engine.connect() as conn:
        counts = queries.incidents_by_province(conn, f)
    places = {p.name: p for p in gazetteer()}
    rows: list[dict[str, Any]] = []
    for name, n, contested in counts:
        p = places.get(name)
        rows.append({
            "province": name, "incidents": n, "contested": contested,
            "country": p.country if p else None, "lat": p.lat if p else None, "lon": p.lon if p else None,
            "url": "/?" + f.query(province=(name,)),
        })
    mapped = [r for r in rows if r["lat"] is not None]
    biggest = max((r["incidents"] for r in mapped), default=1)
    figure = {
        "data": [{
            "type": "scattergeo",
            "mode": "markers+text",
            "lat": [r["lat"] for r in mapped],
            "lon": [r["lon"] for r in mapped],
            "text": [r["province"] for r in mapped],
            "textposition": "top center",
            "customdata": [r["url"] for r in mapped],
            "hovertemplate": "%{text}: %{marker.size:.0f}<extra></extra>",
            "marker": {
                "size": [r["incidents"] for r in mapped],
                "sizemode": "area",
                "sizeref": 2.0 * biggest / (40.0 ** 2),
                "sizemin": 6,
                "color": ["#b3261e" if r["contested"] else "#1f5fbf" for r in mapped],
                "line": {"width": 1, "color": "#fff"},
            },
        }],
        "layout": {
            "height": 520,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "geo": {
                "scope": "world", "resolution": 50, "showcountries": True, "countrycolor": "#888",
                "showland": True, "landcolor": "#f3f1ea",
                "lataxis": {"range": _span([r["lat"] for r in mapped], 23, 39)},
                "lonaxis": {"range": _span([r["lon"] for r in mapped], 59, 78)}, "projection": {"type": "mercator"},
            },
        },
    }
    return {"rows": rows, "figure": figure, "filters": f}


def _span(values: list[float], low: float, high: float, pad: float = 3.0) -> list[float]:
    """The axis range that shows every point with a margin; the Afghanistan–Pakistan frame when there is none."""
    if not values:
        return [low, high]
    return [min(values) - pad, max(values) + pad]


@router.get("/provinces", include_in_schema=False)
async def provinces_page(request: Request, user: Annotated[User | None, Depends(current_user)]) -> Response:
    f = parse_filters(request)
    context = provinces_context(request, f)
    context.update(title="Provinces", nav="provinces", user=user, csrf=page_csrf(request))
    return render(request, "provinces/page.html", context)


@router.get("/api/provinces", tags=["incidents"], summary="Incident counts per province (same filters as /)",
             openapi_extra=FILTER_PARAMETERS, responses=schemas.ok(schemas.ProvincesOut))
async def provinces_api(request: Request) -> JSONResponse:
    f = parse_filters(request)
    return JSONResponse({"provinces": provinces_context(request, f)["rows"]})
