"""Article pages: the list, one article with its claims highlighted, the upload form."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import HttpUrl, TypeAdapter, ValidationError
from sqlmodel import Session

from app.articles import service as articles
from app.articles.highlight import segments
from app.articles.uploads import read_upload
from app.claims import service as claims
from app.config import Settings
from app.errors import Invalid
from app.extraction import extract
from app.incidents.context import review_json
from app.incidents.queries import facet_cache
from app.pipeline import MAX_UPLOAD_BODY, fetch_page, ingest_article, ingest_page
from app.review import flags
from app.review import service as review
from app.review.models import User
from app.templating import render
from app.web import schemas
from app.web.auth import current_user, page_csrf, require
from app.web.deps import DbSession, RecordId, get_settings

router = APIRouter()
PAGE = 50


def article_context(*, session: Session, article_id: int) -> dict[str, Any]:
    """The article, its text cut into highlighted segments, and its claims."""
    article = articles.get(session=session, article_id=article_id)
    found = claims.list_for_article(session=session, article_id=article_id)
    spans = [(c.id, c.evidence_start, c.evidence_end) for c in found if c.id is not None]
    others = articles.versions(session=session, page_id=article.page_id) if article.page_id is not None else []
    return {"article": article, "claims": found, "segments": segments(article.text, spans),
            "versions": others if len(others) > 1 else [],
            "reviewers": review.user_names(session=session, ids={c.reviewed_by for c in found}),
            "claim_flags": flags.open_counts_by_claim(session=session, claim_ids=[c.id for c in found if c.id])}


@router.get("/articles", include_in_schema=False)
async def article_list(
    request: Request,
    session: DbSession,
    user: Annotated[User | None, Depends(current_user)],
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    total = articles.count(session=session)
    rows = articles.list_(session=session, limit=PAGE, offset=(page - 1) * PAGE)
    return render(request, "articles/list.html", {
        "articles": rows, "total": total, "page": page, "pages": max(1, -(-total // PAGE)),
        "title": "Articles", "nav": "articles", "user": user, "csrf": page_csrf(request),
    })


@router.get("/articles/new", include_in_schema=False)
async def article_form(request: Request, user: Annotated[User | None, Depends(current_user)]) -> Response:
    if user is None:
        return RedirectResponse("/login?next=/articles/new", status_code=303)
    return render(request, "articles/new.html", {"title": "Add an article", "nav": "articles", "user": user,
                                                 "csrf": page_csrf(request), "error": None, "form": {}})


_URL = TypeAdapter(HttpUrl)


def _optional_url(value: str) -> str | None:
    """The address as the JSON API stores it (percent-encoded), or None when blank."""
    if not value.strip():
        return None
    try:
        return str(_URL.validate_python(value.strip()))
    except ValidationError:
        raise Invalid(f"url: {value[:80]!r} is not a web address; write it as https://...") from None


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
            "title": "Add an article", "nav": "articles", "user": user, "csrf": page_csrf(request),
            "error": exc.message, "form": form,
        }, status_code=422)
    found = extract(page.text, published=page.published, title=page.title).claims
    return render(request, "articles/new.html", {
        "title": "Add an article", "nav": "articles", "user": user, "csrf": page_csrf(request),
        "error": None, "form": form, "preview": page, "preview_claims": found,
    })


@router.post("/articles", include_in_schema=False, max_body_size=MAX_UPLOAD_BODY)
def article_create(
    request: Request,
    session: DbSession,
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
        if file is not None:
            raw = file.file.read(settings.max_upload_bytes + 1)
            if len(raw) > settings.max_upload_bytes:
                raise Invalid(f"The file is over the {settings.max_upload_bytes:,}-byte limit.")
            if file.filename:
                text = read_upload(raw, file.filename)
            elif raw:
                # Browsers send an empty part without a name when no file was chosen; content
                # without a name comes from a client that lost it.
                raise Invalid("The uploaded file has no file name; choose the file again.")
        if not text.strip() and url.strip():
            # A URL alone: fetch the page and read its text and metadata from it.
            result = ingest_page(session=session, settings=settings, page=fetch_page(settings=settings, url=url))
        elif not text.strip():
            raise Invalid("Paste the article's text or choose a file, or give only the URL of a page to fetch.")
        else:
            result = ingest_article(
                session=session, settings=settings, text=text, title=title or None, outlet=outlet or None,
                url=_optional_url(url), published=_optional_date(published),
                source_name=file.filename if file is not None and file.filename else None,
            )
    except Invalid as exc:
        session.rollback()
        message = exc.message
        return render(request, "articles/new.html", {
            "title": "Add an article", "nav": "articles", "user": user, "csrf": page_csrf(request),
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
    session: DbSession,
    user: Annotated[User | None, Depends(current_user)],
    new: Annotated[int | None, Query(ge=0, le=1)] = None,
) -> Response:
    context = article_context(session=session, article_id=article_id)
    context.update(title=articles.article_title(context["article"]), nav="articles", user=user,
                   csrf=page_csrf(request), new=new)
    return render(request, "articles/page.html", context)


def article_json(context: dict[str, Any]) -> dict[str, Any]:
    """The article page as JSON."""
    a = context["article"]
    return {
        "id": a.id,
        "title": a.title,
        "name": articles.article_title(a),
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
                **review_json(c, context["reviewers"], context["claim_flags"]),
                "url": f"/claims/{c.id}",
            }
            for c in context["claims"]
        ],
    }


@router.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its claims",
            responses=schemas.ok(schemas.ArticleOut))
async def article_api(article_id: RecordId, session: DbSession) -> JSONResponse:
    return JSONResponse(article_json(article_context(session=session, article_id=article_id)))
