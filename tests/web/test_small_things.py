"""HEAD on every GET route, sorting, canonical URLs, date errors, CSV that spreadsheets open safely."""

from __future__ import annotations

import csv
import io
import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from app import assets
from app.db import session_scope
from app.sources import service as sources
from tests.conftest import Database
from tests.helpers import ingest_seeds, ingest_text


def _routes(routes: list[object]) -> list[APIRoute]:
    """Every APIRoute, including those of included routers (FastAPI keeps them behind a wrapper)."""
    out: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            out.append(route)
        elif (inner := getattr(route, "original_router", None)) is not None:
            out += _routes(list(inner.routes))
    return out


def _get_paths(client: TestClient, ids: dict[str, int]) -> list[str]:
    paths = []
    for route in _routes(list(client.app.routes)):  # type: ignore[attr-defined]
        if "GET" in route.methods:
            path = route.path
            for name, spec in re.findall(r"{(\w+)(:\w+)?}", path):
                path = path.replace("{" + name + spec + "}", str(ids[name]))
            paths.append(path)
    return paths


def test_head_answers_every_get_route_like_get_without_a_body(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    incident_id = client.get("/api/incidents").json()["incidents"][0]["id"]
    article_id = client.get("/api/incidents/" + str(incident_id)).json()["articles"][0]["id"]
    css = assets.asset_url("css/app.css").split("/")
    claim_id = client.get("/api/incidents/" + str(incident_id)).json()["articles"][0]["claims"][0]["claim_id"]
    with session_scope(db.engine) as session:
        source = sources.create(session=session, name="Feed", url="http://news.example/feed.xml")
    ids = {"incident_id": incident_id, "article_id": article_id, "digest": css[2], "name": "/".join(css[3:]),
           "source_id": source.id, "claim_id": claim_id}
    paths = _get_paths(client, ids)
    assert len(paths) >= 10
    for path in [*paths, "/static/css/app.css"]:
        got, head = client.get(path, follow_redirects=False), client.head(path, follow_redirects=False)
        assert head.status_code == got.status_code, path
        assert head.content == b"", path
        assert head.headers.get("content-type") == got.headers.get("content-type"), path


SORTS = [
    ("date", lambda r: r["first_date"] or "", True),
    ("disagreement", lambda r: r["disagreement"], True),
    ("sources", lambda r: (r["outlets"], r["articles"]), True),
    ("reported", lambda r: r["last_reported"] or "", True),
]


@pytest.mark.parametrize(("sort", "key", "descending"), SORTS, ids=[s[0] for s in SORTS])
def test_sort_orders_the_list_in_the_api_and_the_page(
    db: Database, client: TestClient, sort: str, key: object, descending: bool
) -> None:
    ingest_seeds(db)
    ingest_text(db, "KABUL: The Taliban said on Saturday that 12 Pakistani soldiers were killed in Kunar.",
                outlet="Dawn", published=None)
    data = client.get(f"/api/incidents?sort={sort}").json()
    assert data["filters"]["sort"] == sort
    rows = data["incidents"]
    values = [key(r) for r in rows]  # type: ignore[operator]
    assert values == sorted(values, reverse=descending)
    page = client.get(f"/?sort={sort}").text
    assert f'<option value="{sort}" selected>' in page
    order = [int(i) for i in re.findall(r'<a href="/incidents/(\d+)"><strong>', page)]
    assert order == [r["id"] for r in rows]


def test_disagreement_sort_puts_the_widest_dispute_first(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    first = client.get("/api/incidents?sort=disagreement").json()["incidents"][0]
    assert first["headline_figures"]["figures"]["afghanistan"] == 58
    assert first["disagreement"] == pytest.approx(2.522, abs=1e-3)


def test_unknown_sort_is_a_clear_error(client: TestClient) -> None:
    r = client.get("/api/incidents?sort=loudest")
    assert r.status_code == 422 and "date, disagreement, sources, reported" in r.json()["detail"]


def test_empty_filter_fields_are_dropped_from_the_url(db: Database, client: TestClient) -> None:
    r = client.get("/?q=&date_from=&date_to=&claimant=&subject=&metric=&contested=1&sort=date",
                   follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?contested=1"
    assert client.get("/?q=", follow_redirects=False).headers["location"] == "/"
    htmx = client.get("/?q=&contested=1", headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and htmx.headers["HX-Push-Url"] == "/?contested=1"


def test_to_before_from_is_explained_and_replaces_the_results(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    page = client.get("/").text
    assert 'id="date-hint"' in page and '"From" must be on or before "To"' in page
    r = client.get("/?date_from=2025-10-12&date_to=2025-10-01",
                   headers={"HX-Request": "true", "HX-Target": "dashboard"})
    assert r.status_code == 422
    assert r.headers["HX-Retarget"] == "#results" and r.headers["HX-Reswap"] == "innerHTML"
    assert "must be on or before" in r.text and "incident-list" not in r.text


def test_metric_facet_lists_counts(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    facets = {f["value"]: f["count"] for f in client.get("/api/incidents").json()["facets"]["metric"]}
    assert facets["killed"] == 3 and facets["airspace_violations"] == 1
    assert "killed (3)" in client.get("/").text
    narrowed = client.get("/api/incidents?metric=airspace_violations").json()
    assert narrowed["total"] == 1
    assert {f["value"] for f in narrowed["facets"]["metric"]} >= {"killed", "airspace_violations"}


def test_csv_has_absolute_urls_an_optional_bom_and_no_formulas(db: Database, client: TestClient) -> None:
    ingest_seeds(db)
    ingest_text(db, "KABUL: The Taliban said that 12 Pakistani soldiers were killed in Kunar.",
                title="=HYPERLINK(\"http://example.org\")", outlet="@evil")
    plain = client.get("/incidents.csv")
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(plain.text)))
    assert rows and all(r["url"].startswith("http://testserver/incidents/") for r in rows)
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value
    with_bom = client.get("/incidents.csv?bom=1")
    assert with_bom.content.startswith(b"\xef\xbb\xbf")
    assert client.get("/incidents.csv?bom=maybe").status_code == 422
