"""Article pages: the list, one article with its claims highlighted, the upload form."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlmodel import Session

from app.articles import service as articles
from app.articles.highlight import segments
from app.claims import service as claims
from app.config import Settings
from app.errors import Invalid
from app.extraction import extract
from app.extraction.sources import SourceError, decode
from app.incidents.queries import facet_cache
from app.pipeline import MAX_UPLOAD_BODY, fetch_page, ingest_article, ingest_page
from app.review import service as review
from app.review.models import User
from app.templating import render
from app.web.auth import csrf_token, current_user, require
from app.web.deps import RecordId, WriteSession, get_session, get_settings

router = APIRouter()
PAGE = 50


def article_context(*, session: Session, article_id: int) -> dict[str, Any]:
    """The article, its text cut into highlighted segments, and its claims."""
    article = articles.get(session=session, article_id=article_id)
    found = claims.list_for_article(session=session, article_id=article_id)
    spans = [(c.id, c.evidence_start, c.evidence_end) for c in found if c.id is not None]
    others = articles.versions(session=session, page_id=article.page_id) if article.page_id is not None else []
    return {"article": article, "claims": found, "segments": segments(article.text, spans),
            "versions": others if len(others) > 1 else []}


@router.get("/articles", include_in_schema=False)
async def article_list(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    user: Annotated[User | None, Depends(current_user)],
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    total = articles.count(session=session)
    rows = articles.list_(session=session, limit=PAGE, offset=(page - 1) * PAGE)
    return render(request, "articles/list.html", {
        "articles": rows, "total": total, "page": page, "pages": max(1, -(-total // PAGE)),
        "title": "Articles", "nav": "articles", "user": user, "csrf": csrf_token(request),
    })


@router.get("/articles/new", include_in_schema=False)
async def article_form(request: Request, user: Annotated[User | None, Depends(current_user)]) -> Response:
    if user is None:
        return RedirectResponse("/login?next=/articles/new", status_code=303)
    return render(request, "articles/new.html", {"title": "Add an article", "nav": "articles", "user": user,
                                                 "csrf": csrf_token(request), "error": None, "form": {}})


def _optional_date(value: str | None) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid(f"published: {value!r} is not a date; write it as YYYY-MM-DD.") from None


@router.post("/articles/preview", include_in_schema=False)
def article_preview(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User, Depends(require("editor"))],
    url: Annotated[str, Form(max_length=2048)] = "",
) -> Response:
    """What a page gives before it is stored: its title, date, outlet, author and the claims found."""
    form = {"url": url}
    try:
        if not url.strip():
            raise Invalid("Give the URL of the page to preview.")
        page = fetch_page(settings=settings, url=url)
    except Invalid as exc:
        return render(request, "articles/new.html", {
            "title": "Add an article", "nav": "articles", "user": user, "csrf": csrf_token(request),
            "error": exc.message, "form": form,
        }, status_code=422)
    found = extract(page.text, published=page.published, title=page.title).claims
    return render(request, "articles/new.html", {
        "title": "Add an article", "nav": "articles", "user": user, "csrf": csrf_token(request),
        "error": None, "form": form, "preview": page, "preview_claims": found,
    })


@router.post("/articles", include_in_schema=False, max_body_size=MAX_UPLOAD_BODY)
def article_create(
    request: Request,
    session: WriteSession,
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User, Depends(require("editor"))],
    text: Annotated[str, Form(max_length=500_000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
    title: Annotated[str, Form(max_length=500)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    url: Annotated[str, Form(max_length=2048)] = "",
    published: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    form = {"text": text, "title": title, "outlet": outlet, "url": url, "published": published}
    try:
        if file is not None and file.filename:
            raw = file.file.read(settings.max_upload_bytes + 1)
            if len(raw) > settings.max_upload_bytes:
                raise Invalid(f"The file is over the {settings.max_upload_bytes:,}-byte limit.")
            text = decode(raw, file.filename)
        if not text.strip() and url.strip():
            # A URL alone: fetch the page and read its text and metadata from it.
            result = ingest_page(session=session, settings=settings, page=fetch_page(settings=settings, url=url))
        elif not text.strip():
            raise Invalid("Paste the article's text, choose a file, or give the URL of a page to fetch.")
        else:
            result = ingest_article(
                session=session, settings=settings, text=text, title=title or None, outlet=outlet or None,
                url=url or None, published=_optional_date(published),
                source_name=file.filename if file is not None and file.filename else None,
            )
    except (Invalid, SourceError) as exc:
        session.rollback()
        message = exc.message if isinstance(exc, Invalid) else str(exc)
        return render(request, "articles/new.html", {
            "title": "Add an article", "nav": "articles", "user": user, "csrf": csrf_token(request),
            "error": message, "form": form,
        }, status_code=422)
    review.audit(session=session, user=user, action="ingest" if result.created else "ingest-duplicate",
                 target_type="article", target_id=result.article_id, detail={"claims": result.claims})
    facet_cache.clear()
    return RedirectResponse(f"/articles/{result.article_id}?new={int(result.created)}", status_code=303)


@router.get("/articles/{article_id}", include_in_schema=False)
async def article_page(
    request: Request,
    article_id: RecordId,
    session: Annotated[Session, Depends(get_session)],
    user: Annotated[User | None, Depends(current_user)],
    new: Annotated[int | None, Query(ge=0, le=1)] = None,
) -> Response:
    context = article_context(session=session, article_id=article_id)
    context.update(title=context["article"].title or f"Article {article_id}", nav="articles", user=user,
                   csrf=csrf_token(request), new=new)
    return render(request, "articles/page.html", context)


def article_json(context: dict[str, Any]) -> dict[str, Any]:
    """The article page as JSON."""
    a = context["article"]
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "author": a.author,
        "version": a.version,
        "superseded": a.superseded,
        "versions": [{"id": v.id, "version": v.version} for v in context["versions"]],
        "content_hash": a.content_hash,
        "extractor_version": a.extractor_version,
        "text": a.text,
        "claims": [
            {
                "id": c.id, "claimant": c.claimant, "metric": c.metric, "subject": c.subject, "value": c.value,
                "value_high": c.value_high, "qualifier": c.qualifier, "stance": c.stance,
                "event_date": c.event_date.isoformat() if c.event_date else None, "date_basis": c.date_basis,
                "provinces": c.provinces,
                "evidence": c.evidence, "evidence_start": c.evidence_start, "evidence_end": c.evidence_end,
                "value_text": c.value_text, "rule": c.rule, "story": c.story, "incident_id": c.incident_id,
                "review_status": c.review_status,
            }
            for c in context["claims"]
        ],
    }


@router.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its claims")
async def article_api(article_id: RecordId, session: Annotated[Session, Depends(get_session)]) -> JSONResponse:
    return JSONResponse(article_json(article_context(session=session, article_id=article_id)))


@router.post("/claims/{claim_id}/review", include_in_schema=False)
async def claim_review(
    request: Request,
    claim_id: RecordId,
    session: Annotated[Session, Depends(get_session)],
    settings: Annotated[Settings, Depends(get_settings)],
    user: Annotated[User, Depends(require("editor"))],
    status: Annotated[str, Form(max_length=16)],
) -> Response:
    from app.incidents import service as incidents

    before = claims.get(session=session, claim_id=claim_id).review_status
    claim = claims.set_review_status(session=session, claim_id=claim_id, status=status)
    if claim.incident_id is not None:
        incidents.refresh(session=session, incident_ids=[claim.incident_id], tolerance=settings.contest_tolerance)
    review.audit(session=session, user=user, action="review", target_type="claim", target_id=claim_id,
                 detail={"from": before, "to": status})
    facet_cache.clear()
    return RedirectResponse(f"/articles/{claim.article_id}#claim-{claim_id}", status_code=303)
