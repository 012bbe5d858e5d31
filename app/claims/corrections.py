"""What reviewers do to claims: review, correct, add a missed one, move one to another incident.

Every action is one audited change with the claim's fields before and after. The caller owns the
transaction; incidents whose figures changed are refreshed here, so lists and grades follow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import Session

from app.articles import service as articles
from app.claims import service as claims
from app.claims.models import REVIEW_STATUSES, Claim
from app.errors import Invalid
from app.extraction.types import METRICS, QUALIFIERS, STANCES
from app.incidents import service as incidents
from app.incidents.models import Incident
from app.parties import service as parties
from app.review import service as review
from app.review.models import User

PARTY_ID = re.compile(r"^[a-z][a-z_]{1,63}$")
MAX_NOTE = 2000
# The fields an editor may correct, and how each is checked.
CORRECTABLE = ("value", "value_high", "qualifier", "claimant", "subject", "metric", "event_date", "provinces")


def snapshot(claim: Claim) -> dict[str, Any]:
    """The claim's reviewable fields as JSON-ready values (for audit entries and the API)."""
    return {
        "claimant": claim.claimant,
        "subject": claim.subject,
        "metric": claim.metric,
        "value": claim.value,
        "value_high": claim.value_high,
        "qualifier": claim.qualifier,
        "stance": claim.stance,
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "provinces": list(claim.provinces),
        "incident_id": claim.incident_id,
        "review_status": claim.review_status,
        "review_note": claim.review_note,
    }


def _note(note: str | None) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise Invalid(f"The note is {len(note):,} characters long; the limit is {MAX_NOTE:,}.")
    return note


def _refresh(session: Session, ids: set[int | None], tolerance: float) -> None:
    incidents.refresh(session=session, incident_ids=[i for i in ids if i is not None], tolerance=tolerance)


def review_claim(
    *, session: Session, user: User, claim_id: int, status: str, note: str | None, tolerance: float
) -> Claim:
    """The claim after `user` set its review status, with a reason (needed to dispute or reject)."""
    if status not in REVIEW_STATUSES:
        raise Invalid(f"Unknown review status {status!r}; use one of: {', '.join(REVIEW_STATUSES)}.")
    text = _note(note)
    if status in ("disputed", "rejected") and not text:
        raise Invalid(f"Say why the figure is {status}: a note is needed.")
    claim = claims.get(session=session, claim_id=claim_id)
    before = snapshot(claim)
    claim.review_status = status
    claim.review_note = text
    claim.reviewed_by = user.id if status != "unreviewed" else None
    claim.reviewed_at = datetime.now(UTC) if status != "unreviewed" else None
    session.add(claim)
    session.flush()
    _refresh(session, {claim.incident_id}, tolerance)
    review.audit(session=session, user=user, action="review", target_type="claim", target_id=claim_id,
                 detail={"before": before, "after": snapshot(claim), "note": text})
    return claim


def _int(name: str, raw: object) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = int(str(raw).replace(",", "").strip())
    except ValueError:
        raise Invalid(f"{name}: {raw!r} is not a whole number.") from None
    if not 0 <= value <= 2_000_000_000:
        raise Invalid(f"{name}: {value} is out of range (0 to 2,000,000,000).")
    return value


def _party(name: str, raw: object) -> str:
    value = str(raw or "").strip().lower()
    if not PARTY_ID.match(value):
        raise Invalid(f"{name}: {value!r} is not a party id (lower-case letters and _, e.g. pakistan).")
    return value


def _changes(data: Mapping[str, object]) -> dict[str, Any]:
    """The valid, typed field changes of a correction."""
    unknown = sorted(set(data) - set(CORRECTABLE))
    if unknown:
        raise Invalid(f"Cannot correct {', '.join(unknown)}; correctable: {', '.join(CORRECTABLE)}.")
    out: dict[str, Any] = {}
    for key, raw in data.items():
        if key in ("value", "value_high"):
            out[key] = _int(key, raw)
        elif key == "qualifier":
            if raw not in QUALIFIERS:
                raise Invalid(f"qualifier: {raw!r} is not one of {', '.join(QUALIFIERS)}.")
            out[key] = raw
        elif key == "metric":
            if raw not in METRICS:
                raise Invalid(f"metric: {raw!r} is not a metric; use one of: {', '.join(METRICS)}.")
            out[key] = raw
        elif key in ("claimant", "subject"):
            out[key] = _party(key, raw)
        elif key == "event_date":
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                out[key] = None
            elif isinstance(raw, date):
                out[key] = raw
            else:
                try:
                    out[key] = date.fromisoformat(str(raw).strip())
                except ValueError:
                    raise Invalid(f"event_date: {raw!r} is not a date; write it as YYYY-MM-DD.") from None
        elif key == "provinces":
            items = raw.split(",") if isinstance(raw, str) else list(raw) if isinstance(raw, list | tuple) else None
            if items is None:
                raise Invalid("provinces: give a list of province names (comma-separated in a form).")
            names = [" ".join(str(p).split()) for p in items]
            out[key] = [p for p in dict.fromkeys(names) if p][:20]
    return out


def _check(claim: Claim) -> None:
    if claim.value_high is not None and (claim.value is None or claim.value_high < claim.value):
        raise Invalid("value_high must be at least value (a range runs from value to value_high).")
    if claim.qualifier == "range" and claim.value_high is None:
        raise Invalid("A range needs value_high.")
    if claim.value is None and claim.stance != "denies":
        raise Invalid("A figure needs a value (only a denial has none).")


def correct_claim(
    *, session: Session, user: User, claim_id: int, changes: Mapping[str, object], note: str | None,
    tolerance: float,
) -> Claim:
    """The claim after `user` corrected some of its fields; the extractor never overwrites them."""
    fields = _changes(changes)
    claim = claims.get(session=session, claim_id=claim_id)
    before = snapshot(claim)
    for key, value in fields.items():
        setattr(claim, key, value)
    if "event_date" in fields:
        claim.date_basis = "sentence" if claim.event_date else None
    _check(claim)
    after = snapshot(claim)
    if after == before:
        raise Invalid("Nothing changed: every field already has the value given.")
    parties.ensure(session=session, ids=[claim.claimant])
    claim.corrected = True
    session.add(claim)
    session.flush()
    _refresh(session, {claim.incident_id}, tolerance)
    review.audit(session=session, user=user, action="correct", target_type="claim", target_id=claim_id,
                 detail={"before": before, "after": after, "note": _note(note)})
    return claim


def add_claim(
    *, session: Session, user: User, article_id: int, start: int, end: int, fields: Mapping[str, object],
    stance: str = "asserts", incident_id: int | None = None, note: str | None = None, tolerance: float,
) -> Claim:
    """A claim the extractor missed, added by `user` from the article's text between `start` and `end`."""
    article = articles.get(session=session, article_id=article_id)
    if not 0 <= start < end <= len(article.text):
        raise Invalid(f"The selection {start}–{end} is not inside the article's text (0–{len(article.text)}).")
    evidence = article.text[start:end].strip()
    if not evidence:
        raise Invalid("Select the sentence that states the figure.")
    if len(evidence) > 2000:
        raise Invalid("The selection is over 2,000 characters; select the one sentence with the figure.")
    if stance not in STANCES:
        raise Invalid(f"stance: {stance!r} is not one of {', '.join(STANCES)}.")
    missing = [k for k in ("claimant", "subject", "metric") if not fields.get(k)]
    if missing:
        raise Invalid(f"Say the {', '.join(missing)} of the new figure.")
    data = _changes({"qualifier": "exact", **fields})
    if incident_id is None:
        # The incident of the article's other claims, if they all share one.
        found = {c.incident_id for c in claims.list_for_article(session=session, article_id=article_id)}
        incident_id = found.pop() if len(found) == 1 else None
    elif session.get(Incident, incident_id) is None:
        raise Invalid(f"There is no incident {incident_id}.")
    claim = Claim(
        article_id=article_id, incident_id=incident_id, stance=stance, evidence=evidence,
        evidence_start=start, evidence_end=end, value_text=evidence[:200], rule="editor",
        extractor_version="editor", origin="editor", incident_locked=incident_id is not None,
        date_basis="sentence" if data.get("event_date") else None, **data,
    )
    _check(claim)
    parties.ensure(session=session, ids=[claim.claimant])
    session.add(claim)
    session.flush()
    if incident_id is None:
        new = Incident(title="(untitled incident)", updated_at=datetime.now(UTC))
        session.add(new)
        session.flush()
        claim.incident_id, claim.incident_locked = new.id, True
        session.add(claim)
        session.flush()
    _refresh(session, {claim.incident_id}, tolerance)
    review.audit(session=session, user=user, action="add-claim", target_type="claim", target_id=claim.id,
                 detail={"before": None, "after": snapshot(claim), "note": _note(note)})
    return claim


def move_claim(
    *, session: Session, user: User, claim_id: int, incident_id: int, note: str | None, tolerance: float
) -> Claim:
    """The claim after `user` moved it to another incident; regrouping keeps it and both incidents as they are."""
    claim = claims.get(session=session, claim_id=claim_id)
    target = incidents.get(session=session, incident_id=incident_id)
    if claim.incident_id == target.id:
        raise Invalid(f"Claim {claim_id} is in incident {incident_id} already.")
    before = snapshot(claim)
    source = claim.incident_id
    claim.incident_id, claim.incident_locked = target.id, True
    session.add(claim)
    # A person said what belongs in both incidents: regrouping and re-reading keep them as they are.
    for touched in (source, target.id):
        incident = session.get(Incident, touched) if touched is not None else None
        if incident is not None:
            incident.pinned = True
            session.add(incident)
    session.flush()
    _refresh(session, {source, target.id}, tolerance)
    review.audit(session=session, user=user, action="move-claim", target_type="claim", target_id=claim_id,
                 detail={"before": before, "after": snapshot(claim), "note": _note(note)})
    return claim
