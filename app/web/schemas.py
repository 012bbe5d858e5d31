"""The JSON API's answers as documented models (OpenAPI; the fuzz tests check every answer against them).

The routes build their JSON themselves (faster than validating on the way out); these models say
what it holds, and tests/reliability/test_fuzz_api.py holds the two to each other.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class IncidentRowOut(BaseModel):
    id: int
    url: str
    title: str
    summary: str
    first_date: str | None
    last_date: str | None
    provinces: list[str]
    parties: list[str]
    headline: str
    headline_figures: dict[str, Any]
    disagreement: float
    contested: bool
    claims: int
    articles: int
    outlets: int
    last_reported: str | None


class FiltersOut(BaseModel):
    province: list[str]
    date_from: str | None
    date_to: str | None
    claimant: str | None
    subject: str | None
    metric: str | None
    contested: bool
    q: str | None
    page: int
    sort: str


class FacetOut(BaseModel):
    value: str
    count: int


class IncidentListOut(BaseModel):
    filters: FiltersOut
    total: int
    page: int
    pages: int
    incidents: list[IncidentRowOut]
    facets: dict[str, list[FacetOut]]


class IncidentExportOut(BaseModel):
    filters: FiltersOut
    count: int
    incidents: list[IncidentRowOut]


class IncidentOut(BaseModel):
    id: int
    title: str
    summary: str
    first_date: str | None
    last_date: str | None
    provinces: list[str]
    parties: list[str]
    headline: str
    disagreement: float
    last_reported: str | None
    contested: bool
    comparison: dict[str, Any]
    articles: list[dict[str, Any]]


class ClaimOut(BaseModel):
    id: int
    claimant: str
    metric: str
    subject: str
    value: float | None
    value_high: float | None
    qualifier: str
    stance: str
    event_date: str | None
    date_basis: str | None
    provinces: list[str]
    evidence: str
    evidence_start: int
    evidence_end: int
    value_text: str
    rule: str
    story: int | None
    incident_id: int | None
    review_status: str


class ArticleOut(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    content_hash: str
    extractor_version: str
    text: str
    claims: list[ClaimOut]


class ProvinceOut(BaseModel):
    province: str
    incidents: int
    contested: int
    country: str | None
    lat: float | None
    lon: float | None
    url: str


class ProvincesOut(BaseModel):
    provinces: list[ProvinceOut]


class PartyOut(BaseModel):
    id: str
    name: str
    kind: str


class HealthOut(BaseModel):
    status: str


def ok(model: type[BaseModel], description: str = "Successful Response") -> dict[int | str, dict[str, Any]]:
    """`responses=` documenting a route's 200 answer as `model`."""
    return {200: {"model": model, "description": description}}
