"""What the incident page and its JSON twin show, built once so the two never disagree."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlmodel import Session

from app.articles.highlight import context as evidence_context
from app.articles.highlight import passages
from app.articles.service import article_title
from app.claims import service as claims_service
from app.incidents import service
from app.incidents.comparison import Comparison, compare
from app.incidents.measures import Bound, Disagreement
from app.incidents.wording import count_label, headline_text, row_label
from app.parties.service import display_name

ABOUT_URL = "/about/figures"


def incident_context(*, session: Session, incident_id: int, tolerance: float) -> dict[str, Any]:
    """The incident, its comparison grid, its sources with evidence in context, and chart data."""
    incident = service.get(session=session, incident_id=incident_id)
    rows = claims_service.list_for_incident(session=session, incident_id=incident_id)
    comparison = compare(claims_service.facts(rows), tolerance=tolerance)
    names = {p: display_name(p) for p in {c.claimant for c, _ in rows} | {c.subject for c, _ in rows}}
    by_article: dict[int, dict[str, Any]] = {}
    for claim, article in rows:
        assert article.id is not None
        entry = by_article.setdefault(article.id, {"article": article, "claims": [], "quotes": []})
        before, evidence, after = evidence_context(article.text, claim.evidence_start, claim.evidence_end)
        entry["claims"].append({"claim": claim, "before": before, "evidence": evidence, "after": after})
    for entry in by_article.values():
        # Claims whose quotations overlap share one: the page shows each stretch of text once.
        claims = {item["claim"].id: item["claim"] for item in entry["claims"]}
        spans = [(c.id, c.evidence_start, c.evidence_end) for c in claims.values()]
        entry["quotes"] = [
            {"passage": p, "claims": [claims[i] for i in p.claims]}
            for p in passages(entry["article"].text, spans)
        ]
    from app.incidents import charts

    return {
        "incident": incident,
        "comparison": comparison,
        "names": names,
        "row_label": lambda row: row_label(row, names),
        "count_label": lambda metric, subject: count_label(metric, subject, names),
        "headline": headline_text(comparison, names=names),
        "sources": list(by_article.values()),
        "bar_chart": charts.bar_figure(comparison, names),
        "history_chart": charts.history_figure(comparison, names),
    }


def _figure_json(f: Any) -> dict[str, Any]:
    return {
        "value": f.value,
        "value_high": f.value_high,
        "qualifier": f.qualifier,
        "stance": f.stance,
        "text": f.text,
        "status": f.status,
        "articles": f.articles,
        "outlets": f.outlets,
        "first_reported": f.first_reported.isoformat() if f.first_reported else None,
        "last_reported": f.last_reported.isoformat() if f.last_reported else None,
        "current": f.current,
        "claim_ids": list(f.claim_ids),
    }


def _bound_json(b: Bound | None) -> dict[str, float | None] | None:
    return None if b is None else {"low": b.low, "high": b.high}


def disagreement_json(d: Disagreement) -> dict[str, Any]:
    """A row's disagreement between parties as JSON (measures defined in app.incidents.measures)."""
    return {
        "kind": d.kind,
        "parties": d.parties,
        "party_figures": [{"low": s.low, "high": s.high} for s in d.spans],
        "ratio": _bound_json(d.ratio),
        "ratio_text": d.ratio_text,
        "gap": _bound_json(d.gap),
        "gap_text": d.gap_text,
        "can_agree": d.can_agree,
    }


def comparison_json(comparison: Comparison, names: dict[str, str]) -> dict[str, Any]:
    """The grid as plain JSON."""
    return {
        "claimants": [{"id": c, "name": names.get(c, c)} for c in comparison.claimants],
        "disagreement": round(comparison.disagreement, 3),
        "contested": comparison.contested,
        "about": ABOUT_URL,
        "rows": [
            {
                "metric": row.metric,
                "subject": row.subject,
                "label": row_label(row, names),
                "contested": row.contested,
                "denied": row.denied,
                "disagreement": disagreement_json(row.disagreement),
                "cells": {
                    claimant: {
                        "figures": [_figure_json(f) for f in cell.figures],
                        "current": _figure_json(cell.current) if cell.current else None,
                        "denies": cell.denies,
                        "trend": cell.trend,
                        "articles": cell.articles,
                        "outlets": cell.outlets,
                    }
                    for claimant, cell in row.cells.items()
                },
            }
            for row in comparison.rows
        ],
    }


def incident_json(context: dict[str, Any]) -> dict[str, Any]:
    """The incident page as JSON."""
    incident = context["incident"]
    sources = defaultdict(list)
    for entry in context["sources"]:
        article = entry["article"]
        for item in entry["claims"]:
            claim = item["claim"]
            sources[article.id].append({
                "claim_id": claim.id,
                "claimant": claim.claimant,
                "metric": claim.metric,
                "subject": claim.subject,
                "value": claim.value,
                "value_high": claim.value_high,
                "qualifier": claim.qualifier,
                "stance": claim.stance,
                "value_text": claim.value_text,
                "event_date": claim.event_date.isoformat() if claim.event_date else None,
                "date_basis": claim.date_basis,
                "provinces": claim.provinces,
                "evidence": claim.evidence,
                "evidence_start": claim.evidence_start,
                "evidence_end": claim.evidence_end,
                "rule": claim.rule,
                "review_status": claim.review_status,
                "url": f"/articles/{article.id}#claim-{claim.id}",
            })
    return {
        "id": incident.id,
        "title": incident.title,
        "summary": incident.summary,
        "first_date": incident.first_date.isoformat() if incident.first_date else None,
        "last_date": incident.last_date.isoformat() if incident.last_date else None,
        "provinces": incident.provinces,
        "parties": incident.parties,
        "headline": incident.headline,
        "disagreement": round(incident.discrepancy, 3),
        "last_reported": incident.last_reported.isoformat() if incident.last_reported else None,
        "contested": incident.contested,
        "comparison": comparison_json(context["comparison"], context["names"]),
        "articles": [
            {
                "id": e["article"].id,
                "url": f"/articles/{e['article'].id}",
                "title": article_title(e["article"]),
                "outlet": e["article"].outlet,
                "published": e["article"].published.isoformat() if e["article"].published else None,
                "source_url": e["article"].url,
                "claims": sources[e["article"].id],
            }
            for e in context["sources"]
        ],
    }
