"""Claim-level exports of the filtered view (CSV, JSON) and ClaimReview JSON-LD of reviewed figures.

One row per claim, with its review state, who set it and why, its open flags, its evidence and
absolute links to the claim, its incident and its article.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy import func, select
from sqlmodel import Session

from app.articles.models import Article
from app.claims.models import Claim
from app.incidents import queries
from app.parties.service import display_name
from app.review.models import Flag, User
from app.web.deps import RecordId, get_session
from app.web.incidents import FILTER_PARAMETERS, _csv_safe, _filters_json, parse_filters

router = APIRouter(tags=["exports"])
CLAIM_LIMIT = 200_000
C = Claim.__table__  # type: ignore[attr-defined]
A = Article.__table__  # type: ignore[attr-defined]
F = Flag.__table__  # type: ignore[attr-defined]
U = User.__table__  # type: ignore[attr-defined]
FIELDS = ["claim_id", "claim_url", "incident_id", "incident_url", "claimant", "subject", "metric", "value",
          "value_high", "qualifier", "stance", "event_date", "provinces", "review_status", "reviewed_by",
          "reviewed_at", "review_note", "open_flags", "origin", "corrected", "evidence", "article_id",
          "article_url", "article_title", "outlet", "published", "source_url"]
RATINGS = {"confirmed": (3, "Confirmed"), "disputed": (2, "Disputed"), "rejected": (1, "Rejected")}


def _rows(request: Request, *, reviewed_only: bool = False, claim_id: int | None = None) -> list[dict[str, Any]]:
    """The claims of the filtered view (or one claim) as flat dicts with absolute links."""
    base = str(request.base_url).rstrip("/")
    flags = select(F.c.claim_id, func.count().label("n")).where(F.c.status == "open").group_by(F.c.claim_id).subquery()
    stmt = (
        select(C, A.c.title, A.c.outlet, A.c.published, A.c.url, U.c.display_name,
               func.coalesce(flags.c.n, 0).label("open_flag_count"))
        .join(A, A.c.id == C.c.article_id)
        .outerjoin(U, U.c.id == C.c.reviewed_by)
        .outerjoin(flags, flags.c.claim_id == C.c.id)
    )
    if claim_id is not None:
        stmt = stmt.where(C.c.id == claim_id)
    else:
        f = parse_filters(request)
        with request.app.state.engine.connect() as conn:
            where = queries.conditions(conn, f)
        incidents = select(queries.I.c.id).where(*where) if where else select(queries.I.c.id)
        stmt = stmt.where(C.c.incident_id.in_(incidents))
    if reviewed_only:
        stmt = stmt.where(C.c.review_status != "unreviewed")
    stmt = stmt.order_by(C.c.incident_id, C.c.article_id, C.c.evidence_start).limit(CLAIM_LIMIT)
    with request.app.state.engine.connect() as conn:
        result = conn.execute(stmt).mappings().all()
    out = []
    for r in result:
        out.append({
            "claim_id": r["id"], "claim_url": f"{base}/claims/{r['id']}", "incident_id": r["incident_id"],
            "incident_url": f"{base}/incidents/{r['incident_id']}" if r["incident_id"] else None,
            "claimant": r["claimant"], "subject": r["subject"], "metric": r["metric"], "value": r["value"],
            "value_high": r["value_high"], "qualifier": r["qualifier"], "stance": r["stance"],
            "event_date": r["event_date"].isoformat() if r["event_date"] else None,
            "provinces": list(r["provinces"] or []), "review_status": r["review_status"],
            "reviewed_by": r["display_name"], "reviewed_at": r["reviewed_at"].isoformat() if r["reviewed_at"] else None,
            "review_note": r["review_note"], "open_flags": int(r["open_flag_count"]),
            "origin": r["origin"], "corrected": bool(r["corrected"]), "evidence": r["evidence"],
            "article_id": r["article_id"], "article_url": f"{base}/articles/{r['article_id']}",
            "article_title": r["title"], "outlet": r["outlet"],
            "published": r["published"].isoformat() if r["published"] else None, "source_url": r["url"],
        })
    return out


@router.get("/claims.json", summary="Every claim of the filtered view, one object per claim",
            openapi_extra=FILTER_PARAMETERS)
def claims_json(request: Request) -> JSONResponse:
    rows = _rows(request)
    return JSONResponse({"filters": _filters_json(parse_filters(request)), "count": len(rows), "claims": rows},
                        headers={"Content-Disposition": 'attachment; filename="claims.json"'})


@router.get("/claims.csv", summary="Every claim of the filtered view, one row per claim",
            response_class=StreamingResponse, openapi_extra=FILTER_PARAMETERS,
            responses={200: {"description": "One row per claim", "content": {"text/csv": {}}}})
def claims_csv(request: Request) -> StreamingResponse:
    rows = _rows(request)

    def lines() -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FIELDS)
        writer.writeheader()
        for n, row in enumerate(rows, 1):
            writer.writerow({k: _csv_safe("; ".join(v) if isinstance(v, list) else v) for k, v in row.items()})
            if n % 1000 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="claims.csv"'})


def claim_review(row: dict[str, Any]) -> dict[str, Any]:
    """One reviewed figure as a schema.org ClaimReview: the claimant is the claim's author and the
    article its appearance."""
    rating, label = RATINGS[row["review_status"]]
    figure = "denies" if row["value"] is None else str(row["value"]) + (
        f"–{row['value_high']}" if row["value_high"] is not None else "")
    appearance: dict[str, Any] = {"@type": "NewsArticle", "url": row["source_url"] or row["article_url"]}
    if row["article_title"]:
        appearance["headline"] = row["article_title"]
    if row["published"]:
        appearance["datePublished"] = row["published"]
    if row["outlet"]:
        appearance["publisher"] = {"@type": "Organization", "name": row["outlet"]}
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": {"@type": "Organization", "name": display_name(row["claimant"])},
        "appearance": appearance,
    }
    if row["published"]:
        item["datePublished"] = row["published"]
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": row["claim_url"],
        "claimReviewed": f"{display_name(row['claimant'])}: {row['metric'].replace('_', ' ')}, "
                         f"{display_name(row['subject'])} — {figure} (“{row['evidence']}”)",
        "itemReviewed": item,
        "author": {"@type": "Person", "name": row["reviewed_by"] or "Counterclaim reviewer"},
        "reviewRating": {"@type": "Rating", "ratingValue": rating, "bestRating": 3, "worstRating": 1,
                         "alternateName": label},
    }
    if row["reviewed_at"]:
        out["datePublished"] = row["reviewed_at"][:10]
    if row["review_note"]:
        out["reviewBody"] = row["review_note"]
    return out


LD_JSON: dict[int | str, dict[str, Any]] = {
    200: {"description": "schema.org ClaimReview (JSON-LD)", "content": {"application/ld+json": {}}}}


@router.get("/claimreview.json", summary="ClaimReview JSON-LD for every reviewed figure of the filtered view",
            response_class=JSONResponse, openapi_extra=FILTER_PARAMETERS, responses=LD_JSON)
def claimreviews(request: Request) -> Response:
    rows = [r for r in _rows(request, reviewed_only=True) if r["review_status"] in RATINGS]
    return JSONResponse([claim_review(r) for r in rows], media_type="application/ld+json")


@router.get("/api/claims/{claim_id}/claimreview", summary="One reviewed figure as ClaimReview JSON-LD",
            response_class=JSONResponse, responses=LD_JSON)
def one_claimreview(
    request: Request, claim_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")]
) -> Response:
    from app.claims import service as claims
    from app.errors import NotFound

    claim = claims.get(session=session, claim_id=claim_id)
    if claim.review_status not in RATINGS:
        raise NotFound(f"Claim {claim_id} has not been reviewed yet, so there is no ClaimReview of it.")
    [row] = _rows(request, claim_id=claim_id)
    return JSONResponse(claim_review(row), media_type="application/ld+json")
