"""What waits for an editor: flagged, contested and unreviewed figures; and the history of changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session, col
from sqlmodel import select as sqlmodel_select

from app.articles.models import Article
from app.claims.models import Claim
from app.errors import Invalid
from app.incidents.models import Incident
from app.review.models import AuditEntry, Flag, User

KINDS = ("all", "flagged", "contested", "unreviewed")
ORDERS = ("oldest", "cited")
PAGE = 50


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One figure waiting for review, with what a reviewer needs to judge it."""

    claim: Claim
    article_title: str | None
    published: date | None
    outlet: str | None
    incident_contested: bool
    open_flags: int
    cited: int  # claims in its incident that put forward the same figure


C = Claim.__table__  # type: ignore[attr-defined]
A = Article.__table__  # type: ignore[attr-defined]
I = Incident.__table__  # type: ignore[attr-defined]  # noqa: E741
F = Flag.__table__  # type: ignore[attr-defined]
AE = AuditEntry.__table__  # type: ignore[attr-defined]
U = User.__table__  # type: ignore[attr-defined]


def queue(*, session: Session, kind: str = "all", order: str = "oldest", page: int = 1) -> tuple[list[QueueItem], int]:
    """One page of figures waiting for review, and how many there are."""
    if kind not in KINDS:
        raise Invalid(f"kind: {kind!r} is not one of {', '.join(KINDS)}.")
    if order not in ORDERS:
        raise Invalid(f"order: {order!r} is not one of {', '.join(ORDERS)}.")
    open_claims = select(F.c.claim_id).where(F.c.status == "open", F.c.claim_id.is_not(None))
    open_incidents = select(F.c.incident_id).where(F.c.status == "open", F.c.incident_id.is_not(None))
    flagged = or_(C.c.id.in_(open_claims), C.c.incident_id.in_(open_incidents))
    unreviewed = C.c.review_status == "unreviewed"
    where = {
        "all": or_(unreviewed, flagged),
        "flagged": flagged,
        "contested": and_(unreviewed, I.c.contested.is_(True)),
        "unreviewed": unreviewed,
    }[kind]
    value = func.coalesce(C.c.value, -1)
    cited = (select(C.c.incident_id, C.c.claimant, C.c.metric, C.c.subject, value.label("v"), func.count().label("n"))
             .group_by(C.c.incident_id, C.c.claimant, C.c.metric, C.c.subject, value)).subquery()
    flags = select(F.c.claim_id, func.count().label("n")).where(F.c.status == "open").group_by(F.c.claim_id).subquery()
    n_cited = func.coalesce(cited.c.n, 1)
    base = (
        select(C.c.id, A.c.title, A.c.published, A.c.outlet, I.c.contested, func.coalesce(flags.c.n, 0), n_cited)
        .select_from(C)
        .join(A, A.c.id == C.c.article_id)
        .outerjoin(I, I.c.id == C.c.incident_id)
        .outerjoin(flags, flags.c.claim_id == C.c.id)
        .outerjoin(cited, and_(cited.c.incident_id == C.c.incident_id, cited.c.claimant == C.c.claimant,
                               cited.c.metric == C.c.metric, cited.c.subject == C.c.subject, cited.c.v == value))
        .where(where)
    )
    total = int(session.execute(select(func.count()).select_from(base.subquery())).scalar_one())
    ordering = [A.c.published.asc().nulls_last(), C.c.id]
    if order == "cited":
        ordering.insert(0, n_cited.desc())
    rows = session.execute(base.order_by(*ordering).limit(PAGE).offset((page - 1) * PAGE)).all()
    claims = {c.id: c for c in session.exec(sqlmodel_select(Claim).where(col(Claim.id).in_([r[0] for r in rows])))}
    return [QueueItem(claim=claims[r[0]], article_title=r[1], published=r[2], outlet=r[3],
                      incident_contested=bool(r[4]), open_flags=int(r[5]), cited=int(r[6])) for r in rows], total


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One audited change, with the name of who made it."""

    id: int
    at: datetime
    user: str | None
    action: str
    target_type: str
    target_id: str
    detail: dict[str, Any]

    def json(self) -> dict[str, Any]:
        """The entry as JSON."""
        return {"id": self.id, "at": self.at.isoformat(), "user": self.user, "action": self.action,
                "target_type": self.target_type, "target_id": self.target_id, "detail": self.detail}


def _entries(session: Session, stmt: Any) -> list[HistoryEntry]:
    return [
        HistoryEntry(id=e.id or 0, at=e.at, user=name, action=e.action, target_type=e.target_type,
                     target_id=e.target_id, detail=dict(e.detail))
        for e, name in session.execute(stmt).all()
    ]


def _with_names(stmt_where: Any) -> Any:
    return (select(AuditEntry, U.c.display_name).outerjoin(U, U.c.id == AE.c.user_id)
            .where(stmt_where).order_by(AE.c.at.desc(), AE.c.id.desc()))


def claim_history(*, session: Session, claim_id: int) -> list[HistoryEntry]:
    """Every audited change of one claim, newest first."""
    return _entries(session, _with_names(and_(AE.c.target_type == "claim", AE.c.target_id == str(claim_id))))


def incident_history(*, session: Session, incident_id: int) -> list[HistoryEntry]:
    """Every audited change of one incident and of the claims now in it, newest first."""
    ids = [str(i) for i in session.execute(select(C.c.id).where(C.c.incident_id == incident_id)).scalars()]
    on = and_(AE.c.target_type == "incident", AE.c.target_id == str(incident_id))
    if ids:
        on = or_(on, and_(AE.c.target_type == "claim", AE.c.target_id.in_(ids)))
    return _entries(session, _with_names(on).limit(500))


def audit_log(
    *, session: Session, action: str | None = None, target_type: str | None = None, user_id: int | None = None,
    page: int = 1, page_size: int = 50,
) -> tuple[list[HistoryEntry], int]:
    """One page of the audit log (newest first), filtered, and how many entries match."""
    conditions = [AE.c.id.is_not(None)]
    if action:
        conditions.append(AE.c.action == action)
    if target_type:
        conditions.append(AE.c.target_type == target_type)
    if user_id is not None:
        conditions.append(AE.c.user_id == user_id)
    where = and_(*conditions)
    total = int(session.execute(select(func.count()).select_from(AE).where(where)).scalar_one())
    entries = _entries(session, _with_names(where).limit(page_size).offset((page - 1) * page_size))
    return entries, total


def audit_actions(*, session: Session) -> list[str]:
    """The actions that occur in the audit log, for its filter."""
    return sorted(str(a) for a in session.execute(select(AE.c.action).distinct()).scalars())
