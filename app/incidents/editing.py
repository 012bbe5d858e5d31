"""What editors do to incidents: merge two, split one, override the grade. Each is one audited action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.claims import service as claims
from app.claims.models import Claim
from app.errors import Invalid
from app.incidents import service
from app.incidents.models import GRADES, Incident, IncidentUnit
from app.review import service as review
from app.review.models import User

MAX_NOTE = 2000


def _state(session: Session, incident: Incident) -> dict[str, Any]:
    assert incident.id is not None
    ids = sorted(c.id for c, _ in claims.list_for_incident(session=session, incident_id=incident.id)
                 if c.id is not None)
    return {"id": incident.id, "title": incident.title, "claims": ids, "grade": incident.grade,
            "grade_override": incident.grade_override, "pinned": incident.pinned}


def _note(note: str | None, *, required: bool = False, what: str = "") -> str:
    text = (note or "").strip()
    if required and not text:
        raise Invalid(f"Say why: a note is needed to {what}.")
    if len(text) > MAX_NOTE:
        raise Invalid(f"The note is {len(text):,} characters long; the limit is {MAX_NOTE:,}.")
    return text


def merge(
    *, session: Session, user: User, incident_id: int, other_id: int, note: str | None, tolerance: float
) -> Incident:
    """Incident `incident_id` after `user` merged `other_id` into it; regrouping keeps them together."""
    if incident_id == other_id:
        raise Invalid("An incident cannot be merged with itself.")
    keep = service.get(session=session, incident_id=incident_id)
    other = service.get(session=session, incident_id=other_id)
    before = {"into": _state(session, keep), "merged": _state(session, other)}
    service.absorb(session=session, keep=incident_id, others=[other_id])
    keep.pinned = True
    session.add(keep)
    session.flush()
    service.refresh(session=session, incident_ids=[incident_id], tolerance=tolerance)
    after = _state(session, keep)
    text = _note(note)
    review.audit(session=session, user=user, action="merge", target_type="incident", target_id=incident_id,
                 detail={"before": before, "after": after, "note": text})
    review.audit(session=session, user=user, action="merged-into", target_type="incident", target_id=other_id,
                 detail={"before": before["merged"], "after": {"merged_into": incident_id}, "note": text})
    return keep


def split(
    *, session: Session, user: User, incident_id: int, claim_ids: Sequence[int], note: str | None,
    tolerance: float,
) -> Incident:
    """The new incident holding `claim_ids`, which `user` split off incident `incident_id`.

    Both incidents are pinned, so regrouping keeps them apart; a stored unit whose claims all
    went to the new incident goes with them.
    """
    source = service.get(session=session, incident_id=incident_id)
    rows = claims.list_for_incident(session=session, incident_id=incident_id)
    inside = {c.id for c, _ in rows}
    chosen = sorted(set(claim_ids))
    if not chosen:
        raise Invalid("Choose the claims that form the new incident.")
    outside = [i for i in chosen if i not in inside]
    if outside:
        raise Invalid(f"Claim(s) {', '.join(map(str, outside))} are not in incident {incident_id}.")
    if len(chosen) == len(inside):
        raise Invalid("Leave at least one claim in the incident: splitting off all of them changes nothing.")
    before = _state(session, source)
    new_id = service.new_incident(session)
    session.execute(update(Claim).where(col(Claim.id).in_(chosen))
                    .values(incident_id=new_id, incident_locked=True))
    _move_whole_units(session=session, source=incident_id, target=new_id, chosen=set(chosen))
    new = service.get(session=session, incident_id=new_id)
    source.pinned = new.pinned = True
    session.add_all([source, new])
    session.flush()
    service.refresh(session=session, incident_ids=[incident_id, new_id], tolerance=tolerance)
    after = {"kept": _state(session, source), "new": _state(session, new)}
    text = _note(note)
    review.audit(session=session, user=user, action="split", target_type="incident", target_id=incident_id,
                 detail={"before": before, "after": after, "note": text})
    review.audit(session=session, user=user, action="split-off", target_type="incident", target_id=new_id,
                 detail={"before": {"split_from": incident_id}, "after": after["new"], "note": text})
    return new


def _move_whole_units(*, session: Session, source: int, target: int, chosen: set[int]) -> None:
    """Move the stored units of `source` whose claims are all among `chosen` to `target`."""
    units = session.exec(select(IncidentUnit).where(IncidentUnit.incident_id == source)).all()
    for u in units:
        ids = service.unit_claim_ids(session=session, unit=u)
        if ids and set(ids) <= chosen:
            u.incident_id = target
            session.add(u)
    session.flush()


def set_grade(
    *, session: Session, user: User, incident_id: int, grade: str | None, note: str | None
) -> Incident:
    """The incident after `user` overrode its computed grade (None gives the computed one back)."""
    if grade is not None and grade not in GRADES:
        raise Invalid(f"grade: {grade!r} is not one of {', '.join(GRADES)}.")
    incident = service.get(session=session, incident_id=incident_id)
    text = _note(note, required=grade is not None, what="override the computed grade")
    before = {"grade": incident.grade, "grade_override": incident.grade_override, "grade_note": incident.grade_note}
    incident.grade_override = grade
    incident.grade_note = text if grade is not None else ""
    session.add(incident)
    session.flush()
    after = {"grade": incident.grade, "grade_override": incident.grade_override, "grade_note": incident.grade_note}
    review.audit(session=session, user=user, action="grade", target_type="incident", target_id=incident_id,
                 detail={"before": before, "after": after, "note": text})
    return incident
