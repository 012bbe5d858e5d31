"""Flags: any signed-in reader marks a claim or an incident as doubtful; an editor resolves it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from app.claims import service as claims
from app.claims.models import Claim
from app.errors import Invalid, NotFound
from app.incidents import service as incidents
from app.review import service as review
from app.review.models import FLAG_REASONS, Flag, User

MAX_NOTE = 2000


def _note(note: str | None) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise Invalid(f"The note is {len(text):,} characters long; the limit is {MAX_NOTE:,}.")
    return text


def _incident_of(session: Session, flag: Flag) -> int | None:
    if flag.incident_id is not None:
        return flag.incident_id
    claim = session.get(Claim, flag.claim_id) if flag.claim_id is not None else None
    return claim.incident_id if claim else None


def create(
    *, session: Session, user: User, reason: str, note: str | None, tolerance: float,
    claim_id: int | None = None, incident_id: int | None = None,
) -> Flag:
    """A new open flag by `user` on one claim or one incident."""
    if (claim_id is None) == (incident_id is None):
        raise Invalid("Flag either one claim or one incident.")
    if reason not in FLAG_REASONS:
        raise Invalid(f"reason: {reason!r} is not one of: {', '.join(FLAG_REASONS)}.")
    text = _note(note)
    if reason == "other" and not text:
        raise Invalid("Say what is wrong: a note is needed with the reason 'other'.")
    if claim_id is not None:
        claims.get(session=session, claim_id=claim_id)
    else:
        incidents.get(session=session, incident_id=incident_id or 0)
    flag = Flag(claim_id=claim_id, incident_id=incident_id, reason=reason, note=text,
                created_by=user.id, created_at=datetime.now(UTC))
    session.add(flag)
    session.flush()
    target = ("claim", claim_id) if claim_id is not None else ("incident", incident_id)
    review.audit(session=session, user=user, action="flag", target_type=target[0], target_id=target[1],
                 detail={"before": None, "after": {"flag": flag.id, "reason": reason, "note": text}})
    _recount(session, flag, tolerance)
    return flag


def _recount(session: Session, flag: Flag, tolerance: float) -> None:
    incident_id = _incident_of(session, flag)
    if incident_id is not None:
        incidents.refresh(session=session, incident_ids=[incident_id], tolerance=tolerance)


def get(*, session: Session, flag_id: int) -> Flag:
    """The flag with this id, or NotFound."""
    flag = session.get(Flag, flag_id)
    if flag is None:
        raise NotFound(f"There is no flag {flag_id}.")
    return flag


def resolve(*, session: Session, user: User, flag_id: int, note: str | None, tolerance: float) -> Flag:
    """The flag after an editor resolved it with a note saying what was done."""
    flag = get(session=session, flag_id=flag_id)
    if flag.status != "open":
        raise Invalid(f"Flag {flag_id} was resolved already.")
    text = _note(note)
    if not text:
        raise Invalid("Say how the flag was resolved: a note is needed.")
    flag.status, flag.resolved_by, flag.resolved_at, flag.resolution_note = (
        "resolved", user.id, datetime.now(UTC), text)
    session.add(flag)
    session.flush()
    # Audited on what was flagged, so the resolution shows in that claim's or incident's history.
    target = ("claim", flag.claim_id) if flag.claim_id is not None else ("incident", flag.incident_id)
    review.audit(session=session, user=user, action="resolve-flag", target_type=target[0], target_id=target[1],
                 detail={"before": {"flag": flag_id, "status": "open"},
                         "after": {"flag": flag_id, "status": "resolved"}, "note": text})
    _recount(session, flag, tolerance)
    return flag


@dataclass(frozen=True, slots=True)
class FlagRow:
    """A flag as pages and the API show it."""

    id: int
    claim_id: int | None
    incident_id: int | None
    reason: str
    reason_text: str
    note: str
    status: str
    created_by: str | None
    created_at: datetime
    resolved_by: str | None
    resolved_at: datetime | None
    resolution_note: str

    def json(self) -> dict[str, object]:
        """The flag as JSON."""
        return {
            "id": self.id, "claim_id": self.claim_id, "incident_id": self.incident_id, "reason": self.reason,
            "reason_text": self.reason_text, "note": self.note, "status": self.status,
            "created_by": self.created_by, "created_at": self.created_at.isoformat(),
            "resolved_by": self.resolved_by,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "resolution_note": self.resolution_note,
        }


def list_(
    *, session: Session, incident_id: int | None = None, claim_ids: list[int] | None = None,
    status: str | None = None, limit: int = 500,
) -> list[FlagRow]:
    """Flags on an incident and on these claims (or every flag), newest first."""
    stmt = select(Flag).order_by(col(Flag.created_at).desc(), col(Flag.id).desc()).limit(limit)
    targets = []
    if incident_id is not None:
        targets.append(col(Flag.incident_id) == incident_id)
    if claim_ids:
        targets.append(col(Flag.claim_id).in_(claim_ids))
    if targets:
        stmt = stmt.where(or_(*targets))
    if status:
        stmt = stmt.where(col(Flag.status) == status)
    flags = list(session.exec(stmt).all())
    names = review.user_names(session=session, ids={f.created_by for f in flags} | {f.resolved_by for f in flags})
    return [
        FlagRow(
            id=f.id or 0, claim_id=f.claim_id, incident_id=f.incident_id, reason=f.reason,
            reason_text=FLAG_REASONS.get(f.reason, f.reason), note=f.note, status=f.status,
            created_by=names.get(f.created_by), created_at=f.created_at, resolved_by=names.get(f.resolved_by),
            resolved_at=f.resolved_at, resolution_note=f.resolution_note,
        )
        for f in flags
    ]


def open_counts_by_claim(*, session: Session, claim_ids: list[int]) -> dict[int, int]:
    """Open flags per claim."""
    if not claim_ids:
        return {}
    stmt = (select(Flag.claim_id, func.count()).where(col(Flag.claim_id).in_(claim_ids), col(Flag.status) == "open")
            .group_by(col(Flag.claim_id)))
    return {int(c): int(n) for c, n in session.exec(stmt).all() if c is not None}
