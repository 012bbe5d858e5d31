"""Review pages and forms: a claim's page, flags, reviews, corrections, merges, the queue, history.

Forms post here and are redirected back (`next`); htmx requests get the changed fragment.
The JSON API for the same actions is app.web.review_api; both call the same services.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from app.articles import service as articles
from app.claims import corrections
from app.claims import service as claims
from app.config import Settings
from app.incidents import editing
from app.incidents.models import GRADES
from app.incidents.queries import facet_cache
from app.review import flags, queue
from app.review import service as review
from app.review.models import FLAG_REASONS, User
from app.templating import render
from app.web.auth import _safe_next, current_user, page_csrf, require
from app.web.deps import RecordId, get_session, get_settings

router = APIRouter(include_in_schema=False)
Note = Annotated[str, Form(max_length=2000)]
Next = Annotated[str, Form(max_length=500)]


def _back(next_url: str, default: str) -> RedirectResponse:
    facet_cache.clear()  # the list, facets and grades shown on the dashboard changed
    return RedirectResponse(_safe_next(next_url) if next_url else default, status_code=303)


def claim_context(*, session: Session, claim_id: int) -> dict[str, Any]:
    """A claim, its article, its flags, its history and who reviewed it."""
    claim = claims.get(session=session, claim_id=claim_id)
    return {
        "claim": claim,
        "article": articles.get(session=session, article_id=claim.article_id),
        "flags": flags.list_(session=session, claim_ids=[claim_id]),
        "history": queue.claim_history(session=session, claim_id=claim_id),
        "reviewer": review.user_names(session=session, ids={claim.reviewed_by}).get(claim.reviewed_by),
        "reasons": FLAG_REASONS,
    }


@router.get("/claims/{claim_id}")
async def claim_page(
    request: Request, claim_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User | None, Depends(current_user)],
) -> Response:
    context = claim_context(session=session, claim_id=claim_id)
    context.update(title=f"Claim {claim_id}", nav="articles", user=user, csrf=page_csrf(request))
    return render(request, "review/claim.html", context)


@router.post("/claims/{claim_id}/review")
def claim_review(
    request: Request, claim_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("editor"))],
    status: Annotated[str, Form(max_length=16)], note: Note = "", next: Next = "",
) -> Response:
    claim = corrections.review_claim(session=session, user=user, claim_id=claim_id, status=status, note=note,
                                     tolerance=settings.contest_tolerance)
    if request.headers.get("HX-Request") == "true":
        facet_cache.clear()
        items = [queue.QueueItem(claim=claim, article_title=None, published=None, outlet=None,
                                 incident_contested=False, open_flags=0, cited=0)]
        return render(request, "review/_queue_item.html", {
            "item": items[0], "done": True, "reviewer": user.display_name, "csrf": page_csrf(request)})
    return _back(next, f"/claims/{claim_id}")


@router.post("/claims/{claim_id}/flags")
def claim_flag(
    claim_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("viewer"))],
    reason: Annotated[str, Form(max_length=32)], note: Note = "", next: Next = "",
) -> Response:
    flags.create(session=session, user=user, claim_id=claim_id, reason=reason, note=note,
                 tolerance=settings.contest_tolerance)
    return _back(next, f"/claims/{claim_id}")


@router.post("/incidents/{incident_id}/flags")
def incident_flag(
    incident_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("viewer"))],
    reason: Annotated[str, Form(max_length=32)], note: Note = "", next: Next = "",
) -> Response:
    flags.create(session=session, user=user, incident_id=incident_id, reason=reason, note=note,
                 tolerance=settings.contest_tolerance)
    return _back(next, f"/incidents/{incident_id}#flags")


@router.post("/flags/{flag_id}/resolve")
def flag_resolve(
    flag_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("editor"))],
    note: Note = "", next: Next = "",
) -> Response:
    flags.resolve(session=session, user=user, flag_id=flag_id, note=note, tolerance=settings.contest_tolerance)
    return _back(next, "/review?kind=flagged")


@router.post("/claims/{claim_id}/correct")
def claim_correct(
    claim_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("editor"))],
    value: Annotated[str | None, Form(max_length=20)] = None,
    value_high: Annotated[str | None, Form(max_length=20)] = None,
    qualifier: Annotated[str | None, Form(max_length=16)] = None,
    claimant: Annotated[str | None, Form(max_length=64)] = None,
    subject: Annotated[str | None, Form(max_length=64)] = None,
    metric: Annotated[str | None, Form(max_length=32)] = None,
    event_date: Annotated[str | None, Form(max_length=20)] = None,
    provinces: Annotated[str | None, Form(max_length=1000)] = None,
    note: Note = "", next: Next = "",
) -> Response:
    claim = claims.get(session=session, claim_id=claim_id)
    current = corrections.snapshot(claim)
    sent = {"value": value, "value_high": value_high, "qualifier": qualifier, "claimant": claimant,
            "subject": subject, "metric": metric, "event_date": event_date, "provinces": provinces}
    # The form shows every field (a field left out is not changed); only those that differ from
    # the claim are corrections.
    shown = {k: "" if current[k] is None else ", ".join(current[k]) if k == "provinces" else str(current[k])
             for k in sent}
    changes = {k: v for k, v in sent.items() if v is not None and v.strip() != shown[k]}
    corrections.correct_claim(session=session, user=user, claim_id=claim_id, changes=changes, note=note,
                              tolerance=settings.contest_tolerance)
    return _back(next, f"/claims/{claim_id}")


@router.post("/claims/{claim_id}/move")
def claim_move(
    claim_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("editor"))],
    incident_id: Annotated[int, Form(ge=1, le=2_147_483_647)], note: Note = "", next: Next = "",
) -> Response:
    corrections.move_claim(session=session, user=user, claim_id=claim_id, incident_id=incident_id, note=note,
                           tolerance=settings.contest_tolerance)
    return _back(next, f"/incidents/{incident_id}")


@router.post("/articles/{article_id}/claims")
def claim_add(
    article_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("editor"))],
    start: Annotated[int, Form(ge=0, le=2_000_000)], end: Annotated[int, Form(ge=0, le=2_000_000)],
    claimant: Annotated[str, Form(max_length=64)], subject: Annotated[str, Form(max_length=64)],
    metric: Annotated[str, Form(max_length=32)], value: Annotated[str, Form(max_length=20)] = "",
    value_high: Annotated[str, Form(max_length=20)] = "", qualifier: Annotated[str, Form(max_length=16)] = "exact",
    stance: Annotated[str, Form(max_length=16)] = "asserts", event_date: Annotated[str, Form(max_length=20)] = "",
    provinces: Annotated[str, Form(max_length=1000)] = "", note: Note = "",
) -> Response:
    fields = {"claimant": claimant, "subject": subject, "metric": metric, "value": value, "value_high": value_high,
              "qualifier": qualifier, "event_date": event_date, "provinces": provinces}
    claim = corrections.add_claim(session=session, user=user, article_id=article_id, start=start, end=end,
                                  fields=fields, stance=stance, note=note, tolerance=settings.contest_tolerance)
    return _back("", f"/articles/{article_id}#row-{claim.id}")


@router.post("/incidents/{incident_id}/merge")
def incident_merge(
    incident_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("editor"))],
    other_id: Annotated[int, Form(ge=1, le=2_147_483_647)], note: Note = "",
) -> Response:
    editing.merge(session=session, user=user, incident_id=incident_id, other_id=other_id, note=note,
                  tolerance=settings.contest_tolerance)
    return _back("", f"/incidents/{incident_id}")


@router.post("/incidents/{incident_id}/split")
def incident_split(
    incident_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    settings: Annotated[Settings, Depends(get_settings)], user: Annotated[User, Depends(require("editor"))],
    claim_ids: Annotated[list[int], Form(max_length=1000)], note: Note = "",
) -> Response:
    new = editing.split(session=session, user=user, incident_id=incident_id, claim_ids=claim_ids, note=note,
                        tolerance=settings.contest_tolerance)
    return _back("", f"/incidents/{new.id}")


@router.post("/incidents/{incident_id}/grade")
def incident_grade(
    incident_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User, Depends(require("editor"))],
    grade: Annotated[str, Form(max_length=16)] = "", note: Note = "",
) -> Response:
    editing.set_grade(session=session, user=user, incident_id=incident_id, grade=grade or None, note=note)
    return _back("", f"/incidents/{incident_id}#review")


@router.get("/incidents/{incident_id}/history")
async def incident_history(
    request: Request, incident_id: RecordId, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User | None, Depends(current_user)],
) -> Response:
    from app.incidents import service as incidents

    incident = incidents.get(session=session, incident_id=incident_id)
    return render(request, "review/history.html", {
        "incident": incident, "history": queue.incident_history(session=session, incident_id=incident_id),
        "title": f"History of incident {incident_id}", "nav": "incidents", "user": user, "csrf": page_csrf(request)})


@router.get("/review")
async def review_queue(
    request: Request, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User, Depends(require("editor", write=False))],
    kind: Annotated[str, Query(max_length=16)] = "all", order: Annotated[str, Query(max_length=16)] = "oldest",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    items, total = queue.queue(session=session, kind=kind, order=order, page=page)
    return render(request, "review/queue.html", {
        "items": items, "total": total, "kind": kind, "order": order, "page": page, "kinds": queue.KINDS,
        "pages": max(1, -(-total // queue.PAGE)), "title": "Review queue", "nav": "review", "user": user,
        "csrf": page_csrf(request), "done": False, "grades": GRADES})


@router.get("/admin/audit")
async def audit_page(
    request: Request, session: Annotated[Session, Depends(get_session, scope="function")],
    user: Annotated[User, Depends(require("admin", write=False))],
    action: Annotated[str, Query(max_length=40)] = "", target_type: Annotated[str, Query(max_length=40)] = "",
    by: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    entries, total = queue.audit_log(session=session, action=action or None, target_type=target_type or None,
                                     user_id=by, page=page)
    return render(request, "review/audit.html", {
        "entries": entries, "total": total, "page": page, "pages": max(1, -(-total // 50)), "action": action,
        "target_type": target_type, "by": by, "users": review.list_users(session=session),
        "actions": queue.audit_actions(session=session), "title": "Audit log", "nav": "admin", "user": user,
        "csrf": page_csrf(request)})
