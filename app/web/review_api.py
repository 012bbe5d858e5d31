"""The JSON API for reviewing: flags, reviews, corrections, added and moved claims, merges, splits,
grades, the queue and history. Send a personal API token (`Authorization: Bearer cc_...`) or use a
signed-in session with its `X-CSRF-Token` header; the roles are those of the web forms.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.claims import corrections
from app.claims import service as claims
from app.config import Settings
from app.incidents import editing
from app.incidents.queries import facet_cache
from app.review import flags, queue
from app.review import service as review
from app.review.models import User
from app.web.auth import require
from app.web.deps import RecordId, get_session, get_settings

router = APIRouter(prefix="/api", tags=["review"])
Reason = Literal["wrong_figure", "wrong_claimant", "wrong_subject", "wrong_incident", "duplicate",
                 "disputed_by_source", "other"]
NoteField = Field(default="", max_length=2000)


class ReviewIn(BaseModel):
    status: Literal["unreviewed", "confirmed", "disputed", "rejected"]
    note: str = NoteField


class FlagIn(BaseModel):
    reason: Reason
    note: str = NoteField


class NoteIn(BaseModel):
    note: str = NoteField


class CorrectionIn(BaseModel):
    value: int | None = Field(default=None, ge=0, le=2_000_000_000)
    value_high: int | None = Field(default=None, ge=0, le=2_000_000_000)
    qualifier: str | None = Field(default=None, max_length=16)
    claimant: str | None = Field(default=None, max_length=64)
    subject: str | None = Field(default=None, max_length=64)
    metric: str | None = Field(default=None, max_length=32)
    event_date: date | None = None
    provinces: list[Annotated[str, Field(max_length=80)]] | None = Field(default=None, max_length=20)
    note: str = NoteField


class NewClaimIn(BaseModel):
    start: int = Field(ge=0, le=2_000_000)
    end: int = Field(ge=0, le=2_000_000)
    claimant: str = Field(max_length=64)
    subject: str = Field(max_length=64)
    metric: str = Field(max_length=32)
    value: int | None = Field(default=None, ge=0, le=2_000_000_000)
    value_high: int | None = Field(default=None, ge=0, le=2_000_000_000)
    qualifier: str = Field(default="exact", max_length=16)
    stance: str = Field(default="asserts", max_length=16)
    event_date: date | None = None
    provinces: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=20)
    incident_id: int | None = Field(default=None, ge=1, le=2_147_483_647)
    note: str = NoteField


class MoveIn(BaseModel):
    incident_id: int = Field(ge=1, le=2_147_483_647)
    note: str = NoteField


class MergeIn(BaseModel):
    other_id: int = Field(ge=1, le=2_147_483_647)
    note: str = NoteField


class SplitIn(BaseModel):
    claim_ids: list[Annotated[int, Field(ge=1, le=2_147_483_647)]] = Field(min_length=1, max_length=1000)
    note: str = NoteField


class GradeIn(BaseModel):
    grade: Literal["confirmed", "fair", "weak", "contested", "discounted"] | None
    note: str = NoteField


Db = Annotated[Session, Depends(get_session, scope="function")]
Conf = Annotated[Settings, Depends(get_settings)]
Viewer = Annotated[User, Depends(require("viewer"))]
Editor = Annotated[User, Depends(require("editor"))]


def _claim_out(session: Session, claim_id: int) -> dict[str, Any]:
    claim = claims.get(session=session, claim_id=claim_id)
    reviewer = review.user_names(session=session, ids={claim.reviewed_by}).get(claim.reviewed_by)
    return {
        "id": claim.id, "article_id": claim.article_id, **corrections.snapshot(claim),
        "value_text": claim.value_text, "evidence": claim.evidence, "evidence_start": claim.evidence_start,
        "evidence_end": claim.evidence_end, "rule": claim.rule, "origin": claim.origin, "corrected": claim.corrected,
        "incident_locked": claim.incident_locked, "reviewed_by": reviewer,
        "reviewed_at": claim.reviewed_at.isoformat() if claim.reviewed_at else None,
        "flags": [f.json() for f in flags.list_(session=session, claim_ids=[claim_id])],
        "history": [h.json() for h in queue.claim_history(session=session, claim_id=claim_id)],
        "url": f"/claims/{claim.id}",
    }


def _done(body: dict[str, Any], status: int = 200) -> JSONResponse:
    facet_cache.clear()
    return JSONResponse(body, status_code=status)


@router.get("/claims/{claim_id}", summary="One claim with its review state, flags and history")
def claim_api(claim_id: RecordId, session: Db) -> JSONResponse:
    return JSONResponse(_claim_out(session, claim_id))


@router.post("/claims/{claim_id}/review", summary="Confirm, dispute or reject a figure (editor; a note "
             "is needed to dispute or reject)")
def review_api(claim_id: RecordId, body: ReviewIn, session: Db, settings: Conf, user: Editor) -> JSONResponse:
    corrections.review_claim(session=session, user=user, claim_id=claim_id, status=body.status, note=body.note,
                             tolerance=settings.contest_tolerance)
    return _done(_claim_out(session, claim_id))


@router.patch("/claims/{claim_id}", summary="Correct a claim's value, range, qualifier, claimant, subject, "
              "metric, event date or provinces (editor)")
def correct_api(claim_id: RecordId, body: CorrectionIn, session: Db, settings: Conf, user: Editor) -> JSONResponse:
    changes = body.model_dump(exclude_unset=True, exclude={"note"})
    corrections.correct_claim(session=session, user=user, claim_id=claim_id, changes=changes, note=body.note,
                              tolerance=settings.contest_tolerance)
    return _done(_claim_out(session, claim_id))


@router.post("/claims/{claim_id}/move", summary="Move a claim to another incident (editor)")
def move_api(claim_id: RecordId, body: MoveIn, session: Db, settings: Conf, user: Editor) -> JSONResponse:
    corrections.move_claim(session=session, user=user, claim_id=claim_id, incident_id=body.incident_id,
                           note=body.note, tolerance=settings.contest_tolerance)
    return _done(_claim_out(session, claim_id))


@router.post("/articles/{article_id}/claims", status_code=201,
             summary="Add a claim the extractor missed, from characters start..end of the article (editor)")
def add_api(article_id: RecordId, body: NewClaimIn, session: Db, settings: Conf, user: Editor) -> JSONResponse:
    fields = body.model_dump(include={"claimant", "subject", "metric", "value", "value_high", "qualifier",
                                      "event_date", "provinces"})
    claim = corrections.add_claim(session=session, user=user, article_id=article_id, start=body.start,
                                  end=body.end, fields=fields, stance=body.stance, incident_id=body.incident_id,
                                  note=body.note, tolerance=settings.contest_tolerance)
    return _done(_claim_out(session, claim.id or 0), status=201)


@router.post("/claims/{claim_id}/flags", status_code=201, summary="Flag a claim (any signed-in user or token)")
def flag_claim_api(claim_id: RecordId, body: FlagIn, session: Db, settings: Conf, user: Viewer) -> JSONResponse:
    flag = flags.create(session=session, user=user, claim_id=claim_id, reason=body.reason, note=body.note,
                        tolerance=settings.contest_tolerance)
    return _done(flags.list_(session=session, claim_ids=[claim_id])[0].json() | {"id": flag.id}, status=201)


@router.post("/incidents/{incident_id}/flags", status_code=201, summary="Flag an incident (any signed-in user)")
def flag_incident_api(
    incident_id: RecordId, body: FlagIn, session: Db, settings: Conf, user: Viewer
) -> JSONResponse:
    flag = flags.create(session=session, user=user, incident_id=incident_id, reason=body.reason, note=body.note,
                        tolerance=settings.contest_tolerance)
    return _done({"id": flag.id, "incident_id": incident_id, "reason": flag.reason, "status": flag.status},
                 status=201)


@router.post("/flags/{flag_id}/resolve", summary="Resolve a flag with a note (editor)")
def resolve_api(flag_id: RecordId, body: NoteIn, session: Db, settings: Conf, user: Editor) -> JSONResponse:
    flag = flags.resolve(session=session, user=user, flag_id=flag_id, note=body.note,
                         tolerance=settings.contest_tolerance)
    return _done({"id": flag.id, "status": flag.status, "resolution_note": flag.resolution_note})


@router.get("/flags", summary="Flags, newest first (filter by status)")
def flags_api(session: Db, status: Annotated[Literal["open", "resolved"] | None, Query()] = None) -> JSONResponse:
    return JSONResponse({"flags": [f.json() for f in flags.list_(session=session, status=status)]})


@router.post("/incidents/{incident_id}/merge", summary="Merge incident other_id into this one (editor)")
def merge_api(incident_id: RecordId, body: MergeIn, session: Db, settings: Conf, user: Editor) -> JSONResponse:
    incident = editing.merge(session=session, user=user, incident_id=incident_id, other_id=body.other_id,
                             note=body.note, tolerance=settings.contest_tolerance)
    return _done({"id": incident.id, "claims": incident.claim_count, "url": f"/incidents/{incident.id}"})


@router.post("/incidents/{incident_id}/split", status_code=201,
             summary="Split the given claims off into a new incident (editor)")
def split_api(incident_id: RecordId, body: SplitIn, session: Db, settings: Conf, user: Editor) -> JSONResponse:
    new = editing.split(session=session, user=user, incident_id=incident_id, claim_ids=body.claim_ids,
                        note=body.note, tolerance=settings.contest_tolerance)
    return _done({"id": new.id, "claims": new.claim_count, "url": f"/incidents/{new.id}"}, status=201)


@router.post("/incidents/{incident_id}/grade", summary="Override the computed grade with a reason, or "
             "give it back with grade null (editor)")
def grade_api(incident_id: RecordId, body: GradeIn, session: Db, user: Editor) -> JSONResponse:
    incident = editing.set_grade(session=session, user=user, incident_id=incident_id, grade=body.grade,
                                 note=body.note)
    return _done({"id": incident.id, "grade": incident.grade_override or incident.grade,
                  "grade_computed": incident.grade, "grade_override": incident.grade_override,
                  "grade_note": incident.grade_note})


@router.get("/incidents/{incident_id}/history", summary="Who changed what in an incident and its claims")
def incident_history_api(incident_id: RecordId, session: Db) -> JSONResponse:
    from app.incidents import service as incidents

    incidents.get(session=session, incident_id=incident_id)
    return JSONResponse({"incident_id": incident_id,
                         "history": [h.json() for h in queue.incident_history(session=session,
                                                                              incident_id=incident_id)]})


@router.get("/review/queue", summary="Figures waiting for review (editor; a read token is enough)")
def queue_api(
    session: Db, user: Annotated[User, Depends(require("editor", write=False))],
    kind: Annotated[str, Query(max_length=16)] = "all", order: Annotated[str, Query(max_length=16)] = "oldest",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> JSONResponse:
    items, total = queue.queue(session=session, kind=kind, order=order, page=page)
    return JSONResponse({
        "total": total, "page": page, "kind": kind, "order": order,
        "items": [{"claim_id": i.claim.id, "incident_id": i.claim.incident_id, "claimant": i.claim.claimant,
                   "metric": i.claim.metric, "subject": i.claim.subject, "value": i.claim.value,
                   "review_status": i.claim.review_status, "open_flags": i.open_flags, "cited": i.cited,
                   "incident_contested": i.incident_contested, "evidence": i.claim.evidence,
                   "published": i.published.isoformat() if i.published else None, "url": f"/claims/{i.claim.id}"}
                  for i in items],
    })


@router.get("/audit", summary="The audit log, newest first (admin)")
def audit_api(
    session: Db, user: Annotated[User, Depends(require("admin", write=False))],
    action: Annotated[str | None, Query(max_length=40)] = None,
    target_type: Annotated[str | None, Query(max_length=40)] = None,
    by: Annotated[int | None, Query(ge=1, le=2_147_483_647, description="A user's id.")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> JSONResponse:
    entries, total = queue.audit_log(session=session, action=action, target_type=target_type, user_id=by,
                                     page=page)
    return JSONResponse({"total": total, "page": page, "entries": [e.json() for e in entries]})
