"""Incidents in the database: place new units, merge, refresh computed fields, regroup."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Text, and_, cast, delete, func, or_, select, type_coerce, update
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from app.articles.models import Article
from app.claims import service as claims_service
from app.claims.models import Claim
from app.errors import NotFound
from app.incidents import grading, grouping, summary
from app.incidents.comparison import Comparison, Row, compare, count_outlets, lead_row
from app.incidents.models import Incident, IncidentParty, IncidentProvince, IncidentUnit
from app.incidents.wording import row_label
from app.parties.service import display_name
from app.review.models import Flag


def unit_to_features(unit: grouping.Unit) -> dict[str, Any]:
    """A JSON-ready dict of everything `related` needs to judge a unit again later."""
    return {
        "key": unit.key,
        "article_key": unit.article_key,
        "story": unit.story,
        "published": unit.published.isoformat() if unit.published else None,
        "outlet": unit.outlet,
        "event_dates": [d.isoformat() for d in unit.event_dates],
        "provinces": sorted(unit.provinces),
        "parties": sorted(unit.parties),
        "figures": sorted([list(f) for f in unit.figures]),
        "terms": sorted(unit.terms),
        "claim_indexes": list(unit.claim_indexes),
    }


def unit_from_features(data: dict[str, Any]) -> grouping.Unit:
    """The unit that `unit_to_features` stored."""
    # Only `unit_to_features` writes these dicts, so the values already have their types; this
    # runs for every candidate unit of every placement and stays free of per-item conversions.
    published = data.get("published")
    outlet = data.get("outlet")
    return grouping.Unit(
        key=str(data["key"]),
        article_key=str(data["article_key"]),
        story=int(data["story"]),
        published=date.fromisoformat(published) if isinstance(published, str) else None,
        outlet=outlet if isinstance(outlet, str) else None,
        event_dates=tuple(map(date.fromisoformat, data.get("event_dates", ()))),
        provinces=frozenset(data.get("provinces", ())),
        parties=frozenset(data.get("parties", ())),
        figures=frozenset(map(tuple, data.get("figures", ()))),
        terms=frozenset(data.get("terms", ())),
        claim_indexes=tuple(data.get("claim_indexes", ())),
    )


def sides_column(parties: Iterable[str]) -> str:
    """The `incident_unit.sides` value of a unit with these sides: "|a|b|", sorted; "" for none."""
    names = sorted(set(parties))
    return "|" + "|".join(names) + "|" if names else ""


def _sides_may_match(parties: frozenset[str]) -> ColumnElement[bool] | None:
    """A condition on `incident_unit.sides` that keeps every stored unit whose sides do not clash
    with `parties` (see grouping.related): None when every unit qualifies.

    No known side: any unit. One side x: units with no sides or with x among theirs. Two or more:
    units with no sides, with a single side among ours, or with at least two of ours.
    """
    sides = _UNITS.c.sides
    names = sorted(parties)
    if not names:
        return None
    has = {n: sides.contains(f"|{n}|", autoescape=True) for n in names}
    if len(names) == 1:
        return or_(sides == "", has[names[0]])
    return or_(
        sides == "",
        sides.in_([sides_column([n]) for n in names]),
        *(and_(has[x], has[y]) for x, y in itertools.combinations(names, 2)),
    )


def _now() -> datetime:
    return datetime.now(UTC)


def get(*, session: Session, incident_id: int) -> Incident:
    """The incident with this id, or NotFound."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"There is no incident {incident_id}.")
    return incident


_UNITS = IncidentUnit.__table__  # type: ignore[attr-defined]


class _ParsedUnits:
    """Stored units parsed from JSON, by key. A unit's features never change once stored (only its
    incident does, and that is read fresh every time), so entries never go stale."""

    def __init__(self, size: int = 200_000) -> None:
        self.size = size
        self.data: dict[str, grouping.Unit] = {}

    def get(self, key: str, raw: Any) -> grouping.Unit:
        unit = self.data.get(key)
        if unit is None:
            features = json.loads(raw) if isinstance(raw, str) else raw
            unit = unit_from_features(features)
            if len(self.data) >= self.size:
                self.data.clear()
            self.data[key] = unit
        return unit


parsed_units = _ParsedUnits()


def _candidates(*, session: Session, unit: grouping.Unit, window_days: int) -> list[tuple[int, grouping.Unit]]:
    """(incident id, unit) of stored units that may be related to `unit`: anchored within the window, or undated.

    Plain columns, not ORM objects, and features parsed once per process: this runs for every
    unit of every new article against every unit in its window.
    """
    day = grouping.anchor(unit)
    # The raw JSON text, so that a unit already parsed costs no decoding.
    # SQLite stores JSON as text already; PostgreSQL's driver would decode a json column itself.
    features = type_coerce(_UNITS.c.features, Text) if session.get_bind().dialect.name == "sqlite" else (
        cast(_UNITS.c.features, Text))
    stmt = select(_UNITS.c.key, _UNITS.c.incident_id, features)
    if day is not None:
        lo, hi = day - timedelta(days=window_days), day + timedelta(days=window_days)
        stmt = stmt.where(or_(_UNITS.c.anchor.between(lo, hi), _UNITS.c.anchor.is_(None)))
    sides = _sides_may_match(unit.parties)
    if sides is not None:
        stmt = stmt.where(sides)
    # An undated unit has no window to narrow by: `related` may tie it to any stored unit on strong
    # evidence (same sides, a shared figure, similar wording), so it is compared with all of them.
    # Such units are rare: they need an article with neither a publication date nor an event date.
    return [(incident_id, parsed_units.get(key, raw)) for key, incident_id, raw in session.execute(stmt)]


def absorb(*, session: Session, keep: int, others: Iterable[int]) -> None:
    """Move every claim and unit of `others` into incident `keep` and delete `others`."""
    gone = sorted(set(others) - {keep})
    if not gone:
        return
    session.execute(update(Claim).where(col(Claim.incident_id).in_(gone)).values(incident_id=keep))
    session.execute(
        update(IncidentUnit).where(col(IncidentUnit.incident_id).in_(gone)).values(incident_id=keep)
    )
    session.execute(update(Flag).where(col(Flag.incident_id).in_(gone)).values(incident_id=keep))
    session.execute(delete(IncidentProvince).where(col(IncidentProvince.incident_id).in_(gone)))
    session.execute(delete(IncidentParty).where(col(IncidentParty.incident_id).in_(gone)))
    session.execute(delete(Incident).where(col(Incident.id).in_(gone)))


def new_incident(session: Session) -> int:
    """The id of a new, empty incident (its fields are filled by `refresh`)."""
    incident = Incident(title="(untitled incident)", updated_at=_now())
    session.add(incident)
    session.flush()
    assert incident.id is not None
    return incident.id


def unit_suffix(key: str) -> str:
    """A unit's key without its article part: the same for every reading of the article."""
    return key.split(":", 1)[1] if ":" in key else key


def pinned_ids(*, session: Session, incident_ids: Iterable[int]) -> set[int]:
    """Those of `incident_ids` that a person merged or split."""
    ids = sorted(set(incident_ids))
    if not ids:
        return set()
    stmt = select(col(Incident.id)).where(col(Incident.id).in_(ids), col(Incident.pinned).is_(True))
    return {int(i) for i in session.execute(stmt).scalars()}


def place_units(
    *,
    session: Session,
    article_id: int,
    units: Sequence[grouping.Unit],
    claim_ids: Sequence[int],
    window_days: int,
    pins: dict[str, int] | None = None,
) -> set[int]:
    """The ids of the incidents touched after placing each unit of one new article.

    A unit joins every incident holding a stored unit it is related to (merging them when it
    bridges several), or starts a new one. `pins` (unit key without its article part -> incident)
    sends a re-read unit back to the incident a person put it in. Because `related` is a pairwise test, the result is
    the connected components of all units, whatever order articles arrive in.
    """
    touched: set[int] = set()
    for unit in units:
        linked = {
            incident_id
            for incident_id, stored in _candidates(session=session, unit=unit, window_days=window_days)
            if grouping.related(unit, stored, window_days=window_days)
        }
        # Incidents a person merged or split stay as they are: a new report joins the first of
        # them it matches and never bridges two of them into one.
        pin = (pins or {}).get(unit_suffix(unit.key))
        if pin is not None and session.get(Incident, pin) is not None:
            # A re-read unit goes back to the incident a person merged or split it into.
            linked.add(pin)
            pinned = pinned_ids(session=session, incident_ids=linked)
            keep = pin
        else:
            # Pins only matter when a unit bridges incidents (one query saved on most placements).
            pinned = pinned_ids(session=session, incident_ids=linked) if len(linked) > 1 else set()
            keep = min(pinned or linked) if linked else new_incident(session)
        absorb(session=session, keep=keep, others=linked - pinned)
        touched -= linked
        touched.add(keep)
        ids = [claim_ids[i] for i in unit.claim_indexes]
        session.add(
            IncidentUnit(
                key=unit.key,
                article_id=article_id,
                incident_id=keep,
                anchor=grouping.anchor(unit),
                sides=sides_column(unit.parties),
                # The claim ids themselves: after a re-extraction that kept people's claims, the
                # article's claims are no longer in extraction order.
                features={**unit_to_features(unit), "claim_ids": ids},
            )
        )
        if ids:
            session.execute(update(Claim).where(col(Claim.id).in_(ids), col(Claim.incident_locked).is_(False))
                            .values(incident_id=keep))
        session.flush()
    return touched


def withdraw_article(*, session: Session, article_id: int, tolerance: float) -> set[int]:
    """The incidents that lost an article's units and claims (a superseded version), refreshed.

    The claims stay stored, with any review they had; they no longer count in an incident.
    """
    touched = set(session.exec(orm_select(IncidentUnit.incident_id).where(IncidentUnit.article_id == article_id)))
    session.execute(delete(IncidentUnit).where(col(IncidentUnit.article_id) == article_id))
    session.execute(update(Claim).where(col(Claim.article_id) == article_id).values(incident_id=None))
    session.flush()
    refresh(session=session, incident_ids=touched, tolerance=tolerance)
    return touched


def refresh(*, session: Session, incident_ids: Iterable[int], tolerance: float) -> None:
    """Recompute each incident's title, dates, places, headline and discrepancy from its claims."""
    for incident_id in sorted(set(incident_ids)):
        incident = session.get(Incident, incident_id)
        if incident is None:
            continue
        rows = claims_service.list_for_incident(session=session, incident_id=incident_id)
        if not rows:
            session.execute(delete(Incident).where(col(Incident.id) == incident_id))
            continue
        _apply(session=session, incident=incident, rows=rows, tolerance=tolerance)
    session.flush()


def open_flag_count(*, session: Session, incident_id: int, claim_ids: Sequence[int]) -> int:
    """The number of open flags on the incident or on any of these claims."""
    on = col(Flag.incident_id) == incident_id
    if claim_ids:
        on = or_(on, col(Flag.claim_id).in_(claim_ids))
    stmt = select(func.count()).select_from(Flag).where(col(Flag.status) == "open", on)
    return int(session.execute(stmt).scalar_one())


def _row_data(row: Row, names: dict[str, str]) -> dict[str, object]:
    figures = {c: cell.current.value for c, cell in row.cells.items() if cell.current is not None}
    return {"subject": row.subject, "label": row_label(row, names), "figures": figures}


def headline_data(comparison: Comparison, names: dict[str, str]) -> dict[str, object]:
    """The headline row's current figure per claimant, and under "metrics" the same of each metric's
    leading row (chosen as the headline is), for the timeline chart."""
    row = comparison.headline
    if row is None:
        return {}
    by_metric: dict[str, list[Row]] = {}
    for r in comparison.rows:
        by_metric.setdefault(r.metric, []).append(r)
    metrics = {m: _row_data(lead, names) for m, rows in by_metric.items() if (lead := lead_row(rows)) is not None}
    return {"metric": row.metric, **_row_data(row, names), "metrics": metrics}


def _apply(
    *, session: Session, incident: Incident, rows: list[tuple[Claim, Article]], tolerance: float
) -> None:
    claims = [c for c, _ in rows]
    articles = {a.id: a for _, a in rows}
    comparison = compare(claims_service.facts(rows), tolerance=tolerance)
    # The span most claims agree on: one report's stray date must not stretch the incident.
    span = summary.event_span([c.event_date for c in claims if c.event_date]) or summary.event_span(
        [a.published for a in articles.values() if a.published]
    )
    first, last = span if span else (None, None)
    provinces = sorted({p for c in claims for p in c.provinces})
    parties = sorted({c.claimant for c in claims} | {c.subject for c in claims})
    texts = [c.evidence for c in claims]
    names = {p: display_name(p) for p in parties}
    incident.title = summary.title(
        metrics=[c.metric for c in claims],
        provinces=[p for c in claims for p in c.provinces],
        first=first,
        last=last,
        texts=texts,
    )
    incident.summary = summary.one_line(comparison, names)
    incident.first_date = first
    incident.last_date = last
    incident.provinces = provinces
    incident.parties = parties
    incident.discrepancy = comparison.disagreement
    incident.contested = comparison.contested
    incident.headline = summary.headline(comparison, names) or ""
    incident.headline_data = headline_data(comparison, names)
    incident.claim_count = len(claims)
    incident.article_count = len(articles)
    incident.outlet_count = count_outlets(a.outlet for a in articles.values())
    incident.last_reported = max((a.published for a in articles.values() if a.published), default=None)
    status_of: dict[int | str | None, str] = {c.id: c.review_status for c in claims}
    if comparison.headline is not None:
        incident.headline_data["review"] = {
            claimant: grading.figure_review(status_of.get(i, "unreviewed") for i in cell.current.claim_ids)
            for claimant, cell in comparison.headline.cells.items() if cell.current is not None
        }
    incident.open_flags = open_flag_count(session=session, incident_id=incident.id or 0,
                                          claim_ids=[c.id for c in claims if c.id is not None])
    incident.grade = grading.grade(statuses=status_of.values(), contested=comparison.contested,
                                   outlets=incident.outlet_count)
    incident.updated_at = _now()
    session.add(incident)
    session.execute(delete(IncidentProvince).where(col(IncidentProvince.incident_id) == incident.id))
    assert incident.id is not None
    session.add_all(
        IncidentProvince(incident_id=incident.id, province=p, first_date=incident.first_date)
        for p in provinces
    )
    session.execute(delete(IncidentParty).where(col(IncidentParty.incident_id) == incident.id))
    roles = (
        {("claimant", c.claimant) for c in claims}
        | {("subject", c.subject) for c in claims}
        | {("metric", c.metric) for c in claims}
    )
    session.add_all(
        IncidentParty(incident_id=incident.id, role=role, party=party, first_date=incident.first_date)
        for role, party in sorted(roles)
    )


@dataclass(frozen=True, slots=True)
class RegroupResult:
    """What regrouping did, and the human decisions it left alone."""

    units: int
    incidents: int
    kept_pinned_incidents: int  # incidents a person merged or split, kept as they are
    kept_claims: int  # claims a person moved or added, left in the incident they chose


def regroup(*, session: Session, window_days: int, tolerance: float) -> RegroupResult:
    """What grouping every stored unit afresh did, keeping every human decision.

    Units of incidents a person merged or split stay in them; other units are grouped afresh,
    and a group related to a kept unit joins its incident. Claims a person moved or added keep
    their incident. Each other group keeps the lowest existing incident id among its units, so
    links to incidents stay valid where the grouping did not change.
    """
    stored = list(session.exec(orm_select(IncidentUnit)).all())
    pinned = {int(i) for i in session.execute(select(col(Incident.id)).where(col(Incident.pinned).is_(True))).scalars()}
    units = {s.key: unit_from_features(s.features) for s in stored}
    labels = grouping.group(units.values(), window_days=window_days)
    components: dict[str, list[IncidentUnit]] = {}
    for s in stored:
        components.setdefault(labels[s.key], []).append(s)
    used: set[int] = set(pinned)
    moved_to: dict[int, int] = {}  # old incident -> where its first unit went, for its flags
    claim_ids_by_article: dict[int, list[int]] = {}
    for members in sorted(components.values(), key=lambda m: min(s.key for s in m)):
        kept = sorted({s.incident_id for s in members} & pinned)
        existing = sorted({s.incident_id for s in members} - used)
        target = kept[0] if kept else existing[0] if existing else new_incident(session)
        used.add(target)
        for s in members:
            if s.incident_id in pinned:
                target_of_unit = s.incident_id
            else:
                moved_to.setdefault(s.incident_id, target)
                target_of_unit = target
            s.incident_id = target_of_unit
            session.add(s)
            stored_ids = s.features.get("claim_ids")
            if isinstance(stored_ids, list):
                ids = [int(i) for i in stored_ids]
            else:
                ids = _unit_claim_ids(session, claim_ids_by_article, s.article_id, units[s.key])
            if ids:
                session.execute(
                    update(Claim)
                    .where(col(Claim.id).in_(ids), col(Claim.incident_locked).is_(False))
                    .values(incident_id=target_of_unit)
                )
    session.flush()
    locked = session.execute(
        select(col(Claim.incident_id)).where(col(Claim.incident_locked).is_(True) | (col(Claim.origin) != "extractor"))
    ).scalars().all()
    used |= {i for i in locked if i is not None}
    all_ids = set(session.exec(orm_select(Incident.id)).all())
    stale = sorted(i for i in all_ids - used if i is not None)
    for old in stale:
        if old in moved_to:
            session.execute(update(Flag).where(col(Flag.incident_id) == old).values(incident_id=moved_to[old]))
    if stale:
        session.execute(delete(Incident).where(col(Incident.id).in_(stale)))
    refresh(session=session, incident_ids=used, tolerance=tolerance)
    return RegroupResult(units=len(stored), incidents=len(used), kept_pinned_incidents=len(pinned),
                         kept_claims=len(locked))


def _unit_claim_ids(
    session: Session, cache: dict[int, list[int]], article_id: int, unit: grouping.Unit
) -> list[int]:
    """The claim ids of a unit stored before units kept their claim ids (by extraction order)."""
    if article_id not in cache:
        cache[article_id] = [c.id for c in claims_service.list_for_article(session=session, article_id=article_id)
                             if c.id is not None and c.origin == "extractor"]
    return _claim_ids_of(cache[article_id], unit)


def unit_claim_ids(*, session: Session, unit: IncidentUnit) -> list[int]:
    """The ids of the claims a stored unit holds."""
    stored = unit.features.get("claim_ids")
    if isinstance(stored, list):
        return [int(i) for i in stored]
    return _unit_claim_ids(session, {}, unit.article_id, unit_from_features(unit.features))


def _claim_ids_of(article_claim_ids: list[int], unit: grouping.Unit) -> list[int]:
    # Claims are stored in extraction order, so a unit's claim indexes map onto the article's
    # extractor claim ids sorted by id (claims an editor added are not the extractor's).
    ordered = sorted(article_claim_ids)
    return [ordered[i] for i in unit.claim_indexes if i < len(ordered)]
