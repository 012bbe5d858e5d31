"""A claim in the vocabulary of spec/claims.md: one JSON-ready dict per claim."""

from __future__ import annotations

from typing import Any

from .types import ExtractedClaim


def claim_to_spec(claim: ExtractedClaim, article: str) -> dict[str, Any]:
    """The spec's fields of `claim` (plus start, end, value_text, rule, story, agent, claimant_name, date_basis)."""
    return {
        "article": article,
        "claimant": claim.claimant,
        "metric": claim.metric,
        "subject": claim.subject,
        "value": claim.value,
        "value_high": claim.value_high,
        "qualifier": claim.qualifier,
        "stance": claim.stance,
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "provinces": list(claim.provinces),
        "evidence": claim.evidence,
        "start": claim.start,
        "end": claim.end,
        "value_text": claim.value_text,
        "rule": claim.rule,
        "story": claim.story,
        "agent": claim.agent,
        "claimant_name": claim.claimant_name,
        "date_basis": claim.date_basis,
    }
