"""Source pages: the feeds and sitemaps followed, each one's last poll and entries; add and remove (editors)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlmodel import Session

from app.errors import Invalid
from app.review import service as review
from app.review.models import User
from app.sources import service as sources
from app.sources.models import Source, SourceEntry
from app.templating import render
from app.web.auth import current_user, page_csrf, require
from app.web.deps import DbSession, RecordId

router = APIRouter()


def _source_json(source: Source, done: int | None = None, pending: int | None = None,
                 failed: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": source.id, "name": source.name, "url": source.url, "interval_minutes": source.interval_minutes,
        "last_polled_at": source.last_polled_at.isoformat() if source.last_polled_at else None,
        "next_poll_at": source.next_poll_at.isoformat(), "last_status": source.last_status,
        "last_error": source.last_error, "error_count": source.error_count,
        "last_poll": {"new": source.last_new, "known": source.last_known},
    }
    if done is not None:
        out["entries"] = {"done": done, "pending": pending, "failed": failed}
    return out


def _entry_json(entry: SourceEntry) -> dict[str, Any]:
    return {"id": entry.id, "url": entry.url, "title": entry.title, "state": entry.state,
            "attempts": entry.attempts, "last_error": entry.last_error, "article_id": entry.article_id,
            "first_seen_at": entry.first_seen_at.isoformat(),
            "done_at": entry.done_at.isoformat() if entry.done_at else None}


def source_context(*, session: Session, source_id: int) -> dict[str, Any]:
    """A source, its failed entries with their reasons, and its latest entries."""
    source = sources.get(session=session, source_id=source_id)
    return {"source": source, "failed": sources.entries(session=session, source_id=source_id, state="failed"),
            "recent": sources.entries(session=session, source_id=source_id, limit=50)}


@router.get("/sources", include_in_schema=False)
async def source_list(
    request: Request,
    session: DbSession,
    user: Annotated[User | None, Depends(current_user)],
) -> Response:
    return render(request, "sources/list.html", {
        "rows": sources.list_(session=session), "title": "Sources", "nav": "sources", "user": user,
        "csrf": page_csrf(request), "error": None, "form": {},
    })


@router.post("/sources", include_in_schema=False)
def source_create(
    request: Request,
    session: DbSession,
    user: Annotated[User, Depends(require("editor"))],
    name: Annotated[str, Form(max_length=200)] = "",
    url: Annotated[str, Form(max_length=2048)] = "",
    interval: Annotated[int, Form(ge=1, le=10_080)] = 30,
) -> Response:
    try:
        source = sources.create(session=session, name=name, url=url, interval_minutes=interval)
    except Invalid as exc:
        session.rollback()
        return render(request, "sources/list.html", {
            "rows": sources.list_(session=session), "title": "Sources", "nav": "sources", "user": user,
            "csrf": page_csrf(request), "error": exc.message,
            "form": {"name": name, "url": url, "interval": interval},
        }, status_code=422)
    review.audit(session=session, user=user, action="source-add", target_type="source", target_id=source.id or 0,
                 detail={"url": source.url})
    return RedirectResponse(f"/sources/{source.id}", status_code=303)


@router.post("/sources/{source_id}/delete", include_in_schema=False)
def source_delete(
    source_id: RecordId,
    session: DbSession,
    user: Annotated[User, Depends(require("editor"))],
) -> Response:
    source = sources.get(session=session, source_id=source_id)
    url = source.url
    sources.delete(session=session, source_id=source_id)
    review.audit(session=session, user=user, action="source-remove", target_type="source", target_id=source_id,
                 detail={"url": url})
    return RedirectResponse("/sources", status_code=303)


@router.get("/sources/{source_id}", include_in_schema=False)
async def source_page(
    request: Request,
    source_id: RecordId,
    session: DbSession,
    user: Annotated[User | None, Depends(current_user)],
) -> Response:
    context = source_context(session=session, source_id=source_id)
    context.update(title=context["source"].name, nav="sources", user=user, csrf=page_csrf(request))
    return render(request, "sources/page.html", context)


@router.get("/api/sources", tags=["sources"], summary="Every followed feed or sitemap with its status")
async def source_list_api(session: DbSession) -> JSONResponse:
    return JSONResponse([_source_json(r.source, r.done, r.pending, r.failed) for r in sources.list_(session=session)])


@router.get("/api/sources/{source_id}", tags=["sources"], summary="One source, its failures and latest entries")
async def source_api(source_id: RecordId, session: DbSession) -> JSONResponse:
    context = source_context(session=session, source_id=source_id)
    out = _source_json(context["source"])
    out["failed"] = [_entry_json(e) for e in context["failed"]]
    out["recent"] = [_entry_json(e) for e in context["recent"]]
    return JSONResponse(out)
